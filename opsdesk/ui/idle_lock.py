"""The idle lock: after the office's idle time the windows are covered and the same worker's
password is asked for. Nothing on screen is closed — forms keep what was typed, dialogs stay
open under their covers — so after unlocking the work goes on where it stopped. Wrong
passwords count as failed logins; when they lock the account the program closes."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMainWindow,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from opsdesk.changes import Changes
from opsdesk.errors import UserFacingError
from opsdesk.services.sessions import AccountLocked, confirm_password, security_settings
from opsdesk.ui import operations
from opsdesk.ui.context import AppContext
from opsdesk.ui.errors import show_error
from opsdesk.ui.login import password_line
from opsdesk.ui.widgets import ERROR_STYLE

# Input that shows someone is at the screen.
ACTIVITY = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
            QEvent.Type.Wheel, QEvent.Type.TouchBegin}
DEFAULT_MINUTES = 10


class Curtain(QWidget):
    """An opaque cover over one window while it is locked: what was on it stays, unseen."""

    def __init__(self, host: QWidget) -> None:
        super().__init__(host)
        self.setObjectName("lockCurtain")
        self.setAutoFillBackground(True)
        text = QLabel("Okno zablokowane — opsdesk")
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        QVBoxLayout(self).addWidget(text)
        host.installEventFilter(self)
        self.setGeometry(host.rect())
        self.raise_()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.parent() and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.parentWidget().rect())
        return False


class LockDialog(QDialog):
    """Only the same worker's password opens the window again; Esc does not."""

    QUIT = 2

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.failure: AccountLocked | None = None
        self.setObjectName("lockDialog")
        self.setWindowTitle("Okno zablokowane — opsdesk")
        self.setModal(True)
        info = QLabel(f"Okno zablokowano po bezczynności.\nZalogowany(-a): {ctx.actor.full_name}."
                      "\nWpisz swoje hasło, aby wrócić do pracy.")
        info.setObjectName("lockInfo")
        self.password = password_line("unlockPassword")
        self.error_label = QLabel()
        self.error_label.setObjectName("unlockError")
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.unlock_button = buttons.addButton("Odblokuj", QDialogButtonBox.ButtonRole.AcceptRole)
        self.unlock_button.setObjectName("unlock")
        self.unlock_button.setDefault(True)
        quit_button = buttons.addButton("Zamknij program",
                                        QDialogButtonBox.ButtonRole.DestructiveRole)
        quit_button.setObjectName("quitFromLock")
        self.unlock_button.clicked.connect(self.unlock)
        quit_button.clicked.connect(lambda: self.done(self.QUIT))
        layout = QVBoxLayout(self)
        layout.addWidget(info)
        layout.addWidget(self.password)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.password.setFocus()

    def unlock(self) -> None:
        password, actor = self.password.text(), self.ctx.actor
        self.password.clear()
        try:
            operations.call(lambda: self.ctx.db.write(
                lambda s: confirm_password(s, actor=actor, password=password)))
        except AccountLocked as exc:
            self.failure = exc
            self.done(self.QUIT)
            return
        except UserFacingError as exc:
            self.error_label.setText(exc.message)
            self.password.setFocus()
            return
        except Exception as exc:  # noqa: BLE001 - a bug: shown, logged, the lock stays
            show_error(self, exc)
            return
        self.accept()

    def reject(self) -> None:
        """Neither Esc nor the window's close button opens a locked window."""


class IdleLock(QObject):
    """Watches the whole application's input; the timer restarts on every key or click."""

    locked = Signal()
    unlocked = Signal()
    locked_out = Signal()  # the account got locked, or the worker chose to close the program

    def __init__(self, window: QMainWindow, ctx: AppContext, minutes: int) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = ctx
        self.dialog: LockDialog | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(max(minutes, 0) * 60_000)
        self.timer.timeout.connect(self.lock)

    def set_minutes(self, minutes: int) -> None:
        """A new idle time from the office's settings, counted from now."""
        self.stop()
        self.timer.setInterval(max(minutes, 0) * 60_000)
        self.start()

    def start(self) -> None:
        if self.timer.interval() > 0:
            QApplication.instance().installEventFilter(self)
            self.timer.start()

    def stop(self) -> None:
        QApplication.instance().removeEventFilter(self)
        self.timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if self.dialog is None and event.type() in ACTIVITY:
            self.timer.start()
        elif watched is self.window and event.type() == QEvent.Type.Close:
            self.stop()  # a closed window has nothing left to lock
        return False

    def lock(self) -> None:
        if self.dialog is not None:
            return
        curtains = [Curtain(w) for w in QApplication.topLevelWidgets()
                    if w.isVisible() and isinstance(w, (QMainWindow, QDialog))]
        dialog = self.dialog = LockDialog(self.ctx, self.window)
        self.locked.emit()
        result = dialog.exec()
        if not isValid(self):  # the window went away under the lock: the program is quitting
            return
        failure = dialog.failure
        dialog.deleteLater()
        self.dialog = None
        for curtain in curtains:
            curtain.hide()
            curtain.deleteLater()
        if result == QDialog.DialogCode.Accepted:
            self.unlocked.emit()
            self.timer.start()
            return
        self.stop()
        if failure is not None:
            show_error(self.window, UserFacingError(failure.message + " Program zostanie "
                                                    "zamknięty; zaloguj się ponownie później."))
        self.locked_out.emit()


def quit_application(window: QMainWindow) -> None:
    """Close the window and leave every event loop, modal dialogs' included."""
    window.close()
    QApplication.exit(0)


def install_idle_lock(window: QMainWindow, ctx: AppContext, minutes: int) -> IdleLock:
    lock = IdleLock(window, ctx, minutes)
    lock.locked_out.connect(lambda: quit_application(window))
    ctx.listen(Changes.OFFICE, lambda: lock.set_minutes(office_idle_minutes(ctx, window)))
    lock.start()
    return lock


def office_idle_minutes(ctx: AppContext, parent: QWidget | None = None) -> int:
    """The office's idle time, read when the window opens and after the settings change."""
    settings = ctx.read(parent, security_settings)
    return settings.idle_lock_minutes if settings else DEFAULT_MINUTES
