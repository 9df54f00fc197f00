"""A colleague's change shows by itself: the lists on screen are read again within seconds
of another workstation's write, and not read at all while nobody writes.

The window asks the database every ``CHECK_MS`` whether another connection wrote
(``Database.changed``: on SQLite one read of the file's header). Screens that follow the
changes (``follow_changes``) then refresh through their usual path if they are shown, or
when they are next shown. Never while a form (a modal dialog) is open: it is refreshed after,
and its save is guarded by the record's version anyway."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Slot
from PySide6.QtWidgets import QApplication, QWidget

from opsdesk.errors import DatabaseUnavailable, UserFacingError
from opsdesk.ui import operations
from opsdesk.ui.context import AppContext

log = logging.getLogger(__name__)

CHECK_MS = 1500


class ChangeWatch(QObject):
    """The window's one look at the database for other workstations' changes, while the
    window is shown."""

    def __init__(self, ctx: AppContext, window: QWidget) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.window = window
        self.pending = False
        self._look()  # what the screens about to be read have seen
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    @Slot()
    def check(self) -> None:
        if not self.window.isVisible():
            return
        if not self.pending:
            changed = self._look()
            if changed is None:
                return
            self.pending = changed
        if self.pending and QApplication.activeModalWidget() is None:
            self.pending = False
            self.ctx.events.changed_elsewhere.emit()

    def _look(self) -> bool | None:
        """Whether another workstation wrote; None when the database could not be asked."""
        try:
            changed = operations.call(self.ctx.db.changed)
        except DatabaseUnavailable:
            self.ctx.events.connection_changed.emit(False)
            return None
        except UserFacingError as exc:  # busy, damaged: the next action says it
            log.info("no look at the database: %s", exc.message)
            return None
        except Exception:  # noqa: BLE001 - a look that failed is no reason to stop the window
            log.exception("no look at the database")
            return None
        self.ctx.events.connection_changed.emit(True)
        return changed


class _Follower(QObject):
    def __init__(self, ctx: AppContext, widget: QWidget, refresh: Callable[[], object]) -> None:
        super().__init__(widget)
        self.widget = widget
        self.refresh = refresh
        self.stale = False
        ctx.events.changed_elsewhere.connect(self.changed)
        widget.installEventFilter(self)

    @Slot()
    def changed(self) -> None:
        if self.widget.isVisible():
            self.refresh()
        else:
            self.stale = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.widget and event.type() == QEvent.Type.Show and self.stale:
            self.stale = False
            self.refresh()
        return False


def follow_changes(ctx: AppContext, widget: QWidget,
                   refresh: Callable[[], object] | None = None) -> None:
    """Read ``widget``'s lists again (``refresh``, by default its own) after another
    workstation's change: at once if it is shown, otherwise when it is next shown."""
    _Follower(ctx, widget, refresh or widget.refresh)  # type: ignore[attr-defined]
