"""The main window's own duties: the daily backup and the database status."""

import threading

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from opsdesk.errors import UserFacingError
from opsdesk.ui import main_window
from opsdesk.ui.main_window import BACKUP_RUNNING, MainWindow


@pytest.fixture
def window(qtbot, db, staff, make_ctx):
    if db.path is None:
        pytest.skip("the daily copy is of a SQLite file")
    win = MainWindow(make_ctx(staff.desk), database_label="Z:\\OPS\\opsdesk.sqlite",
                     shared=True)
    qtbot.addWidget(win)
    return win


def test_the_window_makes_the_daily_copy_once_and_shows_it(qtbot, window, monkeypatch):
    from opsdesk.ui import main_window

    folder = window.ctx.settings.backup_folder()
    # The copy is made in the background: wait until the window has heard it is done.
    qtbot.waitUntil(lambda: "ostatnia kopia: brak" not in window.db_label.text())
    assert len(list(folder.glob("opsdesk-*.sqlite"))) == 1
    assert "(wspólna)" in window.db_label.text()
    started: list[object] = []
    monkeypatch.setattr(main_window, "ensure_daily_backup", lambda *a: started.append(a))
    window.daily_backup()  # the hourly check, on a day that has its copy
    assert started == [] and not window._backup_running
    assert len(list(folder.glob("opsdesk-*.sqlite"))) == 1


def test_the_daily_copy_is_made_off_the_ui_thread_while_the_window_answers(
        qtbot, db, staff, make_ctx, monkeypatch):
    if db.path is None:
        pytest.skip("the daily copy is of a SQLite file")
    started, release = threading.Event(), threading.Event()
    threads: list[threading.Thread] = []
    real_copy = main_window.ensure_daily_backup

    def slow_copy(source, folder):  # type: ignore[no-untyped-def]
        """A copy of a large database: held until the test lets it go."""
        threads.append(threading.current_thread())
        started.set()
        release.wait()  # on the UI thread this would stop the window until released
        return real_copy(source, folder)

    monkeypatch.setattr(main_window, "ensure_daily_backup", slow_copy)
    try:
        win = MainWindow(make_ctx(staff.desk), database_label="opsdesk.sqlite", shared=False)
        qtbot.addWidget(win)
        qtbot.waitUntil(started.is_set)
        assert threads[0] is not threading.main_thread()
        assert win.statusBar().currentMessage() == BACKUP_RUNNING
        # The window answers while the copy runs: its event loop keeps delivering a timer.
        ticks: list[int] = []
        timer = QTimer()
        timer.timeout.connect(lambda: ticks.append(1))
        timer.start(10)
        qtbot.waitUntil(lambda: len(ticks) >= 5, timeout=2_000)
        timer.stop()
        # The copy is still running (held until released below), as the window knows.
        assert win._backup_running and threads[0].is_alive() and len(threads) == 1
        win.daily_backup()  # the hourly check comes while the copy runs: no second copy
        assert win.statusBar().currentMessage() == BACKUP_RUNNING
    finally:
        release.set()  # never leave the copy thread waiting: it would keep pytest alive
    qtbot.waitUntil(lambda: "ostatnia kopia: brak" not in win.db_label.text())
    assert win.statusBar().currentMessage() == ""
    assert len(threads) == 1
    assert len(list(win.ctx.settings.backup_folder().glob("opsdesk-*.sqlite"))) == 1


def test_a_failed_daily_copy_is_said_in_the_status_bar(qtbot, window, monkeypatch):
    def failing_copy(_source, _folder):  # type: ignore[no-untyped-def]
        raise UserFacingError("Brak miejsca na dysku.")

    qtbot.waitUntil(lambda: "ostatnia kopia: brak" not in window.db_label.text())
    for copy in window.ctx.settings.backup_folder().glob("opsdesk-*.sqlite"):
        copy.unlink()  # as on the next day
    monkeypatch.setattr(main_window, "ensure_daily_backup", failing_copy)
    window.daily_backup()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() ==
                    "Nie udało się wykonać dziennej kopii: Brak miejsca na dysku.")
    assert QApplication.activeModalWidget() is None  # said, not a dialog in the way


def test_lost_connection_turns_the_status_red_and_back(qtbot, window):
    assert "#B34700" not in window.db_label.styleSheet()
    window.ctx.events.connection_changed.emit(False)
    assert window.db_label.text().startswith("Brak połączenia z bazą")
    assert "background: #B34700" in window.db_label.styleSheet()  # red
    window.ctx.events.connection_changed.emit(True)
    assert window.db_label.text().startswith("Baza: Z:\\OPS\\opsdesk.sqlite (wspólna)")
    assert "#B34700" not in window.db_label.styleSheet()  # no longer red


def test_a_vanished_drive_keeps_the_form_and_its_text_until_the_file_is_back(
        qtbot, db, staff, make_ctx):
    if db.path is None:
        pytest.skip("moves a SQLite file away")
    from PySide6.QtWidgets import QMessageBox

    from opsdesk.services import people
    from opsdesk.ui.person_dialog import PersonDialog
    from tests.ui_helpers import click_ok, type_text, when_modal

    ctx = make_ctx(staff.desk)
    shown: list[str] = []
    ctx.events.connection_changed.connect(lambda ok: shown.append("ok" if ok else "lost"))
    dialog = PersonDialog(ctx)
    qtbot.addWidget(dialog)
    type_text(dialog.field("first_name"), "Żaneta")
    type_text(dialog.field("last_name"), "Gąsiorowska")
    type_text(dialog.field("pesel"), "85030412362")
    away = db.path.with_name("gone.sqlite")
    db.path.rename(away)
    messages: list[str] = []

    def read_and_close(box):
        messages.append(box.text())
        box.done(QMessageBox.StandardButton.Ok)

    when_modal(qtbot, read_and_close)
    click_ok(dialog)
    assert messages and messages[0].startswith("Brak połączenia z bazą danych")
    assert dialog.result_value is None
    assert dialog.field("last_name").text() == "Gąsiorowska"
    assert not db.path.exists()  # no empty database made in its place

    away.rename(db.path)
    click_ok(dialog)
    assert dialog.result_value is not None
    found = db.read(lambda s: people.search_persons(s, "gąsiorowska", actor=staff.desk))
    assert [p.full_name for p in found] == ["Gąsiorowska Żaneta"]
    assert shown == ["lost", "ok"]
