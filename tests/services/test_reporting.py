"""The head's reporting calendar: due dates from the dated table, the figures counted from
the records (the statistics' own count), what the records do not hold left blank and named;
the PDF read back with pypdf, the sheet with openpyxl cell by cell."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from opsdesk.errors import PermissionDenied, ValidationError
from opsdesk.services import reporting, rules, statistics
from tests.factories import WORKDAY, art42, pay_november, payer, staly
from tests.pdf_helpers import pdf_text


def test_due_dates_move_to_the_next_working_day():
    assert rules.report_due("OZPS", 2025) == date(2026, 4, 30)
    assert rules.report_due("MRPIPS03_H1", 2026) == date(2026, 7, 31)
    assert rules.report_due("MRPIPS03_YEAR", 2025) == date(2026, 2, 2)  # 31.01 a Saturday
    assert rules.report_due("RADA_GMINY", 2026) == date(2027, 3, 31)
    assert rules.REPORT_DUES["OZPS"].verified and not rules.REPORT_DUES["MRPIPS03_H1"].verified


def test_calendar_lists_last_years_and_this_years_reports_by_due_date(db, staff):
    rows = db.read(lambda s: reporting.report_calendar(s, actor=staff.head, today=WORKDAY))
    assert [(r.key, r.year, r.due) for r in rows][:4] == [
        ("MRPIPS03_H1", 2025, date(2025, 7, 31)), ("MRPIPS03_YEAR", 2025, date(2026, 2, 2)),
        ("RADA_GMINY", 2025, date(2026, 3, 31)), ("OZPS", 2025, date(2026, 4, 30))]
    assert len(rows) == 8 and rows[3].deadline.mark(WORKDAY) == "past"
    with pytest.raises(PermissionDenied):
        db.read(lambda s: reporting.report_calendar(s, actor=staff.benefits))


def _lines(view):
    return {line.label.strip(): line for section in view.sections for line in section.lines}


def test_figures_come_from_the_records_and_the_missing_are_named(db, staff):
    payer(db, staff)
    staly(db, staff)
    pay_november(db, staff)
    art42(db, staff)
    view = db.read(lambda s: reporting.report_form(s, actor=staff.head, key="RADA_GMINY",
                                                   year=2026, today=WORKDAY))
    lines = _lines(view)
    report = db.read(lambda s: statistics.statistics_report(
        s, actor=staff.head, start=date(2026, 1, 1), end=date(2026, 12, 31), today=WORKDAY))
    total = report.rows[0]
    assert lines["OGÓŁEM"].values == (total.persons, total.benefits, total.amount,
                                      total.families, total.family_persons)
    assert lines["Zasiłki stałe"].values[2] == Decimal("1013.00")
    assert lines["Decyzje administracyjne wydane"].values == (2,)
    assert lines["Składki na ubezpieczenie zdrowotne za osoby pobierające zasiłek stały (zł)"
                 ].values == (Decimal("91.17"),)
    budget = lines["Wykonanie budżetu ośrodka"]
    assert budget.values == (None,) and budget.missing == "dane księgowe spoza programu"
    assert view.notes[0] == "Okres jeszcze trwa — dane do dnia 10.11.2026 r."


def test_pdf_and_sheet_in_the_layout_of_the_form(db, staff):
    staly(db, staff)
    pay_november(db, staff)
    text = pdf_text(db.read(lambda s: reporting.report_pdf(s, actor=staff.head, key="OZPS",
                                                           year=2026, today=WORKDAY)))
    for expected in ("OCENA ZASOBÓW POMOCY SPOŁECZNEJ", "01.01.2026–31.12.2026",
                     "Zasiłki stałe",
                     "1 013,00", "brak w ewidencji: program nie prowadzi rejestru placówek",
                     "Termin: 30.04.2027 r."):
        assert expected in text, expected
    data = db.read(lambda s: reporting.report_xlsx(s, actor=staff.head, key="OZPS", year=2026,
                                                   today=WORKDAY))
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet["A1"].value == "Ocena zasobów pomocy społecznej"
    assert sheet["A2"].value.endswith("okres sprawozdawczy: 01.01.2026–31.12.2026")
    cells = {sheet.cell(row=r, column=2).value: r for r in range(1, sheet.max_row + 1)}
    row = cells["Zasiłki stałe"]
    assert [sheet.cell(row=row, column=c).value for c in range(3, 8)] == [1, 1, 1013, 1, 1]
    assert sheet.cell(row=row, column=5).number_format == '#,##0.00 "zł"'
    first_header = min(r for r in range(1, sheet.max_row + 1)
                       if sheet.cell(row=r, column=2).value == "Wyszczególnienie")
    assert [sheet.cell(row=first_header, column=c).value for c in range(1, 9)] == [
        "Lp.", "Wyszczególnienie", *statistics.COLUMNS[1:], "Uwagi"]
    infra = cells["Infrastruktura: placówki, miejsca, mieszkania chronione"]
    assert sheet.cell(row=infra, column=3).value is None
    assert sheet.cell(row=infra, column=4).value == ("brak w ewidencji: program nie prowadzi "
                                                     "rejestru placówek")


def test_a_period_not_begun_is_refused(db, staff):
    with pytest.raises(ValidationError, match="jeszcze się nie rozpoczął"):
        db.read(lambda s: reporting.report_form(s, actor=staff.head, key="OZPS", year=2027,
                                                today=WORKDAY))
