"""One way to show any failure: a known one with its Polish message, a bug as a short
"Wystąpił nieoczekiwany błąd" with the details folded away, logged, and the log's folder
named so the office's IT person knows where to look."""

from __future__ import annotations

import logging
import traceback

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from opsdesk import logs
from opsdesk.errors import UserFacingError

log = logging.getLogger(__name__)

UNEXPECTED = ("Wystąpił nieoczekiwany błąd. Twoje wpisy są zachowane w formularzu.\n"
              "Jeśli błąd się powtarza, przekaż szczegóły administratorowi.")


def unexpected_text() -> str:
    where = logs.folder()
    if where is None:
        return UNEXPECTED
    return f"{UNEXPECTED}\n\nSzczegóły zapisano w dzienniku programu w folderze:\n{where}"


def error_box(parent: QWidget | None, exc: BaseException, *,
              title: str = "opsdesk") -> QMessageBox:
    """The box for ``exc``, not yet shown; a bug's box says where its log is."""
    box = QMessageBox(parent)
    box.setWindowTitle(title)
    if isinstance(exc, UserFacingError):
        box.setIcon(QMessageBox.Icon.Warning)
        box.setText(exc.message)
    else:
        box.setIcon(QMessageBox.Icon.Critical)
        box.setText(unexpected_text())
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.setDetailedText("".join(traceback.format_exception(exc)))
    box.setObjectName("errorBox")
    return box


def show_error(parent: QWidget | None, exc: BaseException, *, title: str = "opsdesk") -> None:
    if not isinstance(exc, UserFacingError):
        log.error("unexpected error", exc_info=exc)
    error_box(parent, exc, title=title).exec()


def confirm(parent: QWidget | None, text: str, *, title: str = "opsdesk",
            yes_default: bool = False) -> bool:
    """A yes/no question; No is the default unless the question names the step the worker
    just chose (``yes_default``: Enter confirms it)."""
    yes, no = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
    answer = QMessageBox.question(parent, title, text, yes | no, yes if yes_default else no)
    return answer == QMessageBox.StandardButton.Yes
