"""Świadczenia's queue: the deadline that matters next, near (3 days) and past marks, the
art. 36 notice offer, the 6-month interview update and benefits ending soon."""

from __future__ import annotations

from datetime import date, timedelta

from opsdesk.models.enums import BenefitKind, DecisionKind, PayoutMethod, Relation
from opsdesk.services import decisions, interviews, queue
from opsdesk.services.decisions.views import DecisionForm
from opsdesk.services.interviews import MemberEntry
from tests.factories import (
    WORKDAY,
    D,
    application,
    done_interview,
    interview_form,
    issue_decision,
    person,
    single_case,
)


def rows(db, staff, today, **kw):
    return db.read(lambda s: queue.benefits_queue(s, actor=staff.benefits, today=today, **kw))


def grant(db, staff, case_id, kind=BenefitKind.ZASILEK_OKRESOWY, amount="305.00",
          period_to=date(2027, 1, 31)):
    form = DecisionForm(case_id=case_id, kind=DecisionKind.GRANTING, benefit_kind=kind,
                        amount=D(amount), period_from=date(2026, 11, 1), period_to=period_to,
                        payout_method=PayoutMethod.CASH)
    return issue_decision(db, staff, form, submit=False)


def test_new_case_shows_interview_then_decision_with_marks(db, staff):
    application(db, staff, person(db, staff))  # filed Tuesday 03.11.2026
    row = rows(db, staff, date(2026, 11, 10))[0]
    # 14 working days (11.11 a holiday) → 24.11; kpa art. 35: one month → 03.12
    assert [(d.label, d.due) for d in row.deadlines] == [("wywiad", date(2026, 11, 24)),
                                                         ("decyzja", date(2026, 12, 3))]
    assert row.deadline.label == "wywiad" and not row.notice_due
    assert row.deadline.mark(date(2026, 11, 20)) == ""
    assert row.deadline.mark(date(2026, 11, 21)) == "near"
    assert row.deadline.text(date(2026, 11, 21)) == "wywiad do 24.11.2026 — zostało 3 dni"
    assert row.deadline.text(date(2026, 11, 24)) == "wywiad do 24.11.2026 — termin mija dziś"
    assert row.deadline.mark(date(2026, 11, 25)) == "past"
    assert row.deadline.text(date(2026, 11, 25)) == "wywiad do 24.11.2026 — po terminie (1 dzień)"
    assert rows(db, staff, date(2026, 11, 24), overdue_only=True) == []
    assert len(rows(db, staff, date(2026, 11, 25), overdue_only=True)) == 1


def test_urgent_case_interview_within_two_working_days(db, staff):
    application(db, staff, person(db, staff), urgent=True)
    assert rows(db, staff, WORKDAY)[0].deadline.due == date(2026, 11, 5)


def test_decision_deadline_offers_the_notice_which_moves_it(db, staff):
    _, case_id = single_case(db, staff, "400.00")
    row = rows(db, staff, date(2026, 11, 29))[0]
    assert [d.label for d in row.deadlines] == ["decyzja"] and not row.notice_due
    row = rows(db, staff, date(2026, 11, 30))[0]
    assert row.deadline.mark(date(2026, 11, 30)) == "near" and row.notice_due
    db.write(lambda s: decisions.issue_deadline_notice(
        s, case_id, actor=staff.benefits, reason="Oczekiwanie na dokumenty z ZUS.",
        new_deadline=date(2026, 12, 18), today=date(2026, 11, 30)))
    row = rows(db, staff, date(2026, 11, 30))[0]
    assert row.deadline.due == date(2026, 12, 18) and not row.notice_due


def test_benefit_ending_soon(db, staff):
    _, case_id = single_case(db, staff, "400.00")
    grant(db, staff, case_id)
    assert rows(db, staff, WORKDAY)[0].deadline is None
    row = rows(db, staff, date(2027, 1, 5))[0]
    assert [(d.label, d.due) for d in row.deadlines] == [
        ("koniec świadczenia (zasiłek okresowy)", date(2027, 1, 31))]
    assert rows(db, staff, date(2027, 2, 1))[0].deadline is None


def test_permanent_benefit_needs_the_interview_updated_every_six_months(db, staff):
    _, case_id = single_case(db, staff, "300.00", kind=BenefitKind.ZASILEK_STALY)
    grant(db, staff, case_id, BenefitKind.ZASILEK_STALY, "1013.00", period_to=None)
    row = rows(db, staff, date(2027, 5, 1))[0]
    # the interview was carried out 03.11.2026 → update by 03.05.2027
    assert [(d.label, d.due) for d in row.deadlines] == [("aktualizacja wywiadu",
                                                          date(2027, 5, 3))]
    assert row.deadline.mark(date(2027, 5, 1)) == "near"


def test_an_interview_in_another_case_of_the_person_moves_the_update(db, staff):
    """The update counts from the person's latest interview, whichever case it was for."""
    pid, staly = single_case(db, staff, "300.00", kind=BenefitKind.ZASILEK_STALY)
    grant(db, staff, staly, BenefitKind.ZASILEK_STALY, "1013.00", period_to=None)
    filed = date(2027, 4, 19)
    other = application(db, staff, pid, BenefitKind.ZASILEK_CELOWY, filed_on=filed)
    done_interview(db, staff, other, interview_form(
        (MemberEntry(pid, Relation.HEAD),), month=interviews.right_income_month(
            filed, income_lost=False), carried=filed), today=filed)

    def update_of_staly(today):
        row = next((r for r in rows(db, staff, today) if r.case_id == staly), None)
        return [d.due for d in row.deadlines if d.label == "aktualizacja wywiadu"] if row else []

    assert update_of_staly(date(2027, 5, 1)) == []  # was due 03.05.2027
    assert update_of_staly(date(2027, 10, 1)) == [date(2027, 10, 19)]


def test_a_revocation_in_another_case_ends_the_benefit_of_the_first(db, staff):
    pid, first = single_case(db, staff, "400.00")
    root = grant(db, staff, first).id
    later = application(db, staff, pid, filed_on=date(2026, 12, 1))
    revoking = DecisionForm(case_id=later, kind=DecisionKind.REVOKING,
                            benefit_kind=BenefitKind.ZASILEK_OKRESOWY, corrects_decision_id=root,
                            effective_from=date(2026, 12, 15),
                            justification="Strona podjęła zatrudnienie (art. 106 ust. 5).")
    issue_decision(db, staff, revoking, today=date(2026, 12, 1), submit=False)
    row = next(r for r in rows(db, staff, date(2026, 12, 10)) if r.case_id == first)
    assert [(d.label, d.due) for d in row.deadlines] == [
        ("koniec świadczenia (zasiłek okresowy)", date(2026, 12, 14))]


def test_the_line_follows_the_case_its_worker_and_the_partys_name(db, staff):
    """The queue reads each case's line from the kept rows: a new surname, the worker who
    takes the case and its new version show at the next refresh."""
    from dataclasses import replace

    from opsdesk.services import people

    pid = person(db, staff)
    case_id = application(db, staff, pid)
    before = rows(db, staff, WORKDAY)[0]
    assert before.assigned_to_id == staff.benefits.id
    assert [r.case_id for r in rows(db, staff, WORKDAY, mine_only=True)] == [case_id]
    signer = staff.authorised_signer(db)
    db.write(lambda s: queue.assign_case(s, case_id, signer.id, actor=staff.head,
                                         expected_version=before.version))
    moved = rows(db, staff, WORKDAY)[0]
    assert (moved.assigned_to_id, moved.assigned_to) == (signer.id, "Urszula Podpisująca")
    assert moved.version > before.version
    assert rows(db, staff, WORKDAY, mine_only=True) == []
    file = db.read(lambda s: people.open_person(s, pid, actor=staff.desk))
    db.write(lambda s: people.update_person(s, pid, replace(file.form, last_name="Żółtowska"),
                                            actor=staff.desk, expected_version=file.version))
    renamed = rows(db, staff, WORKDAY)[0]
    assert renamed.person_name.startswith("Żółtowska ") and renamed.case_id == case_id


def test_a_decided_case_stays_two_weeks_after_its_decision(db, staff):
    """A refusal leaves no deadline: the day of the decision alone keeps the case shown
    for ``RECENT_DAYS``, with no deadline on its line."""
    from opsdesk.services.decisions import RefusalGround

    _, case_id = single_case(db, staff, "400.00")
    refusal = DecisionForm(case_id=case_id, kind=DecisionKind.REFUSING,
                           benefit_kind=BenefitKind.ZASILEK_OKRESOWY,
                           refusal_ground=RefusalGround.OTHER,
                           justification="Dochód rodziny przekracza kryterium dochodowe.")
    issue_decision(db, staff, refusal, today=WORKDAY)
    last = WORKDAY + timedelta(days=queue.RECENT_DAYS)
    shown = [r for r in rows(db, staff, last) if r.case_id == case_id]
    assert len(shown) == 1 and shown[0].deadline is None and shown[0].deadlines == ()
    assert case_id not in [r.case_id for r in rows(db, staff, last + timedelta(days=1))]
