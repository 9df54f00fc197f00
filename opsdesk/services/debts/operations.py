"""What the workers do with debts: Świadczenia list them, read a debt's ledger, record
transfers and set the deduction from payouts; the desk takes cash against a debt and prints
the KP receipt."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from opsdesk import clock
from opsdesk.errors import NotFound, ValidationError
from opsdesk.formatting import format_date, format_money
from opsdesk.labels import label
from opsdesk.models import Decision, Person
from opsdesk.models.debts import Debt, DebtEntry, DebtRequest
from opsdesk.models.enums import AuditAction, DebtEntryKind, DebtRequestKind, DecisionStatus
from opsdesk.reports.cash_in_receipt import CashInReceiptView, render_cash_in_receipt
from opsdesk.services import validation as check
from opsdesk.services.audit import write_audit
from opsdesk.services.debt_ledger import (
    ZERO,
    Standing,
    active_schedule,
    book,
    debt_title,
    get_debt,
    person_of,
    refuse_above_balance,
    standing,
    standings,
)
from opsdesk.services.debts.requests import asked_text
from opsdesk.services.numbering import next_number
from opsdesk.services.office import office_view
from opsdesk.services.permissions import Permission
from opsdesk.services.security import Actor, operation
from opsdesk.services.users import worker_name


@dataclass(frozen=True)
class DebtRow:
    id: int
    person_id: int
    person_name: str
    decision_id: int
    decision_number: str
    issued_on: date | None
    amount: Decimal
    balance: Decimal
    overdue: Decimal
    next_due_on: date | None
    final_on: date | None
    deduction_per_payout: Decimal | None
    version: int

    @property
    def state_text(self) -> str:
        """Never colour alone: the state in words."""
        if self.balance <= 0:
            return "spłacona"
        if self.overdue > 0:
            return f"po terminie: {format_money(self.overdue)}"
        if self.final_on is None:
            return "decyzja nieostateczna"
        return f"do zapłaty do {format_date(self.next_due_on)} r." if self.next_due_on \
            else "w toku"


@dataclass(frozen=True)
class LedgerLine:
    id: int
    kind: DebtEntryKind
    booked_on: date | None
    amount: Decimal
    reference: str
    receipt_number: str
    recorded_by: str

    @property
    def kind_text(self) -> str:
        return label(self.kind) + ("" if self.booked_on else " (planowane, lista niewypłacona)")


@dataclass(frozen=True)
class RequestRow:
    id: int
    kind: DebtRequestKind
    received_on: date
    asked: str
    decision_id: int | None
    decision_number: str
    decision_status: DecisionStatus | None
    granted: bool | None
    version: int

    @property
    def state_text(self) -> str:
        if self.decision_status is None:
            return "czeka na projekt decyzji"
        if self.decision_status is not DecisionStatus.ISSUED:
            return f"projekt ({label(self.decision_status)})"
        return f"decyzja nr {self.decision_number}: " + (
            "uwzględniono" if self.granted else "odmowa")


@dataclass(frozen=True)
class DebtDetail:
    row: DebtRow
    title: str
    schedule: tuple[tuple[date, Decimal], ...]
    ledger: tuple[LedgerLine, ...]
    requests: tuple[RequestRow, ...]


@dataclass(frozen=True)
class DeskDebt:
    """What the desk sees of a person's debt to take a payment: no more."""

    id: int
    title: str
    payable: Decimal


def _row(debt: Debt, person: Person, d: Decision, s: Standing) -> DebtRow:
    return DebtRow(debt.id, person.id, f"{person.last_name} {person.first_name}", d.id,
                   d.number or "", d.issued_on, debt.amount, s.balance, s.overdue,
                   s.next_due_on, s.final_on, debt.deduction_per_payout, debt.version)


@operation(Permission.CASE_READ)
def list_debts(session: Session, *, actor: Actor, open_only: bool = True,
               today: date | None = None) -> list[DebtRow]:
    """The debts of issued repayment decisions; overdue first, then by the next due date."""
    today = today or clock.today()
    rows = []
    found = session.execute(
        select(Debt, Person, Decision).join(Person, Person.id == Debt.person_id)
        .join(Decision, Decision.id == Debt.decision_id)).all()
    states = standings(session, [(debt, d) for debt, _, d in found], today)
    for (debt, person, d), s in zip(found, states, strict=True):
        if s.balance > 0 or not open_only:
            rows.append(_row(debt, person, d, s))
    rows.sort(key=lambda r: (r.overdue <= 0, r.next_due_on or date.max, r.person_name))
    return rows


@operation(Permission.CASE_READ)
def debt_detail(session: Session, debt_id: int, *, actor: Actor,
                today: date | None = None) -> DebtDetail:
    today = today or clock.today()
    debt = get_debt(session, debt_id)
    d = session.get(Decision, debt.decision_id)
    assert d is not None
    row = _row(debt, person_of(session, debt), d, standing(session, debt, today))
    ledger = tuple(LedgerLine(e.id, e.kind, e.booked_on, e.amount, e.reference,
                              e.receipt_number or "", worker_name(session, e.recorded_by_id))
                   for e in session.scalars(select(DebtEntry).where(
                       DebtEntry.debt_id == debt.id).order_by(DebtEntry.id)))
    requests = []
    for r in session.scalars(select(DebtRequest).where(DebtRequest.debt_id == debt.id)
                             .order_by(DebtRequest.received_on, DebtRequest.id)):
        rd = session.get(Decision, r.decision_id) if r.decision_id else None
        requests.append(RequestRow(r.id, r.kind, r.received_on, asked_text(r),
                                   r.decision_id, rd.number or "" if rd else "",
                                   rd.status if rd else None, r.granted, r.version))
    return DebtDetail(row, debt_title(session, debt),
                      tuple((i.due_on, i.amount) for i in active_schedule(session, debt.id)),
                      ledger, tuple(requests))


def _entry_date(on: date, today: date, what: str) -> date:
    if on > today:
        raise ValidationError(f"Data {what} nie może być przyszła.", field="paid_on")
    return on


@operation(Permission.CASE_WORK)
def record_transfer(session: Session, debt_id: int, *, actor: Actor, paid_on: date,
                    amount: Decimal | str, reference: str, today: date | None = None) -> int:
    """A transfer found on the office's account statement: its date, amount and title."""
    today = today or clock.today()
    debt = get_debt(session, debt_id)
    value = check.amount(amount, field="amount", label="Kwota przelewu")
    ref = check.text(reference, field="reference", label="Tytuł przelewu / nr wyciągu",
                     max_len=140)
    entry = book(session, debt, kind=DebtEntryKind.TRANSFER, amount=value,
                 booked_on=_entry_date(paid_on, today, "wpływu przelewu"), actor_id=actor.id,
                 today=today, reference=ref)
    write_audit(session, actor.id, AuditAction.CREATE, "DebtEntry", entry.id,
                {"kind": "TRANSFER"})
    return entry.id


@operation(Permission.CASE_WORK)
def set_deduction(session: Session, debt_id: int, *, actor: Actor,
                  per_payout: Decimal | str | None, expected_version: int | None = None
                  ) -> None:
    """Deduct the debt from the person's next payouts, at most ``per_payout`` from each
    (art. 104 ust. 2 ups *(unverified)*); empty stops the deduction."""
    debt = get_debt(session, debt_id, expected_version)
    if per_payout in (None, ""):
        debt.deduction_per_payout = None
    else:
        debt.deduction_per_payout = check.amount(per_payout, field="per_payout",
                                                 label="Potrącenie z jednej wypłaty")
    session.flush()


@operation(Permission.RECEIPT_ISSUE)
def desk_debts(session: Session, person_id: int, *, actor: Actor,
               today: date | None = None) -> list[DeskDebt]:
    """A person's debts with something still to pay, as the desk takes a payment."""
    today = today or clock.today()
    issued = session.execute(
        select(Debt, Decision).join(Decision, Decision.id == Debt.decision_id)
        .where(Debt.person_id == person_id, Decision.status == DecisionStatus.ISSUED)
        .order_by(Debt.id)).all()
    states = standings(session, [(debt, d) for debt, d in issued], today)
    return [DeskDebt(debt.id, debt_title(session, debt), s.payable)
            for (debt, _), s in zip(issued, states, strict=True) if s.payable > 0]


@operation(Permission.RECEIPT_ISSUE)
def take_cash(session: Session, debt_id: int, *, actor: Actor, amount: Decimal | str,
              today: date | None = None) -> int:
    """Cash paid at the desk today: booked with a numbered KP receipt (numbered in this
    transaction, so two workstations never give the same number). Returns the entry."""
    today = today or clock.today()
    debt = get_debt(session, debt_id)
    value = check.amount(amount, field="amount", label="Kwota wpłaty")
    refuse_above_balance(value, standing(session, debt, today))  # before a number is drawn
    seq = next_number(session, "KP", today.year)
    number = f"KP/{seq}/{today.year}"
    entry = book(session, debt, kind=DebtEntryKind.CASH, amount=value, booked_on=today,
                 actor_id=actor.id, today=today, reference=number,
                 receipt=(number, today.year, seq))
    write_audit(session, actor.id, AuditAction.CREATE, "DebtEntry", entry.id,
                {"kind": "CASH", "receipt": number})
    return entry.id


@operation(Permission.RECEIPT_ISSUE)
def cash_receipt_pdf(session: Session, entry_id: int, *, actor: Actor) -> bytes:
    """The KP receipt of a cash payment (the printing is recorded)."""
    entry = session.get(DebtEntry, entry_id)
    if entry is None or entry.kind is not DebtEntryKind.CASH or entry.booked_on is None:
        raise NotFound("Nie ma takiej wpłaty gotówkowej.")
    debt = get_debt(session, entry.debt_id)
    person = person_of(session, debt)
    booked_through = sum((e.amount for e in session.scalars(select(DebtEntry).where(
        DebtEntry.debt_id == debt.id, DebtEntry.id <= entry.id,
        DebtEntry.booked_on.is_not(None)))), ZERO)
    office = office_view(session, entry.booked_on)
    write_audit(session, actor.id, AuditAction.PRINT, "DebtEntry", entry.id, {})
    return render_cash_in_receipt(CashInReceiptView(
        office=office, number=entry.receipt_number or "", place=office.town,
        paid_on=entry.booked_on, payer_name=person.full_name, payer_address=person.address,
        payer_pesel=person.pesel or "",
        purpose=f"zwrot nienależnie pobranych świadczeń — {debt_title(session, debt)}",
        amount=entry.amount, balance_after=debt.amount - booked_through,
        received_by=worker_name(session, entry.recorded_by_id)))
