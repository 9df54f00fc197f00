"""What may be done with each row is decided once, by the service that reads it: the rows
carry their allowed actions for the worker who reads them, and the screens only show or hide
their buttons by them. Also the signer rule (art. 110 ust. 7–8 ups) as the rows see it, and
the referral's "report by" day, worked out in one place."""

from __future__ import annotations

from datetime import date

from opsdesk.models.enums import TaskKind
from opsdesk.services import decisions, messages, services_plan, socialwork
from opsdesk.services.actions import Action
from opsdesk.services.socialwork.contracts import ContractForm
from tests.factories import (
    KASIA,
    MONDAY,
    WORKDAY,
    application,
    grant,
    person,
    plan_form,
    refer,
    single_case,
)
from tests.factories import approve_decision as issue
from tests.factories import draft_decision as draft

A = Action


def _actions(db, actor, case_id):  # type: ignore[no-untyped-def]
    return db.read(lambda s: decisions.decisions_of_case(s, case_id, actor=actor))[0].actions


def test_a_decision_shows_each_worker_what_they_may_do_at_each_step(db, staff):
    _, case_id = single_case(db, staff, "400.00")
    did = draft(db, staff, grant(case_id))
    authorised = staff.authorised_signer(db)
    assert _actions(db, staff.benefits, case_id) == {A.EDIT, A.SUBMIT, A.PRINT}
    assert _actions(db, authorised, case_id) == {A.EDIT, A.SUBMIT, A.APPROVE, A.PRINT}
    assert _actions(db, staff.head, case_id) == {A.EDIT, A.SUBMIT, A.APPROVE, A.PRINT}
    db.write(lambda s: decisions.submit_draft(s, did, actor=staff.benefits, today=WORKDAY))
    assert _actions(db, staff.benefits, case_id) == {A.PRINT}
    assert _actions(db, authorised, case_id) == {A.APPROVE, A.RETURN, A.PRINT}
    assert _actions(db, staff.head, case_id) == {A.APPROVE, A.RETURN, A.PRINT}
    issue(db, staff, did, actor=staff.head)
    for actor in (staff.benefits, authorised, staff.head):
        assert _actions(db, actor, case_id) == {A.PRINT}
    detail = db.read(lambda s: decisions.decision_detail(s, did, actor=staff.head))
    assert detail.row.actions == {A.PRINT}


def _client(db, staff, actor):  # type: ignore[no-untyped-def]
    return db.write(lambda s: socialwork.caseload(s, actor=actor, scope="all",
                                                  today=MONDAY))[0]


def test_a_client_of_social_work_shows_what_may_be_done_at_each_step(db, staff):
    case_id = application(db, staff, person(db, staff, KASIA), filed_on=MONDAY)
    message_id = refer(db, staff, case_id)
    sw_id = db.read(lambda s: messages.referral_case_of(s, message_id))
    waiting = {A.FIRST_MEETING, A.PLAN_SERVICE, A.ADD_TASK}
    assert _client(db, staff, staff.social).actions == waiting | {
        A.ACCEPT, A.NOT_CAME, A.LETTER, A.REFUSAL}
    # The head assigns and writes, but the letters to the benefits team are the workers'.
    assert _client(db, staff, staff.head).actions == waiting | {A.ACCEPT, A.ASSIGN}
    db.write(lambda s: socialwork.accept(s, sw_id, actor=staff.social))
    db.write(lambda s: socialwork.record_first_meeting(s, sw_id, actor=staff.social,
                                                       met_on=MONDAY, today=MONDAY))
    row = _client(db, staff, staff.social)
    assert row.actions == {A.NOTE, A.ADVANCE, A.LETTER, A.REFUSAL, A.CLOSE, A.PLAN_SERVICE,
                           A.ADD_TASK}  # no work plan during the diagnosis
    assert row.next_stage is not None
    detail = db.read(lambda s: socialwork.detail(s, sw_id, actor=staff.social))
    assert detail.actions == {A.CONCLUDE_CONTRACT} and detail.row.actions == row.actions
    db.write(lambda s: socialwork.conclude_contract(s, ContractForm(
        social_work_id=sw_id, period_from=MONDAY, period_to=date(2027, 2, 28),
        goals="Podjęcie zatrudnienia.", client_commitments="Rejestracja w PUP.",
        worker_commitments="Pomoc w przygotowaniu CV.", review_dates=(date(2026, 12, 15),),
        situation="Bezrobocie.", actions="Rejestracja w PUP; klient; 15.12.2026"),
        actor=staff.social, today=MONDAY))
    detail = db.read(lambda s: socialwork.detail(s, sw_id, actor=staff.social))
    assert detail.actions == frozenset()  # one contract in force at a time
    assert detail.contracts[0].actions == {A.REVIEW, A.END, A.ANNEX, A.PRINT}
    db.write(lambda s: socialwork.add_note(s, sw_id, "Diagnoza: bezrobocie.", actor=staff.social,
                                           today=MONDAY))
    db.write(lambda s: socialwork.advance_stage(s, sw_id, actor=staff.social, on=MONDAY,
                                                today=MONDAY))
    assert A.WORK_PLAN in _client(db, staff, staff.social).actions


def test_a_task_and_a_planned_service_show_what_may_be_done(db, staff):
    pid = person(db, staff, KASIA)
    db.write(lambda s: socialwork.add_task(s, actor=staff.social, person_id=pid,
                                           kind=TaskKind.BLUE_CARD, description="Procedura.",
                                           today=MONDAY))
    task = db.read(lambda s: socialwork.tasks(s, actor=staff.social, person_id=pid))[0]
    assert task.actions == {A.FINISH}
    db.write(lambda s: socialwork.finish_task(s, task.id, actor=staff.social, ended_on=MONDAY,
                                              today=MONDAY))
    done = db.read(lambda s: socialwork.tasks(s, actor=staff.social, person_id=pid,
                                              open_only=False))[0]
    assert done.actions == frozenset()
    items = db.read(lambda s: services_plan.catalog(s, actor=staff.social))
    for item in (next(i for i in items if i.needs_decision),
                 next(i for i in items if not i.needs_decision)):
        db.write(lambda s, i=item: services_plan.create_service_plan(s, plan_form(pid, i.id),
                                                                     actor=staff.social))
    plans = {p.needs_decision: p for p in db.read(lambda s: services_plan.service_plans(
        s, actor=staff.social, person_id=pid))}
    assert plans[True].actions == {A.REQUEST_DECISION, A.END}
    assert plans[False].actions == {A.START, A.END}
    head = {p.needs_decision: p.actions for p in db.read(lambda s: services_plan.service_plans(
        s, actor=staff.head, person_id=pid))}
    assert head == {True: {A.END}, False: {A.START, A.END}}


def test_the_referral_proposes_the_day_it_will_keep(db, staff):
    """The referral form's proposal and the day a referral without one keeps are the same
    rule (the office's working days), worked out in one place."""
    proposed = db.read(lambda s: messages.referral_report_by(s, actor=staff.benefits,
                                                             today=MONDAY))
    case_id = application(db, staff, person(db, staff, KASIA), filed_on=MONDAY)
    message_id = refer(db, staff, case_id)
    sw_id = db.read(lambda s: messages.referral_case_of(s, message_id))
    row = next(r for r in db.write(lambda s: socialwork.caseload(
        s, actor=staff.social, scope="all", today=MONDAY)) if r.id == sw_id)
    assert row.report_by == proposed == date(2026, 12, 2)  # seven working days


def test_the_desk_prints_only_a_decision_ready_to_hand_over(db, staff):
    import pytest

    from opsdesk.errors import PermissionDenied

    _, case_id = single_case(db, staff, "400.00")
    did = draft(db, staff, grant(case_id))
    with pytest.raises(PermissionDenied, match="nie została jeszcze wydana"):
        db.read(lambda s: decisions.decision_pdf(s, did, actor=staff.desk))
    assert db.read(lambda s: decisions.decision_pdf(s, did, actor=staff.benefits))
    issue(db, staff, did, actor=staff.head)
    assert db.read(lambda s: decisions.decision_pdf(s, did, actor=staff.desk))
