"""Every list whose rows have actions offers them in a context menu and on Enter (issue 15
item 2): opened for the head, who sees every tab, and tried on the finality list."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMenu, QTableView

from opsdesk.ui.main_window import MainWindow
from tests.ui_helpers import open_tab

WITH_ROW_ACTIONS = {"benefitsQueue", "caseDecisions", "payoutLists", "debtList",
                    "finalityQueue", "otherTaskList", "healthCareRows", "checkList",
                    "messageList", "blueCards"}


def test_lists_with_row_actions_have_their_menu(qtbot, db, staff, make_ctx):
    window = MainWindow(make_ctx(staff.head), database_label="x", shared=False)
    qtbot.addWidget(window)
    window.show()
    for index in range(window.tabs.count()):
        open_tab(window, window.tabs.tabText(index))
    views = {v.objectName(): v for v in window.findChildren(QTableView)}
    assert WITH_ROW_ACTIONS <= set(views), WITH_ROW_ACTIONS - set(views)
    plain = [name for name in WITH_ROW_ACTIONS
             if views[name].contextMenuPolicy() is not Qt.ContextMenuPolicy.CustomContextMenu]
    assert plain == []


@pytest.mark.qt_log_ignore(r"This plugin does not support (raise\(\)|grabbing the keyboard)")
def test_enter_on_a_row_offers_its_actions(qtbot, db, staff, make_ctx):
    from opsdesk.ui.finality_panel import FinalityPanel
    from tests.factories import grant, issue_decision, single_case

    issue_decision(db, staff, grant(single_case(db, staff, "400.00")[1]))
    panel = FinalityPanel(make_ctx(staff.benefits))
    qtbot.addWidget(panel)
    panel.show()
    assert panel.model.rowCount() >= 1
    panel.view.selectRow(0)
    menus: list[list[str]] = []

    def look() -> None:
        menu = QApplication.activePopupWidget()
        if isinstance(menu, QMenu):
            menus.append([a.text() for a in menu.actions()])
            menu.close()

    QTimer.singleShot(100, look)
    qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(menus), timeout=3000)
    assert menus == [[panel.record.text()]]
