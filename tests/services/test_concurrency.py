"""Several workstations on one database: real processes, real locks, real numbers.

The processes are tests/workstation.py; on SQLite they share one file, on PostgreSQL
(OPSDESK_TEST_DATABASE_URL) one database on the server."""

import json
import signal
import sqlite3
import sys
import threading
from dataclasses import replace
from datetime import date
from hashlib import sha256

import pytest
from sqlalchemy import func, select

from opsdesk import db as db_module
from opsdesk.errors import ConflictError, DatabaseBusy
from opsdesk.models import (
    Application,
    AuditEntry,
    Case,
    CashReceipt,
    Certificate,
    Counter,
    Decision,
    Handover,
    PayoutList,
    Person,
)
from opsdesk.models.enums import AuditAction
from opsdesk.services import people
from opsdesk.services.people import PersonForm
from opsdesk.startup import open_database
from tests.workstation import (
    ON_POSTGRESQL,
    all_of,
    assert_sound,
    launch,
    report,
    start_together,
    wait_for,
)

OPS_PER_WORKSTATION = 300
sqlite_locks_only = pytest.mark.skipif(ON_POSTGRESQL, reason="SQLite file locks")


def counts(db):
    """How many of each record the database holds: a killed writer must change none."""
    def read(s):
        found = {m.__name__: s.scalar(select(func.count()).select_from(m))
                 for m in (Person, Case, Application, Certificate, Handover, AuditEntry)}
        found["numbers drawn"] = s.scalar(select(func.coalesce(func.sum(Counter.value), 0)))
        return found
    return db.read(read)


def assert_numbers_unbroken(db):
    """Each kind of number runs 1, 2, 3 … with no repeat and no gap."""
    for column in (Case.number, Certificate.seq, Decision.seq, CashReceipt.seq, PayoutList.seq):
        drawn = db.read(lambda s, c=column: s.scalars(
            select(c).where(c.is_not(None)).order_by(c)).all())
        assert drawn == list(range(1, len(drawn) + 1)), column


def run_workstations(db, tmp_path, count, ops):
    """``count`` workstations at once: first-contact desks, and the last one at benefits
    (the head, who also approves decisions and payout lists)."""
    procs = start_together("work", count, tmp_path, target=db.target,
                           number=list(range(1, count + 1)), ops=ops, seed=list(range(count)),
                           login=["pierwszy"] * (count - 1) + ["kierownik"],
                           desk_kind=["desk"] * (count - 1) + ["benefits"])
    return [report(p) for p in procs]


def test_three_workstations_on_one_database_lose_and_repeat_nothing(db, staff, tmp_path):
    reports = run_workstations(db, tmp_path, 3, OPS_PER_WORKSTATION)

    for r in reports:
        assert r["errors"] == [], "an error reached a user"
        assert sum(r["done"].values()) == OPS_PER_WORKSTATION
    reported = {key: all_of(reports, key) for key in ("persons", "signs", "certificates",
                                                      "decisions", "receipts")}
    for key, least in (("persons", 150), ("signs", 150), ("certificates", 50),
                       ("decisions", 20), ("receipts", 20)):
        assert len(set(reported[key])) == len(reported[key]) > least, key

    in_db = db.read(lambda s: {
        "persons": set(s.scalars(select(Person.id))),
        "signs": set(s.scalars(select(Case.sign))),
        "certificates": set(s.scalars(select(Certificate.number))),
        "decisions": set(s.scalars(select(Decision.number).where(Decision.number.is_not(None)))),
        "receipts": set(s.scalars(select(CashReceipt.number))),
        "applications": s.scalar(select(func.count(Application.id))),
        "person audits": s.scalar(select(func.count(AuditEntry.id)).where(
            AuditEntry.entity == "Person", AuditEntry.action == AuditAction.CREATE)),
        "phones": {i: p for i, p in s.execute(select(Person.id, Person.phone))},
        "unpaid decisions": s.scalar(select(func.count(Decision.id)).where(
            Decision.number.is_not(None), ~Decision.payouts.any())),
    })
    for key in ("persons", "signs", "certificates", "decisions", "receipts"):
        assert in_db[key] == set(reported[key]), key
    assert in_db["applications"] == len(reported["signs"])
    assert in_db["person audits"] == len(reported["persons"])
    assert in_db["unpaid decisions"] == 0
    saved_phones = {int(i): p for r in reports for i, p in r["phones"].items()}
    assert len(saved_phones) > 30
    assert {i: in_db["phones"][i] for i in saved_phones} == saved_phones
    assert_numbers_unbroken(db)
    assert_sound(db)


def test_a_workstation_killed_in_mid_transaction_leaves_nothing_half_written(db, staff,
                                                                             tmp_path):
    before = counts(db)
    file_before = sha256(db.path.read_bytes()).digest() if db.is_sqlite else None
    ready = tmp_path / "ready"
    proc = launch("hold", target=db.target, ready=str(ready), login="pierwszy", persons=30)
    wait_for(ready, proc)
    held = json.loads(ready.read_text(encoding="utf-8"))
    if db.is_sqlite:
        # The uncommitted pages are in the file already, the originals in a hot journal.
        assert sha256(db.path.read_bytes()).digest() != file_before
        assert db.path.with_name(db.path.name + "-journal").exists()

    # Popen.kill is SIGKILL on POSIX and TerminateProcess (exit code 1) on Windows: either
    # way the process dies at once, with no chance to roll back or to close the file.
    proc.kill()
    proc.communicate(timeout=10)
    assert proc.returncode == (1 if sys.platform == "win32" else -signal.SIGKILL)

    logged_in = {**before, "AuditEntry": before["AuditEntry"] + 1}  # its login, committed
    assert counts(db) == logged_in
    assert db.read(lambda s: s.scalar(select(Case.id).where(Case.sign == held["sign"]))) is None
    assert db.read(lambda s: s.scalars(select(Person.id).where(
        Person.id.in_(held["persons"]))).all()) == []
    assert_sound(db)

    reports = run_workstations(db, tmp_path, 2, 40)
    assert [r["errors"] for r in reports] == [[], []]
    # The killed transaction's case number was never given, so the next case took it.
    assert held["sign"] in {s for r in reports for s in r["signs"]}
    assert_numbers_unbroken(db)
    assert_sound(db)


def test_two_workstations_editing_one_person_never_overwrite_each_other(db, staff):
    form = PersonForm(first_name="Łucja", last_name="Gęślowska", pesel="85030412362",
                      street="ul. Łąkowa 3", postal_code="66-210", city="Zbąszynek")
    pid = db.write(lambda s: people.register_person(s, form, actor=staff.desk))
    colleague = open_database(db.target)
    try:
        mine = db.read(lambda s: people.open_person(s, pid, actor=staff.desk))
        theirs = colleague.read(lambda s: people.open_person(s, pid, actor=staff.benefits))
        colleague.write(lambda s: people.update_person(
            s, pid, replace(theirs.form, city="Babimost"), actor=staff.benefits,
            expected_version=theirs.version))

        typed = replace(mine.form, phone="600 100 200")
        with pytest.raises(ConflictError) as conflict:
            db.write(lambda s: people.update_person(s, pid, typed, actor=staff.desk,
                                                    expected_version=mine.version))
        assert "Ktoś inny zmienił ten rekord" in conflict.value.message
        assert "Twoje wpisy są zachowane" in conflict.value.message
        # What the dialog shows: the colleague's value against what this user typed.
        assert conflict.value.changes == {"city": ("Babimost", "Zbąszynek"),
                                          "phone": ("", "600 100 200")}
        now = db.read(lambda s: people.open_person(s, pid, actor=staff.desk))
        assert (now.form.city, now.form.phone) == ("Babimost", "")

        db.write(lambda s: people.update_person(s, pid, replace(now.form, phone=typed.phone),
                                                actor=staff.desk, expected_version=now.version))
        saved = colleague.read(lambda s: people.open_person(s, pid, actor=staff.benefits))
        assert (saved.form.city, saved.form.phone) == ("Babimost", "600 100 200")
    finally:
        colleague.dispose()


@sqlite_locks_only
def test_a_write_meeting_a_colleagues_lock_waits_retries_and_says_so(db, staff, monkeypatch):
    monkeypatch.setattr(db_module, "BUSY_TIMEOUT_MS", 100)
    colleague = sqlite3.connect(db.path, check_same_thread=False, isolation_level=None)
    colleague.execute("BEGIN IMMEDIATE")
    retries = []
    db.on_retry = retries.append
    # Reads go on while a colleague writes: no lock is taken for them.
    assert counts(db)["Person"] == 0
    threading.Timer(0.3, colleague.rollback).start()
    form = PersonForm(first_name="Józef", last_name="Ćwikła", pesel="85030412362")
    pid = db.write(lambda s: people.register_person(s, form, actor=staff.desk))
    colleague.close()

    assert pid and retries[0] == 1
    assert db_module.RETRY_MESSAGE == "Baza jest zajęta przez inne stanowisko — ponawiam…"


@sqlite_locks_only
def test_a_lock_that_outlasts_every_retry_ends_in_a_polish_message(db, staff, monkeypatch):
    monkeypatch.setattr(db_module, "BUSY_TIMEOUT_MS", 50)
    before = counts(db)
    colleague = sqlite3.connect(db.path, isolation_level=None)
    colleague.execute("BEGIN IMMEDIATE")
    retries = []
    db.on_retry = retries.append
    form = PersonForm(first_name="Józef", last_name="Ćwikła", pesel="85030412362",
                      birth_date=date(1985, 3, 4))
    try:
        with pytest.raises(DatabaseBusy, match="Baza jest zajęta przez inne stanowisko"):
            db.write(lambda s: people.register_person(s, form, actor=staff.desk))
    finally:
        colleague.rollback()
        colleague.close()
    assert retries == list(range(1, db_module.WRITE_ATTEMPTS))
    assert counts(db) == before

