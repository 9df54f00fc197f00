"""Deadlines' colours read for colour-blind users (issue 15 item 6): vermillion for past,
orange for near, never red against green; past is also bold and says "po terminie"."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from opsdesk.services.queue import Deadline
from opsdesk.ui.tables import Column, RowsModel, deadline_color
from tests.conftest import TODAY


def test_past_is_vermillion_and_bold_near_is_orange_and_plain(qapp):
    rows = [Deadline("decyzja", TODAY - timedelta(days=2)),
            Deadline("decyzja", TODAY + timedelta(days=1)),
            Deadline("decyzja", TODAY + timedelta(days=20))]
    model: RowsModel[Deadline] = RowsModel([Column(
        "Termin", lambda d: d.text(TODAY), color=lambda d: deadline_color(d, TODAY))])
    model.set_rows(rows)
    cells = [model.index(i, 0) for i in range(3)]
    colours = [model.data(c, Qt.ItemDataRole.ForegroundRole) for c in cells]
    assert colours[0].color() == QColor("#B34700")
    assert colours[1].color() == QColor("#8F6400")
    assert colours[2] is None
    fonts = [model.data(c, Qt.ItemDataRole.FontRole) for c in cells]
    assert fonts[0].bold() and fonts[1] is None and fonts[2] is None
    assert "po terminie" in model.data(cells[0], Qt.ItemDataRole.DisplayRole)
