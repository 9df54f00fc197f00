"""Demo persons, households and the desk's work: intakes in every state, applications,
certificates, appointments and documents waiting at "Do odbioru"."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

from opsdesk.db import Database
from opsdesk.demo.names import STREETS, TOWNS, pesel_for, random_person
from opsdesk.demo.staff import DemoTeam
from opsdesk.models.enums import BenefitKind, Channel, Relation, ReporterKind
from opsdesk.services import desk, intake, people, rules
from opsdesk.services.people import PersonForm

PROBLEMS = [
    "Utrata pracy, brak środków na opłacenie rachunków za prąd i gaz.",
    "Samotna matka trojga dzieci, alimenty nie są płacone od pół roku.",
    "Starsza osoba po udarze, potrzebuje pomocy w codziennych czynnościach.",
    "Zgłoszenie sąsiadki: w mieszkaniu obok słychać awantury, dzieci płaczą nocami.",
    "Pogorzelcy po pożarze domu — potrzebna pilna pomoc na odzież i żywność.",
    "Osoba bezdomna, nocuje na dworcu, prosi o schronienie i posiłek.",
    "Brak opału na zimę, niska emerytura nie wystarcza na leki.",
    "Długotrwała choroba, brak ubezpieczenia zdrowotnego.",
    "Uzależnienie od alkoholu w rodzinie, żona prosi o wsparcie i informację o terapii.",
    "Prośba o zaświadczenie o korzystaniu z pomocy do szkoły dziecka.",
]
INFO_GIVEN = ["Udzielono informacji o dodatku mieszkaniowym i skierowano do urzędu gminy.",
              "Przekazano informację o poradni prawnej i terminach dyżurów.",
              "Wskazano Powiatowy Urząd Pracy i program aktywizacji."]
BENEFITS = [BenefitKind.ZASILEK_OKRESOWY, BenefitKind.ZASILEK_CELOWY, BenefitKind.ZASILEK_STALY,
            BenefitKind.POSILEK, BenefitKind.USLUGI_OPIEKUNCZE]


def create_people(db: Database, team: DemoTeam, rng: random.Random, *, count: int,
                  today: date) -> list[int]:
    """Persons with valid PESELs grouped into households of 1–5."""
    ids: list[int] = []
    serial = 0
    while len(ids) < count:
        size = rng.choices([1, 2, 3, 4, 5], weights=[30, 25, 20, 15, 10])[0]
        street = f"{rng.choice(STREETS)} {rng.randint(1, 80)}"
        if rng.random() < 0.3:
            street += f"/{rng.randint(1, 20)}"
        code, town = rng.choice(TOWNS)
        first, surname, born, female = random_person(rng, born_from=1945, born_to=2000)
        head_year, head_female = born.year, female
        members: list[tuple[int, Relation]] = []
        for index in range(size):
            if index == 0:
                relation = Relation.HEAD
            elif index == 1 and size > 1 and rng.random() < 0.7:
                relation = Relation.SPOUSE
                first, _, born, female = random_person(rng, born_from=head_year - 5,
                                                       born_to=min(head_year + 5, 2002),
                                                       female=not head_female)
            else:
                relation = Relation.CHILD
                first, _, born, female = random_person(
                    rng, born_from=min(max(head_year + 18, 1975), 2020), born_to=2024)
            last = _surname_form(surname, female)
            serial += 1
            form = PersonForm(first_name=first, last_name=last,
                              pesel=pesel_for(born, female, serial), street=street,
                              postal_code=code, city=town,
                              phone=f"{rng.randint(500, 799)} {rng.randint(100, 999)} "
                                    f"{rng.randint(100, 999)}" if relation is Relation.HEAD else "")
            pid = db.write(lambda s, f=form: people.register_person(
                s, f, actor=team.desk, allow_similar=True, today=today))
            members.append((pid, relation))
            ids.append(pid)
        if size > 1:
            db.write(lambda s, m=members: _household(s, team, m))
    return ids[:count]


def _household(session, team: DemoTeam, members: list[tuple[int, Relation]]) -> None:
    for pid, relation in members:
        people.add_to_household(
            session, actor=team.desk, head_id=members[0][0], person_id=pid, relation=relation,
            expected_version=people.household_version(session, members[0][0]))


def _surname_form(surname: str, female: bool) -> str:
    if female and surname.endswith("ski"):
        return surname[:-1] + "a"
    if female and surname.endswith("cki"):
        return surname[:-1] + "a"
    if not female and surname.endswith("ska"):
        return surname[:-1] + "i"
    if not female and surname.endswith("cka"):
        return surname[:-1] + "i"
    return surname


def create_desk_work(db: Database, team: DemoTeam, rng: random.Random, person_ids: list[int],
                     *, today: date) -> None:
    heads = rng.sample(person_ids, min(len(person_ids), 125))
    for n, pid in enumerate(heads[:60]):
        received = datetime.combine(today - timedelta(days=rng.randint(0, 40)),
                                    time(rng.randint(8, 14), rng.choice([0, 15, 30, 45])))
        form = intake.IntakeForm(
            person_id=pid, reporter_kind=ReporterKind.SELF if n % 5 else ReporterKind.OTHER_PERSON,
            reporter_name="" if n % 5 else "Sąsiadka, p. Halina Wróbel",
            channel=rng.choice([Channel.IN_PERSON, Channel.IN_PERSON, Channel.PHONE,
                                Channel.LETTER]),
            problem=rng.choice(PROBLEMS), urgent=n % 7 == 0)
        intake_id = db.write(lambda s, f=form, r=received: intake.register_intake(
            s, f, actor=team.desk, now=r))
        state = n % 6
        if state == 0:
            continue  # still new, waiting at the desk
        if state == 1:
            db.write(lambda s, i=intake_id: intake.close_with_information(
                s, i, rng.choice(INFO_GIVEN), actor=team.desk))
        elif state == 2:
            db.write(lambda s, i=intake_id: intake.start_desk_interview(s, i, actor=team.desk))
        else:
            db.write(lambda s, i=intake_id, st=state, r=received: intake.route_intake(
                s, i, actor=team.desk, to_benefits=st in (3, 5), to_social_work=st in (4, 5),
                today=r.date()))
    for n, pid in enumerate(heads[60:100]):
        filed = today - timedelta(days=rng.randint(0, 45))
        form = intake.ApplicationForm(person_id=pid, benefit_kind=rng.choice(BENEFITS),
                                      filed_on=filed, description="Wniosek o przyznanie pomocy.",
                                      urgent=n % 9 == 0)
        db.write(lambda s, f=form: intake.register_application(s, f, actor=team.desk,
                                                               today=today))
    for pid in heads[100:115]:
        db.write(lambda s, p=pid: desk.issue_certificate(
            s, actor=team.desk, person_id=p, purpose="do przedłożenia w szkole",
            content="korzysta z pomocy Gminnego Ośrodka Pomocy Społecznej w Zbąszynku "
                    "w formie zasiłku okresowego.", today=today))
    handovers = db.write(lambda s: desk.waiting_documents(s, actor=team.desk))
    for row in handovers[:5]:
        db.write(lambda s, r=row: desk.hand_over(s, r.id, actor=team.desk,
                                                 handed_to=r.person_name, id_document="ABC123456",
                                                 on=today))
    for n, (pid, when) in enumerate(zip(heads[115:125], appointment_slots(today))):
        db.write(lambda s, p=pid, w=when, n=n: desk.make_appointment(
            s, actor=team.desk, person_id=p,
            worker_id=(team.social[n % 2] if n % 2 else team.benefits[0]).id,
            starts_at=w, purpose="Rozmowa w sprawie pomocy", now=datetime.combine(today, time())))


def appointment_slots(today: date, per_day: int = 3) -> Iterator[datetime]:
    """Free hours from the next working day on, ``per_day`` a day from 9:00, each hour
    given once: whatever the weekday or the holidays ahead, no worker is booked twice."""
    n = 0
    while True:
        day = rules.working_days_after(today, 1 + n // per_day)
        yield datetime.combine(day, time(9 + n % per_day))
        n += 1
