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
right: a person's search columns (as ``people._index`` builds them; the triggers of migration
0021fts fill the search index from them), document numbers unique per year and given in
date order, and the counters (the highest number used per kind and year), so the next
number drawn in the program continues each series. Amounts are plausible
(within the legal range of a zasiłek stały), not counted from incomes."""

from __future__ import annotations

import logging
import random
from collections import defaultdict
from datetime import date
from time import perf_counter
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from opsdesk.db import Database
from opsdesk.demo import DEMO_PASSWORD, staff
from opsdesk.demo.large.benefits import plan_benefits, write_cases, write_decisions
from opsdesk.demo.large.desk import plan_desk, write_appointments, write_certificates, write_intakes
from opsdesk.demo.large.payouts import write_payout_lists, write_payouts
from opsdesk.demo.large.people import plan_people, write_people
from opsdesk.demo.large.plan import Plan
from opsdesk.demo.large.socialwork import plan_social_work, write_social_work, write_tasks
from opsdesk.demo.large.writer import Writer, write_counters, write_daily_audit
from opsdesk.services import deadline_store, name_copies, person_search
from opsdesk.services import payout_totals as totals

log = logging.getLogger(__name__)

PERSONS = 50_000
HOUSEHOLDS = 20_000
YEARS = 10


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
    # The triggers filled the persons' search index in many segments, a read more each.
    db.write(person_search.optimize)
    phase(write_intakes, write_cases)
    phase(write_decisions, write_payout_lists, write_payouts)
    phase(write_certificates, write_appointments, write_social_work, write_tasks)
    phase(write_daily_audit, write_counters)
    # Written with Core, the rows passed no session hook: the cases' deadlines are worked out
    # once, the lists get their persons' names and the payout lists their totals.
    written["case_deadlines"] = db.write(deadline_store.rebuild)
    db.write(name_copies.fill)
    db.write(totals.rebuild)
    log.info("case deadlines at %.1f s", perf_counter() - started)
    return dict(written)
