"""Reading payouts: a person's, and those a list for a day would take."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from opsdesk.models import CashReceipt, Decision, Payout, PayoutList, Person
from opsdesk.models.enums import AuditAction, BenefitKind, PayoutMethod, PayoutStatus
from opsdesk.services.audit import write_audit
from opsdesk.services.payouts.schedule import enforceable_on, period_text
from opsdesk.services.permissions import Permission
from opsdesk.services.security import Actor, operation


@dataclass(frozen=True)
class PayoutView:
    id: int
    decision_id: int
    decision_number: str
    person_id: int
    person_name: str
    benefit_kind: BenefitKind
    period_from: date
    period_to: date
    period_text: str
    due_on: date
    amount: Decimal
    method: PayoutMethod
    status: PayoutStatus
    list_number: str
    receipt_id: int | None
    receipt_number: str
    paid_on: date | None


def prefetch(session: Session, payouts: list[Payout]) -> None:
    """Load the decisions, persons and lists of many payouts with one query each and attach
    them, so reading ``p.decision`` costs no query per payout."""
    for name, model, key in (("decision", Decision, "decision_id"),
                             ("person", Person, "person_id"),
                             ("payout_list", PayoutList, "payout_list_id")):
        ids = {getattr(p, key) for p in payouts} - {None}
        found = {o.id: o for o in session.scalars(select(model).where(model.id.in_(ids)))} \
            if ids else {}
        for p in payouts:
            set_committed_value(p, name, found.get(getattr(p, key)))


def payout_views(session: Session, payouts: list[Payout]) -> list[PayoutView]:
    prefetch(session, payouts)
    receipts = {r.payout_id: r for r in session.scalars(select(CashReceipt).where(
        CashReceipt.payout_id.in_([p.id for p in payouts])))} if payouts else {}
    return [PayoutView(
        p.id, p.decision_id, p.decision.number or "", p.person_id,
        f"{p.person.last_name} {p.person.first_name}", p.decision.benefit_kind, p.period_from,
        p.period_to, period_text(p.period_from, p.period_to), p.due_on, p.amount, p.method,
        p.status, p.payout_list.number if p.payout_list else "",
        receipts[p.id].id if p.id in receipts else None,
        receipts[p.id].number if p.id in receipts else "", p.paid_on) for p in payouts]


@operation(Permission.CASE_READ)
def payouts_of_person(session: Session, person_id: int, *, actor: Actor,
                      include_cancelled: bool = False) -> list[PayoutView]:
    write_audit(session, actor.id, AuditAction.READ, "Payout", None, {"person_id": person_id})
    stmt = select(Payout).where(Payout.person_id == person_id)
    if not include_cancelled:
        stmt = stmt.where(Payout.status != PayoutStatus.CANCELLED)
    return payout_views(session, list(session.scalars(stmt.order_by(Payout.period_from,
                                                                      Payout.id))))


@operation(Permission.PAYOUT_PREPARE)
def payouts_due(session: Session, *, actor: Actor, payout_date: date, method: PayoutMethod,
                today: date | None = None) -> list[PayoutView]:
    """What a list for ``payout_date`` would take: planned payouts due by then whose
    decision may be carried out."""
    return payout_views(session, due_for_list(session, payout_date, method))


def due_for_list(session: Session, payout_date: date, method: PayoutMethod) -> list[Payout]:
    stmt = (select(Payout).where(Payout.status == PayoutStatus.PLANNED, Payout.method == method,
                                 Payout.due_on <= payout_date, Payout.payout_list_id.is_(None))
            .order_by(Payout.due_on, Payout.id))
    due = list(session.scalars(stmt))
    prefetch(session, due)
    ids = {p.decision.corrects_decision_id for p in due} - {None}
    # The decisions the corrections' payouts are carried out under, in one query.
    roots = {d.id: d for d in session.scalars(select(Decision).where(Decision.id.in_(ids)))} \
        if ids else {}
    # A granting decision has no corrects_decision_id: it is its own root.
    return [p for p in due if enforceable_on(
        roots.get(p.decision.corrects_decision_id, p.decision), payout_date)]
