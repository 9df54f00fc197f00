"""Demo social work and services: referrals from Świadczenia in every state (waiting,
accepted, met, not came — the last reported by the program itself), clients from
first-contact routing in the methodical process, contracts (one in force, one broken and
reported), service plans (one waiting for a decision), other tasks and messages both ways.

Everything goes through the services on the days it would have happened (``today=`` of
each call), so every date rule holds."""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy import select

from opsdesk.db import Database
from opsdesk.demo.staff import DemoTeam
from opsdesk.models import Case, SocialWorkCase
from opsdesk.models.enums import (
    BenefitKind,
    ContractStatus,
    MessageKind,
    ProviderKind,
    SocialWorkMethod,
    SocialWorkSource,
    SocialWorkStatus,
    TargetGroup,
    TaskKind,
)
from opsdesk.services import intake, messages, queue, services_plan, socialwork
from opsdesk.services.intake import ApplicationForm
from opsdesk.services.messages import MessageForm, ReferralForm
from opsdesk.services.security import Actor
from opsdesk.services.services_plan import ServicePlanForm
from opsdesk.services.socialwork.contracts import ContractForm
from opsdesk.services.socialwork.process import PlanForm

RESOURCES = [
    "Zdolność do pracy; osoba nie jest zarejestrowana w Powiatowym Urzędzie Pracy.",
    "Nieuregulowane alimenty na dzieci — nie złożono wniosku do funduszu alimentacyjnego.",
    "Prawo do dodatku mieszkaniowego, z którego rodzina nie korzysta.",
    "Możliwość podjęcia pracy dorywczej w gospodarstwie sąsiada.",
]
QUESTIONS = [
    "Czy klient może podjąć zatrudnienie lub szkolenie i jakie ma ku temu przeszkody?",
    "Jakie działania może podjąć rodzina, by uzyskać należne świadczenia?",
]
DIAGNOSES = [
    "Diagnoza: długotrwałe bezrobocie, brak motywacji do szukania pracy, zadłużenie czynszu "
    "ok. 3 tys. zł. Zasoby: wykształcenie zawodowe, wsparcie siostry.",
    "Diagnoza: samotna matka dwojga dzieci, alimenty niepłacone od pół roku, trudności "
    "wychowawcze starszego syna. Zasoby: dobra relacja z dziećmi, gotowość do zmian.",
    "Diagnoza: nadużywanie alkoholu przez męża, izolacja rodziny, zaległości w opłatach. "
    "Zasoby: praca żony na pół etatu, kontakt z poradnią.",
]


def create(db: Database, team: DemoTeam, rng: random.Random, person_ids: list[int],
           today: date) -> None:
    anna, social, second = team.benefits[0], team.social[0], team.social[1]
    taken = set(db.read(lambda s: s.scalars(select(SocialWorkCase.person_id)).all()))
    clients = rng.sample([p for p in person_ids if p not in taken], 14)
    # Świadczenia's referrals "w celu ustalenia możliwości", in every state.
    waiting = [_referral(db, team, rng, pid, today - timedelta(days=d))
               for pid, d in zip(clients[:2], (1, 3))]
    accepted = _referral(db, team, rng, clients[2], today - timedelta(days=2))
    db.write(lambda s: socialwork.accept(s, accepted, actor=second))
    late = _referral(db, team, rng, clients[3], today - timedelta(days=25))
    db.write(lambda s: socialwork.accept(s, late, actor=social))
    met = [_referral(db, team, rng, pid, today - timedelta(days=40)) for pid in clients[4:7]]
    for sw_id, worker in zip(met, (social, social, second)):
        _meet(db, worker, sw_id, today - timedelta(days=37))
    _opinion(db, social, met[0], today - timedelta(days=30))
    _diagnosis_to_work(db, rng, social, met[1], today - timedelta(days=30))
    contract = _contract(db, social, met[1], today - timedelta(days=25))
    db.write(lambda s: socialwork.review_contract(
        s, contract, "Klient zarejestrował się w PUP w terminie, uczestniczy w zajęciach.",
        actor=social, today=today - timedelta(days=5)))
    _broken_contract(db, rng, second, met[2], today - timedelta(days=30), today)
    db.write(lambda s: socialwork.record_refusal(
        s, waiting[1], actor=social, today=today,
        facts="Klientka telefonicznie odmówiła spotkania z pracownikiem socjalnym.",
        client_statement="Uważa, że pomoc pracownika socjalnego nie jest jej potrzebna."))
    _first_contact_clients(db, rng, team, today)
    _services(db, social, clients[7:11], today)
    _tasks(db, rng, team, clients[11:14], today)
    _other_messages(db, social, met[0], today)
    db.write(lambda s: messages.inbox(s, actor=anna, today=today))  # the not-came notice
    for message in db.write(lambda s: messages.inbox(s, actor=anna, today=today))[2:]:
        db.write(lambda s, m=message.id: messages.mark_read(s, m, actor=anna))


def _referral(db: Database, team: DemoTeam, rng: random.Random, person_id: int,
              on: date) -> int:
    """An application, taken by the benefits worker and referred to social work."""
    form = ApplicationForm(person_id=person_id, benefit_kind=BenefitKind.ZASILEK_OKRESOWY,
                           filed_on=on, description="Wniosek o zasiłek okresowy.")
    sign = db.write(lambda s: intake.register_application(s, form, actor=team.desk, today=on))
    case_id = db.read(lambda s: s.scalar(select(Case.id).where(Case.sign == sign)))
    db.write(lambda s: queue.take_case(s, case_id, actor=team.benefits[0]))
    referral = ReferralForm(case_id=case_id, resources=rng.choice(RESOURCES),
                            question=rng.choice(QUESTIONS))
    mid = db.write(lambda s: messages.refer_for_possibilities(s, referral,
                                                              actor=team.benefits[0], today=on))
    return db.read(lambda s: messages.referral_case_of(s, mid))


def _meet(db: Database, worker: Actor, sw_id: int, on: date) -> None:
    db.write(lambda s: socialwork.record_first_meeting(s, sw_id, actor=worker, met_on=on,
                                                       today=on))


def _person(db: Database, sw_id: int) -> int:
    return db.read(lambda s: s.get(SocialWorkCase, sw_id).person_id)


def _opinion(db: Database, worker: Actor, sw_id: int, on: date) -> None:
    db.write(lambda s: socialwork.add_note(
        s, sw_id, DIAGNOSES[0], actor=worker, written_on=on, today=on))
    db.write(lambda s: messages.send_to_benefits(s, MessageForm(
        kind=MessageKind.OPINION_POSSIBILITIES, person_id=_person(db, sw_id),
        social_work_id=sw_id, parts={
            "facts": "Klient zgłosił się w terminie; odbyto trzy rozmowy i wizytę w domu.",
            "possibilities": "Klient jest zdolny do pracy; zarejestruje się w PUP i podejmie "
                             "kurs operatora wózka widłowego.",
            "conclusion": "Opiniuję przyznanie zasiłku okresowego na 3 miesiące, na czas "
                          "kursu, z zawarciem kontraktu socjalnego."}),
        actor=worker, today=on))


def _diagnosis_to_work(db: Database, rng: random.Random, worker: Actor, sw_id: int,
                       on: date) -> None:
    db.write(lambda s: socialwork.add_note(s, sw_id, rng.choice(DIAGNOSES[1:]), actor=worker,
                                           written_on=on, today=on))
    plan_day = on + timedelta(days=3)
    db.write(lambda s: socialwork.advance_stage(s, sw_id, actor=worker, on=plan_day,
                                                today=plan_day))
    db.write(lambda s: socialwork.save_plan(s, sw_id, PlanForm(
        method=SocialWorkMethod.INDIVIDUAL, tools="kontrakt socjalny, poradnictwo",
        goals="Podjęcie zatrudnienia lub szkolenia\nUregulowanie zaległości czynszowych",
        goals_agreed_on=plan_day, evaluation_due=plan_day + timedelta(days=90)),
        actor=worker, today=plan_day))
    db.write(lambda s: socialwork.advance_stage(s, sw_id, actor=worker, on=plan_day,
                                                today=plan_day))


def _contract_form(sw_id: int, on: date) -> ContractForm:
    return ContractForm(
        social_work_id=sw_id, period_from=on, period_to=on + timedelta(days=120),
        goals="Podjęcie zatrudnienia lub szkolenia zawodowego.\n"
              "Uregulowanie zaległości czynszowych.",
        client_commitments="Rejestracja w Powiatowym Urzędzie Pracy w ciągu 7 dni.\n"
                           "Udział w kursie zawodowym.\n"
                           "Zawarcie porozumienia ze spółdzielnią o spłacie zadłużenia w ratach.",
        worker_commitments="Pomoc w przygotowaniu CV i listu motywacyjnego.\n"
                           "Spotkania co dwa tygodnie i pośrednictwo w kontakcie ze "
                           "spółdzielnią.",
        review_dates=(on + timedelta(days=30), on + timedelta(days=60),
                      on + timedelta(days=118)),
        situation="Klient od roku pozostaje bez pracy, ma zaległości czynszowe. Zasoby: "
                  "wykształcenie zawodowe, dobry stan zdrowia, wsparcie siostry. "
                  "Ograniczenia: brak aktualnych kwalifikacji, brak prawa jazdy.",
        actions=f"Rejestracja w Powiatowym Urzędzie Pracy; klient; "
                f"{on + timedelta(days=7):%d.%m.%Y}\n"
                f"Przygotowanie CV; pracownik socjalny; {on + timedelta(days=14):%d.%m.%Y}\n"
                f"Porozumienie o spłacie zadłużenia; klient i spółdzielnia mieszkaniowa; "
                f"{on + timedelta(days=45):%d.%m.%Y}")


def _contract(db: Database, worker: Actor, sw_id: int, on: date) -> int:
    return db.write(lambda s: socialwork.conclude_contract(s, _contract_form(sw_id, on),
                                                           actor=worker, today=on))


def _broken_contract(db: Database, rng: random.Random, worker: Actor, sw_id: int, on: date,
                     today: date) -> None:
    _diagnosis_to_work(db, rng, worker, sw_id, on)
    contract = _contract(db, worker, sw_id, on + timedelta(days=4))
    ended = today - timedelta(days=3)
    db.write(lambda s: socialwork.end_contract(
        s, contract, ContractStatus.BROKEN, "Klientka przerwała kurs po tygodniu i nie "
        "przychodzi na umówione spotkania.", actor=worker, ended_on=ended, today=ended))
    db.write(lambda s: socialwork.report_broken_contract(
        s, contract, "Przerwała kurs zawodowy, nie stawiła się na dwóch spotkaniach.",
        actor=worker, today=ended))


def _first_contact_clients(db: Database, rng: random.Random, team: DemoTeam,
                           today: date) -> None:
    """Clients routed by the desk: some taken and met, the rest left for the team."""
    waiting = db.read(lambda s: s.scalars(select(SocialWorkCase.id).where(
        SocialWorkCase.source == SocialWorkSource.FIRST_CONTACT,
        SocialWorkCase.status == SocialWorkStatus.REFERRED)
        .order_by(SocialWorkCase.id)).all())
    for n, sw_id in enumerate(waiting[:6]):
        worker = team.social[n % 2]
        referred = db.read(lambda s, i=sw_id: s.get(SocialWorkCase, i).referred_on)
        met_on = min(referred + timedelta(days=2), today)
        _meet(db, worker, sw_id, met_on)
        db.write(lambda s, i=sw_id, w=worker, d=met_on: socialwork.add_note(
            s, i, rng.choice(DIAGNOSES), actor=w, written_on=d, today=d))
    for sw_id in waiting[6:8]:
        db.write(lambda s, i=sw_id: socialwork.assign(s, i, team.social[1].id,
                                                      actor=team.head))


def _services(db: Database, worker: Actor, clients: list[int], today: date) -> None:
    catalog = {(c.name, c.target_group): c.id
               for c in db.write(lambda s: services_plan.catalog(s, actor=worker))}
    start = today.replace(day=1)
    care = db.write(lambda s: services_plan.create_service_plan(s, ServicePlanForm(
        person_id=clients[0], provider_kind=ProviderKind.CENTRE, units="80",
        catalog_item_id=catalog[("Usługi opiekuńcze w miejscu zamieszkania",
                                 TargetGroup.ELDERLY)],
        period_from=start, period_to=start + timedelta(days=89), unit_cost="35,00",
        client_fee="7,00"), actor=worker))
    db.write(lambda s: services_plan.request_decision(
        s, care, "Osoba samotna po udarze, nie jest w stanie sama przygotować posiłków ani "
        "utrzymać mieszkania; rodzina mieszka za granicą.", actor=worker, today=today))
    meal = db.write(lambda s: services_plan.create_service_plan(s, ServicePlanForm(
        person_id=clients[1], provider_kind=ProviderKind.CONTRACTOR,
        provider="Caritas — jadłodajnia w Zbąszynku", units="60", unit_name="posiłek",
        catalog_item_id=catalog[("Posiłek", TargetGroup.HOMELESS)], period_from=start,
        period_to=start + timedelta(days=59), unit_cost="12,00"), actor=worker))
    db.write(lambda s: services_plan.request_decision(
        s, meal, "Osoba bezdomna bez dochodu, korzysta z noclegowni.", actor=worker,
        today=today))
    kis = db.write(lambda s: services_plan.create_service_plan(s, ServicePlanForm(
        person_id=clients[2], provider_kind=ProviderKind.CONTRACTOR,
        provider="Stowarzyszenie „Razem” — KIS", units="3", unit_name="mies.",
        catalog_item_id=catalog[("Usługi w klubie integracji społecznej, w tym trening pracy",
                                 TargetGroup.UNEMPLOYED)],
        period_from=start, period_to=start + timedelta(days=89), unit_cost="450,00"),
        actor=worker))
    db.write(lambda s: services_plan.start_service(s, kis, actor=worker))
    db.write(lambda s: services_plan.create_service_plan(s, ServicePlanForm(
        person_id=clients[3], provider_kind=ProviderKind.CENTRE, units="8", unit_name="wizyta",
        catalog_item_id=catalog[("Usługi asystenta rodziny", TargetGroup.FAMILIES)],
        period_from=start, period_to=start + timedelta(days=60), unit_cost="0"),
        actor=worker))


def _tasks(db: Database, rng: random.Random, team: DemoTeam, clients: list[int],
           today: date) -> None:
    for pid, kind, text, worker in (
            (clients[0], TaskKind.BLUE_CARD, "Udział w grupie diagnostyczno-pomocowej "
             "(procedura „Niebieska Karta” wszczęta przez Policję).", team.social[0]),
            (clients[1], TaskKind.FAMILY_ASSISTANT, "Współpraca z asystentem rodziny: "
             "wspólne spotkanie z rodziną co miesiąc.", team.social[1]),
            (clients[2], TaskKind.CIS_KIS, "Wywiad i opinia do wniosku o skierowanie do "
             "Centrum Integracji Społecznej.", team.social[0]),
            (clients[0], TaskKind.MENTAL_HEALTH, "Wniosek do sądu o przyjęcie do domu pomocy "
             "społecznej bez zgody (art. 39 ustawy o ochronie zdrowia psychicznego).",
             team.social[1])):
        started = today - timedelta(days=rng.randint(5, 40))
        db.write(lambda s, p=pid, k=kind, t=text, w=worker, d=started: socialwork.add_task(
            s, actor=w, person_id=p, kind=k, description=t, started_on=d,
            due_on=d + timedelta(days=30), today=today))


def _other_messages(db: Database, worker: Actor, sw_id: int, today: date) -> None:
    pid = _person(db, sw_id)
    for kind, parts in (
            (MessageKind.COOPERATION, {"course": "Klient przychodzi na spotkania co dwa "
                                                 "tygodnie, zarejestrował się w PUP.",
                                       "agreements": "Kolejne spotkanie po zakończeniu kursu."}),
            (MessageKind.SITUATION_CHANGE, {"change": "Klient podjął pracę na umowę zlecenia "
                                                      "(ok. 1200 zł miesięcznie).",
                                            "since": "od 1. dnia bieżącego miesiąca",
                                            "source": "oświadczenie klienta"})):
        db.write(lambda s, k=kind, p=parts: messages.send_to_benefits(s, MessageForm(
            kind=k, person_id=pid, social_work_id=sw_id, parts=p), actor=worker, today=today))
