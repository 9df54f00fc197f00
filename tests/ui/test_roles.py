"""Each role logs in through the real login dialog and sees exactly its tabs and actions —
what it may not do is not on its screen (and the services refuse it anyway)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QGroupBox, QLineEdit, QPushButton

from opsdesk.models.enums import Role
from opsdesk.ui.login import LoginDialog
from opsdesk.ui.main_window import MainWindow
from tests.conftest import PASSWORD
from tests.ui_helpers import click_ok, open_tab, type_text

DESK, BENEFITS = "Stanowisko pierwszego kontaktu", "Świadczenia"
SOCIAL, ADMIN = "Praca socjalna i usługi", "Administracja"

LOGINS = {Role.FIRST_CONTACT: "pierwszy", Role.BENEFITS: "swiadczenia",
          Role.SOCIAL_WORK: "socjalny", Role.HEAD: "kierownik", Role.ADMIN: "admin"}
TABS_OF = {
    Role.FIRST_CONTACT: [DESK],
    Role.BENEFITS: [BENEFITS],
    Role.SOCIAL_WORK: [SOCIAL],
    Role.HEAD: [DESK, BENEFITS, SOCIAL, "Kierownik", ADMIN],
    Role.ADMIN: [ADMIN],
}
# Buttons by object name: what the role must find on its screen, and what it must not.
DESK_ACTIONS = {"newIntake", "newApplication", "newCertificate", "newAppointment"}
ADMIN_ACTIONS = {"addWorker", "resetPassword", "deactivate", "makeBackup", "securitySettings"}
HEAD_ONLY = {"auditShow", "retention"}
ACTIONS_OF = {
    Role.FIRST_CONTACT: (DESK_ACTIONS, ADMIN_ACTIONS | HEAD_ONLY),
    Role.BENEFITS: (set(), DESK_ACTIONS | ADMIN_ACTIONS | HEAD_ONLY),
    Role.SOCIAL_WORK: (set(), DESK_ACTIONS | ADMIN_ACTIONS | HEAD_ONLY),
    Role.HEAD: (DESK_ACTIONS | ADMIN_ACTIONS | HEAD_ONLY, set()),
    Role.ADMIN: (ADMIN_ACTIONS, DESK_ACTIONS | HEAD_ONLY),
}


def logged_in(qtbot, db, role: Role):  # type: ignore[no-untyped-def]
    dialog = LoginDialog(db, "test")
    qtbot.addWidget(dialog)
    type_text(dialog.field("login"), LOGINS[role])
    type_text(dialog.field("password"), PASSWORD)
    click_ok(dialog)
    assert dialog.actor is not None, dialog.error_label.text()
    assert dialog.actor.roles == {role}
    return dialog.actor


@pytest.fixture
def screen(qtbot, db, staff, make_ctx):  # type: ignore[no-untyped-def]
    def open_as(role: Role) -> MainWindow:
        window = MainWindow(make_ctx(logged_in(qtbot, db, role)), database_label="x",
                            shared=False)
        qtbot.addWidget(window)
        window.show()
        return window

    return open_as


def visible_buttons(window: MainWindow) -> set[str]:
    """Buttons a worker can reach: on the window or on any of its tabs, each opened."""
    names = set()
    for index in range(window.tabs.count()):
        open_tab(window, window.tabs.tabText(index))
        page = window.tabs.widget(index)
        names |= {b.objectName() for b in page.findChildren(QPushButton)
                  if b.objectName() and not b.isHidden()}
    names |= {b.objectName() for b in window.findChildren(QPushButton)
              if b.objectName() and b.isVisible()}
    return names


@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
def test_each_role_sees_exactly_its_tabs_and_actions(screen, role):
    window = screen(role)
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == TABS_OF[role]
    buttons = visible_buttons(window)
    must, must_not = ACTIONS_OF[role]
    assert must <= buttons, f"missing: {must - buttons}"
    assert not must_not & buttons, f"should not see: {must_not & buttons}"
    assert "changePassword" in buttons  # every worker changes their own password
    audit_boxes = [b for b in window.findChildren(QGroupBox) if b.title() == "Dziennik zdarzeń"]
    assert bool(audit_boxes) == (role is Role.HEAD)


@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
def test_the_person_search_is_shown_to_those_who_may_search(screen, role):
    window = screen(role)
    search = window.findChild(QLineEdit, "globalSearch")
    assert search.isVisible() == (role is not Role.ADMIN)
