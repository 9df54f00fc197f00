"""Kierownik: the head's view — statistics for any period in the layout of MRPiPS-03 part
one (each figure opens the decisions behind it; PDF and spreadsheet), the evaluation of the
model against the previous period (tables and charts), the deadlines of the whole centre per
team and worker, and the benefits team's other tasks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, TypeVar

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from opsdesk import clock
from opsdesk.formatting import format_date, format_money
from opsdesk.labels import label
from opsdesk.models.enums import Role, Team
from opsdesk.services import evaluation, statistics, users
from opsdesk.services.evaluation import (
    CentreDeadline,
    DeadlineSummary,
    EvaluationReport,
    Pair,
    WorkloadRow,
)
from opsdesk.services.permissions import Permission
from opsdesk.services.statistics import Contribution, StatisticsReport, StatRow
from opsdesk.services.users import WorkerRow
from opsdesk.ui.bar_chart import BarChart, chart_data
from opsdesk.ui.change_watch import follow_changes
from opsdesk.ui.context import AppContext
from opsdesk.ui.export import export_button, save_sheet
from opsdesk.ui.legal_figures_panel import LegalFiguresPanel
from opsdesk.ui.other_tasks_panel import OtherTasksPanel
from opsdesk.ui.reporting_panel import ReportingSection
from opsdesk.ui.tables import RED, Column, RowsModel, deadline_color, make_table
from opsdesk.ui.templates_panel import TemplatesPanel
from opsdesk.ui.widgets import ERROR_STYLE, date_edit, push, to_date

T = TypeVar("T")



# --- the period -------------------------------------------------------------------------------


class PeriodPicker(QWidget):
    """A reporting period: a preset (the MRPiPS-03 half-years, a year, a month) or any two
    days."""

    CUSTOM = "własny okres"

    def __init__(self, today: date, parent: QWidget | None = None, *, name: str = "") -> None:
        super().__init__(parent)
        self.presets: dict[str, tuple[date, date]] = {}
        y = today.year
        month_start = today.replace(day=1)
        last_month_end = month_start - timedelta(days=1)
        for text, period in (
                (f"I półrocze {y}", statistics.half_year(y, 1)),
                (f"II półrocze {y - 1}", statistics.half_year(y - 1, 2)),
                (f"rok {y - 1}", statistics.whole_year(y - 1)),
                (f"rok {y}", statistics.whole_year(y)),
                (f"II półrocze {y}", statistics.half_year(y, 2)),
                ("bieżący miesiąc", statistics.Period(
                    month_start, (month_start + timedelta(days=32)).replace(day=1)
                    - timedelta(days=1))),
                ("poprzedni miesiąc", statistics.Period(last_month_end.replace(day=1),
                                                        last_month_end))):
            self.presets[text] = (period.start, period.end)
        self.preset = QComboBox()
        self.preset.setObjectName(f"{name}Preset")
        self.preset.addItems([*self.presets, self.CUSTOM])
        self.start = date_edit(object_name=f"{name}Start")
        self.end = date_edit(object_name=f"{name}End")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (QLabel("Okres:"), self.preset, QLabel("od"), self.start, QLabel("do"),
                       self.end):
            layout.addWidget(widget)
        # The last complete half-year (the MRPiPS-03's period), not one still running.
        self.preset.setCurrentText(f"I półrocze {y}" if today.month >= 7
                                   else f"II półrocze {y - 1}")
        self.preset.currentTextChanged.connect(self._preset_chosen)
        self._preset_chosen(self.preset.currentText())
        for edit in (self.start, self.end):
            edit.dateChanged.connect(self._typed)

    def _preset_chosen(self, text: str) -> None:
        if text in self.presets:
            start, end = self.presets[text]
            for edit, value in ((self.start, start), (self.end, end)):
                edit.blockSignals(True)
                edit.setDate(value)
                edit.blockSignals(False)

    def _typed(self) -> None:
        if self.period() != self.presets.get(self.preset.currentText()):
            self.preset.blockSignals(True)
            self.preset.setCurrentText(self.CUSTOM)
            self.preset.blockSignals(False)

    def period(self) -> tuple[date, date]:
        return to_date(self.start), to_date(self.end)

    def set_period(self, start: date, end: date) -> None:
        self.start.setDate(start)
        self.end.setDate(end)


def _message_label(name: str) -> QLabel:
    message = QLabel()
    message.setObjectName(name)
    message.setStyleSheet(ERROR_STYLE)
    message.setWordWrap(True)
    message.hide()
    return message


def _note_label(name: str) -> QLabel:
    notes = QLabel()
    notes.setObjectName(name)
    notes.setWordWrap(True)
    notes.setStyleSheet("color: #555555;")
    return notes


def _worker_picker(name: str, workers: list[WorkerRow], roles: set[Role]) -> QComboBox:
    picker = QComboBox()
    picker.setObjectName(name)
    picker.addItem("wszyscy pracownicy", None)
    for w in workers:
        if w.roles & roles:
            picker.addItem(w.full_name, w.id)
    return picker


def _show_message(label_: QLabel, text: str) -> None:
    label_.setText(text)
    label_.setVisible(bool(text))


class _Busy:
    """The wait cursor while a count over the whole database runs."""

    def __enter__(self) -> None:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)

    def __exit__(self, *_exc: object) -> None:
        QGuiApplication.restoreOverrideCursor()


def _count_in_background(section: QWidget, ctx: AppContext, button: QPushButton,
                         fn: Callable[[Session], T], done: Callable[[T], None]) -> None:
    """A count over years of records runs off the UI thread: on a large centre's ten years
    the evaluation takes seconds, during which the window must keep answering. The button
    waits for the result."""
    button.setEnabled(False)

    def settle(result: T | None) -> None:
        button.setEnabled(True)
        if result is not None:
            done(result)

    ctx.read_in_background(section, fn, settle)


# --- statistics -------------------------------------------------------------------------------


def _amount(value: object) -> str:
    return "—" if value is None else format_money(value)  # type: ignore[arg-type]


STAT_COLUMNS: list[Column[StatRow]] = [
    Column(statistics.COLUMNS[0], lambda r: r.label if r.level == 0 else f"      {r.label}"),
    Column(statistics.COLUMNS[1], lambda r: str(r.persons), lambda r: r.persons, True),
    Column(statistics.COLUMNS[2], lambda r: str(r.benefits), lambda r: r.benefits, True),
    Column(statistics.COLUMNS[3], lambda r: _amount(r.amount),
           lambda r: r.amount if r.amount is not None else -1, True),
    Column(statistics.COLUMNS[4], lambda r: str(r.families), lambda r: r.families, True),
    Column(statistics.COLUMNS[5], lambda r: str(r.family_persons), lambda r: r.family_persons,
           True),
]
DRILL_COLUMNS: list[Column[Contribution]] = [
    Column("Decyzja", lambda c: c.number),
    Column("Wydana", lambda c: format_date(c.issued_on), lambda c: c.issued_on),
    Column("Osoba", lambda c: c.person_name),
    Column("Świadczenie", lambda c: label(c.benefit_kind)),
    Column("Liczba świadczeń", lambda c: str(c.benefits), lambda c: c.benefits, True),
    Column("Kwota", lambda c: _amount(c.amount),
           lambda c: c.amount if c.amount is not None else -1, True),
    Column("Osób w rodzinie", lambda c: str(c.family_size), lambda c: c.family_size, True),
]


class StatisticsSection(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.report: StatisticsReport | None = None
        self.picker = PeriodPicker(clock.today(), self, name="statistics")
        self.compute_button = push("Policz", object_name="computeStatistics", slot=self.compute)
        self.pdf_button = push("PDF (wydruk)", object_name="statisticsPdf", slot=self.pdf)
        self.xlsx_button = push("Eksport do arkusza", object_name="statisticsXlsx",
                                slot=self.xlsx)
        self.message = _message_label("statisticsMessage")
        self.notes = _note_label("statisticsNotes")
        self.model: RowsModel[StatRow] = RowsModel(STAT_COLUMNS, self)
        self.view = make_table(self.model, object_name="statisticsTable")
        self.view.setSortingEnabled(False)  # the order of the form
        self.view.clicked.connect(self.drill)
        self.drill_title = QLabel("Kliknij liczbę w tabeli, aby zobaczyć decyzje, z których "
                                  "wynika.")
        self.drill_title.setObjectName("drillTitle")
        self.drill_model: RowsModel[Contribution] = RowsModel(DRILL_COLUMNS, self)
        self.drill_view = make_table(self.drill_model, object_name="drillTable")
        top = QHBoxLayout()
        top.addWidget(self.picker)
        for button in (self.compute_button, self.pdf_button, self.xlsx_button):
            top.addWidget(button)
        top.addStretch(1)
        drill_bar = QHBoxLayout()
        drill_bar.addWidget(self.drill_title, 1)
        drill_bar.addWidget(export_button(ctx, self, lambda: (self.drill_view,
                                                              self.drill_title.text())))
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addLayout(drill_bar)
        lower_layout.addWidget(self.drill_view)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.view)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.notes)
        self._set_report(None)

    def _set_report(self, report: StatisticsReport | None) -> None:
        self.report = report
        self.model.set_rows(report.rows if report else [])
        self.drill_model.set_rows([])
        _show_message(self.message, report.message if report else "")
        self.notes.setText("\n".join(report.notes) if report and report.rows else "")
        ready = bool(report and report.rows)
        self.pdf_button.setEnabled(ready)
        self.xlsx_button.setEnabled(ready)

    def compute(self) -> None:
        start, end = self.picker.period()
        today = clock.today()
        _count_in_background(self, self.ctx, self.compute_button,
                             lambda s: statistics.statistics_report(
                                 s, actor=self.ctx.actor, start=start, end=end, today=today),
                             self._set_report)

    def drill(self, index: QModelIndex) -> None:
        row = self.model.row_at(index.row())
        if row is None or self.report is None or self.report.period is None:
            return
        period, today = self.report.period, clock.today()
        self.drill_model.set_rows([])
        self.drill_title.setText("Szukam decyzji…")

        def show(found: list[Contribution] | None) -> None:
            self.drill_model.set_rows(found or [])
            self.drill_title.setText(f"Decyzje: {row.label.lstrip('– ')} — {period.text()}")

        # The decisions behind a figure are found by counting the period again: off the UI
        # thread, as the count itself.
        self.ctx.read_in_background(self, lambda s: statistics.statistics_decisions(
            s, actor=self.ctx.actor, start=period.start, end=period.end, row_key=row.key,
            today=today), show)

    def _shown_period(self) -> tuple[date, date]:
        """The period of the table on screen (the picker may have moved since "Policz")."""
        assert self.report is not None and self.report.period is not None
        return self.report.period.start, self.report.period.end

    def pdf(self) -> None:
        start, end = self._shown_period()
        today = clock.today()
        self.ctx.show_document_in_background(
            self, self.pdf_button, "statystyka-MRPiPS-03",
            lambda s: statistics.statistics_pdf(s, actor=self.ctx.actor, start=start, end=end,
                                                today=today), waiting="Liczę…")

    def xlsx(self) -> None:
        start, end = self._shown_period()
        today = clock.today()
        _count_in_background(self, self.ctx, self.xlsx_button,
                             lambda s: statistics.statistics_xlsx(
                                 s, actor=self.ctx.actor, start=start, end=end, today=today),
                             lambda data: save_sheet(self.ctx, self, "statystyka-MRPiPS-03",
                                                     data))


# --- the evaluation ---------------------------------------------------------------------------


def _count(value: int | None) -> str:
    return "—" if value is None else str(value)


def _pair_columns(title: str, get: Callable[[WorkloadRow], Pair]) -> list[Column[WorkloadRow]]:
    return [Column(title, lambda r: str(get(r).current), lambda r: get(r).current, True),
            Column(f"{title} (poprz.)", lambda r: _count(get(r).previous),
                   lambda r: get(r).previous if get(r).previous is not None else -1, True)]


WORKLOAD_COLUMNS: list[Column[WorkloadRow]] = [
    Column("Pracownik", lambda r: r.worker_name),
    Column("Rola", lambda r: r.roles),
    *_pair_columns("Sprawy w toku", lambda r: r.open_cases),
    *_pair_columns("Wywiady", lambda r: r.interviews),
    *_pair_columns("Decyzje", lambda r: r.decisions),
    *_pair_columns("Klienci pracy socjalnej", lambda r: r.social_clients),
]


@dataclass(frozen=True)
class Indicator:
    name: str
    current: str
    previous: str


INDICATOR_COLUMNS: list[Column[Indicator]] = [
    Column("Wskaźnik", lambda r: r.name),
    Column("Wybrany okres", lambda r: r.current, align_right=True),
    Column("Poprzedni okres", lambda r: r.previous, align_right=True),
]


def _days(value: object) -> str:
    return "—" if value is None else str(value).replace(".", ",")


def _share(value: object) -> str:
    return "—" if value is None else f"{str(value).replace('.', ',')}%"


def indicators(report: EvaluationReport) -> list[Indicator]:
    """The report's figures as lines of the table, the previous period beside each."""
    assert report.times and report.referrals and report.contracts
    (t, tp), (r, rp), (c, cp) = report.times, report.referrals, report.contracts
    rows: list[Indicator] = []

    def add(name: str, show: Callable[[Any], str], now: Any, before: Any) -> None:
        rows.append(Indicator(name, show(now), show(before) if before is not None else "—"))

    def slowest(x: evaluation.DecisionTimes) -> str:
        return "—" if x.slowest_days is None else \
            f"{x.slowest_days} ({x.slowest_sign}, {x.slowest_person})"

    add("Sprawy rozstrzygnięte (decyzja przyznająca lub odmowna)", lambda x: str(x.settled),
        t, tp)
    add("Dni od zgłoszenia lub wniosku do decyzji — mediana", lambda x: _days(x.median_days),
        t, tp)
    add("Dni do decyzji — najdłużej", slowest, t, tp)
    add("Wnioskodawcy (sprawy rozpoczęte w okresie)", lambda x: str(x.applicants), r, rp)
    add("Skierowani do pracy socjalnej (osoby)", lambda x: str(x.referred), r, rp)
    add("Udział skierowanych", lambda x: _share(x.share), r, rp)
    names = [n for n, _ in r.outcomes] + [n for n, _ in (rp.outcomes if rp else ())
                                          if n not in dict(r.outcomes)]
    for name in names:
        add(f"– skierowanie: {name}", lambda x, n=name: str(dict(x.outcomes).get(n, 0)), r, rp)
    add("– opinie o możliwościach zwrócone do Świadczeń", lambda x: str(x.opinions), r, rp)
    for name, attr in (("Kontrakty socjalne zawarte", "concluded"),
                       ("Kontrakty zrealizowane", "fulfilled"),
                       ("Kontrakty niedotrzymane", "broken"),
                       ("Kontrakty zakończone z innej przyczyny", "ended")):
        add(name, lambda x, a=attr: str(getattr(x, a)), c, cp)
    for row in report.overdue:
        rows.append(Indicator(f"Terminy przypadające w okresie — {row.team}",
                              str(row.due.current), _count(row.due.previous)))
        rows.append(Indicator(f"– w tym dotrzymane po czasie lub niedotrzymane — {row.team}",
                              str(row.missed.current), _count(row.missed.previous)))
    return rows


class EvaluationSection(QWidget):
    def __init__(self, ctx: AppContext, workers: list[WorkerRow],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.report: EvaluationReport | None = None
        self.picker = PeriodPicker(clock.today(), self, name="evaluation")
        # Whoever did the work in the period, a former worker too.
        self.worker = _worker_picker("evaluationWorker", workers,
                                     {Role.BENEFITS, Role.SOCIAL_WORK, Role.FIRST_CONTACT})
        self.compute_button = push("Oceń", object_name="computeEvaluation", slot=self.compute)
        self.message = _message_label("evaluationMessage")
        self.notes = _note_label("evaluationNotes")
        self.workload: RowsModel[WorkloadRow] = RowsModel(WORKLOAD_COLUMNS, self)
        self.workload_view = make_table(self.workload, object_name="workloadTable")
        self.indicators: RowsModel[Indicator] = RowsModel(INDICATOR_COLUMNS, self)
        self.indicator_view = make_table(self.indicators, object_name="indicatorTable")
        self.indicator_view.setSortingEnabled(False)
        self.decisions_chart = BarChart(object_name="decisionsChart")
        self.overdue_chart = BarChart(object_name="overdueChart")
        self.contracts_chart = BarChart(object_name="contractsChart")
        top = QHBoxLayout()
        top.addWidget(self.picker)
        top.addWidget(QLabel("Pracownik:"))
        top.addWidget(self.worker)
        top.addWidget(self.compute_button)
        top.addStretch(1)
        workload_box = self._box("Obciążenie pracą", self.workload_view,
                                 "ocena-obciazenie-praca")
        indicator_box = self._box("Skuteczność pomagania — wskaźniki", self.indicator_view,
                                  "ocena-wskazniki")
        charts = QHBoxLayout()
        for chart in (self.decisions_chart, self.overdue_chart, self.contracts_chart):
            charts.addWidget(chart)
        tables = QSplitter()
        tables.addWidget(workload_box)
        tables.addWidget(indicator_box)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(tables, 3)
        layout.addLayout(charts, 2)
        layout.addWidget(self.notes)
        self._set_report(None)

    def _box(self, title: str, view: QWidget, sheet: str) -> QGroupBox:
        box = QGroupBox(title)
        inner = QVBoxLayout(box)
        inner.addWidget(view)
        bar = QHBoxLayout()
        bar.addStretch(1)
        bar.addWidget(export_button(self.ctx, self, view, sheet))  # type: ignore[arg-type]
        inner.addLayout(bar)
        return box

    def _set_report(self, report: EvaluationReport | None) -> None:
        self.report = report
        _show_message(self.message, report.message if report else "")
        filled = report is not None and not report.empty
        self.workload.set_rows(report.workload if filled else [])  # type: ignore[union-attr]
        self.indicators.set_rows(indicators(report) if filled else [])  # type: ignore[arg-type]
        self.notes.setText("\n".join(report.notes) if filled else "")  # type: ignore[union-attr]
        if not filled:
            for chart in (self.decisions_chart, self.overdue_chart, self.contracts_chart):
                chart.set_data(None)
            return
        assert report is not None and report.contracts is not None
        compare = report.times[1] is not None  # type: ignore[index]
        self.decisions_chart.set_data(chart_data(
            "Decyzje wydane — wg pracownika", [w.worker_name for w in report.workload],
            [w.decisions.current for w in report.workload],
            [w.decisions.previous or 0 for w in report.workload] if compare else None))
        self.overdue_chart.set_data(chart_data(
            "Terminy dotrzymane po czasie lub niedotrzymane",
            [r.team for r in report.overdue], [r.missed.current for r in report.overdue],
            [r.missed.previous or 0 for r in report.overdue] if compare else None))
        now, before = report.contracts
        fields = ("fulfilled", "broken", "ended")
        self.contracts_chart.set_data(chart_data(
            "Kontrakty socjalne — jak się zakończyły",
            ["zrealizowane", "niedotrzymane", "zakończone inaczej"],
            [getattr(now, f) for f in fields],
            [getattr(before, f) for f in fields] if before else None))

    def compute(self) -> None:
        start, end = self.picker.period()
        worker_id, today = self.worker.currentData(), clock.today()
        _count_in_background(self, self.ctx, self.compute_button,
                             lambda s: evaluation.evaluation_report(
                                 s, actor=self.ctx.actor, start=start, end=end,
                                 worker_id=worker_id, today=today),
                             self._set_report)


# --- deadlines across the centre --------------------------------------------------------------


class DeadlinesSection(QWidget):
    def __init__(self, ctx: AppContext, workers: list[WorkerRow],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.team = QComboBox()
        self.team.setObjectName("deadlineTeam")
        self.team.addItem("wszystkie zespoły", None)
        for team in Team:
            self.team.addItem(label(team), team)
        self.worker = _worker_picker("deadlineWorker", [w for w in workers if w.active],
                                     {Role.BENEFITS, Role.SOCIAL_WORK})
        self.days = QSpinBox()
        self.days.setObjectName("deadlineDays")
        self.days.setRange(0, 365)
        self.days.setValue(evaluation.UPCOMING_DAYS)
        self.days.setSuffix(" dni")
        self.summary: RowsModel[DeadlineSummary] = RowsModel([
            Column("Zespół", lambda s: label(s.team)),
            Column("Pracownik", lambda s: s.worker_name),
            Column("Po terminie", lambda s: str(s.overdue), lambda s: s.overdue, True,
                   lambda s: RED if s.overdue else None),
            Column("Nadchodzące", lambda s: str(s.upcoming), lambda s: s.upcoming, True),
        ], self)
        self.summary_view = make_table(self.summary, object_name="deadlineSummary")
        self.model: RowsModel[CentreDeadline] = RowsModel([
            Column("Termin", lambda d: d.deadline.text(clock.today()), lambda d: d.deadline.due,
                   color=lambda d: deadline_color(d.deadline, clock.today())),
            Column("Zespół", lambda d: label(d.team)),
            Column("Pracownik", lambda d: d.worker_name or "(nieprzydzielone)"),
            Column("Osoba", lambda d: d.person_name),
            Column("Sprawa", lambda d: d.what),
        ], self)
        self.view = make_table(self.model, object_name="deadlineList")
        self.total = QLabel("Kliknij „Odśwież”, aby zebrać terminy całego ośrodka.")
        self.total.setObjectName("deadlineTotal")
        top = QHBoxLayout()
        for widget in (QLabel("Zespół:"), self.team, QLabel("Pracownik:"), self.worker,
                       QLabel("Nadchodzące w ciągu"), self.days,
                       push("Odśwież", object_name="refreshDeadlines", slot=self.refresh)):
            top.addWidget(widget)
        top.addStretch(1)
        summary_box = QGroupBox("Po terminie i nadchodzące — wg zespołu i pracownika")
        inner = QVBoxLayout(summary_box)
        inner.addWidget(self.summary_view)
        inner.addWidget(export_button(ctx, self, self.summary_view, "terminy-podsumowanie"))
        list_box = QGroupBox("Terminy")
        inner = QVBoxLayout(list_box)
        inner.addWidget(self.view)
        inner.addWidget(export_button(ctx, self, self.view, "terminy"))
        splitter = QSplitter()
        splitter.addWidget(summary_box)
        splitter.addWidget(list_box)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.total)
        layout.addWidget(splitter, 1)

    def refresh(self) -> None:
        today = clock.today()
        chosen = self.team.currentData()  # Qt gives the enum back as a plain str
        team = Team(chosen) if chosen else None
        worker_id, days = self.worker.currentData(), self.days.value()
        with _Busy():
            found = self.ctx.read(self, lambda s: evaluation.centre_deadlines(
                s, actor=self.ctx.actor, today=today, within_days=days, worker_id=worker_id,
                team=team)) or []
        summary = evaluation.summarise(found, today)
        self.model.set_rows(found)
        self.summary.set_rows(summary)
        past = sum(s.overdue for s in summary)
        self.total.setText(f"Stan na {format_date(today)} r.: po terminie {past}, "
                           f"nadchodzące w ciągu {days} dni: {len(found) - past}.")


# --- the tab ----------------------------------------------------------------------------------


class HeadTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("headTab")
        workers = ctx.read(self, lambda s: users.list_workers(s, active_only=False)) or []
        self.statistics = StatisticsSection(ctx, self)
        self.evaluation = EvaluationSection(ctx, workers, self)
        self.deadlines = DeadlinesSection(ctx, workers, self)
        self.other_tasks = OtherTasksPanel(ctx, self)
        self.sections = QTabWidget()
        self.sections.setObjectName("headSections")
        self.sections.addTab(self.statistics, "Statystyka (MRPiPS-03)")
        self.sections.addTab(self.evaluation, "Ocena modelu")
        self.sections.addTab(self.deadlines, "Terminy w ośrodku")
        self.sections.addTab(self.other_tasks, "Inne zadania Świadczeń")
        self.reporting = ReportingSection(ctx, self)
        self.sections.addTab(self.reporting, "Sprawozdania")
        self.sections.addTab(LegalFiguresPanel(ctx, self), "Wskaźniki prawne")
        if ctx.actor.can(Permission.OFFICE_SETTINGS):
            self.sections.addTab(TemplatesPanel(ctx, self), "Teksty pism")
        layout = QVBoxLayout(self)
        layout.addWidget(self.sections)
        self.sections.currentChanged.connect(self._shown)
        for section in (self.deadlines, self.other_tasks):
            follow_changes(ctx, section)

    def _shown(self, index: int) -> None:
        if self.sections.widget(index) is self.deadlines:
            self.deadlines.refresh()
