"""Unexpected errors that nothing caught — in a slot, a background thread, or Qt itself —
reach the clerk as the Polish error box and the log file. Under pythonw there is no
console: Python's default hooks would print into nothing and the window would just stop
answering or vanish."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import (
    QMessageLogContext,
    QObject,
    QtMsgType,
    Signal,
    Slot,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication

from opsdesk import logs
from opsdesk.ui.errors import error_box

log = logging.getLogger("opsdesk.crash")
qt_log = logging.getLogger("opsdesk.qt")

_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


class QtFatalError(Exception):
    """What Qt said just before it ends the process (qFatal)."""


class _Reporter(QObject):
    """Lives in the UI thread: an error raised in another thread is shown from here."""

    raised = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.showing = False
        self.raised.connect(self.show)

    @Slot(object)
    def show(self, exc: BaseException) -> None:
        """One box at a time: an error repeated while the box is open (a paint event that
        fails on every repaint) is only logged."""
        if self.showing or QApplication.instance() is None:
            return
        self.showing = True
        try:
            box = error_box(QApplication.activeWindow(), exc)
            box.setObjectName("crashBox")
            box.exec()
        finally:
            self.showing = False


_reporter: _Reporter | None = None


def _report(exc: BaseException) -> None:
    if _reporter is None:
        return
    if threading.current_thread() is threading.main_thread():
        _reporter.show(exc)
    else:
        _reporter.raised.emit(exc)


def _excepthook(exc_type: type[BaseException], exc: BaseException,
                tb: TracebackType | None) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    log.critical("unexpected error", exc_info=(exc_type, exc, tb))
    _report(exc)


def _thread_excepthook(args: threading.ExceptHookArgs) -> None:
    if args.exc_type is SystemExit or args.exc_value is None:
        return
    name = args.thread.name if args.thread is not None else "?"
    log.critical("unexpected error in thread %s", name,
                 exc_info=(args.exc_type, args.exc_value, args.exc_traceback))
    _report(args.exc_value)


def _qt_message(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
    where = f" ({context.file}:{context.line})" if context.file else ""
    qt_log.log(_QT_LEVELS.get(mode, logging.WARNING), "%s%s", message, where)
    if mode == QtMsgType.QtFatalMsg:
        _report(QtFatalError(message))  # Qt ends the process once this returns


def install() -> Callable[[], None]:
    """Route every unexpected error to the log and the box; returns what undoes it."""
    global _reporter
    _reporter = _Reporter()
    previous = sys.excepthook, threading.excepthook
    sys.excepthook = _excepthook
    threading.excepthook = _thread_excepthook
    previous_qt = qInstallMessageHandler(_qt_message)
    logs.record_native_crashes()

    def uninstall() -> None:
        global _reporter
        sys.excepthook, threading.excepthook = previous
        qInstallMessageHandler(previous_qt)
        _reporter = None

    return uninstall
