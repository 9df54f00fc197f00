"""Lists to xlsx: every file opened again with openpyxl and compared cell by cell; the
export recorded in the audit log; refused to a role that may not read the data."""

from __future__ import annotations

import io
import json
from datetime import date, datetime, time
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from opsdesk.errors import PermissionDenied, ValidationError
from opsdesk.models import AuditEntry, Case, PayoutList
from opsdesk.models.enums import AuditAction
from opsdesk.services import export
from opsdesk.services.people import PersonForm
from tests.conftest import TODAY

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


# ------------------------------------------------------------------ any list on the screen


def test_typed_cells_from_the_screen():
    from opsdesk.ui.export import typed

    assert typed("23.11.2026") == date(2026, 11, 23)
    assert typed("23.11.2026 09:45") == datetime(2026, 11, 23, 9, 45)
    assert typed("1\u00a0234,56\u00a0zł") == D("1234.56")
    assert typed("-12,00 zł") == D("-12.00")
    assert typed("17") == 17
    # A PESEL, an account or a phone number stays text; so does a sign with dots.
    assert typed("85030412362") == "85030412362"
    assert typed("0712") == "0712"
    assert typed("GOPS.8311.1.2026") == "GOPS.8311.1.2026"
    assert typed("31.02.2026") == "31.02.2026"  # not a real day: left as written
    assert typed("  ") is None


def test_the_desks_lists_go_to_a_sheet(qtbot, db, staff, make_ctx, ui_env):
    from opsdesk.services import desk
    from opsdesk.ui.first_contact import FirstContactTab
    from tests.factories import person

    pid = person(db, staff)
    db.write(lambda s: desk.issue_certificate(
        s, actor=staff.desk, person_id=pid, purpose="do przedłożenia w szkole",
        content="figuruje w kartotece ośrodka.", today=TODAY))
    tab = FirstContactTab(make_ctx(staff.desk))
    qtbot.addWidget(tab)
    tab.show()
    tab.lists.setCurrentWidget(tab.certificate_view)
    _export(qtbot, tab)
    path = ui_env[-1]
    assert path.suffix == ".xlsx" and path.name.startswith("Rejestr_zaświadczeń")
    sheet = load(path.read_bytes())
    assert sheet["A1"].value == "Rejestr zaświadczeń"
    assert [c.value for c in sheet[3]] == ["Numer", "Data", "Osoba", "Cel", "Wydał(a)"]
    row = [c.value for c in sheet[4]]
    assert row[1] == datetime.combine(TODAY, time())
    assert row[2:] == ["Zofia Źdźbło-Gąsiorowska", "do przedłożenia w szkole", "Żaneta Łęcka"]
    entry = db.read(lambda s: s.scalars(select(AuditEntry).where(
        AuditEntry.action == AuditAction.EXPORT)).one())
    assert json.loads(entry.details)["title"] == "Rejestr zaświadczeń"


def test_the_administrator_exports_the_workers(qtbot, db, staff, make_ctx, ui_env):
    from opsdesk.ui.admin_tab import AdminTab

    tab = AdminTab(make_ctx(staff.admin))
    qtbot.addWidget(tab)
    tab.show()
    _export(qtbot, tab)
    sheet = load(ui_env[-1].read_bytes())
    names = [sheet.cell(row=r, column=1).value for r in range(4, sheet.max_row + 1)]
    assert "Żaneta Łęcka" in names and "Grażyna Wiśniewska" in names
    assert [c.value for c in sheet[3]][:2] == ["Imię i nazwisko", "Login"]


ANNA = PersonForm(first_name="Anna", last_name="Żak-Łęcka", pesel="92071314764")


def _export(qtbot, widget) -> None:
    """Click the widget's "Eksport do arkusza" (the one shown: hidden pages have their own)."""
    from tests.ui_helpers import click_named

    click_named(qtbot, widget, "exportSheet")


def test_the_benefits_queue_and_the_payout_lists_go_to_a_sheet(qtbot, db, staff, make_ctx,
                                                                ui_env):
    from opsdesk.ui.benefits.tab import BenefitsTab
    from tests.factories import application, person, prepare, two_clients

    case_id = application(db, staff, person(db, staff, ANNA))
    sign = db.read(lambda s: s.get(Case, case_id).sign)
    tab = BenefitsTab(make_ctx(staff.benefits))
    qtbot.addWidget(tab)
    tab.show()
    _export(qtbot, tab)
    sheet = load(ui_env[-1].read_bytes())
    assert sheet["A1"].value == "Kolejka spraw"
    assert [c.value for c in sheet[3]] == ["Znak sprawy", "Osoba", "Termin", "Stan",
                                           "Prowadzi", "Pilne"]
    assert [c.value for c in sheet[4]][:2] == [sign, "Żak-Łęcka Anna"]

    two_clients(db, staff)
    list_id = prepare(db, staff)
    tab.pages.setCurrentIndex(1)
    _export(qtbot, tab)
    sheet = load(ui_env[-1].read_bytes())
    assert sheet["A1"].value == "Listy wypłat"
    listed = [sheet.cell(row=r, column=1).value for r in range(4, sheet.max_row + 1)]
    assert db.read(lambda s: s.get(PayoutList, list_id).number) in listed


def test_the_inbox_and_the_audit_log_go_to_a_sheet(qtbot, db, staff, make_ctx, ui_env):
    from opsdesk.ui.audit_view import AuditView
    from opsdesk.ui.inbox import InboxDialog
    from tests.factories import KASIA, MONDAY, application, person, refer

    refer(db, staff, application(db, staff, person(db, staff, KASIA), filed_on=MONDAY))
    inbox = InboxDialog(make_ctx(staff.social))
    qtbot.addWidget(inbox)
    inbox.show()
    _export(qtbot, inbox)
    sheet = load(ui_env[-1].read_bytes())
    assert sheet["A1"].value == "Pisma" and sheet.max_row == 4  # title, blank, headers, one
    assert "Żółkiewska" in " ".join(str(c.value) for c in sheet[4])

    log = AuditView(make_ctx(staff.head))
    qtbot.addWidget(log)
    log.show()
    qtbot.waitUntil(lambda: log.model.rowCount() > 0)
    _export(qtbot, log)
    sheet = load(ui_env[-1].read_bytes())
    assert sheet["A1"].value == "Dziennik zdarzeń"
    assert [c.value for c in sheet[3]][:3] == ["Kiedy", "Pracownik", "Czynność"]
    assert isinstance(sheet["A4"].value, datetime)
