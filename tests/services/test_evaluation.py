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

from opsdesk.errors import PermissionDenied
from opsdesk.models.enums import Team
from opsdesk.services import evaluation
from opsdesk.services.evaluation import Pair
from tests.factories import evaluation_records

NOV = (date(2026, 11, 1), date(2026, 11, 30))
LATER = date(2027, 1, 11)


@pytest.fixture
def records(db, staff):  # type: ignore[no-untyped-def]
    return evaluation_records(db, staff)


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
