"""The connection kept for the whole program: its cache survives between units of work, it
is dropped once the file is not the one it read, and it tells a colleague's write apart."""

import shutil
from pathlib import Path

import pytest
from sqlalchemy import event, func, select

from opsdesk.db import Database
from opsdesk.errors import DatabaseUnavailable
from opsdesk.models import Person
from opsdesk.services import people
from opsdesk.services.people import PersonForm
from tests.workstation import ON_POSTGRESQL

sqlite_file_only = pytest.mark.skipif(ON_POSTGRESQL, reason="a SQLite file on a drive")
KASIA = PersonForm(first_name="Katarzyna", last_name="Żółkiewska", pesel="85030412362")
JOZEF = PersonForm(first_name="Józef", last_name="Ćwikła", pesel="64042999928")


def persons(db: Database) -> int:
    return db.read(lambda s: s.scalar(select(func.count(Person.id))))


def connects(db: Database) -> list[object]:
    opened: list[object] = []
    event.listen(db.engine, "connect", lambda conn, _record: opened.append(conn))
    return opened


def read_calls() -> int:
    return int(next(line.split()[1] for line in Path("/proc/self/io").read_text().splitlines()
                    if line.startswith("syscr")))


def test_units_of_work_share_one_connection(db, staff):
    db.write(lambda s: people.register_person(s, KASIA, actor=staff.desk))
    opened = connects(db)
    for _ in range(3):
        assert persons(db) == 1
    db.write(lambda s: people.register_person(s, JOZEF, actor=staff.desk))
    assert persons(db) == 2
    assert opened == []


@sqlite_file_only
def test_a_file_put_in_place_of_the_open_one_is_read_at_the_next_action(db, staff, tmp_path,
                                                                       migrated_template):
    db.write(lambda s: people.register_person(s, KASIA, actor=staff.desk))
    assert persons(db) == 1
    # Another workstation restores by copying an empty database over the name.
    other = tmp_path / "inna.sqlite"
    shutil.copyfile(migrated_template, other)
    other.replace(db.path)
    assert persons(db) == 0


@sqlite_file_only
def test_a_file_deleted_under_the_kept_connection_is_reported_at_the_next_action(db, staff):
    db.write(lambda s: people.register_person(s, KASIA, actor=staff.desk))
    assert persons(db) == 1
    db.path.unlink()  # the kept connection could go on reading the deleted file on Linux
    with pytest.raises(DatabaseUnavailable, match="Brak połączenia z bazą danych"):
        persons(db)
    with pytest.raises(DatabaseUnavailable, match="Brak połączenia z bazą danych"):
        db.changed()
    assert not db.path.exists()


def test_changed_tells_another_workstations_write_and_only_that(db, staff):
    persons(db)
    assert db.changed() is False
    db.write(lambda s: people.register_person(s, KASIA, actor=staff.desk))
    # This program's own write (its screens were told): SQLite knows it from another's;
    # PostgreSQL's counter of transactions moves for both.
    assert db.changed() is ON_POSTGRESQL
    colleague = Database(db.target)
    try:
        colleague.write(lambda s: people.register_person(s, JOZEF, actor=staff.benefits))
    finally:
        colleague.dispose()
    assert db.changed() is True
    assert db.changed() is False


@sqlite_file_only
def test_looking_for_a_change_while_nobody_writes_reads_the_header_only(db, staff):
    persons(db)
    db.changed()
    before = read_calls()
    for _ in range(20):
        assert db.changed() is False
    assert read_calls() - before <= 20 + 2  # and the two reads of /proc/self/io


@sqlite_file_only
def test_a_warm_read_takes_a_few_reads_of_the_file(db, staff):
    for form in (KASIA, JOZEF):
        db.write(lambda s, f=form: people.register_person(s, f, actor=staff.desk))
    search = lambda s: people.search_persons(s, "Żółkiewska", actor=staff.desk)  # noqa: E731
    db.read(search)
    before = read_calls()
    for _ in range(10):
        assert len(db.read(search)) == 1
    assert read_calls() - before <= 10 * 3 + 2
