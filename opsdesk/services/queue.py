"""Świadczenia's queue: open benefit cases with the deadline that matters next."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import exists, select
from sqlalchemy.orm import Session, aliased

from opsdesk.models import Case, Decision, Interview, Person, User
from opsdesk.models.enums import CaseStatus, DecisionStatus, Team
from opsdesk.services import rules
from opsdesk.services.errors import ConflictError, NotFound, ValidationError
from opsdesk.services.permissions import Permission
from opsdesk.services.security import Actor, operation

NEAR_DAYS = 3


@dataclass(frozen=True)
class Deadline:
    label: str
    due: date

    def days_left(self, today: date) -> int:
        return (self.due - today).days


@dataclass(frozen=True)
class QueueRow:
    case_id: int
    sign: str
    person_id: int
    person_name: str
    subject: str
    status: CaseStatus
    assigned_to: str
    assigned_to_id: int | None
    urgent: bool
    deadline: Deadline | None
    version: int


def next_deadline(case: Case, *, has_interview: bool, has_decision: bool) -> Deadline | None:
    """The family interview first (14 working days, 2 when urgent), then the decision
    (kpa art. 35: a month, two when particularly complicated)."""
    if case.status in (CaseStatus.DECIDED, CaseStatus.CLOSED):
        return None
    if not has_interview:
        return Deadline("wywiad", rules.interview_deadline(case.learned_on, urgent=case.urgent))
    if not has_decision:
        return Deadline("decyzja", rules.decision_deadline(case.started_on,
                                                           complicated=case.complicated))
    return None


@operation(Permission.CASE_READ)
def benefits_queue(session: Session, *, actor: Actor, mine_only: bool = False,
                   overdue_only: bool = False, today: date | None = None) -> list[QueueRow]:
    today = today or date.today()
    worker = aliased(User)
    interviewed = exists().where(Interview.case_id == Case.id, Interview.completed.is_(True))
    decided = exists().where(Decision.case_id == Case.id,
                             Decision.status == DecisionStatus.ISSUED)
    stmt = (select(Case, Person, worker.full_name, interviewed, decided)
            .join(Person, Case.person_id == Person.id)
            .outerjoin(worker, Case.assigned_to_id == worker.id)
            .where(Case.team == Team.BENEFITS, Case.status != CaseStatus.CLOSED))
    if mine_only:
        stmt = stmt.where(Case.assigned_to_id == actor.id)
    rows = []
    for case, person, worker_name, has_interview, has_decision in session.execute(stmt):
        deadline = next_deadline(case, has_interview=has_interview, has_decision=has_decision)
        if overdue_only and not (deadline and deadline.due < today):
            continue
        rows.append(QueueRow(case.id, case.sign, person.id, f"{person.last_name} "
                             f"{person.first_name}", case.subject, case.status, worker_name or "",
                             case.assigned_to_id, case.urgent, deadline, case.version))
    rows.sort(key=lambda r: (r.deadline is None, r.deadline.due if r.deadline else date.max,
                             r.sign))
    return rows


@operation(Permission.CASE_WORK)
def take_case(session: Session, case_id: int, *, actor: Actor,
              expected_version: int | None = None) -> None:
    case = _case(session, case_id, expected_version)
    if case.assigned_to_id not in (None, actor.id):
        raise ValidationError("Tę sprawę prowadzi już inny pracownik — przydzielić ją może "
                              "kierownik.", field="assigned_to")
    case.assigned_to_id = actor.id
    if case.status is CaseStatus.NEW:
        case.status = CaseStatus.IN_PROGRESS
    session.flush()


@operation(Permission.CASE_ASSIGN)
def assign_case(session: Session, case_id: int, worker_id: int, *, actor: Actor,
                expected_version: int | None = None) -> None:
    case = _case(session, case_id, expected_version)
    worker = session.get(User, worker_id)
    if worker is None or not worker.active:
        raise ValidationError("Wybierz aktywnego pracownika.", field="assigned_to")
    case.assigned_to_id = worker_id
    if case.status is CaseStatus.NEW:
        case.status = CaseStatus.IN_PROGRESS
    session.flush()


def _case(session: Session, case_id: int, expected_version: int | None) -> Case:
    case = session.get(Case, case_id)
    if case is None:
        raise NotFound("Nie ma takiej sprawy.")
    if expected_version is not None and case.version != expected_version:
        raise ConflictError({"assigned_to_id": (case.assigned_to_id, None)})
    return case
