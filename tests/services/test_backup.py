"""Copies of the database: consistent while others work, rotated, restored after a safety
copy, and the head's command line (backup, restore, check)."""

import sqlite3
import threading
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from opsdesk import clock, schema
from opsdesk.app import main
from opsdesk.backup import (
    KEEP_DAILY,
    KEEP_MONTHLY,
    backup_file,
    ensure_daily_backup,
    last_backup_time,
    list_backups,
    restore_file,
    rotate,
)
from opsdesk.db import Database
from opsdesk.errors import DatabaseRestored, UserFacingError
from opsdesk.models import Person
from opsdesk.services import people
from opsdesk.services.people import PersonForm
from opsdesk.startup import open_database
from tests.workstation import ON_POSTGRESQL

sqlite_file_only = pytest.mark.skipif(ON_POSTGRESQL, reason="copies of a SQLite file")
KASIA = PersonForm(first_name="Katarzyna", last_name="Żółkiewska", pesel="85030412362")
JOZEF = PersonForm(first_name="Józef", last_name="Ćwikła", pesel="64042999928")


def names_in(target) -> list[str]:
    """Last names in a database file or URL, read by a fresh connection."""
    other = Database(str(target))
    try:
        return other.read(lambda s: sorted(s.scalars(select(Person.last_name))))
    finally:
        other.dispose()


def integrity(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]


@pytest.fixture
def cli_home(tmp_path, monkeypatch) -> Path:
    """The command line's settings and default backup folder, kept inside the test."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return tmp_path / "data" / "opsdesk" / "kopie"


@sqlite_file_only
def test_a_copy_taken_during_a_colleagues_write_holds_what_was_committed(db, staff, tmp_path):
    db.write(lambda s: people.register_person(s, KASIA, actor=staff.desk))
    colleague = Database(db.target)
    inside, release = threading.Event(), threading.Event()

    def slow_registration(s):
        pid = people.register_person(s, JOZEF, actor=staff.desk)
        inside.set()
        assert release.wait(10)
        return pid

    writer = threading.Thread(target=lambda: colleague.write(slow_registration))
    writer.start()
    try:
        assert inside.wait(10)
        copy = backup_file(db.path, tmp_path / "kopie")
    finally:
        release.set()
        writer.join()
        colleague.dispose()

    assert integrity(copy) == "ok"
    assert names_in(copy) == ["Żółkiewska"]
    assert names_in(db.path) == ["Ćwikła", "Żółkiewska"]


def test_rotation_keeps_14_days_and_12_months_and_every_safety_copy(tmp_path):
    folder = tmp_path / "kopie"
    folder.mkdir()
    day = datetime(2025, 10, 1)
    while day <= datetime(2026, 11, 23):
        for hour in (8, 23):
            (folder / f"opsdesk-{day.replace(hour=hour):%Y%m%d-%H%M%S}-dzienna.sqlite").touch()
        day += timedelta(days=1)
    safety = [folder / "opsdesk-20251015-100000-przed-migracja.sqlite",
              folder / "opsdesk-20260301-120000-przed-przywroceniem.sqlite",
              folder / "opsdesk-20260301-120000-przed-przywroceniem-2.sqlite"]
    for path in safety:
        path.touch()
    (folder / "notatki.txt").touch()

    rotate(folder)

    kept = {p.name for p in folder.iterdir()}
    days = {f"opsdesk-202611{d:02d}-230000-dzienna.sqlite" for d in range(10, 24)}
    month_ends = {f"opsdesk-{m:%Y%m%d}-230000-dzienna.sqlite" for m in (
        datetime(2026, month, 1) - timedelta(days=1) for month in range(1, 12))}
    assert kept == days | month_ends | {p.name for p in safety} | {"notatki.txt"}
    assert len(days | month_ends) == KEEP_DAILY + KEEP_MONTHLY - 1  # November counted once


def test_manual_copies_are_never_rotated_away(tmp_path):
    folder = tmp_path / "kopie"
    folder.mkdir()
    manual = [folder / f"opsdesk-20261110-{h:02d}0000-reczna.sqlite" for h in range(9, 14)]
    daily = [folder / f"opsdesk-20261110-{h:02d}3000-dzienna.sqlite" for h in (7, 8)]
    for path in manual + daily:
        path.touch()
    old_manual = folder / "opsdesk-20200101-090000-reczna.sqlite"
    old_manual.touch()
    assert rotate(folder) == [daily[0]]
    assert {p for p in folder.iterdir()} == {*manual, daily[1], old_manual}


@sqlite_file_only
def test_a_copy_made_while_another_process_writes_hard_restores_and_checks_clean(
        db, staff, tmp_path, cli_home):
    from opsdesk.maintenance import check_database
    from tests.workstation import report, start_together

    writer, = start_together("work", 1, tmp_path, target=db.target, number=1, ops=250,
                             seed=5, login="pierwszy", desk_kind="desk")
    copies = []
    while writer.poll() is None and len(copies) < 5:
        copies.append(backup_file(db.path, tmp_path / "kopie"))
    done = report(writer)
    assert done["errors"] == []
    assert len(copies) >= 2  # made while the writer was still writing
    for copy in copies:
        assert integrity(copy) == "ok"
        assert check_database(str(copy)) == []
    restore_file(copies[-1], db.path, tmp_path / "kopie")
    assert check_database(str(db.path)) == []
    assert integrity(db.path) == "ok"


@sqlite_file_only
def test_the_daily_copy_is_made_once_a_day(db, tmp_path):
    folder = tmp_path / "kopie"
    morning = datetime(2026, 11, 23, 7, 30)
    first = ensure_daily_backup(db.path, folder, morning)
    assert first is not None and first.name == "opsdesk-20261123-073000-dzienna.sqlite"
    assert integrity(first) == "ok"
    assert ensure_daily_backup(db.path, folder, morning.replace(hour=15)) is None
    assert ensure_daily_backup(db.path, folder, morning + timedelta(days=1)) is not None
    assert len(list_backups(folder)) == 2
    assert last_backup_time(folder) == morning + timedelta(days=1)

    backup_file(db.path, folder, reason="reczna", now=morning + timedelta(days=2))
    assert ensure_daily_backup(db.path, folder, morning + timedelta(days=2, hours=8)) is None

    db.path.rename(tmp_path / "gdzie-indziej.sqlite")
    with pytest.raises(UserFacingError, match="Nie znaleziono pliku bazy"):
        ensure_daily_backup(db.path, folder, morning + timedelta(days=3))


@sqlite_file_only
def test_restore_round_trip_backs_up_what_it_replaces(db, staff, tmp_path):
    folder = tmp_path / "kopie"
    db.write(lambda s: people.register_person(s, KASIA, actor=staff.desk))
    copy = backup_file(db.path, folder, now=datetime(2026, 11, 23, 8, 0))
    db.write(lambda s: people.register_person(s, JOZEF, actor=staff.desk))

    safety = restore_file(copy, db.path, folder)

    assert "przed-przywroceniem" in safety.name
    assert names_in(safety) == ["Ćwikła", "Żółkiewska"]
    # The running program's next unit of work is told the data was replaced; the one after
    # it sees the restored database.
    with pytest.raises(DatabaseRestored):
        db.read(lambda s: s.scalar(select(func.count(Person.id))))
    assert db.read(lambda s: s.scalar(select(func.count(Person.id)))) == 1
    assert integrity(db.path) == "ok"

    restore_file(safety, db.path, folder)
    assert names_in(db.path) == ["Ćwikła", "Żółkiewska"]
    with pytest.raises(DatabaseRestored):
        db.read(lambda s: None)
    db.write(lambda s: people.register_person(
        s, PersonForm(first_name="Łucja", last_name="Gęślowska", pesel="92071314764"),
        actor=staff.desk))
    assert len(names_in(db.path)) == 3


@sqlite_file_only
def test_restore_refuses_what_is_not_a_sound_opsdesk_copy(db, tmp_path):
    folder = tmp_path / "kopie"
    garbage = tmp_path / "smieci.sqlite"
    garbage.write_bytes(b"to nie jest baza " * 300)
    foreign = tmp_path / "obca.sqlite"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE t (x)")
    before = db.path.read_bytes()
    for path, message in ((tmp_path / "nie-ma.sqlite", "Nie znaleziono pliku kopii"),
                          (garbage, "To nie jest kopia bazy opsdesk"),
                          (foreign, "To nie jest kopia bazy opsdesk")):
        with pytest.raises(UserFacingError, match=message):
            restore_file(path, db.path, folder)
    assert db.path.read_bytes() == before
    assert list_backups(folder) == []


@sqlite_file_only
def test_a_newer_program_backs_up_before_it_migrates(db, tmp_path, monkeypatch):
    """Simulated by a program whose head revision is ahead of the database's."""
    monkeypatch.setattr(schema, "HEAD_REVISION", "9999")
    folder = tmp_path / "kopie"
    open_database(db.target, backup_dir=folder).dispose()
    assert [p.name.endswith("-przed-migracja.sqlite") for p in list_backups(folder)] == [True]


@sqlite_file_only
def test_command_line_backup_and_restore(db, staff, tmp_path, cli_home, capsys):
    db.write(lambda s: people.register_person(s, KASIA, actor=staff.desk))
    assert main(["backup", "--db", str(db.path), "--to", str(tmp_path / "pendrive")]) == 0
    (copy,) = list_backups(tmp_path / "pendrive")
    assert f"Kopia zapisana: {copy}" in capsys.readouterr().out
    db.write(lambda s: people.register_person(s, JOZEF, actor=staff.desk))

    assert main(["restore", str(copy), "--db", str(db.path)]) == 0
    out = capsys.readouterr().out
    assert f"Przywrócono bazę z {copy}" in out and "Poprzedni stan zachowano w" in out
    assert names_in(db.path) == ["Żółkiewska"]
    (safety,) = list_backups(cli_home)
    assert names_in(safety) == ["Ćwikła", "Żółkiewska"]

    assert main(["restore", str(tmp_path / "nie-ma.sqlite"), "--db", str(db.path)]) == 1
    assert "Nie znaleziono pliku kopii" in capsys.readouterr().err


def test_command_line_backup_of_a_server_database_points_to_pg_dump(cli_home, capsys):
    assert main(["backup", "--db", "postgresql+psycopg://serwer/opsdesk"]) == 1
    assert "pg_dump" in capsys.readouterr().err


def test_command_line_check_of_a_sound_database(db, staff, cli_home, capsys):
    db.write(lambda s: people.register_person(s, KASIA, actor=staff.desk))
    assert main(["check", "--db", db.target]) == 0
    assert capsys.readouterr().out.strip() == (
        f"Baza w porządku (spójność ok, schemat {schema.HEAD_REVISION}, brak osieroconych "
        "rekordów, łańcuch dziennika zdarzeń nienaruszony).")


def test_command_line_check_reports_orphans_and_the_schema_version(db, staff, cli_home, capsys):
    from opsdesk.models.enums import BenefitKind
    from opsdesk.services.intake import ApplicationForm, register_application

    pid = db.write(lambda s: people.register_person(s, KASIA, actor=staff.desk))
    db.write(lambda s: register_application(s, ApplicationForm(
        person_id=pid, benefit_kind=BenefitKind.ZASILEK_CELOWY,
        filed_on=clock.today()), actor=staff.desk))
    # A person deleted with foreign keys switched off, as an outside tool might do.
    if db.is_sqlite:
        with sqlite3.connect(db.path) as conn:
            conn.execute("DELETE FROM persons WHERE id = ?", (pid,))
    else:
        with db.engine.begin() as conn:
            conn.execute(text("SET LOCAL session_replication_role = replica"))
            conn.execute(text("DELETE FROM persons WHERE id = :id"), {"id": pid})
    assert main(["check", "--db", db.target]) == 1
    out = capsys.readouterr().out
    assert out.startswith("Znaleziono problemy:")
    for where in ("cases.person_id", "applications.person_id"):
        assert f"1 osieroconych rekordów w {where}" in out

    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0000'"))
    assert main(["check", "--db", db.target]) == 1
    assert f"Wersja schematu 0000, program oczekuje {schema.HEAD_REVISION}." in \
        capsys.readouterr().out


@sqlite_file_only
def test_command_line_check_reports_a_damaged_file(db, staff, cli_home, capsys, tmp_path):
    db.write(lambda s: people.register_person(s, KASIA, actor=staff.desk))
    with sqlite3.connect(db.path) as conn:
        root = conn.execute("SELECT rootpage FROM sqlite_master "
                            "WHERE name = 'ix_persons_search_text'").fetchone()[0]
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    with open(db.path, "r+b") as f:
        f.seek((root - 1) * page_size)
        f.write(b"\x00" * page_size)
    assert main(["check", "--db", db.target]) == 1
    assert "Spójność pliku:" in capsys.readouterr().out

    assert main(["check", "--db", str(tmp_path / "nie-ma.sqlite")]) == 1
    assert "Nie znaleziono pliku bazy danych" in capsys.readouterr().err
