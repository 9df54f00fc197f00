"""The large demo writes ten years of payouts with Core inserts, past the services, so its
``schedule`` is a second implementation of ``payouts.schedule.sync_payouts``. Here the same
issued decisions go through both, and both must leave the same payouts: period, amount,
due day and the decision each one pays on."""

from __future__ import annotations

import random
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from opsdesk.demo.large.payouts import schedule
from opsdesk.demo.large.plan import Plan, PlannedDecision
from opsdesk.demo.staff import DemoTeam
from opsdesk.models import Decision, Payout
from opsdesk.models.enums import BenefitKind, DecisionKind, DecisionStatus, PayoutStatus
from opsdesk.services.payouts.schedule import CORRECTIONS
from tests.factories import WORKDAY, D, correction, grant, new_income, single_case
from tests.factories import issue_decision as issued

STALY = BenefitKind.ZASILEK_STALY
Row = tuple[date, date, object, date, int]  # from, to, amount, due, decision id



def _by_services(session: Session, ids: list[int]) -> list[Row]:
    return [(p.period_from, p.period_to, p.amount, p.due_on, p.decision_id)
            for p in session.scalars(select(Payout).where(
                Payout.decision_id.in_(ids), Payout.status != PayoutStatus.CANCELLED)
                .order_by(Payout.period_from))]


def _plan(staff, today: date, years: int = 1) -> Plan:
    """A plan whose last payout list is before ``today``'s: none was drawn up since."""
    team = DemoTeam(staff.head, staff.desk, (staff.benefits,), (staff.social,))
    return Plan(random.Random(7), team, today, years)


def _by_the_demo(session: Session, plan: Plan, root_id: int) -> list[Row]:
    """The decisions read back from the database as the large demo plans them."""
    root = session.get(Decision, root_id)
    assert root is not None
    planned = PlannedDecision(
        None, root.kind, root.benefit_kind, root.status,  # type: ignore[arg-type]
        root.issued_on, root.amount, root.period_from, root.period_to, id=root.id)
    for c in session.scalars(select(Decision).where(
            Decision.corrects_decision_id == root.id, Decision.status == DecisionStatus.ISSUED,
            Decision.kind.in_(CORRECTIONS)).order_by(Decision.id)):
        planned.corrections.append(PlannedDecision(
            None, c.kind, c.benefit_kind, c.status, c.issued_on,  # type: ignore[arg-type]
            c.amount, c.effective_from, root=planned, id=c.id))
    return [(p.start, p.end, p.amount, p.due, p.decision.id) for p in schedule(plan, planned)]


def _same(db, staff, root_id: int, today: date) -> list[Row]:
    """Both schedules of ``root_id`` on ``today``, asserted equal; returned for the test to
    look at. No payout list was drawn up, as in the demo's plan none is after ``today``."""
    ids = [root_id, *db.read(lambda s: s.scalars(select(Decision.id).where(
        Decision.corrects_decision_id == root_id)).all())]
    by_services = db.read(lambda s: _by_services(s, ids))
    plan = _plan(staff, today)
    assert db.read(lambda s: _by_the_demo(s, plan, root_id)) == by_services
    return by_services


def test_a_period_with_partial_first_and_last_months(db, staff):
    _, case_id = single_case(db, staff, "400.00")
    root = issued(db, staff, grant(case_id, period_from=date(2026, 11, 15),
                                   period_to=date(2027, 1, 10)))
    rows = _same(db, staff, root.id, WORKDAY)
    assert [(r[0], r[2]) for r in rows] == [(date(2026, 11, 15), D("162.67")),
                                            (date(2026, 12, 1), D("305.00")),
                                            (date(2027, 1, 1), D("98.39"))]


RYGOR = "Strona wyjeżdża na stałe za granicę; dalsza wypłata byłaby nienależna."


def test_a_change_of_amount_then_a_revocation(db, staff):
    pid, case_id = single_case(db, staff, "400.00")
    root = issued(db, staff, grant(case_id))  # November to January, 305.00
    new_income(db, staff, pid, case_id, "200.00", date(2026, 11, 20))
    change = issued(db, staff, correction(case_id, root.id, DecisionKind.CHANGING,
                                          date(2026, 12, 1), amount=D("405.00")),
                    today=date(2026, 11, 20))
    # With rygor (kpa art. 108): carried out at once, not when final.
    issued(db, staff, correction(case_id, root.id, DecisionKind.REVOKING, date(2027, 1, 1),
                                 immediate_enforcement_reason=RYGOR), today=date(2026, 11, 25))
    rows = _same(db, staff, root.id, date(2026, 11, 25))
    assert [(r[0], r[2], r[3], r[4]) for r in rows] == [
        (date(2026, 11, 1), D("305.00"), WORKDAY, root.id),
        (date(2026, 12, 1), D("405.00"), date(2026, 12, 1), change.id)]


def test_an_open_ended_benefit_changed_and_revoked(db, staff):
    pid, case_id = single_case(db, staff, "300.00", kind=STALY)
    root = issued(db, staff, grant(case_id, "1013.00", kind=STALY, period_to=None))
    # Scheduled a year ahead of its issue: November 2026 to October 2027.
    assert len(_same(db, staff, root.id, WORKDAY)) == 12
    new_income(db, staff, pid, case_id, "0.00", date(2026, 12, 10))
    issued(db, staff, correction(case_id, root.id, DecisionKind.CHANGING, date(2027, 1, 1),
                                 amount=D("1229.00"), benefit_kind=STALY),
           today=date(2026, 12, 10))
    # A year ahead of the change: to November 2027, at the new amount from January.
    rows = _same(db, staff, root.id, date(2026, 12, 10))
    assert (rows[-1][0], rows[-1][2]) == (date(2027, 11, 1), D("1229.00"))
    issued(db, staff, correction(case_id, root.id, DecisionKind.REVOKING, date(2027, 6, 1),
                                 benefit_kind=STALY, immediate_enforcement_reason=RYGOR),
           today=date(2027, 5, 10))
    assert _same(db, staff, root.id, date(2027, 5, 10))[-1][:2] == (date(2027, 5, 1),
                                                             date(2027, 5, 31))


def test_a_one_off_benefit(db, staff):
    _, case_id = single_case(db, staff, "500.00", kind=BenefitKind.ZASILEK_CELOWY)
    root = issued(db, staff, grant(case_id, "333.33", kind=BenefitKind.ZASILEK_CELOWY,
                                   period_from=date(2026, 11, 20), period_to=None,
                                   purpose="leki"))
    day = date(2026, 11, 20)
    assert _same(db, staff, root.id, WORKDAY) == [(day, day, D("333.33"), day, root.id)]


def test_the_demo_plans_corrections_only_from_the_first_of_a_month(staff):
    """What the comparison above relies on: the demo's schedule does not split a month at a
    correction, which is right because its planner never makes one take effect mid-month."""
    from opsdesk.demo.large.benefits import plan_benefits
    from opsdesk.demo.large.people import plan_people

    plan = _plan(staff, WORKDAY, years=10)
    plan_people(plan, persons=400, households=150)
    plan_benefits(plan)
    days = [c.period_from for case in plan.cases for d in case.decisions
            for c in d.corrections]
    assert days and all(day is not None and day.day == 1 for day in days)
