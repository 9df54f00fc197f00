"""The program's start: the login window comes first, the main window's modules are imported
behind it, and the password opens the worker's window."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from opsdesk.settings import Settings
from opsdesk.ui import application
from opsdesk.ui.login import LoginDialog
from tests.conftest import PASSWORD
from tests.ui_helpers import click_ok, type_text, when_modal

ROOT = Path(__file__).resolve().parents[1]

# Run in a fresh interpreter: in this one every module is imported already.
LOGIN_FIRST = """
import sys
from opsdesk.startup import open_database
from opsdesk.ui import application, preload
application.make_app(sys.argv[:1])
dialog = application.login_window(open_database(sys.argv[1]))
dialog.show()
heavy = ("opsdesk.ui.main_window", "opsdesk.ui.benefits_tab", "reportlab", "holidays")
print("at login:", *sorted(m for m in heavy if m in sys.modules))
preload.main_window_class()
print("after:", *sorted(m for m in heavy if m in sys.modules))
"""


def test_the_login_window_does_not_wait_for_the_main_windows_modules(db, staff):
    if db.path is None:
        pytest.skip("a subprocess opens the SQLite file")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", LOGIN_FIRST, str(db.path)], env=env,
                         capture_output=True, text=True, timeout=120, check=True).stdout
    assert "at login:\n" in out  # nothing heavy yet
    assert "after: holidays opsdesk.ui.benefits_tab opsdesk.ui.main_window reportlab" in out


def test_the_program_opens_the_workers_window_after_the_password(qtbot, db, staff, tmp_path,
                                                                  ui_env):
    if db.path is None:
        pytest.skip("run() is given the SQLite file")
    seen: list[list[str]] = []

    def log_in(dialog: LoginDialog) -> None:
        type_text(dialog.field("login"), "swiadczenia")
        type_text(dialog.field("password"), PASSWORD)
        click_ok(dialog)
        QTimer.singleShot(0, look_and_quit)

    def look_and_quit() -> None:
        """Runs in the program's event loop, once the main window stands."""
        window = next((w for w in QApplication.topLevelWidgets()
                       if w.objectName() == "mainWindow" and w.isVisible()), None)
        if window is None:
            QTimer.singleShot(20, look_and_quit)
            return
        seen.append([window.tabs.tabText(i) for i in range(window.tabs.count())])
        window.close()
        QApplication.quit()

    when_modal(qtbot, log_in)
    settings = Settings(database=str(db.path), backup_dir=str(tmp_path / "kopie"),
                        export_dir=str(tmp_path / "pdf"))
    assert application.run(str(db.path), settings) == 0
    assert seen == [["Świadczenia"]]
