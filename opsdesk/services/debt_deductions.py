"""Deduction from current payouts (art. 104 ust. 2 ups *(unverified against the consolidated
text; read from a commentary quoting it)*: with a right to cash benefits, unduly received
cash benefits are deducted from the current payouts).

The benefits worker sets, for a debt of a final repayment decision, how much at most is
deducted from each payout. When a payout goes onto a payout list, the deduction is planned
against it (the list shows it and pays the rest); when the list is reported paid it is booked
in the debt's ledger; a payout taken off the list or not paid drops it."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from opsdesk.models import Payout
from opsdesk.models.debts import Debt, DebtEntry
from opsdesk.models.enums import DebtEntryKind
from opsdesk.services.debt_ledger import ZERO, standing


def plan_deductions(session: Session, payouts: Iterable[Payout], *, reference: str,
                    actor_id: int, today: date) -> None:
    """Plan the deductions of the persons' debts against the payouts put on a list."""
    by_person: dict[int, list[Debt]] = {}
    for debt in session.scalars(select(Debt).where(Debt.deduction_per_payout.is_not(None))
                                .order_by(Debt.id)):
        by_person.setdefault(debt.person_id, []).append(debt)
    for payout in payouts:
        for debt in by_person.get(payout.person_id, []):
            s = standing(session, debt, today)
            if s.final_on is None or s.final_on > today:
                continue  # deducted only once the repayment decision is final
            assert debt.deduction_per_payout is not None
            part = min(debt.deduction_per_payout, payout.amount, s.payable)
            if part > 0:
                session.add(DebtEntry(debt_id=debt.id, kind=DebtEntryKind.DEDUCTION,
                                      amount=part, booked_on=None, reference=reference,
                                      payout_id=payout.id, recorded_by_id=actor_id))
                session.flush()
                break  # one deduction per payout: the oldest debt first


def _planned(session: Session, payout_ids: Iterable[int]) -> list[DebtEntry]:
    ids = list(payout_ids)
    return list(session.scalars(select(DebtEntry).where(
        DebtEntry.payout_id.in_(ids), DebtEntry.booked_on.is_(None)))) if ids else []


def book_deductions(session: Session, payout_ids: Iterable[int], paid_on: date) -> None:
    """The list was paid: its deductions are booked on the day of payment."""
    for entry in _planned(session, payout_ids):
        entry.booked_on = paid_on
    session.flush()


def drop_deductions(session: Session, payout_ids: Iterable[int]) -> None:
    """Payouts taken off a list or not paid: their planned deductions go."""
    for entry in _planned(session, payout_ids):
        session.delete(entry)
    session.flush()


def deductions_of(session: Session, payout_ids: Iterable[int]) -> dict[int, Decimal]:
    """Each payout's deduction (planned or booked)."""
    ids = list(payout_ids)
    if not ids:
        return {}
    found: dict[int, Decimal] = {}
    for payout_id, amount in session.execute(select(DebtEntry.payout_id, DebtEntry.amount)
                                             .where(DebtEntry.payout_id.in_(ids))):
        if payout_id is not None:
            found[payout_id] = found.get(payout_id, ZERO) + amount
    return found
