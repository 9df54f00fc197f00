"""Należności: the debts of art. 98 repayment decisions, each with its ledger, instalments and
the party's requests; a transfer found on the account statement, a request for umorzenie,
raty or odroczenie and the draft of the decision on it, and the deduction from payouts.
The cash desk's payment with its KP receipt is the first-contact desk's (``DeskPaymentDialog``).

Thin: every rule is in ``services.debts``; the forms keep what was typed on an error."""

from __future__ import annotations

from datetime import date
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from opsdesk import clock
from opsdesk.changes import Changes
from opsdesk.errors import UserFacingError
from opsdesk.formatting import format_date, format_money
from opsdesk.labels import label
from opsdesk.models.enums import DebtRequestKind
from opsdesk.services import debts
from opsdesk.services.debts import DebtDetail, DebtRow, DeskDebt, RequestForm, RulingForm
from opsdesk.services.people import PersonRow
from opsdesk.services.permissions import Permission
from opsdesk.ui.context import AppContext
from opsdesk.ui.errors import show_error
from opsdesk.ui.person_dialog import choose_person
from opsdesk.ui.tables import Column, RowsModel, make_table, reselect, row_actions, selected_row
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
    scrolling,
    text_box,
    to_date,
)

AREAS = Changes.DEBTS | Changes.DECISIONS | Changes.PAYOUTS
W = TypeVar("W", bound=QWidget)


def _widget(dialog: FormDialog, name: str, kind: type[W]) -> W:
    """A form's field as the widget it is."""
    widget = dialog.field(name)
    if not isinstance(widget, kind):
        raise TypeError(name)
    return widget


def overdue_text(row: DebtRow) -> str:
    """Colour is never the only signal: what is overdue is said in words."""
    return f"po terminie: {format_money(row.overdue)}" if row.overdue > 0 else ""


COLUMNS: list[Column[DebtRow]] = [
    Column("Osoba", lambda r: r.person_name),
    Column("Decyzja", lambda r: r.decision_number),
    Column("Kwota", lambda r: format_money(r.amount), sort_key=lambda r: r.amount,
           align_right=True),
    Column("Pozostało", lambda r: format_money(r.balance), sort_key=lambda r: r.balance,
           align_right=True),
    Column("Zaległość", overdue_text, sort_key=lambda r: r.overdue),
    Column("Najbliższy termin", lambda r: format_date(r.next_due_on) if r.next_due_on else "",
           sort_key=lambda r: r.next_due_on or date.max),
]


def detail_html(d: DebtDetail) -> str:
    """The debt's standing, its instalments, its ledger and the party's requests."""
    r = d.row
    title = d.title[:1].upper() + d.title[1:]
    parts = [f"<h3>{html_text(title)}</h3>",
             f"<p>{html_text(r.person_name)}<br>Kwota: {format_money(r.amount)}<br>"
             f"Pozostało do spłaty: <b>{format_money(r.balance)}</b>"]
    if r.overdue > 0:
        parts.append(f"<br><b>Po terminie: {format_money(r.overdue)}</b>")
    parts.append("<br>Decyzja ostateczna: "
                 + (format_date(r.final_on) if r.final_on else "jeszcze nie"))
    if r.deduction_per_payout:
        parts.append(f"<br>Potrącane z wypłat: do {format_money(r.deduction_per_payout)}")
    parts.append("</p>")
    if d.schedule:
        parts.append("<p><b>Terminy spłaty</b><br>" + "<br>".join(
            f"{format_date(on)}: {format_money(amount)}" for on, amount in d.schedule) + "</p>")
    if d.ledger:
        parts.append("<p><b>Spłaty i umorzenia</b><br>" + "<br>".join(
            f"{format_date(e.booked_on) if e.booked_on else 'zaplanowane'}: "
            f"{label(e.kind)} {format_money(e.amount)} {html_text(e.reference)}"
            for e in d.ledger) + "</p>")
    if d.requests:
        parts.append("<p><b>Wnioski strony</b><br>" + "<br>".join(
            f"{format_date(q.received_on)}: {label(q.kind)} — {html_text(q.asked)}"
            + (f" (decyzja {q.decision_number or 'projekt'})" if q.decision_id else
               " (bez decyzji)")
            for q in d.requests) + "</p>")
    return "".join(parts)


def _add_terms(form: FormDialog, count: str, due_on: str) -> None:
    """The number of instalments (none: "—") and the first instalment's or deferred date."""
    instalments = QSpinBox()
    instalments.setObjectName(count)
    instalments.setRange(0, 120)
    instalments.setSpecialValueText("—")
    form.add(count, "Liczba rat", instalments)
    form.add(due_on, "Termin (pierwszej raty lub odroczony)",
             date_edit(clock.today(), object_name=due_on))


class TransferDialog(FormDialog):
    """A transfer found on the office's account statement."""

    def __init__(self, ctx: AppContext, row: DebtRow, parent: QWidget | None = None) -> None:
        super().__init__(ctx, f"Wpłata przelewem — {row.person_name}", parent)
        self.row = row
        self.add("paid_on", "Data wpływu", date_edit(clock.today(), object_name="paid_on"))
        self.add("amount", "Kwota (zł)", line(object_name="amount", max_len=20))
        self.add("reference", "Tytuł przelewu / nr wyciągu",
                 line(object_name="reference", max_len=140))
        self.mark_pristine()

    def submit(self) -> None:
        on = to_date(_widget(self, "paid_on", QDateEdit))
        amount = _widget(self, "amount", QLineEdit).text()
        reference = _widget(self, "reference", QLineEdit).text()
        self.save(lambda s: debts.record_transfer(
            s, self.row.id, actor=self.ctx.actor, paid_on=on, amount=amount,
            reference=reference), changed=Changes.DEBTS)


class RequestDialog(FormDialog):
    """The party's request: umorzenie (in whole or part), raty or odroczenie."""

    def __init__(self, ctx: AppContext, row: DebtRow, parent: QWidget | None = None) -> None:
        super().__init__(ctx, f"Wniosek strony o należność — {row.person_name}", parent)
        self.row = row
        self.add("kind", "Czego dotyczy", enum_combo(list(DebtRequestKind), object_name="kind"))
        self.add("received_on", "Data wpływu wniosku",
                 date_edit(clock.today(), object_name="received_on"))
        self.add("asked_amount", "Kwota do umorzenia (puste: całość)",
                 line(object_name="asked_amount", max_len=20))
        _add_terms(self, "asked_instalments", "asked_due_on")
        self.add("party_reasons", "Uzasadnienie strony", text_box(object_name="party_reasons"))
        self.mark_pristine()

    def submit(self) -> None:
        kind: DebtRequestKind = _widget(self, "kind", EnumCombo).value()
        count = _widget(self, "asked_instalments", QSpinBox).value()
        form = RequestForm(
            debt_id=self.row.id, kind=kind,
            received_on=to_date(_widget(self, "received_on", QDateEdit)),
            asked_amount=_widget(self, "asked_amount", QLineEdit).text().strip() or None,
            asked_instalments=count or None,
            asked_due_on=(to_date(_widget(self, "asked_due_on", QDateEdit))
                          if kind is not DebtRequestKind.WRITE_OFF else None),
            party_reasons=_widget(self, "party_reasons", QPlainTextEdit).toPlainText())
        self.save(lambda s: debts.record_request(s, form, actor=self.ctx.actor),
                  changed=Changes.DEBTS | Changes.CASES)


class RulingDialog(FormDialog):
    """The draft of the decision on a request: granted or refused, and what is granted; the
    justification is built from the records and finished in the decision editor."""

    def __init__(self, ctx: AppContext, detail: DebtDetail, parent: QWidget | None = None
                 ) -> None:
        super().__init__(ctx, f"Projekt decyzji o wniosku — {detail.row.person_name}", parent)
        self.requests = QComboBox()
        self.requests.setObjectName("request")
        for q in detail.requests:
            if q.decision_id is None or q.decision_number == "":
                self.requests.addItem(f"{format_date(q.received_on)}: {label(q.kind)} — "
                                      f"{q.asked}", q)
        self.add("request", "Wniosek", self.requests)
        self.grant: QCheckBox = checkbox("uwzględnić wniosek", object_name="grant")
        self.grant.setChecked(True)
        self.add("grant", "Rozstrzygnięcie", self.grant)
        self.add("amount", "Kwota umorzenia (puste: całość)",
                 line(object_name="amount", max_len=20))
        _add_terms(self, "instalments", "due_on")
        self.mark_pristine()

    def submit(self) -> None:
        request = self.requests.currentData()
        if request is None:
            self.show_field_error("Nie ma wniosku bez decyzji.", "request")
            return
        count = _widget(self, "instalments", QSpinBox).value()
        ruling = RulingForm(
            grant=self.grant.isChecked(),
            amount=_widget(self, "amount", QLineEdit).text().strip() or None,
            instalments=count or None,
            due_on=(to_date(_widget(self, "due_on", QDateEdit))
                    if request.kind is not DebtRequestKind.WRITE_OFF else None))
        self.save(lambda s: debts.draft_request_decision(
            s, request.id, ruling, actor=self.ctx.actor, expected_version=request.version),
            changed=Changes.DEBTS | Changes.DECISIONS)


class DeductionDialog(FormDialog):
    """Deduct the debt from the person's next payouts, at most this much from each."""

    def __init__(self, ctx: AppContext, row: DebtRow, parent: QWidget | None = None) -> None:
        super().__init__(ctx, f"Potrącanie z wypłat — {row.person_name}", parent)
        self.row = row
        current = "" if row.deduction_per_payout is None else \
            f"{row.deduction_per_payout:.2f}".replace(".", ",")
        self.add("per_payout", "Najwyżej z jednej wypłaty (zł; puste: nie potrącać)",
                 line(current, object_name="per_payout", max_len=20))
        self.mark_pristine()

    def submit(self) -> None:
        value = _widget(self, "per_payout", QLineEdit).text().strip() or None
        self.save(lambda s: debts.set_deduction(
            s, self.row.id, actor=self.ctx.actor, per_payout=value,
            expected_version=self.row.version), changed=Changes.DEBTS)


class DebtsPanel(QWidget):
    """The debts list with, beside it, the selected one's particulars and actions."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("debtsPanel")
        self.model: RowsModel[DebtRow] = RowsModel(COLUMNS, self)
        self.view = make_table(self.model, object_name="debtList")
        self.paid_too = checkbox("pokaż też spłacone", object_name="showPaidDebts")
        self.paid_too.toggled.connect(lambda _c: self.refresh())
        self.detail = QLabel("Wybierz należność z listy.")
        self.detail.setObjectName("debtDetail")
        self.detail.setWordWrap(True)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.transfer = push("Wpłata przelewem…", object_name="debtTransfer",
                             slot=self.record_transfer, shortcut="Ctrl+Shift+T")
        self.request = push("Wniosek strony…", object_name="debtRequest",
                            slot=self.record_request, shortcut="Ctrl+Shift+W")
        self.ruling = push("Projekt decyzji o wniosku…", object_name="debtRuling",
                           slot=self.draft_ruling, shortcut="Ctrl+Shift+D")
        self.deduction = push("Potrącanie z wypłat…", object_name="debtDeduction",
                              slot=self.set_deduction)
        self.buttons = [self.transfer, self.request, self.ruling, self.deduction]
        for button in self.buttons:
            button.setVisible(ctx.actor.can(Permission.CASE_WORK))
        layout = QVBoxLayout(self)
        layout.addWidget(self.paid_too)
        layout.addWidget(self.view, 2)
        layout.addWidget(scrolling(self.detail), 1)
        layout.addWidget(ActionPanel(self.buttons, object_name="debtActions"))
        self.current_detail: DebtDetail | None = None
        self.view.selectionModel().selectionChanged.connect(lambda *_: self.show_selected())
        row_actions(self.view, lambda: self.buttons)
        ctx.listen(AREAS, self.refresh)
        self.refresh()

    def refresh(self) -> None:
        selected = selected_row(self.view)
        open_only = not self.paid_too.isChecked()
        rows = self.ctx.read(self, lambda s: debts.list_debts(
            s, actor=self.ctx.actor, open_only=open_only))
        self.model.set_rows(rows or [])
        if not (isinstance(selected, DebtRow)
                and reselect(self.view, lambda r: r.id == selected.id)):
            self.show_selected()

    def current(self) -> DebtRow | None:
        row = selected_row(self.view)
        return row if isinstance(row, DebtRow) else None

    def show_selected(self) -> None:
        row = self.current()
        found = None if row is None else self.ctx.read(self, lambda s: debts.debt_detail(
            s, row.id, actor=self.ctx.actor))
        self.current_detail = found
        self.detail.setText(detail_html(found) if found else "Wybierz należność z listy.")
        for button in self.buttons:
            button.setEnabled(found is not None)
        self.ruling.setEnabled(found is not None and any(
            q.decision_id is None or q.decision_number == "" for q in found.requests))

    def record_transfer(self) -> None:
        row = self.current()
        if row is not None:
            TransferDialog(self.ctx, row, self).exec()

    def record_request(self) -> None:
        row = self.current()
        if row is not None:
            RequestDialog(self.ctx, row, self).exec()

    def draft_ruling(self) -> None:
        if self.current_detail is not None:
            RulingDialog(self.ctx, self.current_detail, self).exec()

    def set_deduction(self) -> None:
        row = self.current()
        if row is not None:
            DeductionDialog(self.ctx, row, self).exec()


class DeskPaymentDialog(FormDialog):
    """Cash paid at the desk against one of the person's debts; OK books it with a KP
    receipt number, and the receipt is printed."""

    def __init__(self, ctx: AppContext, person: PersonRow, owed: list[DeskDebt],
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, f"Przyjęcie wpłaty — {person.full_name}", parent)
        self.debt = QComboBox()
        self.debt.setObjectName("debt")
        for d in owed:
            self.debt.addItem(f"{d.title} — do zapłaty {format_money(d.payable)}", d)
        self.add("debt", "Należność", self.debt)
        self.add("amount", "Kwota wpłaty (zł)", line(object_name="amount", max_len=20))
        self.mark_pristine()

    def submit(self) -> None:
        owed: DeskDebt = self.debt.currentData()
        amount = _widget(self, "amount", QLineEdit).text()
        self.save(lambda s: debts.take_cash(s, owed.id, actor=self.ctx.actor, amount=amount),
                  changed=Changes.DEBTS)


def take_payment(ctx: AppContext, parent: QWidget) -> int | None:
    """"Przyjmij wpłatę" at the desk: the person, the debt, the amount; then the KP receipt.
    The booked entry's id, or None."""
    person = choose_person(ctx, parent)
    if person is None:
        return None
    owed = ctx.read(parent, lambda s: debts.desk_debts(s, person.id, actor=ctx.actor))
    if owed is None:
        return None
    if not owed:
        show_error(parent, UserFacingError(f"{person.full_name} nie ma należności do zapłaty."))
        return None
    dialog = DeskPaymentDialog(ctx, person, owed, parent)
    if not dialog.exec() or dialog.result_value is None:
        return None
    entry_id: int = dialog.result_value
    ctx.show_document(parent, f"KP-{entry_id}", lambda s: debts.cash_receipt_pdf(
        s, entry_id, actor=ctx.actor))
    return entry_id
