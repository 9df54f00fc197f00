"""Lists to xlsx: every file opened again with openpyxl and compared cell by cell; the
export recorded in the audit log; refused to a role that may not read the data."""

from __future__ import annotations

import io
import json
from datetime import date, datetime
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from opsdesk.models import AuditEntry
from opsdesk.models.enums import AuditAction
from opsdesk.services import export
from opsdesk.services.errors import PermissionDenied, ValidationError

D = Decimal
HEADERS = ("Lp.", "Osoba", "Data decyzji", "Przyjęto", "Kwota", "Uwagi")
ROWS = [
    (1, "Źdźbło-Gąsiorowska Zofia", date(2026, 11, 3), datetime(2026, 11, 3, 9, 45),
     D("1229.00"), "zażółć gęślą jaźń"),
    (2, "Łęcki Jan", date(2026, 12, 1), None, D("12345.67"), "ŻÓŁĆ\ndwie linie"),
    (3, "Ćwikła Józef", None, datetime(2027, 1, 2, 14, 5), None, ""),
]


def load(data: bytes):
    return load_workbook(io.BytesIO(data)).active


def money(value):
    """A float read back from a money cell, as the Decimal it was written from."""
    return D(str(value)).quantize(D("0.01")) if isinstance(value, float) else value


def test_cells_come_back_as_written():
    sheet = load(export.to_xlsx("Decyzje — grudzień 2026", HEADERS, ROWS))
    assert sheet["A1"].value == "Decyzje — grudzień 2026"
    assert sheet["A1"].font.b
    assert [c.value for c in sheet[3]] == list(HEADERS)
    assert all(c.font.b for c in sheet[3])
    got = [[money(c.value) for c in row] for row in sheet.iter_rows(min_row=4, max_row=6)]
    # openpyxl reads a date cell back as a datetime at midnight, a number as a float and
    # empty text as None.
    assert got == [
        [1, "Źdźbło-Gąsiorowska Zofia", datetime(2026, 11, 3), datetime(2026, 11, 3, 9, 45),
         D("1229.00"), "zażółć gęślą jaźń"],
        [2, "Łęcki Jan", datetime(2026, 12, 1), None, D("12345.67"), "ŻÓŁĆ\ndwie linie"],
        [3, "Ćwikła Józef", None, datetime(2027, 1, 2, 14, 5), None, None],
    ]
    assert sheet["C4"].number_format == export.DATE_FORMAT
    assert sheet["D4"].number_format == export.DATETIME_FORMAT
    assert sheet["E4"].number_format == export.MONEY_FORMAT
    assert sheet["A4"].data_type == "n" and sheet["E4"].data_type == "n"
    assert sheet["F5"].alignment.wrap_text
    assert sheet.freeze_panes == "A4"
    assert sheet.auto_filter.ref == "A3:F6"


def test_column_widths_follow_the_content():
    sheet = load(export.to_xlsx("Lista", HEADERS, ROWS))
    widths = {c: sheet.column_dimensions[c].width for c in "ABCDEF"}
    assert widths["B"] == len("Źdźbło-Gąsiorowska Zofia") + 2
    assert widths["A"] == len("Lp.") + 2
    assert widths["C"] == len("Data decyzji") + 2
    long = export.to_xlsx("Lista", ("Opis",), [("x" * 500,)])
    assert load(long).column_dimensions["A"].width == export.MAX_WIDTH


def test_sheet_name_and_notes():
    data = export.to_xlsx("Sprawozdanie: I/2026 [MRPiPS-03] — część pierwsza, świadczenia",
                          ("A",), [("x",)], notes=("Liczono z wypłat zrealizowanych.",))
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Sprawozdanie  I 2026  MRPiPS-03"]
    assert book.properties.creator == "opsdesk"
    sheet = book.active
    assert sheet["A6"].value == "Liczono z wypłat zrealizowanych."


def test_an_empty_list_still_opens():
    sheet = load(export.to_xlsx("Pusta lista", ("Osoba", "Kwota"), []))
    assert [c.value for c in sheet[3]] == ["Osoba", "Kwota"]
    assert sheet.max_row == 3


def test_export_is_audited_without_the_content(db, staff):
    data = db.write(lambda s: export.export_list(s, actor=staff.desk, title="Zgłoszenia",
                                                 headers=HEADERS, rows=ROWS))
    assert load(data)["B4"].value == "Źdźbło-Gąsiorowska Zofia"
    entry = db.read(lambda s: s.scalars(select(AuditEntry).where(
        AuditEntry.action == AuditAction.EXPORT)).one())
    assert entry.user_id == staff.desk.id
    assert json.loads(entry.details) == {"title": "Zgłoszenia", "rows": 3, "source": "list",
                                         "format": "xlsx"}
    assert "Zofia" not in entry.details


def test_staff_list_for_the_administrator_only(db, staff):
    data = db.write(lambda s: export.export_staff_list(
        s, actor=staff.admin, title="Pracownicy", headers=("Imię i nazwisko",),
        rows=[("Żaneta Łęcka",)]))
    assert load(data)["A4"].value == "Żaneta Łęcka"
    with pytest.raises(PermissionDenied):
        db.write(lambda s: export.export_list(s, actor=staff.admin, title="Zgłoszenia",
                                              headers=HEADERS, rows=ROWS))
    with pytest.raises(PermissionDenied):
        db.write(lambda s: export.export_staff_list(s, actor=staff.desk, title="Pracownicy",
                                                    headers=("A",), rows=[]))


def test_a_title_is_required(db, staff):
    with pytest.raises(ValidationError) as err:
        db.write(lambda s: export.export_list(s, actor=staff.desk, title=" ",
                                              headers=HEADERS, rows=ROWS))
    assert err.value.message == "Pole „Tytuł arkusza” jest wymagane."
