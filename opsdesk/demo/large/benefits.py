"""A large, realistic database for measuring speed (`opsdesk demo-data --size large`).

Ten years of a busy centre: 50 000 persons in 20 000 households, ~115 000 cases with their
applications and family interviews (and the 6-monthly updates of permanent clients),
~150 000 decisions, ~1 000 000 payouts on monthly payout lists with their "Kasa wypłaci"
receipts, certificates, appointments, social work with notes and contracts, formal
messages and the audit log. Deterministic for a seed and a day: the ten years end on
``today``.

The records follow the program's own model, as ten years of work in it would leave them:
zasiłek stały granted na czas nieokreślony and changed when the legal figures change,
monthly benefits paid per calendar month (the first one prorated), one-off ones once, help
in kind without payouts; payouts scheduled a year ahead and put on the list of their method
for the first payout date on or after they fall due; cash lists approved with a receipt per
payout waiting at "Do odbioru"; decided cases stay decided (the program never closes one).

The small demo goes through the services so that it obeys every rule; at this size that
would take hours, so the rows are planned in memory, numbered in date order, and written with
SQLAlchemy Core in chunks inside a few big transactions. What the services derive is kept
right: a person's search columns (as ``people._index`` builds them), document numbers unique
per year and given in date order, and the counters (the highest number used per kind and
year), so the next number drawn in the program continues each series. Amounts are plausible
(within the legal range of a zasiłek stały), not counted from incomes."""

from __future__ import annotations

import logging
import random
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from time import perf_counter
from typing import Any

from sqlalchemy import Table, insert, text
from sqlalchemy.orm import Session

from opsdesk.db import Database
from opsdesk.demo import DEMO_PASSWORD, staff
from opsdesk.demo.desk import INFO_GIVEN, PROBLEMS
from opsdesk.demo.names import FEMALE, MALE, STREETS, SURNAMES, TOWNS, pesel_for
from opsdesk.demo.staff import DemoTeam
from opsdesk.labels import label
from opsdesk.models import (
    Application,
    Appointment,
    AuditEntry,
    Case,
    CaseMessage,
    CashReceipt,
    Certificate,
    Counter,
    Decision,
    Handover,
    Household,
    HouseholdMember,
    Income,
    Intake,
    Interview,
    InterviewMember,
    Payout,
    PayoutList,
    Person,
    SocialContract,
    SocialTask,
    SocialWorkCase,
    SocialWorkNote,
)
from opsdesk.models.enums import (
    AppointmentStatus,
    AuditAction,
    BenefitKind,
    CaseKind,
    CaseStatus,
    Channel,
    ContractStatus,
    DecisionKind,
    DecisionStatus,
    DocumentKind,
    IncomeSource,
    IntakeStatus,
    InterviewKind,
    MessageKind,
    PayoutListStatus,
    PayoutMethod,
    PayoutStatus,
    Relation,
    ReporterKind,
    Sex,
    SocialWorkMethod,
    SocialWorkSource,
    SocialWorkStage,
    SocialWorkStatus,
    TaskKind,
    TaskStatus,
    Team,
)
from opsdesk.services import deadline_store, rules
from opsdesk.services.decisions.amounts import default_legal_basis
from opsdesk.services.decisions.catalogue import (
    BENEFITS,
    KIND_TITLES,
    REFUSAL_GROUNDS,
    Payment,
    RefusalGround,
)
from opsdesk.services.payouts.schedule import HORIZON_MONTHS, last_of_month, period_text
from opsdesk.services.search import fold

log = logging.getLogger(__name__)

PERSONS = 50_000
HOUSEHOLDS = 20_000
YEARS = 10
CHUNK = 10_000
LIST_DAY = 10  # payout lists are paid on the 10th of each month (or the next working day)
REPORT_DAYS = 7  # the office's default days for a referred client to come

# Clients per household and year (scaled to the number of households).
STALY_SHARE = 0.38  # receiving a zasiłek stały at any time
STALY_CHURN = 0.12  # of them leave (and are replaced) each year
OKRESOWY_SHARE = 0.10
CELOWY_SHARE = 0.33
POSILEK_SHARE = 0.06
USLUGI_SHARE = 0.015
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
PURPOSES = ("zakup opału na okres zimowy", "zakup żywności", "zakup leków",
            "opłacenie rachunku za energię elektryczną", "zakup odzieży i obuwia",
            "zakup podręczników i przyborów szkolnych", "opłacenie czynszu za mieszkanie")
IN_KIND_SCOPE = {BenefitKind.POSILEK: "jeden gorący posiłek dziennie w stołówce szkolnej",
                 BenefitKind.USLUGI_OPIEKUNCZE: "usługi opiekuńcze 2 godziny dziennie w dni "
                                                "robocze, odpłatność wg uchwały rady gminy"}
NEEDS = ("Potrzeba zaspokojenia podstawowych potrzeb bytowych: żywność, opał, leki.",
         "Potrzeba wsparcia w opiece nad osobą starszą i chorą.",
         "Potrzeba pomocy w zakupie wyprawki szkolnej dla dzieci.")
DIAGNOSES = ("Rodzina nie jest w stanie samodzielnie pokryć kosztów utrzymania.",
             "Długotrwała choroba ogranicza możliwość podjęcia pracy.",
             "Bezrobocie i brak kwalifikacji zawodowych.")
PLANS = ("Przyznanie świadczenia; rejestracja w PUP; kontakt za trzy miesiące.",
         "Przyznanie świadczenia; skierowanie do pracownika socjalnego.",
         "Przyznanie świadczenia; pomoc w uzyskaniu orzeczenia o niepełnosprawności.")
REASONS = {BenefitKind.ZASILEK_STALY: "NIEPELNOSPRAWNOSC",
           BenefitKind.ZASILEK_OKRESOWY: "UBOSTWO,BEZROBOCIE",
           BenefitKind.ZASILEK_CELOWY: "UBOSTWO", BenefitKind.POSILEK: "UBOSTWO,MACIERZYNSTWO",
           BenefitKind.USLUGI_OPIEKUNCZE: "CHOROBA"}
NOTES = {
    SocialWorkStage.DIAGNOSIS: "Pierwsze spotkanie; omówiono sytuację rodziny i jej zasoby.",
    SocialWorkStage.PLAN: "Uzgodniono z klientem cele pracy i kolejne kroki.",
    SocialWorkStage.WORK: "Klient realizuje ustalenia; wspólna wizyta w PUP.",
    SocialWorkStage.EVALUATION: "Ocena: cele w większości osiągnięte, sytuacja ustabilizowana.",
}
CERTIFICATE_PURPOSES = ("do przedłożenia w szkole", "do przedłożenia w Urzędzie Gminy",
                        "do przedłożenia w spółdzielni mieszkaniowej", "do przedłożenia w sądzie")


# --- the plan: light records, numbered in date order before anything is written ----------------


@dataclass(slots=True, eq=False)
class PlannedPerson:
    id: int
    first: str
    last: str
    born: date
    female: bool
    street: str
    code: str
    city: str
    pesel: str
    bank: str
    relation: Relation

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"

    @property
    def address(self) -> str:
        return f"{self.street}, {self.code} {self.city}"


@dataclass(slots=True, eq=False)
class PlannedIntake:
    received_at: datetime
    person: PlannedPerson
    status: IntakeStatus
    to_benefits: bool = False
    to_social_work: bool = False
    id: int = 0


@dataclass(slots=True, eq=False)
class PlannedDecision:
    case: PlannedCase
    kind: DecisionKind
    benefit: BenefitKind
    status: DecisionStatus
    issued_on: date | None
    amount: Decimal | None = None
    period_from: date | None = None
    period_to: date | None = None  # None: na czas nieokreślony (or a correction keeping it)
    root: PlannedDecision | None = None  # what a correction changes or revokes
    corrections: list[PlannedDecision] = field(default_factory=list)
    id: int = 0
    year: int | None = None
    seq: int | None = None

    @property
    def number(self) -> str | None:
        if self.seq is None:
            return None
        return f"{staff.DEMO_OFFICE.case_symbol}.DEC.{self.seq}.{self.year}"


@dataclass(slots=True, eq=False)
class PlannedCase:
    person: PlannedPerson
    household: list[PlannedPerson]
    benefit: BenefitKind
    started_on: date
    method: PayoutMethod
    worker_id: int
    urgent: bool
    intake: PlannedIntake | None = None
    interview_on: date | None = None
    updates: list[date] = field(default_factory=list)  # interview updates (permanent help)
    status: CaseStatus = CaseStatus.NEW
    decisions: list[PlannedDecision] = field(default_factory=list)
    id: int = 0
    number: int = 0
    interview_id: int | None = None

    @property
    def learned_on(self) -> date:
        return self.intake.received_at.date() if self.intake else self.started_on

    @property
    def sign(self) -> str:
        return f"{staff.DEMO_OFFICE.case_symbol}.{self.number}.{self.started_on.year}"


@dataclass(slots=True, eq=False)
class PlannedSocialWork:
    person: PlannedPerson
    source: SocialWorkSource
    referred_on: date
    worker_id: int
    intake: PlannedIntake | None = None
    case: PlannedCase | None = None
    referral: PlannedMessage | None = None
    id: int = 0


@dataclass(slots=True, eq=False)
class PlannedMessage:
    kind: MessageKind
    person: PlannedPerson
    written_on: date
    author_id: int
    to_team: Team
    to_user_id: int | None
    body: str
    case: PlannedCase | None = None
    social_work: PlannedSocialWork | None = None
    automatic: bool = False
    id: int = 0
    seq: int = 0

    @property
    def number(self) -> str:
        prefix = "PS" if self.to_team is Team.BENEFITS else "SK"
        return f"{prefix}.{self.seq}.{self.written_on.year}"


class Plan:
    """Everything to be written, and the highest number used per kind and year."""

    def __init__(self, rng: random.Random, team: DemoTeam, today: date, years: int) -> None:
        self.rng = rng
        self.team = team
        self.today = today
        self.start = date(today.year - years + 1, 1, 1)
        self.years = years
        self.households: list[list[PlannedPerson]] = []
        self.cases: list[PlannedCase] = []
        self.intakes: list[PlannedIntake] = []
        self.social_work: list[PlannedSocialWork] = []
        self.messages: list[PlannedMessage] = []
        self.counters: dict[tuple[str, int], int] = defaultdict(int)
        # Payout lists exist for every month whose payout date has passed.
        self.last_list = add_months(today, 0 if payout_date(today) < today else -1)

    def next_number(self, kind: str, year: int) -> int:
        self.counters[kind, year] += 1
        return self.counters[kind, year]

    def months(self) -> Iterator[date]:
        """The first day of every month from the start to this month."""
        month = self.start
        while month <= self.today:
            yield month
            month = add_months(month, 1)

    def per_year(self, share: float) -> int:
        return max(1, round(share * len(self.households)))


def add_months(d: date, n: int) -> date:
    """The first day of the month ``n`` months after ``d``'s."""
    index = d.year * 12 + d.month - 1 + n
    return date(index // 12, index % 12 + 1, 1)


def workday(d: date) -> date:
    while d.weekday() >= 5:
        d += timedelta(days=1)
    return d


def payout_date(month: date) -> date:
    """The day the month's payout lists are paid."""
    return workday(month.replace(day=LIST_DAY))


def at(d: date, rng: random.Random) -> datetime:
    """An hour the office is open."""
    return datetime.combine(d, time(rng.randint(8, 14), rng.choice((0, 10, 20, 30, 40, 50))))


def money(rng: random.Random, low: Decimal | int, high: Decimal | int) -> Decimal:
    return Decimal(rng.randint(int(low * 100), int(high * 100))).scaleb(-2)


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


def _poisson(rng: random.Random, mean: float) -> int:
    """A small count around ``mean`` (whole part, plus one with the fractional chance)."""
    whole = int(mean)
    return whole + (1 if rng.random() < mean - whole else 0)


def _days(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, max(0, (last - first).days)))


# --- people ---------------------------------------------------------------------------------------


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


# --- benefits: cases, interviews, decisions -----------------------------------------------------


def plan_benefits(plan: Plan) -> None:
    plan_staly(plan)
    plan_yearly(plan, BenefitKind.ZASILEK_OKRESOWY, OKRESOWY_SHARE)
    plan_yearly(plan, BenefitKind.ZASILEK_CELOWY, CELOWY_SHARE)
    plan_yearly(plan, BenefitKind.POSILEK, POSILEK_SHARE)
    plan_yearly(plan, BenefitKind.USLUGI_OPIEKUNCZE, USLUGI_SHARE)
    # Ids and numbers in the order the cases came in, as the program would have given them.
    plan.cases.sort(key=lambda c: c.started_on)
    interview_id = 0
    for case_id, case in enumerate(plan.cases, start=1):
        case.id = case_id
        case.number = plan.next_number("CASE", case.started_on.year)
        if case.interview_on is not None:
            interview_id += 1
            case.interview_id = interview_id
            interview_id += len(case.updates)
    number_decisions(plan)


def plan_staly(plan: Plan) -> None:
    """Permanent clients: granted na czas nieokreślony, changed whenever the legal figures
    change, interviewed again every six months, revoked when they leave (and replaced)."""
    rng, today = plan.rng, plan.today
    count = plan.per_year(STALY_SHARE)
    free = list(range(len(plan.households)))
    rng.shuffle(free)
    starts = [(free.pop(), _days(rng, plan.start, plan.start + timedelta(days=180)))
              for _ in range(min(count, len(free)))]
    for year in range(plan.start.year + 1, today.year + 1):
        for _ in range(round(count * STALY_CHURN)):
            if free:
                starts.append((free.pop(), _days(rng, date(year, 1, 1), date(year, 12, 31))))
    for household, started in starts:
        started = workday(started)
        if started > today:
            continue
        case = plan_case(plan, BenefitKind.ZASILEK_STALY, household, started)
        root = case.decisions[0] if case.decisions else None
        if root is None or root.issued_on is None or root.kind is not DecisionKind.GRANTING:
            continue
        leaves = root.issued_on + timedelta(days=30 + int(rng.expovariate(STALY_CHURN) * 365))
        for figures in rules.LEGAL_FIGURES:
            effective = figures.valid_from
            issued = workday(effective - timedelta(days=rng.randint(10, 30)))
            if root.issued_on < issued <= today and effective < leaves:
                correction(plan, root, DecisionKind.CHANGING, issued, effective,
                           staly_amount(rng, effective))
        if leaves <= today:
            correction(plan, root, DecisionKind.REVOKING, workday(leaves),
                       add_months(leaves, 1), None)
        assert case.interview_on is not None
        update = rules.add_months(case.interview_on, rules.INTERVIEW_UPDATE_MONTHS)
        while update <= min(today, leaves):
            update = workday(update - timedelta(days=rng.randint(0, 20)))
            case.updates.append(update)
            update = rules.add_months(update, rules.INTERVIEW_UPDATE_MONTHS)


def staly_amount(rng: random.Random, on: date) -> Decimal:
    figures = rules.LEGAL_FIGURES[0] if on < rules.LEGAL_FIGURES[0].valid_from \
        else rules.figures_on(on)
    return money(rng, max(figures.staly_min, Decimal(150)), figures.staly_max)


def correction(plan: Plan, root: PlannedDecision, kind: DecisionKind, issued: date,
               effective: date, amount: Decimal | None) -> None:
    later = PlannedDecision(root.case, kind, root.benefit, DecisionStatus.ISSUED, issued,
                            amount, period_from=effective, root=root)
    root.corrections.append(later)
    root.case.decisions.append(later)


def plan_yearly(plan: Plan, benefit: BenefitKind, share: float) -> None:
    """Benefits applied for again and again: a fixed month per household for the periodic
    ones (so two periods never overlap), any day for zasiłki celowe."""
    rng, today = plan.rng, plan.today
    households = len(plan.households)
    eligible = [i for i, h in enumerate(plan.households)
                if benefit is not BenefitKind.POSILEK or len(h) >= 3]
    month_of: dict[int, int] = {}
    for year in range(plan.start.year, today.year + 1):
        taken: set[int] = set()
        for _ in range(plan.per_year(share)):
            household = rng.choice(eligible) if eligible else rng.randrange(households)
            if benefit is BenefitKind.ZASILEK_CELOWY:
                started = _days(rng, date(year, 1, 1), date(year, 12, 31))
            elif household in taken:
                continue  # one period a year
            elif benefit is BenefitKind.POSILEK:
                started = _days(rng, date(year, 8, 20), date(year, 9, 10))
            else:
                month = month_of.setdefault(household, rng.randint(1, 6))
                started = date(year, month, rng.randint(1, 25))
            taken.add(household)
            started = workday(started)
            if started <= today:
                plan_case(plan, benefit, household, started)


def plan_case(plan: Plan, benefit: BenefitKind, household: int, started: date) -> PlannedCase:
    """A case from the application (or a routed intake) to its decision, as far as it got."""
    rng, today, team = plan.rng, plan.today, plan.team
    members = plan.households[household]
    client = members[0]
    worker = team.benefits[rng.randrange(len(team.benefits))].id
    case = PlannedCase(client, members, benefit, started,
                       PayoutMethod.TRANSFER if client.bank else PayoutMethod.CASH, worker,
                       urgent=rng.random() < 0.05)
    plan.cases.append(case)
    if benefit in (BenefitKind.ZASILEK_OKRESOWY, BenefitKind.ZASILEK_CELOWY) \
            and rng.random() < 0.3:
        received = at(workday(started - timedelta(days=rng.randint(0, 2))), rng)
        case.intake = PlannedIntake(received, client, IntakeStatus.ROUTED, to_benefits=True)
        plan.intakes.append(case.intake)
    interview_on = rules.working_days_after(case.learned_on,
                                            1 if case.urgent else rng.randint(1, 12))
    issued = rules.working_days_after(interview_on, rng.randint(2, 12))
    if interview_on > today:
        case.status = CaseStatus.NEW if rng.random() < 0.5 else CaseStatus.IN_PROGRESS
        return case
    case.interview_on = interview_on
    period_from, period_to = period_of(plan, benefit, started, issued)
    amount = benefit_amount(rng, benefit, started)
    if issued > today:
        near = (issued - today).days <= 3
        case.status = CaseStatus.AWAITING_APPROVAL if near else CaseStatus.IN_PROGRESS
        if near or rng.random() < 0.5:
            case.decisions.append(PlannedDecision(
                case, DecisionKind.GRANTING, benefit,
                DecisionStatus.AWAITING_APPROVAL if near else DecisionStatus.DRAFT, None,
                amount, period_from, period_to))
        return case
    case.status = CaseStatus.DECIDED
    refused = rng.random() < (0.03 if benefit is BenefitKind.ZASILEK_STALY else 0.1)
    case.decisions.append(PlannedDecision(
        case, DecisionKind.REFUSING if refused else DecisionKind.GRANTING, benefit,
        DecisionStatus.ISSUED, issued, None if refused else amount,
        None if refused else period_from, None if refused else period_to))
    return case


def period_of(plan: Plan, benefit: BenefitKind, started: date, issued: date
              ) -> tuple[date, date | None]:
    rng = plan.rng
    if benefit is BenefitKind.ZASILEK_STALY:
        return started, None  # from the application, na czas nieokreślony
    if benefit is BenefitKind.ZASILEK_OKRESOWY:
        return started, last_of_month(add_months(started, rng.randint(2, 5)))
    if benefit is BenefitKind.ZASILEK_CELOWY:
        return workday(issued + timedelta(days=rng.randint(0, 7))), None
    if benefit is BenefitKind.POSILEK:
        return max(issued, date(started.year, 9, 1)), date(started.year + 1, 6, 30)
    return issued, last_of_month(add_months(issued, 11))


def benefit_amount(rng: random.Random, benefit: BenefitKind, on: date) -> Decimal | None:
    if benefit is BenefitKind.ZASILEK_STALY:
        return staly_amount(rng, on)
    if benefit is BenefitKind.ZASILEK_OKRESOWY:
        return money(rng, 200, 800)
    if benefit is BenefitKind.ZASILEK_CELOWY:
        return money(rng, 150, 1200)
    return None  # in kind


def number_decisions(plan: Plan) -> None:
    """Ids in the order decisions were issued (drafts last), numbers per year."""
    decisions = [d for c in plan.cases for d in c.decisions]
    decisions.sort(key=lambda d: (d.issued_on or date.max, d.case.id))
    for decision_id, d in enumerate(decisions, start=1):
        d.id = decision_id
        if d.issued_on is not None:
            d.year = d.issued_on.year
            d.seq = plan.next_number("DECISION", d.year)


# --- payouts: the schedule of each granting decision --------------------------------------------


@dataclass(slots=True)
class PlannedPayout:
    decision: PlannedDecision  # the one whose amount it pays (a root or its change)
    start: date
    end: date
    amount: Decimal
    due: date


def schedule(plan: Plan, root: PlannedDecision) -> Iterator[PlannedPayout]:
    """What ``payouts.schedule.sync_payouts`` and ``extend_open_ended`` leave for a granting decision:
    one payout for a one-off benefit; for a monthly one a payout per calendar month (the
    first and last prorated), from each change on at its amount, up to the end, the
    revocation, or for an open-ended one the later of a year ahead and this month's list."""
    assert root.issued_on is not None and root.period_from is not None
    if BENEFITS[root.benefit].payment is Payment.ONE_OFF:
        assert root.amount is not None
        yield PlannedPayout(root, root.period_from, root.period_from, root.amount,
                            max(root.period_from, root.issued_on))
        return
    end = root.period_to
    changes: list[PlannedDecision] = []
    for c in sorted(root.corrections, key=lambda c: c.period_from or date.min):
        if c.kind is DecisionKind.REVOKING:
            assert c.period_from is not None
            end = min(end, c.period_from - timedelta(days=1)) if end else \
                c.period_from - timedelta(days=1)
        else:
            changes.append(c)
    if end is None:
        issued = max([root.issued_on, *(c.issued_on for c in changes if c.issued_on)])
        end = max(last_of_month(rules.add_months(max(issued, root.period_from),
                                                 HORIZON_MONTHS - 1)),
                  last_of_month(plan.last_list))
    month = add_months(root.period_from, 0)
    while month <= end:
        start, stop = max(month, root.period_from), min(last_of_month(month), end)
        source = root
        for c in changes:
            if c.period_from and c.period_from <= start:
                source = c
        assert source.amount is not None and source.issued_on is not None
        yield PlannedPayout(source, start, stop, rules.prorate(source.amount, start, stop),
                            max(start, source.issued_on))
        month = add_months(month, 1)


# --- desk: intakes not tied to a case -------------------------------------------------------------


def plan_desk(plan: Plan) -> None:
    """Intakes closed with information, routed to social work, and the ones waiting now."""
    rng, today = plan.rng, plan.today
    households = len(plan.households)
    day = plan.start
    while day <= today:
        if day.weekday() < 5:
            for _ in range(_poisson(rng, households * 0.0002)):
                client = plan.households[rng.randrange(households)][0]
                received = at(day, rng)
                recent = (today - day).days < 14
                roll = rng.random()
                if recent and roll < 0.3:
                    status = IntakeStatus.NEW if roll < 0.25 else IntakeStatus.DESK_INTERVIEW
                    plan.intakes.append(PlannedIntake(received, client, status))
                elif roll < 0.55:
                    plan.intakes.append(PlannedIntake(received, client, IntakeStatus.INFORMED))
                else:
                    intake = PlannedIntake(received, client, IntakeStatus.ROUTED,
                                           to_social_work=True)
                    plan.intakes.append(intake)
                    plan.social_work.append(PlannedSocialWork(
                        client, SocialWorkSource.FIRST_CONTACT, day,
                        rng.choice(plan.team.social).id, intake=intake))
        day += timedelta(days=1)
    plan.intakes.sort(key=lambda i: i.received_at)
    for intake_id, intake in enumerate(plan.intakes, start=1):
        intake.id = intake_id


# --- social work and messages -------------------------------------------------------------------


def plan_social_work(plan: Plan) -> None:
    """Referrals from benefits (with their formal message) and the centre's own clients;
    ids in date order."""
    rng, team = plan.rng, plan.team
    for case in plan.cases:
        issued = next((d for d in case.decisions if d.issued_on), None)
        if issued is None or case.benefit not in (BenefitKind.ZASILEK_OKRESOWY,
                                                  BenefitKind.ZASILEK_CELOWY):
            continue
        if rng.random() < 0.06:
            assert issued.issued_on is not None
            sw = PlannedSocialWork(case.person, SocialWorkSource.BENEFITS_REFERRAL,
                                   issued.issued_on, rng.choice(team.social).id, case=case)
            sw.referral = PlannedMessage(
                MessageKind.REFERRAL, case.person, issued.issued_on, case.worker_id,
                Team.SOCIAL_WORK, None, f"Kieruję {case.person.name} do pracownika socjalnego "
                "w celu ustalenia możliwości pokonania trudnej sytuacji życiowej.",
                case=case, social_work=sw)
            plan.messages.append(sw.referral)
            plan.social_work.append(sw)
    households = len(plan.households)
    for month in plan.months():
        for _ in range(max(1, round(households * 0.001))):
            day = workday(month + timedelta(days=rng.randint(0, 27)))
            if day <= plan.today:
                client = plan.households[rng.randrange(households)][0]
                plan.social_work.append(PlannedSocialWork(client, SocialWorkSource.OWN, day,
                                                          rng.choice(team.social).id))
    plan.social_work.sort(key=lambda s: s.referred_on)
    for sw_id, sw in enumerate(plan.social_work, start=1):
        sw.id = sw_id


def number_messages(plan: Plan) -> None:
    plan.messages.sort(key=lambda m: m.written_on)
    for message_id, m in enumerate(plan.messages, start=1):
        m.id = message_id
        m.seq = plan.next_number("MESSAGE_PS" if m.to_team is Team.BENEFITS else "MESSAGE_SK",
                                 m.written_on.year)


# --- writing --------------------------------------------------------------------------------------


class Writer:
    """Rows of one table go in chunks through one Core INSERT; the audit entries of what was
    created are written alongside, as the flush listener would have."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.written: dict[str, int] = defaultdict(int)
        self.audit: list[dict[str, Any]] = []

    def rows(self, table: Table, rows: Iterable[dict[str, Any]]) -> None:
        chunk: list[dict[str, Any]] = []
        for row in rows:
            chunk.append(row)
            if len(chunk) >= CHUNK:
                self._insert(table, chunk)
                chunk = []
        if chunk:
            self._insert(table, chunk)

    def _insert(self, table: Table, chunk: list[dict[str, Any]]) -> None:
        self.session.execute(insert(table), chunk)
        self.written[table.name] += len(chunk)
        if self.audit:
            audit, self.audit = self.audit, []
            self._insert(AuditEntry.__table__, audit)

    def created(self, when: datetime, user_id: int, entity: str, entity_id: int) -> None:
        self.audit.append({"at": when, "user_id": user_id, "action": AuditAction.CREATE,
                           "entity": entity, "entity_id": entity_id, "details": "{}"})

    def finish(self) -> None:
        if self.audit:
            audit, self.audit = self.audit, []
            self._insert(AuditEntry.__table__, audit)


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


def write_intakes(w: Writer, plan: Plan) -> None:
    rng, desk = plan.rng, plan.team.desk.id

    def rows() -> Iterator[dict[str, Any]]:
        for i in plan.intakes:
            closed = (None if i.status in (IntakeStatus.NEW, IntakeStatus.DESK_INTERVIEW)
                      else i.received_at + timedelta(minutes=rng.randint(10, 50)))
            other = rng.random() < 0.15
            w.created(i.received_at, desk, "Intake", i.id)
            yield {"id": i.id, "received_at": i.received_at, "received_by_id": desk,
                   "person_id": i.person.id,
                   "reporter_kind": ReporterKind.OTHER_PERSON if other else ReporterKind.SELF,
                   "reporter_name": "Sąsiadka, p. Halina Wróbel" if other else "",
                   "channel": rng.choice((Channel.IN_PERSON, Channel.IN_PERSON, Channel.PHONE,
                                          Channel.LETTER)),
                   "problem": rng.choice(PROBLEMS), "urgent": rng.random() < 0.05,
                   "status": i.status, "routed_to_benefits": i.to_benefits,
                   "routed_to_social_work": i.to_social_work,
                   "outcome": rng.choice(INFO_GIVEN) if i.status is IntakeStatus.INFORMED
                   else "", "closed_at": closed, "created_at": i.received_at}

    w.rows(Intake.__table__, rows())


def write_cases(w: Writer, plan: Plan) -> None:
    rng, desk = plan.rng, plan.team.desk.id

    def cases() -> Iterator[dict[str, Any]]:
        for c in plan.cases:
            created = at(c.started_on, rng)
            w.created(created, desk, "Case", c.id)
            yield {"id": c.id, "sign": c.sign, "year": c.started_on.year, "number": c.number,
                   "kind": CaseKind.BENEFIT, "team": Team.BENEFITS, "status": c.status,
                   "person_id": c.person.id, "intake_id": c.intake.id if c.intake else None,
                   "assigned_to_id": None if c.status is CaseStatus.NEW else c.worker_id,
                   "started_on": c.started_on, "learned_on": c.learned_on, "urgent": c.urgent,
                   "subject": f"Wniosek o {BENEFITS[c.benefit].accusative}",
                   "created_at": created}

    w.rows(Case.__table__, cases())
    w.rows(Application.__table__, (
        {"id": c.id, "case_id": c.id, "person_id": c.person.id, "filed_on": c.started_on,
         "benefit_kind": c.benefit,
         "channel": Channel.LETTER if c.id % 7 == 0 else Channel.IN_PERSON,
         "description": f"Wniosek o {BENEFITS[c.benefit].accusative}.",
         "registered_by_id": desk, "created_at": datetime.combine(c.started_on, time(9, 0))}
        for c in plan.cases))
    interviewed = [c for c in plan.cases if c.interview_id is not None]
    w.rows(Interview.__table__, interview_rows(interviewed))
    w.rows(InterviewMember.__table__, (
        {"interview_id": c.interview_id, "person_id": p.id, "relation": p.relation}
        for c in interviewed for p in c.household))
    w.rows(Income.__table__, income_rows(plan, interviewed))


def interview_rows(cases: list[PlannedCase]) -> Iterator[dict[str, Any]]:
    """The full interview of each case, then the updates of a permanent client (part IV)."""
    for c in cases:
        assert c.interview_id is not None and c.interview_on is not None
        for n, on in enumerate([c.interview_on, *c.updates]):
            yield {"id": c.interview_id + n, "case_id": c.id, "person_id": c.person.id,
                   "kind": InterviewKind.UPDATE if n else InterviewKind.FULL,
                   "carried_out_on": on, "carried_out_by_id": c.worker_id,
                   "income_month": add_months(on if n else c.started_on, -1),
                   "single": len(c.household) == 1, "reasons": REASONS[c.benefit],
                   "needs": NEEDS[c.id % len(NEEDS)], "diagnosis": DIAGNOSES[c.id % len(DIAGNOSES)],
                   "plan": PLANS[c.id % len(PLANS)], "completed": True,
                   "created_at": datetime.combine(on, time(12, 0))}


def income_rows(plan: Plan, cases: list[PlannedCase]) -> Iterator[dict[str, Any]]:
    rng = plan.rng
    sources = {BenefitKind.ZASILEK_STALY: IncomeSource.PENSION,
               BenefitKind.POSILEK: IncomeSource.EMPLOYMENT,
               BenefitKind.USLUGI_OPIEKUNCZE: IncomeSource.PENSION}
    for c in cases:
        adults = [p for p in c.household if c.started_on.year - p.born.year >= 18]
        for p in adults[:2]:
            source = sources.get(c.benefit, rng.choice((IncomeSource.UNEMPLOYMENT,
                                                         IncomeSource.EMPLOYMENT,
                                                         IncomeSource.FAMILY_BENEFITS)))
            gross = money(rng, 0 if c.benefit is BenefitKind.ZASILEK_STALY else 300, 2400)
            yield {"interview_id": c.interview_id, "person_id": p.id, "source": source,
                   "gross": gross, "tax": Decimal("0.00"),
                   "contributions": (gross * Decimal("0.1371")).quantize(Decimal("0.01"))
                   if source is IncomeSource.EMPLOYMENT else Decimal("0.00")}


def write_decisions(w: Writer, plan: Plan) -> None:
    head = plan.team.head
    decisions = sorted((d for c in plan.cases for d in c.decisions), key=lambda d: d.id)
    bases: dict[tuple[DecisionKind, BenefitKind], str] = {}

    def rows() -> Iterator[dict[str, Any]]:
        for d in decisions:
            c = d.case
            granting = d.kind is DecisionKind.GRANTING
            refusing = d.kind is DecisionKind.REFUSING
            paid = granting and d.amount is not None
            key = (d.kind, d.benefit)
            if key not in bases:
                bases[key] = default_legal_basis(d.kind, d.benefit, reasons=REASONS[d.benefit],
                                                 ground=RefusalGround.INCOME)
            created = at(d.issued_on or c.interview_on or c.started_on, plan.rng)
            w.created(created, c.worker_id, "Decision", d.id)
            yield {
                "id": d.id, "case_id": c.id, "person_id": c.person.id, "kind": d.kind,
                "benefit_kind": d.benefit, "status": d.status, "number": d.number,
                "year": d.year, "seq": d.seq, "drafted_by_id": c.worker_id,
                "approved_by_id": head.id if d.issued_on else None, "issued_on": d.issued_on,
                "delivered_on": delivered(plan, d), "legal_basis": bases[key],
                "amount": d.amount, "computed_amount": d.amount if granting else None,
                "requested_amount": d.amount if granting else None,
                "period_from": None if d.root else d.period_from,
                "period_to": None if d.root else d.period_to,
                "effective_from": d.period_from if d.root else None,
                "payout_method": c.method if paid else None,
                "bank_account": c.person.bank if paid and c.method is PayoutMethod.TRANSFER
                else "",
                "purpose": purpose(d) if granting else "",
                "refusal_ground": RefusalGround.INCOME.value if refusing else "",
                "justification": "Organ ustalił, że "
                                 f"{REFUSAL_GROUNDS[RefusalGround.INCOME][1]}." if refusing
                else "",
                "corrects_decision_id": d.root.id if d.root else None,
                "interview_id": c.interview_id, "party_name": c.person.name,
                "party_address": c.person.address,
                "signatory_name": head.full_name if d.issued_on else "",
                "signatory_position": staff.DEMO_OFFICE.head_position if d.issued_on else "",
                "created_at": created}

    w.rows(Decision.__table__, rows())
    w.rows(Handover.__table__, (
        {"document_kind": DocumentKind.DECISION, "document_id": d.id,
         "person_id": d.case.person.id,
         "title": f"Decyzja nr {d.number} — {KIND_TITLES[d.kind]}: {label(d.benefit)}",
         **handed(plan, d.case.person, delivered(plan, d)),
         "created_at": datetime.combine(d.issued_on, time(14, 0))}
        for d in decisions if d.issued_on is not None))


def purpose(d: PlannedDecision) -> str:
    if d.benefit is BenefitKind.ZASILEK_CELOWY:
        return PURPOSES[d.case.id % len(PURPOSES)]
    return IN_KIND_SCOPE.get(d.benefit, "")


def delivered(plan: Plan, d: PlannedDecision) -> date | None:
    if d.issued_on is None:
        return None
    day = workday(d.issued_on + timedelta(days=d.id % 8))
    return day if day <= plan.today else None


def handed(plan: Plan, person: PlannedPerson, on: date | None) -> dict[str, Any]:
    """The "Wydano" columns of a document at the desk: to whom, on which ID, or waiting."""
    return {"handed_on": on, "handed_to": person.name if on else "",
            "id_document": f"ABC{person.id:06d}" if on else "",
            "handed_by_id": plan.team.desk.id if on else None}


def list_id(plan: Plan, month: date, method: PayoutMethod) -> int:
    index = (month.year - plan.start.year) * 12 + month.month - 1
    return index * 2 + (1 if method is PayoutMethod.CASH else 2)


def list_seq(month: date, method: PayoutMethod) -> int:
    return (month.month - 1) * 2 + (1 if method is PayoutMethod.CASH else 2)


def approved_on(month: date) -> date:
    return payout_date(month) - timedelta(days=2)


def write_payout_lists(w: Writer, plan: Plan) -> None:
    """Two lists a month (cash, transfer), prepared, approved by the head and paid."""
    team = plan.team

    def rows() -> Iterator[dict[str, Any]]:
        month = plan.start
        while month <= plan.last_list:
            for method in (PayoutMethod.CASH, PayoutMethod.TRANSFER):
                seq = list_seq(month, method)
                plan.counters["PAYOUT_LIST", month.year] = seq
                yield {"id": list_id(plan, month, method), "number": f"LW/{seq}/{month.year}",
                       "year": month.year, "seq": seq, "payout_date": payout_date(month),
                       "method": method, "status": PayoutListStatus.PAID,
                       "prepared_by_id": team.benefits[0].id, "approved_by_id": team.head.id,
                       "approved_on": approved_on(month), "paid_on": payout_date(month),
                       "created_at": datetime.combine(approved_on(month) - timedelta(days=1),
                                                      time(9))}
            month = add_months(month, 1)

    w.rows(PayoutList.__table__, rows())


def write_payouts(w: Writer, plan: Plan) -> None:
    """Each granting decision's schedule; a payout is on the first list of its method paid on
    or after it falls due, or waits (planned) when that list is not drawn up yet. Every payout
    on a cash list got its numbered "Kasa wypłaci" at approval, handed over when collected."""
    roots = sorted((d for c in plan.cases for d in c.decisions
                    if d.kind is DecisionKind.GRANTING and d.issued_on is not None
                    and BENEFITS[d.benefit].payment is not Payment.IN_KIND),
                   key=lambda d: d.id)
    cash: list[tuple[date, int, PlannedDecision, date, date, int]] = []

    def rows() -> Iterator[dict[str, Any]]:
        payout_id = 0
        for root in roots:
            c = root.case
            for p in schedule(plan, root):
                payout_id += 1
                month = add_months(p.due, 0 if p.due <= payout_date(p.due) else 1)
                listed = month <= plan.last_list
                if listed and c.method is PayoutMethod.CASH:
                    cash.append((approved_on(month), payout_id, p.decision, p.start, p.end,
                                 c.person.id))
                yield {"id": payout_id, "decision_id": p.decision.id, "person_id": c.person.id,
                       "period_from": p.start, "period_to": p.end, "due_on": p.due,
                       "amount": p.amount, "method": c.method,
                       "bank_account": c.person.bank if c.method is PayoutMethod.TRANSFER
                       else "",
                       "status": PayoutStatus.PAID if listed else PayoutStatus.PLANNED,
                       "payout_list_id": list_id(plan, month, c.method) if listed else None,
                       "paid_on": payout_date(month) if listed else None}

    w.rows(Payout.__table__, rows())
    cash.sort(key=lambda r: (r[0], r[1]))
    people = {p.id: p for members in plan.households for p in members}
    receipts: list[dict[str, Any]] = []
    handovers: list[dict[str, Any]] = []
    for receipt_id, (issued, payout_id, d, start, end, person_id) in enumerate(cash, start=1):
        seq = plan.next_number("RECEIPT", issued.year)
        number = f"KW/{seq}/{issued.year}"
        created = datetime.combine(issued, time(13))
        receipts.append({"id": receipt_id, "number": number, "year": issued.year, "seq": seq,
                         "payout_id": payout_id, "issued_on": issued,
                         "issued_by_id": plan.team.benefits[0].id, "created_at": created})
        handovers.append({
            "document_kind": DocumentKind.RECEIPT, "document_id": receipt_id,
            "person_id": person_id,
            "title": f"Kasa wypłaci nr {number} — {label(d.benefit)}, {period_text(start, end)}",
            **handed(plan, people[person_id], workday(issued + timedelta(days=2))),
            "created_at": created})
    w.rows(CashReceipt.__table__, receipts)
    w.rows(Handover.__table__, handovers)


def write_certificates(w: Writer, plan: Plan) -> None:
    """The register of certificates (ZAŚ), each handed over at the desk."""
    rng, today, desk = plan.rng, plan.today, plan.team.desk.id
    certificates: list[dict[str, Any]] = []
    handovers: list[dict[str, Any]] = []
    households = len(plan.households)
    day = plan.start
    while day <= today:
        if day.weekday() < 5:
            for _ in range(_poisson(rng, households * 0.1 / 250)):
                p = plan.households[rng.randrange(households)][0]
                seq = plan.next_number("CERTIFICATE", day.year)
                number = f"ZAŚ.{seq}.{day.year}"
                created = at(day, rng)
                cert_id = len(certificates) + 1
                certificates.append({
                    "id": cert_id, "number": number, "year": day.year, "seq": seq,
                    "person_id": p.id, "issued_on": day,
                    "purpose": rng.choice(CERTIFICATE_PURPOSES),
                    "content": "korzysta z pomocy Gminnego Ośrodka Pomocy Społecznej "
                               "w Zbąszynku w formie zasiłku okresowego.",
                    "issued_by_id": desk, "created_at": created})
                handovers.append({
                    "document_kind": DocumentKind.CERTIFICATE, "document_id": cert_id,
                    "person_id": p.id, "title": f"Zaświadczenie nr {number}",
                    **handed(plan, p, None if (today - day).days < 3 else day),
                    "created_at": created})
                w.created(created, desk, "Certificate", cert_id)
        day += timedelta(days=1)
    w.rows(Certificate.__table__, certificates)
    w.rows(Handover.__table__, handovers)


def write_appointments(w: Writer, plan: Plan) -> None:
    rng, today, team = plan.rng, plan.today, plan.team
    workers = [*team.benefits, *team.social]
    households = len(plan.households)
    taken: set[tuple[int, datetime]] = set()

    def rows() -> Iterator[dict[str, Any]]:
        day = plan.start
        while day <= today + timedelta(days=21):
            if day.weekday() < 5:
                for _ in range(_poisson(rng, households * 0.1 / 250)):
                    worker = rng.choice(workers).id
                    starts = datetime.combine(day, time(rng.randint(8, 14),
                                                        rng.choice((0, 30))))
                    if (worker, starts) in taken:
                        continue
                    taken.add((worker, starts))
                    status = (AppointmentStatus.PLANNED if day >= today
                              else AppointmentStatus.CANCELLED if rng.random() < 0.08
                              else AppointmentStatus.DONE)
                    yield {"person_id": plan.households[rng.randrange(households)][0].id,
                           "worker_id": worker, "starts_at": starts,
                           "purpose": "Rozmowa w sprawie pomocy", "status": status,
                           "created_by_id": team.desk.id,
                           "created_at": starts - timedelta(days=rng.randint(1, 10))}
            day += timedelta(days=1)

    w.rows(Appointment.__table__, rows())


def write_social_work(w: Writer, plan: Plan) -> None:
    """The caseload over the years: most clients came, went through the stages and were
    closed; some did not come (and benefits was told) or refused; the recent ones are open.
    No referral is left overdue, so reading the caseload writes nothing."""
    rng, today = plan.rng, plan.today
    notes: list[dict[str, Any]] = []
    contracts: list[dict[str, Any]] = []
    active_contract: set[int] = set()
    rows: list[dict[str, Any]] = []
    for sw in plan.social_work:
        report_by = rules.working_days_after(sw.referred_on, REPORT_DAYS)
        met = workday(sw.referred_on + timedelta(days=rng.randint(1, 8)))
        roll = rng.random()
        row: dict[str, Any] = {
            "id": sw.id, "person_id": sw.person.id, "source": sw.source,
            "intake_id": sw.intake.id if sw.intake else None,
            "case_id": sw.case.id if sw.case else None, "referral_message_id": None,
            "status": SocialWorkStatus.REFERRED, "worker_id": sw.worker_id,
            "referred_on": sw.referred_on, "report_by": report_by, "first_meeting_on": None,
            "stage": SocialWorkStage.DIAGNOSIS, "plan_on": None, "work_on": None,
            "evaluation_on": None, "method": SocialWorkMethod.INDIVIDUAL, "tools": "",
            "goals": "", "goals_agreed_on": None, "evaluation_due": None, "closed_on": None,
            "outcome": "", "created_at": at(sw.referred_on, rng)}
        rows.append(row)
        if met > today:
            if report_by < today:  # would be overdue: the client did not come
                not_reported(plan, sw, row, report_by)
            continue
        if roll < 0.1:
            not_reported(plan, sw, row, report_by)
            continue
        if roll < 0.15 and sw.referral is not None:
            row.update(status=SocialWorkStatus.REFUSED, closed_on=met,
                       outcome="Klient odmówił współpracy.")
            message(plan, MessageKind.REFUSED_COOPERATION, sw, met)
            continue
        row.update(status=SocialWorkStatus.ACTIVE, first_meeting_on=met)
        stages = [(SocialWorkStage.DIAGNOSIS, met)]
        plan_on = met + timedelta(days=rng.randint(14, 30))
        work_on = plan_on + timedelta(days=rng.randint(7, 21))
        evaluation_on = work_on + timedelta(days=rng.randint(60, 180))
        closed_on = evaluation_on + timedelta(days=rng.randint(7, 30))
        for stage, day, key in ((SocialWorkStage.PLAN, plan_on, "plan_on"),
                                (SocialWorkStage.WORK, work_on, "work_on"),
                                (SocialWorkStage.EVALUATION, evaluation_on, "evaluation_on")):
            if day <= today:
                row.update({key: day, "stage": stage})
                stages.append((stage, day))
        if plan_on <= today:
            row.update(goals="Podjęcie zatrudnienia; uregulowanie zaległości czynszowych.",
                       goals_agreed_on=plan_on, tools="wywiad, kontrakt socjalny",
                       evaluation_due=evaluation_on)
        if closed_on <= today:
            row.update(status=SocialWorkStatus.CLOSED, closed_on=closed_on,
                       outcome="Cele pracy socjalnej osiągnięte.")
        for stage, day in stages:
            notes.append({"social_work_id": sw.id, "stage": stage, "written_on": day,
                          "author_id": sw.worker_id, "text": NOTES[stage],
                          "created_at": at(day, rng)})
        if sw.referral is not None and rng.random() < 0.4:
            message(plan, MessageKind.COOPERATION, sw, met + timedelta(days=1))
        if work_on <= today and rng.random() < 0.2 and sw.person.id not in active_contract:
            contracts.append(contract(plan, sw, work_on, closed_on, active_contract))
    number_messages(plan)
    for row, sw in zip(rows, plan.social_work, strict=True):
        row["referral_message_id"] = sw.referral.id if sw.referral else None
    w.rows(SocialWorkCase.__table__, rows)
    w.rows(SocialWorkNote.__table__, notes)
    w.rows(SocialContract.__table__, contracts)
    write_messages(w, plan)


def not_reported(plan: Plan, sw: PlannedSocialWork, row: dict[str, Any], report_by: date) -> None:
    row.update(status=SocialWorkStatus.NOT_REPORTED, closed_on=report_by + timedelta(days=1))
    if sw.referral is not None:
        message(plan, MessageKind.NOT_REPORTED, sw, workday(report_by + timedelta(days=1)),
                automatic=True)


def message(plan: Plan, kind: MessageKind, sw: PlannedSocialWork, on: date, *,
            automatic: bool = False) -> None:
    """Social work's information for the benefits worker who runs the proceeding."""
    if on > plan.today:
        return
    case = sw.case
    bodies = {MessageKind.COOPERATION: "Informuję, że klient podjął współpracę z pracownikiem "
                                       "socjalnym i realizuje ustalenia.",
              MessageKind.NOT_REPORTED: "Klient nie zgłosił się do pracownika socjalnego "
                                        "w wyznaczonym terminie.",
              MessageKind.REFUSED_COOPERATION: "Klient odmówił współpracy z pracownikiem "
                                               "socjalnym."}
    plan.messages.append(PlannedMessage(kind, sw.person, on, sw.worker_id, Team.BENEFITS,
                                        case.worker_id if case else None, bodies[kind],
                                        case=case, social_work=sw, automatic=automatic))


def contract(plan: Plan, sw: PlannedSocialWork, concluded: date, closed_on: date,
             active: set[int]) -> dict[str, Any]:
    rng, today = plan.rng, plan.today
    seq = plan.next_number("CONTRACT", concluded.year)
    period_to = concluded + timedelta(days=rng.randint(90, 180))
    status = (ContractStatus.ACTIVE if period_to >= today and closed_on > today
              else rng.choice((ContractStatus.FULFILLED, ContractStatus.FULFILLED,
                               ContractStatus.BROKEN, ContractStatus.ENDED)))
    if status is ContractStatus.ACTIVE:
        active.add(sw.person.id)
    return {"number": f"KS.{seq}.{concluded.year}", "social_work_id": sw.id,
            "person_id": sw.person.id, "worker_id": sw.worker_id, "concluded_on": concluded,
            "period_from": concluded, "period_to": period_to,
            "goals": "Podjęcie zatrudnienia\nUregulowanie zaległości czynszowych",
            "client_commitments": "Rejestracja w PUP; udział w szkoleniu.",
            "worker_commitments": "Pomoc w przygotowaniu dokumentów; wizyty co miesiąc.",
            "review_dates": "", "status": status,
            "evaluation": "" if status is ContractStatus.ACTIVE else "Kontrakt oceniony.",
            "ended_on": None if status is ContractStatus.ACTIVE else min(period_to, today),
            "created_at": at(concluded, rng)}


def write_messages(w: Writer, plan: Plan) -> None:
    rng, today = plan.rng, plan.today

    def rows() -> Iterator[dict[str, Any]]:
        for m in plan.messages:
            recent = (today - m.written_on).days < 3
            read_at = None if recent else at(workday(m.written_on + timedelta(days=1)), rng)
            reader = m.to_user_id or (plan.team.benefits[0].id if m.to_team is Team.BENEFITS
                                      else plan.team.social[0].id)
            yield {"id": m.id, "number": m.number, "kind": m.kind, "person_id": m.person.id,
                   "case_id": m.case.id if m.case else None,
                   "social_work_id": m.social_work.id if m.social_work else None,
                   "author_id": m.author_id, "to_team": m.to_team, "to_user_id": m.to_user_id,
                   "written_on": m.written_on, "body": m.body, "read_at": read_at,
                   "read_by_id": None if read_at is None else reader,
                   "automatic": m.automatic, "created_at": at(m.written_on, rng)}

    w.rows(CaseMessage.__table__, rows())


def write_tasks(w: Writer, plan: Plan) -> None:
    rng, today, team = plan.rng, plan.today, plan.team
    households = len(plan.households)

    def rows() -> Iterator[dict[str, Any]]:
        for month in plan.months():
            for _ in range(max(1, round(households * 0.0005))):
                started = workday(month + timedelta(days=rng.randint(0, 27)))
                if started > today:
                    continue
                ended = started + timedelta(days=rng.randint(30, 240))
                done = ended <= today
                yield {"person_id": plan.households[rng.randrange(households)][0].id,
                       "kind": rng.choice(list(TaskKind)),
                       "worker_id": rng.choice(team.social).id, "started_on": started,
                       "due_on": started + timedelta(days=90),
                       "ended_on": ended if done else None,
                       "status": TaskStatus.DONE if done else TaskStatus.OPEN,
                       "description": "Zadanie prowadzone przez zespół pracy socjalnej.",
                       "created_at": at(started, rng)}

    w.rows(SocialTask.__table__, rows())


def write_daily_audit(w: Writer, plan: Plan) -> None:
    """Each worker logs in every working day and opens a few files."""
    rng, team = plan.rng, plan.team
    workers = [team.head, team.desk, *team.benefits, *team.social]
    households = len(plan.households)

    def rows() -> Iterator[dict[str, Any]]:
        day = plan.start
        while day <= plan.today:
            if day.weekday() < 5:
                for worker in workers:
                    yield {"at": datetime.combine(day, time(7, 30 + rng.randint(0, 20))),
                           "user_id": worker.id, "action": AuditAction.LOGIN, "entity": "User",
                           "entity_id": worker.id, "details": "{}"}
                    for _ in range(_poisson(rng, households * 0.0025 / len(workers))):
                        person = plan.households[rng.randrange(households)][0]
                        yield {"at": at(day, rng), "user_id": worker.id,
                               "action": AuditAction.READ, "entity": "Person",
                               "entity_id": person.id, "details": "{}"}
            day += timedelta(days=1)

    w.rows(AuditEntry.__table__, rows())


def write_counters(w: Writer, plan: Plan) -> None:
    w.rows(Counter.__table__, ({"kind": kind, "year": year, "value": value}
                               for (kind, year), value in sorted(plan.counters.items())
                               if value))


# --- the whole ----------------------------------------------------------------------------------


def generate(db: Database, *, seed: int, today: date, persons: int = PERSONS,
             households: int = HOUSEHOLDS, years: int = YEARS) -> dict[str, int]:
    """Fill an empty, migrated database; returns the number of rows written per table."""
    if not 0 < households <= persons:
        raise ValueError("a household has at least one person")
    started = perf_counter()
    team = staff.create(db, password=DEMO_PASSWORD)
    plan = Plan(random.Random(seed), team, today, years)
    plan_people(plan, persons=persons, households=households)
    plan_benefits(plan)
    plan_desk(plan)
    plan_social_work(plan)
    log.info("planned in %.1f s", perf_counter() - started)
    written: dict[str, int] = defaultdict(int)

    def phase(*steps: Any) -> None:
        def run(session: Session) -> None:
            if session.get_bind().dialect.name == "sqlite":
                # A big page cache for this transaction: the indexes are filled at random.
                session.execute(text("PRAGMA cache_size = -262144"))
            w = Writer(session)
            for step in steps:
                step(w, plan)
            w.finish()
            for name, count in w.written.items():
                written[name] += count
        db.write(run)
        log.info("%s written at %.1f s", steps[-1].__name__, perf_counter() - started)

    phase(write_people)
    phase(write_intakes, write_cases)
    phase(write_decisions, write_payout_lists, write_payouts)
    phase(write_certificates, write_appointments, write_social_work, write_tasks)
    phase(write_daily_audit, write_counters)
    # Written with Core, the rows passed no session hook: the cases' deadlines are worked out
    # once.
    written["case_deadlines"] = db.write(deadline_store.rebuild)
    log.info("case deadlines at %.1f s", perf_counter() - started)
    return dict(written)
