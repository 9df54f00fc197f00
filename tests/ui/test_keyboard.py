"""The first-contact path by keyboard alone, counted: find or register the person, record
the intake, route it to Świadczenia — at most ten actions (typing one field is one)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from opsdesk.models.enums import IntakeStatus
from opsdesk.services import intake
from opsdesk.ui.first_contact import FirstContactTab, IntakeDialog
from opsdesk.ui.main_window import MainWindow
from opsdesk.ui.person_dialog import PersonDialog


class Keyboard:
    """Keys sent to whatever has the focus, as a worker's hands would; each call is one
    counted action."""

    def __init__(self, main: QWidget) -> None:
        self.actions: list[str] = []
        self.main = main

    def window(self) -> QWidget:
        """The window the keys go to: a menu, else the topmost dialog, else the main one."""
        return (QApplication.activePopupWidget() or QApplication.activeModalWidget()
                or self.main)

    def key(self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
            ) -> None:
        self.actions.append(f"{modifier.name}+{key.name}")
        # Through the window, as the system delivers keys: shortcuts and mnemonics work.
        QTest.keyClick(self.window().windowHandle(), key, modifier)
        QTest.qWait(200)  # a button's shortcut clicks it a moment later (animateClick)

    def type(self, text: str) -> None:
        self.actions.append(f"type {text!r}")
        focus = self.window().focusWidget()
        for ch in text:
            QTest.sendKeyEvent(QTest.KeyAction.Click, focus, Qt.Key.Key_unknown, ch,
                               Qt.KeyboardModifier.NoModifier)


def on_modal(qtbot, kind, steps, errors: list[BaseException]) -> None:  # type: ignore[no-untyped-def]
    """When a modal window of ``kind`` has the focus, run ``steps`` in it."""

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, kind) or not dialog.isVisible() or dialog.focusWidget() is None:
            QTimer.singleShot(20, run)
            return
        try:
            steps()
        except BaseException as exc:  # noqa: BLE001 - raised again by the test
            errors.append(exc)
            dialog.close()

    QTimer.singleShot(0, run)


def is_chooser(widget) -> bool:  # type: ignore[no-untyped-def]
    return widget is not None and widget.objectName() == "choosePerson"


# The offscreen plugin's notices when a menu pops up (a real screen raises it and grabs keys).
@pytest.mark.qt_log_ignore(r"This plugin does not support (raise\(\)|grabbing the keyboard)")
def test_register_record_and_route_by_keyboard_in_ten_actions(qtbot, db, staff, make_ctx):
    window = MainWindow(make_ctx(staff.desk), database_label="x", shared=False)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    tab = window.findChild(FirstContactTab)
    tab.intake_view.setFocus()
    keys, errors = Keyboard(window), []

    def in_chooser() -> None:
        keys.type("Kowalska Anna")  # no such person: register her
        on_modal(qtbot, PersonDialog, in_person, errors)
        keys.key(Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)

    def in_person() -> None:
        keys.type("85030412362")  # the name came from the search, the focus is on PESEL
        on_modal(qtbot, IntakeDialog, in_intake, errors)
        keys.key(Qt.Key.Key_Return)

    def in_intake() -> None:
        keys.type("Brak środków na opał.")  # the focus starts in the problem's box
        keys.key(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    def chooser_open() -> None:
        dialog = QApplication.activeModalWidget()
        if not is_chooser(dialog) or dialog.focusWidget() is None:
            QTimer.singleShot(20, chooser_open)
            return
        try:
            in_chooser()
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)
            dialog.close()

    QTimer.singleShot(0, chooser_open)
    keys.key(Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # Nowe zgłoszenie…
    assert not errors, errors

    # The saved intake is selected and its list has the focus: Enter offers its actions.
    assert window.focusWidget() is tab.intake_view
    row = tab.current()
    assert row is not None and row.person_name == "Kowalska Anna"

    def in_menu() -> None:
        menu = QApplication.activePopupWidget()
        if menu is None:
            QTimer.singleShot(20, in_menu)
            return
        assert menu.activeAction().text() == "Skieruj do Świadczeń"
        on_modal(qtbot, QMessageBox, lambda: keys.key(Qt.Key.Key_Return), errors)
        keys.key(Qt.Key.Key_Return)  # the first action: Skieruj do Świadczeń

    QTimer.singleShot(0, in_menu)
    keys.key(Qt.Key.Key_Return)
    assert not errors, errors
    assert "Świadczenia — sprawa" in tab.detail.text()
    routed = db.read(lambda s: intake.list_intakes(s, actor=staff.desk, open_only=False))
    assert [r.status for r in routed] == [IntakeStatus.ROUTED]
    assert len(keys.actions) <= 10, keys.actions


@pytest.mark.qt_log_ignore(r"This plugin does not support (raise\(\)|grabbing the keyboard)")
def test_a_case_offers_its_actions_on_enter_and_tab_leaves_the_list(qtbot, db, staff,
                                                                   make_ctx):
    from opsdesk import clock
    from opsdesk.ui.benefits.tab import BenefitsTab
    from tests.factories import WORKDAY, single_case

    clock.set_today(WORKDAY)  # the case is new: art. 36 kpa not due; the fixture resets it
    single_case(db, staff, "400.00")
    window = MainWindow(make_ctx(staff.benefits), database_label="x", shared=False)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    tab = window.findChild(BenefitsTab)
    tab.view.setFocus()
    tab.view.selectRow(0)
    keys, offered = Keyboard(window), []

    def read_menu() -> None:
        menu = QApplication.activePopupWidget()
        if menu is None:
            QTimer.singleShot(20, read_menu)
            return
        offered.extend(a.text() for a in menu.actions())
        menu.close()

    QTimer.singleShot(0, read_menu)
    keys.key(Qt.Key.Key_Return)
    # The case is the worker's already: "Biorę tę sprawę" is not offered; the notice of
    # delay (art. 36 kpa) is not due.
    assert offered == ["Wywiad…", "Skieruj do pracownika socjalnego…", "Projekt decyzji…",
                       "Zmiana / uchylenie / wstrzymanie / wznowienie…",
                       "Zwrot nienależnie pobranych (art. 98)…"]
    keys.key(Qt.Key.Key_Tab)
    assert window.focusWidget() is not tab.view


def test_every_button_on_every_tab_has_a_key(qtbot, db, staff, make_ctx):
    from PySide6.QtWidgets import QPushButton

    from tests.ui_helpers import open_tab

    window = MainWindow(make_ctx(staff.head), database_label="x", shared=False)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    keyless: list[str] = []
    for index in range(window.tabs.count()):
        open_tab(window, window.tabs.tabText(index))
        for button in window.tabs.widget(index).findChildren(QPushButton):
            if button.shortcut().isEmpty() and "Skrót: Alt+" not in button.toolTip():
                keyless.append(f"{window.tabs.tabText(index)}: {button.text()}")
    assert keyless == []
    # An Alt-letter clicks its button: "Ustawienia stanowiska…" opens its dialog.
    settings = window.findChild(QPushButton, "workstationSettings")
    letter = settings.property("alt_hint")
    assert settings.toolTip() == f"Skrót: Alt+{letter}"
    opened: list[str] = []

    def close(dialog) -> None:  # type: ignore[no-untyped-def]
        opened.append(dialog.windowTitle())
        dialog.reject()

    from tests.ui_helpers import when_modal

    window.activateWindow()  # opening the tabs by mouse may have left it inactive
    qtbot.waitUntil(window.isActiveWindow)
    when_modal(qtbot, close)
    Keyboard(window).key(getattr(Qt.Key, f"Key_{letter}"), Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: bool(opened))
