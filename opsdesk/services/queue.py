"""Świadczenia's queue: benefit cases with the deadline that matters next — the family
interview (14 working days, 2 when urgent), the decision (kpa art. 35, or the new date of an
art. 36 notice), the 6-month interview update for a permanent benefit, and a benefit ending
soon — each marked near (within 3 days) or past.

Ten years of decided cases stay out of it: a decided case is shown while one of its deadlines
comes within ``ENDING_SOON_DAYS``, or for ``RECENT_DAYS`` after its decision or its benefit's
end; the cases are found through indexes and their deadlines read with a fixed number of
queries, however many there are."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any
from collections import defaultdict
from datetime import date, timedelta

from sqlalchemy import CompoundSelect, and_, exists, func, or_, select, union
from sqlalchemy.orm import Session, aliased

from opsdesk.formatting import plural_pl
from opsdesk.labels import label
from opsdesk.models import Case, Decision, Interview, Person, User
from opsdesk.models.enums import (BenefitKind, CaseKind, CaseStatus, DecisionKind,
                                  DecisionStatus, Team)
from opsdesk.services import payouts, rules
from opsdesk.services.decisions import (BENEFITS, Payment, decision_deadlines_of,
                                       latest_application)
from opsdesk.services.errors import ConflictError, NotFound, ValidationError
from opsdesk.services.permissions import Permission
from opsdesk.services.security import Actor, operation

NEAR_DAYS = 3
ENDING_SOON_DAYS = 30  # a benefit ending (or an interview update) within this many days shows
RECENT_DAYS = 14  # a decided case stays this long after its decision or its benefit's end


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


@dataclass(frozen=True)
class _Running:
    """A granting decision with a period, and the corrections that can move its end (rows
    with the ``_SCHEDULE`` columns of each)."""

    root: Any
    corrections: list[Any]

    @cached_property
    def end(self) -> date | None:
        return payouts.effective_end(self.root, self.corrections)


def case_deadlines(case: Any, *, interviewed: bool, settled: bool, decision_due: date,
                   running: list[_Running], last_interview: date | None,
                   today: date) -> list[Deadline]:
    """Every deadline of an open case that needs attention, earliest first: the interview and
    the decision until it is settled; then, within ``ENDING_SOON_DAYS``, the interview update
    of a permanent benefit and the end of a periodic one. ``case``: a Case, or a row with
    its status, learned_on and urgent."""
    result = []
    if case.status is CaseStatus.CLOSED:
        return result
    if not interviewed and not settled:
        result.append(Deadline("wywiad", rules.interview_deadline(case.learned_on,
                                                                  urgent=case.urgent)))
    if not settled:
        result.append(Deadline("decyzja", decision_due))
    soon = today + timedelta(days=ENDING_SOON_DAYS)
    for r in running:
        end = r.end
        if end is not None and end < today:
            continue
        if end is None or r.root.benefit_kind is BenefitKind.ZASILEK_STALY:
            if last_interview is not None:
                update = rules.next_interview_update(last_interview)
                if update <= soon:
                    result.append(Deadline("aktualizacja wywiadu", update))
        if end is not None and end <= soon:
            result.append(Deadline(f"koniec świadczenia ({label(r.root.benefit_kind)})", end))
    return sorted(result, key=lambda d: d.due)


# What a decision's schedule is worked out from (payouts.segments and effective_end).
_SCHEDULE = (Decision.id, Decision.case_id, Decision.person_id, Decision.kind,
             Decision.benefit_kind, Decision.status, Decision.amount, Decision.period_from,
             Decision.period_to, Decision.effective_from, Decision.issued_on,
             Decision.payout_method, Decision.bank_account, Decision.corrects_decision_id)

# Benefits granted for a period (not a one-off payment nor given on one day), and those of
# them that may run na czas nieokreślony.
_PERIODIC = [k for k, spec in BENEFITS.items() if spec.payment is not Payment.ONE_OFF
             and not spec.once]
_OPEN_ENDED = [k for k in _PERIODIC if BENEFITS[k].open_ended
               and k is not BenefitKind.ZASILEK_STALY]  # which has its own part in the search


def _may_show(today: date) -> CompoundSelect:
    """The ids of the cases the queue looks at — never all ten years of decided cases, and
    each part found through an index: not yet decided; decided in the last ``RECENT_DAYS``;
    with a permanent or open-ended benefit whose interview update falls within the window;
    with a benefit ending within it or ended (revoked) in the last ``RECENT_DAYS``. A cheap
    superset of what ``case_deadlines`` shows: the exact rule runs on what it finds."""
    soon = today + timedelta(days=ENDING_SOON_DAYS)
    since = today - timedelta(days=RECENT_DAYS)
    # An interview after this day puts the next update beyond the window (with a margin).
    updated_after = rules.add_months(soon, -rules.INTERVIEW_UPDATE_MONTHS) + timedelta(days=3)
    correction = aliased(Decision)
    # No "status = ISSUED" on the decisions searched: without the database's statistics it
    # would lead SQLite to the status index (nearly every decision is issued). Drafts found
    # this way only widen the superset; only issued ones give deadlines.
    root_granted = (Decision.kind == DecisionKind.GRANTING, Decision.period_from.is_not(None))
    revoked = exists().where(correction.corrects_decision_id == Decision.id,
                             correction.status == DecisionStatus.ISSUED,
                             correction.kind == DecisionKind.REVOKING,
                             correction.effective_from <= today)
    updated = exists().where(Interview.person_id == Decision.person_id,
                             Interview.completed.is_(True),
                             Interview.carried_out_on > updated_after)
    return union(
        select(Case.id).where(Case.status.in_([CaseStatus.NEW, CaseStatus.IN_PROGRESS,
                                               CaseStatus.AWAITING_APPROVAL])),
        select(Decision.case_id).where(Decision.issued_on >= since),  # only issued ones
        select(Decision.case_id).where(Decision.benefit_kind == BenefitKind.ZASILEK_STALY,
                                       Decision.kind == DecisionKind.GRANTING,
                                       ~updated, ~revoked),  # from ix_decisions_grants alone
        select(Decision.case_id).where(*root_granted, Decision.benefit_kind.in_(_OPEN_ENDED),
                                       Decision.period_to.is_(None), ~updated, ~revoked),
        select(Decision.case_id).where(*root_granted, Decision.benefit_kind.in_(_PERIODIC),
                                       Decision.period_to.between(since, soon)),
        select(Decision.case_id).join(correction, correction.corrects_decision_id == Decision.id)
        .where(*root_granted,
               or_(correction.period_to >= since,
                   and_(correction.kind == DecisionKind.REVOKING,
                        correction.effective_from > since))))


@operation(Permission.CASE_READ)
def benefits_queue(session: Session, *, actor: Actor, mine_only: bool = False,
                   overdue_only: bool = False, today: date | None = None) -> list[QueueRow]:
    """Cases that need attention, the nearest deadline first. A decided case stays
    ``RECENT_DAYS`` after its last decision or the end of its benefit, longer only while a
    deadline comes within the window. A fixed number of queries however many cases the
    years hold."""
    today = today or date.today()
    worker = aliased(User)
    interviewed = exists().where(Interview.case_id == Case.id, Interview.completed.is_(True))
    settled = exists().where(Decision.case_id == Case.id,
                             Decision.status == DecisionStatus.ISSUED,
                             Decision.kind.in_([DecisionKind.GRANTING, DecisionKind.REFUSING]))
    last_decision = (select(func.max(Decision.issued_on))
                     .where(Decision.case_id == Case.id,
                            Decision.status == DecisionStatus.ISSUED).scalar_subquery())
    last_interview = (select(func.max(Interview.carried_out_on))
                      .where(Interview.person_id == Case.person_id,
                             Interview.completed.is_(True)).scalar_subquery())
    # Columns, not whole records: the queue may hold a couple of thousand cases.
    stmt = (select(Case.id, Case.sign, Case.kind, Case.status, Case.person_id, Case.learned_on,
                   Case.started_on, Case.urgent, Case.complicated, Case.subject,
                   Case.assigned_to_id, Case.version, Person.last_name, Person.first_name,
                   worker.full_name.label("worker_name"), interviewed.label("interviewed"),
                   settled.label("settled"), last_decision.label("decided_on"),
                   last_interview.label("interviewed_on"))
            .join(Person, Case.person_id == Person.id)
            .outerjoin(worker, Case.assigned_to_id == worker.id)
            .where(Case.id.in_(_may_show(today)), Case.team == Team.BENEFITS,
                   Case.status != CaseStatus.CLOSED))
    if mine_only:
        stmt = stmt.where(Case.assigned_to_id == actor.id)
    cases = list(session.execute(stmt))
    decision_due = decision_deadlines_of(session, [c for c in cases if not c.settled])
    running: dict[int, list[_Running]] = defaultdict(list)
    # The benefit kind is checked here, not in SQL, so SQLite searches by the cases.
    # Rows of columns, not Decision records: building ~2000 records costs more than the query.
    roots = [r for r in session.execute(select(*_SCHEDULE).where(
        Decision.case_id.in_([c.id for c in cases]), Decision.kind == DecisionKind.GRANTING,
        Decision.status == DecisionStatus.ISSUED, Decision.period_from.is_not(None)))
        if r.benefit_kind in _PERIODIC]
    corrections: dict[int, list[Any]] = defaultdict(list)
    # Only the corrections that can move the end: a revocation, a new period. Each query
    # runs even when there is nothing to find: the queue costs the same statements always.
    for c in session.execute(select(*_SCHEDULE).where(
            Decision.corrects_decision_id.in_([r.id for r in roots]),
            Decision.status == DecisionStatus.ISSUED,
            or_(Decision.kind == DecisionKind.REVOKING,
                and_(Decision.kind == DecisionKind.CHANGING, Decision.period_to.is_not(None))))):
        corrections[c.corrects_decision_id or 0].append(c)
    for r in roots:
        running[r.case_id].append(_Running(r, sorted(corrections[r.id],
                                                      key=payouts.effective_order)))
    since = today - timedelta(days=RECENT_DAYS)
    rows = []
    for case in cases:
        deadlines = case_deadlines(case, interviewed=case.interviewed, settled=case.settled,
                                   decision_due=decision_due.get(case.id, today),
                                   running=running[case.id],
                                   last_interview=case.interviewed_on,
                                   today=today)
        if case.settled and not deadlines and not (case.decided_on and case.decided_on >= since) \
                and not any(r.end and since <= r.end < today for r in running[case.id]):
            continue  # settled, nothing due: it has left the queue
        if overdue_only and not any(d.due < today for d in deadlines):
            continue
        decision = next((d for d in deadlines if d.label == "decyzja"), None)
        rows.append(QueueRow(case.id, case.sign, case.person_id,
                             f"{case.last_name} {case.first_name}", case.subject, case.status,
                             case.worker_name or "",
                             case.assigned_to_id, case.urgent,
                             deadlines[0] if deadlines else None, case.version,
                             tuple(deadlines),
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


@operation(Permission.CASE_READ)
def case_info(session: Session, case_id: int, *, actor: Actor) -> CaseInfo:
    case = _case(session, case_id, None)
    application = latest_application(session, case_id)
    return CaseInfo(case.id, case.sign, case.person_id,
                    application.benefit_kind if application else None)


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
