"""Finding the records a proceeding works on: a decision, a case, the case's latest
application and the interview an amount is counted from."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, and_, case, exists, or_, select
from sqlalchemy.orm import Session, aliased

from opsdesk.errors import ConflictError, NotFound
from opsdesk.models import Application, Case, Decision, Interview, Person
from opsdesk.models.benefits import _CELOWY
from opsdesk.models.enums import AppealOutcome, BenefitKind, DecisionKind, DecisionStatus
from opsdesk.services.interviews import latest_interview


def get_decision(session: Session, decision_id: int, expected_version: int | None = None
                 ) -> Decision:
    decision = session.get(Decision, decision_id)
    if decision is None:
        raise NotFound("Nie ma takiej decyzji.")
    if expected_version is not None and decision.version != expected_version:
        raise ConflictError({"status": (decision.status, None)})
    return decision


def get_case(session: Session, case_id: int) -> Case:
    case = session.get(Case, case_id)
    if case is None:
        raise NotFound("Nie ma takiej sprawy.")
    return case


def latest_application(session: Session, case_id: int) -> Application | None:
    """What the case's latest application (wniosek) asks for."""
    return session.scalar(select(Application).where(Application.case_id == case_id)
                          .order_by(Application.filed_on.desc(), Application.id.desc()).limit(1))


def interview_for(session: Session, case: Case, kind: DecisionKind) -> Interview | None:
    """The evidence an amount is counted from: the case's own interview for a granting or
    refusing decision, the person's latest one for a correction."""
    if kind in (DecisionKind.GRANTING, DecisionKind.REFUSING):
        return latest_interview(session, case_id=case.id)
    return latest_interview(session, person_id=case.person_id)


def _family(column: Any) -> Any:
    """The benefit a request is for, the zasiłki celowe counted as one (as
    ``Decision.granted_in_full`` counts them)."""
    return case((column.in_(list(_CELOWY)), BenefitKind.ZASILEK_CELOWY.value), else_=column)


def settled_clause(case_id: Any, *, appeals: bool = True) -> ColumnElement[bool]:
    """SQL: the case is settled (załatwiona) — an issued granting or refusing decision stands
    (not one the SKO sent back for a new ruling, kpa art. 138 § 2), and every benefit applied
    for in it is answered by one (granted, refused, or partly both). ``appeals=False`` for a
    schema older than the appeal's path (migration 0019sko)."""
    def answered(d: Any, case: Any) -> ColumnElement[bool]:
        clause = and_(d.case_id == case, d.status == DecisionStatus.ISSUED,
                      d.kind.in_([DecisionKind.GRANTING, DecisionKind.REFUSING]))
        if appeals:
            clause = and_(clause, or_(d.appeal_outcome.is_(None),
                                      d.appeal_outcome != AppealOutcome.REMANDED))
        return clause
    some, each = aliased(Decision), aliased(Decision)
    unanswered = exists().where(
        Application.case_id == case_id,
        ~exists().where(answered(each, Application.case_id),
                        _family(each.benefit_kind) == _family(Application.benefit_kind)))
    return and_(exists().where(answered(some, case_id)), ~unanswered)


def is_settled(session: Session, case_id: int) -> bool:
    return bool(session.scalar(select(settled_clause(case_id))))


NO_ADDRESS = ("osoba bez adresu do doręczeń — pismo do odbioru w siedzibie ośrodka "
              "(art. 39 Kodeksu postępowania administracyjnego)")


def delivery_note(session: Session, person: Person) -> str:
    """For a party with no address to deliver to: the reason and place of delivery the
    worker recorded on the person's latest decision, else where such a letter is
    collected; "" when the person has an address."""
    if person.has_delivery_address:
        return ""
    recorded = session.scalar(select(Decision.no_address_reason).where(
        Decision.person_id == person.id, Decision.no_address_reason != "")
        .order_by(Decision.id.desc()).limit(1))
    return recorded or NO_ADDRESS
