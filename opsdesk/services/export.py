"""Lists to a spreadsheet (xlsx) a centre opens in Excel or LibreOffice.

``to_xlsx`` is pure: a title, the column headers and the rows in, the file's bytes out,
written with openpyxl (no hand-made XML). Text keeps its Polish letters; a ``date`` or
``datetime`` is written as a date the spreadsheet can sort and count, a ``Decimal`` as a
number in złote with a "zł" format, an ``int`` as a whole number — never as text.

Every file that leaves the program is recorded in the audit log (AuditAction.EXPORT) by
the operations below, gated like the data they carry: lists of clients and their matters
by PERSON_READ, the list of workers by USER_ADMIN. The head's statistics are exported by
``statistics`` under its own permission.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy.orm import Session

from opsdesk.errors import ValidationError
from opsdesk.models.enums import AuditAction
from opsdesk.services import validation as check
from opsdesk.services.audit import write_audit
from opsdesk.services.permissions import Permission
from opsdesk.services.security import Actor, operation

Cell = str | int | Decimal | date | datetime | None

MONEY_FORMAT = '#,##0.00 "zł"'
DATE_FORMAT = "DD.MM.YYYY"
DATETIME_FORMAT = "DD.MM.YYYY HH:MM"
INTEGER_FORMAT = "0"
MAX_WIDTH = 60  # characters; longer text wraps inside the cell
MAX_ROWS = 1_000_000  # the format's own limit is 1 048 576
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def printable(text: str) -> str:
    """Text as a sheet may hold it: a control character stored before the program refused
    them (or by another tool) is left out rather than failing the whole export."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("", text)


def sheet_name(title: str) -> str:
    """Excel's rules for a sheet name: at most 31 characters, none of []:*?/\\."""
    name = _SHEET_FORBIDDEN.sub(" ", printable(title)).strip() or "Arkusz"
    return name[:31].strip()


def _display_length(value: Cell) -> int:
    if value is None:
        return 0
    if isinstance(value, datetime):
        return 16
    if isinstance(value, date):
        return 10
    if isinstance(value, Decimal):
        return len(f"{value:,.2f}") + 3
    return max((len(line) for line in str(value).splitlines()), default=0)


def _write(cell, value: Cell) -> None:  # noqa: ANN001 - an openpyxl cell
    if isinstance(value, bool):  # a bool is an int to Python; say it in words
        cell.value = "tak" if value else "nie"
    elif isinstance(value, datetime):
        cell.value = value
        cell.number_format = DATETIME_FORMAT
    elif isinstance(value, date):
        cell.value = value
        cell.number_format = DATE_FORMAT
    elif isinstance(value, Decimal):
        cell.value = value
        cell.number_format = MONEY_FORMAT
    elif isinstance(value, int):
        cell.value = value
        cell.number_format = INTEGER_FORMAT
    elif value is None:
        cell.value = None
    else:
        text = printable(str(value))
        cell.value = text
        if "\n" in text:
            from openpyxl.styles import Alignment

            cell.alignment = Alignment(wrap_text=True, vertical="top")


def to_xlsx(title: str, headers: Sequence[str], rows: Sequence[Sequence[Cell]], *,
            notes: Sequence[str] = ()) -> bytes:
    """One sheet: the title in bold on the first line, the header row in bold under it
    (frozen, with a filter), then the rows; ``notes`` follow the table, one per line."""
    if not headers:
        raise ValueError("a sheet needs at least one column")
    if len(rows) > MAX_ROWS:
        raise ValidationError(f"Lista ma {len(rows)} wierszy — arkusz mieści najwyżej "
                              f"{MAX_ROWS}. Zawęź wybór i spróbuj ponownie.")
    # Imported here: openpyxl (with numpy) costs ~0.12 s, paid at the first export, not at
    # every start of the program.
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = sheet_name(title)
    title = printable(title)
    book.properties.title = title
    book.properties.creator = "opsdesk"
    sheet["A1"] = title
    sheet["A1"].font = Font(bold=True, size=13)
    header_row = 3
    bold = Font(bold=True)
    widths = [len(h) for h in headers]
    for col, header in enumerate(headers, start=1):
        cell = sheet.cell(row=header_row, column=col, value=printable(header))
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for r, row in enumerate(rows, start=header_row + 1):
        if len(row) > len(headers):
            raise ValueError(f"row {r - header_row} has more cells than there are columns")
        for col, value in enumerate(row, start=1):
            _write(sheet.cell(row=r, column=col), value)
            widths[col - 1] = max(widths[col - 1], _display_length(value))
    for col, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = min(width + 2, MAX_WIDTH)
    last = header_row + len(rows)
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    if rows:
        sheet.auto_filter.ref = f"A{header_row}:{get_column_letter(len(headers))}{last}"
    for n, note in enumerate(notes, start=last + 2):
        sheet.cell(row=n, column=1, value=printable(note)).font = Font(italic=True, size=9)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _audited(session: Session, actor: Actor, title: str, headers: Sequence[str],
             rows: Sequence[Sequence[Cell]], source: str) -> bytes:
    title = check.text(title, field="title", label="Tytuł arkusza", max_len=200)
    data = to_xlsx(title, headers, rows)
    write_audit(session, actor.id, AuditAction.EXPORT, "Export", None,
                {"title": title, "rows": len(rows), "source": source, "format": "xlsx"})
    return data


@operation(Permission.PERSON_READ)
def export_list(session: Session, *, actor: Actor, title: str = "",
                headers: Sequence[str] = (), rows: Sequence[Sequence[Cell]] = ()) -> bytes:
    """A list of clients or their matters, as the worker sees it on the screen; the
    export is recorded (title and number of rows, never the content)."""
    return _audited(session, actor, title, headers, rows, "list")


@operation(Permission.USER_ADMIN)
def export_staff_list(session: Session, *, actor: Actor, title: str = "",
                      headers: Sequence[str] = (),
                      rows: Sequence[Sequence[Cell]] = ()) -> bytes:
    """The list of workers (Administracja), for the administrator too."""
    return _audited(session, actor, title, headers, rows, "workers")
