"""Driving real widgets: typing Polish text key by key (qtbot.keyClicks aborts on non-ASCII)."""

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget


def type_text(widget: QWidget, text: str) -> None:
    widget.setFocus()
    for ch in text:
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch,
                           Qt.KeyboardModifier.NoModifier)


def press_enter(widget: QWidget) -> None:
    QTest.keyClick(widget, Qt.Key.Key_Return)


def click_ok(dialog: QWidget) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    box = dialog.findChild(QDialogButtonBox)
    QTest.mouseClick(box.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def when_modal(qtbot, action) -> None:  # type: ignore[no-untyped-def]
    """Act on the next modal dialog (a QDialog.exec() the code under test is about to run)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, run)
            return
        action(dialog)

    QTimer.singleShot(0, run)


def select_row_where(view, predicate) -> int:  # type: ignore[no-untyped-def]
    """Select the first row whose plain-data row matches; returns its index or -1."""
    from opsdesk.ui.tables import ROW_ROLE

    model = view.model()
    for r in range(model.rowCount()):
        if predicate(model.data(model.index(r, 0), ROW_ROLE)):
            view.selectRow(r)
            return r
    return -1


def open_tab(window: QWidget, title: str) -> None:
    """Click a tab of the main window by its title, as a worker would (a tab is built when
    first opened)."""
    bar = window.tabs.tabBar()  # type: ignore[attr-defined]
    index = next(i for i in range(bar.count()) if bar.tabText(i) == title)
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert window.tabs.currentIndex() == index  # type: ignore[attr-defined]
