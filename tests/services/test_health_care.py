"""The art. 54 uśoz decision: the application (the person's or a hospital's), the interview
and the income threshold it needs, the 90-day period, the early end, the shared numbering,
who may sign, the queue's deadlines and the PDF read back."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from opsdesk.errors import PermissionDenied, ValidationError
from opsdesk.models import Case, CaseDeadline, Decision, HealthCareDecision
from opsdesk.models.enums import CaseStatus, DeadlineKind
from opsdesk.services import health_care, queue, register_checks, rules
from opsdesk.services.health_care import ApplicationForm, DecisionForm, Requester, State
from tests.factories import (
    FILED,
    HOSPITAL,
    WORKDAY,
    ZOFIA,
    apply,
    grant_and_issue,
    interviewed,
    person,
    record,
    single_case,
)
from tests.pdf_helpers import pdf_text


def issue(db, actor, record_id: int, form: DecisionForm, today: date = WORKDAY) -> str:
    return db.write(lambda s: health_care.issue_decision(
        s, record_id, form, actor=actor, today=today,
        expected_version=s.get(HealthCareDecision, record_id).version))


GRANT = DecisionForm(grant=True, period_from=FILED)


def granted_case(db, staff, **kw) -> int:
    rid = apply(db, staff, person(db, staff), **kw)
    interviewed(db, staff, rid)
    issue(db, staff.head, rid, GRANT)
    return rid


def test_the_period_is_90_days_counting_the_day_the_decision_names():
    assert rules.health_care_period_end(date(2026, 11, 3)) == date(2027, 1, 31)
    assert (rules.health_care_period_end(date(2026, 11, 3)) - date(2026, 11, 3)).days + 1 == 90


def test_a_grant_after_the_interview_confirms_90_days_with_a_shared_number(db, staff):
    rid = granted_case(db, staff)
    r = record(db, rid)
    assert (r.granted, r.period_from, r.period_to) == (True, FILED, date(2027, 1, 31))
    assert r.number == "GOPS.8311.DEC.1.2026"
    assert (r.signatory_name, r.signatory_position) == (
        "Grażyna Wiśniewska", "Kierownik Gminnego Ośrodka Pomocy Społecznej")
    assert "Strona — osoba samotnie gospodarująca — osiągnęła" in r.justification
    assert "W dniu 04.11.2026 r. przeprowadzono" in r.justification
    assert "nie jest objęta ubezpieczeniem" in r.justification
    case = db.read(lambda s: s.get(Case, r.case_id))
    assert case.status is CaseStatus.DECIDED
    assert case.sign.startswith("GOPS.8311.")


def other(first: str, pesel: str):
    return replace(ZOFIA, first_name=first, last_name="Gąsiorowski", pesel=pesel,
                   bank_account="")


def test_the_number_comes_from_the_decisions_counter_so_it_never_repeats(db, staff):
    _, case_id = single_case(db, staff, gross="400", who=other("Jerzy", "80010112357"))
    grant_and_issue(db, staff, case_id)
    rid = granted_case(db, staff)
    issued = db.read(lambda s: s.scalars(select(Decision.number).where(
        Decision.number.is_not(None))).all())
    assert issued == ["GOPS.8311.DEC.1.2026"]
    assert record(db, rid).number == "GOPS.8311.DEC.2.2026"


def test_no_decision_without_a_completed_interview(db, staff):
    rid = apply(db, staff, person(db, staff))
    with pytest.raises(ValidationError, match="po rodzinnym wywiadzie") as err:
        issue(db, staff.head, rid, GRANT)
    assert err.value.field == "interview"
    assert record(db, rid).number is None


def test_income_over_the_threshold_refuses_the_grant_and_grounds_the_refusal(db, staff):
    rid = apply(db, staff, person(db, staff))
    interviewed(db, staff, rid, gross="1010.01")  # single threshold 1010 zł (2025-)
    with pytest.raises(ValidationError, match="przekracza kryterium"):
        issue(db, staff.head, rid, GRANT)
    issue(db, staff.head, rid, DecisionForm(grant=False))
    r = record(db, rid)
    assert (r.granted, r.period_from, r.income, r.threshold) == (
        False, None, Decimal("1010.01"), Decimal("1010.00"))
    assert "przekracza kryterium dochodowe" in r.justification


def test_income_at_the_threshold_is_granted(db, staff):
    rid = apply(db, staff, person(db, staff))
    interviewed(db, staff, rid, gross="1010.00")
    issue(db, staff.head, rid, GRANT)
    assert record(db, rid).granted is True


@pytest.mark.parametrize(("insured", "message"), [
    (True, "objęta ubezpieczeniem zdrowotnym"), (None, "nie ustalono")])
def test_an_insured_person_or_an_unknown_answer_is_not_granted(db, staff, insured, message):
    rid = apply(db, staff, person(db, staff))
    interviewed(db, staff, rid, insured=insured)
    with pytest.raises(ValidationError, match=message):
        issue(db, staff.head, rid, GRANT)


def test_a_refusal_with_nothing_in_the_records_needs_its_reason(db, staff):
    rid = apply(db, staff, person(db, staff))
    interviewed(db, staff, rid)
    with pytest.raises(ValidationError, match="Przyczyna odmowy"):
        issue(db, staff.head, rid, DecisionForm(grant=False))
    issue(db, staff.head, rid, DecisionForm(grant=False, reason="osoba nie mieszka w gminie"))
    assert "osoba nie mieszka w gminie" in record(db, rid).justification


def test_a_hospitals_application_after_the_treatment(db, staff):
    rid = apply(db, staff, person(db, staff), provider=True)
    r = record(db, rid)
    assert (r.requested_by, r.provider_name, r.treated_on) == (
        "PROVIDER", HOSPITAL, FILED - timedelta(days=2))
    case = db.read(lambda s: s.get(Case, r.case_id))
    assert case.urgent is True
    interviewed(db, staff, rid)
    with pytest.raises(ValidationError, match="najwcześniej od 01.11.2026"):
        issue(db, staff.head, rid, DecisionForm(grant=True, period_from=date(2026, 10, 31)))
    issue(db, staff.head, rid, DecisionForm(grant=True, period_from=date(2026, 11, 1)))
    r = record(db, rid)
    assert r.period_to == date(2027, 1, 29)
    assert f"{HOSPITAL}, po udzieleniu świadczenia w dniu 01.11.2026 r." in r.justification


@pytest.mark.parametrize(("kw", "field"), [
    ({"requested_by": Requester.PROVIDER, "treated_on": FILED}, "provider_name"),
    ({"requested_by": Requester.PROVIDER, "provider_name": HOSPITAL}, "treated_on"),
    ({"treated_on": FILED + timedelta(days=1)}, "treated_on"),
    ({"applied_on": WORKDAY + timedelta(days=1)}, "applied_on"),
])
def test_the_application_is_checked(db, staff, kw, field):
    pid = person(db, staff)
    values = dict(person_id=pid, applied_on=FILED)
    values.update(kw)
    with pytest.raises(ValidationError) as err:
        db.write(lambda s: health_care.register_application(
            s, ApplicationForm(**values), actor=staff.desk, today=WORKDAY))
    assert err.value.field == field


def test_a_second_application_waits_for_the_first_decision(db, staff):
    pid = person(db, staff)
    apply(db, staff, pid)
    with pytest.raises(ValidationError, match="czeka już na decyzję"):
        apply(db, staff, pid)


def test_the_decision_deadline_is_kpa_or_the_providers_shorter_one():
    # kpa art. 35: a month — 03.12.2026; the provider's 30 days end the same day.
    assert rules.health_care_decision_deadline(FILED, by_provider=False) == date(2026, 12, 3)
    # From 01.12.2026: kpa's month ends 01.01.2027 (a holiday), moved to Monday 04.01.2027;
    # the provider's 30 days end on Thursday 31.12.2026.
    assert rules.health_care_decision_deadline(date(2026, 12, 1), by_provider=False) == \
        date(2027, 1, 4)
    assert rules.health_care_decision_deadline(date(2026, 12, 1), by_provider=True) == \
        date(2026, 12, 31)


def test_only_a_signer_issues_and_the_desk_cannot_decide(db, staff):
    rid = apply(db, staff, person(db, staff))
    interviewed(db, staff, rid)
    for actor in (staff.benefits, staff.desk, staff.social):
        with pytest.raises(PermissionDenied):
            issue(db, actor, rid, GRANT)
    signer = staff.authorised_signer(db)
    issue(db, signer, rid, GRANT)
    r = record(db, rid)
    assert (r.signatory_name, r.signatory_position) == ("Urszula Podpisująca",
                                                        "Pracownik socjalny")
    with pytest.raises(PermissionDenied):
        db.read(lambda s: health_care.list_decisions(s, actor=staff.desk))


def test_the_right_ends_early_when_the_person_becomes_insured(db, staff):
    rid = granted_case(db, staff)
    end = dict(actor=staff.benefits, reason="zgłoszenie do ubezpieczenia przez pracodawcę",
               today=WORKDAY)
    with pytest.raises(ValidationError, match="w okresie prawa") as err:
        db.write(lambda s: health_care.end_early(s, rid, insured_on=date(2026, 11, 2),
                                                 expected_version=record(db, rid).version, **end))
    assert err.value.field == "insured_on"
    with pytest.raises(ValidationError, match="nie może być przyszły"):
        db.write(lambda s: health_care.end_early(s, rid, insured_on=WORKDAY + timedelta(days=1),
                                                 expected_version=record(db, rid).version, **end))
    db.write(lambda s: health_care.end_early(s, rid, insured_on=date(2026, 11, 9),
                                             expected_version=record(db, rid).version, **end))
    r = record(db, rid)
    assert (r.ended_on, r.closed_on) == (date(2026, 11, 9), WORKDAY)
    assert health_care.state_of(r, WORKDAY) is State.ENDED
    assert db.read(lambda s: s.get(Case, r.case_id)).status is CaseStatus.CLOSED


def _queue(db, staff, today: date):
    rows = db.read(lambda s: queue.benefits_queue(s, actor=staff.benefits, today=today))
    return {r.case_id: [(d.label, d.due) for d in r.deadlines] for r in rows}


END_LABEL = "koniec prawa do świadczeń zdrowotnych (art. 54 uśoz)"


def test_the_queue_shows_the_decision_deadline_then_the_end_and_the_expired_right(db, staff):
    rid = apply(db, staff, person(db, staff), provider=True)
    case_id = record(db, rid).case_id
    shown = _queue(db, staff, WORKDAY)[case_id]
    assert ("decyzja", date(2026, 12, 3)) in shown
    interviewed(db, staff, rid)
    issue(db, staff.head, rid, GRANT)
    # 31.01.2027 is the last day: not shown a month ahead, shown 14 days ahead and after.
    assert case_id not in _queue(db, staff, date(2027, 1, 10))
    assert _queue(db, staff, date(2027, 1, 18))[case_id] == [(END_LABEL, date(2027, 1, 31))]
    later = date(2027, 2, 20)
    assert _queue(db, staff, later)[case_id] == [(END_LABEL, date(2027, 1, 31))]
    assert health_care.state_of(record(db, rid), later) is State.EXPIRED
    with pytest.raises(ValidationError, match="Prawo trwa do 31.01.2027"):
        db.write(lambda s: health_care.close(s, rid, actor=staff.benefits, today=WORKDAY,
                                             expected_version=record(db, rid).version))
    db.write(lambda s: health_care.close(s, rid, actor=staff.benefits, today=later,
                                         expected_version=record(db, rid).version))
    assert case_id not in _queue(db, staff, later)
    kinds = db.read(lambda s: s.scalars(select(Case.status).where(Case.id == case_id)).all())
    assert kinds == [CaseStatus.CLOSED]


def test_the_list_marks_what_needs_attention(db, staff):
    rid = granted_case(db, staff)
    rows = db.read(lambda s: health_care.list_decisions(s, actor=staff.benefits,
                                                        today=date(2027, 1, 20)))
    assert [(r.id, r.state, r.state_text, r.period_to) for r in rows] == [
        (rid, State.EXPIRING, "prawo wkrótce wygasa", date(2027, 1, 31))]
    waiting = apply(db, staff, person(db, staff, other("Jaś", "15211523493")))
    rows = db.read(lambda s: health_care.list_decisions(s, actor=staff.benefits,
                                                        today=WORKDAY))
    by_id = {r.id: r for r in rows}
    assert (by_id[waiting].state, by_id[waiting].decision_due) == (State.AWAITING,
                                                                    date(2026, 12, 3))
    assert by_id[rid].state is State.CURRENT


def test_a_granted_case_keeps_only_the_end_of_the_right_as_its_deadline(db, staff):
    rid = granted_case(db, staff)
    case_id = record(db, rid).case_id
    kinds = db.read(lambda s: s.scalars(select(CaseDeadline.kind).where(
        CaseDeadline.case_id == case_id)).all())
    assert kinds == [DeadlineKind.HEALTH_CARE_END]


def test_the_pdf_has_every_element_of_art_107(db, staff):
    rid = apply(db, staff, person(db, staff), provider=True)
    interviewed(db, staff, rid)
    issue(db, staff.head, rid, DecisionForm(grant=True, period_from=date(2026, 11, 1)))
    pdf = db.write(lambda s: health_care.decision_pdf(s, rid, actor=staff.benefits))
    text = pdf_text(pdf)
    for expected in (
            "Gminny Ośrodek Pomocy Społecznej w Zbąszynku", "Zbąszynek, dnia 10.11.2026",
            "DECYZJA nr GOPS.8311.DEC.1.2026", "Zofia Źdźbło-Gąsiorowska",
            "PESEL 85030412362", "ul. Łąkowa 3",
            "Na podstawie art. 54 ust. 1 i 3 ustawy z dnia 27 sierpnia 2004 r. o świadczeniach "
            "opieki zdrowotnej finansowanych ze środków publicznych (Dz.U. z 2024 r. poz. 146)",
            "art. 8 ust. 1 ustawy z dnia 12 marca 2004 r. o pomocy społecznej",
            "Burmistrz Zbąszynka orzeka, co następuje",
            "Potwierdza się prawo strony (Zofia Źdźbło-Gąsiorowska, PESEL 85030412362) do "
            "świadczeń opieki zdrowotnej finansowanych ze środków publicznych w okresie od "
            "01.11.2026 r. do 29.01.2027 r.",
            "UZASADNIENIE", "POUCZENIE",
            "Samorządowego Kolegium Odwoławczego w Zielonej Górze", "w terminie 14 dni",
            "wygasa z dniem objęcia strony ubezpieczeniem zdrowotnym",
            "z upoważnienia Burmistrza Zbąszynka", "Grażyna Wiśniewska",
            "Otrzymują:", HOSPITAL, "a/a"):
        assert expected in text, expected


def test_a_refusals_pdf_says_so(db, staff):
    rid = apply(db, staff, person(db, staff))
    interviewed(db, staff, rid, gross="2000")
    issue(db, staff.head, rid, DecisionForm(grant=False))
    text = pdf_text(db.write(lambda s: health_care.decision_pdf(s, rid, actor=staff.head)))
    assert "Odmawia się potwierdzenia prawa strony (Zofia Źdźbło-Gąsiorowska" in text
    assert "przekracza kryterium dochodowe" in text
    assert "wygasa z dniem" not in text


def test_the_decision_is_in_the_cases_list_of_evidence(db, staff):
    rid = granted_case(db, staff)
    case_id = record(db, rid).case_id
    text = pdf_text(db.write(lambda s: register_checks.evidence_list_pdf(
        s, case_id, actor=staff.benefits, today=WORKDAY)))
    assert "Decyzja nr GOPS.8311.DEC.1.2026 — potwierdzenie prawa do świadczeń opieki " \
           "zdrowotnej (art. 54 uśoz)" in text
    assert "Rodzinny wywiad środowiskowy" in text
