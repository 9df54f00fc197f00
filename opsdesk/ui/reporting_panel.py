"""Sprawozdania, in the head's tab: the reports the centre owes with their due dates (red
once past), the chosen one's figures from the records with what they do not hold named, its
PDF and its sheet in the layout of the form; and the data owed to the CBB."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QSplitter, QTextBrowser, QVBoxLayout, QWidget

from opsdesk import clock
from opsdesk.reports.report_form import ReportFormView, value_text
from opsdesk.services import reporting
from opsdesk.services.reporting import CalendarRow
from opsdesk.ui.context import AppContext
from opsdesk.ui.export import save_sheet
from opsdesk.ui.register_checks_panel import cbb_period_dialog
from opsdesk.ui.tables import Column, RowsModel, deadline_color, make_table, selected_row
from opsdesk.ui.widgets import html_text, push


class ReportingSection(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("reportingSection")
        self.model: RowsModel[CalendarRow] = RowsModel([
            Column("Sprawozdanie", lambda r: r.title),
            Column("Okres", lambda r: r.period.text(), lambda r: r.period.start),
            Column("Termin", lambda r: r.deadline.text(clock.today()).replace("termin do ", ""),
                   lambda r: r.due, color=lambda r: deadline_color(r.deadline, clock.today())),
            Column("Podstawa", lambda r: r.basis + ("" if r.verified else
                                                    " (termin niezweryfikowany)")),
        ], self)
        self.view = make_table(self.model, object_name="reportCalendar")
        self.view.setSortingEnabled(False)
        self.preview = QTextBrowser()
        self.preview.setObjectName("reportPreview")
        self.pdf_button = push("PDF (wydruk)", object_name="reportPdf", slot=self.pdf)
        self.xlsx_button = push("Eksport do arkusza", object_name="reportXlsx", slot=self.xlsx)
        self.cbb_button = push("Dane dla CBB (plik)…", object_name="cbbExport",
                               slot=lambda: cbb_period_dialog(ctx, self))
        buttons = QHBoxLayout()
        for button in (self.pdf_button, self.xlsx_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.cbb_button)
        splitter = QSplitter()
        splitter.addWidget(self.view)
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([620, 680])
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Sprawozdania ośrodka i ich terminy — wybierz, aby zobaczyć "
                                "dane z ewidencji."))
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self.show_report())
        self.refresh()

    def refresh(self) -> None:
        today = clock.today()
        self.model.set_rows(self.ctx.read(self, lambda s: reporting.report_calendar(
            s, actor=self.ctx.actor, today=today)) or [])
        self.show_report()

    def current(self) -> CalendarRow | None:
        row = selected_row(self.view)
        return row if isinstance(row, CalendarRow) else None

    def show_report(self) -> None:
        row = self.current()
        view = None
        if row is not None and row.period.start <= clock.today():
            today = clock.today()
            view = self.ctx.read(self, lambda s: reporting.report_form(
                s, actor=self.ctx.actor, key=row.key, year=row.year, today=today))
        self.preview.setHtml(self._html(view) if view else
                             "<p>Wybierz sprawozdanie, którego okres się rozpoczął.</p>")
        self.pdf_button.setEnabled(view is not None)
        self.xlsx_button.setEnabled(view is not None)

    def _html(self, view: ReportFormView) -> str:
        parts = [f"<h3>{html_text(view.title)}</h3><p>Okres: {view.period_text}</p>"]
        for section in view.sections:
            parts.append(f"<h4>{html_text(section.title)}</h4><table cellspacing='0' "
                         "cellpadding='2' border='1'><tr><th>Wyszczególnienie</th>"
                         + "".join(f"<th>{html_text(c)}</th>" for c in section.columns)
                         + "</tr>")
            for line in section.lines:
                cells = ("".join(f"<td align='right'>{html_text(value_text(v) or '—')}</td>"
                                 for v in line.values) if line.held else
                         f"<td colspan='{len(section.columns)}'><i>brak w ewidencji: "
                         f"{html_text(line.missing)}</i></td>")
                parts.append(f"<tr><td>{html_text(line.label.strip())}</td>{cells}</tr>")
            parts.append("</table>")
        parts.append("<p><small>" + "<br>".join(html_text(n) for n in view.notes)
                     + "</small></p>")
        return "".join(parts)

    def _name(self, row: CalendarRow) -> str:
        return f"{row.key}-{row.year}"

    def pdf(self) -> None:
        row, today = self.current(), clock.today()
        if row is not None:
            self.ctx.show_document(self, self._name(row), lambda s: reporting.report_pdf(
                s, actor=self.ctx.actor, key=row.key, year=row.year, today=today))

    def xlsx(self) -> None:
        row, today = self.current(), clock.today()
        if row is not None:
            data = self.ctx.read(self, lambda s: reporting.report_xlsx(
                s, actor=self.ctx.actor, key=row.key, year=row.year, today=today))
            save_sheet(self.ctx, self, self._name(row), data)


__all__ = ["ReportingSection"]
