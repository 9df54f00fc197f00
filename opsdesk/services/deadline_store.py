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
(counting while the benefit runs).

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

from opsdesk.models import Case, CaseDeadline, Decision, HealthCareDecision, Interview
from opsdesk.models.benefits import DeadlineNotice
from opsdesk.models.enums import (
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


def rebuild(session: Session, *, health_care: bool = True) -> int:
    """Every case's deadlines from scratch (a new database, the large demo); their number.
    ``health_care=False`` for a migration older than the art. 54 uśoz table (0012zdr)."""
    connection = session.connection()
    connection.execute(delete(CaseDeadline.__table__))
    rows = deadlines_of(session, true(), health_care=health_care)
    if rows:
        connection.execute(insert(CaseDeadline.__table__), rows)
    return len(rows)


def deadlines_of(session: Session, where: ColumnElement[bool], *,
                 health_care: bool = True) -> list[dict[str, Any]]:
    """The rows of ``case_deadlines`` for the benefit cases ``where`` selects, with a fixed
    number of queries however many cases it selects."""
    # Imported here: the decisions and the law's calendar are not needed to show the login
    # window, which opens the database (and so this module) first.
    from opsdesk.services import rules
    from opsdesk.services.decisions.notices import decision_deadlines_of
    from opsdesk.services.payouts.schedule import effective_end, effective_order

    chosen = and_(where, Case.team == Team.BENEFITS, Case.status != CaseStatus.CLOSED)
    interviewed = exists().where(Interview.case_id == Case.id, Interview.completed.is_(True))
    settled = exists().where(Decision.case_id == Case.id,
                             Decision.status == DecisionStatus.ISSUED,
                             Decision.kind.in_([DecisionKind.GRANTING, DecisionKind.REFUSING]))
    last_interview = (select(func.max(Interview.carried_out_on))
                      .where(Interview.person_id == Case.person_id,
                             Interview.completed.is_(True)).scalar_subquery())
    cases = session.execute(select(
        Case.id, Case.learned_on, Case.urgent, Case.started_on, Case.complicated,
        interviewed.label("interviewed"), settled.label("settled"),
        last_interview.label("interviewed_on")).where(chosen)).all()
    decision_due = decision_deadlines_of(session, [c for c in cases if not c.settled])
    roots, corrections = _running(session, select(Case.id).where(chosen))
    health = {} if not health_care else {h.case_id: h for h in session.execute(select(
        HealthCareDecision.case_id, HealthCareDecision.issued_on, HealthCareDecision.granted,
        HealthCareDecision.period_to, HealthCareDecision.requested_by,
        HealthCareDecision.applied_on).where(
            HealthCareDecision.case_id.in_(select(Case.id).where(chosen))))}
    result = []
    for case in cases:
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
                result.append(_row(case.id, DeadlineKind.HEALTH_CARE_END, h.period_to))
        if not case.interviewed and not settled:
            result.append(_row(case.id, DeadlineKind.INTERVIEW, rules.interview_deadline(
                case.learned_on, urgent=case.urgent)))
        if not settled:
            result.append(_row(case.id, DeadlineKind.DECISION, decision_due[case.id]))
        for root in roots[case.id]:
            end = effective_end(root, sorted(corrections[root.id], key=effective_order))
            if (end is None or root.benefit_kind is BenefitKind.ZASILEK_STALY) \
                    and case.interviewed_on is not None:
                result.append(_row(case.id, DeadlineKind.INTERVIEW_UPDATE,
                                   rules.next_interview_update(case.interviewed_on),
                                   end, root.benefit_kind))
            if end is not None:
                result.append(_row(case.id, DeadlineKind.BENEFIT_END, end, None,
                                   root.benefit_kind))
    return result


def _row(case_id: int, kind: DeadlineKind, due: date, until: date | None = None,
         benefit: BenefitKind | None = None) -> dict[str, Any]:
    return {"case_id": case_id, "kind": kind, "due": due, "until": until,
            "benefit_kind": benefit}


# What a decision's end is worked out from (payouts.schedule.effective_end).
_SCHEDULE = (Decision.id, Decision.case_id, Decision.kind, Decision.benefit_kind,
             Decision.amount, Decision.period_from, Decision.period_to,
             Decision.effective_from, Decision.issued_on, Decision.payout_method,
             Decision.bank_account)


def _running(session: Session, case_ids: Any) -> tuple[dict[int, list[Any]],
                                                       dict[int, list[Any]]]:
    """The issued granting decisions for a period of these cases (per case), and the issued
    corrections that can move their end — a revocation, a new period (per decision). Rows
    of columns, not Decision records (``payouts.schedule.corrections_by_root``): a rebuild
    reads every grant of ten years, about a hundred thousand."""
    from opsdesk.services.decisions.catalogue import BENEFITS, Payment

    periodic = [k for k, spec in BENEFITS.items()
                if spec.payment is not Payment.ONE_OFF and not spec.once]
    granted = and_(Decision.case_id.in_(case_ids), Decision.kind == DecisionKind.GRANTING,
                   Decision.status == DecisionStatus.ISSUED, Decision.period_from.is_not(None))
    roots: dict[int, list[Any]] = defaultdict(list)
    # The benefit kind is checked here, not in SQL, so SQLite searches by the cases.
    for r in session.execute(select(*_SCHEDULE).where(granted).order_by(Decision.id)):
        if r.benefit_kind in periodic:
            roots[r.case_id].append(r)
    corrections: dict[int, list[Any]] = defaultdict(list)
    for c in session.execute(select(*_SCHEDULE, Decision.corrects_decision_id).where(
            Decision.corrects_decision_id.in_(select(Decision.id).where(granted)),
            Decision.status == DecisionStatus.ISSUED,
            or_(Decision.kind == DecisionKind.REVOKING,
                and_(Decision.kind == DecisionKind.CHANGING, Decision.period_to.is_not(None))))):
        corrections[c.corrects_decision_id].append(c)
    return roots, corrections
