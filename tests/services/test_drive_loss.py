"""The database out of reach, damaged, locked or newer than the program: a Polish message,
never a new empty file where the real one was, and back to work once it returns."""

import sqlite3

import pytest
from sqlalchemy import func, select, text

from opsdesk import __version__
from opsdesk import db as db_module
from opsdesk.db import DatabaseDamaged
from opsdesk.errors import DatabaseUnavailable
from opsdesk.models import Person
from opsdesk.schema import HEAD_REVISION, SchemaTooNew
from opsdesk.services import people
from opsdesk.services.people import PersonForm
from opsdesk.startup import DatabaseLocked, DatabaseMissing, open_database
from tests.workstation import ON_POSTGRESQL, report, start_together

sqlite_file_only = pytest.mark.skipif(ON_POSTGRESQL, reason="a SQLite file on a drive")
KASIA = PersonForm(first_name="Katarzyna", last_name="Żółkiewska", pesel="85030412362")
JOZEF = PersonForm(first_name="Józef", last_name="Ćwikła", pesel="64042999928")


def persons(db):
    return db.read(lambda s: s.scalar(select(func.count(Person.id))))


@sqlite_file_only
def test_the_drive_goes_away_under_a_running_program_and_comes_back(db, staff, tmp_path):
    db.write(lambda s: people.register_person(s, KASIA, actor=staff.desk))
    elsewhere = tmp_path / "odlaczony-dysk"
    elsewhere.mkdir()
    db.path.rename(elsewhere / db.path.name)

    with pytest.raises(DatabaseUnavailable, match="Brak połączenia z bazą danych") as err:
        persons(db)
    assert "Twoje wpisy są zachowane" in err.value.message
    with pytest.raises(DatabaseUnavailable, match="Brak połączenia z bazą danych"):
        db.write(lambda s: people.register_person(s, JOZEF, actor=staff.desk))
    assert sorted(p.name for p in db.path.parent.iterdir()) == ["odlaczony-dysk"]

    (elsewhere / db.path.name).rename(db.path)
    assert persons(db) == 1
    db.write(lambda s: people.register_person(s, JOZEF, actor=staff.desk))
    assert persons(db) == 2


@sqlite_file_only
def test_a_missing_file_is_never_created_at_start(tmp_path):
    path = tmp_path / "Z" / "opsdesk.sqlite"
    path.parent.mkdir()
    with pytest.raises(DatabaseMissing, match="Nie znaleziono pliku bazy danych") as err:
        open_database(str(path))
    assert "sprawdź, czy dysk jest podłączony" in err.value.message
    assert not path.exists()
    with pytest.raises(DatabaseUnavailable, match="Brak połączenia"):
        open_database(str(tmp_path / "niepodlaczony" / "opsdesk.sqlite"), create=True)


@sqlite_file_only
@pytest.mark.parametrize("content", [b"", b"To nie jest baza danych. " * 400],
                         ids=["empty file", "garbage"])
def test_a_file_that_is_not_an_opsdesk_database_is_named_and_left_alone(tmp_path, content):
    path = tmp_path / "opsdesk.sqlite"
    path.write_bytes(content)
    with pytest.raises(DatabaseDamaged, match="jest uszkodzony albo nie jest bazą programu"):
        open_database(str(path))
    assert path.read_bytes() == content


@sqlite_file_only
def test_a_damaged_page_is_reported_while_working(db, staff):
    pid = db.write(lambda s: people.register_person(s, KASIA, actor=staff.desk))
    with sqlite3.connect(db.path) as conn:
        root = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'persons'").fetchone()[0]
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    with open(db.path, "r+b") as f:
        f.seek((root - 1) * page_size)
        f.write(b"\xff" * page_size)
    # The person's file: a search reads the index persons_search, not this table.
    with pytest.raises(DatabaseDamaged, match="Przywróć z kopii"):
        db.read(lambda s: people.open_person(s, pid, actor=staff.desk))


@sqlite_file_only
def test_a_file_locked_by_another_workstation_is_named_at_start(db, monkeypatch):
    monkeypatch.setattr(db_module, "BUSY_TIMEOUT_MS", 100)
    colleague = sqlite3.connect(db.path, isolation_level=None)
    colleague.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(DatabaseLocked, match="zablokowana przez inne stanowisko"):
            open_database(db.target)
    finally:
        colleague.rollback()
        colleague.close()
    open_database(db.target).dispose()


def test_a_database_from_a_newer_program_is_refused_at_start(db):
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0999'"))
    with pytest.raises(SchemaTooNew) as err:
        open_database(db.target)
    assert err.value.message == (
        "Baza danych pochodzi z nowszej wersji programu (schemat 0999). Zainstaluj na tym "
        f"stanowisku opsdesk w wersji {__version__} lub nowszej (paczka opsdesk-{__version__}"
        "-windows.zip, instaluj.cmd) — do tego czasu nie można w niej zapisywać.")


def test_a_running_program_stops_writing_once_a_newer_one_migrated(db, staff):
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0999'"))
    with pytest.raises(SchemaTooNew, match="Zainstaluj na tym stanowisku opsdesk w wersji"):
        db.write(lambda s: people.register_person(s, KASIA, actor=staff.desk))
    assert persons(db) == 0


def test_two_workstations_starting_at_once_migrate_once(db, tmp_path):
    if db.is_sqlite:
        target = str(tmp_path / "nowa.sqlite")  # not there yet: both are told to create it
    else:
        target = db.target
        with db.engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    procs = start_together("migrate", 2, tmp_path, target=target)
    migrated = [report(p)["migrated"] for p in procs]
    assert sorted(migrated) == [0, 1]
    fresh = open_database(target)
    try:
        assert fresh.read(lambda s: s.execute(
            text("SELECT version_num FROM alembic_version")).scalars().all()) == [HEAD_REVISION]
    finally:
        fresh.dispose()


def test_the_head_revision_is_alembics_head():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from opsdesk import schema

    config = Config()
    config.set_main_option("script_location", str(schema.MIGRATIONS))
    scripts = ScriptDirectory.from_config(config)
    assert schema.HEAD_REVISION == scripts.get_current_head()
    assert schema.KNOWN_REVISIONS == {s.revision for s in scripts.walk_revisions()}


@sqlite_file_only
def test_a_database_file_replaced_by_an_empty_one_gives_a_polish_message(db, staff):
    db.path.write_bytes(b"")
    with pytest.raises(DatabaseDamaged, match="Plik bazy danych jest uszkodzony albo nie jest "
                                              "bazą programu opsdesk"):
        db.read(lambda s: people.search_persons(s, "Zofia", actor=staff.desk))
    with pytest.raises(DatabaseDamaged):
        db.write(lambda s: people.search_persons(s, "Zofia", actor=staff.desk))
