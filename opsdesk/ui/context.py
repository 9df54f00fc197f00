"""What every screen needs: the database, the logged-in worker and the settings — passed
explicitly to each widget, never reached through a global."""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QAbstractButton, QWidget
from shiboken6 import isValid
from sqlalchemy.orm import Session

from opsdesk.changes import Changes
from opsdesk.db import Database
from opsdesk.errors import AccountClosed, DatabaseUnavailable
from opsdesk.services.security import Actor
from opsdesk.settings import Settings
from opsdesk.ui import operations
from opsdesk.ui.errors import show_error
from opsdesk.ui.pdf import save_and_open

T = TypeVar("T")


class Events(QObject):
    """Signals in the past tense: a mutation announces what it touched, open screens refresh
    only if it concerns them."""

    data_changed = Signal(object)  # Changes: the areas a write touched
    changed_elsewhere = Signal()  # another workstation wrote (``change_watch``)
    connection_changed = Signal(bool)
    busy_retrying = Signal(int)
    account_closed = Signal()  # the worker's account was switched off: the window closes


class _Relay(QObject):
    """Brings a background work's outcome back to the UI thread: the signal is emitted in
    the worker and, the relay living in the UI thread, delivered there."""

    settled = Signal(object, object)  # the result, the exception or None

    def __init__(self, deliver: Callable[[Any, Exception | None], None]) -> None:
        super().__init__()
        self._deliver_to = deliver
        self.settled.connect(self._deliver)

    @Slot(object, object)
    def _deliver(self, result: Any, error: Exception | None) -> None:
        self._deliver_to(result, error)


# Relays whose work is still running: kept alive here until their outcome is delivered.
_in_flight: set[_Relay] = set()


def run_in_background(work: Callable[[], T],
                      done: Callable[[T | None, Exception | None], None], *,
                      name: str = "opsdesk-background", daemon: bool = True) -> None:
    """Run ``work`` on a plain thread so the window keeps answering; ``done(result, None)``
    or ``done(None, error)`` then runs on the UI thread (call this from the UI thread).
    ``daemon=False`` for work that must not be cut off halfway when the program exits
    (it then waits for the work to end)."""
    def settle(result: Any, error: Exception | None) -> None:
        _in_flight.discard(relay)
        done(result, error)

    relay = _Relay(settle)
    _in_flight.add(relay)

    def run() -> None:
        try:
            result = work()
        except Exception as exc:  # noqa: BLE001 - handed to ``done`` on the UI thread
            relay.settled.emit(None, exc)
            return
        relay.settled.emit(result, None)

    threading.Thread(target=run, name=name, daemon=daemon).start()


_gc_lock = threading.Lock()
_gc_pauses = 0
_gc_thresholds = gc.get_threshold()
_NEVER = 1 << 30


@contextmanager
def young_collections_only() -> Iterator[None]:
    """While a long background read runs, only the youngest generation is collected.

    Why: the read of a thousand-row list keeps tens of thousands of objects alive (the ORM
    rows, then reportlab's tables and PDF objects) long enough to be promoted to the oldest
    generation, and a full collection then follows. The GIL is shared, so that pass
    stopped the window for 80–110 ms. Here survivors wait in generation 1 instead; at the
    end, the read's objects being garbage by then (ORM states, PDF objects are cycles), the
    window's next generation-1 pass (``operations.collect_garbage``, in the UI thread) frees
    them without walking the long-lived objects. The thresholds are restored whatever
    happens."""
    global _gc_pauses, _gc_thresholds
    with _gc_lock:
        if _gc_pauses == 0:
            _gc_thresholds = gc.get_threshold()
            gc.set_threshold(_gc_thresholds[0], _NEVER, _NEVER)
        _gc_pauses += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_pauses -= 1
            if _gc_pauses == 0:
                gc.set_threshold(*_gc_thresholds)


@dataclass
class AppContext:
    db: Database
    actor: Actor
    settings: Settings
    events: Events = field(default_factory=Events)

    def __post_init__(self) -> None:
        self.db.on_retry = self.events.busy_retrying.emit

    def read(self, parent: QWidget | None, fn: Callable[[Session], T]) -> T | None:
        """Run a read; on failure show the Polish message and return None. A screen that
        was closed while the database answered gets None too: nothing is left to show it."""
        try:
            result = operations.call(lambda: self.db.read(fn))
        except Exception as exc:  # noqa: BLE001 - every failure is shown, bugs are logged
            if parent is None or isValid(parent):
                self.failed(parent, exc)
            return None
        self.events.connection_changed.emit(True)
        if parent is not None and not isValid(parent):
            return None
        return result

    def read_in_background(self, parent: QWidget | None, fn: Callable[[Session], T],
                           done: Callable[[T | None], None]) -> None:
        """A long read (the PDF of a long list) on the database worker without waiting for
        it, so the window stays usable meanwhile; what the window asks next runs after it.
        ``done`` runs on the UI thread with the result, or with None after a failure was
        shown as ``read`` shows it — unless ``parent`` was closed meanwhile: then the
        outcome is dropped."""
        def settle(result: T | None, error: BaseException | None) -> None:
            if parent is not None and not isValid(parent):
                return
            if isinstance(error, Exception):
                self.failed(parent, error)
                done(None)
                return
            if error is not None:
                raise error
            self.events.connection_changed.emit(True)
            done(result)

        def read() -> T:
            with young_collections_only():
                return self.db.read(fn)

        operations.submit(read, settle)

    def write(self, parent: QWidget | None, fn: Callable[[Session], T], *,
              changed: Changes = Changes.NOTHING) -> tuple[bool, T | None]:
        """Run one user action as one transaction. The form that called it keeps what was
        typed whatever happens; (ok, result) tells it whether to close."""
        try:
            result = operations.call(lambda: self.db.write(fn))
        except Exception as exc:  # noqa: BLE001
            self.failed(parent, exc)
            return False, None
        self.events.connection_changed.emit(True)
        if changed:
            self.events.data_changed.emit(changed)
        return True, result

    def listen(self, areas: Changes, refresh: Callable[[], object]) -> None:
        """Call ``refresh`` after every write that touched one of ``areas`` — the areas the
        screen shows."""
        self.events.data_changed.connect(
            lambda changed: refresh() if changed & areas else None)

    def show_document(self, parent: QWidget | None, name: str,
                      fn: Callable[[Session], bytes]) -> None:
        """"Podgląd": make the PDF through the service, save it to the export folder and open
        it in the system's viewer."""
        data = self.read(parent, fn)
        if data:
            save_and_open(parent, self.settings.export_folder(), name, data)

    def show_document_in_background(self, parent: QWidget, button: QAbstractButton, name: str,
                                    fn: Callable[[Session], bytes], *, waiting: str) -> None:
        """"Podgląd" of a long document (a list of a thousand lines): made off the UI thread,
        so the window keeps answering; ``button`` waits meanwhile and says so (``waiting``)."""
        text = button.text()
        button.setEnabled(False)
        button.setText(waiting)

        def show(data: bytes | None) -> None:
            button.setText(text)
            button.setEnabled(True)
            if data:
                save_and_open(parent, self.settings.export_folder(), name, data)

        self.read_in_background(parent, fn, show)

    def failed(self, parent: QWidget | None, exc: Exception) -> None:
        """Show a failure; a lost database also turns the status bar red."""
        if isinstance(exc, DatabaseUnavailable):
            self.events.connection_changed.emit(False)
        show_error(parent, exc)
        if isinstance(exc, AccountClosed):
            self.events.account_closed.emit()
