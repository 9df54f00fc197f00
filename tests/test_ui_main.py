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
