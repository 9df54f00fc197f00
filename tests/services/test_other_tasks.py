"""The benefits team's other tasks (seed 001): each kind through its own steps to its letter,
the DPS fee of art. 61 ups counted by hand, bad input answered in Polish, and the tasks'
deadlines seen by the head."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from opsdesk.errors import PermissionDenied, ValidationError
from opsdesk.models import Case, Interview
from opsdesk.models.enums import CaseKind, CaseStatus, InterviewKind, Team
from opsdesk.services import evaluation, other_tasks, rules
from opsdesk.services.other_tasks import dps_fees
from tests.factories import POZNAN, WORKDAY, person, register_task
from tests.pdf_helpers import pdf_text

D = Decimal
K = CaseKind


def detail(db, staff, task_id):
    return db.read(lambda s: other_tasks.task_detail(s, task_id, actor=staff.benefits))


def complete(db, staff, task_id, outcome="", on=date(2026, 11, 9)):
    db.write(lambda s: other_tasks.complete_task(s, task_id, actor=staff.benefits,
                                                 outcome=outcome, done_on=on, today=WORKDAY))


def letter(db, staff, task_id):
    return db.write(lambda s: other_tasks.letter_pdf(s, task_id, actor=staff.benefits))


def failure(fn) -> str:
    with pytest.raises(ValidationError) as err:
        fn()
    return err.value.message


# ------------------------------------------------------------------ interview for another office


def test_interview_for_another_office_from_request_to_letter(db, staff, tmp_path):
    task_id = register_task(db, staff, K.INTERVIEW_FOR_OTHER_OFFICE)
    row = detail(db, staff, task_id).row
    # No date in the request: the 14 working days of the interview regulation.
    assert row.due_on == rules.interview_deadline(date(2026, 11, 2)) == date(2026, 11, 23)
    assert (row.sign, row.kind, row.assigned_to) == ("GOPS.8311.1.2026",
                                                      K.INTERVIEW_FOR_OTHER_OFFICE,
                                                      "Anna Nowak")
    case = db.read(lambda s: s.get(Case, row.case_id))
    assert (case.team, case.status, case.started_on) == (Team.BENEFITS, CaseStatus.IN_PROGRESS,
                                                          date(2026, 11, 2))
    assert row.deadline.text(WORKDAY) == "wywiad dla innego ośrodka do 23.11.2026"
    assert failure(lambda: complete(db, staff, task_id)) == \
        "Najpierw zapisz przeprowadzony wywiad."
    assert failure(lambda: letter(db, staff, task_id)) == (
        "Najpierw zapisz odpowiedź — pismo powstaje po zakończeniu zadania.")
    assert failure(lambda: db.write(lambda s: other_tasks.record_interview(
        s, task_id, actor=staff.benefits, carried_out_on=date(2026, 11, 1),
        findings="x", today=WORKDAY))) == ("Data przeprowadzenia wywiadu nie może być "
                                         "wcześniejsza niż wpływ prośby (02.11.2026 r.).")
    findings = "Gospodarstwo trzyosobowe, dochód z zasiłku dla bezrobotnych; mieszkanie " \
               "zadbane, potrzeba pomocy w opłaceniu opału."
    interview_id = db.write(lambda s: other_tasks.record_interview(
        s, task_id, actor=staff.benefits, carried_out_on=date(2026, 11, 5), findings=findings,
        today=WORKDAY))
    interview = db.read(lambda s: s.get(Interview, interview_id))
    assert (interview.kind, interview.completed, interview.carried_out_by_id,
            interview.case_id) == (InterviewKind.FOR_OTHER_OFFICE, True, staff.benefits.id,
                                   row.case_id)
    complete(db, staff, task_id)
    done = detail(db, staff, task_id)
    assert (done.row.done_on, done.outcome, done.interview_on) == (date(2026, 11, 9), findings,
                                                                   date(2026, 11, 5))
    case = db.read(lambda s: s.get(Case, row.case_id))
    assert (case.status, case.closed_on) == (CaseStatus.CLOSED, date(2026, 11, 9))
    pdf = letter(db, staff, task_id)
    (tmp_path / "wywiad.pdf").write_bytes(pdf)
    text = pdf_text(pdf)
    for part in ("Znak sprawy: GOPS.8311.1.2026", "Wasz znak: DŚ.5111.45.2026", POZNAN,
                 "ul. Cześnikowska 18", "Dotyczy: rodzinny wywiad środowiskowy — Zofia "
                 "Źdźbło-Gąsiorowska",
                 "W odpowiedzi na pismo z dnia 02.11.2026 r. (znak: DŚ.5111.45.2026) przekazuję "
                 "rodzinny wywiad środowiskowy przeprowadzony w dniu 05.11.2026 r.",
                 "potrzeba pomocy w opłaceniu opału", "Grażyna Wiśniewska",
                 "Załączniki: 1. Kwestionariusz rodzinnego wywiadu środowiskowego."):
        assert part in text, part
    assert failure(lambda: complete(db, staff, task_id)) == (
        "Zadanie w sprawie GOPS.8311.1.2026 jest już zakończone (09.11.2026 r.).")


# ---------------------------------------------------------------------------------- DPS


@pytest.mark.parametrize(("cost", "income", "family", "persons", "expected"), [
    # 70 % of 1800.00 = 1260.00; the family of three keeps 3 × 3 × 823.00 = 7407.00 of its
    # 9000.00, so it can pay 1593.00; the gmina pays the rest of 5200.00.
    ("5200.00", "1800.00", "9000.00", 3, ("1260.00", "1593.00", "2347.00", "1593.00")),
    # A single son with 2500.00 keeps 300 % of 1010.00 = 3030.00: he pays nothing.
    ("5200.00", "1800.00", "2500.00", 1, ("1260.00", "0.00", "3940.00", "0.00")),
    # 70 % of 10000.00 exceeds the cost: the resident pays the cost, nobody else anything.
    ("5200.00", "10000.00", None, None, ("5200.00", "0.00", "0.00", "0.00")),
    # 70 % of 1234.57 is 864.199: never more than 70 %, so 864.19.
    ("4800.00", "1234.57", None, None, ("864.19", "0.00", "3935.81", "0.00")),
    # A rich family pays only what is left after the resident.
    ("4000.00", "1000.00", "20000.00", 2, ("700.00", "3300.00", "0.00", "15062.00")),
])
def test_dps_fee_art_61(cost, income, family, persons, expected):
    fees = dps_fees(date(2026, 11, 10), monthly_cost=D(cost), resident_income=D(income),
                    family_income=D(family) if family else None, family_persons=persons)
    assert (fees.resident, fees.family, fees.gmina, fees.family_capacity) == tuple(
        D(x) for x in expected)
    assert fees.resident + fees.family + fees.gmina == D(cost)


def test_dps_shares_are_a_dated_table():
    assert other_tasks.dps_fee_figures(date(2026, 1, 1)).resident_share == D("0.70")
    with pytest.raises(ValidationError, match="Brak zasad odpłatności za DPS dla daty"):
        other_tasks.dps_fee_figures(date(2010, 1, 1))


def test_dps_referral_fees_placement_and_letter(db, staff, tmp_path):
    task_id = register_task(db, staff, K.DPS, institution="Dom Pomocy Społecznej w Lubiszu",
                            institution_address="Lubisz 1, 66-200 Świebodzin", their_reference="")
    assert detail(db, staff, task_id).row.due_on == date(2026, 12, 2)  # kpa art. 35
    assert failure(lambda: db.write(lambda s: other_tasks.record_placement(
        s, task_id, actor=staff.benefits, placed_on=WORKDAY, today=WORKDAY))) == (
        "Najpierw ustal dom i odpłatność za pobyt.")
    assert failure(lambda: db.write(lambda s: other_tasks.save_dps_fees(
        s, task_id, actor=staff.benefits, dps_name="DPS w Lubiszu", monthly_cost="pięć tysięcy",
        resident_income="1800", today=WORKDAY))) == (
        "Średni miesięczny koszt utrzymania w DPS: podaj kwotę w złotych, np. 123,45.")
    assert failure(lambda: db.write(lambda s: other_tasks.save_dps_fees(
        s, task_id, actor=staff.benefits, dps_name="DPS w Lubiszu", monthly_cost="5200",
        resident_income="1800", family_income="9000", today=WORKDAY))) == (
        "Podaj liczbę osób w rodzinie zobowiązanej do opłaty.")
    fees = db.write(lambda s: other_tasks.save_dps_fees(
        s, task_id, actor=staff.benefits, dps_name="Dom Pomocy Społecznej w Lubiszu",
        monthly_cost="5200,00", resident_income="1800", family_income="9000",
        family_persons=3, today=WORKDAY))
    assert (fees.resident, fees.family, fees.gmina) == (D("1260.00"), D("1593.00"),
                                                        D("2347.00"))
    db.write(lambda s: other_tasks.record_placement(s, task_id, actor=staff.benefits,
                                                    placed_on=date(2026, 11, 9), today=WORKDAY))
    complete(db, staff, task_id, outcome="Przekazujemy komplet dokumentów; syn zawarł umowę "
                                          "o wnoszeniu opłaty (art. 103 ust. 2).")
    shown = detail(db, staff, task_id)
    assert (shown.dps_name, shown.placed_on, shown.fees.gmina) == (
        "Dom Pomocy Społecznej w Lubiszu", date(2026, 11, 9), D("2347.00"))
    pdf = letter(db, staff, task_id)
    (tmp_path / "dps.pdf").write_bytes(pdf)
    text = pdf_text(pdf)
    for part in ("Dotyczy: skierowanie do domu pomocy społecznej — Zofia Źdźbło-Gąsiorowska",
                 "Osoba została umieszczona w domu w dniu 09.11.2026 r.",
                 "Opłata mieszkańca (do 70% dochodu) 1 260,00 zł",
                 "Opłata członków rodziny 1 593,00 zł", "Opłata gminy 2 347,00 zł",
                 "Decyzja o skierowaniu do domu pomocy społecznej."):
        assert part in text, part
    assert "Wasz znak" not in text


# ------------------------------------------------------------------- guardian, care, preparatory


def test_a_courts_request_needs_its_signature_and_date(db, staff):
    court = dict(institution="Sąd Rejonowy w Świebodzinie, III Wydział Rodzinny i Nieletnich",
                 subject_kind=other_tasks.Guardianship.MINOR, person_id=person(db, staff))
    assert failure(lambda: register_task(db, staff, K.GUARDIAN_CANDIDATE, their_reference="",
                                         due_on=date(2026, 11, 30), **court)) == \
        "Pole „Znak pisma / sygnatura” jest wymagane."
    assert failure(lambda: register_task(db, staff, K.GUARDIAN_CANDIDATE,
                                         their_reference="III Nsm 123/26", **court)) == \
        "Podaj termin wyznaczony przez sąd."
    assert failure(lambda: register_task(db, staff, K.GUARDIAN_CANDIDATE,
                                         their_reference="III Nsm 123/26",
                                         due_on=date(2026, 11, 30),
                                         institution=court["institution"],
                                         person_id=court["person_id"])) == (
        "Wybierz, czy opieka dotyczy małoletniego, czy osoby całkowicie ubezwłasnowolnionej.")
    task_id = register_task(db, staff, K.GUARDIAN_CANDIDATE, their_reference="III Nsm 123/26",
                            due_on=date(2026, 11, 30), **court)
    complete(db, staff, task_id, outcome="Jerzy Gąsiorowski, wuj małoletniego, zam. ul. Łąkowa "
                                         "3, Zbąszynek — wyraża zgodę, zna dziecko od urodzenia.")
    text = pdf_text(letter(db, staff, task_id))
    assert "Dotyczy: wskazanie kandydata na opiekuna małoletniego — Zofia" in text
    assert "Wasz znak: III Nsm 123/26" in text
    assert "wskazuję: Jerzy Gąsiorowski, wuj małoletniego" in text


def test_actual_care_confirmation(db, staff, tmp_path):
    task_id = register_task(db, staff, K.ACTUAL_CARE, institution="Zakład Ubezpieczeń Społecznych "
                            "Oddział w Zielonej Górze", their_reference="")
    assert detail(db, staff, task_id).row.due_on is None
    assert failure(lambda: complete(db, staff, task_id, outcome=" ")) == \
        "Pole „Ustalenia: kto i od kiedy sprawuje opiekę” jest wymagane."
    complete(db, staff, task_id, outcome="Opiekę faktyczną sprawuje siostra, Halina Łęcka, "
                                         "od 1 marca 2024 r.; zamieszkują razem.")
    pdf = letter(db, staff, task_id)
    (tmp_path / "opieka.pdf").write_bytes(pdf)
    text = pdf_text(pdf)
    assert "POTWIERDZENIE SPRAWOWANIA OPIEKI FAKTYCZNEJ" in text
    assert "opieki faktycznej nad osobą uprawnioną do renty socjalnej: Zofia" in text


def test_preparatory_proceedings_handed_over(db, staff, tmp_path):
    pid = person(db, staff)
    assert failure(lambda: register_task(db, staff, K.PREPARATORY, person_id=pid,
                                         institution="Burmistrz Zbąszynka")) == (
        "Wybierz świadczenie, którego dotyczy postępowanie przygotowawcze.")
    task_id = register_task(db, staff, K.PREPARATORY, person_id=pid,
                            institution="Burmistrz Zbąszynka — referat dodatków mieszkaniowych",
                            institution_address="ul. Rynek 1, 66-210 Zbąszynek",
                            their_reference="",
                            subject_kind=other_tasks.PreparatoryBenefit.HOUSING_ALLOWANCE)
    complete(db, staff, task_id, outcome="Wywiad potwierdza zajmowanie lokalu i wydatki "
                                         "mieszkaniowe 812,40 zł miesięcznie.")
    pdf = letter(db, staff, task_id)
    (tmp_path / "przygotowawcze.pdf").write_bytes(pdf)
    text = pdf_text(pdf)
    assert "Dotyczy: postępowanie przygotowawcze: dodatek mieszkaniowy — Zofia" in text
    assert "prawa do świadczenia: dodatek mieszkaniowy" in text


# ------------------------------------------------------------------------------- bad input, lists


def test_bad_input(db, staff):
    pid = person(db, staff)
    assert failure(lambda: register_task(db, staff, K.BENEFIT, person_id=pid)) == \
        "Wybierz rodzaj zadania."
    assert failure(lambda: register_task(db, staff, K.ACTUAL_CARE, person_id=pid,
                                         received_on=date(2026, 12, 1))) == \
        "Data wpływu nie może być datą przyszłą."
    assert failure(lambda: register_task(db, staff, K.ACTUAL_CARE, person_id=pid,
                                         due_on=date(2026, 11, 1))) == \
        "Termin nie może być wcześniejszy niż data wpływu."
    assert failure(lambda: register_task(db, staff, K.ACTUAL_CARE, person_id=pid,
                                         institution="")) == (
        "Pole „Instytucja, której potwierdzenie jest potrzebne (np. ZUS)” jest wymagane.")
    with pytest.raises(PermissionDenied):
        register_task(db, staff, K.ACTUAL_CARE, person_id=pid, actor=staff.social)


def test_lists_and_the_heads_deadlines(db, staff):
    pid = person(db, staff)
    first = register_task(db, staff, K.INTERVIEW_FOR_OTHER_OFFICE, person_id=pid)
    second = register_task(db, staff, K.ACTUAL_CARE, person_id=pid, due_on=date(2026, 11, 12))
    third = register_task(db, staff, K.PREPARATORY, person_id=pid, due_on=date(2026, 11, 20),
                          subject_kind=other_tasks.PreparatoryBenefit.ALIMONY_FUND)
    complete(db, staff, third, outcome="Ustalenia przekazane.", on=date(2026, 11, 10))
    rows = db.read(lambda s: other_tasks.task_list(s, actor=staff.benefits))
    assert [r.id for r in rows] == [second, first]  # open ones, the nearest deadline first
    every = db.read(lambda s: other_tasks.task_list(s, actor=staff.benefits, open_only=False))
    assert [r.id for r in every] == [second, first, third]
    today = date(2026, 11, 13)
    found = db.read(lambda s: evaluation.centre_deadlines(s, actor=staff.head, today=today))
    tasks = [(d.what, d.deadline.label, d.deadline.due, d.deadline.mark(today))
             for d in found if d.team is Team.BENEFITS and d.what.startswith("GOPS")]
    assert ("GOPS.8311.2.2026", "potwierdzenie opieki faktycznej", date(2026, 11, 12),
            "past") in tasks
    assert ("GOPS.8311.1.2026", "wywiad dla innego ośrodka", date(2026, 11, 23), "") in tasks
    # The benefits queue's own interview and decision deadlines are not shown for them.
    assert not [d for d in found if d.deadline.label in ("wywiad", "decyzja")]
    kept = db.read(lambda s: evaluation.other_task_deadlines(
        s, evaluation.Period(date(2026, 11, 1), date(2026, 11, 30))))
    assert sorted((k.due, k.done) for k in kept) == [
        (date(2026, 11, 12), None), (date(2026, 11, 20), date(2026, 11, 10)),
        (date(2026, 11, 23), None)]
    case_ids = db.read(lambda s: s.scalars(select(Case.kind).order_by(Case.id)).all())
    assert case_ids == [K.INTERVIEW_FOR_OTHER_OFFICE, K.ACTUAL_CARE, K.PREPARATORY]
