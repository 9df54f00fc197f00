"""Any list on the screen to a spreadsheet: "Eksport do arkusza".

The rows are taken as the worker sees them (the model's headers and cells, in the order on
screen), so what is exported is what was shown — but typed: a date is written as a date
and an amount as a number in złote (``services.export``), so the sheet can sort and sum.
The file goes to the export folder of the workstation's settings, is recorded in the audit
log, and is opened in the spreadsheet program."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow, QPushButton, QTableView, QWidget

from opsdesk.formatting import parse_date, parse_money
from opsdesk.services import export
from opsdesk.ui import pdf
from opsdesk.ui.context import AppContext
from opsdesk.ui.widgets import push

_DATE = re.compile(r"\d{2}\.\d{2}\.\d{4}")
_DATETIME = re.compile(r"\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}(:\d{2})?")
_MONEY = re.compile(r"-?\d{1,3}(?:[\u00a0 ]\d{3})*,\d{2}[\u00a0 ]zł")
# Whole numbers only when plainly counts: short, no leading zero (a PESEL, an account or a
# phone number stays text).
_COUNT = re.compile(r"0|-?[1-9]\d{0,6}")


def typed(text: str) -> export.Cell:
    """The cell's value for the sheet: a date, a date and time, an amount or a count when
    the text on screen is plainly one, the text itself otherwise."""
    value = text.strip()
    if not value:
        return None
    try:
        if _DATE.fullmatch(value):
            return parse_date(value)
        if _DATETIME.fullmatch(value):
            return datetime.strptime(value, "%d.%m.%Y %H:%M:%S" if value.count(":") == 2
                                     else "%d.%m.%Y %H:%M")
        if _MONEY.fullmatch(value):
            negative = value.startswith("-")
            amount = parse_money(value.lstrip("-"))
            return -amount if negative else amount
    except ValueError:
        return value
    if _COUNT.fullmatch(value):
        return int(value)
    return value


def table_rows(view: QTableView) -> tuple[list[str], list[list[export.Cell]]]:
    """The headers and the typed cells of a list, in the order the screen shows them
    (hidden columns left out)."""
    model = view.model()
    header = view.horizontalHeader()
    columns = [header.logicalIndex(v) for v in range(header.count())]
    columns = [c for c in columns if not view.isColumnHidden(c)]
    headers = [str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in columns]
    rows = []
    for r in range(model.rowCount()):
        rows.append([typed(str(model.data(model.index(r, c)) or "")) for c in columns])
    return headers, rows


def save_sheet(ctx: AppContext, parent: QWidget | None, title: str,
               data: bytes | None) -> Path | None:
    """Put the sheet in the settings' export folder, say so in the status bar, open it."""
    if not data:
        return None
    path = pdf.save_and_open(parent, ctx.settings.export_folder(), title or "lista", data,
                             suffix="xlsx", what="arkusza")
    window = parent.window() if parent is not None else None
    if path is not None and isinstance(window, QMainWindow):
        window.statusBar().showMessage(f"Zapisano arkusz: {path}", 10000)
    return path


def export_table(view: QTableView, ctx: AppContext, parent: QWidget | None, title: str, *,
                 staff: bool = False) -> Path | None:
    """The list in ``view`` to an xlsx file; ``staff`` for the list of workers (the
    administrator's), otherwise a list of clients and their matters."""
    headers, rows = table_rows(view)
    operation = export.export_staff_list if staff else export.export_list
    data = ctx.read(parent, lambda s: operation(s, actor=ctx.actor, title=title,
                                                headers=headers, rows=rows))
    return save_sheet(ctx, parent, title, data)


def export_button(ctx: AppContext, parent: QWidget,
                  source: QTableView | Callable[[], tuple[QTableView | None, str]],
                  title: str = "", *, staff: bool = False) -> QPushButton:
    """"Eksport do arkusza" for one list, or for whichever list ``source()`` says is shown
    (with its title)."""

    def run() -> None:
        view, name = source() if callable(source) else (source, title)
        if isinstance(view, QTableView):
            export_table(view, ctx, parent, name or title, staff=staff)

    return push("Eksport do arkusza", object_name="exportSheet", slot=run)
