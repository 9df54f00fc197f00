"""No screen may cost a query per row: on a network drive every statement is a round trip.

The same screens are read on a small database and on one five times larger (both from the
large-demo generator, whose shape follows ten years of work); each service call a screen
makes must issue exactly as many SQL statements on both. Not timed — ``bench/`` measures."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from opsdesk.db import Database
from opsdesk.demo import DEMO_PASSWORD, large
from opsdesk.models import Case, Interview, Payout, PayoutList, SocialWorkCase
from opsdesk.models.enums import PayoutMethod
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
    security,
    socialwork,
    statistics,
)
from opsdesk.startup import open_database

SMALL = {"persons": 300, "households": 120, "years": 2}
LARGER = {"persons": 1500, "households": 600, "years": 3}
LOGINS = ("pierwszy", "swiadczenia", "socjalny", "kierownik")


class Counted:
    """A generated database, its workers, and the statements each call issues."""

    def __init__(self, database: Database, size: dict[str, int]) -> None:
        self.db = database
        large.generate(database, seed=7, **size)
        self.actors = {login: database.write(lambda s, l=login: security.authenticate(
            s, login=l, password=DEMO_PASSWORD)) for login in LOGINS}
        self.statements = 0
        event.listen(database.engine, "before_cursor_execute", self._count)

    def _count(self, *_args: Any) -> None:
        self.statements += 1

    def count(self, fn: Callable[[Session], Any], *, write: bool = False) -> int:
        before = self.statements
        (self.db.write if write else self.db.read)(fn)
        return self.statements - before

    def busiest(self, column: Any) -> int:
        """The value of ``column`` (a person, a case, a list) with the most rows."""
        return self.db.read(lambda s: s.scalar(
            select(column).where(column.is_not(None)).group_by(column)
            .order_by(func.count().desc(), column).limit(1)))


@pytest.fixture
def databases(tmp_path: Path, migrated_template: Path,
              fast_password_hashes: None) -> Iterator[tuple[Counted, Counted]]:
    opened = []
    for name in ("small", "larger"):
        path = tmp_path / f"{name}.sqlite"
        shutil.copyfile(migrated_template, path)
        opened.append(open_database(str(path)))
    try:
        yield Counted(opened[0], SMALL), Counted(opened[1], LARGER)
    finally:
        for database in opened:
            database.dispose()


def screens(c: Counted) -> dict[str, Callable[[Session], Any]]:
    """Each screen's service calls, on that database's busiest person, case and list."""
    a = c.actors
    desk_, benefits, social, head = (a[login] for login in LOGINS)
    person = c.busiest(Case.person_id)
    case = c.busiest(Interview.case_id)
    cash_list = c.db.read(lambda s: s.scalar(
        select(Payout.payout_list_id).join(PayoutList, PayoutList.id == Payout.payout_list_id)
        .where(PayoutList.method == PayoutMethod.CASH).group_by(Payout.payout_list_id)
        .order_by(func.count().desc()).limit(1)))
    client = c.busiest(SocialWorkCase.person_id)
    sw = c.db.read(lambda s: s.scalar(select(SocialWorkCase.id).where(
        SocialWorkCase.person_id == client).limit(1)))
    year = date.today().year
    return {
        "search": lambda s: people.search_persons(s, "a", actor=desk_),
        "person file": lambda s: people.open_person(s, person, actor=head),
        "person history": lambda s: people.person_history(s, person, actor=head),
        "intakes": lambda s: intake.list_intakes(s, actor=desk_),
        "Do odbioru": lambda s: desk.waiting_documents(s, actor=desk_),
        "Do odbioru with handed": lambda s: desk.waiting_documents(s, actor=desk_,
                                                                   include_handed=True),
        "certificate register": lambda s: desk.certificate_register(s, actor=desk_,
                                                                    year=year),
        "appointments": lambda s: desk.upcoming_appointments(s, actor=desk_),
        "benefits queue": lambda s: queue.benefits_queue(s, actor=benefits),
        "benefits queue, mine": lambda s: queue.benefits_queue(s, actor=benefits,
                                                               mine_only=True),
        "decisions of a case": lambda s: decisions.decisions_of_case(s, case, actor=benefits),
        "interviews of a case": lambda s: interviews.interviews_of_case(s, case,
                                                                        actor=benefits),
        "payouts of a person": lambda s: payouts.payouts_of_person(s, person, actor=benefits),
        "grants of a person": lambda s: decisions.grants_of_person(s, person, actor=benefits),
        "evidence of a case": lambda s: messages.case_evidence(s, case, actor=benefits),
        "payout lists": lambda s: payouts.payout_lists(s, actor=benefits),
        "payout list detail": lambda s: payouts.payout_list_detail(s, cash_list,
                                                                   actor=benefits),
        "payout list PDF": lambda s: payouts.payout_list_pdf(s, cash_list, actor=benefits),
        "inbox": lambda s: messages.inbox(s, actor=benefits),
        "letters of a person": lambda s: messages.messages_of_person(s, client, actor=social),
        "social-work client": lambda s: socialwork.detail(s, sw, actor=social),
        "centre deadlines": lambda s: evaluation.centre_deadlines(s, actor=head),
        # The head's counts for last year's second half; the evaluation compares it with
        # the first half, which both databases hold too.
        "statistics": lambda s: statistics.statistics_report(
            s, actor=head, start=date(year - 1, 7, 1), end=date(year - 1, 12, 31)),
        "evaluation": lambda s: evaluation.evaluation_report(
            s, actor=head, start=date(year - 1, 7, 1), end=date(year - 1, 12, 31)),
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
        s, actor=c.actors["socjalny"], scope="all"), write=True) for c in (small, larger)]
    if caseload[0] != caseload[1]:
        grown["social-work caseload"] = tuple(caseload)
    assert grown == {}, f"statements on the small and the larger database: {grown}"


def test_the_larger_database_has_more_of_everything(databases: tuple[Counted, Counted]
                                                   ) -> None:
    """The comparison above means something only if the lists really are longer."""
    small, larger = databases
    for fn in (lambda s: queue.benefits_queue(s, actor=c.actors["swiadczenia"]),
               lambda s: desk.certificate_register(s, actor=c.actors["pierwszy"],
                                                   year=date.today().year - 1)):
        sizes = []
        for c in (small, larger):
            sizes.append(len(c.db.read(fn)))
        assert sizes[1] > sizes[0] > 0
