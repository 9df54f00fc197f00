"""Świadczenia: the queue of benefit cases with the deadline that matters next."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSplitter, QVBoxLayout, QWidget

from opsdesk.formatting import format_date, plural_pl
from opsdesk.labels import label
from opsdesk.services import queue
from opsdesk.services.queue import QueueRow
from opsdesk.ui.context import AppContext
from opsdesk.ui.tables import AMBER, RED, Column, RowsModel, make_table, selected_row
from opsdesk.ui.widgets import checkbox, push


def deadline_text(row: QueueRow, today: date) -> str:
    """Colour is never the only signal: an overdue item says so in words."""
    if row.deadline is None:
        return ""
    left = row.deadline.days_left(today)
    due = f"{row.deadline.label} do {format_date(row.deadline.due)}"
    if left < 0:
        return f"{due} — po terminie ({-left} {plural_pl(-left, 'dzień', 'dni', 'dni')})"
    if left <= queue.NEAR_DAYS:
        return f"{due} — zostało {left} {plural_pl(left, 'dzień', 'dni', 'dni')}"
    return due


def deadline_color(row: QueueRow, today: date) -> QColor | None:
    if row.deadline is None:
        return None
    left = row.deadline.days_left(today)
    return RED if left < 0 else AMBER if left <= queue.NEAR_DAYS else None


class BenefitsTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("benefitsTab")
        today = date.today()
        self.model: RowsModel[QueueRow] = RowsModel([
            Column("Znak sprawy", lambda r: r.sign),
            Column("Osoba", lambda r: r.person_name),
            Column("Termin", lambda r: deadline_text(r, today),
                   sort_key=lambda r: r.deadline.due if r.deadline else date.max,
                   color=lambda r: deadline_color(r, today)),
            Column("Stan", lambda r: label(r.status)),
            Column("Prowadzi", lambda r: r.assigned_to),
            Column("Pilne", lambda r: "PILNE" if r.urgent else ""),
        ], self)
        self.view = make_table(self.model, object_name="benefitsQueue")
        self.mine = checkbox("tylko moje", object_name="mineOnly")
        self.overdue = checkbox("tylko po terminie", object_name="overdueOnly")
        for box in (self.mine, self.overdue):
            box.toggled.connect(lambda _c: self.refresh())
        self.detail = QLabel("Wybierz sprawę z kolejki.")
        self.detail.setObjectName("caseDetail")
        self.detail.setWordWrap(True)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.take = push("Biorę tę sprawę", object_name="takeCase", slot=self.take_case)
        filters = QHBoxLayout()
        filters.addWidget(self.mine)
        filters.addWidget(self.overdue)
        filters.addStretch(1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.view)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.detail, 1)
        right_layout.addWidget(self.take)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        QVBoxLayout(self).addWidget(splitter)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self.update_detail())
        ctx.events.data_changed.connect(lambda area: self.refresh() if area in (
            "cases", "intakes", "decisions") else None)
        self.refresh()

    def refresh(self) -> None:
        mine, overdue = self.mine.isChecked(), self.overdue.isChecked()
        rows = self.ctx.read(self, lambda s: queue.benefits_queue(
            s, actor=self.ctx.actor, mine_only=mine, overdue_only=overdue))
        self.model.set_rows(rows or [])
        self.update_detail()

    def update_detail(self) -> None:
        row = selected_row(self.view)
        self.take.setEnabled(isinstance(row, QueueRow) and row.assigned_to_id != self.ctx.actor.id)
        if not isinstance(row, QueueRow):
            self.detail.setText("Wybierz sprawę z kolejki.")
            return
        self.detail.setText(f"<h3>{row.sign} — {row.person_name}</h3>"
                            f"<p>Stan: {label(row.status)}<br>Prowadzi: {row.assigned_to or '—'}"
                            f"<br>Termin: {deadline_text(row, date.today()) or '—'}</p>"
                            f"<p>{row.subject}</p>")

    def take_case(self) -> None:
        row = selected_row(self.view)
        if isinstance(row, QueueRow):
            self.ctx.write(self, lambda s: queue.take_case(s, row.case_id, actor=self.ctx.actor,
                                                           expected_version=row.version),
                           changed="cases")
