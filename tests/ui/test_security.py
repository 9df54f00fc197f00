"""Sessions and bad input: the idle lock (pytest-qt, real widgets), changing one's own
password, wrong and empty passwords counted and audited, a worker who left, and where files
and settings go."""

from __future__ import annotations

import ast
import json
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton
from sqlalchemy import select

import opsdesk
from opsdesk import clock
from opsdesk import settings as settings_mod
from opsdesk.errors import UserFacingError, ValidationError
from opsdesk.models import AuditEntry, User
from opsdesk.models.enums import AuditAction
from opsdesk.services import desk, people, security, users
from opsdesk.services.people import PersonForm
from opsdesk.services.sessions import (
    AccountLocked,
    WrongPassword,
    confirm_password,
    save_security_settings,
    security_settings,
)
from opsdesk.ui.idle_lock import Curtain, IdleLock, LockDialog
from opsdesk.ui.login import LoginDialog
from opsdesk.ui.main_window import MainWindow
from opsdesk.ui.password_dialog import ChangePasswordDialog
from tests.conftest import PASSWORD
from tests.ui_helpers import click_ok, type_text

PACKAGE = Path(opsdesk.__file__).parent


def failed_logins(db, user_id: int) -> list[dict]:
    rows = db.read(lambda s: s.scalars(select(AuditEntry.details).where(
        AuditEntry.action == AuditAction.LOGIN_FAILED, AuditEntry.user_id == user_id)).all())
    return [json.loads(d) for d in rows]


def when_shown(object_name: str, action) -> None:  # type: ignore[no-untyped-def]
    """Act on the modal dialog with this object name once it is up (inside its exec())."""
    def run() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or dialog.objectName() != object_name:
            QTimer.singleShot(20, run)
            return
        action(dialog)

    QTimer.singleShot(0, run)


def unlock_with(dialog: LockDialog, password: str) -> None:
    type_text(dialog.password, password)
    QTest.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)


# --- the password of a worker already at the screen ------------------------------------------

def test_unlocking_checks_the_same_workers_password(db, staff):
    db.write(lambda s: confirm_password(s, actor=staff.benefits, password=PASSWORD))
    with pytest.raises(WrongPassword, match="Nieprawidłowe hasło."):
        db.write(lambda s: confirm_password(s, actor=staff.benefits, password="cudze-haslo"))
    with pytest.raises(WrongPassword, match="Wpisz hasło."):
        db.write(lambda s: confirm_password(s, actor=staff.benefits, password=""))
    assert failed_logins(db, staff.benefits.id) == [{}, {"empty": True}]


def test_five_wrong_passwords_at_the_lock_lock_the_account(db, staff):
    now = datetime(2026, 11, 23, 10, 0)
    for _ in range(4):
        with pytest.raises(WrongPassword):
            db.write(lambda s: confirm_password(s, actor=staff.social, password="zle-haslo-1",
                                                now=now))
    with pytest.raises(AccountLocked, match="zablokowane do 10:15"):
        db.write(lambda s: confirm_password(s, actor=staff.social, password="zle-haslo-1",
                                            now=now))
    # Locked means locked: even the right password waits out the quarter of an hour.
    with pytest.raises(AccountLocked):
        db.write(lambda s: confirm_password(s, actor=staff.social, password=PASSWORD, now=now))
    with pytest.raises(UserFacingError, match="Konto jest zablokowane"):
        db.write(lambda s: security.authenticate(s, login="socjalny", password=PASSWORD,
                                                 now=now))
    assert len(failed_logins(db, staff.social.id)) == 5


def test_changing_ones_password(db, staff):
    def change(old, new):
        return db.write(lambda s: users.change_own_password(
            s, actor=staff.desk, old_password=old, new_password=new))

    with pytest.raises(ValidationError, match="co najmniej 8 znaków") as short:
        change(PASSWORD, "krótkie")
    assert short.value.field == "password"
    with pytest.raises(ValidationError, match="musi się różnić") as same:
        change(PASSWORD, PASSWORD)
    assert same.value.field == "new_password"
    with pytest.raises(WrongPassword, match="Nieprawidłowe hasło.") as wrong:
        change("nie-to-haslo", "nowe-haslo-2026")
    assert wrong.value.field == "old_password"
    assert failed_logins(db, staff.desk.id) == [{}]  # a wrong old password is audited
    change(PASSWORD, "nowe-haslo-2026")
    assert db.write(lambda s: security.authenticate(s, login="pierwszy",
                                                    password="nowe-haslo-2026")).id == staff.desk.id
    with pytest.raises(UserFacingError, match="Nieprawidłowy login lub hasło."):
        db.write(lambda s: security.authenticate(s, login="pierwszy", password=PASSWORD))


# --- the idle lock, through real widgets -----------------------------------------------------

@pytest.fixture
def exits(monkeypatch) -> list[int]:
    """QApplication.exit recorded, not done: once called, every later event loop in the
    test process — dialogs', qtbot's — would return at once."""
    calls: list[int] = []
    monkeypatch.setattr(QApplication, "exit", staticmethod(calls.append))
    return calls


@pytest.fixture
def window(qtbot, db, staff, make_ctx):
    win = MainWindow(make_ctx(staff.benefits), database_label="x", shared=False)
    qtbot.addWidget(win)
    win.show()
    return win


def test_the_window_gets_the_offices_idle_time(db, staff, make_ctx, qtbot):
    current = db.read(security_settings)
    db.write(lambda s: save_security_settings(s, actor=staff.head, idle_lock_minutes=3,
                                              retention_years=10,
                                              expected_version=current.version))
    win = MainWindow(make_ctx(staff.desk), database_label="x", shared=False)
    qtbot.addWidget(win)
    assert win.idle_lock.timer.interval() == 3 * 60_000
    assert win.idle_lock.timer.isActive()


def test_a_new_idle_time_counts_at_once_on_this_workstation(db, staff, make_ctx, qtbot):
    from opsdesk.ui.privacy_box import SecuritySettingsDialog

    win = MainWindow(make_ctx(staff.admin), database_label="x", shared=False)
    qtbot.addWidget(win)
    assert win.idle_lock.timer.interval() == 10 * 60_000
    dialog = SecuritySettingsDialog(win.ctx, db.read(security_settings))
    qtbot.addWidget(dialog)
    dialog.field("idle_lock_minutes").setValue(4)
    click_ok(dialog)
    assert dialog.result() == 1, dialog.error_label.text()
    assert win.idle_lock.timer.interval() == 4 * 60_000
    assert win.idle_lock.timer.isActive()


def test_input_restarts_the_idle_timer(window, qtbot):
    lock: IdleLock = window.idle_lock
    lock.timer.stop()
    type_text(window.search, "x")
    assert lock.timer.isActive()
    lock.timer.stop()
    QTest.mouseClick(window.search, Qt.MouseButton.LeftButton)
    assert lock.timer.isActive()


def test_idle_lock_covers_the_window_and_keeps_what_was_typed(window, qtbot, db, staff):
    type_text(window.search, "Łąkowa 3")
    seen: dict[str, object] = {}

    def at_the_lock(dialog: LockDialog) -> None:
        seen["covered"] = any(c.isVisible() and c.parent() is window
                              for c in window.findChildren(Curtain))
        dialog.reject()  # Esc: stays locked
        unlock_with(dialog, "")
        seen["empty"] = dialog.error_label.text()
        unlock_with(dialog, "złe-hasło-1")
        seen["wrong"] = dialog.error_label.text()
        unlock_with(dialog, PASSWORD)

    when_shown("lockDialog", at_the_lock)
    with qtbot.waitSignal(window.idle_lock.unlocked, timeout=5000):
        window.idle_lock.timer.start(50)
    assert seen == {"covered": True, "empty": "Wpisz hasło.", "wrong": "Nieprawidłowe hasło."}
    assert window.search.text() == "Łąkowa 3"
    assert not any(c.isVisible() for c in window.findChildren(Curtain))
    assert window.idle_lock.timer.isActive()  # counting again
    assert failed_logins(db, staff.benefits.id) == [{"empty": True}, {}]
    window.close()
    assert not window.idle_lock.timer.isActive()  # a closed window locks no more


def test_five_wrong_passwords_at_the_lock_close_the_program(window, qtbot, db, staff, exits):
    messages: list[str] = []

    def at_the_lock(dialog: LockDialog) -> None:
        when_shown("errorBox", lambda box: (messages.append(box.text()), box.accept()))
        for _ in range(5):
            unlock_with(dialog, "złe-hasło-1")

    when_shown("lockDialog", at_the_lock)
    with qtbot.waitSignal(window.idle_lock.locked_out, timeout=5000):
        window.idle_lock.timer.start(50)
    assert len(messages) == 1 and messages[0].startswith(
        "Pięć błędnych haseł z rzędu — konto zostało zablokowane do")
    assert "Program zostanie zamknięty" in messages[0]
    assert not window.isVisible() and exits == [0]
    assert len(failed_logins(db, staff.benefits.id)) == 5
    locked = db.read(lambda s: s.get(User, staff.benefits.id).locked_until)
    assert locked is not None and locked > clock.now()


def test_closing_from_the_lock_closes_the_program(window, qtbot, exits):
    when_shown("lockDialog", lambda d: QTest.mouseClick(
        d.findChild(type(d.unlock_button), "quitFromLock"), Qt.MouseButton.LeftButton))
    with qtbot.waitSignal(window.idle_lock.locked_out, timeout=5000):
        window.idle_lock.timer.start(50)
    assert not window.isVisible() and exits == [0]


# --- changing the password from the main window ------------------------------------------------

def test_the_worker_changes_the_password_from_the_main_window(window, qtbot, db, staff):
    results: list[object] = []

    def fill(dialog: ChangePasswordDialog) -> None:
        type_text(dialog.field("old_password"), "pomyłka-1")
        type_text(dialog.field("new_password"), "Żółte-Łąki-7")
        type_text(dialog.field("new_password2"), "Żółte-Łąki-7")
        click_ok(dialog)
        results.append(dialog.error_label.text())
        dialog.field("old_password").clear()
        type_text(dialog.field("old_password"), PASSWORD)
        click_ok(dialog)
        results.append(dialog.result())

    when_shown("ChangePasswordDialog", fill)
    QTest.mouseClick(window.findChild(QPushButton, "changePassword"), Qt.MouseButton.LeftButton)
    assert results == ["Nieprawidłowe hasło.", 1]
    actor = db.write(lambda s: security.authenticate(s, login="swiadczenia",
                                                     password="Żółte-Łąki-7"))
    assert actor.id == staff.benefits.id


def test_new_passwords_must_match(qtbot, db, staff, make_ctx):
    dialog = ChangePasswordDialog(make_ctx(staff.desk))
    qtbot.addWidget(dialog)
    type_text(dialog.field("old_password"), PASSWORD)
    type_text(dialog.field("new_password"), "nowe-haslo-1")
    type_text(dialog.field("new_password2"), "nowe-haslo-2")
    click_ok(dialog)
    assert dialog.error_label.text() == "Nowe hasła się różnią."
    assert failed_logins(db, staff.desk.id) == []


# --- logging in: bad input, a worker who left ----------------------------------------------------

@pytest.mark.parametrize(("typed", "audited"), [("złe-hasło", [{}]), ("", [{}])])
def test_a_wrong_or_empty_password_at_login_is_refused_in_polish_and_audited(
        qtbot, db, staff, typed, audited):
    dialog = LoginDialog(db, "test")
    qtbot.addWidget(dialog)
    type_text(dialog.field("login"), "swiadczenia")
    type_text(dialog.field("password"), typed)
    click_ok(dialog)
    assert dialog.actor is None
    assert dialog.error_label.text() == "Nieprawidłowy login lub hasło."
    assert failed_logins(db, staff.benefits.id) == audited


def test_a_worker_who_left_cannot_log_in_and_keeps_the_name_in_the_history(db, staff):
    person = db.write(lambda s: people.register_person(
        s, PersonForm(first_name="Zofia", last_name="Wróbel", pesel="85030412362"),
        actor=staff.desk))
    db.write(lambda s: desk.issue_certificate(s, actor=staff.desk, person_id=person,
                                              purpose="do ZUS", content="Treść."))
    db.write(lambda s: users.deactivate_worker(s, staff.desk.id, actor=staff.head))
    with pytest.raises(UserFacingError, match="Nieprawidłowy login lub hasło."):
        db.write(lambda s: security.authenticate(s, login="pierwszy", password=PASSWORD))
    workers = db.read(lambda s: users.list_workers(s, active_only=False))
    assert ("Żaneta Łęcka", False) in [(w.full_name, w.active) for w in workers]
    assert "Żaneta Łęcka" not in [w.full_name for w in db.read(users.list_workers)]
    register = db.read(lambda s: desk.certificate_register(s, actor=staff.head,
                                                           year=clock.now().year))
    assert [r.issued_by for r in register] == ["Żaneta Łęcka"]
    # An attempt in the departed worker's name is audited too.
    failed = db.read(lambda s: s.scalars(select(AuditEntry.details).where(
        AuditEntry.action == AuditAction.LOGIN_FAILED)).all())
    assert {"login": "pierwszy"} in [json.loads(d) for d in failed]


def test_the_program_has_no_way_to_delete_a_worker():
    """Deactivated, never deleted: no code deletes a User row."""
    for path in PACKAGE.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and any(
                    isinstance(n, ast.Name) and n.id == "User" for n in ast.walk(node)):
                name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(
                    node.func, "id", "")
                assert name != "delete", f"{path.name}:{node.lineno}"


# --- files and settings ------------------------------------------------------------------------

def test_the_settings_file_holds_no_password(tmp_path):
    names = {f.lower() for f in settings_mod.Settings.__dataclass_fields__}
    assert not any(word in n for n in names for word in ("pass", "hasl", "secret", "token"))
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"database": "Z:\\OPS\\opsdesk.sqlite", "password": "tajne"}),
                    encoding="utf-8")
    loaded = settings_mod.load(path)
    settings_mod.save(loaded, path)
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert set(saved) == {"database", "backup_dir", "export_dir"}
    assert "tajne" not in path.read_text(encoding="utf-8")


def test_a_server_address_with_a_password_is_not_saved(tmp_path):
    path = tmp_path / "settings.json"
    with pytest.raises(ValidationError, match="hasł") as exc:
        settings_mod.save(settings_mod.Settings(
            database="postgresql+psycopg://gops:tajne@serwer/opsdesk"), path)
    assert exc.value.field == "database"
    assert not path.exists()
    settings_mod.save(settings_mod.Settings(database="postgresql+psycopg://gops@serwer/opsdesk"),
                      path)
    assert settings_mod.load(path).database == "postgresql+psycopg://gops@serwer/opsdesk"


def test_documents_are_saved_only_to_the_export_folder():
    """Every file the screens write (a PDF, a sheet, the bank's transfer file) goes through
    save_file or save_and_open into the settings' folder; any other write is made where
    the same function took the export folder from the settings."""
    saves, writers = [], []
    for path in (PACKAGE / "ui").rglob("*.py"):
        if path.name == "pdf.py":
            continue
        for fn in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(fn, ast.FunctionDef):
                continue
            body = ast.unparse(fn)
            for node in ast.walk(fn):
                if isinstance(node, ast.Call) and \
                        getattr(node.func, "id", "") in ("save_and_open", "save_file"):
                    saves.append((path.name, ast.unparse(node.args[1])))
                if isinstance(node, ast.Attribute) and node.attr in ("write_bytes", "write_text"):
                    writers.append((path.name, fn.name, "settings.export_folder()" in body))
    assert saves, "no document is saved at all?"
    assert [c for c in saves if not c[1].endswith("settings.export_folder()")] == []
    assert [w for w in writers if not w[2]] == []
