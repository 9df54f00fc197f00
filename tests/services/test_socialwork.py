"""The social worker's caseload, the methodical process, kontrakt socjalny and other tasks."""

from datetime import date, timedelta

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from opsdesk.errors import ConflictError, PermissionDenied, ValidationError
from opsdesk.models import AuditEntry, CaseMessage, SocialContract
from opsdesk.models.enums import (
    AuditAction,
    ContractStatus,
    MessageKind,
    Role,
    SocialWorkMethod,
    SocialWorkStage,
    SocialWorkStatus,
    TaskKind,
    TaskStatus,
)
from opsdesk.services import messages, security, socialwork, users
from opsdesk.services.socialwork.process import PlanForm
from tests.conftest import PASSWORD
from tests.factories import KASIA, MONDAY, application, conclude, contract_form, person, refer

REPORT_BY = date(2026, 12, 2)


@pytest.fixture
def referred(db, staff):
    """A client referred by the benefits worker: (person id, case id, social work id)."""
    pid = person(db, staff, KASIA)
    case_id = application(db, staff, pid, filed_on=MONDAY)
    mid = refer(db, staff, case_id)
    return pid, case_id, db.read(lambda s: messages.referral_case_of(s, mid))


@pytest.fixture
def met(db, staff, referred):
    """The referred client accepted and met on the day of the referral."""
    sw_id = referred[2]
    db.write(lambda s: socialwork.accept(s, sw_id, actor=staff.social))
    db.write(lambda s: socialwork.record_first_meeting(s, sw_id, actor=staff.social,
                                                       met_on=MONDAY, today=MONDAY))
    return sw_id


def load(db, staff, scope="mine", today=MONDAY, actor=None):
    return db.write(lambda s: socialwork.caseload(s, actor=actor or staff.social, scope=scope,
                                                  today=today))


def second_social_worker(db, staff):
    db.write(lambda s: users.add_worker(s, actor=staff.head, login="socjalny2",
                                        full_name="Łucja Żółkiewska", password=PASSWORD,
                                        roles={Role.SOCIAL_WORK}, position="Pracownik socjalny"))
    return db.write(lambda s: security.authenticate(s, login="socjalny2", password=PASSWORD))


def test_referral_waits_to_be_accepted_then_is_the_workers(db, staff, referred):
    _, _, sw_id = referred
    waiting = load(db, staff, "waiting")
    assert [(r.id, r.status, r.worker_id) for r in waiting] == [
        (sw_id, SocialWorkStatus.REFERRED, None)]
    assert waiting[0].waiting_days_left(MONDAY) == 9 and waiting[0].case_sign
    assert load(db, staff, "mine") == []
    db.write(lambda s: socialwork.accept(s, sw_id, actor=staff.social))
    assert [r.worker_name for r in load(db, staff, "mine")] == ["Józef Ćwikła"]
    assert load(db, staff, "waiting") == []
    other = second_social_worker(db, staff)
    with pytest.raises(ValidationError, match="Tego klienta prowadzi już Józef Ćwikła"):
        db.write(lambda s: socialwork.accept(s, sw_id, actor=other))


def test_the_head_assigns_a_referral_to_a_social_worker_only(db, staff, referred):
    _, _, sw_id = referred
    other = second_social_worker(db, staff)
    with pytest.raises(ValidationError, match="Wybierz aktywnego pracownika socjalnego"):
        db.write(lambda s: socialwork.assign(s, sw_id, staff.benefits.id, actor=staff.head))
    with pytest.raises(PermissionDenied):
        db.write(lambda s: socialwork.assign(s, sw_id, other.id, actor=staff.social))
    db.write(lambda s: socialwork.assign(s, sw_id, other.id, actor=staff.head))
    assert [r.id for r in load(db, staff, "mine", actor=other)] == [sw_id]


def test_first_meeting_starts_the_diagnosis_and_bad_dates_are_refused(db, staff, referred):
    _, _, sw_id = referred
    with pytest.raises(ValidationError, match="nie może być datą przyszłą"):
        db.write(lambda s: socialwork.record_first_meeting(
            s, sw_id, actor=staff.social, met_on=MONDAY + timedelta(days=1), today=MONDAY))
    with pytest.raises(ValidationError, match="przed skierowaniem"):
        db.write(lambda s: socialwork.record_first_meeting(
            s, sw_id, actor=staff.social, met_on=MONDAY - timedelta(days=1), today=MONDAY))
    db.write(lambda s: socialwork.record_first_meeting(s, sw_id, actor=staff.social,
                                                       met_on=MONDAY, today=MONDAY))
    row = load(db, staff, "mine")[0]  # meeting without accepting first: the worker takes it
    assert (row.status, row.stage, row.first_meeting_on) == (
        SocialWorkStatus.ACTIVE, SocialWorkStage.DIAGNOSIS, MONDAY)
    # Long after the reporting day: a client who came is never reported as absent.
    load(db, staff, today=REPORT_BY + timedelta(days=30))
    assert db.read(lambda s: s.scalar(select(func.count(CaseMessage.id)).where(
        CaseMessage.kind == MessageKind.NOT_REPORTED))) == 0


def test_not_came_is_recorded_only_after_the_day_and_informs_benefits(db, staff, referred):
    _, case_id, sw_id = referred
    db.write(lambda s: socialwork.accept(s, sw_id, actor=staff.social))
    with pytest.raises(ValidationError, match="Klient ma czas na zgłoszenie się do dnia "
                                              "02.12.2026 r."):
        db.write(lambda s: socialwork.record_not_came(s, sw_id, actor=staff.social,
                                                      today=REPORT_BY))
    mid = db.write(lambda s: socialwork.record_not_came(s, sw_id, actor=staff.social,
                                                        today=REPORT_BY + timedelta(days=1)))
    row = db.write(lambda s: messages.inbox(s, actor=staff.benefits, today=REPORT_BY))[0]
    assert (row.id, row.kind, row.author_name, row.automatic, row.case_id) == (
        mid, MessageKind.NOT_REPORTED, "Józef Ćwikła", False, case_id)
    assert load(db, staff, "all") == []  # no longer open
    closed = db.write(lambda s: socialwork.caseload(s, actor=staff.social, scope="all",
                                                    include_closed=True, today=MONDAY))
    assert closed[0].status is SocialWorkStatus.NOT_REPORTED


def test_reading_the_caseload_sends_the_not_came_information_by_itself(db, staff, referred):
    _, _, sw_id = referred
    db.write(lambda s: socialwork.accept(s, sw_id, actor=staff.social))
    assert [r.id for r in load(db, staff, today=REPORT_BY)] == [sw_id]
    assert load(db, staff, today=REPORT_BY + timedelta(days=1)) == []
    rows = db.write(lambda s: messages.inbox(s, actor=staff.benefits, today=MONDAY))
    assert [(r.kind, r.automatic, r.author_name, r.to_user_name) for r in rows] == [
        (MessageKind.NOT_REPORTED, True, "Józef Ćwikła", "Anna Nowak")]


def test_a_client_who_refuses_cooperation_is_reported_to_benefits(db, staff, met):
    with pytest.raises(ValidationError, match="Pole „Okoliczności odmowy” jest wymagane"):
        db.write(lambda s: socialwork.record_refusal(s, met, actor=staff.social, facts=" ",
                                                     today=MONDAY))
    mid = db.write(lambda s: socialwork.record_refusal(
        s, met, actor=staff.social, facts="Klientka oświadczyła, że nie będzie przychodzić.",
        client_statement="Nie potrzebuje pomocy.", today=MONDAY))
    detail = db.read(lambda s: messages.open_message(s, mid, actor=staff.benefits))
    assert detail.row.kind is MessageKind.REFUSED_COOPERATION
    assert "Stanowisko klienta: Nie potrzebuje pomocy." in detail.body


def test_a_refusal_recorded_on_a_stale_view_is_refused(db, staff, met):
    from opsdesk.models import SocialWorkCase

    seen = db.read(lambda s: s.get(SocialWorkCase, met).version)
    db.write(lambda s: socialwork.add_note(s, met, "Diagnoza: bezrobocie.", actor=staff.social,
                                           today=MONDAY))
    db.write(lambda s: socialwork.advance_stage(s, met, actor=staff.social, today=MONDAY,
                                                expected_version=seen))
    with pytest.raises(ConflictError):
        db.write(lambda s: socialwork.record_refusal(
            s, met, actor=staff.social, facts="Nie przychodzi.", today=MONDAY,
            expected_version=seen))
    assert db.read(lambda s: s.get(SocialWorkCase, met).closed_on) is None


def test_the_methodical_process_needs_each_stage_before_the_next(db, staff, met):
    def advance(on=MONDAY):
        db.write(lambda s: socialwork.advance_stage(s, met, actor=staff.social, on=on,
                                                    today=MONDAY + timedelta(days=30)))

    with pytest.raises(ValidationError, match="Zapisz diagnozę"):
        advance()
    db.write(lambda s: socialwork.add_note(s, met, "Diagnoza: bezrobocie, zadłużenie czynszu.",
                                           actor=staff.social, today=MONDAY))
    plan_day = MONDAY + timedelta(days=7)
    advance(plan_day)
    plan = PlanForm(method=SocialWorkMethod.INDIVIDUAL, tools="kontrakt socjalny",
                    goals="Podjęcie zatrudnienia\nSpłata zadłużenia", goals_agreed_on=plan_day,
                    evaluation_due=plan_day - timedelta(days=1))
    with pytest.raises(PermissionDenied):
        db.write(lambda s: socialwork.advance_stage(s, met, actor=staff.benefits))
    with pytest.raises(ValidationError, match="Zapisz plan z celami uzgodnionymi z klientem"):
        advance(plan_day)
    with pytest.raises(ValidationError) as err:
        db.write(lambda s: socialwork.save_plan(s, met, plan, actor=staff.social, today=plan_day))
    assert err.value.message == ("Termin oceny 29.11.2026 r. jest datą przeszłą — podaj "
                                 "termin od dziś.")
    plan = PlanForm(method=SocialWorkMethod.INDIVIDUAL, tools="kontrakt socjalny",
                    goals="Podjęcie zatrudnienia\nSpłata zadłużenia", goals_agreed_on=plan_day,
                    evaluation_due=date(2027, 3, 1))
    db.write(lambda s: socialwork.save_plan(s, met, plan, actor=staff.social, today=plan_day))
    with pytest.raises(ValidationError, match="przed poprzednim"):
        advance(MONDAY)
    advance(plan_day + timedelta(days=1))
    db.write(lambda s: socialwork.add_note(s, met, "Zarejestrowała się w PUP.",
                                           actor=staff.social, today=plan_day + timedelta(1)))
    advance(plan_day + timedelta(days=20))
    with pytest.raises(ValidationError, match="To ostatni etap"):
        advance(plan_day + timedelta(days=21))
    detail = db.read(lambda s: socialwork.detail(s, met, actor=staff.social))
    assert detail.row.stage is SocialWorkStage.EVALUATION
    assert dict(detail.stage_dates) == {
        SocialWorkStage.DIAGNOSIS: MONDAY, SocialWorkStage.PLAN: plan_day,
        SocialWorkStage.WORK: plan_day + timedelta(days=1),
        SocialWorkStage.EVALUATION: plan_day + timedelta(days=20)}
    assert [(n.stage, n.author_name) for n in detail.notes] == [
        (SocialWorkStage.DIAGNOSIS, "Józef Ćwikła"), (SocialWorkStage.WORK, "Józef Ćwikła")]
    assert (detail.goals, detail.goals_agreed_on, detail.method) == (
        "Podjęcie zatrudnienia\nSpłata zadłużenia", plan_day, SocialWorkMethod.INDIVIDUAL)
    db.write(lambda s: socialwork.close_work(s, met, "Klientka podjęła pracę.",
                                             actor=staff.social, today=plan_day + timedelta(30)))
    assert load(db, staff, "all") == []


def test_a_benefits_only_worker_cannot_read_social_work_notes(db, staff, met):
    db.write(lambda s: socialwork.add_note(s, met, "Poufne: przemoc w rodzinie.",
                                           actor=staff.social, today=MONDAY))
    for actor in (staff.benefits, staff.desk, staff.admin):
        with pytest.raises(PermissionDenied):
            db.read(lambda s, a=actor: socialwork.notes(s, met, actor=a))
        with pytest.raises(PermissionDenied):
            db.read(lambda s, a=actor: socialwork.detail(s, met, actor=a))
        with pytest.raises(PermissionDenied):
            db.write(lambda s, a=actor: socialwork.caseload(s, actor=a, scope="all"))
    denied = db.read(lambda s: s.scalar(select(func.count(AuditEntry.id)).where(
        AuditEntry.action == AuditAction.DENIED, AuditEntry.user_id == staff.benefits.id)))
    assert denied == 3
    assert [n.text for n in db.read(lambda s: socialwork.notes(s, met, actor=staff.head))] == [
        "Poufne: przemoc w rodzinie."]
    # What the benefits worker does see of the client's social work: the messages.
    rows = db.write(lambda s: messages.messages_of_person(s, referred_person(s, met),
                                                         actor=staff.benefits))
    assert [r.kind for r in rows] == [MessageKind.REFERRAL]
    assert all("przemoc" not in db.read(lambda s, r=r: messages.open_message(
        s, r.id, actor=staff.benefits)).body for r in rows)


def referred_person(session, sw_id):
    from opsdesk.models import SocialWorkCase

    return session.get(SocialWorkCase, sw_id).person_id


@pytest.mark.parametrize("changes, message", [
    ({"period_to": MONDAY - timedelta(days=1)},
     "Koniec kontraktu (22.11.2026 r.) nie może być wcześniejszy niż jego początek "
     "(23.11.2026 r.)."),
    ({"review_dates": (date(2026, 11, 20),)},
     "Termin oceny kontraktu 20.11.2026 r. jest datą przeszłą — podaj termin od dziś."),
    ({"review_dates": (date(2027, 3, 15),)},
     "Termin oceny 15.03.2027 r. wypada poza okresem obowiązywania kontraktu."),
    ({"review_dates": ()}, "Podaj co najmniej jeden termin oceny realizacji kontraktu."),
    ({"goals": "  "}, "Pole „Cele kontraktu” jest wymagane."),
    ({"period_from": None}, "Podaj okres obowiązywania kontraktu: od … do …."),
])
def test_bad_contracts_are_refused_in_polish_and_nothing_is_lost(db, staff, met, changes,
                                                                 message):
    with pytest.raises(ValidationError) as err:
        conclude(db, staff, contract_form(met, **changes))
    assert err.value.message == message
    assert db.read(lambda s: s.scalar(select(func.count(SocialContract.id)))) == 0
    contract_id = conclude(db, staff, contract_form(met))
    assert db.read(lambda s: s.get(SocialContract, contract_id).number) == "KS.1.2026"


def test_contract_needs_a_client_met_and_only_one_active_at_a_time(db, staff, referred, met):
    conclude(db, staff, contract_form(met))
    with pytest.raises(ValidationError) as err:
        conclude(db, staff, contract_form(met))
    assert err.value.message == ("Katarzyna Żółkiewska ma już obowiązujący kontrakt socjalny "
                                 "nr KS.1.2026 (do 28.02.2027 r.) — oceń go i zakończ przed "
                                 "zawarciem nowego.")
    with pytest.raises(ValidationError, match="Najpierw oceń i zakończ kontrakt socjalny nr "
                                              "KS.1.2026"):
        db.write(lambda s: socialwork.close_work(s, met, "koniec", actor=staff.social,
                                                 today=MONDAY))


def test_a_broken_contract_is_ended_evaluated_and_reported_to_benefits(db, staff, referred, met,
                                                                      tmp_path):
    _, case_id, _ = referred
    contract_id = conclude(db, staff, contract_form(met))
    later = date(2026, 12, 15)
    db.write(lambda s: socialwork.review_contract(
        s, contract_id, "Zarejestrowała się w PUP, na kurs nie przyszła.", actor=staff.social,
        today=later))
    with pytest.raises(ValidationError, match="o kontrakcie zakończonym jako niedotrzymany"):
        db.write(lambda s: socialwork.report_broken_contract(s, contract_id, "x",
                                                             actor=staff.social, today=later))
    with pytest.raises(ValidationError, match="nie może być wcześniejsze niż zawarcie"):
        db.write(lambda s: socialwork.end_contract(
            s, contract_id, ContractStatus.BROKEN, "Nie przyszła.", actor=staff.social,
            ended_on=MONDAY - timedelta(days=1), today=later))
    db.write(lambda s: socialwork.end_contract(
        s, contract_id, ContractStatus.BROKEN, "Przerwała kurs, nie kontaktuje się.",
        actor=staff.social, ended_on=later, today=later))
    mid = db.write(lambda s: socialwork.report_broken_contract(
        s, contract_id, "Przerwała kurs zawodowy po dwóch dniach.", actor=staff.social,
        today=later))
    with pytest.raises(ValidationError, match="zostało już zgłoszone"):
        db.write(lambda s: socialwork.report_broken_contract(s, contract_id, "x",
                                                             actor=staff.social, today=later))
    evidence = db.write(lambda s: messages.case_evidence(s, case_id, actor=staff.benefits))
    report = [r for r in evidence if r.id == mid][0]
    assert report.kind is MessageKind.REFUSED_COOPERATION and report.to_user_name == "Anna Nowak"
    body = db.read(lambda s: messages.open_message(s, mid, actor=staff.benefits)).body
    assert body.startswith("Dotyczy kontraktu socjalnego nr KS.1.2026 z dnia 23.11.2026 r.")
    assert "art. 11 ust. 2 ustawy o pomocy społecznej" in body
    detail = db.read(lambda s: socialwork.detail(s, met, actor=staff.social))
    assert detail.contracts[0].status is ContractStatus.BROKEN
    assert detail.contracts[0].reported_message_id == mid
    assert detail.contracts[0].evaluation.startswith("15.12.2026 r.: Zarejestrowała się")

    data = db.write(lambda s: socialwork.contract_pdf(s, contract_id, actor=staff.social))
    (tmp_path / "contract.pdf").write_bytes(data)
    text = "".join(p.extract_text() for p in PdfReader(tmp_path / "contract.pdf").pages)
    for expected in ("KONTRAKT SOCJALNY nr KS.1.2026", "Katarzyna Żółkiewska", "Józef Ćwikła",
                     "Uregulowanie zaległości czynszowych.", "Pomoc w przygotowaniu CV.",
                     "15.12.2026", "kontrakt niedotrzymany", "podpis osoby zawierającej kontrakt"):
        assert expected in text, expected


def test_other_tasks_are_kept_with_dates_and_status(db, staff, met):
    pid = db.read(lambda s: referred_person(s, met))
    with pytest.raises(ValidationError, match="Termin nie może być wcześniejszy"):
        db.write(lambda s: socialwork.add_task(
            s, actor=staff.social, person_id=pid, kind=TaskKind.BLUE_CARD,
            description="Udział w grupie diagnostyczno-pomocowej.",
            due_on=MONDAY - timedelta(days=1), today=MONDAY))
    blue = db.write(lambda s: socialwork.add_task(
        s, actor=staff.social, person_id=pid, kind=TaskKind.BLUE_CARD,
        description="Udział w grupie diagnostyczno-pomocowej.", due_on=date(2026, 12, 10),
        today=MONDAY))
    db.write(lambda s: socialwork.add_task(
        s, actor=staff.social, person_id=pid, kind=TaskKind.CIS_KIS,
        description="Opinia do wniosku o skierowanie do CIS.", today=MONDAY))
    db.write(lambda s: socialwork.finish_task(s, blue, actor=staff.social,
                                              result="Plan pomocy przyjęty.", today=MONDAY))
    open_tasks = db.read(lambda s: socialwork.tasks(s, actor=staff.social, person_id=pid))
    assert [t.kind for t in open_tasks] == [TaskKind.CIS_KIS]
    every = db.read(lambda s: socialwork.tasks(s, actor=staff.social, open_only=False))
    done = [t for t in every if t.id == blue][0]
    assert done.status is TaskStatus.DONE and done.ended_on == MONDAY
    assert "Wynik (23.11.2026 r.): Plan pomocy przyjęty." in done.description
    with pytest.raises(PermissionDenied):
        db.read(lambda s: socialwork.tasks(s, actor=staff.benefits))


def test_the_demo_shows_social_work_in_every_state(db):
    from opsdesk.demo import generate
    from opsdesk.models import ServicePlan, SocialWorkCase

    generate(db, persons=120, today=MONDAY)
    statuses = db.read(lambda s: set(s.scalars(select(SocialWorkCase.status))))
    assert statuses == set(SocialWorkStatus) - {SocialWorkStatus.CLOSED}
    kinds = db.read(lambda s: {(k, a) for k, a in s.execute(
        select(CaseMessage.kind, CaseMessage.automatic))})
    assert (MessageKind.NOT_REPORTED, True) in kinds and (MessageKind.REFERRAL, False) in kinds
    contracts = db.read(lambda s: set(s.scalars(select(SocialContract.status))))
    assert contracts == {ContractStatus.ACTIVE, ContractStatus.BROKEN}
    assert db.read(lambda s: s.scalar(select(func.count(ServicePlan.id)))) == 4


def test_a_clients_detail_costs_the_same_statements_however_many_contracts(db, staff, met):
    """Each contract's report to Świadczenia is read with the others, not one by one."""
    from sqlalchemy import event

    statements = []
    event.listen(db.engine, "before_cursor_execute", lambda *_a: statements.append(1))

    def cost() -> tuple[int, int]:
        before = len(statements)
        detail = db.read(lambda s: socialwork.detail(s, met, actor=staff.social))
        return len(statements) - before, len(detail.contracts)

    costs = []
    for _ in range(3):
        contract_id = conclude(db, staff, contract_form(met))
        costs.append(cost())
        db.write(lambda s, c=contract_id: socialwork.end_contract(
            s, c, ContractStatus.FULFILLED, "Cele osiągnięte.", actor=staff.social,
            ended_on=MONDAY, today=MONDAY))
    assert [n for _, n in costs] == [1, 2, 3]
    assert len({count for count, _ in costs}) == 1, costs
