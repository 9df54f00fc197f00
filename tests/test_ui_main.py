"""The main window's own duties: the daily backup and the database status."""

import pytest

from opsdesk.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, db, staff, make_ctx):
    if db.path is None:
        pytest.skip("the daily copy is of a SQLite file")
    win = MainWindow(make_ctx(staff.desk), database_label="Z:\\OPS\\opsdesk.sqlite",
                     shared=True)
    qtbot.addWidget(win)
    return win


def test_the_window_makes_the_daily_copy_once_and_shows_it(qtbot, window):
    folder = window.ctx.settings.backup_folder()
    qtbot.waitUntil(lambda: len(list(folder.glob("opsdesk-*.sqlite"))) == 1)
    assert "ostatnia kopia: brak" not in window.db_label.text()
    assert "(wspólna)" in window.db_label.text()
    window.daily_backup()
    assert len(list(folder.glob("opsdesk-*.sqlite"))) == 1


def test_lost_connection_turns_the_status_red_and_back(qtbot, window):
    window.ctx.events.connection_changed.emit(False)
    assert window.db_label.text().startswith("Brak połączenia z bazą")
    window.ctx.events.connection_changed.emit(True)
    assert window.db_label.text().startswith("Baza: Z:\\OPS\\opsdesk.sqlite (wspólna)")


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
