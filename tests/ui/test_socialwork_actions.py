"""Praca socjalna i usługi, issue 15 item 3: the client's actions stay where they are while
the selected client's state changes (enabled or not, never moved), are offered on Enter
in the row's menu, and ending the work asks once, naming the client."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from opsdesk import clock
from opsdesk.models.enums import SocialWorkStatus
from opsdesk.services import socialwork
from opsdesk.ui.action_dialog import ActionDialog
from opsdesk.ui.main_window import MainWindow
from opsdesk.ui.socialwork.tab import SocialWorkTab
from tests.factories import JAN, KASIA, MONDAY, application, person, refer
from tests.ui_helpers import (
    Modal,
    answer_yes,
    click,
    click_ok,
    open_tab,
    select_row_where,
    type_text,
)

pytestmark = pytest.mark.qt_log_ignore(
    r"This plugin does not support (raise\(\)|grabbing the keyboard|propagateSizeHints)")


@pytest.fixture
def office(db, staff):
    """Kasia referred by the benefits worker (waiting to be taken), Jan the social worker's
    own client (in progress), on the data's day (the suite's fixture resets the clock)."""
    clock.set_today(MONDAY)  # Kasia's time to report is still running
    kasia = person(db, staff, KASIA)
    refer(db, staff, application(db, staff, kasia, filed_on=MONDAY))
    jan = person(db, staff, JAN)
    db.write(lambda s: socialwork.open_own_case(s, jan, actor=staff.social))
    return kasia, jan


def social_window(qtbot, ctx) -> tuple[MainWindow, SocialWorkTab]:  # type: ignore[no-untyped-def]
    window = MainWindow(ctx, database_label="x", shared=False)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    open_tab(window, "Praca socjalna i usługi")
    tab = window.findChild(SocialWorkTab)
    tab.scope.setCurrentIndex(tab.scope.findData("all"))
    return window, tab


def places(window, buttons) -> list[tuple[int, int]]:  # type: ignore[no-untyped-def]
    QApplication.processEvents()
    return [(p.x(), p.y()) for p in (b.mapTo(window, QPoint(0, 0)) for b in buttons)]


def test_the_client_actions_stay_put_while_the_clients_state_changes(qtbot, db, staff,
                                                                      make_ctx, office):
    kasia, jan = office
    window, tab = social_window(qtbot, make_ctx(staff.social))
    buttons = tab.flow_buttons + tab.contract_buttons
    tab.sections.setCurrentIndex(1)  # Kontrakt socjalny: its panel is laid out too
    seen = {}
    for name, pid in (("waiting", kasia), ("active", jan), ("waiting again", kasia)):
        assert select_row_where(tab.view, lambda r, pid=pid: r.person_id == pid) >= 0
        seen[name] = (places(window, buttons), {b.objectName() for b in buttons if b.isEnabled()})
        assert all(b.isVisible() for b in buttons)
    assert seen["waiting"][0] == seen["active"][0] == seen["waiting again"][0]
    assert seen["waiting"][1] == seen["waiting again"][1]
    assert {"acceptClient", "firstMeeting", "notCame"} <= seen["waiting"][1]
    assert not {"addNote", "closeWork", "newContract"} & seen["waiting"][1]
    assert {"addNote", "nextStage", "closeWork", "newContract"} <= seen["active"][1]
    assert not {"acceptClient", "notCame"} & seen["active"][1]
    assert tab.stage_button.text() == "Następny etap"  # Kasia has not come yet
    folder = os.environ.get("OPSDESK_SHOTS")
    if folder:
        select_row_where(tab.view, lambda r: r.person_id == jan)
        tab.sections.setCurrentIndex(0)
        window.grab().save(os.path.join(folder, "socialwork.png"))


def test_enter_on_a_client_offers_the_enabled_actions(qtbot, db, staff, make_ctx, office):
    _kasia, jan = office
    window, tab = social_window(qtbot, make_ctx(staff.social))
    assert select_row_where(tab.view, lambda r: r.person_id == jan) >= 0
    tab.view.setFocus()
    offered: list[str] = []

    def read_menu() -> None:
        menu = QApplication.activePopupWidget()
        if menu is None:
            QTimer.singleShot(20, read_menu)
            return
        offered.extend(a.text() for a in menu.actions())
        menu.close()

    QTimer.singleShot(0, read_menu)
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_Return)
    assert offered == [b.text() for b in tab.flow_buttons if b.isEnabled()]
    assert "Notatka…" in offered and "Przyjmuję klienta" not in offered


def test_ending_the_work_asks_once_naming_the_client(qtbot, db, staff, make_ctx, office):
    _kasia, jan = office
    _window, tab = social_window(qtbot, make_ctx(staff.social))
    assert select_row_where(tab.view, lambda r: r.person_id == jan) >= 0
    modal, asked = Modal(qtbot), []

    def end(dialog) -> None:  # type: ignore[no-untyped-def]
        type_text(dialog.field("outcome"), "Klient podjął pracę.")
        modal(lambda box: box.button(QMessageBox.StandardButton.No).click())
        click_ok(dialog)  # No: the form stays open with what was typed
        assert dialog.isVisible() and dialog.field("outcome").toPlainText() == \
            "Klient podjął pracę."
        answer_yes(modal, asked=asked)
        click_ok(dialog)

    modal(end)
    click(qtbot, tab.close_button)
    modal.check()
    assert not tab.findChildren(ActionDialog)  # the form is gone, not kept hidden
    assert len(asked) == 1 and asked[0].startswith(
        "Zakończyć pracę socjalną z klientem: Łęcki Jan, z dniem ")
    state = db.read(lambda s: socialwork.detail(s, tab_row_id(db, staff, jan),
                                                actor=staff.social))
    assert state.row.status is SocialWorkStatus.CLOSED


def tab_row_id(db, staff, person_id: int) -> int:  # type: ignore[no-untyped-def]
    rows = db.read(lambda s: socialwork.caseload(s, actor=staff.social, scope="all",
                                                 include_closed=True))
    return next(r.id for r in rows if r.person_id == person_id)


def test_the_head_never_sees_the_letters_she_may_not_write(qtbot, db, staff, make_ctx, office):
    tab = SocialWorkTab(make_ctx(staff.head))
    qtbot.addWidget(tab)
    for button in (tab.letter_button, tab.not_came_button, tab.refusal_button,
                   tab.plan_request, tab.contract_report):
        assert button.isHidden() and button not in tab.flow_buttons + tab.plan_buttons \
            + tab.contract_buttons
    assert tab.assign_button in tab.flow_buttons
