"""The evaluation of the model from known records, November 2026 against October:

October: Olga's zasiłek celowy — applied 05.10, interview 08.10, decided 20.10 (15 days);
Kasia's own social work from 01.10 with a contract concluded 02.10 for 02.10–20.10 and
ended broken on 21.10.

November: Piotr — applied 02.11, interview 04.11, decided 06.11 (4 days); Renata —
applied 03.11, interview 05.11, referred to social work 04.11, did not come, decided 20.11
(17 days); Stefan — applied 05.11, referred 06.11, met the social worker 10.11, who sent
an opinion on 20.11 and concluded a contract 12.11–28.11, fulfilled 27.11; no interview by
the end of November. The social worker's task due 15.11 was done on 16.11; another is due
03.12.

Every figure below is counted by hand from that."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from opsdesk.demo.names import pesel_for
from opsdesk.errors import PermissionDenied
from opsdesk.models.enums import BenefitKind, ContractStatus, MessageKind, Relation, TaskKind, Team
from opsdesk.services import evaluation, messages, socialwork
from opsdesk.services.evaluation import Pair
from opsdesk.services.interviews import MemberEntry
from opsdesk.services.messages import MessageForm, ReferralForm
from opsdesk.services.people import PersonForm
from opsdesk.services.socialwork.contracts import ContractForm
from tests.benefits_helpers import application, done_interview, interview_form, person
from tests.head_helpers import issue

NOV = (date(2026, 11, 1), date(2026, 11, 30))
LATER = date(2027, 1, 11)
B = BenefitKind


def someone(db, staff, first, last, serial, female=False):
    form = PersonForm(first_name=first, last_name=last,
                      pesel=pesel_for(date(1970 + serial % 20, 1 + serial % 12, 3), female,
                                      serial), street="ul. Polna 9", postal_code="66-210",
                      city="Zbąszynek")
    return person(db, staff, form)


def benefit_case(db, staff, pid, filed, *, interview_on=None, decided_on=None,
                 kind=B.ZASILEK_CELOWY):
    case_id = application(db, staff, pid, kind, filed_on=filed)
    if interview_on:
        done_interview(db, staff, case_id, interview_form(
            (MemberEntry(pid, Relation.HEAD),), month=date(filed.year, filed.month - 1, 1),
            carried=interview_on), today=interview_on)
    if decided_on:
        issue(db, staff, case_id, kind, "200.00", decided_on, None, purpose="żywność",
              today=decided_on)
    return case_id


def refer(db, staff, case_id, on):
    form = ReferralForm(case_id=case_id, resources="Zdolność do pracy.",
                        question="Czy może podjąć zatrudnienie?")
    message_id = db.write(lambda s: messages.refer_for_possibilities(
        s, form, actor=staff.benefits, today=on))
    return db.read(lambda s: messages.referral_case_of(s, message_id))


def contract(db, staff, sw_id, start, end, on):
    form = ContractForm(social_work_id=sw_id, period_from=start, period_to=end,
                        goals="Podjęcie zatrudnienia", client_commitments="Rejestracja w PUP",
                        worker_commitments="Pomoc w przygotowaniu CV", review_dates=(end,),
                        concluded_on=start)
    return db.write(lambda s: socialwork.conclude_contract(s, form, actor=staff.social,
                                                           today=on))


@pytest.fixture
def records(db, staff):
    olga = someone(db, staff, "Olga", "Ślęzak", 21, female=True)
    benefit_case(db, staff, olga, date(2026, 10, 5), interview_on=date(2026, 10, 8),
                 decided_on=date(2026, 10, 20))
    kasia = someone(db, staff, "Katarzyna", "Żółkiewska", 22, female=True)
    own = db.write(lambda s: socialwork.open_own_case(s, kasia, actor=staff.social,
                                                      today=date(2026, 10, 1)))
    broken = contract(db, staff, own, date(2026, 10, 2), date(2026, 10, 20), date(2026, 10, 2))
    db.write(lambda s: socialwork.end_contract(s, broken, ContractStatus.BROKEN,
                                               "Nie zarejestrowała się w PUP.",
                                               actor=staff.social, ended_on=date(2026, 10, 21),
                                               today=date(2026, 10, 21)))
    piotr = someone(db, staff, "Piotr", "Łuczak", 23)
    benefit_case(db, staff, piotr, date(2026, 11, 2), interview_on=date(2026, 11, 4),
                 decided_on=date(2026, 11, 6))
    renata = someone(db, staff, "Renata", "Źrałek", 24, female=True)
    renata_case = benefit_case(db, staff, renata, date(2026, 11, 3),
                               interview_on=date(2026, 11, 5))
    renata_sw = refer(db, staff, renata_case, date(2026, 11, 4))
    db.write(lambda s: socialwork.record_not_came(s, renata_sw, actor=staff.social,
                                                  today=date(2026, 11, 19)))
    issue(db, staff, renata_case, B.ZASILEK_CELOWY, "200.00", date(2026, 11, 20), None,
          purpose="żywność", today=date(2026, 11, 20))
    stefan = someone(db, staff, "Stefan", "Ćwiek", 25)
    stefan_case = benefit_case(db, staff, stefan, date(2026, 11, 5))
    stefan_sw = refer(db, staff, stefan_case, date(2026, 11, 6))
    db.write(lambda s: socialwork.record_first_meeting(s, stefan_sw, actor=staff.social,
                                                       met_on=date(2026, 11, 10),
                                                       today=date(2026, 11, 10)))
    db.write(lambda s: messages.send_to_benefits(s, MessageForm(
        kind=MessageKind.OPINION_POSSIBILITIES, person_id=stefan, social_work_id=stefan_sw,
        case_id=stefan_case, parts={"facts": "Klient zgłosił się i współpracuje.",
                                    "possibilities": "Może podjąć pracę sezonową.",
                                    "conclusion": "Zasadne wsparcie na czas szukania pracy."}),
        actor=staff.social, today=date(2026, 11, 20)))
    kept = contract(db, staff, stefan_sw, date(2026, 11, 12), date(2026, 11, 28),
                    date(2026, 11, 12))
    db.write(lambda s: socialwork.end_contract(s, kept, ContractStatus.FULFILLED,
                                               "Podjął pracę.", actor=staff.social,
                                               ended_on=date(2026, 11, 27),
                                               today=date(2026, 11, 27)))
    late = db.write(lambda s: socialwork.add_task(
        s, actor=staff.social, person_id=kasia, kind=TaskKind.FAMILY_ASSISTANT,
        description="Wniosek o asystenta rodziny.", started_on=date(2026, 11, 2),
        due_on=date(2026, 11, 15), today=date(2026, 11, 2)))
    db.write(lambda s: socialwork.finish_task(s, late, actor=staff.social,
                                              ended_on=date(2026, 11, 16),
                                              today=date(2026, 11, 16)))
    db.write(lambda s: socialwork.add_task(
        s, actor=staff.social, person_id=kasia, kind=TaskKind.BLUE_CARD,
        description="Spotkanie grupy diagnostyczno-pomocowej.", started_on=date(2026, 11, 20),
        due_on=date(2026, 12, 3), today=date(2026, 11, 20)))
    return {"stefan_case": stefan_case, "renata_sw": renata_sw, "stefan_sw": stefan_sw}


def evaluate(db, staff, period=NOV, worker_id=None, today=LATER):
    return db.read(lambda s: evaluation.evaluation_report(
        s, actor=staff.head, start=period[0], end=period[1], worker_id=worker_id,
        today=today))


def test_november_against_october(db, staff, records):
    rep = evaluate(db, staff)
    assert rep.message == "" and rep.notes == ()
    assert rep.previous.text() == "02.10.2026–31.10.2026"
    workload = {w.worker_name: w for w in rep.workload}
    anna = workload["Anna Nowak"]
    assert (anna.open_cases, anna.interviews, anna.decisions) == (
        Pair(1, 0), Pair(2, 1), Pair(2, 1))  # Stefan's case is still in progress
    jozef = workload["Józef Ćwikła"]
    assert jozef.social_clients == Pair(2, 1)  # Kasia since October, Stefan since 10.11
    assert (jozef.open_cases, jozef.decisions) == (Pair(0, 0), Pair(0, 0))
    now, before = rep.times
    assert (now.settled, now.median_days, now.slowest_days, now.slowest_person) == (
        2, Decimal("10.5"), 17, "Źrałek Renata")
    assert (before.settled, before.median_days, before.slowest_days) == (1, Decimal(15), 15)
    referrals, earlier = rep.referrals
    assert (referrals.applicants, referrals.referred, referrals.share) == (3, 2, Decimal("66.7"))
    assert referrals.outcomes == (("w pracy socjalnej", 1), ("nie zgłosił się", 1))
    assert referrals.opinions == 1
    assert (earlier.applicants, earlier.referred, earlier.share, earlier.outcomes) == (
        1, 0, Decimal("0.0"), ())
    assert rep.contracts == (evaluation.Contracts(1, 1, 0, 0), evaluation.Contracts(1, 0, 1, 0))
    overdue = {r.team: r for r in rep.overdue}
    # Świadczenia in November: Olga's decision (due 05.11, kept 20.10), Piotr's and Renata's
    # interviews (kept), Stefan's interview (due 26.11, none to this day) — one missed.
    assert (overdue["Świadczenia"].due, overdue["Świadczenia"].missed) == (Pair(4, 1),
                                                                           Pair(1, 0))
    # Social work: the contract ending 28.11 (kept), the task due 15.11 (done 16.11); in
    # October the contract ending 20.10 was closed on 21.10.
    assert (overdue["Praca socjalna i usługi"].due,
            overdue["Praca socjalna i usługi"].missed) == (Pair(2, 1), Pair(1, 1))


def test_a_worker_filter(db, staff, records):
    rep = evaluate(db, staff, worker_id=staff.social.id)
    assert rep.worker_name == "Józef Ćwikła"
    assert [w.worker_name for w in rep.workload] == ["Józef Ćwikła"]
    assert rep.times[0].settled == 0 and rep.times[0].median_days is None
    referrals = rep.referrals[0]  # the referrals he took on
    assert (referrals.referred, referrals.outcomes) == (1, (("w pracy socjalnej", 1),))
    overdue = {r.team: r for r in rep.overdue}
    assert overdue["Świadczenia"].due == Pair(0, 0)
    assert overdue["Praca socjalna i usługi"].missed == Pair(1, 1)


def test_a_worker_with_no_data_gives_a_message_and_an_empty_report(db, staff, records):
    rep = evaluate(db, staff, worker_id=staff.desk.id)
    assert rep.message == ("Żaneta Łęcka: w okresie 01.11.2026–30.11.2026 brak spraw, "
                           "wywiadów, decyzji i klientów pracy socjalnej — nie ma czego "
                           "oceniać.")
    assert rep.empty and rep.workload == () and rep.overdue == ()


@pytest.mark.parametrize(("period", "message"), [
    ((date(2026, 11, 30), date(2026, 11, 1)),
     "Koniec okresu nie może być wcześniejszy niż jego początek."),
    ((date(2026, 11, 1), None), "Podaj początek i koniec okresu."),
    ((date(2025, 1, 1), date(2025, 6, 30)),
     "Okres 01.01.2025–30.06.2025 jest wcześniejszy niż pierwsze dane w programie (sprawy i "
     "praca socjalna od 01.10.2026 r.) — nie ma z czego liczyć."),
])
def test_bad_periods(db, staff, records, period, message):
    rep = evaluate(db, staff, period)
    assert rep.message == message and rep.empty


def test_a_previous_period_before_the_data_is_not_compared(db, staff, records):
    rep = evaluate(db, staff, (date(2026, 10, 1), date(2026, 10, 31)))
    assert rep.notes == ("Poprzedni okres (31.08.2026–30.09.2026) jest sprzed pierwszych "
                         "danych w programie (01.10.2026 r.) — porównania nie ma.",)
    assert rep.times[1] is None and rep.contracts[1] is None
    assert {r.team: r.due for r in rep.overdue}["Świadczenia"] == Pair(1, None)
    assert {w.worker_name: w.decisions for w in rep.workload}["Anna Nowak"] == Pair(1, None)


def test_deadlines_across_the_centre_today(db, staff, records):
    today = date(2026, 12, 1)
    found = db.read(lambda s: evaluation.centre_deadlines(s, actor=staff.head, today=today))
    shown = [(d.team, d.worker_name, d.person_name, d.deadline.label, d.deadline.due,
              d.deadline.mark(today)) for d in found]
    assert shown == [
        (Team.BENEFITS, "Anna Nowak", "Ćwiek Stefan", "wywiad", date(2026, 11, 26), "past"),
        (Team.SOCIAL_WORK, "Józef Ćwikła", "Żółkiewska Katarzyna", "Niebieska Karta",
         date(2026, 12, 3), "near"),
        (Team.BENEFITS, "Anna Nowak", "Ćwiek Stefan", "decyzja", date(2026, 12, 7), ""),
    ]
    summary = evaluation.summarise(found, today)
    assert [(s.team, s.worker_name, s.overdue, s.upcoming) for s in summary] == [
        (Team.BENEFITS, "Anna Nowak", 1, 1), (Team.SOCIAL_WORK, "Józef Ćwikła", 0, 1)]
    mine = db.read(lambda s: evaluation.centre_deadlines(s, actor=staff.head, today=today,
                                                         worker_id=staff.social.id))
    assert [d.deadline.label for d in mine] == ["Niebieska Karta"]
    assert db.read(lambda s: evaluation.centre_deadlines(s, actor=staff.head, today=today,
                                                         within_days=0)) == found[:1]


def test_only_the_head_evaluates(db, staff):
    with pytest.raises(PermissionDenied):
        db.read(lambda s: evaluation.evaluation_report(s, actor=staff.benefits,
                                                       start=NOV[0], end=NOV[1]))
