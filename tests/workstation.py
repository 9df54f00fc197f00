"""One workstation in its own process, for the multi-process tests.

    python -m tests.workstation COMMAND '{"target": ..., ...}'

work     a few hundred mixed operations through the real services, as the first-contact desk
         or as the benefits desk (cases decided, payout lists with their receipts); prints a
         JSON report
hold     opens a write transaction, writes half of a record set, says it is ready, sleeps
         until it is killed
migrate  opens a database that may still need its schema, at the same moment as another

A process waits for a "go" file before it starts, so several of them really overlap. The
parent side (launch, wait_for, report) is at the bottom; the tests import it from here."""

from __future__ import annotations

import json
import logging
import os
import random
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from opsdesk import clock
from opsdesk.db import Database
from opsdesk.errors import DatabaseInMaintenance, UserFacingError
from opsdesk.models import (
    Case,
    CashReceipt,
    Decision,
    Person,
)
from opsdesk.models.enums import (
    BenefitKind,
    CaseStatus,
    Channel,
    DecisionKind,
    PayoutMethod,
    Relation,
)
from opsdesk.services import (
    decisions,
    desk,
    intake,
    interviews,
    payouts,
    people,
    queue,
    rules,
    security,
)
from opsdesk.services.decisions.views import DecisionForm
from opsdesk.services.interviews import MemberEntry
from opsdesk.services.people import PersonForm
from opsdesk.startup import open_database
from tests.conftest import TODAY
from tests.factories import interview_form, interview_version

PASSWORD = "haslo-testowe-1"  # the one tests/conftest.py gives every worker
ON_POSTGRESQL = bool(os.environ.get("OPSDESK_TEST_DATABASE_URL"))
FIRST_NAMES = ["Zofia", "Łucja", "Józef", "Ścibor", "Małgorzata", "Bożena", "Kazimierz", "Żaneta"]
LAST_NAMES = ["Żółkiewska", "Wiśniewski", "Gęślowska", "Łęcki", "Ćwikła", "Nowak", "Dąbrowska"]


def pesel_for(born: date, serial: int) -> str:
    """A valid PESEL; ``serial`` (0–9999) keeps two generated persons apart."""
    month = born.month + (20 if born.year >= 2000 else 0)
    digits = f"{born.year % 100:02d}{month:02d}{born.day:02d}{serial:04d}"
    total = sum(int(d) * w for d, w in zip(digits, (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)))
    return digits + str((10 - total % 10) % 10)


def person_form(rng: random.Random, born: date, serial: int) -> PersonForm:
    return PersonForm(first_name=rng.choice(FIRST_NAMES), last_name=rng.choice(LAST_NAMES),
                      pesel=pesel_for(born, serial), street=f"ul. Łąkowa {rng.randint(1, 99)}",
                      postal_code="66-210", city="Zbąszynek")


def _ready_then_wait(ready: str, go: str, patience: float = 300) -> None:
    """Say ready, then wait for the others; a parent that died never says go, so give up."""
    Path(ready).touch()
    deadline = time.monotonic() + patience
    while not Path(go).exists():
        if time.monotonic() > deadline:
            raise SystemExit(f"no go after {patience} s")
        time.sleep(0.005)


def _login(db: Database, login: str) -> security.Actor:
    return db.write(lambda s: security.authenticate(s, login=login, password=PASSWORD))


class Workstation:
    """A worker doing what a morning brings, as fast as it can: at the first-contact desk
    (persons, applications, certificates) or at the benefits desk (persons, applications,
    cases decided through interview and decision, payout lists approved with receipts)."""

    def __init__(self, db: Database, actor: security.Actor, number: int, seed: int,
                 desk_kind: str) -> None:
        self.db = db
        self.actor = actor
        self.number = number
        self.rng = random.Random(seed)
        self.today = clock.today()
        self.done: Counter[str] = Counter()
        self.errors: list[str] = []
        self.retries = 0
        self.own: dict[int, int] = {}  # person id → serial, the persons this desk registered
        self.person_ids: list[int] = []
        self.numbers: dict[str, list[str]] = {"signs": [], "certificates": [], "decisions": [],
                                              "receipts": []}
        self.phones: dict[int, str] = {}  # the last phone number this desk saved, by person
        common = {self.register_person: 25, self.register_application: 25,
                  self.update_person: 10, self.search: 20}
        extra = ({self.issue_certificate: 20} if desk_kind == "desk"
                 else {self.decide_case: 15, self.pay_out: 5})
        self.actions = {**common, **extra}
        db.on_retry = self._retried

    def _retried(self, _attempt: int) -> None:
        self.retries += 1

    def run(self, ops: int) -> None:
        actions, weights = list(self.actions), list(self.actions.values())
        done = 0
        while done < ops:
            action = self.rng.choices(actions, weights)[0]
            try:
                if done % 25 == 0:
                    self.refresh_persons()
                action()
                self.done[action.__name__] += 1
            except DatabaseInMaintenance as exc:
                # The user, told the database is out of use, tries again a moment later: no
                # action used up, so a slow restore never finds the day's work all done.
                self.errors.append(f"{action.__name__}: {type(exc).__name__}: {exc.message}")
                time.sleep(0.05)
                continue
            except UserFacingError as exc:  # what a user would see in a dialog
                self.errors.append(f"{action.__name__}: {type(exc).__name__}: {exc.message}")
            except Exception as exc:  # a bug
                self.errors.append(f"{action.__name__}: {exc!r}")
            done += 1

    def refresh_persons(self) -> None:
        self.person_ids = self.db.read(lambda s: list(s.scalars(select(Person.id))))

    def _some_person(self) -> int:
        if not self.person_ids:
            self.register_person()
        return self.rng.choice(self.person_ids)

    def register_person(self) -> None:
        serial = self.number * 1000 + len(self.own)  # unique across workstations
        born = date(1940, 1, 1) + timedelta(days=self.rng.randint(0, 20000))
        form = person_form(self.rng, born, serial)
        pid = self.db.write(lambda s: people.register_person(s, form, actor=self.actor,
                                                             allow_similar=True))
        self.own[pid] = serial
        self.person_ids.append(pid)

    def register_application(self) -> None:
        form = intake.ApplicationForm(person_id=self._some_person(),
                                      benefit_kind=BenefitKind.ZASILEK_CELOWY,
                                      filed_on=self.today, channel=Channel.IN_PERSON,
                                      description="Prośba o zasiłek celowy na opał.")
        self.numbers["signs"].append(self.db.write(
            lambda s: intake.register_application(s, form, actor=self.actor)))

    def issue_certificate(self) -> None:
        pid = self._some_person()
        cert_id = self.db.write(lambda s: desk.issue_certificate(
            s, actor=self.actor, person_id=pid, purpose="do zakładu pracy",
            content="Figuruje w kartotece ośrodka."))
        rows = self.db.read(lambda s: desk.certificate_register(s, actor=self.actor,
                                                                year=self.today.year))
        self.numbers["certificates"].append(next(r.number for r in rows if r.id == cert_id))

    def update_person(self) -> None:
        if not self.own:
            self.register_person()
        pid = self.rng.choice(list(self.own))
        file = self.db.read(lambda s: people.open_person(s, pid, actor=self.actor))
        form = replace(file.form, phone=f"600 {self.rng.randint(0, 999999):06d}")
        self.db.write(lambda s: people.update_person(s, pid, form, actor=self.actor,
                                                     expected_version=file.version))
        self.phones[pid] = form.phone

    def search(self) -> None:
        word = self.rng.choice(LAST_NAMES)[:4]
        self.db.read(lambda s: people.search_persons(s, word, actor=self.actor))

    def decide_case(self) -> None:
        """A new case, from any desk, of a person without a decision yet: taken, the family
        interview done, a zasiłek celowy granted and issued with its number."""
        found = self.db.read(lambda s: s.execute(
            select(Case.id, Case.person_id).where(
                Case.status == CaseStatus.NEW,
                Case.person_id.not_in(select(Decision.person_id)))
            .order_by(func.random()).limit(1)).first())
        if found is None:
            self.register_application()
            return
        case_id, pid = found
        me, today = self.actor, self.today
        self.db.write(lambda s: queue.take_case(s, case_id, actor=me))
        iid = self.db.write(lambda s: interviews.start_interview(s, case_id, actor=me,
                                                                 today=today))
        form = interview_form((MemberEntry(pid, Relation.HEAD),), carried=today,
                              month=interviews.right_income_month(today, income_lost=False))
        version = self.db.write(lambda s: interviews.save_interview(
            s, iid, form, actor=me, today=today, expected_version=interview_version(s, iid)))
        self.db.write(lambda s: interviews.complete_interview(
            s, iid, actor=me, today=today, expected_version=version))
        draft = DecisionForm(case_id=case_id, kind=DecisionKind.GRANTING,
                             benefit_kind=BenefitKind.ZASILEK_CELOWY, amount=Decimal("300.00"),
                             period_from=today, payout_method=PayoutMethod.CASH,
                             purpose="zakup opału na zimę")
        did = self.db.write(lambda s: decisions.save_draft(s, draft, actor=me, today=today))
        issued = self.db.write(lambda s: decisions.approve_and_issue(s, did, actor=me,
                                                                     today=today))
        self.numbers["decisions"].append(issued.number)

    def pay_out(self) -> None:
        """Today's cash list drawn up and approved, which issues its "Kasa wypłaci"."""
        me, today = self.actor, self.today
        if not self.db.read(lambda s: payouts.payouts_due(s, actor=me, payout_date=today,
                                                          method=PayoutMethod.CASH)):
            return
        list_id = self.db.write(lambda s: payouts.prepare_payout_list(
            s, actor=me, payout_date=today, method=PayoutMethod.CASH, today=today))
        receipt_ids = self.db.write(lambda s: payouts.approve_payout_list(
            s, list_id, actor=me, today=today))
        self.numbers["receipts"] += self.db.read(lambda s: list(s.scalars(
            select(CashReceipt.number).where(CashReceipt.id.in_(receipt_ids)))))

    def report(self) -> dict[str, Any]:
        return {"done": dict(self.done), "errors": self.errors, "retries": self.retries,
                "persons": sorted(self.own), "phones": self.phones, **self.numbers}


def work(target: str, number: int, ops: int, seed: int, ready: str, go: str, login: str,
         desk_kind: str) -> dict[str, Any]:
    db = open_database(target)
    station = Workstation(db, _login(db, login), number, seed, desk_kind)
    _ready_then_wait(ready, go)
    started = time.perf_counter()
    station.run(ops)
    result = station.report()
    result["seconds"] = round(time.perf_counter() - started, 2)
    db.dispose()
    return result


def hold(target: str, ready: str, login: str, persons: int) -> dict[str, Any]:
    """Die (killed by the parent: SIGKILL, or TerminateProcess on Windows) in the middle of
    a transaction that has already written."""
    db = open_database(target)
    actor = _login(db, login)
    rng = random.Random(7)

    def half_done(session: Any) -> None:
        if db.is_sqlite:
            # A tiny page cache spills the uncommitted pages into the database file itself,
            # so the kill leaves a half-written file and a hot journal behind.
            session.connection().exec_driver_sql("PRAGMA cache_size = 5")
        ids = [people.register_person(session, person_form(rng, date(1960, 1, 1), 9000 + i),
                                      actor=actor, allow_similar=True) for i in range(persons)]
        sign = intake.register_application(session, intake.ApplicationForm(
            person_id=ids[0], benefit_kind=BenefitKind.ZASILEK_CELOWY, filed_on=clock.today()),
            actor=actor)
        # Written aside and renamed: the parent, polling for the file, never reads it empty.
        aside = Path(f"{ready}.part")
        aside.write_text(json.dumps({"sign": sign, "persons": ids}), encoding="utf-8")
        aside.replace(ready)
        time.sleep(600)

    db.write(half_done)
    return {"error": "the transaction was meant to be killed, not finished"}


def migrate(target: str, ready: str, go: str) -> dict[str, Any]:
    import alembic.command  # noqa: F401 — loaded up front, so both processes race the lock

    messages: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            messages.append(record.getMessage())

    logging.getLogger("opsdesk").addHandler(Keep())
    logging.getLogger("opsdesk").setLevel(logging.INFO)
    _ready_then_wait(ready, go)
    open_database(target, create=True).dispose()
    return {"migrated": sum(m.startswith("schema migrated") for m in messages)}


COMMANDS = {"work": work, "hold": hold, "migrate": migrate}


# The parent's side ------------------------------------------------------------------------

def launch(command: str, **args: Any) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "tests.workstation", command,
                             json.dumps(args)], cwd=Path(__file__).resolve().parents[1],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def start_together(command: str, count: int, tmp: Path, **args: Any) -> list[subprocess.Popen[str]]:
    """``count`` workers of one command, released at the same instant once all are ready;
    an argument given as a list gives each worker its own value."""
    go = tmp / "go"
    procs = []
    try:
        for n in range(1, count + 1):
            own = {k: v[n - 1] if isinstance(v, list) else v for k, v in args.items()}
            procs.append(launch(command, ready=str(tmp / f"ready-{n}"), go=str(go), **own))
        for n, proc in enumerate(procs, 1):
            wait_for(tmp / f"ready-{n}", proc)
    except BaseException:
        for proc in procs:
            proc.kill()
            proc.communicate()
        raise
    go.touch()
    return procs


def wait_for(path: Path, proc: subprocess.Popen[str], timeout: float = 60) -> None:
    """Until a worker writes ``path``; fails early with its stderr if it died."""
    deadline = time.monotonic() + timeout
    while not path.exists():
        if proc.poll() is not None:
            raise AssertionError(f"worker died: {proc.stderr.read() if proc.stderr else ''}")
        if time.monotonic() > deadline:
            proc.kill()
            raise AssertionError(f"worker did not write {path.name} within {timeout} s:\n"
                                 f"{proc.communicate()[1]}")
        time.sleep(0.01)


def report(proc: subprocess.Popen[str], timeout: float = 120) -> dict[str, Any]:
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
    assert proc.returncode == 0, f"worker failed ({proc.returncode}):\n{err}"
    return json.loads(out.strip().splitlines()[-1])


if __name__ == "__main__":
    # The last working day up to the test's day: payout lists are approved on working days
    # only, and a workstation's morning of work (payouts included) must succeed on any day
    # CI sets (OPSDESK_TEST_NOW on a holiday or a weekend).
    clock.set_today(rules.last_working_day(TODAY))
    print(json.dumps(COMMANDS[sys.argv[1]](**json.loads(sys.argv[2]))))


# --- checks of a database several workstations wrote


def assert_sound(db):
    """integrity_check and foreign_key_check on SQLite; on PostgreSQL the server keeps both."""
    if db.is_sqlite:
        with sqlite3.connect(db.path) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


def all_of(reports, key):
    return [x for r in reports for x in r[key]]
