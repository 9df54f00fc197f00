"""Świadczenia's queue: benefit cases with the deadline that matters next — the family
interview (14 working days, 2 when urgent), the decision (kpa art. 35, or the new date of an
art. 36 notice), the 6-month interview update for a permanent benefit, and a benefit ending
soon — each marked near (within 3 days) or past.

Ten years of decided cases stay out of it: a decided case is shown while one of its deadlines
comes within ``ENDING_SOON_DAYS``, or for ``RECENT_DAYS`` after its decision or its benefit's
end. The deadlines are kept worked out in ``case_deadlines`` (services/deadline_store.py),
each row with its case's line: the queue reads those rows alone, one range of an index for
each reason a case is shown, however many years the database holds."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import CompoundSelect, select, union_all
from sqlalchemy.orm import Session

from opsdesk import clock
from opsdesk.errors import ConflictError, NotFound, ValidationError
from opsdesk.formatting import plural_pl
from opsdesk.labels import label
from opsdesk.models import Case, CaseDeadline, User
from opsdesk.models.enums import BenefitKind, CaseKind, CaseStatus, DeadlineKind
from opsdesk.services.decisions.lookups import latest_application
from opsdesk.services.permissions import Permission
from opsdesk.services.security import Actor, operation
from opsdesk.services.users import worker_name

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
_UNSETTLED = [DeadlineKind.INTERVIEW, DeadlineKind.DECISION, DeadlineKind.APPEAL_FORWARD]
_LABEL = {kind: label(kind) for kind in DeadlineKind}


def _shown(today: date) -> CompoundSelect:
    """The rows of ``case_deadlines`` that put a case in the queue today, each part one
    range of ``ix_case_deadlines_queue`` (read from it alone): deadlines of cases not yet
    settled (interview, decision, forwarding an appeal); a running benefit's interview
    update within ``ENDING_SOON_DAYS``; a benefit ending within them or ended in the last
    ``RECENT_DAYS``; an art. 54 right ending; a decision issued in the last ``RECENT_DAYS``.
    Only an update has ``until``: naming it empty elsewhere keeps each part one range."""
    soon = today + timedelta(days=ENDING_SOON_DAYS)
    since = today - timedelta(days=RECENT_DAYS)
    d = CaseDeadline
    rows = select(d.case_id, d.kind, d.due, d.until, d.benefit_kind, d.case_sign, d.case_kind,
                  d.case_status, d.case_urgent, d.case_subject, d.assigned_to_id,
                  d.case_version, d.person_id, d.person_name)
    update = d.kind == DeadlineKind.INTERVIEW_UPDATE
    return union_all(
        rows.where(d.kind.in_(_UNSETTLED), d.until.is_(None)),
        rows.where(update, d.until.is_(None), d.due <= soon),
        rows.where(update, d.until >= today, d.due <= soon),
        rows.where(d.kind == DeadlineKind.BENEFIT_END, d.until.is_(None),
                   d.due.between(since, soon)),
        rows.where(d.kind == DeadlineKind.HEALTH_CARE_END, d.until.is_(None),
                   d.due <= today + timedelta(days=HEALTH_CARE_DAYS)),
        rows.where(d.kind == DeadlineKind.DECIDED, d.until.is_(None), d.due >= since))


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
    elif row.kind is DeadlineKind.DECIDED:
        return None  # not a deadline: it only keeps a decided case in the queue a while
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
    entries = session.execute(_shown(today)).all()
    lines: dict[int, Any] = {}
    deadlines: dict[int, list[Deadline]] = defaultdict(list)
    for row in sorted(entries, key=lambda r: (r.due, _ORDER[r.kind])):
        lines.setdefault(row.case_id, row)
        deadline = _deadline(row, today, soon)
        if deadline is not None:
            deadlines[row.case_id].append(deadline)
    rows = []
    for case_id, line in lines.items():
        if mine_only and line.assigned_to_id != actor.id:
            continue
        due = deadlines.get(case_id, [])
        if overdue_only and not any(d.due < today for d in due):
            continue
        decision = next((d for d in due if d.label == _LABEL[DeadlineKind.DECISION]), None)
        rows.append(QueueRow(case_id, line.case_sign, line.person_id, line.person_name,
                             line.case_subject, line.case_status,
                             worker_name(session, line.assigned_to_id),
                             line.assigned_to_id, line.case_urgent,
                             due[0] if due else None, line.case_version, tuple(due),
                             decision is not None and decision.days_left(today) <= NEAR_DAYS,
                             line.case_kind))
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
