"""The log and the crash handler work without a console (pythonw: ``sys.stderr`` is None):
an unexpected error shows the Polish box naming the log's folder and is written to the
rotating log in the data folder, ids only; Pomoc → O programie says what IT asks first."""

import logging
import sys
import threading
from contextlib import contextmanager

import pytest
from PySide6.QtCore import QObject, QTimer, qWarning
from PySide6.QtWidgets import QPushButton
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from opsdesk import __version__, logs
from opsdesk import settings as settings_mod
from opsdesk.ui import crash
from tests.ui_helpers import when_modal

PESEL = "85030412362"


@pytest.fixture
def no_console(monkeypatch):
    """As under pythonw."""
    monkeypatch.setattr(sys, "stderr", None)
    monkeypatch.setattr(sys, "stdout", None)


def log_text():
    folder = logs.folder()
    assert folder is not None
    return (folder / logs.FILE_NAME).read_text(encoding="utf-8")


def test_the_log_is_written_in_the_data_folder_without_a_console(no_console):
    folder = logs.setup()
    assert folder == settings_mod.data_dir() / "logi"
    logging.getLogger("opsdesk.test").info("case %d opened", 17)
    assert "INFO opsdesk.test [MainThread] case 17 opened" in log_text()


def test_no_personal_data_reaches_the_log_from_a_librarys_exception(no_console):
    logs.setup()
    error = IntegrityError("INSERT INTO persons (first_name, last_name, pesel) VALUES (?, ?, ?)",
                           ("Łucja", "Gęślowska", PESEL),
                           Exception("UNIQUE constraint failed: persons.pesel"))
    try:
        raise error
    except IntegrityError:
        logging.getLogger("opsdesk.test").exception("saving person 5 failed")
    server = 'duplicate key value\nDETAIL:  Key (pesel)=(Gęślowska) already exists.'
    logging.getLogger("opsdesk.test").error("server said: %s", server)
    written = log_text()
    assert "saving person 5 failed" in written
    assert "UNIQUE constraint failed: persons.pesel" in written
    assert "[parameters: (ukryte)]" in written
    assert "DETAIL: (ukryte)" in written
    for personal in (PESEL, "Łucja", "Gęślowska"):
        assert personal not in written


def test_the_log_rotates_and_keeps_five_files(tmp_path, monkeypatch):
    monkeypatch.setattr(logs, "MAX_BYTES", 2000)
    folder = logs.setup(tmp_path / "logi")
    for n in range(400):
        logging.getLogger("opsdesk.test").info("line %d of the log", n)
    files = sorted(p.name for p in folder.iterdir())
    assert files == ["opsdesk.log", *(f"opsdesk.log.{n}" for n in range(1, 6))]
    assert all(p.stat().st_size <= 2000 for p in folder.iterdir())


def test_a_folder_that_cannot_be_made_leaves_the_console_only(tmp_path):
    blocker = tmp_path / "plik"
    blocker.write_text("", encoding="utf-8")
    assert logs.setup(blocker / "logi") is None
    assert logs.folder() is None
    logging.getLogger("opsdesk.test").info("still runs")


@contextmanager
def crash_handler():
    """Installed in the test's body: pytest sets its own threading.excepthook around each
    test phase, so one installed by a fixture would be replaced during the test."""
    logs.setup()
    uninstall = crash.install()
    try:
        yield
    finally:
        uninstall()


def read_box(qtbot, seen):
    def read(box):  # type: ignore[no-untyped-def]
        seen.append((box.objectName(), box.text(), box.detailedText()))
        box.accept()

    when_modal(qtbot, read)


class Failing(QObject):
    def fail(self) -> None:
        raise RuntimeError("case 17: no decision")


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_slot_shows_the_box_naming_the_log_and_is_logged(qtbot, qapp,
                                                                        no_console):
    seen: list[tuple[str, str, str]] = []
    read_box(qtbot, seen)
    button = QPushButton("Zapisz")
    qtbot.addWidget(button)
    failing = Failing()
    button.clicked.connect(failing.fail)
    with crash_handler():
        button.click()
        qtbot.waitUntil(lambda: bool(seen))
    name, shown, details = seen[0]
    assert name == "crashBox"
    assert shown.startswith("Wystąpił nieoczekiwany błąd.")
    assert str(logs.folder()) in shown
    assert "RuntimeError: case 17: no decision" in details
    written = log_text()
    assert "CRITICAL opsdesk.crash [MainThread] unexpected error" in written
    assert "RuntimeError: case 17: no decision" in written


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_thread_is_shown_on_the_windows_thread(qtbot, qapp, no_console):
    seen: list[tuple[str, str, str]] = []
    read_box(qtbot, seen)

    def work() -> None:
        raise ValueError("payout list 3 failed")

    with crash_handler():
        worker = threading.Thread(target=work, name="opsdesk-test-worker")
        worker.start()
        worker.join()
        qtbot.waitUntil(lambda: bool(seen))
    assert "ValueError: payout list 3 failed" in seen[0][2]
    assert "unexpected error in thread opsdesk-test-worker" in log_text()


@pytest.mark.qt_no_exception_capture
def test_one_box_at_a_time(qtbot, qapp, no_console):
    """An error repeated while the box is open (a failing repaint) is only logged."""
    seen: list[tuple[str, str, str]] = []

    def read_and_fail_again(box):  # type: ignore[no-untyped-def]
        seen.append((box.objectName(), box.text(), box.detailedText()))
        sys.excepthook(RuntimeError, RuntimeError("again"), None)
        QTimer.singleShot(0, box.accept)

    when_modal(qtbot, read_and_fail_again)
    with crash_handler():
        sys.excepthook(RuntimeError, RuntimeError("first"), None)
    assert len(seen) == 1
    written = log_text()
    assert "RuntimeError: first" in written and "RuntimeError: again" in written


def test_qt_warnings_go_to_the_log(qtbot, qapp, no_console):
    with crash_handler():
        qWarning("QPainter::begin: Paint device returned engine == 0")
    assert "WARNING opsdesk.qt [MainThread] QPainter::begin: Paint device" in log_text()


def test_the_program_installs_the_handler_at_start_up(monkeypatch, qapp):
    from opsdesk.ui import application

    installed: list[bool] = []
    monkeypatch.setattr(application.crash, "install", lambda: installed.append(True))
    monkeypatch.setattr(application, "open_with_dialogs", lambda *a: None)
    assert application.run("brak.sqlite", settings_mod.Settings()) == 1
    assert installed == [True]


def test_about_names_version_database_schema_and_log(qtbot, db, staff, make_ctx):
    from opsdesk import schema
    from opsdesk.ui.main_window import MainWindow

    logs.setup()
    window = MainWindow(make_ctx(staff.desk), database_label=db.target, shared=True)
    qtbot.addWidget(window)
    menu = window.menuBar().actions()
    assert [a.text() for a in menu] == ["Pomoc"]
    about = menu[0].menu().actions()
    assert [a.text() for a in about] == ["O programie"]
    seen: list[tuple[str, str, str]] = []
    read_box(qtbot, seen)
    about[0].trigger()
    name, shown, _ = seen[0]
    assert name == "aboutBox"
    assert f"opsdesk {__version__}" in shown
    assert f"Baza danych: {db.target} (wspólna)" in shown
    assert (f"Schemat bazy: {schema.HEAD_REVISION} (ostatnio zmieniony przez opsdesk "
            f"{__version__})") in shown
    assert f"Dziennik programu: {settings_mod.data_dir() / 'logi'}" in shown


def test_an_older_program_names_the_version_and_the_package_to_install(db):
    from opsdesk.db import SchemaTooNew
    from opsdesk.startup import open_database

    if db.path is None:
        pytest.skip("the SQLite file is opened a second time")
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
        conn.execute(text("UPDATE schema_info SET value = '0.4.0' WHERE key = "
                          "'program_version'"))
    with pytest.raises(SchemaTooNew) as err:
        open_database(db.target)
    assert ("Zainstaluj na tym stanowisku opsdesk w wersji 0.4.0 lub nowszej (paczka "
            "opsdesk-0.4.0-windows.zip, instaluj.cmd)") in err.value.message
