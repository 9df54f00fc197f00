"""Świadczenia's queue: benefit cases with the deadline that matters next — the family
interview (14 working days, 2 when urgent), the decision (kpa art. 35, or the new date of an
art. 36 notice), the 6-month interview update for a permanent benefit, and a benefit ending
soon — each marked near (within 3 days) or past."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import exists, select
from sqlalchemy.orm import Session, aliased

from opsdesk.formatting import plural_pl
from opsdesk.labels import label
from opsdesk.models import Application, Case, Decision, Interview, Person, User
from opsdesk.models.enums import BenefitKind, CaseStatus, DecisionKind, DecisionStatus, Team
from opsdesk.services import payouts, rules
from opsdesk.services.decisions import BENEFITS, Payment, decision_deadline_of
from opsdesk.services.errors import ConflictError, NotFound, ValidationError
from opsdesk.services.interviews import latest_interview
from opsdesk.services.permissions import Permission
from opsdesk.services.security import Actor, operation

NEAR_DAYS = 3
ENDING_SOON_DAYS = 30  # a benefit ending within this many days shows in the queue


@dataclass(frozen=True)
class Deadline:
    label: str
    due: date

    def days_left(self, today: date) -> int:
        return (self.due - today).days

    def mark(self, today: date) -> str:
        """"past", "near" (within 3 days) or "" — the colour is never the only signal."""
        left = self.days_left(today)
        return "past" if left < 0 else "near" if left <= NEAR_DAYS else ""

    def text(self, today: date) -> str:
        """"decyzja do 03.12.2026 — po terminie (2 dni)"."""
        left = self.days_left(today)
        due = f"{self.label} do {self.due:%d.%m.%Y}"
        if left < 0:
            return f"{due} — po terminie ({-left} {plural_pl(-left, 'dzień', 'dni', 'dni')})"
        if left == 0:
            return f"{due} — termin mija dziś"
        if left <= NEAR_DAYS:
            return f"{due} — zostało {left} {plural_pl(left, 'dzień', 'dni', 'dni')}"
        return due


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
    deadline: Deadline | None  # the one that matters next
    version: int
    deadlines: tuple[Deadline, ...] = field(default=())
    notice_due: bool = False  # the decision deadline is near or past: offer the art. 36 notice


def case_deadlines(session: Session, case: Case, *, interviewed: bool, settled: bool,
                   today: date) -> list[Deadline]:
    """Every deadline of an open case, earliest first."""
    result = []
    if case.status is CaseStatus.CLOSED:
        return result
    if not interviewed and not settled:
        result.append(Deadline("wywiad", rules.interview_deadline(case.learned_on,
                                                                  urgent=case.urgent)))
    if not settled:
        result.append(Deadline("decyzja", decision_deadline_of(session, case)))
    roots = session.scalars(select(Decision).where(
        Decision.case_id == case.id, Decision.kind == DecisionKind.GRANTING,
        Decision.status == DecisionStatus.ISSUED, Decision.period_from.is_not(None)))
    for root in roots:
        spec = BENEFITS[root.benefit_kind]
        if spec.payment is Payment.ONE_OFF or spec.once:
            continue
        corrections = payouts.corrections_of(session, root)
        end = payouts.effective_end(root, corrections)
        if end is not None and end < today:
            continue
        if end is None or root.benefit_kind is BenefitKind.ZASILEK_STALY:
            last = latest_interview(session, person_id=case.person_id)
            if last is not None and last.carried_out_on is not None:
                result.append(Deadline("aktualizacja wywiadu",
                                       rules.next_interview_update(last.carried_out_on)))
        if end is not None and (end - today).days <= ENDING_SOON_DAYS:
            result.append(Deadline(f"koniec świadczenia ({label(root.benefit_kind)})", end))
    return sorted(result, key=lambda d: d.due)


@operation(Permission.CASE_READ)
def benefits_queue(session: Session, *, actor: Actor, mine_only: bool = False,
                   overdue_only: bool = False, today: date | None = None) -> list[QueueRow]:
    today = today or date.today()
    worker = aliased(User)
    interviewed = exists().where(Interview.case_id == Case.id, Interview.completed.is_(True))
    settled = exists().where(Decision.case_id == Case.id,
                             Decision.status == DecisionStatus.ISSUED,
                             Decision.kind.in_([DecisionKind.GRANTING, DecisionKind.REFUSING]))
    stmt = (select(Case, Person, worker.full_name, interviewed, settled)
            .join(Person, Case.person_id == Person.id)
            .outerjoin(worker, Case.assigned_to_id == worker.id)
            .where(Case.team == Team.BENEFITS, Case.status != CaseStatus.CLOSED))
    if mine_only:
        stmt = stmt.where(Case.assigned_to_id == actor.id)
    rows = []
    for case, person, worker_name, has_interview, has_decision in session.execute(stmt):
        deadlines = case_deadlines(session, case, interviewed=has_interview,
                                   settled=has_decision, today=today)
        if overdue_only and not any(d.due < today for d in deadlines):
            continue
        decision = next((d for d in deadlines if d.label == "decyzja"), None)
        rows.append(QueueRow(case.id, case.sign, person.id, f"{person.last_name} "
                             f"{person.first_name}", case.subject, case.status, worker_name or "",
                             case.assigned_to_id, case.urgent,
                             deadlines[0] if deadlines else None, case.version,
                             tuple(deadlines),
                             decision is not None and decision.days_left(today) <= NEAR_DAYS))
    rows.sort(key=lambda r: (r.deadline is None, r.deadline.due if r.deadline else date.max,
                             r.sign))
    return rows


@dataclass(frozen=True)
class CaseInfo:
    case_id: int
    sign: str
    person_id: int
    benefit_kind: BenefitKind | None  # what the latest application asks for


@operation(Permission.CASE_READ)
def case_info(session: Session, case_id: int, *, actor: Actor) -> CaseInfo:
    case = _case(session, case_id, None)
    kind = session.scalar(select(Application.benefit_kind).where(
        Application.case_id == case_id).order_by(Application.filed_on.desc(),
                                                 Application.id.desc()).limit(1))
    return CaseInfo(case.id, case.sign, case.person_id, kind)


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
