"""Pomoc → O programie: what the office's IT person asks first — which version runs here,
on which database and schema, and where the log is."""

from __future__ import annotations

import platform

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from opsdesk import __version__, logs
from opsdesk.db import migrating_program_version
from opsdesk.errors import UserFacingError
from opsdesk.ui import operations
from opsdesk.ui.context import AppContext


def about_text(ctx: AppContext, *, shared: bool) -> str:
    db = ctx.db
    where = "wspólna" if shared else "na tym komputerze"
    revision = db.schema_revision or "nieznany"
    try:
        migrated_by = operations.call(lambda: db.read(migrating_program_version))
    except UserFacingError:
        migrated_by = None
    if migrated_by:
        revision += f" (ostatnio zmieniony przez opsdesk {migrated_by})"
    log_folder = logs.folder()
    return "\n".join([
        f"opsdesk {__version__}",
        "Program gminnego ośrodka pomocy społecznej (model rozdzielenia).",
        "",
        f"Baza danych: {db.target} ({where})",
        f"Schemat bazy: {revision}",
        f"Dziennik programu: {log_folder if log_folder else 'nie jest zapisywany'}",
        "",
        f"Python {platform.python_version()}, Qt (PySide6) {pyside_version}",
    ])


def show_about(parent: QWidget | None, ctx: AppContext, *, shared: bool) -> None:
    box = QMessageBox(parent)
    box.setObjectName("aboutBox")
    box.setWindowTitle("O programie")
    box.setIcon(QMessageBox.Icon.Information)
    box.setText(about_text(ctx, shared=shared))
    # The IT person copies the paths from here.
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.exec()
