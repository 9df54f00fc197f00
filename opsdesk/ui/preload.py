"""The main window's modules, imported while the worker types the password.

Importing them (every service and its queries, reportlab, the holiday calendar) takes most of
a second; done before the login window, it kept the worker waiting for nothing. A thread
imports them while the login window waits; ``main_window_class`` waits for it to end."""

from __future__ import annotations

import threading
from importlib import import_module
from typing import TYPE_CHECKING

from opsdesk import clock

if TYPE_CHECKING:
    from opsdesk.ui.main_window import MainWindow

_thread: threading.Thread | None = None


def _warm() -> None:
    from sqlalchemy.orm import configure_mappers

    from opsdesk.services import rules
    from opsdesk.ui.main_window import TABS

    for _role, _title, target in TABS:
        import_module(target.split(":")[0])
    configure_mappers()  # which the ORM does at its first query otherwise
    # The calendar of public holidays, which the deadlines in the first list need.
    rules.working_days_after(clock.today(), 1)


def start() -> None:
    """Begin importing in the background (once)."""
    global _thread
    if _thread is None:
        _thread = threading.Thread(target=_warm, name="opsdesk-preload", daemon=True)
        _thread.start()


def main_window_class() -> type[MainWindow]:
    """The main window's class, once the background import has ended (a failure there is
    raised again here, by the same import on this thread)."""
    if _thread is not None:
        _thread.join()
    from opsdesk.ui.main_window import MainWindow

    return MainWindow
