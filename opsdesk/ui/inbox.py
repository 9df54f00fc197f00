"""The formal messages on screen: the inbox with its unread count (the envelope in the top
bar, Ctrl+M), a message list with the text and the "przeczytano" mark, the proceeding's
evidence for the benefits worker, and the two forms — the benefits worker's referral and
the social worker's information or opinion."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from opsdesk import clock
from opsdesk.changes import Changes
from opsdesk.formatting import format_date
from opsdesk.labels import label
from opsdesk.models.enums import MessageKind, Role
from opsdesk.services import intake, messages, users
from opsdesk.services.messages import (
    MESSAGE_KINDS,
    MessageForm,
    MessageRow,
    ReferralForm,
)
from opsdesk.ui.change_watch import follow_changes
from opsdesk.ui.context import AppContext
from opsdesk.ui.export import export_button
from opsdesk.ui.tables import (
    RED,
    Column,
    RowsModel,
    make_table,
    reselect,
    row_actions,
    selected_row,
)
from opsdesk.ui.widgets import (
    FormDialog,
    checkbox,
    date_edit,
    html_text,
    push,
    text_box,
    to_date,
)

REFRESH_MS = 120_000


def state_text(row: MessageRow) -> str:
    if row.cited_decision_number:
        return f"uwzględniono w decyzji nr {row.cited_decision_number}"
    if row.cited_in_decision_id:
        return "uwzględniono w projekcie decyzji"
    if row.read_at:
        return f"przeczytano {row.read_at:%d.%m.%Y} ({row.read_by_name})"
    return "nieprzeczytane"


MESSAGE_COLUMNS: list[Column[MessageRow]] = [
    Column("Data", lambda r: format_date(r.written_on), sort_key=lambda r: (r.written_on, r.id)),
    Column("Numer", lambda r: r.number, sort_key=lambda r: r.id),
    Column("Pismo", lambda r: r.kind_label + (" (automatycznie)" if r.automatic else "")),
    Column("Klient", lambda r: r.person_name),
    Column("Sprawa", lambda r: r.case_sign),
    Column("Od", lambda r: r.author_name),
    Column("Do", lambda r: r.to_user_name or label(r.to_team)),
    Column("Stan", state_text, color=lambda r: RED if r.unread else None),
]


class MessageList(QWidget):
    """Messages as a table, the selected one's full text, "przeczytano" and "Podgląd"."""

    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model: RowsModel[MessageRow] = RowsModel(MESSAGE_COLUMNS, self)
        self.view = make_table(self.model, object_name="messageList")
        self.text = QTextBrowser()
        self.text.setObjectName("messageText")
        self.mark = push("Przeczytano", object_name="markRead", slot=self.mark_read)
        self.preview = push("Podgląd (PDF)", object_name="messagePreview", slot=self.show_pdf)
        # Enter or the right button on a row: the same actions as the buttons.
        row_actions(self.view, lambda: [self.mark, self.preview])
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.text, 1)
        row = QHBoxLayout()
        row.addWidget(self.mark)
        row.addWidget(self.preview)
        row.addStretch(1)
        right_layout.addLayout(row)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.view)
        splitter.addWidget(right)
        splitter.setSizes([300, 300])
        QVBoxLayout(self).addWidget(splitter)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self.show_selected())
        self.show_selected()

    def set_rows(self, rows: list[MessageRow]) -> None:
        chosen = self.current()
        self.model.set_rows(rows)
        # Selecting the message again shows it through the selection signal.
        if chosen is None or not reselect(self.view, lambda r: r.id == chosen.id):
            self.show_selected()

    def current(self) -> MessageRow | None:
        row = selected_row(self.view)
        return row if isinstance(row, MessageRow) else None

    def show_selected(self) -> None:
        row = self.current()
        self.mark.setVisible(row is not None and row.unread and self._addressee(row))
        self.preview.setEnabled(row is not None)
        if row is None:
            self.text.setText("Wybierz pismo z listy.")
            return
        detail = self.ctx.read(self, lambda s: messages.open_message(s, row.id,
                                                                     actor=self.ctx.actor))
        if detail is None:
            return
        case = f"Sprawa: {row.case_sign}<br>" if row.case_sign else ""
        self.text.setText(
            f"<h3>{html_text(row.kind_label)}</h3><p>nr {row.number} z dnia "
            f"{format_date(row.written_on)} r.<br>Klient: {html_text(row.person_name)}<br>{case}"
            f"Sporządził(a): {html_text(row.author_name)}, {html_text(detail.author_position)}<br>"
            f"Do: {html_text(row.to_user_name or label(row.to_team))}<br>"
            f"Stan: {html_text(state_text(row))}</p><p>{html_text(detail.body)}</p>")

    def _addressee(self, row: MessageRow) -> bool:
        if row.to_user_id is not None:
            return row.to_user_id == self.ctx.actor.id
        return row.to_team in messages.teams_of(self.ctx.actor)

    def mark_read(self) -> None:
        row = self.current()
        if row is None:
            return
        ok, _ = self.ctx.write(self, lambda s: messages.mark_read(s, row.id,
                                                                   actor=self.ctx.actor),
                               changed=Changes.MESSAGES)
        if ok:
            self.changed.emit()

    def show_pdf(self) -> None:
        row = self.current()
        if row is None:
            return
        self.ctx.show_document(self, f"pismo_{row.number}", lambda s: messages.message_pdf(
            s, row.id, actor=self.ctx.actor))


class InboxDialog(QDialog):
    """The worker's formal messages: "moje" or the whole team's, all or unread only."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("inboxDialog")
        self.setWindowTitle("Pisma — informacje, opinie i skierowania")
        self.resize(1100, 700)
        self.scope = QComboBox()
        self.scope.setObjectName("inboxScope")
        self.scope.addItem("do mnie i do mojego zespołu", "mine")
        self.scope.addItem("wszystkie pisma zespołu", "team")
        self.unread_only = checkbox("tylko nieprzeczytane", object_name="unreadOnly")
        self.sent = checkbox("wysłane przeze mnie", object_name="sentByMe")
        for signal in (self.scope.currentIndexChanged, self.unread_only.toggled,
                       self.sent.toggled):
            signal.connect(lambda *_: self.refresh())
        self.list = MessageList(ctx, self)
        self.list.changed.connect(self.refresh)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(QLabel("Pokaż:"))
        top.addWidget(self.scope)
        top.addWidget(self.unread_only)
        top.addWidget(self.sent)
        top.addWidget(export_button(ctx, self, self.list.view, "Pisma"))
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.list, 1)
        layout.addWidget(close)
        self.refresh()

    def refresh(self) -> None:
        actor, scope, unread = self.ctx.actor, self.scope.currentData(), \
            self.unread_only.isChecked()
        if self.sent.isChecked():
            rows = self.ctx.read(self, lambda s: messages.sent_messages(s, actor=actor))
        else:
            rows = self.ctx.read(self, lambda s: messages.inbox(
                s, actor=actor, scope=scope, unread_only=unread))
        if rows is not None:
            self.list.set_rows(rows)


class InboxButton(QPushButton):
    """"✉ 3" in the top bar: the unread formal messages; a click (or Ctrl+M) opens them."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("inboxButton")
        self.setToolTip("Pisma: informacje, opinie i skierowania (Ctrl+M)")
        self.clicked.connect(self.open_inbox)
        QShortcut(QKeySequence("Ctrl+M"), parent or self, activated=self.open_inbox)
        ctx.listen(Changes.MESSAGES | Changes.SOCIALWORK | Changes.CASES, self.refresh)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.refresh)
        self.timer.start(REFRESH_MS)
        follow_changes(ctx, self)
        self.count = 0
        self.refresh()

    def refresh(self) -> None:
        count = self.ctx.read(self, lambda s: messages.unread_count(s, actor=self.ctx.actor))
        if count is not None:
            self.count = count
            self.setText(f"✉ {count}")
            self.setStyleSheet("font-weight: bold;" if count else "")

    def open_inbox(self) -> None:
        dialog = InboxDialog(self.ctx, self.window())
        # Gone when closed: as the window's child it would otherwise stay, with its list, for
        # as long as the program runs — one more each time the inbox is opened.
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.exec()
        self.refresh()


class EvidencePanel(QWidget):
    """The proceeding's messages, for the benefits worker's case detail: the referral and
    the informacje/opinie that are evidence (art. 75 § 1 kpa)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.case_id: int | None = None
        self.setObjectName("evidencePanel")
        self.list = MessageList(ctx, self)
        self.list.changed.connect(self.refresh)
        QVBoxLayout(self).addWidget(self.list)

    def show_case(self, case_id: int | None) -> None:
        self.case_id = case_id
        self.refresh()

    def refresh(self) -> None:
        case_id = self.case_id
        if case_id is None:
            self.list.set_rows([])
            return
        rows = self.ctx.read(self, lambda s: messages.case_evidence(s, case_id,
                                                                     actor=self.ctx.actor))
        self.list.set_rows(rows or [])


class ReferralDialog(FormDialog):
    """The benefits worker refers the client "w celu ustalenia możliwości"."""

    def __init__(self, ctx: AppContext, case_id: int, title: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, f"Skierowanie w celu ustalenia możliwości — {title}", parent)
        self.case_id = case_id
        self.add("part:resources", "Niewykorzystane zasoby lub uprawnienia *",
                 text_box(object_name="resources"))
        self.add("part:question", "Co należy ustalić *", text_box(object_name="question"))
        worker = QComboBox()
        worker.addItem("zespół pracy socjalnej (przyjmie pierwszy wolny)", None)
        for w in ctx.read(self, lambda s: users.list_workers(s, role=Role.SOCIAL_WORK)) or []:
            worker.addItem(w.full_name, w.id)
        self.add("to_user", "Do", worker)
        report_by = ctx.read(self, lambda s: messages.referral_report_by(s, actor=ctx.actor))
        self.add("report_by", "Klient ma się zgłosić do", date_edit(report_by or clock.today()))
        self.mark_pristine()

    def submit(self) -> None:
        form = ReferralForm(case_id=self.case_id,
                            resources=self.field("part:resources").toPlainText(),
                            question=self.field("part:question").toPlainText(),
                            to_user_id=self.field("to_user").currentData(),
                            report_by=to_date(self.field("report_by")))
        ok, message_id = self.run_write(lambda s: messages.refer_for_possibilities(
            s, form, actor=self.ctx.actor), changed=Changes.MESSAGES)
        if ok:
            self.result_value = message_id
            self.ctx.events.data_changed.emit(Changes.SOCIALWORK)
            self.accept()


GENERAL_KINDS = [k for k, info in MESSAGE_KINDS.items() if not info.by_action]


class MessageDialog(FormDialog):
    """The social worker's information or opinion for the benefits worker: the kind
    decides which parts the form asks for; the required ones are marked with *."""

    def __init__(self, ctx: AppContext, *, person_id: int, person_name: str,
                 social_work_id: int | None = None, case_id: int | None = None,
                 kind: MessageKind = MessageKind.OPINION_POSSIBILITIES,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, f"Pismo do Świadczeń — {person_name}", parent)
        self.person_id = person_id
        self.social_work_id = social_work_id
        self.kind = QComboBox()
        for value in GENERAL_KINDS:
            self.kind.addItem(label(value), value.value)
        self.add("kind", "Rodzaj pisma", self.kind)
        case = QComboBox()
        case.addItem("bez sprawy (do zespołu Świadczeń)", None)
        for cid, sign in ctx.read(self, lambda s: intake.open_cases_of(
                s, person_id, actor=ctx.actor)) or []:
            case.addItem(sign, cid)
        if case_id is not None and case.findData(case_id) >= 0:
            case.setCurrentIndex(case.findData(case_id))
        self.add("case", "Dotyczy sprawy", case)
        keys: dict[str, None] = {}
        for info in MESSAGE_KINDS.values():
            keys.update((p.key, None) for p in info.parts)
        for key in keys:
            self.add(f"part:{key}", key, text_box(object_name=f"part_{key}"))
        self.kind.currentIndexChanged.connect(lambda _i: self._show_parts())
        self.kind.setCurrentIndex(self.kind.findData(kind.value))
        self._show_parts()
        self.resize(720, 640)
        self.mark_pristine()

    def current_kind(self) -> MessageKind:
        return MessageKind(self.kind.currentData())

    def _show_parts(self) -> None:
        parts = {p.key: p for p in MESSAGE_KINDS[self.current_kind()].parts}
        for name, widget in self._fields_with_prefix("part:"):
            key = name.removeprefix("part:")
            part = parts.get(key)
            self.form.setRowVisible(widget, part is not None)
            if part is not None:
                caption = self.form.labelForField(widget)
                caption.setText(part.label + (" *" if part.required else ""))

    def _fields_with_prefix(self, prefix: str) -> list[tuple[str, QPlainTextEdit]]:
        return [(name, widget) for name, widget in self._fields.items()
                if name.startswith(prefix)]

    def submit(self) -> None:
        kind = self.current_kind()
        parts = {p.key: self.field(f"part:{p.key}").toPlainText()
                 for p in MESSAGE_KINDS[kind].parts}
        form = MessageForm(kind=kind, person_id=self.person_id, parts=parts,
                           case_id=self.field("case").currentData(),
                           social_work_id=self.social_work_id)
        self.save(lambda s: messages.send_to_benefits(s, form, actor=self.ctx.actor),
                  changed=Changes.MESSAGES)
