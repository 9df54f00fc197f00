"""Persons in households: names, addresses, PESEL and bank accounts."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, datetime, time
from typing import Any

from opsdesk.demo.large.plan import Plan, PlannedPerson
from opsdesk.demo.large.writer import Writer
from opsdesk.demo.names import FEMALE, MALE, STREETS, SURNAMES, TOWNS, pesel_for
from opsdesk.models import Household, HouseholdMember, Person
from opsdesk.models.enums import Relation, Sex
from opsdesk.services.search import fold

CASH_SHARE = 0.13  # clients without a bank account, paid at the cash desk
# Common Polish surnames beyond names.SURNAMES, masculine; the feminine form is derived.
MORE_SURNAMES = (
    "Adamczyk", "Dudek", "Zalewski", "Jakubowski", "Jasiński", "Zawadzki", "Sadowski", "Bąk",
    "Chmielewski", "Włodarczyk", "Borkowski", "Czarnecki", "Sawicki", "Sokołowski", "Urbański",
    "Kubiak", "Maciejewski", "Szczepański", "Kucharski", "Wilk", "Kalinowski", "Lis",
    "Mazurek", "Wysocki", "Adamski", "Kaźmierczak", "Wasilewski", "Sobczak", "Czerwiński",
    "Andrzejewski", "Cieślak", "Głowacki", "Zakrzewski", "Kołodziej", "Sikorski", "Krajewski",
    "Gajewski", "Szymczak", "Szulc", "Baranowski", "Laskowski", "Brzeziński", "Makowski",
    "Ziółkowski", "Przybylski", "Domański", "Nowacki", "Borowski", "Błaszczyk", "Chojnacki",
    "Ciesielski", "Mróz", "Szczepaniak", "Wesołowski", "Górecki", "Krupa", "Kaczmarczyk",
    "Leszczyński", "Lipiński", "Kowalewski", "Urbaniak", "Kozak", "Kania", "Mikołajczyk",
    "Czajkowski", "Mucha", "Tomczak", "Kozieł", "Markowski", "Kowalik", "Nawrocki",
    "Brzozowski", "Janik", "Musiał", "Wawrzyniak", "Markiewicz", "Orłowski", "Tomczyk",
    "Jarosz", "Kołodziejczyk", "Kurek", "Kopeć", "Żukowski", "Kaczmarek", "Dziedzic",
    "Grzelak", "Piątek", "Rogalski", "Pawlak", "Walczak", "Michalak", "Sowa", "Bielecki",
    "Ślusarczyk", "Łuczak", "Świątek", "Żurek", "Źrałek", "Bednarek", "Kwiecień", "Gołębiowski",
)
MORE_STREETS = (
    "ul. Lipowa", "ul. Klonowa", "ul. Leśna", "ul. Parkowa", "ul. Kwiatowa", "ul. Słoneczna",
    "ul. Krótka", "ul. Długa", "Rynek", "ul. Poznańska", "ul. Zielonogórska", "ul. Wolsztyńska",
    "ul. Chopina", "ul. Konopnickiej", "ul. Reymonta", "ul. Kopernika", "ul. Piłsudskiego",
    "ul. Orzeszkowej", "ul. Traugutta", "ul. Kasprowicza", "ul. Prusa", "ul. Moniuszki",
    "ul. Wojska Polskiego", "ul. Strzelecka", "ul. Młyńska", "ul. Topolowa", "ul. Brzozowa",
    "ul. Jaśminowa", "ul. Akacjowa", "ul. Bukowa", "ul. Żwirki i Wigury", "ul. Łużycka",
)
BANK_CODES = ("10205011", "10501562", "11402004", "12401431", "10901665", "16001462",
              "19401076", "10203088")


def nrb(rng: random.Random) -> str:
    """A valid Polish account number (NRB): two IBAN check digits, bank code, account."""
    bban = rng.choice(BANK_CODES) + "".join(rng.choice("0123456789") for _ in range(16))
    check = 98 - int(bban + "252100") % 97  # "PL00" moved to the end, letters as numbers
    return f"{check:02d}{bban}"


def feminine(surname: str) -> str:
    for ending in ("ski", "cki", "dzki"):
        if surname.endswith(ending):
            return surname[:-1] + "a"
    return surname


def household_sizes(rng: random.Random, households: int, persons: int) -> list[int]:
    """Households of 1–5 (a few larger), adding up to exactly ``persons``."""
    sizes = rng.choices(range(1, 6), weights=(30, 25, 20, 15, 10), k=households)
    diff = persons - sum(sizes)
    while diff:
        i = rng.randrange(households)
        if diff > 0 and sizes[i] < 8:
            sizes[i] += 1
            diff -= 1
        elif diff < 0 and sizes[i] > 1:
            sizes[i] -= 1
            diff += 1
    return sizes


def plan_people(plan: Plan, *, persons: int, households: int) -> None:
    rng, this_year = plan.rng, plan.today.year
    surnames = [(m, f) for m, f in SURNAMES] * 3 + [(m, feminine(m)) for m in MORE_SURNAMES]
    streets = STREETS + list(MORE_STREETS)
    pesels: set[str] = set()
    serial = 0
    next_id = 1

    def person(born: date, female: bool, pair: tuple[str, str], relation: Relation,
               home: tuple[str, str, str], banked: bool) -> PlannedPerson:
        nonlocal serial, next_id
        while True:
            serial += 1
            pesel = pesel_for(born, female, serial)
            if pesel not in pesels:
                break
        pesels.add(pesel)
        p = PlannedPerson(next_id, rng.choice(FEMALE if female else MALE),
                          pair[1] if female else pair[0], born, female, *home, pesel,
                          nrb(rng) if banked else "", relation)
        next_id += 1
        return p

    def birthday(first: int, last: int) -> date:
        return date(rng.randint(first, last), rng.randint(1, 12), rng.randint(1, 28))

    for size in household_sizes(rng, households, persons):
        street = f"{rng.choice(streets)} {rng.randint(1, 120)}"
        if rng.random() < 0.35:
            street += f"/{rng.randint(1, 40)}"
        code, town = rng.choice(TOWNS)
        home = (street, code, town)
        pair = rng.choice(surnames)
        head_female = rng.random() < 0.5
        head_born = birthday(this_year - 88, this_year - 26)
        members = [person(head_born, head_female, pair, Relation.HEAD, home,
                          rng.random() >= CASH_SHARE)]
        for index in range(1, size):
            if index == 1 and rng.random() < 0.7:
                born = birthday(head_born.year - 5, min(head_born.year + 5, this_year - 20))
                relation, female = Relation.SPOUSE, not head_female
            else:
                first = min(head_born.year + 18, this_year - 1)
                born = birthday(first, min(head_born.year + 45, this_year - 1))
                relation, female = Relation.CHILD, rng.random() < 0.5
            banked = this_year - born.year >= 18 and rng.random() < 0.6
            members.append(person(born, female, pair, relation, home, banked))
        plan.households.append(members)


def person_row(p: PlannedPerson, created: datetime) -> dict[str, Any]:
    search_text = fold(" ".join(filter(None, [p.last, p.first, p.pesel, p.street, p.city])))
    return {"id": p.id, "pesel": p.pesel, "first_name": p.first, "last_name": p.last,
            "birth_date": p.born, "sex": Sex.FEMALE if p.female else Sex.MALE,
            "street": p.street, "postal_code": p.code, "city": p.city,
            "phone": f"{600 + p.id % 200} {p.id % 900 + 100} {p.pesel[-3:]}"
            if p.relation is Relation.HEAD else "",
            "bank_account": p.bank, "search_text": search_text, "last_name_key": fold(p.last),
            "created_at": created}


def write_people(w: Writer, plan: Plan) -> None:
    created = datetime.combine(plan.start, time(8, 0))
    desk = plan.team.desk.id

    def persons() -> Iterator[dict[str, Any]]:
        for members in plan.households:
            for p in members:
                w.created(created, desk, "Person", p.id)
                yield person_row(p, created)

    w.rows(Person.__table__, persons())
    w.rows(Household.__table__, ({"id": i, "created_at": created}
                                 for i in range(1, len(plan.households) + 1)))
    w.rows(HouseholdMember.__table__, (
        {"id": p.id, "household_id": hid, "person_id": p.id, "relation": p.relation}
        for hid, members in enumerate(plan.households, start=1) for p in members))
