"""Every save checks the version the form was opened with: generated from the models, so a
versioned record with no stale-save scenario here fails the suite."""

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest
from sqlalchemy.orm import Session

from opsdesk.errors import ConflictError
from opsdesk.models import (
    HealthCareDecision,
    Household,
    Interview,
    Office,
    Person,
    ServiceCatalogItem,
    User,
)
from opsdesk.models.base import Base
from opsdesk.models.enums import Relation, Role, ServiceCategory, TargetGroup
from opsdesk.services import health_care, interviews, people, services_plan, users
from opsdesk.services.health_care import DecisionForm
from opsdesk.services.interviews import MemberEntry
from opsdesk.services.office import office_form, save_office
from opsdesk.services.services_plan import CatalogForm
from tests.benefits_helpers import FILED, JERZY, WORKDAY, application, interview_form, person
from tests.test_health_care import apply, interviewed, record

Action = Callable[[Session], Any]
# A scenario sets a record up and returns (the colleague's save, this user's save prepared
# from the version read before it).
Scenario = Callable[[Any, Any], tuple[Action, Action]]


def _interview(db, staff) -> tuple[Action, Action]:
    pid = person(db, staff)
    case_id = application(db, staff, pid)
    iid = db.write(lambda s: interviews.start_interview(s, case_id, actor=staff.benefits,
                                                        today=WORKDAY))
    seen = db.read(lambda s: s.get(Interview, iid).version)
    form = interview_form((MemberEntry(pid, Relation.HEAD),))

    def save(diagnosis: str) -> Action:
        return lambda s: interviews.save_interview(
            s, iid, replace(form, diagnosis=diagnosis), actor=staff.benefits,
            expected_version=seen, today=WORKDAY)
    return save("Diagnoza koleżanki."), save("Moja diagnoza.")


def _household(db, staff) -> tuple[Action, Action]:
    head, jerzy = person(db, staff), person(db, staff, JERZY)
    child = person(db, staff, replace(JERZY, first_name="Jaś", pesel="", birth_date=None,
                                      no_pesel_reason="dziecko"))

    def add(pid: int, relation: Relation) -> Action:
        return lambda s: people.add_to_household(s, actor=staff.desk, head_id=head,
                                                 person_id=pid, relation=relation,
                                                 expected_version=None)
    return add(jerzy, Relation.SPOUSE), add(child, Relation.CHILD)


def _user(db, staff) -> tuple[Action, Action]:
    seen = db.read(lambda s: s.get(User, staff.desk.id).version)

    def roles(chosen: set[Role]) -> Action:
        return lambda s: users.set_roles(s, staff.desk.id, chosen, actor=staff.head,
                                         expected_version=seen)
    return roles({Role.FIRST_CONTACT, Role.BENEFITS}), roles({Role.FIRST_CONTACT})


def _catalogue(db, staff) -> tuple[Action, Action]:
    form = CatalogForm(name="Pomoc sąsiedzka", target_group=TargetGroup.ELDERLY,
                       category=ServiceCategory.PREVENTIVE)
    item = db.write(lambda s: services_plan.add_catalog_item(s, form, actor=staff.head))
    seen = db.read(lambda s: s.get(ServiceCatalogItem, item).version)

    def edit(name: str) -> Action:
        return lambda s: services_plan.update_catalog_item(
            s, item, replace(form, name=name), actor=staff.head, expected_version=seen)
    return edit("Pomoc sąsiedzka seniorom"), edit("Sąsiedzka pomoc")


def _person(db, staff) -> tuple[Action, Action]:
    pid = person(db, staff)
    seen = db.read(lambda s: people.open_person(s, pid, actor=staff.desk))

    def edit(phone: str) -> Action:
        return lambda s: people.update_person(s, pid, replace(seen.form, phone=phone),
                                              actor=staff.desk, expected_version=seen.version)
    return edit("600100200"), edit("500400300")


def _office(db, staff) -> tuple[Action, Action]:
    form, seen = db.read(office_form)

    def edit(phone: str) -> Action:
        return lambda s: save_office(s, replace(form, phone=phone), actor=staff.head,
                                     expected_version=seen)
    return edit("68 384 93 01"), edit("68 384 93 02")


def _health_care(db, staff) -> tuple[Action, Action]:
    rid = apply(db, staff, person(db, staff))
    interviewed(db, staff, rid)
    seen = record(db, rid).version

    def decide(form: DecisionForm) -> Action:
        return lambda s: health_care.issue_decision(s, rid, form, actor=staff.head,
                                                    today=WORKDAY, expected_version=seen)
    return (decide(DecisionForm(grant=True, period_from=FILED)),
            decide(DecisionForm(grant=False, reason="osoba nie mieszka w gminie")))


SCENARIOS: dict[type, Scenario] = {
    Interview: _interview, Household: _household, User: _user,
    ServiceCatalogItem: _catalogue, Person: _person, Office: _office,
    HealthCareDecision: _health_care,
}
# Versioned before issue 17 and not yet given a scenario here: named so that the gap is
# seen, and so that a NEW versioned model still fails until it has one.
NOT_YET_COVERED = {
    "Application", "Appointment", "BlueCard", "Case", "CaseMessage", "Decision", "Handover",
    "Intake", "OtherTask", "Payout", "PayoutList", "ServicePlan", "SocialContract",
    "SocialTask", "SocialWorkCase", "ZusPayer",
}

VERSIONED = sorted((m.class_ for m in Base.registry.mappers if m.version_id_col is not None),
                   key=lambda c: c.__name__)


@pytest.mark.parametrize("model", VERSIONED, ids=lambda c: c.__name__)
def test_every_versioned_model_has_a_stale_save_scenario(model):
    assert model in SCENARIOS or model.__name__ in NOT_YET_COVERED, (
        f"{model.__name__} carries a version: add its stale-save scenario to SCENARIOS")
    assert not (model in SCENARIOS and model.__name__ in NOT_YET_COVERED)


@pytest.mark.parametrize("model", sorted(SCENARIOS, key=lambda c: c.__name__),
                         ids=lambda c: c.__name__)
def test_a_stale_save_is_refused(db, staff, model):
    colleague, mine = SCENARIOS[model](db, staff)
    db.write(colleague)
    with pytest.raises(ConflictError, match="Ktoś inny zmienił ten rekord") as refused:
        db.write(mine)
    assert "Twoje wpisy są zachowane" in refused.value.message
