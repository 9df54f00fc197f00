"""Paths that cross the two roles: a service that needs a decision goes from social work to
Świadczenia, and the issued decision's number comes back onto the plan by itself."""

from datetime import date

from opsdesk.models.enums import BenefitKind, DecisionKind, Relation, ServiceStatus
from opsdesk.services import interviews, services_plan
from opsdesk.services.decisions.views import DecisionForm
from opsdesk.services.interviews import MemberEntry
from tests.factories import (
    KASIA,
    MONDAY,
    done_interview,
    interview_form,
    issue_decision,
    item_named,
    person,
    plan_form,
)


def test_issuing_the_decision_starts_the_planned_service_with_its_number(db, staff):
    pid = person(db, staff, KASIA)
    care = item_named(db, staff, "Usługi opiekuńcze w miejscu zamieszkania")
    plan_id = db.write(lambda s: services_plan.create_service_plan(
        s, plan_form(pid, care.id), actor=staff.social))
    case_id = db.write(lambda s: services_plan.request_decision(
        s, plan_id, "Po udarze potrzebuje pomocy w codziennych czynnościach.",
        actor=staff.social, today=MONDAY))
    month = interviews.right_income_month(MONDAY, income_lost=False)
    done_interview(db, staff, case_id, interview_form(
        (MemberEntry(pid, Relation.HEAD),), (), month=month, carried=MONDAY), today=MONDAY)
    form = DecisionForm(case_id=case_id, kind=DecisionKind.GRANTING,
                        benefit_kind=BenefitKind.USLUGI_OPIEKUNCZE,
                        period_from=date(2026, 12, 1), period_to=date(2027, 5, 31),
                        purpose="2 godziny dziennie w dni robocze")
    issued = issue_decision(db, staff, form, today=MONDAY, submit=False)
    row = db.read(lambda s: services_plan.service_plans(s, actor=staff.social,
                                                        person_id=pid))[0]
    assert (row.status, row.decision_number) == (ServiceStatus.ACTIVE, issued.number)
