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


def click(qtbot, button) -> None:  # type: ignore[no-untyped-def]
    """Click a button as a worker would: only one that is on screen can be clicked."""
    assert button is not None, "no such button"
    assert button.isVisible(), button.objectName() or button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def click_named(qtbot, parent: QWidget, name: str) -> None:  # type: ignore[no-untyped-def]
    """Click the one button called ``name`` that is shown in ``parent`` (hidden pages may
    hold more buttons of that name)."""
    from PySide6.QtWidgets import QAbstractButton

    buttons = [b for b in parent.findChildren(QAbstractButton, name) if b.isVisibleTo(parent)]
    assert len(buttons) == 1, f"{len(buttons)} buttons {name!r} shown"
    click(qtbot, buttons[0])


def _close(dialog: QWidget) -> None:
    """Close a modal dialog whose check failed: its exec() returns, nothing waits on it."""
    from shiboken6 import isValid

    if not isValid(dialog) or not dialog.isVisible():
        return
    done = getattr(dialog, "done", None)
    if done is not None:
        done(0)
    else:
        dialog.close()


def when_modal(qtbot, action) -> None:  # type: ignore[no-untyped-def]
    """Act on the next modal dialog (a QDialog.exec() the code under test is about to run).

    A failing action closes the dialog, so its exec() returns and the test goes on to
    fail instead of hanging until the timeout; the error is raised again in the event
    loop, where pytest-qt fails the test with it. ``Modal`` raises it in the test itself."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from opsdesk.ui import operations

    # The dialog to act on is a new one: not the one open now, which the code under test
    # may still be reading for (the window waits for the database worker meanwhile).
    open_now = QApplication.activeModalWidget()

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or dialog is open_now or operations.busy():
            QTimer.singleShot(20, run)
            return
        try:
            action(dialog)
        except BaseException:
            _close(dialog)
            raise

    QTimer.singleShot(0, run)


class Modal:
    """Act on the next modal dialog; a failing check closes the dialog (a test never hangs
    on it) and is raised again by ``check()`` once the dialog's exec() has returned::

        modal = Modal(qtbot)
        modal(fill)
        click(qtbot, button)  # opens the dialog; fill() runs in it
        modal.check()
    """

    def __init__(self, qtbot) -> None:  # type: ignore[no-untyped-def]
        self.qtbot = qtbot
        self.errors: list[BaseException] = []
        self.waiting: list[str] = []  # actions whose dialog has not opened yet

    def __call__(self, action) -> None:  # type: ignore[no-untyped-def]
        name = getattr(action, "__name__", repr(action))
        self.waiting.append(name)

        def safe(dialog) -> None:  # type: ignore[no-untyped-def]
            self.waiting.remove(name)
            try:
                action(dialog)
            except BaseException as exc:  # noqa: BLE001 - re-raised by check()
                self.errors.append(exc)
                _close(dialog)
        when_modal(self.qtbot, safe)

    def check(self) -> None:
        """Raise the first failed check; fail if an expected dialog never opened."""
        if self.errors:
            raise self.errors.pop(0)
        assert not self.waiting, f"no dialog opened for {self.waiting}"


def close_message(modal: Modal) -> None:
    """Dismiss the next information box (QMessageBox) the code under test shows."""
    modal(lambda box: box.accept())


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
    if window.isVisible():
        # A tab built on first opening is shown by Qt once events are processed (a queued
        # show), as it is before a worker's next click.
        layout = window.tabs.widget(index).layout()  # type: ignore[attr-defined]
        content = [layout.itemAt(i).widget() for i in range(layout.count())]
        for _ in range(200):
            if all(w is None or w.isVisible() for w in content):
                break
            QTest.qWait(10)
        assert all(w is None or w.isVisible() for w in content), f"the tab {title!r} did not show"


def answer_yes(modal: Modal, *, then=None, asked: list[str] | None = None) -> None:  # type: ignore[no-untyped-def]
    """Answer the next question (a yes/no QMessageBox) with Yes, noting its text in
    ``asked``; ``then`` registers what follows it (dialogs open one after another)."""
    from PySide6.QtWidgets import QMessageBox

    def yes(box) -> None:  # type: ignore[no-untyped-def]
        if asked is not None:
            asked.append(box.text())
        if then is not None:
            then()
        box.button(QMessageBox.StandardButton.Yes).click()

    modal(yes)


def shown(qtbot, widget, size: tuple[int, int]):  # type: ignore[no-untyped-def]
    """A panel shown on its own at ``size``, exposed before the test goes on."""
    qtbot.addWidget(widget)
    widget.resize(*size)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def shot(widget: QWidget, name: str) -> None:
    """A screenshot for a person to look at, when OPSDESK_SHOTS names a folder."""
    import os
    from pathlib import Path

    folder = os.environ.get("OPSDESK_SHOTS")
    if folder:
        widget.grab().save(str(Path(folder) / f"{name}.png"))
