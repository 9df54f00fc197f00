"""No screen may cost a query per row: on a network drive every statement is a round trip.

The same screens are read on a small database and on one five times larger (both from the
large-demo generator, whose shape follows ten years of work); each service call a screen
makes must issue exactly as many SQL statements on both. Not timed — ``bench/`` measures.

A query per row shows only where a screen lists more rows on the larger database, so each
screen reads a record that has rows on both, more on the larger (the last test checks it)."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from opsdesk.db import Database
from opsdesk.demo import DEMO_PASSWORD, large
from opsdesk.models import (
    Case,
    CaseMessage,
    Decision,
    Interview,
    Payout,
    PayoutList,
    Person,
    SocialContract,
    SocialWorkCase,
)
from opsdesk.models.enums import (
    Channel,
    DecisionKind,
    DecisionStatus,
    MessageKind,
    PayoutMethod,
    PayoutStatus,
    ReporterKind,
    SocialWorkStatus,
)
from opsdesk.services import (
    decisions,
    desk,
    evaluation,
    intake,
    interviews,
    messages,
    payouts,
    people,
    queue,
    rules,
    security,
    socialwork,
    statistics,
)
from opsdesk.startup import open_database
from tests.conftest import TODAY

SMALL = {"persons": 300, "households": 120, "years": 2}
LARGER = {"persons": 1500, "households": 600, "years": 3}
LOGINS = ("pierwszy", "swiadczenia", "socjalny", "kierownik")
# Part of a street's name: fewer persons than a search shows (people.SEARCH_LIMIT) on the
# small database, more on the larger one — "a" would find the limit on both.
SEARCHED = "ogrodowa"
# One person in this many comes to the desk on the morning before the screens are read...
VISITORS = 20
# ... and the social worker sends one information per this many persons on one case.
INFORMED = 100


class Counted:
    """A generated database, its workers, and the statements each call issues.

    A screen of one record (a person's payouts, a case's interviews) reads on the small
    database (``quiet``) the record with the fewest rows but some, on the larger one the
    record with the most: the busiest of both may well have as many."""

    def __init__(self, database: Database, size: dict[str, int], *, quiet: bool) -> None:
        self.db = database
        self.quiet = quiet
        large.generate(database, seed=7, today=TODAY, **size)
        self.actors = {login: database.write(lambda s, who=login: security.authenticate(
            s, login=who, password=DEMO_PASSWORD)) for login in LOGINS}
        self.db.write(self._morning)
        self.statements = 0
        event.listen(database.engine, "before_cursor_execute", self._count)

    def _count(self, *_args: Any) -> None:
        self.statements += 1

    def _morning(self, session: Session) -> None:
        """The generator leaves some lists to chance: an intake still open, a document not
        yet collected and an appointment to come are only the last weeks' few, often none
        on the small database; and a case has a referral and an answer or two, as many on
        both. So, through the services, every VISITORS-th person comes to the desk (an
        intake registered, a certificate issued and waiting at "Do odbioru", an appointment
        booked on the coming working days at a quarter past — the generated ones are on the
        hour and the half hour), and the social worker writes on the case most written about
        one information per INFORMED persons — and concludes a kontrakt socjalny with the
        first active client when the generator left the centre without one (one case in five
        gets one; on some days none of the small database's)."""
        desk_, benefits, social = (self.actors[login] for login in LOGINS[:3])
        persons = session.scalars(select(Person.id).order_by(Person.id)).all()
        for n, person_id in enumerate(persons[::VISITORS]):
            intake.register_intake(session, intake.IntakeForm(
                person_id, ReporterKind.SELF, Channel.IN_PERSON,
                "Prosi o pomoc w opłaceniu rachunku za energię elektryczną."), actor=desk_)
            desk.issue_certificate(session, actor=desk_, person_id=person_id,
                                   purpose="do przedłożenia w szkole",
                                   content="figuruje w kartotece ośrodka.", today=TODAY)
            day = rules.working_days_after(TODAY, 1 + n // 6)
            desk.make_appointment(session, actor=desk_, person_id=person_id,
                                  worker_id=benefits.id,
                                  starts_at=datetime.combine(day, time(8 + n % 6, 15)),
                                  purpose="Rozmowa w sprawie pomocy",
                                  now=datetime.combine(TODAY, time()))
        case_id, person_id = session.execute(
            select(CaseMessage.case_id, CaseMessage.person_id)
            .where(CaseMessage.case_id.is_not(None)).group_by(CaseMessage.case_id)
            .order_by(func.count().desc(), CaseMessage.case_id).limit(1)).one()
        for _ in range(len(persons) // INFORMED):
            messages.send_to_benefits(session, messages.MessageForm(
                MessageKind.SITUATION_CHANGE, person_id, {
                    "change": "Klient podjął pracę na pół etatu.",
                    "since": f"{TODAY:%d.%m.%Y}"}, case_id=case_id),
                actor=social, today=TODAY)
        if session.scalar(select(SocialContract.id).limit(1)) is None:
            sw_id = session.scalar(select(SocialWorkCase.id).where(
                SocialWorkCase.status == SocialWorkStatus.ACTIVE).order_by(SocialWorkCase.id))
            socialwork.conclude_contract(session, socialwork.ContractForm(
                sw_id, TODAY, TODAY + timedelta(days=90), "Podjęcie pracy.",
                "Rejestracja w PUP.", "Pomoc w napisaniu CV.", (TODAY + timedelta(days=30),),
                situation="Bezrobocie.",
                actions=f"Rejestracja w PUP; klient; {TODAY + timedelta(days=30):%d.%m.%Y}"),
                actor=social, today=TODAY)

    def count(self, fn: Callable[[Session], Any], *, write: bool = False) -> int:
        before = self.statements
        (self.db.write if write else self.db.read)(fn)
        return self.statements - before

    def busiest(self, column: Any, *where: Any) -> int:
        """The value of ``column`` (a person, a case, a list) with the most rows (of those
        matching ``where``); on the quiet database the one with the fewest."""
        rows = func.count()
        return self.db.read(lambda s: s.scalar(
            select(column).where(column.is_not(None), *where).group_by(column)
            .order_by(rows if self.quiet else rows.desc(), column).limit(1)))


@pytest.fixture
def databases(tmp_path: Path, migrated_template: Path,
              fast_password_hashes: None) -> Iterator[tuple[Counted, Counted]]:
    opened = []
    for name in ("small", "larger"):
        path = tmp_path / f"{name}.sqlite"
        shutil.copyfile(migrated_template, path)
        opened.append(open_database(str(path)))
    try:
        yield (Counted(opened[0], SMALL, quiet=True), Counted(opened[1], LARGER, quiet=False))
    finally:
        for database in opened:
            database.dispose()


def screens(c: Counted) -> dict[str, Callable[[Session], Any]]:
    """Each screen's service calls, each on a record with rows (see ``Counted``)."""
    a = c.actors
    desk_, benefits, social, head = (a[login] for login in LOGINS)
    person = c.busiest(Case.person_id)
    paid = c.busiest(Payout.person_id, Payout.status != PayoutStatus.CANCELLED)
    granted = c.busiest(Decision.person_id, Decision.kind == DecisionKind.GRANTING,
                        Decision.status == DecisionStatus.ISSUED)
    case = c.busiest(Interview.case_id)
    decided = c.busiest(Decision.case_id)
    cash_list = c.busiest(Payout.payout_list_id, Payout.payout_list_id.in_(
        select(PayoutList.id).where(PayoutList.method == PayoutMethod.CASH)))
    # The case (and its client) the social worker wrote on this morning: most on both.
    evidenced = c.db.read(lambda s: s.scalar(
        select(CaseMessage.case_id).where(CaseMessage.case_id.is_not(None))
        .group_by(CaseMessage.case_id).order_by(func.count().desc()).limit(1)))
    written_to = c.db.read(lambda s: s.scalar(
        select(CaseMessage.person_id).group_by(CaseMessage.person_id)
        .order_by(func.count().desc()).limit(1)))
    client = c.busiest(SocialContract.person_id)  # the client's contracts are listed
    sw = c.db.read(lambda s: s.scalar(select(SocialWorkCase.id).where(
        SocialWorkCase.person_id == client).limit(1)))
    year = TODAY.year
    return {
        "search": lambda s: people.search_persons(s, SEARCHED, actor=desk_),
        "person file": lambda s: people.open_person(s, person, actor=head),
        "person history": lambda s: people.person_history(s, person, actor=head),
        "intakes": lambda s: intake.list_intakes(s, actor=desk_),
        "Do odbioru": lambda s: desk.waiting_documents(s, actor=desk_),
        "Do odbioru with handed": lambda s: desk.waiting_documents(s, actor=desk_,
                                                                   include_handed=True),
        "certificate register": lambda s: desk.certificate_register(s, actor=desk_,
                                                                    year=year),
        "appointments": lambda s: desk.upcoming_appointments(
            s, actor=desk_, since=datetime.combine(TODAY, time())),
        "benefits queue": lambda s: queue.benefits_queue(s, actor=benefits, today=TODAY),
        "benefits queue, mine": lambda s: queue.benefits_queue(s, actor=benefits,
                                                               mine_only=True, today=TODAY),
        "decisions of a case": lambda s: decisions.decisions_of_case(s, decided,
                                                                     actor=benefits),
        "interviews of a case": lambda s: interviews.interviews_of_case(s, case,
                                                                        actor=benefits),
        "payouts of a person": lambda s: payouts.payouts_of_person(s, paid, actor=benefits),
        "grants of a person": lambda s: decisions.grants_of_person(s, granted, actor=benefits,
                                                                   on=TODAY),
        "evidence of a case": lambda s: messages.case_evidence(s, evidenced, actor=benefits),
        # Two lists a month however large the centre: the newest two years on the larger
        # database, last year's on the small one.
        "payout lists": lambda s: payouts.payout_lists(
            s, actor=benefits, year=year - 1 if c.quiet else None),
        "payout list detail": lambda s: payouts.payout_list_detail(s, cash_list,
                                                                   actor=benefits),
        "payout list PDF": lambda s: payouts.payout_list_pdf(s, cash_list, actor=benefits),
        # Everything to both teams: a worker's own messages are a handful on the small
        # database, on some days none.
        "inbox": lambda s: messages.inbox(s, actor=head, scope="team", today=TODAY),
        "letters of a person": lambda s: messages.messages_of_person(s, written_to,
                                                                     actor=social),
        "social-work client": lambda s: socialwork.detail(s, sw, actor=social),
        "centre deadlines": lambda s: evaluation.centre_deadlines(s, actor=head, today=TODAY),
        # The head's counts for last year's second half; the evaluation compares it with
        # the first half, which both databases hold too.
        "statistics": lambda s: statistics.statistics_report(
            s, actor=head, start=date(year - 1, 7, 1), end=date(year - 1, 12, 31),
            today=TODAY),
        "evaluation": lambda s: evaluation.evaluation_report(
            s, actor=head, start=date(year - 1, 7, 1), end=date(year - 1, 12, 31),
            today=TODAY),
    }


def test_no_screen_costs_more_statements_on_more_data(databases: tuple[Counted, Counted]
                                                      ) -> None:
    small, larger = databases
    grown = {}
    for (name, on_small), on_larger in zip(screens(small).items(), screens(larger).values(),
                                           strict=True):
        counts = small.count(on_small), larger.count(on_larger)
        if counts[0] != counts[1]:
            grown[name] = counts
    caseload = [c.count(lambda s, c=c: socialwork.caseload(
        s, actor=c.actors["socjalny"], scope="all", today=TODAY), write=True)
        for c in (small, larger)]
    if caseload[0] != caseload[1]:
        grown["social-work caseload"] = tuple(caseload)
    assert grown == {}, f"statements on the small and the larger database: {grown}"


# Every screen above that lists rows (a payout list's detail lists its payouts), and the
# social worker's caseload.
LISTING = {"search", "person history", "intakes", "Do odbioru", "Do odbioru with handed",
           "certificate register", "appointments", "benefits queue", "benefits queue, mine",
           "decisions of a case", "interviews of a case", "payouts of a person",
           "grants of a person", "evidence of a case", "payout lists", "payout list detail",
           "inbox", "letters of a person", "centre deadlines", "social-work caseload"}


def rows_shown(c: Counted) -> dict[str, int]:
    """How many rows each listing screen shows on this database."""
    shown = {}
    for name, fn in screens(c).items():
        result = c.db.read(fn)
        if isinstance(result, payouts.PayoutListDetail):
            result = result.payouts
        if isinstance(result, list | tuple):
            shown[name] = len(result)
    shown["social-work caseload"] = len(c.db.write(lambda s: socialwork.caseload(
        s, actor=c.actors["socjalny"], scope="all", today=TODAY)))
    return shown


def test_the_larger_database_has_more_of_everything(databases: tuple[Counted, Counted]
                                                   ) -> None:
    """The comparison above means something only if the lists really are longer."""
    small, larger = databases
    sizes = [[len(c.db.read(lambda s, c=c, fn=fn: fn(s, c))) for c in (small, larger)]
             for fn in (lambda s, c: queue.benefits_queue(s, actor=c.actors["swiadczenia"]),
                        lambda s, c: desk.certificate_register(s, actor=c.actors["pierwszy"],
                                                               year=TODAY.year - 1))]
    for on_small, on_larger in sizes:
        assert on_larger > on_small > 0
    on_small, on_larger = rows_shown(small), rows_shown(larger)
    assert on_small.keys() == on_larger.keys() == LISTING
    same = {name: (on_small[name], on_larger[name]) for name in LISTING
            if not on_larger[name] > on_small[name] > 0}
    assert same == {}, f"rows on the small and the larger database: {same}"
    # The search finds fewer than its limit on the small database, so more could show.
    assert on_small["search"] < people.SEARCH_LIMIT
