"""The plan: light records of everything to be written, numbered in date order before
anything is written, and the calendar and chance helpers every area's planner uses."""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from opsdesk.demo import staff
from opsdesk.demo.staff import DemoTeam
from opsdesk.models.enums import (
    BenefitKind,
    CaseStatus,
    DecisionKind,
    DecisionStatus,
    IntakeStatus,
    MessageKind,
    PayoutMethod,
    Relation,
    SocialWorkSource,
    Team,
)

LIST_DAY = 10  # payout lists are paid on the 10th of each month (or the next working day)


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


def poisson(rng: random.Random, mean: float) -> int:
    """A small count around ``mean`` (whole part, plus one with the fractional chance)."""
    whole = int(mean)
    return whole + (1 if rng.random() < mean - whole else 0)


def day_between(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, max(0, (last - first).days)))
