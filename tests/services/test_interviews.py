"""The family interview for the proceedings, through the services, on a real SQLite file.
Expected incomes and thresholds are counted by hand from docs/law.md."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from opsdesk.errors import PermissionDenied, ValidationError
from opsdesk.models import Case, Office
from opsdesk.models.enums import BenefitKind, CaseStatus, IncomeSource, InterviewKind, Relation
from opsdesk.services import interviews
from opsdesk.services.interviews import MemberEntry, right_income_month
from tests.factories import (
    JERZY,
    WORKDAY,
    D,
    application,
    done_interview,
    family,
    income,
    interview_form,
    interview_version,
    person,
)


def start(db, staff, case_id, today=WORKDAY):
    return db.write(lambda s: interviews.start_interview(s, case_id, actor=staff.benefits,
                                                         today=today))


def save(db, staff, iid, form, today=WORKDAY):
    db.write(lambda s: interviews.save_interview(s, iid, form, actor=staff.benefits,
                                                 today=today,
                                                 expected_version=interview_version(s, iid)))


def detail(db, staff, iid):
    return db.read(lambda s: interviews.interview_detail(s, iid, actor=staff.benefits,
                                                         today=WORKDAY))


def members3(zofia, jerzy, jas):
    return (MemberEntry(zofia, Relation.HEAD), MemberEntry(jerzy, Relation.SPOUSE),
            MemberEntry(jas, Relation.CHILD))


@pytest.mark.parametrize(("filed", "lost", "expected"), [
    (date(2026, 11, 3), False, date(2026, 10, 1)),
    (date(2026, 11, 3), True, date(2026, 11, 1)),
    (date(2026, 1, 31), False, date(2025, 12, 1)),  # across the year
    (date(2026, 3, 31), False, date(2026, 2, 1)),
])
def test_right_income_month(filed, lost, expected):
    assert right_income_month(filed, income_lost=lost) == expected


def test_start_takes_the_household_on_file_and_the_right_month(db, staff):
    zofia, jerzy, jas = family(db, staff)
    case_id = application(db, staff, zofia)
    iid = start(db, staff, case_id)
    view = detail(db, staff, iid)
    assert view.kind is InterviewKind.FULL
    assert [m.person_id for m in view.members] == [zofia, jerzy, jas]
    assert [m.relation for m in view.members] == [Relation.HEAD, Relation.SPOUSE, Relation.CHILD]
    assert view.form.income_month == date(2026, 10, 1)
    assert view.right_income_month == date(2026, 10, 1)
    # 14 working days from 03.11.2026: 11.11 is a holiday → 24.11.2026
    assert view.deadline == date(2026, 11, 24)
    # Starting again returns the interview already open.
    assert start(db, staff, case_id) == iid
    status = db.read(lambda s: s.get(Case, case_id).status)
    assert status is CaseStatus.IN_PROGRESS


def test_incomes_net_of_deductions_farm_and_threshold(db, staff):
    zofia, jerzy, jas = family(db, staff)
    case_id = application(db, staff, zofia)
    form = interview_form(members3(zofia, jerzy, jas), (
        income(jerzy, "3000.00", tax="150.00", contributions="411.30"),  # net 2438.70
        income(zofia, "500.00", IncomeSource.ALIMONY),
        income(jerzy, "300.00", IncomeSource.OTHER, alimony="300.00"),  # paid to a child elsewhere
    ), hectares="2.5")
    iid = done_interview(db, staff, case_id, form)
    view = detail(db, staff, iid)
    assert view.completed and not view.refused
    a = view.assessment
    assert a.persons == 3 and not a.single
    assert a.farm_income == D("1147.50")  # 2.5 ha × 459 zł (2025 figures)
    assert a.family_income == D("4086.20")  # 2438.70 + 500 + 0 + 1147.50
    assert a.income_per_person == D("1362.07")
    assert a.threshold == D("823") and a.household_threshold == D("2469")
    assert not a.within_threshold
    assert a.applicant_income == D("500.00")
    assert [i.net for i in view.incomes] == [D("2438.70"), D("500.00"), D("0.00")]
    assert "rodzina 3-osobowa" in a.summary() and "w październiku 2026 r." in a.summary()


def test_farm_under_one_hectare_is_not_counted(db, staff):
    pid = person(db, staff)
    case_id = application(db, staff, pid)
    iid = done_interview(db, staff, case_id, interview_form(
        (MemberEntry(pid, Relation.HEAD),), (income(pid, "1010.00"),), hectares="0.9999"))
    a = detail(db, staff, iid).assessment
    assert a.single and a.farm_income == D("0.00")
    assert a.family_income == D("1010.00") == a.threshold
    assert a.within_threshold  # equal to the threshold does not exceed it


def test_wrong_income_month_is_refused_in_polish(db, staff):
    pid = person(db, staff)
    case_id = application(db, staff, pid)
    iid = start(db, staff, case_id)
    members = (MemberEntry(pid, Relation.HEAD),)
    with pytest.raises(ValidationError) as err:
        save(db, staff, iid, interview_form(members, month=date(2026, 9, 1)))
    assert err.value.field == "income_month"
    assert "art. 8 ust. 3" in err.value.message
    assert "wrzesień 2026" in err.value.message and "październik 2026" in err.value.message
    # The month of the application is right only when an income was lost.
    with pytest.raises(ValidationError, match="listopad 2026"):
        save(db, staff, iid, interview_form(members, income_lost=True))
    save(db, staff, iid, interview_form(members, month=date(2026, 11, 1), income_lost=True))
    assert detail(db, staff, iid).form.income_month == date(2026, 11, 1)


@pytest.mark.parametrize(("change", "field", "message"), [
    ({"needs": "  "}, "needs", "Segment H (potrzeby) jest obowiązkowy"),
    ({"diagnosis": ""}, "diagnosis", "Segment I (diagnoza i wnioski) jest obowiązkowy"),
    ({"plan": ""}, "plan", "Segment J (plan pomocy) jest obowiązkowy"),
    ({"reasons": ()}, "reasons", "art. 7"),
    ({"carried_out_on": None}, "carried_out_on", "Podaj datę przeprowadzenia wywiadu"),
])
def test_mandatory_segments_before_completing(db, staff, change, field, message):
    pid = person(db, staff)
    case_id = application(db, staff, pid)
    iid = start(db, staff, case_id)
    save(db, staff, iid, replace(interview_form((MemberEntry(pid, Relation.HEAD),)), **change))
    with pytest.raises(ValidationError) as err:
        db.write(lambda s: interviews.complete_interview(
            s, iid, actor=staff.benefits, expected_version=interview_version(s, iid),
                                                         today=WORKDAY))
    assert err.value.field == field
    assert message in err.value.message


@pytest.mark.parametrize(("form_change", "message"), [
    (lambda pid, other: {"members": (MemberEntry(other, Relation.HEAD),)},
     "Wnioskodawca musi być członkiem gospodarstwa"),
    (lambda pid, other: {"members": (MemberEntry(pid, Relation.HEAD),
                                     MemberEntry(pid, Relation.CHILD))}, "dwa razy"),
    (lambda pid, other: {"incomes": (income(other, "100.00"),)}, "spoza gospodarstwa"),
    (lambda pid, other: {"incomes": (income(pid, "1000.00", tax="600", contributions="500"),)},
     "przekraczają przychód brutto"),
    (lambda pid, other: {"incomes": (income(pid, "-1"),)}, "większa od zera"),
    (lambda pid, other: {"farm_hectares": D("-1")}, "Hektary przeliczeniowe"),
    (lambda pid, other: {"farm_hectares": D("1.23456")}, "cztery miejsca"),
    (lambda pid, other: {"reasons": ("NIEZNANY",)}, "Nieznany powód"),
    (lambda pid, other: {"carried_out_on": date(2026, 12, 1)}, "nie może być datą przyszłą"),
    (lambda pid, other: {"carried_out_on": date(2026, 11, 2)}, "wcześniejsza niż dzień"),
])
def test_bad_input_is_refused_in_polish(db, staff, form_change, message):
    pid = person(db, staff)
    other = person(db, staff, JERZY)
    case_id = application(db, staff, pid)
    iid = start(db, staff, case_id)
    form = replace(interview_form((MemberEntry(pid, Relation.HEAD),)), **form_change(pid, other))
    with pytest.raises(ValidationError, match=message):
        save(db, staff, iid, form)


def test_completed_interview_is_evidence_and_is_not_edited(db, staff):
    pid = person(db, staff)
    case_id = application(db, staff, pid)
    form = interview_form((MemberEntry(pid, Relation.HEAD),), (income(pid, "400.00"),))
    iid = done_interview(db, staff, case_id, form)
    with pytest.raises(ValidationError, match="część IV"):
        save(db, staff, iid, form)
    with pytest.raises(ValidationError, match="już zakończony"):
        db.write(lambda s: interviews.complete_interview(
            s, iid, actor=staff.benefits, expected_version=interview_version(s, iid),
                                                         today=WORKDAY))


def test_next_interview_is_an_update_prefilled_from_the_last(db, staff):
    pid = person(db, staff)
    first_case = application(db, staff, pid)
    done_interview(db, staff, first_case, interview_form(
        (MemberEntry(pid, Relation.HEAD),), (income(pid, "400.00", IncomeSource.PENSION),),
        hectares="1.5"))
    second_case = application(db, staff, pid, BenefitKind.ZASILEK_CELOWY,
                              filed_on=date(2027, 2, 2))
    iid = start(db, staff, second_case, today=date(2027, 2, 3))
    view = db.read(lambda s: interviews.interview_detail(s, iid, actor=staff.benefits,
                                                         today=date(2027, 2, 3)))
    assert view.kind is InterviewKind.UPDATE
    assert view.form.income_month == date(2027, 1, 1)  # the month before the new application
    assert view.form.farm_hectares == D("1.5")
    assert view.form.reasons == ("UBOSTWO", "BEZROBOCIE")
    assert [(i.source, i.gross) for i in view.incomes] == [(IncomeSource.PENSION, D("400.00"))]


def test_update_without_new_application_counts_back_from_its_own_day(db, staff):
    pid = person(db, staff)
    case_id = application(db, staff, pid)
    done_interview(db, staff, case_id, interview_form((MemberEntry(pid, Relation.HEAD),)))
    # Six months later, the update of a permanent benefit in the same case.
    iid = start(db, staff, case_id, today=date(2027, 5, 4))
    view = db.read(lambda s: interviews.interview_detail(s, iid, actor=staff.benefits,
                                                         today=date(2027, 5, 4)))
    assert view.kind is InterviewKind.UPDATE
    assert view.form.income_month == date(2027, 4, 1)


def test_refused_interview_is_recorded(db, staff):
    pid = person(db, staff)
    case_id = application(db, staff, pid)
    iid = start(db, staff, case_id)
    db.write(lambda s: interviews.record_refusal(
        s, iid, actor=staff.benefits, expected_version=interview_version(s, iid),
        on=date(2026, 11, 5), today=WORKDAY,
        note="Strona nie wpuściła pracownika do mieszkania i odmówiła rozmowy."))
    view = detail(db, staff, iid)
    assert view.refused and view.completed


def test_refusal_needs_its_circumstances(db, staff):
    case_id = application(db, staff, person(db, staff))
    iid = start(db, staff, case_id)
    with pytest.raises(ValidationError, match="Okoliczności odmowy"):
        db.write(lambda s: interviews.record_refusal(
            s, iid, actor=staff.benefits, expected_version=interview_version(s, iid),
                                                     on=date(2026, 11, 5), note=" ",
                                                     today=WORKDAY))


def test_local_threshold_raised_by_the_rada_gminy(db, staff):
    def raise_threshold(s):
        office = s.query(Office).one()
        office.local_threshold_from = date(2026, 1, 1)
        office.local_single_threshold = D("1100.00")
        office.local_per_person_threshold = D("900.00")
    db.write(raise_threshold)
    zofia, jerzy, jas = family(db, staff)
    case_id = application(db, staff, zofia)
    iid = done_interview(db, staff, case_id, interview_form(members3(zofia, jerzy, jas)))
    a = detail(db, staff, iid).assessment
    assert a.threshold == D("900.00") and a.household_threshold == D("2700.00")


def test_only_the_benefits_team_interviews(db, staff):
    pid = person(db, staff)
    case_id = application(db, staff, pid)
    for actor in (staff.social, staff.desk):
        with pytest.raises(PermissionDenied):
            db.write(lambda s, a=actor: interviews.start_interview(s, case_id, actor=a,
                                                                   today=WORKDAY))
    iid = start(db, staff, case_id)
    with pytest.raises(PermissionDenied):
        db.read(lambda s: interviews.interview_detail(s, iid, actor=staff.social))
