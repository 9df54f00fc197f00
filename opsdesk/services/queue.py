"""Świadczenia's queue: benefit cases with the deadline that matters next — the family
interview (14 working days, 2 when urgent), the decision (kpa art. 35, or the new date of an
art. 36 notice), the 6-month interview update for a permanent benefit, and a benefit ending
soon — each marked near (within 3 days) or past.

Ten years of decided cases stay out of it: a decided case is shown while one of its deadlines
comes within ``ENDING_SOON_DAYS``, or for ``RECENT_DAYS`` after its decision or its benefit's
end. The deadlines are kept worked out in ``case_deadlines`` (services/deadline_store.py): the
queue finds its cases and their deadlines through indexes, with two queries however many
there are."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import CompoundSelect, or_, select, union
from sqlalchemy.orm import Session, aliased

from opsdesk import clock
from opsdesk.errors import ConflictError, NotFound, ValidationError
from opsdesk.formatting import plural_pl
from opsdesk.labels import label
from opsdesk.models import Case, CaseDeadline, Decision, Person, User
from opsdesk.models.enums import BenefitKind, CaseKind, CaseStatus, DeadlineKind, Team
from opsdesk.models.people import NAMES_ONLY
from opsdesk.services.decisions.lookups import latest_application
from opsdesk.services.permissions import Permission
from opsdesk.services.security import Actor, operation

NEAR_DAYS = 3
ENDING_SOON_DAYS = 30  # a benefit ending (or an interview update) within this many days shows
RECENT_DAYS = 14  # a decided case stays this long after its decision or its benefit's end
HEALTH_CARE_DAYS = 14  # an art. 54 uśoz right shows this long before its end, and until closed


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
    kind: CaseKind = CaseKind.BENEFIT  # or one of the team's other tasks


# Sorted the same day: the interview, the decision, the update, the end.
_ORDER = {kind: i for i, kind in enumerate(DeadlineKind)}
_UNSETTLED = [DeadlineKind.INTERVIEW, DeadlineKind.DECISION]
_LABEL = {kind: label(kind) for kind in DeadlineKind}


def _shown(today: date) -> CompoundSelect:
    """The ids of the cases the queue shows, each part found through an index: not yet
    settled (they have an interview or decision deadline); with a running benefit's interview
    update within ``ENDING_SOON_DAYS``; with a benefit ending within them or ended in the last
    ``RECENT_DAYS``; decided in the last ``RECENT_DAYS``."""
    soon = today + timedelta(days=ENDING_SOON_DAYS)
    since = today - timedelta(days=RECENT_DAYS)
    d = CaseDeadline
    return union(
        select(d.case_id).where(d.kind.in_(_UNSETTLED)),
        select(d.case_id).where(d.kind == DeadlineKind.INTERVIEW_UPDATE, d.due <= soon,
                                or_(d.until.is_(None), d.until >= today)),
        select(d.case_id).where(d.kind == DeadlineKind.BENEFIT_END, d.due.between(since, soon)),
        select(Decision.case_id).where(Decision.issued_on >= since),  # only issued ones
        select(d.case_id).where(d.kind == DeadlineKind.HEALTH_CARE_END,
                                d.due <= today + timedelta(days=HEALTH_CARE_DAYS)))


def _deadline(row: Any, today: date, soon: date) -> Deadline | None:
    """What a stored deadline shows today, if anything: an update while its benefit runs,
    an end still to come, within ``ENDING_SOON_DAYS``; the others until settled."""
    if row.kind is DeadlineKind.INTERVIEW_UPDATE:
        if row.due > soon or (row.until is not None and row.until < today):
            return None
    elif row.kind is DeadlineKind.BENEFIT_END:
        if not today <= row.due <= soon:
            return None
        return Deadline(f"{_LABEL[row.kind]} ({label(row.benefit_kind)})", row.due)
    elif row.kind is DeadlineKind.HEALTH_CARE_END:
        # Shown ahead and, once past, until the worker closes the case (which drops the row).
        if row.due > today + timedelta(days=HEALTH_CARE_DAYS):
            return None
    return Deadline(_LABEL[row.kind], row.due)


@operation(Permission.CASE_READ)
def benefits_queue(session: Session, *, actor: Actor, mine_only: bool = False,
                   overdue_only: bool = False, today: date | None = None) -> list[QueueRow]:
    """Cases that need attention, the nearest deadline first. A decided case stays
    ``RECENT_DAYS`` after its last decision or the end of its benefit, longer only while a
    deadline comes within the window. Two queries however many cases the years hold: the
    deadlines are kept worked out (services/deadline_store.py)."""
    today = today or clock.today()
    soon = today + timedelta(days=ENDING_SOON_DAYS)
    worker = aliased(User)
    shown = _shown(today)
    # Columns, not whole records: the queue may hold a couple of thousand cases.
    stmt = (select(Case.id, Case.sign, Case.kind, Case.status, Case.person_id, Case.urgent,
                   Case.subject, Case.assigned_to_id, Case.version, Person.last_name,
                   Person.first_name, worker.full_name.label("worker_name"))
            .join(Person, Case.person_id == Person.id)
            .with_hint(Person, NAMES_ONLY, "sqlite")
            .outerjoin(worker, Case.assigned_to_id == worker.id)
            .where(Case.id.in_(shown), Case.team == Team.BENEFITS,
                   Case.status != CaseStatus.CLOSED))
    if mine_only:
        stmt = stmt.where(Case.assigned_to_id == actor.id)
    cases = session.execute(stmt).all()
    deadlines: dict[int, list[Deadline]] = defaultdict(list)
    stored = session.execute(
        select(CaseDeadline.case_id, CaseDeadline.kind, CaseDeadline.due, CaseDeadline.until,
               CaseDeadline.benefit_kind).where(CaseDeadline.case_id.in_(shown)))
    for row in sorted(stored, key=lambda r: (r.due, _ORDER[r.kind])):
        deadline = _deadline(row, today, soon)
        if deadline is not None:
            deadlines[row.case_id].append(deadline)
    rows = []
    for case in cases:
        due = deadlines.get(case.id, [])
        if overdue_only and not any(d.due < today for d in due):
            continue
        decision = next((d for d in due if d.label == _LABEL[DeadlineKind.DECISION]), None)
        rows.append(QueueRow(case.id, case.sign, case.person_id,
                             f"{case.last_name} {case.first_name}", case.subject, case.status,
                             case.worker_name or "", case.assigned_to_id, case.urgent,
                             due[0] if due else None, case.version, tuple(due),
                             decision is not None and decision.days_left(today) <= NEAR_DAYS,
                             case.kind))
    rows.sort(key=lambda r: (r.deadline is None, r.deadline.due if r.deadline else date.max,
                             r.sign))
    return rows


@dataclass(frozen=True)
class CaseInfo:
    case_id: int
    sign: str
    person_id: int
    benefit_kind: BenefitKind | None  # what the latest application asks for
    has_address: bool = True  # False: a decision needs the reason and place of delivery


@operation(Permission.CASE_READ)
def case_info(session: Session, case_id: int, *, actor: Actor) -> CaseInfo:
    case = _case(session, case_id, None)
    application = latest_application(session, case_id)
    return CaseInfo(case.id, case.sign, case.person_id,
                    application.benefit_kind if application else None,
                    case.person.has_delivery_address)


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
