"""Payout lists: drawn up per payout date and method (cash / transfer), they go
PREPARED → APPROVED (by the head) → PAID. Approving a cash list issues a numbered
"Kasa wypłaci" receipt per payout and puts it on the desk's "Do odbioru" list."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from opsdesk import clock
from opsdesk.errors import ConflictError, NotFound, ValidationError
from opsdesk.formatting import amount_in_words, format_date
from opsdesk.labels import label
from opsdesk.models import CashReceipt, Payout, PayoutList
from opsdesk.models.enums import DocumentKind, PayoutListStatus, PayoutMethod, PayoutStatus
from opsdesk.services import rules
from opsdesk.services.debt_deductions import book_deductions, drop_deductions, plan_deductions
from opsdesk.services.decisions.finality import carry_out_final
from opsdesk.services.desk import add_handover
from opsdesk.services.numbering import next_number
from opsdesk.services.payouts.reading import PayoutView, due_for_list, payout_views, prefetch
from opsdesk.services.payouts.schedule import extend_open_ended, period_text
from opsdesk.services.permissions import Permission
from opsdesk.services.security import Actor, operation
from opsdesk.services.users import worker_name

LISTS_SHOWN = 48


@dataclass(frozen=True)
class PayoutListRow:
    id: int
    number: str
    payout_date: date
    method: PayoutMethod
    status: PayoutListStatus
    count: int
    total: Decimal
    prepared_by: str
    approved_by: str
    approved_on: date | None
    paid_on: date | None
    version: int


@dataclass(frozen=True)
class PayoutListDetail:
    row: PayoutListRow
    payouts: tuple[PayoutView, ...] = field(default=())

    @property
    def total_in_words(self) -> str:
        return amount_in_words(self.row.total)


def get_list(session: Session, list_id: int, expected_version: int | None = None) -> PayoutList:
    plist = session.get(PayoutList, list_id)
    if plist is None:
        raise NotFound("Nie ma takiej listy wypłat.")
    if expected_version is not None and plist.version != expected_version:
        raise ConflictError({"status": (plist.status, None)})
    return plist


def _list_row(session: Session, plist: PayoutList) -> PayoutListRow:
    """A list's line, its count and total as kept on it (services/payout_totals.py)."""
    return PayoutListRow(plist.id, plist.number, plist.payout_date, plist.method, plist.status,
                         plist.payout_count, plist.payout_total.quantize(Decimal("0.01")),
                         worker_name(session, plist.prepared_by_id),
                         worker_name(session, plist.approved_by_id), plist.approved_on,
                         plist.paid_on, plist.version)


@operation(Permission.PAYOUT_PREPARE)
def payout_lists(session: Session, *, actor: Actor, year: int | None = None
                 ) -> list[PayoutListRow]:
    """The newest lists first: a year's when ``year`` is given, else the last ``LISTS_SHOWN``
    (two years of monthly cash and transfer lists), not every list of ten years."""
    stmt = select(PayoutList).order_by(PayoutList.payout_date.desc(), PayoutList.id.desc())
    if year is not None:
        stmt = stmt.where(PayoutList.year == year)
    lists = list(session.scalars(stmt.limit(500 if year is not None else LISTS_SHOWN)))
    return [_list_row(session, pl) for pl in lists]


@operation(Permission.PAYOUT_PREPARE)
def payout_list_detail(session: Session, list_id: int, *, actor: Actor) -> PayoutListDetail:
    plist = get_list(session, list_id)
    return PayoutListDetail(_list_row(session, plist),
                            tuple(payout_views(session, list(plist.payouts))))


def payout_day(asked: date, today: date) -> date:
    """The payout day: one falling on a Saturday, a Sunday or a holiday moves to the working
    day before (the money must be there before the day it is for)."""
    day = rules.last_working_day(asked)
    if day < today:
        later = rules.working_days_after(today - timedelta(days=1), 1)
        raise ValidationError(
            "Data wypłaty nie może być wcześniejsza niż dzisiaj" + (
                f" — {format_date(asked)} r. to dzień wolny od pracy, a poprzedni dzień "
                f"roboczy ({format_date(day)} r.) już minął" if day != asked else "")
            + f". Najbliższy dzień roboczy: {format_date(later)} r.", field="payout_date")
    return day


@operation(Permission.PAYOUT_PREPARE)
def prepare_payout_list(session: Session, *, actor: Actor, payout_date: date,
                        method: PayoutMethod, today: date | None = None) -> int:
    """Draw up a list of every planned payout of this method due by ``payout_date``."""
    today = today or clock.today()
    payout_date = payout_day(payout_date, today)
    carry_out_final(session, today=today)  # corrections that became final meanwhile
    extend_open_ended(session, until=payout_date, today=today)
    due = due_for_list(session, payout_date, method)
    if not due:
        raise ValidationError(f"Brak wypłat ({label(method)}) do umieszczenia na liście na dzień "
                              f"{format_date(payout_date)} r.", field="payout_date")
    seq = next_number(session, "PAYOUT_LIST", payout_date.year)
    plist = PayoutList(number=f"LW/{seq}/{payout_date.year}", year=payout_date.year, seq=seq,
                       payout_date=payout_date, method=method,
                       status=PayoutListStatus.PREPARED, prepared_by_id=actor.id)
    session.add(plist)
    session.flush()
    for payout in due:
        payout.payout_list_id = plist.id
        payout.status = PayoutStatus.ON_LIST
    session.flush()
    plan_deductions(session, due, reference=f"lista wypłat nr {plist.number}",
                    actor_id=actor.id, today=today)
    return plist.id


@operation(Permission.PAYOUT_PREPARE)
def remove_from_list(session: Session, list_id: int, payout_id: int, *, actor: Actor) -> None:
    """Take a payout off a list not yet approved; it waits for the next list."""
    plist = get_list(session, list_id)
    if plist.status is not PayoutListStatus.PREPARED:
        raise ValidationError(f"Lista wypłat nr {plist.number} jest już zatwierdzona — nie "
                              "można jej zmieniać.", field="status")
    payout = session.get(Payout, payout_id)
    if payout is None or payout.payout_list_id != plist.id:
        raise NotFound("Tej wypłaty nie ma na liście.")
    payout.payout_list_id = None
    payout.status = PayoutStatus.PLANNED
    drop_deductions(session, [payout.id])
    session.flush()


@operation(Permission.PAYOUT_APPROVE)
def approve_payout_list(session: Session, list_id: int, *, actor: Actor,
                        expected_version: int | None = None, today: date | None = None
                        ) -> list[int]:
    """The head approves the list; a cash list gets its "Kasa wypłaci" receipts, which
    wait at the desk. Returns the ids of the receipts issued."""
    today = today or clock.today()
    plist = get_list(session, list_id, expected_version)
    if plist.status is not PayoutListStatus.PREPARED:
        who = worker_name(session, plist.approved_by_id)
        when = f" {format_date(plist.approved_on)} r." if plist.approved_on else ""
        raise ValidationError(f"Lista wypłat nr {plist.number} została już zatwierdzona{when}"
                              f"{' (' + who + ')' if who else ''} — nie można zatwierdzić jej "
                              "ponownie.", field="status")
    live = [p for p in plist.payouts if p.status is PayoutStatus.ON_LIST]
    if not live:
        raise ValidationError(f"Lista wypłat nr {plist.number} jest pusta.", field="status")
    if not rules.is_working_day(today):
        raise ValidationError(f"Dzień {format_date(today)} r. jest dniem wolnym od pracy — "
                              "listę zatwierdza się w dniu roboczym.", field="status")
    if plist.payout_date < today:
        raise ValidationError(f"Data wypłaty listy ({format_date(plist.payout_date)} r.) jest "
                              "wcześniejsza niż dzień zatwierdzenia — usuń pozycje z listy i "
                              "przygotuj nową na dzień roboczy.", field="status")
    plist.status = PayoutListStatus.APPROVED
    plist.approved_by_id = actor.id
    plist.approved_on = today
    receipts = []
    if plist.method is PayoutMethod.CASH:
        prefetch(session, live)
        # A payout not collected on an earlier list keeps its receipt and number.
        existing = {payout_id: receipt_id for payout_id, receipt_id in session.execute(
            select(CashReceipt.payout_id, CashReceipt.id).where(
                CashReceipt.payout_id.in_([p.id for p in live])))}
        # "Kasa wypłaci" is dated with the day of payment, not of approval.
        receipts = [existing.get(p.id) or _issue_receipt(session, p, plist.prepared_by_id,
                                                         plist.payout_date)
                    for p in live]
    session.flush()
    return receipts


def _issue_receipt(session: Session, payout: Payout, issued_by_id: int, on: date) -> int:
    seq = next_number(session, "RECEIPT", on.year)
    receipt = CashReceipt(number=f"KW/{seq}/{on.year}", year=on.year, seq=seq,
                          payout_id=payout.id, issued_on=on, issued_by_id=issued_by_id)
    session.add(receipt)
    session.flush()
    add_handover(session, kind=DocumentKind.RECEIPT, document_id=receipt.id,
                 person_id=payout.person_id,
                 title=f"Kasa wypłaci nr {receipt.number} — {label(payout.decision.benefit_kind)}"
                       f", {period_text(payout.period_from, payout.period_to)}")
    return receipt.id


@operation(Permission.PAYOUT_PREPARE)
def check_payout_list(session: Session, list_id: int, *, actor: Actor,
                      expected_version: int | None = None, today: date | None = None) -> None:
    """"Sprawdził": a worker other than the one who drew the list up checked it against the
    decisions, before the head approves it."""
    today = today or clock.today()
    plist = get_list(session, list_id, expected_version)
    if plist.status is not PayoutListStatus.PREPARED:
        raise ValidationError(f"Lista wypłat nr {plist.number} jest już zatwierdzona.",
                              field="status")
    if plist.prepared_by_id == actor.id:
        raise ValidationError("Listę sprawdza inna osoba niż ta, która ją sporządziła.",
                              field="status")
    plist.checked_by_id, plist.checked_on = actor.id, today
    session.flush()


@operation(Permission.PAYOUT_PREPARE)
def record_list_paid(session: Session, list_id: int, *, actor: Actor, paid_on: date,
                     not_paid: tuple[int, ...] = (), expected_version: int | None = None,
                     today: date | None = None) -> None:
    """The cashier's or the bank's report: everything paid except ``not_paid`` (money not
    collected, a transfer returned), which goes back to wait for the next list."""
    today = today or clock.today()
    plist = get_list(session, list_id, expected_version)
    if plist.status is PayoutListStatus.PREPARED:
        raise ValidationError(f"Lista wypłat nr {plist.number} nie jest jeszcze zatwierdzona "
                              "przez kierownika.", field="status")
    if plist.status is PayoutListStatus.PAID:
        raise ValidationError(f"Lista wypłat nr {plist.number} jest już rozliczona.",
                              field="status")
    if paid_on > today:
        raise ValidationError("Data wypłaty nie może być datą przyszłą.", field="paid_on")
    if plist.approved_on and paid_on < plist.approved_on:
        raise ValidationError("Wypłata nie mogła nastąpić przed zatwierdzeniem listy "
                              f"({format_date(plist.approved_on)} r.).", field="paid_on")
    on_list = {p.id for p in plist.payouts}
    stray = set(not_paid) - on_list
    if stray:
        raise ValidationError("Wskazano wypłatę spoza tej listy.", field="not_paid")
    paid = []
    for payout in plist.payouts:
        if payout.status is not PayoutStatus.ON_LIST:
            continue
        if payout.id in not_paid:
            payout.status = PayoutStatus.PLANNED
            payout.payout_list_id = None
        else:
            payout.status = PayoutStatus.PAID
            payout.paid_on = paid_on
            paid.append(payout.id)
    drop_deductions(session, not_paid)
    book_deductions(session, paid, paid_on)  # the debts' ledgers (art. 104 ust. 2 ups)
    plist.status = PayoutListStatus.PAID
    plist.paid_on = paid_on
    session.flush()
