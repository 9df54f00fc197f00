"""The payout list, the transfer file for the bank and the "Kasa wypłaci" receipts.

Transfer file (``transfer_csv``) — one line per transfer, for the bank's "import przelewów
z pliku CSV". UTF-8 (or Windows-1250 on request), fields separated by semicolons, quoted
with double quotes where needed, lines ended with CRLF, a header line first:

1. ``Lp`` — running number on the list;
2. ``Rachunek odbiorcy`` — the beneficiary's NRB, 26 digits, no spaces;
3. ``Nazwa odbiorcy`` — first name and surname, at most 70 characters;
4. ``Adres odbiorcy`` — street, postal code and town, at most 70 characters;
5. ``Kwota`` — in złote with a decimal comma and no thousands separator, e.g. ``1229,00``;
6. ``Tytuł`` — benefit, period and decision number, at most 140 characters (4 × 35);
7. ``Data wykonania`` — the list's payout date, ``RRRR-MM-DD``;
8. ``Referencja`` — the list number and the line, e.g. ``LW/3/2026/12``, to reconcile the
   bank statement.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from opsdesk.errors import NotFound, ValidationError
from opsdesk.formatting import format_date
from opsdesk.labels import label
from opsdesk.models import CashReceipt, Payout, PayoutList
from opsdesk.models.enums import AuditAction, PayoutListStatus, PayoutMethod, PayoutStatus
from opsdesk.reports.payout_list import render_payout_list
from opsdesk.reports.receipt import render_receipt, render_receipts
from opsdesk.reports.views import OfficeView, PayoutListView, PayoutRow, ReceiptView
from opsdesk.services.audit import write_audit
from opsdesk.services.debt_deductions import deductions_of
from opsdesk.services.office import get_office, office_view
from opsdesk.services.payouts.lists import get_list
from opsdesk.services.payouts.reading import prefetch
from opsdesk.services.payouts.schedule import period_text
from opsdesk.services.permissions import Permission
from opsdesk.services.security import Actor, operation
from opsdesk.services.users import worker_name

CSV_COLUMNS = ("Lp", "Rachunek odbiorcy", "Nazwa odbiorcy", "Adres odbiorcy", "Kwota", "Tytuł",
               "Data wykonania", "Referencja")



def _list_view(session: Session, plist: PayoutList) -> PayoutListView:
    rows = []
    payouts = [p for p in plist.payouts if p.status is not PayoutStatus.CANCELLED]
    prefetch(session, payouts)
    deducted = deductions_of(session, [p.id for p in payouts])
    for n, p in enumerate(payouts, start=1):
        person = p.person
        deduction = deducted.get(p.id, Decimal("0.00"))
        rows.append(PayoutRow(
            lp=n, name=person.full_name, address=person.address, pesel=person.pesel or "",
            decision_number=p.decision.number or "", decision_date=p.decision.issued_on
            or plist.payout_date, benefit_label=label(p.decision.benefit_kind),
            period_text=period_text(p.period_from, p.period_to), amount=p.amount - deduction,
            account_number=p.bank_account, deduction=deduction))
    what = "gotówką w kasie" if plist.method is PayoutMethod.CASH else "przelewem"
    return PayoutListView(
        office=office_view(session), number=plist.number, payout_date=plist.payout_date,
        method=plist.method.value,
        title=f"Lista wypłat świadczeń z pomocy społecznej ({what}) na dzień "
              f"{format_date(plist.payout_date)} r.",
        rows=tuple(rows), drawn_up_by=worker_name(session, plist.prepared_by_id),
        checked_by=_signed(worker_name(session, plist.checked_by_id), plist.checked_on),
        approved_by=_signed(worker_name(session, plist.approved_by_id), plist.approved_on))


def _signed(name: str, on: date | None) -> str:
    """"Anna Nowak, 09.12.2026 r.": who signed the list and when."""
    return f"{name}, {format_date(on)} r." if name and on else name


@operation(Permission.PAYOUT_PREPARE)
def payout_list_pdf(session: Session, list_id: int, *, actor: Actor) -> bytes:
    plist = get_list(session, list_id)
    write_audit(session, actor.id, AuditAction.PRINT, "PayoutList", plist.id, {})
    return render_payout_list(_list_view(session, plist))


@operation(Permission.PAYOUT_PREPARE)
def transfer_csv(session: Session, list_id: int, *, actor: Actor,
                 encoding: str = "utf-8") -> bytes:
    """The approved transfer list as the bank's import file (columns in the module doc)."""
    plist = get_list(session, list_id)
    if plist.method is not PayoutMethod.TRANSFER:
        raise ValidationError(f"Lista nr {plist.number} to lista wypłat gotówkowych — plik "
                              "dla banku tworzy się tylko z listy przelewów.", field="method")
    if plist.status is PayoutListStatus.PREPARED:
        raise ValidationError(f"Lista przelewów nr {plist.number} nie jest jeszcze zatwierdzona "
                              "przez kierownika — nie można wysłać jej do banku.",
                              field="status")
    if encoding not in ("utf-8", "cp1250"):
        raise ValidationError("Kodowanie pliku: utf-8 albo cp1250.", field="encoding")
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    payouts = [p for p in plist.payouts if p.status is not PayoutStatus.CANCELLED]
    prefetch(session, payouts)
    deducted = deductions_of(session, [p.id for p in payouts])
    for n, p in enumerate(payouts, start=1):
        net = p.amount - deducted.get(p.id, Decimal("0.00"))
        title = (f"{label(p.decision.benefit_kind)} {period_text(p.period_from, p.period_to)} "
                 f"decyzja {p.decision.number}")
        writer.writerow([n, p.bank_account, p.person.full_name[:70], p.person.address[:70],
                         f"{net:.2f}".replace(".", ","), title[:140],
                         plist.payout_date.isoformat(), f"{plist.number}/{n}"])
    write_audit(session, actor.id, AuditAction.EXPORT, "PayoutList", plist.id,
                {"rows": len(payouts), "encoding": encoding})
    return out.getvalue().encode(encoding)


@operation(Permission.RECEIPT_ISSUE)
def receipt_pdf(session: Session, receipt_id: int, *, actor: Actor) -> bytes:
    """"Kasa wypłaci" in two copies on one page."""
    receipt = session.get(CashReceipt, receipt_id)
    if receipt is None:
        raise NotFound("Nie ma takiego dowodu wypłaty.")
    write_audit(session, actor.id, AuditAction.PRINT, "CashReceipt", receipt.id, {})
    return render_receipt(_receipt_view(session, receipt, office_view(session),
                                        get_office(session).town))


@operation(Permission.RECEIPT_ISSUE)
def receipts_of_list_pdf(session: Session, list_id: int, *, actor: Actor) -> bytes:
    """Every "Kasa wypłaci" of a cash list in one document, a sheet each: printed at once,
    not opened one by one."""
    plist = get_list(session, list_id)
    receipts = list(session.scalars(select(CashReceipt).join(Payout).where(
        Payout.payout_list_id == plist.id).order_by(CashReceipt.seq)))
    if not receipts:
        raise ValidationError(f"Lista wypłat nr {plist.number} nie ma dowodów „Kasa wypłaci” "
                              "— są wystawiane przy zatwierdzeniu listy gotówkowej.")
    prefetch(session, [r.payout for r in receipts])
    for receipt in receipts:
        write_audit(session, actor.id, AuditAction.PRINT, "CashReceipt", receipt.id, {})
    office, town = office_view(session), get_office(session).town
    return render_receipts([_receipt_view(session, r, office, town) for r in receipts],
                           title=f"Kasa wypłaci — lista wypłat nr {plist.number}")


def _receipt_view(session: Session, receipt: CashReceipt, office: OfficeView,
                  town: str) -> ReceiptView:
    payout = receipt.payout
    decision, person, plist = payout.decision, payout.person, payout.payout_list
    return ReceiptView(
        office=office, number=receipt.number, place=town,
        issued_on=receipt.issued_on, recipient_name=person.full_name,
        recipient_address=person.address, recipient_pesel=person.pesel or "",
        benefit_label=label(decision.benefit_kind),
        period_text=period_text(payout.period_from, payout.period_to),
        decision_number=decision.number or "", decision_date=decision.issued_on or
        receipt.issued_on,
        amount=payout.amount - deductions_of(session, [payout.id]).get(payout.id, Decimal(0)),
        drawn_up_by=worker_name(session, receipt.issued_by_id),
        approved_by=worker_name(session, plist.approved_by_id if plist else None))
