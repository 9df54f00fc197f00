"""The program's start: the login window comes first, the main window's modules are imported
behind it, and the password opens the worker's window."""

import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from opsdesk.services import office
from tests.conftest import PASSWORD

ROOT = Path(__file__).resolve().parents[2]

# Run in a fresh interpreter: in this one every module is imported already.
LOGIN_FIRST = """
import sys
from opsdesk.startup import open_database
from opsdesk.ui import application, preload
from opsdesk.models import User
application.make_app(sys.argv[:1])
start, preload.start = preload.start, lambda: None  # what the login window itself needs
dialog = application.login_window(open_database(sys.argv[1]))
dialog.show()
heavy = ("opsdesk.ui.main_window", "opsdesk.ui.benefits.tab", "reportlab", "holidays",
         "pyhanko")
print("at login:", *sorted(m for m in heavy if m in sys.modules))
print("mappers configured:", User.__mapper__.configured)
print("title:", dialog.windowTitle())
start()
preload.main_window_class()
print("after:", *sorted(m for m in heavy if m in sys.modules))
print("mappers configured:", User.__mapper__.configured)
"""


def test_the_login_window_does_not_wait_for_the_main_windows_modules(db, staff):
    if db.path is None:
        pytest.skip("a subprocess opens the SQLite file")
    form, version = db.read(office.office_form)
    db.write(lambda s: office.save_office(s, replace(form, name="GOPS w Żółkowie"),
                                          actor=staff.head, expected_version=version))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", LOGIN_FIRST, str(db.path)], env=env,
                         capture_output=True, text=True, timeout=120, check=True).stdout
    assert "title: Logowanie — GOPS w Żółkowie" in out
    # Nothing heavy yet, not even the ORM's mappers: the preload sees to them.
    assert "at login:\nmappers configured: False" in out
    # The signature's library waits until a worker signs.
    assert "after: holidays opsdesk.ui.benefits.tab opsdesk.ui.main_window reportlab\n" \
           "mappers configured: True" in out


# The whole start, as `opsdesk` runs it, in a fresh interpreter: its event loop is left
# with quit(), which would disturb the tests that follow in this one.
RUN = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from opsdesk.settings import Settings
from opsdesk.ui import application
from opsdesk.ui.login import LoginDialog

def poke():
    for w in QApplication.topLevelWidgets():
        if isinstance(w, LoginDialog) and w.isVisible():
            w.field("login").setText("swiadczenia")
            w.field("password").setText(sys.argv[2])
            w.submit()
        elif w.objectName() == "mainWindow" and w.isVisible():
            print("tabs:", *(w.tabs.tabText(i) for i in range(w.tabs.count())), sep="|")
            w.close()
            QApplication.quit()
            return
    QTimer.singleShot(20, poke)

application.make_app(sys.argv[:1])
QTimer.singleShot(0, poke)
folder = sys.argv[3]
settings = Settings(database=sys.argv[1], backup_dir=folder, export_dir=folder)
print("exit:", application.run(sys.argv[1], settings))
"""


def test_the_program_opens_the_workers_window_after_the_password(db, staff, tmp_path):
    if db.path is None:
        pytest.skip("a subprocess opens the SQLite file")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", RUN, str(db.path), PASSWORD, str(tmp_path)],
                         env=env, capture_output=True, text=True, timeout=120,
                         check=True).stdout
    assert out.splitlines() == ["tabs:|Świadczenia", "exit: 0"]


LOGOUT = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from opsdesk.settings import Settings
from opsdesk.ui import application
from opsdesk.ui.login import LoginDialog

logins = ["swiadczenia", "pierwszy"]
seen = []

def poke():
    for w in QApplication.topLevelWidgets():
        if isinstance(w, LoginDialog) and w.isVisible() and logins:
            w.field("login").setText(logins.pop(0))
            w.field("password").setText(sys.argv[2])
            w.submit()
        elif w.objectName() == "mainWindow" and w.isVisible() and w not in seen:
            seen.append(w)
            print("tabs:", *(w.tabs.tabText(i) for i in range(w.tabs.count())), sep="|")
            if logins:
                w.findChild(QPushButton, "logout").click()  # the next worker's turn
            else:
                w.close()
                QApplication.quit()
                return
    QTimer.singleShot(20, poke)

from PySide6.QtWidgets import QPushButton
application.make_app(sys.argv[:1])
QTimer.singleShot(0, poke)
folder = sys.argv[3]
settings = Settings(database=sys.argv[1], backup_dir=folder, export_dir=folder)
print("exit:", application.run(sys.argv[1], settings))
"""


def test_wyloguj_hands_the_desk_to_the_next_worker_without_ending(db, staff, tmp_path):
    if db.path is None:
        pytest.skip("a subprocess opens the SQLite file")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", LOGOUT, str(db.path), PASSWORD, str(tmp_path)],
                         env=env, capture_output=True, text=True, timeout=120,
                         check=True).stdout
    assert out.splitlines() == ["tabs:|Świadczenia", "tabs:|Stanowisko pierwszego kontaktu",
                                "exit: 0"]
