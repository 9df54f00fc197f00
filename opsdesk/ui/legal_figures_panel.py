"""Wskaźniki prawne: the figures in force on a chosen day, printed; a new one entered ahead."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from opsdesk.changes import Changes
from opsdesk.formatting import format_date
from opsdesk.services import legal_figures
from opsdesk.services.legal_figures import FigureForm, FigureLine
from opsdesk.services.permissions import Permission
from opsdesk.ui.context import AppContext
from opsdesk.ui.tables import Column, RowsModel, make_table
from opsdesk.ui.widgets import FormDialog, date_edit, line, push, read_chosen_file, to_date


class FigureDialog(FormDialog):
    """A figure from a date, with its source: the program counts with it from that day."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "Nowy wskaźnik prawny od dnia", parent)
        self.which = QComboBox()
        self.which.setObjectName("field")
        for key, (text, _money) in legal_figures.LABELS.items():
            self.which.addItem(text, key)
        self.add("field", "Wskaźnik", self.which)
        self.valid_from = date_edit(object_name="valid_from")
        self.add("valid_from", "Obowiązuje od", self.valid_from)
        self.value = line(object_name="value", max_len=20)
        self.add("value", "Wartość", self.value)
        self.source = line(object_name="source", max_len=300)
        self.add("source", "Źródło (akt, Dz.U., obwieszczenie)", self.source)
        self.resize(680, 260)
        self.mark_pristine()

    def submit(self) -> None:
        form = FigureForm(field=self.which.currentData(), valid_from=to_date(self.valid_from),
                          value=self.value.text(), source=self.source.text())
        self.save(lambda s: legal_figures.enter_figure(s, form, actor=self.ctx.actor),
                  changed=Changes.LEGAL_FIGURES)


class LegalFiguresPanel(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("legalFigures")
        self.day = date_edit(object_name="figuresDay")
        self.day.dateChanged.connect(self.refresh)
        self.model: RowsModel[FigureLine] = RowsModel([
            Column("Wskaźnik", lambda r: r.label),
            Column("Wartość", lambda r: r.value, align_right=True),
            Column("Obowiązuje od", lambda r: format_date(r.since)),
            Column("Źródło", lambda r: r.source),
        ], self)
        self.view = make_table(self.model, object_name="figuresList")
        self.view.setColumnWidth(0, 560)
        self.new = push("Nowy wskaźnik od dnia…", object_name="newFigure", slot=self.enter)
        self.load_file = push("Wczytaj plik aktualizacji…", object_name="figuresUpdate",
                              slot=self.read_update)
        for button in (self.new, self.load_file):
            button.setVisible(ctx.actor.can(Permission.OFFICE_SETTINGS))
        row = QHBoxLayout()
        row.addWidget(QLabel("Obowiązujące w dniu:"))
        row.addWidget(self.day)
        row.addWidget(push("Drukuj (PDF)", object_name="printFigures", slot=self.print_))
        row.addWidget(self.new)
        row.addWidget(self.load_file)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.view, 1)
        ctx.listen(Changes.LEGAL_FIGURES, self.refresh)
        self.refresh()

    def refresh(self) -> None:
        on = to_date(self.day)
        self.model.set_rows(self.ctx.read(self, lambda s: legal_figures.figures_list(s, on))
                            or [])

    def print_(self) -> None:
        on = to_date(self.day)
        self.ctx.show_document(self, f"wskazniki-{on.isoformat()}",
                               lambda s: legal_figures.figures_pdf(s, on, actor=self.ctx.actor))

    def enter(self) -> None:
        FigureDialog(self.ctx, self).exec()

    def read_update(self) -> None:
        """An update file shipped with a release: figures announced after it was built."""
        data = read_chosen_file(self.ctx, self, "Plik aktualizacji wskaźników",
                                "Plik aktualizacji (*.json)")
        if data is None:
            return
        ok, count = self.ctx.write(self, lambda s: legal_figures.import_update_file(
            s, data, actor=self.ctx.actor), changed=Changes.LEGAL_FIGURES)
        if ok:
            QMessageBox.information(self, "opsdesk", f"Wczytano nowe wskaźniki: {count}.")
