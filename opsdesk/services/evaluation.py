"""The evaluation of the separation model (seed 004, phase IV) by the measure the seeds
give — the effectiveness of helping (seed 002) — for a chosen period compared with the
previous one of the same length, and the deadlines of the whole centre today.

What is counted, and how:

* **Workload per worker**: cases in progress at the end of the period (a Świadczenia case
  assigned to the worker, started by then, neither settled by a granting or refusing
  decision nor closed by then); family interviews completed in the period; decisions
  issued in the period that the worker drafted; social-work clients the worker worked with
  in the period (first meeting by its end, not closed before its start).
* **Time to decision**: for every benefit case settled in the period (its first granting
  or refusing decision issued then), calendar days from the day the centre learned of the
  need (the intake) or the application, whichever came first — the median and the slowest.
* **Referrals to social work**: of the applicants of the period (persons whose benefit case
  started in it), those referred "w celu ustalenia możliwości" in those cases; how each
  referral stands now (the client did not come, refused, works with the social worker…)
  and how many opinions came back.
* **Kontrakt socjalny**: contracts concluded in the period, and those that ended in it —
  fulfilled, broken, ended otherwise.
* **Deadlines missed, per team**: deadlines that fell due in the period — for Świadczenia
  the family interview and the decision (kpa art. 35 or the art. 36 notice) and the
  deadlines of the team's other tasks (``other_tasks``), for social work the evaluation of
  the plan, the end of a contract and the team's own tasks — and how many were kept late
  or are still not kept.

The deadlines themselves are not counted here again: the interview and decision deadlines
come from ``rules`` and ``decisions.decision_deadlines_of`` exactly as the kept deadlines of
the benefits queue (``deadline_store``) do, and today's view of the centre reads the queue
itself.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import distinct, exists, func, or_, select
from sqlalchemy.orm import Session, aliased

from opsdesk import clock
from opsdesk.errors import NotFound
from opsdesk.formatting import format_date
from opsdesk.labels import label
from opsdesk.models import (
    Case,
    CaseMessage,
    Decision,
    Interview,
    Person,
    SocialContract,
    SocialTask,
    SocialWorkCase,
    User,
)
from opsdesk.models.enums import (
    CaseKind,
    ContractStatus,
    DecisionKind,
    DecisionStatus,
    MessageKind,
    Role,
    SocialWorkStage,
    SocialWorkStatus,
    TaskStatus,
    Team,
)
from opsdesk.models.people import NAMES_ONLY
from opsdesk.services import blue_card, other_tasks, queue, rules, users
from opsdesk.services.decisions.notices import decision_deadlines_of
from opsdesk.services.permissions import Permission
from opsdesk.services.queue import Deadline
from opsdesk.services.security import Actor, operation
from opsdesk.services.statistics import Period, empty_reason
from opsdesk.services.users import worker_name

SETTLING = (DecisionKind.GRANTING, DecisionKind.REFUSING)
UPCOMING_DAYS = 14  # today's view: deadlines due within this many days


@dataclass(frozen=True)
class Pair:
    """A figure in the period and in the one before (None: nothing to compare with)."""

    current: int
    previous: int | None

    @property
    def change(self) -> int | None:
        return None if self.previous is None else self.current - self.previous


@dataclass(frozen=True)
class WorkloadRow:
    worker_id: int
    worker_name: str
    roles: str
    open_cases: Pair
    interviews: Pair
    decisions: Pair
    social_clients: Pair


@dataclass(frozen=True)
class DecisionTimes:
    settled: int  # cases settled in the period
    median_days: Decimal | None
    slowest_days: int | None
    slowest_sign: str
    slowest_person: str


@dataclass(frozen=True)
class Referrals:
    applicants: int
    referred: int  # persons
    share: Decimal | None  # per cent, one decimal place
    outcomes: tuple[tuple[str, int], ...]  # (how the referral stands, referrals)
    opinions: int  # referrals the social worker answered with an opinion


@dataclass(frozen=True)
class Contracts:
    concluded: int
    fulfilled: int
    broken: int
    ended: int


@dataclass(frozen=True)
class OverdueRow:
    team: str
    due: Pair  # deadlines that fell due in the period
    missed: Pair  # of them: kept late, or not kept to this day


@dataclass(frozen=True)
class EvaluationReport:
    period: Period | None
    previous: Period | None = None
    workload: tuple[WorkloadRow, ...] = ()
    times: tuple[DecisionTimes, DecisionTimes | None] | None = None
    referrals: tuple[Referrals, Referrals | None] | None = None
    contracts: tuple[Contracts, Contracts | None] | None = None
    overdue: tuple[OverdueRow, ...] = ()
    message: str = ""  # non-empty: why the report is empty
    notes: tuple[str, ...] = field(default=())
    worker_name: str = ""

    @property
    def empty(self) -> bool:
        return self.times is None


# --- when the records begin -------------------------------------------------------------------


def first_record_day(session: Session) -> date | None:
    """The day the records of the centre's work begin: the first case or social work."""
    days = [session.scalar(select(func.min(Case.started_on))),
            session.scalar(select(func.min(SocialWorkCase.referred_on)))]
    known = [d for d in days if d is not None]
    return min(known) if known else None


# --- workload ------------------------------------------------------------------------------


def _counts(session: Session, stmt) -> dict[int, int]:  # noqa: ANN001 - a two-column select
    return {worker: n for worker, n in session.execute(stmt) if worker is not None}


def _workload_counts(session: Session, p: Period) -> dict[str, dict[int, int]]:
    settled_by_end = exists().where(Decision.case_id == Case.id,
                                    Decision.status == DecisionStatus.ISSUED,
                                    Decision.kind.in_(SETTLING), Decision.issued_on <= p.end)
    open_cases = (select(Case.assigned_to_id, func.count(Case.id))
                  .where(Case.team == Team.BENEFITS, Case.started_on <= p.end,
                         or_(Case.closed_on.is_(None), Case.closed_on > p.end),
                         ~settled_by_end)
                  .group_by(Case.assigned_to_id))
    interviews = (select(Interview.carried_out_by_id, func.count(Interview.id))
                  .where(Interview.completed.is_(True), Interview.carried_out_on >= p.start,
                         Interview.carried_out_on <= p.end)
                  .group_by(Interview.carried_out_by_id))
    issued = (select(Decision.drafted_by_id, func.count(Decision.id))
              .where(Decision.status == DecisionStatus.ISSUED, Decision.issued_on >= p.start,
                     Decision.issued_on <= p.end)
              .group_by(Decision.drafted_by_id))
    clients = (select(SocialWorkCase.worker_id, func.count(distinct(SocialWorkCase.person_id)))
               .where(SocialWorkCase.first_meeting_on <= p.end,
                      or_(SocialWorkCase.closed_on.is_(None),
                          SocialWorkCase.closed_on >= p.start))
               .group_by(SocialWorkCase.worker_id))
    return {"open": _counts(session, open_cases), "interviews": _counts(session, interviews),
            "decisions": _counts(session, issued), "clients": _counts(session, clients)}


def _workload(session: Session, p: Period, q: Period | None,
              worker_id: int | None) -> tuple[WorkloadRow, ...]:
    now = _workload_counts(session, p)
    before = _workload_counts(session, q) if q else None
    workers = users.list_workers(session, active_only=False)
    staff = [w for w in workers if w.active and w.roles & {Role.BENEFITS, Role.SOCIAL_WORK}]
    seen = {w.id for w in staff}
    active = {wid for counts in now.values() for wid in counts}
    if before:
        active |= {wid for counts in before.values() for wid in counts}
    others = [w for w in workers if w.id in active and w.id not in seen]
    rows = []
    for w in [*staff, *others]:
        if worker_id is not None and w.id != worker_id:
            continue

        def pair(key: str, wid: int = w.id) -> Pair:
            return Pair(now[key].get(wid, 0), before[key].get(wid, 0) if before else None)

        roles = ", ".join(label(r) for r in sorted(w.roles))
        rows.append(WorkloadRow(w.id, w.full_name, roles, pair("open"), pair("interviews"),
                                pair("decisions"), pair("clients")))
    return tuple(rows)


# --- time to decision ----------------------------------------------------------------------


def _first_settling(session: Session):  # noqa: ANN202 - a subquery
    return (select(Decision.case_id.label("case_id"),
                   func.min(Decision.issued_on).label("issued_on"))
            .where(Decision.status == DecisionStatus.ISSUED, Decision.kind.in_(SETTLING))
            .group_by(Decision.case_id).subquery())


def median(values: list[int]) -> Decimal | None:
    if not values:
        return None
    ordered = sorted(values)
    mid = len(ordered) // 2
    if len(ordered) % 2:
        return Decimal(ordered[mid])
    return (Decimal(ordered[mid - 1] + ordered[mid]) / 2).quantize(Decimal("0.1"))


def _times(session: Session, p: Period, worker_id: int | None) -> DecisionTimes:
    first = _first_settling(session)
    stmt = (select(Case.sign, Case.started_on, Case.learned_on, first.c.issued_on,
                   Person.last_name, Person.first_name)
            .join(first, first.c.case_id == Case.id)
            .join(Person, Person.id == Case.person_id)
            .with_hint(Person, NAMES_ONLY, "sqlite")
            .where(Case.kind == CaseKind.BENEFIT, first.c.issued_on >= p.start,
                   first.c.issued_on <= p.end))
    if worker_id is not None:
        drafted = exists().where(Decision.case_id == Case.id,
                                 Decision.status == DecisionStatus.ISSUED,
                                 Decision.kind.in_(SETTLING),
                                 Decision.issued_on == first.c.issued_on,
                                 Decision.drafted_by_id == worker_id)
        stmt = stmt.where(drafted)
    found = []
    for sign, started, learned, issued, last, first_name in session.execute(stmt):
        found.append(((issued - min(started, learned)).days, sign, f"{last} {first_name}"))
    if not found:
        return DecisionTimes(0, None, None, "", "")
    slowest = max(found, key=lambda f: (f[0], f[1]))
    return DecisionTimes(len(found), median([f[0] for f in found]), slowest[0], slowest[1],
                         slowest[2])


# --- referrals to social work --------------------------------------------------------------


def _percent(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / whole).quantize(Decimal("0.1"), ROUND_HALF_UP)


def _referrals(session: Session, p: Period, worker_id: int | None) -> Referrals:
    cohort = (select(Case.id).where(Case.kind == CaseKind.BENEFIT, Case.started_on >= p.start,
                                    Case.started_on <= p.end))
    applicants = session.scalar(select(func.count(distinct(Case.person_id)))
                                .where(Case.id.in_(cohort))) or 0
    stmt = (select(CaseMessage.id, CaseMessage.person_id, SocialWorkCase.status,
                   SocialWorkCase.id)
            .join(SocialWorkCase, SocialWorkCase.id == CaseMessage.social_work_id)
            .where(CaseMessage.kind == MessageKind.REFERRAL, CaseMessage.case_id.in_(cohort)))
    if worker_id is not None:
        stmt = stmt.where(or_(CaseMessage.author_id == worker_id,
                              SocialWorkCase.worker_id == worker_id))
    found = session.execute(stmt).all()
    opinion = aliased(CaseMessage)
    answered = set(session.scalars(select(opinion.social_work_id).where(
        opinion.kind == MessageKind.OPINION_POSSIBILITIES,
        opinion.social_work_id.in_([sw for *_, sw in found]))))
    outcomes = Counter(status for _, _, status, _ in found)
    persons = len({person for _, person, _, _ in found})
    return Referrals(
        applicants=applicants, referred=persons, share=_percent(persons, applicants),
        outcomes=tuple((label(s), outcomes[s]) for s in SocialWorkStatus if outcomes[s]),
        opinions=sum(1 for *_, sw in found if sw in answered))


# --- kontrakt socjalny ------------------------------------------------------------------------


def _contracts(session: Session, p: Period, worker_id: int | None) -> Contracts:
    mine = [] if worker_id is None else [SocialContract.worker_id == worker_id]
    concluded = session.scalar(select(func.count(SocialContract.id)).where(
        SocialContract.concluded_on >= p.start, SocialContract.concluded_on <= p.end,
        *mine)) or 0
    ended = dict(session.execute(
        select(SocialContract.status, func.count(SocialContract.id))
        .where(SocialContract.ended_on >= p.start, SocialContract.ended_on <= p.end, *mine)
        .group_by(SocialContract.status)).all())
    return Contracts(concluded, ended.get(ContractStatus.FULFILLED, 0),
                     ended.get(ContractStatus.BROKEN, 0), ended.get(ContractStatus.ENDED, 0))


# --- deadlines that fell due in a period ------------------------------------------------------


@dataclass(frozen=True)
class KeptDeadline:
    """A deadline and the day it was kept (None: not yet)."""

    team: Team
    worker_id: int | None
    due: date
    done: date | None

    def missed(self, today: date) -> bool:
        return (self.done is not None and self.done > self.due) or \
            (self.done is None and self.due < today)


def benefits_deadlines(session: Session, p: Period) -> list[KeptDeadline]:
    """The interview and decision deadlines of benefit cases that fall in the period, with
    the day each was kept: the first completed interview (or the settling decision, which
    makes the interview moot) and the first granting or refusing decision."""
    first = _first_settling(session)
    interviewed = (select(Interview.case_id.label("case_id"),
                          func.min(Interview.carried_out_on).label("on"))
                   .where(Interview.completed.is_(True)).group_by(Interview.case_id).subquery())
    # A deadline is never before the case began, and kpa art. 35 gives at most two months
    # (an art. 36 notice may move it later): a year back is more than enough to look.
    stmt = (select(Case, interviewed.c.on, first.c.issued_on)
            .outerjoin(interviewed, interviewed.c.case_id == Case.id)
            .outerjoin(first, first.c.case_id == Case.id)
            .where(Case.kind == CaseKind.BENEFIT, Case.started_on <= p.end,
                   Case.started_on >= rules.add_months(p.start, -12)))
    found = list(session.execute(stmt))
    # One query for every case's art. 36 notices, not one a case.
    decision_due_of = decision_deadlines_of(session, [case for case, _i, _s in found])
    result = []
    for case, interview_on, settled_on in found:
        interview_due = rules.interview_deadline(case.learned_on, urgent=case.urgent)
        done = min((d for d in (interview_on, settled_on) if d is not None), default=None)
        if p.start <= interview_due <= p.end:
            result.append(KeptDeadline(Team.BENEFITS, case.assigned_to_id, interview_due, done))
        decision_due = decision_due_of[case.id]
        if p.start <= decision_due <= p.end:
            result.append(KeptDeadline(Team.BENEFITS, case.assigned_to_id, decision_due,
                                       settled_on))
    return result


def social_work_deadlines(session: Session, p: Period) -> list[KeptDeadline]:
    """The plan's evaluation, the end of a kontrakt socjalny (its final evaluation) and the
    team's other tasks, due in the period."""
    result = []
    for worker, due, began, closed in session.execute(
            select(SocialWorkCase.worker_id, SocialWorkCase.evaluation_due,
                   SocialWorkCase.evaluation_on, SocialWorkCase.closed_on)
            .where(SocialWorkCase.evaluation_due >= p.start,
                   SocialWorkCase.evaluation_due <= p.end)):
        # Work closed before the evaluation was due needs no evaluation any more.
        if closed is not None and closed <= due and began is None:
            continue
        result.append(KeptDeadline(Team.SOCIAL_WORK, worker, due, began))
    for worker, due, ended in session.execute(
            select(SocialContract.worker_id, SocialContract.period_to, SocialContract.ended_on)
            .where(SocialContract.period_to >= p.start, SocialContract.period_to <= p.end)):
        result.append(KeptDeadline(Team.SOCIAL_WORK, worker, due, ended))
    for worker, due, ended in session.execute(
            select(SocialTask.worker_id, SocialTask.due_on, SocialTask.ended_on)
            .where(SocialTask.due_on >= p.start, SocialTask.due_on <= p.end)):
        result.append(KeptDeadline(Team.SOCIAL_WORK, worker, due, ended))
    return result


def other_task_deadlines(session: Session, p: Period) -> list[KeptDeadline]:
    """The benefits team's other tasks (an interview for another office, a court's
    request…), by the deadline each was given."""
    return [KeptDeadline(Team.BENEFITS, t.worker_id, t.due, t.done)
            for t in other_tasks.task_deadlines(session, due_from=p.start, due_to=p.end)]


def _kept(session: Session, p: Period, worker_id: int | None) -> list[KeptDeadline]:
    found = (benefits_deadlines(session, p) + other_task_deadlines(session, p)
             + social_work_deadlines(session, p))
    return [k for k in found if worker_id is None or k.worker_id == worker_id]


def _overdue(session: Session, p: Period, q: Period | None, worker_id: int | None,
             today: date) -> tuple[OverdueRow, ...]:
    now = _kept(session, p, worker_id)
    before = _kept(session, q, worker_id) if q else None
    rows = []
    for team in Team:

        def pair(found: list[KeptDeadline] | None, missed: bool, t: Team = team) -> int | None:
            if found is None:
                return None
            return sum(1 for k in found if k.team is t and (not missed or k.missed(today)))

        rows.append(OverdueRow(label(team), Pair(pair(now, False), pair(before, False)),
                               Pair(pair(now, True), pair(before, True))))
    return tuple(rows)


# --- the report ------------------------------------------------------------------------------


def _has_data(w: WorkloadRow) -> bool:
    return any(x.current for x in (w.open_cases, w.interviews, w.decisions, w.social_clients))


@operation(Permission.STATISTICS)
def evaluation_report(session: Session, *, actor: Actor, start: date | None = None,
                      end: date | None = None, worker_id: int | None = None,
                      today: date | None = None) -> EvaluationReport:
    """The evaluation for the period and the one before it; empty with a Polish message
    for a period that cannot be counted or a worker with nothing in it."""
    today = today or clock.today()
    data_from = first_record_day(session)
    period, reason = empty_reason(session, start, end, today, data_from=data_from,
                                  what="sprawy i praca socjalna")
    worker_name = ""
    if worker_id is not None:
        worker = session.get(User, worker_id)
        if worker is None:
            raise NotFound("Nie ma takiego pracownika.")
        worker_name = worker.full_name
    if reason:
        return EvaluationReport(period, message=reason, worker_name=worker_name)
    assert period is not None and data_from is not None
    previous = period.previous()
    notes = []
    compare: Period | None = previous
    if previous.end < data_from:
        compare = None
        notes.append(f"Poprzedni okres ({previous.text()}) jest sprzed pierwszych danych "
                     f"w programie ({format_date(data_from)} r.) — porównania nie ma.")
    elif previous.start < data_from:
        notes.append(f"Poprzedni okres ({previous.text()}) zaczyna się przed pierwszymi danymi "
                     f"w programie ({format_date(data_from)} r.) — porównanie jest niepełne.")
    if period.end > today:
        notes.append(f"Okres obejmuje dni przyszłe — dane do dnia {format_date(today)} r.")
    workload = _workload(session, period, compare, worker_id)
    if worker_id is not None and not any(_has_data(w) for w in workload):
        return EvaluationReport(period, message=(
            f"{worker_name}: w okresie {period.text()} brak spraw, wywiadów, decyzji i "
            "klientów pracy socjalnej — nie ma czego oceniać."), worker_name=worker_name)

    def both(fn):  # noqa: ANN001, ANN202
        return fn(session, period, worker_id), (
            fn(session, compare, worker_id) if compare else None)

    return EvaluationReport(
        period=period, previous=previous, workload=workload, times=both(_times),
        referrals=both(_referrals), contracts=both(_contracts),
        overdue=_overdue(session, period, compare, worker_id, today),
        notes=tuple(notes), worker_name=worker_name)


# --- today's deadlines across the centre -------------------------------------------------------


@dataclass(frozen=True)
class CentreDeadline:
    team: Team
    worker_id: int | None
    worker_name: str  # "" when nobody took it yet
    person_name: str
    what: str  # the case sign, "praca socjalna", the task
    deadline: Deadline


@dataclass(frozen=True)
class DeadlineSummary:
    team: Team
    worker_id: int | None
    worker_name: str
    overdue: int
    upcoming: int


def _social_work_open(session: Session) -> Iterable[CentreDeadline]:
    """Referred clients to come, plans to evaluate, contracts to close, tasks due: each read
    from an index alone, the person's name copied on the row (services/name_copies.py)."""
    open_sw = (select(SocialWorkCase.status, SocialWorkCase.stage, SocialWorkCase.worker_id,
                      SocialWorkCase.report_by, SocialWorkCase.evaluation_due,
                      SocialWorkCase.person_name)
               .where(SocialWorkCase.status.in_([SocialWorkStatus.REFERRED,
                                                 SocialWorkStatus.ACTIVE])))
    for sw in session.execute(open_sw):
        who, name = sw.person_name, worker_name(session, sw.worker_id)
        if sw.status is SocialWorkStatus.REFERRED and sw.report_by is not None:
            yield CentreDeadline(Team.SOCIAL_WORK, sw.worker_id, name, who,
                                 "praca socjalna", Deadline("zgłoszenie się klienta",
                                                            sw.report_by))
        if sw.status is SocialWorkStatus.ACTIVE and sw.evaluation_due is not None and \
                sw.stage is not SocialWorkStage.EVALUATION:
            yield CentreDeadline(Team.SOCIAL_WORK, sw.worker_id, name, who,
                                 "praca socjalna", Deadline("ocena planu pracy",
                                                            sw.evaluation_due))
    contracts = (select(SocialContract.worker_id, SocialContract.number,
                        SocialContract.period_to, SocialContract.person_name)
                 .where(SocialContract.status == ContractStatus.ACTIVE))
    for c in session.execute(contracts):
        yield CentreDeadline(Team.SOCIAL_WORK, c.worker_id, worker_name(session, c.worker_id),
                             c.person_name,
                             f"kontrakt socjalny nr {c.number}",
                             Deadline("ocena końcowa kontraktu", c.period_to))
    tasks = (select(SocialTask.worker_id, SocialTask.kind, SocialTask.due_on,
                    SocialTask.person_name)
             .where(SocialTask.status == TaskStatus.OPEN, SocialTask.due_on.is_not(None)))
    for t in session.execute(tasks):
        yield CentreDeadline(Team.SOCIAL_WORK, t.worker_id, worker_name(session, t.worker_id),
                             t.person_name, label(t.kind),
                             Deadline(label(t.kind), t.due_on))


def _blue_cards_open(session: Session) -> Iterable[CentreDeadline]:
    for d in blue_card.open_deadlines(session):
        yield CentreDeadline(Team.SOCIAL_WORK, d.worker_id, d.worker_name, d.person_name,
                             f"Niebieska Karta {d.number}", d.deadline)


def _benefits_open(session: Session, actor: Actor, today: date) -> Iterable[CentreDeadline]:
    """The benefits queue's own deadlines (every deadline it shows of every case)."""
    for row in queue.benefits_queue(session, actor=actor, today=today):
        if row.kind is not CaseKind.BENEFIT:
            continue  # the team's other tasks keep deadlines of their own
        for deadline in row.deadlines:
            yield CentreDeadline(Team.BENEFITS, row.assigned_to_id, row.assigned_to,
                                 row.person_name, row.sign, deadline)


def _other_tasks_open(session: Session) -> Iterable[CentreDeadline]:
    for t in other_tasks.task_deadlines(session, open_only=True):
        yield CentreDeadline(Team.BENEFITS, t.worker_id, t.worker_name, t.person_name,
                             t.sign, Deadline(other_tasks.SPECS[t.kind].deadline_label, t.due))


@operation(Permission.STATISTICS)
def centre_deadlines(session: Session, *, actor: Actor, today: date | None = None,
                     within_days: int = UPCOMING_DAYS, worker_id: int | None = None,
                     team: Team | None = None) -> list[CentreDeadline]:
    """Every deadline past or due within ``within_days`` across the centre, earliest
    first."""
    today = today or clock.today()
    found = [*_benefits_open(session, actor, today), *_other_tasks_open(session),
             *_social_work_open(session), *_blue_cards_open(session)]
    result = [d for d in found
              if d.deadline.days_left(today) <= within_days
              and (worker_id is None or d.worker_id == worker_id)
              and (team is None or d.team is team)]
    result.sort(key=lambda d: (d.deadline.due, d.team.value, d.worker_name, d.person_name))
    return result


def summarise(deadlines: Iterable[CentreDeadline], today: date) -> list[DeadlineSummary]:
    """Per team and worker: how many are past and how many are coming."""
    counts: dict[tuple[Team, int | None, str], list[int]] = defaultdict(lambda: [0, 0])
    for d in deadlines:
        counts[(d.team, d.worker_id, d.worker_name)][0 if d.deadline.due < today else 1] += 1
    return [DeadlineSummary(t, wid, name or "(nieprzydzielone)", n[0], n[1])
            for (t, wid, name), n in sorted(counts.items(),
                                            key=lambda kv: (kv[0][0].value, kv[0][2]))]

