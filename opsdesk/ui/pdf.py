"""Showing a document: the PDF is saved where the settings say and opened in the system's
viewer ("Podgląd"), from which the clerk prints."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from opsdesk import clock
from opsdesk.errors import UserFacingError
from opsdesk.ui.errors import show_error


def _system_open(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


# Replaced in tests, so a test run opens no viewer.
opener: Callable[[Path], None] = _system_open


class _Announcer(QObject):
    """Tells the main window where a document was saved (its status bar says so)."""

    saved = Signal(object)  # Path


announcer = _Announcer()


def save_file(parent: QWidget | None, folder: Path, name: str, data: bytes, *,
              suffix: str = "pdf", what: str = "dokumentu") -> Path | None:
    """Save a file (``what``, in the genitive, for the message) under a safe, dated name in
    ``folder``, so an earlier one is never overwritten; a failure is said, None returned."""
    safe = re.sub(r"[^\w.-]+", "_", name, flags=re.UNICODE).strip("_") or "dokument"
    path = folder / f"{safe}-{clock.now():%Y%m%d-%H%M%S}.{suffix}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    except OSError as exc:
        show_error(parent, UserFacingError(f"Nie udało się zapisać {what} w folderze "
                                           f"{folder}: {exc.strerror}"))
        return None
    return path


def save_and_open(parent: QWidget | None, folder: Path, name: str, data: bytes, *,
                  suffix: str = "pdf", what: str = "dokumentu") -> Path | None:
    """Save a document as ``save_file`` does and open it in the system's viewer."""
    path = save_file(parent, folder, name, data, suffix=suffix, what=what)
    if path is not None:
        opener(path)
        announcer.saved.emit(path)
    return path
