"""Every save checks the version the form was opened with: generated from the models, so a
versioned record with no stale-save scenario here fails the suite."""

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from sqlalchemy.orm import Session

from opsdesk.errors import ConflictError
from opsdesk.models import (
    BlueCard,
    Case,
    Debt,
    DebtRequest,
    Decision,
    Handover,
    HealthCareDecision,
    Household,
    Intake,
    Interview,
    LegalAct,
    Office,
    OtherTask,
    PayoutList,
    Person,
    ServiceCatalogItem,
    ServicePlan,
    SocialContract,
    SocialTask,
    SocialWorkCase,
    User,
    ZusPayer,
)
from opsdesk.models.base import Base
from opsdesk.models.enums import (
    CaseKind,
    Channel,
    DebtRequestKind,
    Relation,
    ReporterKind,
    Role,
    ServiceCategory,
    TargetGroup,
    TaskKind,
)
from opsdesk.services import (
    blue_card,
    contributions,
    debts,
    decisions,
    desk,
    health_care,
    intake,
    interviews,
    legal_acts,
    messages,
    other_tasks,
    payouts,
    people,
    queue,
    services_plan,
    socialwork,
    users,
)
from opsdesk.services.contributions import PayerForm
from opsdesk.services.health_care import DecisionForm
from opsdesk.services.interviews import MemberEntry
from opsdesk.services.office import office_form, save_office
from opsdesk.services.services_plan import CatalogForm
from tests.factories import (
    FILED,
    JERZY,
    KASIA,
    MONDAY,
    ON,
    WORKDAY,
    application,
    apply,
    conclude,
    contract_form,
    create,
    debt_of,
    draft_decision,
    grant,
    interview_form,
    interviewed,
    issue_decision,
    item_named,
    person,
    plan_form,
    prepare,
    record,
    refer,
    register_card,
    register_task,
    single_case,
    two_clients,
)

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


def _payer(db, staff) -> tuple[Action, Action]:
    form = PayerForm(nip="7791011327", regon="123456785", short_name="GOPS ZBĄSZYNEK",
                     deadline_code="1", nfz_branch="04")
    db.write(lambda s: contributions.save_payer(s, form, actor=staff.head))
    _, seen = db.read(contributions.payer_form)

    def edit(short_name: str) -> Action:
        return lambda s: contributions.save_payer(s, replace(form, short_name=short_name),
                                                  actor=staff.head, expected_version=seen)
    return edit("GOPS W ZBĄSZYNKU"), edit("OPS ZBĄSZYNEK")


def _case(db, staff) -> tuple[Action, Action]:
    case_id = application(db, staff, person(db, staff))
    seen = db.read(lambda s: s.get(Case, case_id).version)

    def assign(worker_id: int) -> Action:
        return lambda s: queue.assign_case(s, case_id, worker_id, actor=staff.head,
                                           expected_version=seen)
    return assign(staff.head.id), assign(staff.benefits.id)


def _intake(db, staff) -> tuple[Action, Action]:
    pid = person(db, staff)
    intake_id = db.write(lambda s: intake.register_intake(s, intake.IntakeForm(
        person_id=pid, reporter_kind=ReporterKind.SELF, channel=Channel.IN_PERSON,
        problem="Brak środków na opał."), actor=staff.desk))
    seen = db.read(lambda s: s.get(Intake, intake_id).version)
    return (lambda s: intake.start_desk_interview(s, intake_id, actor=staff.desk,
                                                  expected_version=seen),
            lambda s: intake.close_with_information(s, intake_id, "Informacja o zasiłkach.",
                                                    actor=staff.desk, expected_version=seen))


def _health_care(db, staff) -> tuple[Action, Action]:
    rid = apply(db, staff, person(db, staff))
    interviewed(db, staff, rid)
    seen = record(db, rid).version

    def decide(form: DecisionForm) -> Action:
        return lambda s: health_care.issue_decision(s, rid, form, actor=staff.head,
                                                    today=WORKDAY, expected_version=seen)
    return (decide(DecisionForm(grant=True, period_from=FILED)),
            decide(DecisionForm(grant=False, reason="osoba nie mieszka w gminie")))


def _legal_act(db, staff) -> tuple[Action, Action]:
    row = db.read(lambda s: legal_acts.legal_acts(s, actor=staff.head))[0]

    def correct(journal: str) -> Action:
        return lambda s: legal_acts.save_legal_act(
            s, actor=staff.head, act=row.act, valid_from=row.valid_from, title=row.title,
            journal=journal, act_id=row.id, expected_version=row.version)
    return correct("Dz.U. z 2025 r. poz. 1301"), correct("Dz.U. z 2025 r. poz. 1302")


def _decision(db, staff) -> tuple[Action, Action]:
    case_id = single_case(db, staff, "400.00")[1]
    did = draft_decision(db, staff, grant(case_id))
    seen = db.read(lambda s: s.get(Decision, did).version)

    def redraft(justification: str) -> Action:
        return lambda s: decisions.save_draft(
            s, grant(case_id, justification=justification), actor=staff.benefits,
            decision_id=did, expected_version=seen, today=WORKDAY)
    return redraft("Dochód poniżej kryterium."), redraft("Brak środków na utrzymanie.")


def _payout_list(db, staff) -> tuple[Action, Action]:
    two_clients(db, staff)
    list_id = prepare(db, staff)
    seen = db.read(lambda s: s.get(PayoutList, list_id).version)
    return (lambda s: payouts.check_payout_list(s, list_id, actor=staff.head,
                                                expected_version=seen, today=WORKDAY),
            lambda s: payouts.approve_payout_list(s, list_id, actor=staff.head,
                                                  expected_version=seen, today=WORKDAY))


def _referred(db, staff) -> int:
    """A client referred to social work by the benefits worker: the social work's id."""
    mid = refer(db, staff, application(db, staff, person(db, staff, KASIA), filed_on=MONDAY))
    return db.read(lambda s: messages.referral_case_of(s, mid))


def _social_work(db, staff) -> tuple[Action, Action]:
    sw_id = _referred(db, staff)
    seen = db.read(lambda s: s.get(SocialWorkCase, sw_id).version)
    return (lambda s: socialwork.accept(s, sw_id, actor=staff.social, expected_version=seen),
            lambda s: socialwork.assign(s, sw_id, staff.social.id, actor=staff.head,
                                        expected_version=seen))


def _contract(db, staff) -> tuple[Action, Action]:
    sw_id = _referred(db, staff)
    db.write(lambda s: socialwork.accept(s, sw_id, actor=staff.social))
    db.write(lambda s: socialwork.record_first_meeting(s, sw_id, actor=staff.social,
                                                       met_on=MONDAY, today=MONDAY))
    contract_id = conclude(db, staff, contract_form(sw_id))
    seen = db.read(lambda s: s.get(SocialContract, contract_id).version)

    def review(evaluation: str) -> Action:
        return lambda s: socialwork.review_contract(s, contract_id, evaluation,
                                                    actor=staff.social, today=MONDAY,
                                                    expected_version=seen)
    return review("Zarejestrowała się w PUP."), review("Na kurs nie przyszła.")


def _service_plan(db, staff) -> tuple[Action, Action]:
    kis = item_named(db, staff, "Usługi w klubie integracji społecznej, w tym trening pracy",
                     TargetGroup.UNEMPLOYED)
    form = plan_form(person(db, staff, KASIA), kis.id)
    plan_id = create(db, staff, form)
    seen = db.read(lambda s: s.get(ServicePlan, plan_id).version)

    def edit(units: str) -> Action:
        return lambda s: services_plan.update_service_plan(
            s, plan_id, replace(form, units=units), actor=staff.social, expected_version=seen)
    return edit("40"), edit("80")


def _social_task(db, staff) -> tuple[Action, Action]:
    pid = person(db, staff, KASIA)
    task_id = db.write(lambda s: socialwork.add_task(
        s, actor=staff.social, person_id=pid, kind=TaskKind.CIS_KIS,
        description="Opinia do wniosku o skierowanie do CIS.", today=MONDAY))
    seen = db.read(lambda s: s.get(SocialTask, task_id).version)

    def finish(result: str) -> Action:
        return lambda s: socialwork.finish_task(s, task_id, actor=staff.social, result=result,
                                                today=MONDAY, expected_version=seen)
    return finish("Opinia wysłana do CIS."), finish("Klientka zrezygnowała.")


def _blue_card(db, staff) -> tuple[Action, Action]:
    card_id = register_card(db, staff)
    seen = db.read(lambda s: s.get(BlueCard, card_id).version)

    def summon(on: date) -> Action:
        return lambda s: blue_card.plan_nk_d(s, card_id, actor=staff.social, on=on,
                                             today=WORKDAY, expected_version=seen)
    return summon(date(2026, 11, 20)), summon(date(2026, 11, 27))


def _other_task(db, staff) -> tuple[Action, Action]:
    task_id = register_task(db, staff, CaseKind.DPS, their_reference="",
                            institution="Dom Pomocy Społecznej w Lubiszu",
                            institution_address="Lubisz 1, 66-200 Świebodzin")
    seen = db.read(lambda s: s.get(OtherTask, task_id).version)

    def fees(monthly_cost: str) -> Action:
        return lambda s: other_tasks.save_dps_fees(
            s, task_id, actor=staff.benefits, dps_name="Dom Pomocy Społecznej w Lubiszu",
            monthly_cost=monthly_cost, resident_income="1800", today=WORKDAY,
            expected_version=seen)
    return fees("5200,00"), fees("5400,00")


def _handover(db, staff) -> tuple[Action, Action]:
    issued = issue_decision(db, staff, grant(single_case(db, staff, "400.00")[1]))
    hid = issued.handover_id
    seen = db.read(lambda s: s.get(Handover, hid).version)

    def hand(to: str) -> Action:
        return lambda s: desk.hand_over(s, hid, actor=staff.desk, handed_to=to,
                                        expected_version=seen, on=WORKDAY)
    return hand("Zofia Wiśniewska"), hand("Jerzy Gąsiorowski")


def _debt(db, staff) -> tuple[Action, Action]:
    debt_id = debt_of(db, staff)
    seen = db.read(lambda s: s.get(Debt, debt_id).version)

    def deduct(per_payout: str) -> Action:
        return lambda s: debts.set_deduction(s, debt_id, actor=staff.benefits,
                                             per_payout=per_payout, expected_version=seen)
    return deduct("50,00"), deduct("20,00")


def _debt_request(db, staff) -> tuple[Action, Action]:
    debt_id = debt_of(db, staff)
    request_id = db.write(lambda s: debts.record_request(s, debts.RequestForm(
        debt_id=debt_id, kind=DebtRequestKind.INSTALMENTS, received_on=ON,
        asked_instalments=3, asked_due_on=date(2027, 1, 15)), actor=staff.benefits, today=ON))
    seen = db.read(lambda s: s.get(DebtRequest, request_id).version)

    def draft(grant: bool) -> Action:
        return lambda s: debts.draft_request_decision(
            s, request_id, debts.RulingForm(grant=grant, instalments=3,
                                            due_on=date(2027, 1, 15)),
            actor=staff.benefits, expected_version=seen, today=ON)
    return draft(True), draft(False)


SCENARIOS: dict[type, Scenario] = {
    Interview: _interview, Household: _household, User: _user,
    ServiceCatalogItem: _catalogue, Person: _person, Office: _office,
    HealthCareDecision: _health_care, LegalAct: _legal_act, ZusPayer: _payer, Case: _case,
    Intake: _intake, Decision: _decision, PayoutList: _payout_list,
    SocialWorkCase: _social_work, SocialContract: _contract, ServicePlan: _service_plan,
    SocialTask: _social_task, BlueCard: _blue_card, OtherTask: _other_task,
    Handover: _handover, Debt: _debt, DebtRequest: _debt_request,
}
# Versioned, with no stale-save scenario because no user's save can overwrite a colleague's:
# each is named with the reason, so that a NEW versioned model still fails until it has one.
NO_STALE_SAVE_POSSIBLE = {
    # Only appended: registered at the desk (or by a plan sent for a decision), never edited.
    "Application": "never updated after creation",
    # Only appended: make_appointment adds one; no user action changes it afterwards.
    "Appointment": "never updated after creation",
    # Its two changes are set once and guarded by state: "Przeczytano" keeps the first reader
    # (a second marking changes nothing) and a citation in another decision is refused.
    "CaseMessage": "set-once fields, a late second setting is refused or a no-op",
    # Changed inside a save of its decision or its payout list, both versioned and covered
    # above; no form edits a payout itself (remove_from_list, which no form calls, is guarded
    # by the list's state and the payout's place on it).
    "Payout": "changed only through its decision's or its list's versioned save",
}

VERSIONED = sorted((m.class_ for m in Base.registry.mappers if m.version_id_col is not None),
                   key=lambda c: c.__name__)


@pytest.mark.parametrize("model", VERSIONED, ids=lambda c: c.__name__)
def test_every_versioned_model_has_a_stale_save_scenario(model):
    assert model in SCENARIOS or model.__name__ in NO_STALE_SAVE_POSSIBLE, (
        f"{model.__name__} carries a version: add its stale-save scenario to SCENARIOS")
    assert not (model in SCENARIOS and model.__name__ in NO_STALE_SAVE_POSSIBLE)


@pytest.mark.parametrize("model", sorted(SCENARIOS, key=lambda c: c.__name__),
                         ids=lambda c: c.__name__)
def test_a_stale_save_is_refused(db, staff, model):
    colleague, mine = SCENARIOS[model](db, staff)
    db.write(colleague)
    with pytest.raises(ConflictError, match="Ktoś inny zmienił ten rekord") as refused:
        db.write(mine)
    assert "Twoje wpisy są zachowane" in refused.value.message
