"""The year changes while the program runs: at midnight of 31 December every register whose
numbers carry the year starts again at 1 for the new year, and the old year's go on where
they stopped. Nothing is given a date: the services read the program's clock, as at a desk
that stays open past midnight."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from opsdesk import clock
from opsdesk.demo.names import pesel_for
from opsdesk.models import Case
from opsdesk.models.enums import BenefitKind, DecisionKind, PayoutMethod, Relation
from opsdesk.services import decisions, desk, intake, interviews, people, queue
from opsdesk.services.decisions import DecisionForm
from opsdesk.services.interviews import MemberEntry
from opsdesk.services.people import PersonForm
from tests.conftest import OFFICE_TZ
from tests.factories import D, interview_form, interview_version

BEFORE_MIDNIGHT = datetime(2026, 12, 31, 23, 59, 30, tzinfo=OFFICE_TZ)
AFTER_MIDNIGHT = datetime(2027, 1, 1, 0, 0, 30, tzinfo=OFFICE_TZ)


def case_decided_and_certified(db, staff, serial: int) -> dict[str, str]:
    """At the desk and in Świadczenia, on the clock's day: a person registered, an
    application with its case sign, the interview, a zasiłek celowy decided and issued, and a
    certificate. Returns the numbers given."""
    pid = db.write(lambda s: people.register_person(s, PersonForm(
        first_name="Zofia", last_name="Łęcka", pesel=pesel_for(date(1985, 3, 4), True, serial),
        street="ul. Łąkowa 3", postal_code="66-210", city="Zbąszynek"), actor=staff.desk,
        allow_similar=True))
    sign = db.write(lambda s: intake.register_application(s, intake.ApplicationForm(
        person_id=pid, benefit_kind=BenefitKind.ZASILEK_CELOWY, filed_on=clock.today()),
        actor=staff.desk))
    case_id = db.read(lambda s: s.scalar(select(Case.id).where(Case.sign == sign)))
    db.write(lambda s: queue.take_case(s, case_id, actor=staff.benefits))
    iid = db.write(lambda s: interviews.start_interview(s, case_id, actor=staff.benefits))
    month = interviews.right_income_month(clock.today(), income_lost=False)
    db.write(lambda s: interviews.save_interview(s, iid, interview_form(
        (MemberEntry(pid, Relation.HEAD),), month=month, carried=clock.today()),
        actor=staff.benefits, expected_version=interview_version(s, iid)))
    db.write(lambda s: interviews.complete_interview(s, iid, actor=staff.benefits,
                                                     expected_version=interview_version(s, iid)))
    form = DecisionForm(case_id=case_id, kind=DecisionKind.GRANTING,
                        benefit_kind=BenefitKind.ZASILEK_CELOWY, amount=D("200.00"),
                        period_from=clock.today(), payout_method=PayoutMethod.CASH,
                        purpose="zakup opału")
    did = db.write(lambda s: decisions.save_draft(s, form, actor=staff.benefits))
    number = db.write(lambda s: decisions.approve_and_issue(s, did, actor=staff.head)).number
    cid = db.write(lambda s: desk.issue_certificate(
        s, actor=staff.desk, person_id=pid, purpose="do szkoły",
        content="figuruje w kartotece ośrodka"))
    certificate = db.read(lambda s: next(
        r.number for r in desk.certificate_register(s, actor=staff.desk,
                                                    year=clock.today().year) if r.id == cid))
    return {"sign": sign, "decision": number, "certificate": certificate}


@pytest.mark.parametrize("first_of_year", [False, True])
def test_the_registers_start_again_at_midnight_of_31_december(db, staff, clock_at_today,
                                                              first_of_year):
    clock_at_today.move_to(BEFORE_MIDNIGHT)
    old = case_decided_and_certified(db, staff, 1)
    if first_of_year:  # the last one of the old year after a first one of the new
        clock_at_today.move_to(AFTER_MIDNIGHT)
        new = case_decided_and_certified(db, staff, 2)
        clock_at_today.move_to(BEFORE_MIDNIGHT + timedelta(seconds=10))
        older = case_decided_and_certified(db, staff, 3)
        assert older["sign"].endswith(".2.2026") and ".DEC.2.2026" in older["decision"]
        assert older["certificate"] == "ZAŚ.2.2026"
    else:
        clock_at_today.move_to(AFTER_MIDNIGHT)
        new = case_decided_and_certified(db, staff, 2)
    assert old["sign"] == "GOPS.8311.1.2026" and new["sign"] == "GOPS.8311.1.2027"
    assert old["decision"].endswith(".DEC.1.2026") and new["decision"].endswith(".DEC.1.2027")
    assert (old["certificate"], new["certificate"]) == ("ZAŚ.1.2026", "ZAŚ.1.2027")
    # Each year's register shows its own.
    register = {year: [r.number for r in db.read(lambda s, y=year: desk.certificate_register(
        s, actor=staff.desk, year=y))] for year in (2026, 2027)}
    assert register[2027] == ["ZAŚ.1.2027"]
    assert register[2026][0] == "ZAŚ.1.2026"


def test_an_application_filed_last_year_opens_this_years_register(db, staff, clock_at_today):
    """Filed on 30 December, registered on 4 January: the case is entered in the new year's
    register, its deadline running from the filing."""
    clock_at_today.move_to(datetime(2027, 1, 4, 8, 0, tzinfo=OFFICE_TZ))
    pid = db.write(lambda s: people.register_person(s, PersonForm(
        first_name="Jan", last_name="Ćwik", pesel="80010112357"), actor=staff.desk))
    filed = clock.today() - timedelta(days=5)
    sign = db.write(lambda s: intake.register_application(s, intake.ApplicationForm(
        person_id=pid, benefit_kind=BenefitKind.ZASILEK_OKRESOWY, filed_on=filed),
        actor=staff.desk))
    assert sign == "GOPS.8311.1.2027"
    started = db.read(lambda s: s.scalar(select(Case.started_on).where(Case.sign == sign)))
    assert started == filed
