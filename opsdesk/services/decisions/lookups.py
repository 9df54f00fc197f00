"""Finding the records a proceeding works on: a decision, a case, the case's latest
application and the interview an amount is counted from."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from opsdesk.errors import ConflictError, NotFound
from opsdesk.models import Application, Case, Decision, Interview
from opsdesk.models.enums import DecisionKind
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
