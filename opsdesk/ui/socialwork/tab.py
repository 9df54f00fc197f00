"""Praca socjalna i usługi: the caseload on the left (clients waiting to be taken, my
clients, everyone's), the client on the right — the methodical process with its notes,
the kontrakt socjalny, services, other tasks and the formal messages — and the next step
as the first button. The actions behind the buttons are in their sections' modules."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from opsdesk import clock
from opsdesk.changes import Changes
from opsdesk.labels import label
from opsdesk.models.enums import Role
from opsdesk.services import messages, services_plan, socialwork
from opsdesk.services.actions import Action, Actions
from opsdesk.services.permissions import Permission
from opsdesk.services.services_plan import ServicePlanRow
from opsdesk.services.socialwork import CaseloadRow, ContractRow, SocialWorkDetail, TaskRow
from opsdesk.ui.blue_card_panel import BlueCardPanel
from opsdesk.ui.context import AppContext
from opsdesk.ui.export import export_button
from opsdesk.ui.inbox import MessageList
from opsdesk.ui.socialwork.actions import AREA, combo
from opsdesk.ui.socialwork.catalog import CatalogDialog
from opsdesk.ui.socialwork.client_actions import ClientActions
from opsdesk.ui.socialwork.client_view import (
    caseload_columns,
    contracts_html,
    header_html,
    process_html,
)
from opsdesk.ui.socialwork.contract_actions import ContractActions
from opsdesk.ui.socialwork.other_tasks import TASK_COLUMNS, TaskActions
from opsdesk.ui.socialwork.service_plans import PLAN_COLUMNS, ServicePlanActions
from opsdesk.ui.tables import (
    RowsModel,
    make_table,
    reselect,
    row_actions,
    selected_row,
)
from opsdesk.ui.widgets import (
    ActionPanel,
    checkbox,
    push,
)

# Whose actions enable a button: the client's, its contract's, the selected service's, task's.
CLIENT, CONTRACT, PLAN, TASK = "client", "contract", "plan", "task"

class SocialWorkTab(QWidget):
    """The caseload and the selected client; its buttons enabled by what the services allow."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("socialWorkTab")
        self.today = clock.today()
        self.detail_data: SocialWorkDetail | None = None
        self.model: RowsModel[CaseloadRow] = RowsModel(caseload_columns(self.today), self)
        self.view = make_table(self.model, object_name="caseload")
        self.scope = combo([("moi klienci", "mine"), ("czekają na przyjęcie", "waiting"),
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

        # What the buttons do, by section; kept here for as long as the buttons are.
        client = self.client_actions = ClientActions(self)
        contract = self.contract_actions = ContractActions(self)
        service = self.service_actions = ServicePlanActions(self)
        task = self.task_actions = TaskActions(self)

        self.accept_button = push("Przyjmuję klienta", object_name="acceptClient",
                                  slot=client.accept_client)
        self.assign_button = push("Przydziel pracownikowi…", object_name="assignClient",
                                  slot=client.assign_client)
        self.meeting_button = push("Pierwsze spotkanie…", object_name="firstMeeting",
                                   slot=client.first_meeting)
        self.not_came_button = push("Nie zgłosił(a) się", object_name="notCame",
                                    slot=client.not_came)
        self.note_button = push("Notatka…", object_name="addNote", slot=client.add_note)
        self.plan_button = push("Plan pracy…", object_name="savePlan", slot=client.save_plan)
        self.stage_button = push("Następny etap", object_name="nextStage", slot=client.next_stage)
        self.letter_button = push("Pismo do Świadczeń…", object_name="writeLetter",
                                  slot=client.write_letter)
        self.refusal_button = push("Odmowa współpracy…", object_name="refusal", slot=client.refusal)
        self.close_button = push("Zakończ pracę socjalną…", object_name="closeWork",
                                 slot=client.close_work)
        self.contract_new = push("Zawrzyj kontrakt…", object_name="newContract",
                                 slot=contract.conclude)
        self.contract_review = push("Ocena realizacji…", object_name="reviewContract",
                                    slot=contract.review)
        self.contract_annex = push("Aneks do kontraktu…", object_name="annexContract",
                                   slot=contract.annex)
        self.contract_end = push("Zakończ kontrakt…", object_name="endContract", slot=contract.end)
        self.contract_report = push("Zgłoś niedotrzymanie do Świadczeń…",
                                    object_name="reportContract", slot=contract.report)
        self.contract_pdf = push("Podgląd kontraktu (PDF)", object_name="contractPdf",
                                 slot=contract.show)
        self.plan_new = push("Nowa usługa…", object_name="newService", slot=service.new)
        self.plan_request = push("Wyślij do Świadczeń o decyzję…", object_name="requestDecision",
                                 slot=service.request_decision)
        self.plan_start = push("Rozpocznij usługę", object_name="startService", slot=service.start)
        self.plan_end = push("Zakończ usługę", object_name="endService", slot=service.end)
        self.task_new = push("Nowe zadanie…", object_name="newTask", slot=task.new)
        self.task_finish = push("Zakończ zadanie…", object_name="finishTask", slot=task.finish)
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
            (self.contract_annex, CONTRACT, Action.ANNEX),
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
            self.contract_new, self.contract_review, self.contract_annex, self.contract_end,
            self.contract_report,
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
                           slot=client.own_client))
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
            self.header.setText(header_html(detail, self.today))
            self.process.setText(process_html(detail))
            self.contracts.setText(contracts_html(detail))
        self._update_buttons()

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
