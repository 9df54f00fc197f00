"""Tamper evidence: every audit entry is chained to the one before; dropping the trigger
and deleting entries, or cutting the log back after a backup, is found and named."""

import shutil

import pytest
from sqlalchemy import text

from opsdesk.backup import backup_file, latest_chain_note, restore_file
from opsdesk.maintenance import check_database
from opsdesk.services import audit_chain, people
from opsdesk.services.audit_log import check_audit_chain
from opsdesk.startup import open_database
from tests.factories import ZOFIA, person
from tests.migration_helpers import step_back_to
from tests.workstation import ON_POSTGRESQL

sqlite_file_only = pytest.mark.skipif(ON_POSTGRESQL, reason="a SQLite file and its triggers")
TRIGGER = ("CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
           "BEGIN SELECT RAISE(ABORT, 'x'); END")


def report(db):
    with db.engine.connect() as conn:
        return audit_chain.verify(conn)


def some_work(db, staff, n=3):
    pid = person(db, staff, ZOFIA)
    for _ in range(n):
        db.read(lambda s: people.open_person(s, pid, actor=staff.desk))


def delete_behind_the_trigger(db, ids):
    with db.engine.begin() as conn:
        conn.execute(text("DROP TRIGGER audit_log_no_delete"))
        conn.execute(text(f"DELETE FROM audit_log WHERE id IN ({','.join(map(str, ids))})"))
        conn.execute(text(TRIGGER))


def test_every_entry_is_chained_to_the_one_before(db, staff):
    some_work(db, staff)
    found = report(db)
    assert found.sound and found.entries > 10
    assert check_database(db.target) == []
    assert "nienaruszony — sprawdzono" in db.read(lambda s: check_audit_chain(
        s, actor=staff.head))


@sqlite_file_only
def test_entries_deleted_behind_the_trigger_are_found_and_the_first_break_named(db, staff):
    some_work(db, staff)
    with db.engine.connect() as conn:
        ids = conn.execute(text("SELECT id FROM audit_log ORDER BY id")).scalars().all()
    gone = ids[5:16]  # eleven entries, as in the attack
    delete_behind_the_trigger(db, gone)
    first_after = ids[16]
    assert report(db).broken_at == first_after
    problems = check_database(db.target)
    assert problems == [f"Dziennik zdarzeń: łańcuch wpisów przerwany przy wpisie nr "
                        f"{first_after} — ten wpis albo wpis przed nim zmieniono lub usunięto "
                        "z pominięciem programu."]
    assert f"przy wpisie nr {first_after}" in db.read(lambda s: check_audit_chain(
        s, actor=staff.head))


@sqlite_file_only
def test_an_entry_changed_behind_the_trigger_is_found(db, staff):
    some_work(db, staff)
    with db.engine.begin() as conn:
        conn.execute(text("DROP TRIGGER audit_log_no_update"))
        conn.execute(text("UPDATE audit_log SET details = '{\"x\": 1}' WHERE id = 4"))
    assert report(db).broken_at == 4


@sqlite_file_only
def test_a_log_cut_back_after_a_backup_is_seen_through_the_backups_note(db, staff, tmp_path):
    some_work(db, staff)
    folder = tmp_path / "kopie"
    copy = backup_file(db.path, folder)
    note = latest_chain_note(folder)
    assert note is not None and note.copy == copy
    assert check_database(db.target, folder) == []
    # The tail cut off: what is left still chains, but the copy's last entry is gone.
    with db.engine.connect() as conn:
        ids = conn.execute(text("SELECT id FROM audit_log ORDER BY id")).scalars().all()
    delete_behind_the_trigger(db, ids[-4:])
    assert report(db).sound
    assert check_database(db.target, folder) == [
        f"Dziennik zdarzeń: brak wpisu nr {ids[-1]}, który był w kopii {copy.name} — dziennik "
        "skrócono albo podmieniono po jej wykonaniu."]


@sqlite_file_only
def test_a_restore_does_not_count_as_cutting_the_log(db, staff, tmp_path):
    folder = tmp_path / "kopie"
    old = backup_file(db.path, folder)
    some_work(db, staff)
    backup_file(db.path, folder)
    restore_file(old, db.path, folder)
    assert check_database(db.target, folder) == []


@sqlite_file_only
def test_the_migration_chains_the_entries_already_there(db, staff, tmp_path):
    some_work(db, staff)
    count = report(db).entries
    path = tmp_path / "old.sqlite"
    shutil.copyfile(db.path, path)
    old = open_database(str(path))
    with old.engine.begin() as conn:
        step_back_to(conn, "0008nd")
    old.dispose()
    upgraded = open_database(str(path), backup_dir=tmp_path / "kopie")
    try:
        found = report(upgraded)
        assert found.sound and found.entries >= count
    finally:
        upgraded.dispose()


def test_the_heads_audit_view_checks_the_chain(qtbot, db, staff, make_ctx):
    from PySide6.QtCore import Qt

    from opsdesk.ui.audit_view import AuditView

    view = AuditView(make_ctx(staff.head))
    qtbot.addWidget(view)
    view.show()
    qtbot.mouseClick(view.findChild(type(view.newer), "auditCheckChain"),
                     Qt.MouseButton.LeftButton)
    assert view.chain_label.text().startswith("Łańcuch dziennika nienaruszony — sprawdzono")


def test_the_chain_takes_the_writers_lock_on_postgresql():
    from opsdesk import db as db_module

    assert audit_chain.PG_WRITE_LOCK == db_module.PG_WRITE_LOCK
