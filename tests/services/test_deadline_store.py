"""The kept deadlines (``case_deadlines``) are always what working them out afresh gives:
after the small demo, which makes ten kinds of change through the services; after the large
demo, written with Core; after migration 0004 on a database that had cases before it."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select, text, true
from sqlalchemy.orm import Session

from opsdesk.demo import generate, large
from opsdesk.models import Case, CaseDeadline, Decision, HealthCareDecision, Person, User
from opsdesk.models.enums import CaseKind, CaseStatus, DeadlineKind, DecisionStatus, Team
from opsdesk.services import deadline_store, intake, rules
from opsdesk.startup import open_database
from tests.conftest import TODAY
from tests.migration_helpers import step_back_past_0004

Row = tuple[int, DeadlineKind, date, date | None, str | None]


def kept(session: Session) -> list[Row]:
    return sorted(session.execute(select(CaseDeadline.case_id, CaseDeadline.kind,
                                         CaseDeadline.due, CaseDeadline.until,
                                         CaseDeadline.benefit_kind)).all())


def afresh(session: Session) -> list[Row]:
    return sorted((r["case_id"], r["kind"], r["due"], r["until"], r["benefit_kind"])
                  for r in deadline_store.deadlines_of(session, true()))


def _a_health_care_right(session: Session) -> None:
    """The demo makes no art. 54 uśoz decision: one is added, so its end is kept too."""
    pid = session.scalar(select(Person.id).order_by(Person.id).limit(1))
    user = session.scalar(select(User.id).order_by(User.id).limit(1))
    assert pid is not None and user is not None
    case = intake.open_case(session, person_id=pid, kind=CaseKind.BENEFIT, team=Team.BENEFITS,
                            started_on=TODAY, registered_on=TODAY)
    session.add(HealthCareDecision(
        case_id=case.id, person_id=pid, requested_by="PERSON", applied_on=TODAY,
        registered_by_id=user, issued_on=TODAY, granted=True, period_from=TODAY,
        period_to=rules.health_care_period_end(TODAY)))


def _an_appeal(session: Session) -> None:
    """The demo lodges no appeal: one is, so its forwarding deadline (kpa art. 133) is kept."""
    decision = session.scalar(select(Decision).where(
        Decision.status == DecisionStatus.ISSUED,
        Decision.case_id.in_(select(Case.id).where(Case.status != CaseStatus.CLOSED)))
        .order_by(Decision.id).limit(1))
    assert decision is not None and decision.issued_on is not None
    decision.delivered_on = decision.appeal_lodged_on = decision.issued_on


def test_the_services_keep_every_case_deadline(db):
    generate(db, persons=300, today=TODAY)
    db.write(_a_health_care_right)
    db.write(_an_appeal)
    rows = db.read(kept)
    assert {kind for _, kind, *_ in rows} == set(DeadlineKind)
    assert rows == db.read(afresh)


def test_the_large_demo_works_them_out(db):
    large.generate(db, seed=3, persons=300, households=120, years=2, today=TODAY)
    rows = db.read(kept)
    # The running benefits' rows, and those of the cases still open on the day.
    assert {DeadlineKind.INTERVIEW_UPDATE, DeadlineKind.BENEFIT_END} <= {k for _, k, *_ in rows}
    assert rows == db.read(afresh)


def test_migration_0004_works_out_those_of_existing_cases(db, tmp_path):
    if db.path is None:
        pytest.skip("the step back below is written for a file; PostgreSQL runs the same upgrade")
    large.generate(db, seed=3, persons=300, households=120, years=2, today=TODAY)
    expected = db.read(kept)
    with db.engine.begin() as conn:
        step_back_past_0004(conn)
        conn.execute(text("DROP TABLE case_deadlines"))
        conn.execute(text("UPDATE alembic_version SET version_num = '0003'"))
    db.dispose()
    upgraded = open_database(str(db.path), backup_dir=tmp_path / "kopie")
    try:
        assert upgraded.read(kept) == expected
    finally:
        upgraded.dispose()
