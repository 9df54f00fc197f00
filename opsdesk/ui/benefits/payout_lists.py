"""The payout lists page of Świadczenia: the lists, their actions (check, approve, print,
"Kasa wypłaci" receipts, the bank's file, settle) and their dialogs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from opsdesk.changes import Changes
from opsdesk.formatting import amount_in_words, format_date, format_money
from opsdesk.labels import label
from opsdesk.models.enums import (
    PayoutListStatus,
    PayoutMethod,
)
from opsdesk.services import payouts
from opsdesk.services.payouts import PayoutListRow
from opsdesk.services.permissions import Permission
from opsdesk.ui.context import AppContext
from opsdesk.ui.errors import confirm
from opsdesk.ui.export import export_button
from opsdesk.ui.pdf import save_file
from opsdesk.ui.tables import (
    Column,
    RowsModel,
    make_table,
    reselect,
    row_actions,
    selected_row,
)
from opsdesk.ui.widgets import (
    ActionPanel,
    FormDialog,
    button_row,
    date_edit,
    enum_combo,
    line,
    push,
    to_date,
)


class NewListDialog(FormDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "Nowa lista wypłat", parent)
        self.add("payout_date", "Data wypłaty", date_edit(object_name="payout_date"))
        self.add("method", "Forma", enum_combo(list(PayoutMethod), object_name="method"))
        self.mark_pristine()

    def submit(self) -> None:
        on, method = to_date(self.field("payout_date")), self.field("method").value()
        self.save(lambda s: payouts.prepare_payout_list(
            s, actor=self.ctx.actor, payout_date=on, method=method), changed=Changes.PAYOUTS)


class PaidDialog(FormDialog):
    """The cashier's or bank's report: paid on a day, except the positions given."""

    def __init__(self, ctx: AppContext, row: PayoutListRow, parent: QWidget | None = None) -> None:
        super().__init__(ctx, f"Rozliczenie listy {row.number}", parent)
        self.row = row
        self.add("paid_on", "Data wypłaty", date_edit(object_name="paid_on"))
        self.add("not_paid", "Nie wypłacono (lp., po przecinku)", line(object_name="not_paid"))
        self.mark_pristine()

    def submit(self) -> None:
        text = self.field("not_paid").text().replace(" ", "")
        positions: list[Any] = []
        if text:  # all paid: the positions need not be read
            detail = self.ctx.read(self, lambda s: payouts.payout_list_detail(
                s, self.row.id, actor=self.ctx.actor))
            if detail is None:
                return
            positions = list(detail.payouts)
        try:
            lps = {int(p) for p in text.split(",") if p}
        except ValueError:
            self.show_field_error("Podaj numery pozycji (lp.) oddzielone przecinkami.",
                                  "not_paid")
            return
        not_paid = tuple(p.id for n, p in enumerate(positions, start=1) if n in lps)
        on = to_date(self.field("paid_on"))
        self.save(lambda s: payouts.record_list_paid(
            s, self.row.id, actor=self.ctx.actor, paid_on=on, not_paid=not_paid,
            expected_version=self.row.version), changed=Changes.PAYOUTS)


LIST_COLUMNS: list[Column[PayoutListRow]] = [
    Column("Numer", lambda r: r.number, sort_key=lambda r: r.id),
    Column("Data wypłaty", lambda r: format_date(r.payout_date), sort_key=lambda r: r.payout_date),
    Column("Forma", lambda r: label(r.method)),
    Column("Stan", lambda r: label(r.status)),
    Column("Pozycji", lambda r: str(r.count), sort_key=lambda r: r.count, align_right=True),
    Column("Razem", lambda r: format_money(r.total), sort_key=lambda r: r.total,
           align_right=True),
]


class PayoutListsPage(QWidget):
    """The lists and, for the tab's right column, their particulars (``describe``) and
    their actions (``panel``), whose buttons stay put whatever the list's state."""

    def __init__(self, ctx: AppContext, shown: Callable[[], bool],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.shown = shown  # whether the tab shows this page now
        self.lists: RowsModel[PayoutListRow] = RowsModel(LIST_COLUMNS, self)
        self.list_view = make_table(self.lists, object_name="payoutLists")
        self.new_list = push("Nowa lista wypłat…", object_name="newPayoutList",
                             slot=self.prepare_list)
        layout = QVBoxLayout(self)
        layout.addLayout(button_row(self.new_list, export_button(ctx, self, self.list_view,
                                                                 "Listy wypłat")))
        layout.addWidget(self.list_view)
        self.check_list = push("Sprawdziłem listę", object_name="checkList",
                               slot=self.check_payout_list)
        self.approve_list = push("Zatwierdź listę", object_name="approveList",
                                 slot=self.approve_payout_list)
        self.print_list = push("Drukuj listę", object_name="printList", slot=self.print_payout_list)
        self.print_receipts = push("Drukuj dowody „Kasa wypłaci”", object_name="printReceipts",
                                   slot=self.print_kw)
        self.export = push("Plik dla banku (CSV)", object_name="exportTransfers",
                           slot=self.export_csv)
        self.paid = push("Rozliczono…", object_name="listPaid", slot=self.record_paid)
        self.buttons = [self.check_list, self.approve_list, self.print_list,
                        self.print_receipts, self.export, self.paid]
        self.panel = ActionPanel(self.buttons, object_name="listActions")
        # Enter or the right button on a row: the same actions as the panel's buttons.
        row_actions(self.list_view, lambda: self.buttons)

    def refresh(self, selected: Any = None) -> bool:
        """The payout lists, read only while their page is shown: ten years of them need
        not be read each time the queue is. True when a list was selected again."""
        if not self.shown() or not self.ctx.actor.can(Permission.PAYOUT_PREPARE):
            return False
        selected = selected or selected_row(self.list_view)
        self.lists.set_rows(self.ctx.read(self, lambda s: payouts.payout_lists(
            s, actor=self.ctx.actor)) or [])
        return isinstance(selected, PayoutListRow) and reselect(
            self.list_view, lambda r: r.id == selected.id)

    def current(self) -> PayoutListRow | None:
        row = selected_row(self.list_view)
        return row if isinstance(row, PayoutListRow) and self.shown() else None

    @staticmethod
    def describe(row: PayoutListRow) -> str:
        approved = (f"<br>Zatwierdził(a): {row.approved_by}, {format_date(row.approved_on)}"
                    if row.approved_on else "")
        return (f"<h3>Lista wypłat nr {row.number}</h3><p>Data wypłaty: "
                f"{format_date(row.payout_date)}<br>Forma: {label(row.method)}<br>Stan: "
                f"{label(row.status)}<br>Sporządził(a): {row.prepared_by}{approved}</p>"
                f"<p>Pozycji: {row.count}<br>Razem: <b>{format_money(row.total)}</b><br>"
                f"słownie: {amount_in_words(row.total)}</p>")

    def update_buttons(self) -> None:
        """Who may act decides what is shown; the list's state only what is enabled."""
        plist = self.current()
        self.panel.setVisible(self.shown())
        self.approve_list.setVisible(self.ctx.actor.can(Permission.PAYOUT_APPROVE))
        self.approve_list.setEnabled(plist is not None
                                     and plist.status is PayoutListStatus.PREPARED)
        self.check_list.setVisible(self.ctx.actor.can(Permission.PAYOUT_PREPARE))
        self.check_list.setEnabled(plist is not None
                                   and plist.status is PayoutListStatus.PREPARED)
        self.print_list.setEnabled(plist is not None)
        self.print_receipts.setEnabled(plist is not None and plist.method is PayoutMethod.CASH
                                       and plist.status is not PayoutListStatus.PREPARED)
        self.export.setEnabled(plist is not None and plist.method is PayoutMethod.TRANSFER
                               and plist.status is not PayoutListStatus.PREPARED)
        self.paid.setEnabled(plist is not None and plist.status is PayoutListStatus.APPROVED)
        self.new_list.setVisible(self.ctx.actor.can(Permission.PAYOUT_PREPARE))

    # -- actions

    def prepare_list(self) -> None:
        dialog = NewListDialog(self.ctx, self)
        if dialog.exec() and dialog.result_value is not None:
            reselect(self.list_view, lambda r: r.id == dialog.result_value)

    def approve_payout_list(self) -> None:
        plist = self.current()
        if plist is None:
            return
        if not confirm(self, f"Zatwierdzić listę wypłat nr {plist.number} na "
                       f"{format_date(plist.payout_date)}: {plist.count} poz., razem "
                       f"{format_money(plist.total)}?", yes_default=True):
            return
        ok, receipts = self.ctx.write(self, lambda s: payouts.approve_payout_list(
            s, plist.id, actor=self.ctx.actor, expected_version=plist.version),
            changed=Changes.PAYOUTS)  # first contact reloads its "Do odbioru" on "payouts" too
        if ok:
            if receipts:
                QMessageBox.information(self, "opsdesk", f"Zatwierdzono listę {plist.number}. "
                                        f"Dowody „Kasa wypłaci” ({len(receipts)}) czekają na "
                                        "stanowisku pierwszego kontaktu.")

    def check_payout_list(self) -> None:
        """"Sprawdził": a second worker's check before the head approves."""
        plist = self.current()
        if plist is not None:
            self.ctx.write(self, lambda s: payouts.check_payout_list(
                s, plist.id, actor=self.ctx.actor, expected_version=plist.version),
                changed=Changes.PAYOUTS)

    def print_payout_list(self) -> None:
        plist = self.current()
        if plist is None:
            return
        self.ctx.show_document_in_background(
            self, self.print_list, f"lista-wyplat-{plist.number}",
            lambda s: payouts.payout_list_pdf(s, plist.id, actor=self.ctx.actor),
            waiting="Przygotowuję listę…")

    def print_kw(self) -> None:
        plist = self.current()
        if plist is None:
            return
        # One document, a sheet a receipt.
        self.ctx.show_document_in_background(
            self, self.print_receipts, f"kasa-wyplaci-{plist.number}",
            lambda s: payouts.receipts_of_list_pdf(s, plist.id, actor=self.ctx.actor),
            waiting="Przygotowuję dowody…")

    def export_csv(self) -> None:
        plist = self.current()
        if plist is None:
            return
        data = self.ctx.read(self, lambda s: payouts.transfer_csv(s, plist.id,
                                                                  actor=self.ctx.actor))
        if data is None:
            return
        path = save_file(self, self.ctx.settings.export_folder(), f"przelewy-{plist.number}",
                         data, suffix="csv", what="pliku dla banku")
        if path is not None:
            QMessageBox.information(self, "opsdesk", f"Zapisano plik dla banku:\n{path}")

    def record_paid(self) -> None:
        plist = self.current()
        if plist is not None:
            PaidDialog(self.ctx, plist, self).exec()
