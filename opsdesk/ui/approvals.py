""""Do zatwierdzenia": what waits for the signer — decisions sent for approval and payout
lists prepared — one click away from every tab, with the count on the button."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton, QVBoxLayout, QWidget

from opsdesk.changes import Changes
from opsdesk.formatting import format_date, format_money
from opsdesk.models.enums import CaseStatus, PayoutListStatus
from opsdesk.services import payouts, queue
from opsdesk.services.permissions import Permission
from opsdesk.ui.change_watch import follow_changes
from opsdesk.ui.context import AppContext
from opsdesk.ui.tables import Column, RowsModel, make_table, selected_row

AREAS = Changes.CASES | Changes.DECISIONS | Changes.PAYOUTS


@dataclass(frozen=True)
class Waiting:
    """A case whose decision waits (``case_id``) or a payout list (``list_id``)."""

    what: str
    detail: str
    case_id: int | None = None
    list_id: int | None = None


COLUMNS: list[Column[Waiting]] = [Column("Co czeka", lambda w: w.what),
                                  Column("Szczegóły", lambda w: w.detail)]


def may_approve(ctx: AppContext) -> bool:
    return ctx.actor.can(Permission.DECISION_APPROVE) or ctx.actor.can(
        Permission.PAYOUT_APPROVE)


def waiting(ctx: AppContext, parent: QWidget) -> list[Waiting]:
    actor = ctx.actor
    rows: list[Waiting] = []
    if actor.can(Permission.DECISION_APPROVE):
        cases = ctx.read(parent, lambda s: queue.benefits_queue(s, actor=actor)) or []
        rows += [Waiting(f"Decyzja — {c.sign}", f"{c.person_name}; prowadzi {c.assigned_to}",
                         case_id=c.case_id)
                 for c in cases if c.status is CaseStatus.AWAITING_APPROVAL]
    if actor.can(Permission.PAYOUT_APPROVE) and actor.can(Permission.PAYOUT_PREPARE):
        lists = ctx.read(parent, lambda s: payouts.payout_lists(s, actor=actor)) or []
        rows += [Waiting(f"Lista wypłat nr {p.number}",
                         f"wypłata {format_date(p.payout_date)}: {p.count} poz., "
                         f"{format_money(p.total)}", list_id=p.id)
                 for p in lists if p.status is PayoutListStatus.PREPARED]
    return rows


class ApprovalsButton(QPushButton):
    """The count of what waits; a click lists it, choosing a row opens it in Świadczenia."""

    def __init__(self, ctx: AppContext, parent: QWidget,
                 go_to: Callable[[Waiting], None]) -> None:
        super().__init__(parent)
        self.ctx, self.go_to = ctx, go_to
        self.setObjectName("approvals")
        self.setShortcut("Ctrl+Shift+A")
        self.setToolTip("Decyzje i listy wypłat czekające na zatwierdzenie (Ctrl+Shift+A)")
        self.rows: list[Waiting] = []
        self.clicked.connect(self.open_list)
        ctx.listen(AREAS, self.refresh)
        follow_changes(ctx, self)  # a colleague sent one for approval
        self.refresh()

    def refresh(self) -> None:
        self.rows = waiting(self.ctx, self)
        self.setText(f"Do zatwierdzenia: {len(self.rows)}")

    def open_list(self) -> None:
        self.refresh()
        dialog = QDialog(self.window())
        dialog.setObjectName("approvalsList")
        dialog.setWindowTitle("Do zatwierdzenia")
        dialog.resize(640, 360)
        model: RowsModel[Waiting] = RowsModel(COLUMNS, dialog)
        model.set_rows(self.rows)
        view = make_table(model, object_name="approvalsView")
        if self.rows:
            view.selectRow(0)
        chosen: list[Waiting] = []

        def choose() -> None:
            row = selected_row(view)
            if row is not None:
                chosen.append(row)
                dialog.accept()

        view.activated.connect(lambda _i: choose())  # Enter or a double-click
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open
                                   | QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Open).setText("Otwórz")
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Zamknij")
        buttons.accepted.connect(choose)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(view)
        layout.addWidget(buttons)
        view.setFocus()
        dialog.exec()
        dialog.deleteLater()
        if chosen:
            self.go_to(chosen[0])
