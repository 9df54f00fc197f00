"""The deadlines of every benefit case, kept in ``case_deadlines`` and worked out again,
before the commit of every transaction that changed what they come from: the case, its
interviews (a person's latest interview dates the update of a permanent benefit), its
decisions and the corrections of a running benefit, its art. 36 notices.

The rows do not depend on the day — the queue and the head's view of the centre pick those
due — so a refresh reads a short list found through an index instead of working out ten
years of cases. Rows of a case that is not closed: the family interview (until one is
completed or the case settled: 14 working days, 2 when urgent); the decision (until settled:
kpa art. 35 or the date of the latest art. 36 notice); for each granted benefit paid for a
period, its end, and for a permanent or open-ended one the six-monthly interview update
(counting while the benefit runs). And, not a deadline, the day of the case's latest
decision (``DECIDED``), which keeps a decided case in the queue a while.

Each row carries the case's line of the queue — its sign, kind, state, subject, worker,
version and the party's name — so the queue reads nothing but these rows: a change to the
case or to its party (a new surname) works them out again too.

Rows written past the ORM (SQLAlchemy Core, as the large demo does) pass no flush: whoever
writes them calls ``rebuild``, as must a migration of a program that works deadlines out
differently."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, delete, exists, func, insert, or_, select, true
from sqlalchemy.orm import Session

from opsdesk.models import Case, CaseDeadline, Decision, HealthCareDecision, Interview, Person
from opsdesk.models.benefits import DeadlineNotice
from opsdesk.models.enums import (
    AppealOutcome,
    BenefitKind,
    CaseStatus,
    DeadlineKind,
    DecisionKind,
    DecisionStatus,
    Team,
)
from opsdesk.models.health_care import Requester

_NOTED = "deadline_store.noted"  # session.info: (cases, persons, corrected decisions)


def note_changed(session: Session, _ctx: Any) -> None:
    """After each flush, whatever service made the change: the cases it touches are noted
    (a session hook, ``hooks.install``)."""
    cases, persons, corrected = session.info.setdefault(_NOTED, (set(), set(), set()))
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, Case):
            cases.add(obj.id)
        elif isinstance(obj, Person):  # the party's name on the queue's line
            persons.add(obj.id)
        elif isinstance(obj, Interview):
            cases.add(obj.case_id)
            persons.add(obj.person_id)
        elif isinstance(obj, Decision):
            cases.add(obj.case_id)
            if obj.corrects_decision_id is not None:
                corrected.add(obj.corrects_decision_id)
        elif isinstance(obj, (DeadlineNotice, HealthCareDecision)):
            cases.add(obj.case_id)


def refresh_noted(session: Session) -> None:
    """Before the commit, once per transaction however many flushes it made (issuing a
    decision makes five): the noted cases get their deadlines again (a session hook)."""
    session.flush()
    noted = session.info.pop(_NOTED, None)
    if noted is not None and any(noted):
        cases, persons, corrected = noted
        refresh(session, cases, persons=persons, corrected=corrected)


def refresh(session: Session, case_ids: Iterable[int | None], *,
            persons: Iterable[int] = (), corrected: Iterable[int] = ()) -> None:
    """Work out again the deadlines of these cases, of every case of these persons (their
    latest interview), and of the cases whose decisions these ones correct."""
    ids = {i for i in case_ids if i is not None}
    if persons:
        ids.update(session.scalars(select(Case.id).where(Case.person_id.in_(set(persons)))))
    if corrected:
        ids.update(session.scalars(select(Decision.case_id).where(
            Decision.id.in_(set(corrected)))))
    if not ids:
        return
    connection = session.connection()
    connection.execute(delete(CaseDeadline.__table__).where(CaseDeadline.case_id.in_(ids)))
    rows = deadlines_of(session, Case.id.in_(ids))
    if rows:
        connection.execute(insert(CaseDeadline.__table__), rows)


def rebuild(session: Session, *, health_care: bool = True, appeals: bool = True,
            lines: bool = True) -> int:
    """Every case's deadlines from scratch (a new database, the large demo); their number.
    ``health_care=False`` for a migration older than the art. 54 uśoz table (0012zdr),
    ``appeals=False`` for one older than the appeal's path (0019sko), ``lines=False`` for
    one older than the rows carrying the queue's line (0023que)."""
    connection = session.connection()
    connection.execute(delete(CaseDeadline.__table__))
    rows = deadlines_of(session, true(), health_care=health_care, appeals=appeals)
    if not lines:
        rows = [{key: row[key] for key in _DEADLINE} for row in rows
                if row["kind"] is not DeadlineKind.DECIDED]
    if rows:
        connection.execute(insert(CaseDeadline.__table__), rows)
    return len(rows)


def deadlines_of(session: Session, where: ColumnElement[bool], *,
                 health_care: bool = True, appeals: bool = True) -> list[dict[str, Any]]:
    """The rows of ``case_deadlines`` for the benefit cases ``where`` selects, with a fixed
    number of queries however many cases it selects."""
    # Imported here: the decisions and the law's calendar are not needed to show the login
    # window, which opens the database (and so this module) first.
    from opsdesk.services import rules
    from opsdesk.services.decisions.notices import decision_deadlines_of
    from opsdesk.services.payouts.schedule import effective_end, effective_order

    chosen = and_(where, Case.team == Team.BENEFITS, Case.status != CaseStatus.CLOSED)
    interviewed = exists().where(Interview.case_id == Case.id, Interview.completed.is_(True))
    from opsdesk.services.decisions.lookups import settled_clause

    settled = settled_clause(Case.id, appeals=appeals)
    last_interview = (select(func.max(Interview.carried_out_on))
                      .where(Interview.person_id == Case.person_id,
                             Interview.completed.is_(True)).scalar_subquery())
    cases = session.execute(select(
        Case.id, Case.learned_on, Case.urgent, Case.started_on, Case.complicated,
        interviewed.label("interviewed"), settled.label("settled"),
        last_interview.label("interviewed_on"), *_LINE)
        .join(Person, Case.person_id == Person.id).where(chosen)).all()
    decision_due = decision_deadlines_of(session, [c for c in cases if not c.settled])
    # kpa art. 138 § 2: a remanded case is decided again within kpa art. 35's month from the
    # day the SKO's ruling came back *(unverified: the day the files return is not kept)*.
    for case_id, back in () if not appeals else session.execute(
            select(Decision.case_id, func.max(Decision.appeal_ruling_delivered_on))
            .where(Decision.case_id.in_(select(Case.id).where(chosen)),
                   Decision.appeal_outcome == AppealOutcome.REMANDED,
                   Decision.appeal_ruling_delivered_on.is_not(None))
            .group_by(Decision.case_id)):
        if case_id in decision_due:
            decision_due[case_id] = max(decision_due[case_id], rules.decision_deadline(back))
    to_forward = defaultdict(list)  # kpa art. 133: appeals still to forward to the SKO
    waiting = select(Decision.case_id, Decision.appeal_lodged_on).where(
        Decision.case_id.in_(select(Case.id).where(chosen)),
        Decision.appeal_lodged_on.is_not(None), Decision.appeal_forwarded_on.is_(None),
        Decision.appeal_outcome.is_(None))
    for case_id, lodged in session.execute(waiting) if appeals else ():
        to_forward[case_id].append(rules.appeal_forward_deadline(lodged))
    roots, corrections = _running(session, select(Case.id).where(chosen), appeals=appeals)
    health = {} if not health_care else {h.case_id: h for h in session.execute(select(
        HealthCareDecision.case_id, HealthCareDecision.issued_on, HealthCareDecision.granted,
        HealthCareDecision.period_to, HealthCareDecision.requested_by,
        HealthCareDecision.applied_on).where(
            HealthCareDecision.case_id.in_(select(Case.id).where(chosen))))}
    decided = dict(session.execute(
        select(Decision.case_id, func.max(Decision.issued_on))
        .where(Decision.case_id.in_(select(Case.id).where(chosen)),
               Decision.issued_on.is_not(None))
        .group_by(Decision.case_id)).all())
    result = []
    for case in cases:
        if case.id in decided:
            result.append(_row(case, DeadlineKind.DECIDED, decided[case.id]))
        settled = case.settled
        if case.id in health:  # art. 54 uśoz: its own decision, its own deadline and end
            h = health[case.id]
            settled = h.issued_on is not None
            if not settled:
                decision_due[case.id] = min(decision_due[case.id], rules.
                                            health_care_decision_deadline(
                                                h.applied_on,
                                                by_provider=h.requested_by == Requester.PROVIDER))
            elif h.granted:
                result.append(_row(case, DeadlineKind.HEALTH_CARE_END, h.period_to))
        if not case.interviewed and not settled:
            result.append(_row(case, DeadlineKind.INTERVIEW, rules.interview_deadline(
                case.learned_on, urgent=case.urgent)))
        if not settled:
            result.append(_row(case, DeadlineKind.DECISION, decision_due[case.id]))
        for due in to_forward.get(case.id, ()):
            result.append(_row(case, DeadlineKind.APPEAL_FORWARD, due))
        for root in roots[case.id]:
            end = effective_end(root, sorted(corrections[root.id], key=effective_order))
            if (end is None or root.benefit_kind is BenefitKind.ZASILEK_STALY) \
                    and case.interviewed_on is not None:
                result.append(_row(case, DeadlineKind.INTERVIEW_UPDATE,
                                   rules.next_interview_update(case.interviewed_on),
                                   end, root.benefit_kind))
            if end is not None:
                result.append(_row(case, DeadlineKind.BENEFIT_END, end, None,
                                   root.benefit_kind))
    return result


# A row's own columns; the case's line of the queue, copied onto each of its rows.
_DEADLINE = ("case_id", "kind", "due", "until", "benefit_kind")
_LINE = (Case.sign, Case.kind.label("case_kind"), Case.status, Case.subject,
         Case.assigned_to_id, Case.version, Case.person_id, Person.last_name,
         Person.first_name)


def _row(case: Any, kind: DeadlineKind, due: date, until: date | None = None,
         benefit: BenefitKind | None = None) -> dict[str, Any]:
    return {"case_id": case.id, "kind": kind, "due": due, "until": until,
            "benefit_kind": benefit, "case_sign": case.sign, "case_kind": case.case_kind,
            "case_status": case.status, "case_urgent": case.urgent,
            "case_subject": case.subject, "assigned_to_id": case.assigned_to_id,
            "case_version": case.version, "person_id": case.person_id,
            "person_name": f"{case.last_name} {case.first_name}"}


# What a decision's end is worked out from (payouts.schedule.effective_end).
_SCHEDULE = (Decision.id, Decision.case_id, Decision.kind, Decision.benefit_kind,
             Decision.amount, Decision.period_from, Decision.period_to,
             Decision.effective_from, Decision.issued_on, Decision.payout_method,
             Decision.bank_account)


def _running(session: Session, case_ids: Any, *, appeals: bool = True
             ) -> tuple[dict[int, list[Any]], dict[int, list[Any]]]:
    """The issued granting decisions for a period of these cases (per case), and the issued
    corrections that can move their end — a revocation, a new period (per decision). Rows
    of columns, not Decision records (``payouts.schedule.corrections_by_root``): a rebuild
    reads every grant of ten years, about a hundred thousand."""
    from opsdesk.services.decisions.catalogue import BENEFITS, Payment

    periodic = [k for k, spec in BENEFITS.items()
                if spec.payment is not Payment.ONE_OFF and not spec.once]
    granted = and_(Decision.case_id.in_(case_ids), Decision.kind == DecisionKind.GRANTING,
                   Decision.status == DecisionStatus.ISSUED, Decision.period_from.is_not(None))
    columns = (*_SCHEDULE, Decision.appeal_effect_ends_on) if appeals else _SCHEDULE
    roots: dict[int, list[Any]] = defaultdict(list)
    # The benefit kind is checked here, not in SQL, so SQLite searches by the cases.
    for r in session.execute(select(*columns).where(granted).order_by(Decision.id)):
        if r.benefit_kind in periodic:
            roots[r.case_id].append(r)
    corrections: dict[int, list[Any]] = defaultdict(list)
    for c in session.execute(select(*columns, Decision.corrects_decision_id).where(
            Decision.corrects_decision_id.in_(select(Decision.id).where(granted)),
            Decision.status == DecisionStatus.ISSUED,
            or_(Decision.kind == DecisionKind.REVOKING,
                and_(Decision.kind == DecisionKind.CHANGING, Decision.period_to.is_not(None))))):
        corrections[c.corrects_decision_id].append(c)
    return roots, corrections
