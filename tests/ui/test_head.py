"""The Kierownik tab driven through real widgets on known records (``centre`` in
tests/factories.py): statistics counted for a period, a figure clicked open to its
decisions, the PDF and the sheet saved and opened; a reversed period answered in Polish;
the evaluation with its tables and charts; the centre's deadlines; the other tasks from a
new request to the letter; and the tab in the head's main window."""

from __future__ import annotations

import gc
import io
from datetime import date, datetime
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QPushButton

from opsdesk import clock
from opsdesk.models.enums import CaseKind
from opsdesk.services.people import PersonRow
from opsdesk.ui.head_tab import HeadTab
from opsdesk.ui.main_window import MainWindow
from opsdesk.ui.other_tasks_panel import CompleteDialog, InterviewDialog, NewTaskDialog
from opsdesk.ui.person_dialog import PersonPicker
from opsdesk.ui.tables import ROW_ROLE
from tests.factories import centre, evaluation_records, person
from tests.ui_helpers import click_ok, press_enter, select_row_where, type_text, when_modal

# The head looks at the figures on the first working day of March 2027.
SPRING = date(2027, 3, 1)


@pytest.fixture
def records(db, staff):  # type: ignore[no-untyped-def]
    return evaluation_records(db, staff)


@pytest.fixture(autouse=True)
def collect_while_qt_lives():
    """Free the tab's Python-side cycles while the QApplication still exists."""
    yield
    gc.collect()
NOV = (date(2026, 11, 1), date(2026, 11, 30))


def head_tab(qtbot, ctx, today=SPRING):
    clock.set_today(today)  # the program's day; the suite's fixture puts it back
    tab = HeadTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(1400, 900)
    tab.show()
    qtbot.waitExposed(tab)
    return tab


def click(qtbot, name, parent):
    qtbot.mouseClick(parent.findChild(QPushButton, name), Qt.MouseButton.LeftButton)


def count(qtbot, name, section):
    """Click "Policz"/"Oceń" (or a printout of the count) and wait for the count, which
    runs off the UI thread."""
    button = section.findChild(QPushButton, name)
    click(qtbot, name, section)
    assert not button.isEnabled()  # waiting for the result, the window answering
    qtbot.waitUntil(button.isEnabled)


def click_cell(view, row, column):
    index = view.model().index(row, column)
    view.scrollTo(index)
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.visualRect(index).center())


def cells(view) -> list[list[str]]:
    model = view.model()
    return [[model.data(model.index(r, c)) for c in range(model.columnCount())]
            for r in range(model.rowCount())]


def test_statistics_counted_clicked_open_printed_and_exported(qtbot, qtmodeltester, db, staff,
                                                               make_ctx, ui_env):
    c = centre(db, staff)
    tab = head_tab(qtbot, make_ctx(staff.head))
    section = tab.statistics
    section.picker.set_period(*NOV)
    assert section.picker.preset.currentText() == "własny okres"
    count(qtbot, "computeStatistics", section)
    shown = cells(section.view)
    assert shown[0] == ["OGÓŁEM", "3", "4", "2\u00a0963,50\u00a0zł", "3", "5"]
    assert shown[1][0] == "Zasiłki stałe"
    meals = next(r for r in shown if r[0] == "Posiłek")
    assert meals == ["Posiłek", "1", "1", "—", "1", "1"]
    qtmodeltester.check(section.model)
    # The amount of the zasiłki okresowe, clicked: the one decision behind it.
    okresowy = next(i for i, r in enumerate(shown) if r[0] == "Zasiłki okresowe")
    click_cell(section.view, okresowy, 3)
    assert section.drill_title.text() == "Szukam decyzji…"  # counted off the UI thread
    qtbot.waitUntil(lambda: section.drill_title.text().startswith("Decyzje"))
    assert section.drill_title.text() == "Decyzje: Zasiłki okresowe — 01.11.2026–30.11.2026"
    drilled = [section.drill_model.data(section.drill_model.index(r, 0), ROW_ROLE)
               for r in range(section.drill_model.rowCount())]
    assert [(x.decision_id, x.amount) for x in drilled] == [(c.okresowy, Decimal("1234.50"))]
    assert cells(section.drill_view)[0][2:] == ["Źdźbło-Gąsiorowska Zofia", "zasiłek okresowy",
                                               "1", "1\u00a0234,50\u00a0zł", "3"]
    qtmodeltester.check(section.drill_model)
    count(qtbot, "statisticsPdf", section)
    assert ui_env[-1].suffix == ".pdf" and ui_env[-1].read_bytes().startswith(b"%PDF")
    count(qtbot, "statisticsXlsx", section)
    sheet = load_workbook(io.BytesIO(ui_env[-1].read_bytes())).active
    assert [cell.value for cell in sheet[4]][:3] == ["OGÓŁEM", 3, 4]
    # The drill-down list to a sheet, as on the screen but typed.
    qtbot.mouseClick(section.findChildren(QPushButton, "exportSheet")[0],
                     Qt.MouseButton.LeftButton)
    sheet = load_workbook(io.BytesIO(ui_env[-1].read_bytes())).active
    row = [cell.value for cell in sheet[4]]
    assert row[1] == datetime(2026, 11, 10)
    assert row[2:5] == ["Źdźbło-Gąsiorowska Zofia", "zasiłek okresowy", 1]
    assert Decimal(str(row[5])) == Decimal("1234.5")


def test_a_reversed_period_says_so_and_shows_nothing(qtbot, db, staff, make_ctx, ui_env):
    centre(db, staff)
    tab = head_tab(qtbot, make_ctx(staff.head))
    section = tab.statistics
    section.picker.set_period(*NOV)
    count(qtbot, "computeStatistics", section)
    assert section.model.rowCount() > 0
    section.picker.set_period(date(2026, 11, 30), date(2026, 11, 1))
    count(qtbot, "computeStatistics", section)
    assert section.message.isVisible()
    assert section.message.text() == "Koniec okresu nie może być wcześniejszy niż jego początek."
    assert section.model.rowCount() == 0
    assert not section.pdf_button.isEnabled() and not section.xlsx_button.isEnabled()
    section.picker.set_period(date(2020, 1, 1), date(2020, 6, 30))
    count(qtbot, "computeStatistics", section)
    assert section.message.text().startswith("Okres 01.01.2020–30.06.2020 jest wcześniejszy "
                                             "niż pierwsze dane w programie")


def test_a_preset_sets_the_days(qtbot, db, staff, make_ctx, ui_env):
    tab = head_tab(qtbot, make_ctx(staff.head))
    picker = tab.statistics.picker
    picker.preset.setCurrentText("II półrocze 2026")
    assert picker.period() == (date(2026, 7, 1), date(2026, 12, 31))
    picker.preset.setCurrentText("rok 2026")
    assert picker.period() == (date(2026, 1, 1), date(2026, 12, 31))


def test_evaluation_tables_charts_and_a_worker_with_nothing(qtbot, qtmodeltester, db, staff,
                                                           make_ctx, ui_env, records):
    tab = head_tab(qtbot, make_ctx(staff.head), today=date(2027, 1, 11))
    tab.sections.setCurrentWidget(tab.evaluation)
    section = tab.evaluation
    section.picker.set_period(*NOV)
    count(qtbot, "computeEvaluation", section)
    assert not section.message.isVisible()
    workload = {r[0]: r for r in cells(section.workload_view)}
    assert workload["Anna Nowak"][2:8] == ["1", "0", "2", "1", "2", "1"]
    assert workload["Józef Ćwikła"][8:] == ["2", "1"]
    lines = {r[0]: r[1:] for r in cells(section.indicator_view)}
    assert lines["Dni od zgłoszenia lub wniosku do decyzji — mediana"] == ["10,5", "15"]
    assert lines["Udział skierowanych"] == ["66,7%", "0,0%"]
    assert lines["Kontrakty niedotrzymane"] == ["0", "1"]
    assert lines["– w tym dotrzymane po czasie lub niedotrzymane — Świadczenia"] == ["1", "0"]
    qtmodeltester.check(section.workload)
    qtmodeltester.check(section.indicators)
    assert section.contracts_chart.data.current == (1.0, 0.0, 0.0)
    assert section.contracts_chart.data.previous == (0.0, 1.0, 0.0)
    assert "niedotrzymane: 0 (poprzednio 1)" in section.contracts_chart.toolTip()
    section.contracts_chart.grab()  # paints without error
    combo = section.findChild(QComboBox, "evaluationWorker")
    combo.setCurrentIndex(combo.findText("Żaneta Łęcka"))
    count(qtbot, "computeEvaluation", section)
    assert section.message.text().startswith("Żaneta Łęcka: w okresie 01.11.2026–30.11.2026 "
                                             "brak spraw")
    assert section.workload.rowCount() == 0 and section.decisions_chart.data is None


def test_deadlines_across_the_centre(qtbot, qtmodeltester, db, staff, make_ctx, ui_env,
                                     records):
    tab = head_tab(qtbot, make_ctx(staff.head), today=date(2026, 12, 1))
    tab.sections.setCurrentWidget(tab.deadlines)
    section = tab.deadlines
    assert cells(section.summary_view) == [["Świadczenia", "Anna Nowak", "1", "1"],
                                           ["Praca socjalna i usługi", "Józef Ćwikła", "0", "1"]]
    assert section.total.text() == ("Stan na 01.12.2026 r.: po terminie 1, nadchodzące w "
                                     "ciągu 14 dni: 2.")
    first = cells(section.view)[0]
    assert first[0] == "wywiad do 26.11.2026 — po terminie (5 dni)"
    assert first[1:4] == ["Świadczenia", "Anna Nowak", "Ćwiek Stefan"]
    qtmodeltester.check(section.model)
    qtmodeltester.check(section.summary)


def zofia(db, staff) -> PersonRow:
    return PersonRow(person(db, staff), "Zofia Źdźbło-Gąsiorowska", "85030412362", None, "", 1)


def in_dialog(qtbot, kind, fill, opened):
    """When the panel's button opens its ``kind`` dialog: fill it in and click OK. A dialog
    the OK does not close (a refused field) is closed, its message kept for the test."""
    def act(dialog):
        opened.append(dialog)
        try:
            assert isinstance(dialog, kind), type(dialog).__name__
            fill(dialog)
            click_ok(dialog)
        finally:  # never left open: its exec() returns and the test goes on to fail
            if dialog.isVisible():
                error = getattr(dialog, "error_label", None)
                dialog.refused = error.text() if error is not None else ""
                dialog.done(0)

    when_modal(qtbot, act)


def clicked_open(qtbot, panel, button, kind, fill):
    """Click the panel's ``button`` as the worker would; returns its ``kind`` dialog, saved."""
    opened = []
    in_dialog(qtbot, kind, fill, opened)
    assert panel.findChild(QPushButton, button).isVisible(), button
    click(qtbot, button, panel)
    assert [type(d) for d in opened] == [kind], f"{button} opened no {kind.__name__}"
    assert opened[0].result() == 1, getattr(opened[0], "refused", "")
    return opened[0]


def test_other_tasks_from_request_to_letter(qtbot, db, staff, make_ctx, ui_env):
    who = zofia(db, staff)
    tab = head_tab(qtbot, make_ctx(staff.head), today=date(2026, 11, 10))
    bar = tab.sections.tabBar()
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton,
                     pos=bar.tabRect(tab.sections.indexOf(tab.other_tasks)).center())
    assert tab.sections.currentWidget() is tab.other_tasks
    panel = tab.other_tasks
    assert panel.model.rowCount() == 0

    def request(dialog):
        kind = dialog.field("kind")
        kind.setCurrentIndex(kind.findData(CaseKind.INTERVIEW_FOR_OTHER_OFFICE))
        assert dialog.form.labelForField(dialog.field("institution")).text() == \
            "Ośrodek lub PCPR, który zleca wywiad"
        type_text(dialog.field("institution"),
                  "Powiatowe Centrum Pomocy Rodzinie w Świebodzinie")
        type_text(dialog.field("their_reference"), "PCPR.4011.7.2026")

    def choose_zofia(dialog):
        chooser.append(dialog.objectName())
        try:
            picker = dialog.findChild(PersonPicker)
            type_text(picker.search, who.pesel)
            in_dialog(qtbot, NewTaskDialog, request, created)
            press_enter(picker.search)  # chooses her; the new task's dialog opens
        finally:
            if dialog.isVisible():
                dialog.done(0)

    chooser, created = [], []
    when_modal(qtbot, choose_zofia)
    click(qtbot, "newTask", panel)
    assert chooser == ["choosePerson"]
    assert [type(d) for d in created] == [NewTaskDialog], "no new task dialog"
    assert created[0].person.id == who.id
    assert created[0].result() == 1, getattr(created[0], "refused", "")
    # The panel shows the new task by itself, refreshed when the case was saved.
    assert select_row_where(
        panel.view, lambda r: r.kind is CaseKind.INTERVIEW_FOR_OTHER_OFFICE) == 0
    assert panel.model.rowCount() == 1
    assert panel.buttons["interview"].isVisibleTo(panel)
    assert not panel.buttons["letter"].isVisibleTo(panel)
    assert "Powiatowe Centrum Pomocy Rodzinie w Świebodzinie" in panel.detail_label.text()
    row = panel.detail.row
    assert row.person_id == who.id

    clicked_open(qtbot, panel, "recordInterview", InterviewDialog, lambda d: type_text(
        d.field("findings"), "Rodzina trzyosobowa, warunki mieszkaniowe złe."))
    assert select_row_where(panel.view, lambda r: r.id == row.id) == 0
    assert "Wywiad przeprowadzono 10.11.2026" in panel.detail_label.text()

    def answer(done):
        assert done.field("outcome").toPlainText() == \
            "Rodzina trzyosobowa, warunki mieszkaniowe złe."

    clicked_open(qtbot, panel, "completeTask", CompleteDialog, answer)
    # Done: the open tasks no longer list it; "pokaż też zakończone" does.
    assert select_row_where(panel.view, lambda r: r.id == row.id) == -1
    assert panel.detail is None
    qtbot.mouseClick(panel.show_done, Qt.MouseButton.LeftButton)
    assert panel.show_done.isChecked()
    assert select_row_where(panel.view, lambda r: r.id == row.id) == 0
    assert panel.detail.row.done_on == date(2026, 11, 10)
    assert panel.buttons["letter"].isVisibleTo(panel)
    assert not panel.buttons["complete"].isVisibleTo(panel)
    click(qtbot, "taskLetter", panel)
    assert ui_env[-1].name.startswith("pismo-GOPS.8311.1.2026")


def test_a_new_task_refused_at_the_field(qtbot, db, staff, make_ctx, ui_env):
    dialog = NewTaskDialog(make_ctx(staff.benefits), zofia(db, staff), date(2026, 11, 10))
    qtbot.addWidget(dialog)
    kind = dialog.field("kind")
    kind.setCurrentIndex(kind.findData(CaseKind.GUARDIAN_CANDIDATE))
    type_text(dialog.field("institution"), "Sąd Rejonowy w Świebodzinie")
    click_ok(dialog)
    assert dialog.error_label.text() == "Pole „Znak pisma / sygnatura” jest wymagane."
    type_text(dialog.field("their_reference"), "III Nsm 1/26")
    click_ok(dialog)
    assert dialog.error_label.text() == (
        "Wybierz, czy opieka dotyczy małoletniego, czy osoby całkowicie ubezwłasnowolnionej.")
    assert dialog.field("institution").text() == "Sąd Rejonowy w Świebodzinie"


def test_the_head_has_the_kierownik_tab(qtbot, db, staff, make_ctx, ui_env):
    window = MainWindow(make_ctx(staff.head), database_label="x", shared=False)
    qtbot.addWidget(window)
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert "Kierownik" in titles
    benefits = MainWindow(make_ctx(staff.benefits), database_label="x", shared=False)
    qtbot.addWidget(benefits)
    assert "Kierownik" not in [benefits.tabs.tabText(i) for i in range(benefits.tabs.count())]
