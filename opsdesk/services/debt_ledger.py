"""The debt (należność) of an art. 98 repayment decision and its ledger.

The debt comes into being when the repayment decision is issued (its terms: the amount and
the due dates). It may be paid before the decision is final; it is overdue — and may be
enforced — only once final. What reduces it is booked in its ledger: cash at the desk with a
numbered KP receipt, a transfer to the office's account, a deduction from a current payout
and a write-off granted by a decision. The balance is the amount less everything booked; a
payment above what is still owed is refused.

What is due and when (``DebtInstalment``) always adds up to the balance at the time it was
set, so the part of the ledger that counts against it is what was booked since: a write-off
trims the last instalments, a decision granting instalments or a deferral replaces them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from opsdesk.errors import ConflictError, NotFound, ValidationError
from opsdesk.formatting import format_date, format_money
from opsdesk.models import Decision, Person
from opsdesk.models.debts import Debt, DebtEntry, DebtInstalment
from opsdesk.models.enums import DebtEntryKind, DecisionKind

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Standing:
    """Where a debt stands on a day."""

    amount: Decimal
    booked: Decimal  # paid, deducted and written off
    pending: Decimal  # deductions on payout lists not yet paid
    balance: Decimal
    overdue: Decimal  # due before the day and not paid (only once final)
    next_due_on: date | None
    next_due_amount: Decimal
    final_on: date | None

    @property
    def payable(self) -> Decimal:
        """What a cash payment or a transfer may still cover."""
        return self.balance - self.pending


def get_debt(session: Session, debt_id: int, expected_version: int | None = None) -> Debt:
    debt = session.get(Debt, debt_id)
    if debt is None:
        raise NotFound("Nie ma takiej należności.")
    if expected_version is not None and debt.version != expected_version:
        raise ConflictError({"version": (debt.version, expected_version)})
    return debt


def create_from_repayment(session: Session, d: Decision,
                          plan: list[tuple[date, Decimal]]) -> Debt:
    """The debt of an issued repayment decision, due as the decision says."""
    assert d.kind is DecisionKind.REPAYMENT and d.amount is not None
    debt = Debt(decision_id=d.id, person_id=d.person_id, amount=d.amount)
    session.add(debt)
    session.flush()
    for due, part in plan:
        session.add(DebtInstalment(debt_id=debt.id, due_on=due, amount=part,
                                   set_by_decision_id=d.id))
    session.flush()
    return debt


def active_schedule(session: Session, debt_id: int) -> list[DebtInstalment]:
    return _schedules(session, [debt_id]).get(debt_id, [])


def _schedules(session: Session, debt_ids: Sequence[int]) -> dict[int, list[DebtInstalment]]:
    """The instalments in force of each debt, in the order they fall due: one query."""
    found: dict[int, list[DebtInstalment]] = {}
    for i in session.scalars(select(DebtInstalment).where(
            DebtInstalment.debt_id.in_(debt_ids),
            DebtInstalment.replaced_by_decision_id.is_(None))
            .order_by(DebtInstalment.debt_id, DebtInstalment.due_on, DebtInstalment.id)):
        found.setdefault(i.debt_id, []).append(i)
    return found


def _sums(session: Session, debt_ids: Sequence[int]) -> dict[int, tuple[Decimal, Decimal]]:
    """What each debt's ledger booked and what waits on unpaid payout lists: one query."""
    found: dict[int, tuple[Decimal, Decimal]] = {}
    for debt_id, amount, on in session.execute(
            select(DebtEntry.debt_id, DebtEntry.amount, DebtEntry.booked_on)
            .where(DebtEntry.debt_id.in_(debt_ids))):
        booked, pending = found.get(debt_id, (ZERO, ZERO))
        found[debt_id] = (booked, pending + amount) if on is None else (booked + amount, pending)
    return found


def standing(session: Session, debt: Debt, today: date) -> Standing:
    decision = session.get(Decision, debt.decision_id)
    assert decision is not None
    return standings(session, [(debt, decision)], today)[0]


def standings(session: Session, debts: Sequence[tuple[Debt, Decision]],
              today: date) -> list[Standing]:
    """Where each debt (with its repayment decision) stands: two queries for any number of
    debts, not two per debt — the list of a centre's debts reads them all."""
    # Imported here: the payouts package books deductions into this ledger.
    from opsdesk.services.payouts.schedule import final_on

    ids = [debt.id for debt, _ in debts]
    sums, schedules = _sums(session, ids), _schedules(session, ids)
    found = []
    for debt, decision in debts:
        booked, pending = sums.get(debt.id, (ZERO, ZERO))
        schedule = schedules.get(debt.id, [])
        balance = debt.amount - booked
        settled_before = debt.amount - sum((i.amount for i in schedule), ZERO)
        paid_on_schedule = booked - settled_before
        final = final_on(decision)
        due_past = sum((i.amount for i in schedule if i.due_on < today), ZERO)
        overdue = max(ZERO, min(balance, due_past - paid_on_schedule)) \
            if final is not None and final <= today else ZERO
        next_on, next_amount, covered = None, ZERO, ZERO
        for i in schedule:
            covered += i.amount
            if covered > paid_on_schedule:
                next_on, next_amount = i.due_on, min(covered - paid_on_schedule, i.amount)
                break
        found.append(Standing(debt.amount, booked, pending, balance, overdue, next_on,
                              next_amount, final))
    return found


def refuse_above_balance(amount: Decimal, s: Standing) -> None:
    if s.balance <= 0:
        raise ValidationError("Należność jest spłacona — nie ma czego przyjąć.", field="amount")
    if amount > s.payable:
        pending = (f" (w tym {format_money(s.pending)} potrącenia z wypłaty na liście, która "
                   "nie została jeszcze rozliczona)") if s.pending else ""
        raise ValidationError(
            f"Kwota {format_money(amount)} przekracza pozostałą do spłaty należność "
            f"{format_money(s.payable)}{pending}. Przyjmij najwyżej tę kwotę; nadpłatę "
            "zwraca się stronie.", field="amount")


def book(session: Session, debt: Debt, *, kind: DebtEntryKind, amount: Decimal,
         booked_on: date | None, actor_id: int, today: date, reference: str = "",
         receipt: tuple[str, int, int] | None = None, payout_id: int | None = None,
         decision_id: int | None = None) -> DebtEntry:
    """One booking, refused when it would take the debt below zero."""
    s = standing(session, debt, today)
    if kind is DebtEntryKind.WRITE_OFF:
        if amount > s.payable:
            raise ValidationError(f"Umorzyć można najwyżej pozostałą należność "
                                  f"({format_money(s.payable)}).", field="amount")
    else:
        refuse_above_balance(amount, s)
    number, year, seq = receipt if receipt else (None, None, None)
    entry = DebtEntry(debt_id=debt.id, kind=kind, amount=amount, booked_on=booked_on,
                      reference=reference, receipt_number=number, receipt_year=year,
                      receipt_seq=seq, payout_id=payout_id, decision_id=decision_id,
                      recorded_by_id=actor_id)
    session.add(entry)
    session.flush()
    return entry


def trim_schedule(session: Session, debt: Debt, amount: Decimal, decision_id: int) -> None:
    """A write-off: the last instalments are reduced by ``amount`` (those reduced to
    nothing are marked replaced by the decision)."""
    left = amount
    for inst in reversed(active_schedule(session, debt.id)):
        if left <= 0:
            break
        cut = min(left, inst.amount)
        left -= cut
        if cut == inst.amount:
            inst.replaced_by_decision_id = decision_id
        else:
            inst.amount -= cut
    session.flush()


def replace_schedule(session: Session, debt: Debt, plan: list[tuple[date, Decimal]],
                     decision_id: int) -> None:
    """Instalments or a deferral granted: the balance is due as the decision says."""
    for inst in active_schedule(session, debt.id):
        inst.replaced_by_decision_id = decision_id
    for due, part in plan:
        session.add(DebtInstalment(debt_id=debt.id, due_on=due, amount=part,
                                   set_by_decision_id=decision_id))
    session.flush()


def debt_title(session: Session, debt: Debt) -> str:
    """ "należność z decyzji nr … z dnia …" — how documents name the debt."""
    d = session.get(Decision, debt.decision_id)
    assert d is not None and d.issued_on is not None
    return f"należność z decyzji nr {d.number} z dnia {format_date(d.issued_on)} r."


def person_of(session: Session, debt: Debt) -> Person:
    person = session.get(Person, debt.person_id)
    assert person is not None
    return person
