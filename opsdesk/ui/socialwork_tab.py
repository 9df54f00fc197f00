"""Praca socjalna i usługi: the caseload on the left (clients waiting to be taken, my
clients, everyone's), the client on the right — the methodical process with its notes,
the kontrakt socjalny, services, other tasks and the formal messages — and the next step
as the first button."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from opsdesk import clock
from opsdesk.changes import Changes
from opsdesk.errors import ValidationError
from opsdesk.formatting import format_date, format_money, parse_date, plural_pl
from opsdesk.labels import label
from opsdesk.models.enums import (
    ProviderKind,
    Role,
    ServiceCategory,
    SocialWorkMethod,
    SocialWorkStatus,
    TargetGroup,
    TaskKind,
)
from opsdesk.services import messages, services_plan, socialwork, users
from opsdesk.services.actions import Action, Actions
from opsdesk.services.permissions import Permission
from opsdesk.services.queue import NEAR_DAYS  # near, as every deadline of the program
from opsdesk.services.services_plan import (
    CatalogForm,
    CatalogRow,
    ServicePlanForm,
    ServicePlanRow,
)
from opsdesk.services.socialwork import (
    ENDINGS,
    CaseloadRow,
    ContractForm,
    ContractRow,
    PlanForm,
    SocialWorkDetail,
    TaskRow,
)
from opsdesk.ui.blue_card_panel import BlueCardPanel
from opsdesk.ui.context import AppContext
from opsdesk.ui.errors import confirm
from opsdesk.ui.export import export_button
from opsdesk.ui.inbox import MessageDialog, MessageList
from opsdesk.ui.person_dialog import choose_person
from opsdesk.ui.tables import (
    AMBER,
    RED,
    Column,
    RowsModel,
    make_table,
    reselect,
    row_actions,
    selected_row,
)
from opsdesk.ui.widgets import (
    ActionPanel,
    EnumCombo,
    FormDialog,
    checkbox,
    date_edit,
    enum_combo,
    html_text,
    line,
    push,
    text_box,
)

AREA = Changes.SOCIALWORK
# Whose actions enable a button: the client's, its contract's, the selected service's, task's.
CLIENT, CONTRACT, PLAN, TASK = "client", "contract", "plan", "task"


def _days(n: int) -> str:
    return f"{n} {plural_pl(n, 'dzień', 'dni', 'dni')}"


def status_text(row: CaseloadRow, today: date) -> str:
    """Colour is never the only signal: a late client says so in words."""
    left = row.waiting_days_left(today)
    if left is None:
        return label(row.status)
    waiting = "czeka na przyjęcie" if row.worker_id is None else "czeka na klienta"
    due = f"{waiting}, zgłoszenie do {format_date(row.report_by)}"
    if left < 0:
        return f"{due} — po terminie ({_days(-left)})"
    return f"{due} — zostało {_days(left)}" if left <= NEAR_DAYS else due


def status_color(row: CaseloadRow, today: date) -> Any:
    left = row.waiting_days_left(today)
    if left is None:
        return None
    return RED if left < 0 else AMBER if left <= NEAR_DAYS else None


class ActionDialog(FormDialog):
    """A small form whose OK runs one service call built from what was typed; a typed date
    that is no date is refused at its field before anything is sent. An action that asks
    first and is answered No builds no call (None): the form stays open as typed."""

    def __init__(self, ctx: AppContext, title: str, fields: list[tuple[str, str, QWidget]],
                 action: Callable[[ActionDialog], Callable[[Session], Any] | None],
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, title, parent)
        self.action = action
        for name, caption, widget in fields:
            self.add(name, caption, widget)
        self.mark_pristine()

    def value(self, name: str) -> Any:
        widget = self.field(name)
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText()
        if isinstance(widget, QLineEdit):
            return widget.text()
        if isinstance(widget, QDateEdit):
            return widget.date().toPython()
        if isinstance(widget, EnumCombo):
            return widget.value()
        if isinstance(widget, QComboBox):
            return widget.currentData()
        raise TypeError(name)

    def dates(self, name: str) -> tuple[date, ...]:
        """Dates typed in one line: "15.12.2026, 29.01.2027"."""
        parts = [p for p in self.value(name).replace(";", ",").split(",") if p.strip()]
        try:
            return tuple(parse_date(p) for p in parts)
        except ValueError as exc:
            raise ValidationError(str(exc), field=name) from None

    def submit(self) -> None:
        try:
            fn = self.action(self)
        except ValidationError as exc:
            self.show_field_error(exc.message, exc.field)
            return
        if fn is not None:
            self.save(fn, changed=AREA)


def _combo(items: list[tuple[str, Any]], *, object_name: str = "") -> QComboBox:
    combo = QComboBox()
    for text, data in items:
        combo.addItem(text, data)
    if object_name:
        combo.setObjectName(object_name)
    return combo


def caseload_columns(today: date) -> list[Column[CaseloadRow]]:
    return [
        Column("Klient", lambda r: r.person_name),
        Column("Stan", lambda r: status_text(r, today),
               sort_key=lambda r: (r.status is not SocialWorkStatus.REFERRED,
                                   r.report_by or date.max),
               color=lambda r: status_color(r, today)),
        Column("Etap", lambda r: label(r.stage) if r.status is SocialWorkStatus.ACTIVE else ""),
        Column("Skąd", lambda r: label(r.source)),
        Column("Prowadzi", lambda r: r.worker_name),
        Column("Sprawa w Świadczeniach", lambda r: r.case_sign),
    ]


PLAN_COLUMNS: list[Column[ServicePlanRow]] = [
    Column("Usługa", lambda r: r.service),
    Column("Okres", lambda r: f"{format_date(r.period_from)}–{format_date(r.period_to)}",
           sort_key=lambda r: r.period_from),
    Column("Ilość", lambda r: f"{r.units.normalize():f} {r.unit_name}".replace(".", ","),
           align_right=True),
    Column("Koszt", lambda r: format_money(r.total_cost), sort_key=lambda r: r.total_cost,
           align_right=True),
    Column("Odpłatność", lambda r: format_money(r.client_total),
           sort_key=lambda r: r.client_total, align_right=True),
    Column("Wykonawca", lambda r: r.provider or label(r.provider_kind)),
    Column("Stan", lambda r: label(r.status) + (f" — decyzja nr {r.decision_number}"
                                                if r.decision_number else "")),
]
TASK_COLUMNS: list[Column[TaskRow]] = [
    Column("Zadanie", lambda r: label(r.kind)),
    Column("Od", lambda r: format_date(r.started_on), sort_key=lambda r: r.started_on),
    Column("Termin", lambda r: format_date(r.due_on) if r.due_on else "",
           sort_key=lambda r: r.due_on or date.max),
    Column("Stan", lambda r: label(r.status) + (f" {format_date(r.ended_on)}" if r.ended_on
                                                else "")),
    Column("Pracownik", lambda r: r.worker_name),
    Column("Opis", lambda r: r.description.replace("\n", " ")[:120]),
]


class SocialWorkTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("socialWorkTab")
        self.today = clock.today()
        self.detail_data: SocialWorkDetail | None = None
        self.model: RowsModel[CaseloadRow] = RowsModel(caseload_columns(self.today), self)
        self.view = make_table(self.model, object_name="caseload")
        self.scope = _combo([("moi klienci", "mine"), ("czekają na przyjęcie", "waiting"),
                             ("wszyscy klienci zespołu", "all")], object_name="caseloadScope")
        if not ctx.actor.has_role(Role.SOCIAL_WORK):
            self.scope.setCurrentIndex(2)
        self.show_closed = checkbox("pokaż zakończonych", object_name="showClosed")
        self.scope.currentIndexChanged.connect(lambda _i: self.refresh())
        self.show_closed.toggled.connect(lambda _c: self.refresh())

        self.header = QLabel("Wybierz klienta z listy.")
        self.header.setObjectName("clientHeader")
        self.header.setWordWrap(True)
        self.process = self._text_label("processText")
        self.contracts = self._text_label("contractText")
        self.plans: RowsModel[ServicePlanRow] = RowsModel(PLAN_COLUMNS, self)
        self.plan_view = make_table(self.plans, object_name="servicePlans")
        self.tasks: RowsModel[TaskRow] = RowsModel(TASK_COLUMNS, self)
        self.task_view = make_table(self.tasks, object_name="tasks")
        # "Przeczytano" saves with changed=Changes.MESSAGES: the client is refreshed then.
        self.letters = MessageList(ctx, self)

        self.accept_button = push("Przyjmuję klienta", object_name="acceptClient",
                                  slot=self.accept_client)
        self.assign_button = push("Przydziel pracownikowi…", object_name="assignClient",
                                  slot=self.assign_client)
        self.meeting_button = push("Pierwsze spotkanie…", object_name="firstMeeting",
                                   slot=self.first_meeting)
        self.not_came_button = push("Nie zgłosił(a) się", object_name="notCame", slot=self.not_came)
        self.note_button = push("Notatka…", object_name="addNote", slot=self.add_note)
        self.plan_button = push("Plan pracy…", object_name="savePlan", slot=self.save_plan)
        self.stage_button = push("Następny etap", object_name="nextStage", slot=self.next_stage)
        self.letter_button = push("Pismo do Świadczeń…", object_name="writeLetter",
                                  slot=self.write_letter)
        self.refusal_button = push("Odmowa współpracy…", object_name="refusal", slot=self.refusal)
        self.close_button = push("Zakończ pracę socjalną…", object_name="closeWork",
                                 slot=self.close_work)
        self.contract_new = push("Zawrzyj kontrakt…", object_name="newContract",
                                 slot=self.new_contract)
        self.contract_review = push("Ocena realizacji…", object_name="reviewContract",
                                    slot=self.review_contract)
        self.contract_end = push("Zakończ kontrakt…", object_name="endContract",
                                 slot=self.end_contract)
        self.contract_report = push("Zgłoś niedotrzymanie do Świadczeń…",
                                    object_name="reportContract", slot=self.report_contract)
        self.contract_pdf = push("Podgląd kontraktu (PDF)", object_name="contractPdf",
                                 slot=self.show_contract)
        self.plan_new = push("Nowa usługa…", object_name="newService", slot=self.new_service)
        self.plan_request = push("Wyślij do Świadczeń o decyzję…", object_name="requestDecision",
                                 slot=self.request_decision)
        self.plan_start = push("Rozpocznij usługę", object_name="startService",
                               slot=self.start_service)
        self.plan_end = push("Zakończ usługę", object_name="endService", slot=self.end_service)
        self.task_new = push("Nowe zadanie…", object_name="newTask", slot=self.new_task)
        self.task_finish = push("Zakończ zadanie…", object_name="finishTask", slot=self.finish_task)
        # Each button with the rows whose actions enable it and the action it runs.
        self.button_actions: list[tuple[QPushButton, str, Action]] = [
            (self.accept_button, CLIENT, Action.ACCEPT),
            (self.assign_button, CLIENT, Action.ASSIGN),
            (self.meeting_button, CLIENT, Action.FIRST_MEETING),
            (self.not_came_button, CLIENT, Action.NOT_CAME),
            (self.note_button, CLIENT, Action.NOTE),
            (self.plan_button, CLIENT, Action.WORK_PLAN),
            (self.stage_button, CLIENT, Action.ADVANCE),
            (self.letter_button, CLIENT, Action.LETTER),
            (self.refusal_button, CLIENT, Action.REFUSAL),
            (self.close_button, CLIENT, Action.CLOSE),
            (self.contract_new, CLIENT, Action.CONCLUDE_CONTRACT),
            (self.contract_review, CONTRACT, Action.REVIEW),
            (self.contract_end, CONTRACT, Action.END),
            (self.contract_report, CONTRACT, Action.REPORT),
            (self.contract_pdf, CONTRACT, Action.PRINT),
            (self.plan_new, CLIENT, Action.PLAN_SERVICE),
            (self.plan_request, PLAN, Action.REQUEST_DECISION),
            (self.plan_start, PLAN, Action.START),
            (self.plan_end, PLAN, Action.END),
            (self.task_new, CLIENT, Action.ADD_TASK),
            (self.task_finish, TASK, Action.FINISH),
        ]
        may = socialwork.role_actions(ctx.actor)
        self.role_buttons = [b for b, _rows, action in self.button_actions if action in may]
        self.flow_buttons = self._role_only([
            self.accept_button, self.assign_button, self.meeting_button, self.not_came_button,
            self.note_button, self.plan_button, self.stage_button, self.letter_button,
            self.refusal_button, self.close_button])

        self.sections = QTabWidget()
        self.sections.setObjectName("clientSections")
        self.sections.addTab(self.process, "Przebieg pracy")
        self.contract_buttons = self._role_only([
            self.contract_new, self.contract_review, self.contract_end, self.contract_report,
            self.contract_pdf])
        self.plan_buttons = self._role_only([self.plan_new, self.plan_request, self.plan_start,
                                             self.plan_end])
        self.task_buttons = self._role_only([self.task_new, self.task_finish])
        self.sections.addTab(self._page(self.contracts, self.contract_buttons, "contractActions"),
                             "Kontrakt socjalny")
        self.sections.addTab(self._page(self.plan_view, self.plan_buttons, "serviceActions"),
                             "Usługi")
        self.sections.addTab(self._page(self.task_view, self.task_buttons, "taskActions"),
                             "Inne zadania")
        self.sections.addTab(self.letters, "Pisma")
        self.blue_cards = BlueCardPanel(ctx, self)  # social work and the head only
        if ctx.actor.can(Permission.BLUE_CARD_READ):
            self.sections.addTab(self.blue_cards, "Niebieska Karta")

        top = QHBoxLayout()
        top.addWidget(QLabel("Pokaż:"))
        top.addWidget(self.scope)
        top.addWidget(self.show_closed)
        top.addWidget(export_button(ctx, self, self.view, "Klienci pracy socjalnej"))
        top.addStretch(1)
        top.addWidget(push("Nowy klient (z własnej inicjatywy)…", object_name="ownClient",
                           slot=self.own_client))
        top.addWidget(push("Katalog usług…", object_name="serviceCatalog",
                           slot=lambda: CatalogDialog(ctx, self).exec()))

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.header)
        right_layout.addWidget(self.sections, 1)
        # The client's actions stay put: enabled by the client's state, never moved (issue 15).
        self.client_panel = ActionPanel(self.flow_buttons, columns=3, object_name="clientActions")
        right_layout.addWidget(self.client_panel)
        splitter = QSplitter()
        splitter.addWidget(self.view)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([520, 780])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

        self.view.selectionModel().selectionChanged.connect(lambda *_: self.update_detail())
        for view in (self.plan_view, self.task_view):
            view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        # Enter or the right button on a row: the same actions as the buttons for it.
        row_actions(self.view, lambda: self.flow_buttons)
        row_actions(self.plan_view, lambda: self.plan_buttons)
        row_actions(self.task_view, lambda: self.task_buttons)
        ctx.listen(AREA | Changes.MESSAGES | Changes.INTAKES | Changes.PERSONS | Changes.CASES,
                   self.refresh)
        self.refresh()

    # --- building blocks ---

    def _text_label(self, name: str) -> QTextBrowser:
        text = QTextBrowser()
        text.setObjectName(name)
        return text

    def _role_only(self, buttons: list[QPushButton]) -> list[QPushButton]:
        """The buttons of actions the worker's role may take; the others are never shown."""
        for button in buttons:
            if button not in self.role_buttons:
                button.setParent(self)
                button.hide()
        return [b for b in buttons if b in self.role_buttons]

    def _page(self, body: QWidget, buttons: list[QPushButton], name: str) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(body, 1)
        layout.addWidget(ActionPanel(buttons, columns=3, object_name=name))
        return page

    # --- reading ---

    def refresh(self) -> None:
        scope, closed = self.scope.currentData(), self.show_closed.isChecked()
        rows = self.ctx.read(self, lambda s: socialwork.caseload(
            s, actor=self.ctx.actor, scope=scope, include_closed=closed, today=self.today))
        chosen = self.current()
        self.model.set_rows(rows or [])
        # Selecting the client again shows the detail through the selection signal.
        if chosen is None or not reselect(self.view, lambda r: r.id == chosen.id):
            self.update_detail()

    def current(self) -> CaseloadRow | None:
        row = selected_row(self.view)
        return row if isinstance(row, CaseloadRow) else None

    def update_detail(self) -> None:
        row = self.current()
        self.detail_data = None
        self.blue_cards.show_person(row.person_id if row else None)
        if row is None:
            self.header.setText("Wybierz klienta z listy.")
            for widget in (self.process, self.contracts):
                widget.setText("")
            self.plans.set_rows([])
            self.tasks.set_rows([])
            self.letters.set_rows([])
            self._update_buttons()
            return
        a = self.ctx.actor
        self.detail_data = self.ctx.read(self, lambda s: socialwork.detail(s, row.id, actor=a))
        plans = self.ctx.read(self, lambda s: services_plan.service_plans(
            s, actor=a, person_id=row.person_id))
        letters = self.ctx.read(self, lambda s: messages.messages_of_person(
            s, row.person_id, actor=a))
        self.plans.set_rows(plans or [])
        self.letters.set_rows(letters or [])
        detail = self.detail_data
        if detail is not None:
            self.tasks.set_rows(list(detail.tasks))
            self.header.setText(self._header_html(detail))
            self.process.setText(self._process_html(detail))
            self.contracts.setText(self._contracts_html(detail))
        self._update_buttons()

    def _header_html(self, d: SocialWorkDetail) -> str:
        r = d.row
        case = f" · sprawa {r.case_sign}" if r.case_sign else ""
        worker = r.worker_name or "nikt jeszcze nie przyjął"
        return (f"<h3>{html_text(r.person_name)}</h3><p>{html_text(status_text(r, self.today))}"
                f" · {label(r.source)}{case}<br>Prowadzi: {html_text(worker)}"
                f" · skierowano {format_date(r.referred_on)}</p>")

    def _process_html(self, d: SocialWorkDetail) -> str:
        r = d.row
        if r.status is SocialWorkStatus.REFERRED:
            return "<p>Klient jeszcze się nie zgłosił — odnotuj pierwsze spotkanie.</p>"
        stages = " → ".join(
            (f"<b>{label(stage)}</b>" if stage is r.stage else label(stage))
            + (f" ({format_date(on)})" if on else "") for stage, on in d.stage_dates)
        parts = [f"<p>Etapy: {stages}</p>",
                 f"<p>Metoda: {label(d.method)}"
                 + (f" · narzędzia: {html_text(d.tools)}" if d.tools else "") + "<br>"
                 + (f"Cele uzgodnione z klientem {format_date(d.goals_agreed_on)}:<br>"
                    f"{html_text(d.goals)}" if d.goals_agreed_on else "Cele: jeszcze nie "
                                                                      "uzgodnione")
                 + (f"<br>Ocena planu do {format_date(d.evaluation_due)}"
                    if d.evaluation_due else "") + "</p>"]
        if d.outcome:
            parts.append(f"<p>Efekt: {html_text(d.outcome)}</p>")
        parts.append("<h4>Notatki (widoczne tylko dla pracy socjalnej i kierownika)</h4>")
        parts += [f"<p><b>{format_date(n.written_on)}</b> — {label(n.stage)}, "
                  f"{html_text(n.author_name)}<br>{html_text(n.text)}</p>" for n in d.notes]
        if not d.notes:
            parts.append("<p>—</p>")
        return "".join(parts)

    def _contracts_html(self, d: SocialWorkDetail) -> str:
        if not d.contracts:
            return "<p>Brak kontraktu socjalnego.</p>"
        out = []
        for c in d.contracts:
            reviews = ", ".join(format_date(x) for x in c.review_dates)
            reported = " · zgłoszono do Świadczeń" if c.reported_message_id else ""
            out.append(
                f"<h4>Kontrakt nr {c.number} — {label(c.status)}{reported}</h4>"
                f"<p>Od {format_date(c.period_from)} do {format_date(c.period_to)}"
                + (f", zakończony {format_date(c.ended_on)}" if c.ended_on else "")
                + f"<br>Oceny: {reviews}</p><p><b>Cele:</b><br>{html_text(c.goals)}</p>"
                f"<p><b>Zobowiązania klienta:</b><br>{html_text(c.client_commitments)}</p>"
                f"<p><b>Zobowiązania pracownika:</b><br>{html_text(c.worker_commitments)}</p>"
                + (f"<p><b>Ocena:</b><br>{html_text(c.evaluation)}</p>" if c.evaluation else ""))
        return "".join(out)

    def current_contract(self) -> ContractRow | None:
        return self.detail_data.contracts[0] if self.detail_data and \
            self.detail_data.contracts else None

    def _allowed(self) -> dict[str, Actions]:
        """What the services allow on the selected client, contract, service and task."""
        row, detail = self.current(), self.detail_data
        plan, task = selected_row(self.plan_view), selected_row(self.task_view)
        contract = self.current_contract()
        return {
            CLIENT: (row.actions if row else frozenset())
            | (detail.actions if row and detail else frozenset()),
            CONTRACT: contract.actions if contract else frozenset(),
            PLAN: plan.actions if isinstance(plan, ServicePlanRow) else frozenset(),
            TASK: task.actions if isinstance(task, TaskRow) else frozenset(),
        }

    def _update_buttons(self) -> None:
        """Enabled by what the services allow on the selected rows; the buttons stay where
        they are (shown by the role only, once)."""
        allowed = self._allowed()
        for button, rows, action in self.button_actions:
            button.setEnabled(action in allowed[rows])
        row = self.current()
        following = row.next_stage if row and Action.ADVANCE in allowed[CLIENT] else None
        self.stage_button.setText(f"Następny etap: {label(following)}" if following
                                  else "Następny etap")

    # --- actions ---

    def _write(self, fn: Callable[[Session], Any]) -> tuple[bool, Any]:
        return self.ctx.write(self, fn, changed=AREA)

    def _dialog(self, title: str, fields: list[tuple[str, str, QWidget]],
                action: Callable[[ActionDialog], Callable[[Session], Any] | None]) -> None:
        ActionDialog(self.ctx, title, fields, action, self).exec()

    def own_client(self) -> None:
        person = choose_person(self.ctx, self)
        if person is not None:
            self._write(lambda s: socialwork.open_own_case(s, person.id, actor=self.ctx.actor))

    def accept_client(self) -> None:
        row = self.current()
        if row is not None:
            self._write(lambda s: socialwork.accept(s, row.id, actor=self.ctx.actor,
                                                    expected_version=row.version))

    def assign_client(self) -> None:
        row = self.current()
        if row is None:
            return
        workers = self.ctx.read(self, lambda s: users.list_workers(s, role=Role.SOCIAL_WORK))
        self._dialog(f"Przydział klienta — {row.person_name}",
                     [("worker", "Pracownik socjalny",
                       _combo([(w.full_name, w.id) for w in workers or []]))],
                     lambda d: lambda s: socialwork.assign(
                         s, row.id, d.value("worker"), actor=self.ctx.actor,
                         expected_version=row.version))

    def first_meeting(self) -> None:
        row = self.current()
        if row is not None:
            self._dialog(f"Pierwsze spotkanie — {row.person_name}",
                         [("met_on", "Data spotkania", date_edit(object_name="met_on"))],
                         lambda d: lambda s: socialwork.record_first_meeting(
                             s, row.id, actor=self.ctx.actor, met_on=d.value("met_on")))

    def not_came(self) -> None:
        row = self.current()
        if row is not None and confirm(self, f"Odnotować, że {row.person_name} nie zgłosił(a) "
                                             "się w terminie? Świadczenia dostaną informację."):
            self._write(lambda s: socialwork.record_not_came(s, row.id, actor=self.ctx.actor,
                                                             expected_version=row.version))

    def add_note(self) -> None:
        row = self.current()
        if row is not None:
            self._dialog(f"Notatka ({label(row.stage)}) — {row.person_name}",
                         [("text", "Treść", text_box(object_name="noteText")),
                          ("written_on", "Data", date_edit())],
                         lambda d: lambda s: socialwork.add_note(
                             s, row.id, d.value("text"), actor=self.ctx.actor,
                             written_on=d.value("written_on")))

    def save_plan(self) -> None:
        row, d0 = self.current(), self.detail_data
        if row is None or d0 is None:
            return
        method = enum_combo(list(SocialWorkMethod))
        method.set_value(d0.method)
        self._dialog(f"Plan pracy — {row.person_name}", [
            ("method", "Metoda", method),
            ("tools", "Narzędzia", line(d0.tools, max_len=300)),
            ("goals", "Cele uzgodnione z klientem (jeden w wierszu)", text_box(d0.goals)),
            ("goals_agreed_on", "Data uzgodnienia celów", date_edit(d0.goals_agreed_on)),
            ("evaluation_due", "Termin oceny planu", date_edit(d0.evaluation_due))],
            lambda d: lambda s: socialwork.save_plan(s, row.id, PlanForm(
                method=d.value("method"), tools=d.value("tools"), goals=d.value("goals"),
                goals_agreed_on=d.value("goals_agreed_on"),
                evaluation_due=d.value("evaluation_due")), actor=self.ctx.actor,
                expected_version=row.version))

    def next_stage(self) -> None:
        row = self.current()
        if row is not None:
            self._dialog(f"{self.stage_button.text()} — {row.person_name}",
                         [("on", "Od dnia", date_edit())],
                         lambda d: lambda s: socialwork.advance_stage(
                             s, row.id, actor=self.ctx.actor, on=d.value("on"),
                             expected_version=row.version))

    def write_letter(self) -> None:
        row = self.current()
        if row is None:
            return
        dialog = MessageDialog(self.ctx, person_id=row.person_id, person_name=row.person_name,
                               social_work_id=row.id, case_id=row.case_id, parent=self)
        if dialog.exec():
            self.sections.setCurrentWidget(self.letters)

    def refusal(self) -> None:
        row = self.current()
        if row is not None:
            self._dialog(f"Odmowa współpracy — {row.person_name}", [
                ("facts", "Okoliczności odmowy", text_box()),
                ("client_statement", "Stanowisko klienta", text_box())],
                lambda d: lambda s: socialwork.record_refusal(
                    s, row.id, actor=self.ctx.actor, facts=d.value("facts"),
                    client_statement=d.value("client_statement"),
                    expected_version=row.version))

    def close_work(self) -> None:
        row = self.current()
        if row is None:
            return

        def action(d: ActionDialog) -> Callable[[Session], Any] | None:
            on = d.value("closed_on")
            if not confirm(d, f"Zakończyć pracę socjalną z klientem: {row.person_name}, z dniem "
                              f"{format_date(on)}? Nowych notatek ani etapów już nie będzie."):
                return None
            return lambda s: socialwork.close_work(s, row.id, d.value("outcome"),
                                                   actor=self.ctx.actor, on=on,
                                                   expected_version=row.version)

        self._dialog(f"Zakończenie pracy socjalnej — {row.person_name}", [
            ("outcome", "Efekt pracy socjalnej", text_box()),
            ("closed_on", "Data zakończenia", date_edit())], action)

    def new_contract(self) -> None:
        row = self.current()
        if row is None:
            return

        def action(d: ActionDialog) -> Callable[[Session], Any]:
            form = ContractForm(
                social_work_id=row.id, period_from=d.value("period_from"),
                period_to=d.value("period_to"), goals=d.value("goals"),
                client_commitments=d.value("client_commitments"),
                worker_commitments=d.value("worker_commitments"),
                review_dates=d.dates("review_dates"))
            return lambda s: socialwork.conclude_contract(s, form, actor=self.ctx.actor)

        self._dialog(f"Kontrakt socjalny — {row.person_name}", [
            ("period_from", "Obowiązuje od", date_edit(object_name="period_from")),
            ("period_to", "do", date_edit(object_name="period_to")),
            ("goals", "Cele (jeden w wierszu)", text_box()),
            ("client_commitments", "Zobowiązania klienta (jedno w wierszu)", text_box()),
            ("worker_commitments", "Zobowiązania pracownika (jedno w wierszu)", text_box()),
            ("review_dates", "Terminy oceny (dd.mm.rrrr, po przecinku)",
             line(object_name="review_dates"))], action)

    def review_contract(self) -> None:
        contract = self.current_contract()
        if contract is not None:
            self._dialog(f"Ocena realizacji kontraktu nr {contract.number}", [
                ("evaluation", "Ocena", text_box()), ("on", "Data oceny", date_edit())],
                lambda d: lambda s: socialwork.review_contract(
                    s, contract.id, d.value("evaluation"), actor=self.ctx.actor,
                    on=d.value("on"), expected_version=contract.version))

    def end_contract(self) -> None:
        row, contract = self.current(), self.current_contract()
        if row is None or contract is None:
            return

        def action(d: ActionDialog) -> Callable[[Session], Any] | None:
            ending, on = d.value("status"), d.value("ended_on")
            if not confirm(d, f"Zakończyć kontrakt socjalny nr {contract.number} z klientem: "
                              f"{row.person_name} ({label(ending)}), z dniem {format_date(on)}?"):
                return None
            return lambda s: socialwork.end_contract(
                s, contract.id, ending, d.value("evaluation"), actor=self.ctx.actor,
                ended_on=on, expected_version=contract.version)

        self._dialog(f"Zakończenie kontraktu nr {contract.number}", [
            ("status", "Jak się zakończył", enum_combo(list(ENDINGS))),
            ("evaluation", "Ocena końcowa", text_box()),
            ("ended_on", "Data zakończenia", date_edit())], action)

    def report_contract(self) -> None:
        contract = self.current_contract()
        if contract is not None:
            self._dialog(f"Niedotrzymanie kontraktu nr {contract.number} — informacja dla "
                         "Świadczeń (art. 11 ust. 2 ups)",
                         [("facts", "Na czym polegało niedotrzymanie", text_box())],
                         lambda d: lambda s: socialwork.report_broken_contract(
                             s, contract.id, d.value("facts"), actor=self.ctx.actor))

    def show_contract(self) -> None:
        contract = self.current_contract()
        if contract is None:
            return
        self.ctx.show_document(self, f"kontrakt_{contract.number}",
                               lambda s: socialwork.contract_pdf(s, contract.id,
                                                                 actor=self.ctx.actor))

    def new_service(self) -> None:
        row = self.current()
        if row is None:
            return
        catalog = self.ctx.read(self, lambda s: services_plan.catalog(s, actor=self.ctx.actor))
        items = _combo([(f"{label(c.target_group)}: {c.name}"
                         + (" (wymaga decyzji)" if c.needs_decision else ""), c.id)
                        for c in catalog or []], object_name="catalogItem")
        self._dialog(f"Usługa — {row.person_name}", [
            ("catalog_item", "Usługa z katalogu", items),
            ("provider_kind", "Realizuje", enum_combo(list(ProviderKind))),
            ("provider", "Wykonawca (zlecenie)", line(max_len=200)),
            ("units", "Liczba jednostek", line("", max_len=12)),
            ("unit_name", "Jednostka", line("godz.", max_len=40)),
            ("period_from", "Od", date_edit()), ("period_to", "Do", date_edit()),
            ("unit_cost", "Koszt jednostki (zł)", line(max_len=12)),
            ("client_fee", "Odpłatność klienta za jednostkę (zł)", line("0", max_len=12))],
            lambda d: lambda s: services_plan.create_service_plan(s, ServicePlanForm(
                person_id=row.person_id, catalog_item_id=d.value("catalog_item"),
                provider_kind=d.value("provider_kind"), provider=d.value("provider"),
                units=d.value("units"), unit_name=d.value("unit_name"),
                period_from=d.value("period_from"), period_to=d.value("period_to"),
                unit_cost=d.value("unit_cost"), client_fee=d.value("client_fee"),
                social_work_id=row.id), actor=self.ctx.actor))

    def _plan(self) -> ServicePlanRow | None:
        plan = selected_row(self.plan_view)
        return plan if isinstance(plan, ServicePlanRow) else None

    def request_decision(self) -> None:
        plan = self._plan()
        if plan is not None:
            self._dialog(f"Wniosek o decyzję: {plan.service}",
                         [("justification", "Uzasadnienie potrzeby usługi", text_box())],
                         lambda d: lambda s: services_plan.request_decision(
                             s, plan.id, d.value("justification"), actor=self.ctx.actor,
                             expected_version=plan.version))

    def start_service(self) -> None:
        plan = self._plan()
        if plan is not None:
            self._write(lambda s: services_plan.start_service(s, plan.id, actor=self.ctx.actor,
                                                              expected_version=plan.version))

    def end_service(self) -> None:
        plan, row = self._plan(), self.current()
        who = f" dla klienta: {row.person_name}" if row else ""
        if plan is not None and confirm(self, f"Zakończyć usługę „{plan.service}”{who}?"):
            self._write(lambda s: services_plan.end_service(s, plan.id, actor=self.ctx.actor,
                                                            expected_version=plan.version))

    def new_task(self) -> None:
        row = self.current()
        if row is not None:
            self._dialog(f"Zadanie — {row.person_name}", [
                ("kind", "Rodzaj", enum_combo(list(TaskKind))),
                ("description", "Opis", text_box()),
                ("started_on", "Od", date_edit()), ("due_on", "Termin", date_edit())],
                lambda d: lambda s: socialwork.add_task(
                    s, actor=self.ctx.actor, person_id=row.person_id, kind=d.value("kind"),
                    description=d.value("description"), started_on=d.value("started_on"),
                    due_on=d.value("due_on")))

    def finish_task(self) -> None:
        task = selected_row(self.task_view)
        if isinstance(task, TaskRow):
            self._dialog(f"Zakończenie zadania: {label(task.kind)}", [
                ("result", "Wynik", text_box()), ("ended_on", "Data", date_edit())],
                lambda d: lambda s: socialwork.finish_task(
                    s, task.id, actor=self.ctx.actor, result=d.value("result"),
                    ended_on=d.value("ended_on"), expected_version=task.version))


CATALOG_COLUMNS: list[Column[CatalogRow]] = [
    Column("Grupa", lambda r: label(r.target_group)),
    Column("Usługa", lambda r: r.name),
    Column("Rodzaj", lambda r: label(r.category)),
    Column("Decyzja", lambda r: (label(r.benefit_kind) if r.benefit_kind else "tak")
           if r.needs_decision else "nie"),
    Column("W katalogu", lambda r: "tak" if r.active else "wycofana"),
]


class CatalogDialog(QDialog):
    """The catalogue of services by target group; the head adds, edits and withdraws."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("catalogDialog")
        self.setWindowTitle("Katalog usług ośrodka")
        self.resize(900, 600)
        self.model: RowsModel[CatalogRow] = RowsModel(CATALOG_COLUMNS, self)
        self.view = make_table(self.model, object_name="catalog")
        editor = ctx.actor.can(Permission.SERVICE_CATALOG_EDIT)
        buttons = QHBoxLayout()
        if editor:
            buttons.addWidget(push("Dodaj usługę…", object_name="addService",
                                   slot=lambda: self.edit(None)))
            buttons.addWidget(push("Zmień…", object_name="editService",
                                   slot=lambda: self.edit(selected_row(self.view))))
        buttons.addWidget(export_button(ctx, self, self.view, "Katalog usług"))
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        layout.addWidget(close)
        self.refresh()

    def refresh(self) -> None:
        rows = self.ctx.read(self, lambda s: services_plan.catalog(s, actor=self.ctx.actor,
                                                                   active_only=False))
        self.model.set_rows(rows or [])

    def edit(self, row: CatalogRow | None) -> None:
        group, category = enum_combo(list(TargetGroup)), enum_combo(list(ServiceCategory))
        benefit = _combo([("—", None)] + [(label(b), b) for b in services_plan.DECISION_BENEFITS])
        needs = _combo([("nie wymaga decyzji", False), ("wymaga decyzji", True)])
        active = _combo([("w katalogu", True), ("wycofana", False)])
        if row is not None:
            group.set_value(row.target_group)
            category.set_value(row.category)
            benefit.setCurrentIndex(max(0, benefit.findData(row.benefit_kind)))
            needs.setCurrentIndex(needs.findData(row.needs_decision))
            active.setCurrentIndex(active.findData(row.active))
        fields = [("name", "Nazwa usługi", line(row.name if row else "", max_len=200)),
                  ("target_group", "Grupa", group), ("category", "Rodzaj", category),
                  ("needs_decision", "Decyzja", needs), ("benefit_kind", "Świadczenie", benefit),
                  ("active", "Stan", active)]

        def action(d: ActionDialog) -> Callable[[Session], Any]:
            form = CatalogForm(name=d.value("name"), target_group=d.value("target_group"),
                               category=d.value("category"),
                               needs_decision=d.value("needs_decision"),
                               benefit_kind=d.value("benefit_kind"), active=d.value("active"))
            if row is None:
                return lambda s: services_plan.add_catalog_item(s, form, actor=self.ctx.actor)
            return lambda s: services_plan.update_catalog_item(
                s, row.id, form, actor=self.ctx.actor, expected_version=row.version)

        if ActionDialog(self.ctx, "Usługa w katalogu", fields, action, self).exec():
            self.refresh()
