"""One way to show any failure: a known one with its Polish message, a bug as a short
"Wystąpił nieoczekiwany błąd" with the details folded away (and logged)."""

from __future__ import annotations

import logging
import traceback

from PySide6.QtWidgets import QMessageBox, QWidget

from opsdesk.errors import UserFacingError

log = logging.getLogger(__name__)


def show_error(parent: QWidget | None, exc: BaseException, *, title: str = "opsdesk") -> None:
    box = QMessageBox(parent)
    box.setWindowTitle(title)
    if isinstance(exc, UserFacingError):
        box.setIcon(QMessageBox.Icon.Warning)
        box.setText(exc.message)
    else:
        log.error("unexpected error", exc_info=exc)
        box.setIcon(QMessageBox.Icon.Critical)
        box.setText("Wystąpił nieoczekiwany błąd. Twoje wpisy są zachowane w formularzu.\n"
                    "Jeśli błąd się powtarza, przekaż szczegóły administratorowi.")
        box.setDetailedText("".join(traceback.format_exception(exc)))
    box.setObjectName("errorBox")
    box.exec()


def confirm(parent: QWidget | None, text: str, *, title: str = "opsdesk") -> bool:
    answer = QMessageBox.question(parent, title, text,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes
