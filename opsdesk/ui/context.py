"""What every screen needs: the database, the logged-in worker and the settings — passed
explicitly to each widget, never reached through a global."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget
from sqlalchemy.orm import Session

from opsdesk.db import Database
from opsdesk.services.errors import DatabaseUnavailable
from opsdesk.services.security import Actor
from opsdesk.settings import Settings
from opsdesk.ui.errors import show_error

T = TypeVar("T")


class Events(QObject):
    """Signals in the past tense: a mutation announces what it touched, open screens refresh
    only if it concerns them."""

    data_changed = Signal(str)  # the area: "persons", "intakes", "cases", "handovers", ...
    connection_changed = Signal(bool)
    busy_retrying = Signal(int)


@dataclass
class AppContext:
    db: Database
    actor: Actor
    settings: Settings
    events: Events = field(default_factory=Events)

    def __post_init__(self) -> None:
        self.db.on_retry = self.events.busy_retrying.emit

    def read(self, parent: QWidget | None, fn: Callable[[Session], T]) -> T | None:
        """Run a read; on failure show the Polish message and return None."""
        try:
            result = self.db.read(fn)
        except Exception as exc:  # noqa: BLE001 - every failure is shown, bugs are logged
            self.failed(parent, exc)
            return None
        self.events.connection_changed.emit(True)
        return result

    def write(self, parent: QWidget | None, fn: Callable[[Session], T], *,
              changed: str = "") -> tuple[bool, T | None]:
        """Run one user action as one transaction. The form that called it keeps what was
        typed whatever happens; (ok, result) tells it whether to close."""
        try:
            result = self.db.write(fn)
        except Exception as exc:  # noqa: BLE001
            self.failed(parent, exc)
            return False, None
        self.events.connection_changed.emit(True)
        if changed:
            self.events.data_changed.emit(changed)
        return True, result

    def failed(self, parent: QWidget | None, exc: Exception) -> None:
        """Show a failure; a lost database also turns the status bar red."""
        if isinstance(exc, DatabaseUnavailable):
            self.events.connection_changed.emit(False)
        show_error(parent, exc)
