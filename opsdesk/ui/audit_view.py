"""The head's audit log (Dziennik zdarzeń): who did what, when, to which record — filtered
by worker, action, kind of record and dates, a page at a time. Read-only: the log offers no
way to change or delete an entry."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from opsdesk import clock
from opsdesk.labels import label
from opsdesk.models.enums import AuditAction
from opsdesk.services.audit_log import (
    AuditFilter,
    AuditPage,
    AuditRow,
    audit_entities,
    audit_workers,
    browse_audit,
    check_audit_chain,
)
from opsdesk.ui.context import AppContext
from opsdesk.ui.export import export_button
from opsdesk.ui.tables import Column, RowsModel, make_table
from opsdesk.ui.widgets import ERROR_STYLE, date_edit, push, to_date

DEFAULT_DAYS = 30
MIN_ROWS = 3  # shares the Administracja tab with the workers and backups (1366×768)


def _combo(first: str, items: list[tuple[Any, str]], object_name: str) -> QComboBox:
    """A filter picker: "all" first, then each value with its Polish text as item data."""
    combo = QComboBox()
    combo.setObjectName(object_name)
    combo.addItem(first, None)
    for value, text in items:
        combo.addItem(text, value)
    return combo


class AuditView(QWidget):
    """Loaded when first shown, not when the tab is built: each browse is itself logged."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("auditView")
        self.page_number = 0
        self.last_page: AuditPage | None = None
        self._loaded = False
        self.worker = _combo("Wszyscy pracownicy", [], "auditWorker")
        self.action = _combo("Wszystkie czynności", [(a, label(a)) for a in AuditAction],
                             "auditAction")
        self.entity = _combo("Wszystkie zapisy", [], "auditEntity")
        today = clock.today()
        self.date_from = date_edit(today - timedelta(days=DEFAULT_DAYS), object_name="auditFrom")
        self.date_to = date_edit(today, object_name="auditTo")
        filters = QHBoxLayout()
        for caption, widget in (("Pracownik", self.worker), ("Czynność", self.action),
                                ("Zapis", self.entity), ("Od", self.date_from),
                                ("Do", self.date_to)):
            filters.addWidget(QLabel(caption))
            filters.addWidget(widget)
        filters.addWidget(push("Pokaż", object_name="auditShow", slot=self.show_first_page))
        filters.addStretch(1)
        self.model: RowsModel[AuditRow] = RowsModel([
            Column("Kiedy", lambda r: r.at.strftime("%d.%m.%Y %H:%M:%S"), sort_key=lambda r: r.at),
            Column("Pracownik", lambda r: r.worker),
            Column("Czynność", lambda r: label(r.action)),
            Column("Zapis", lambda r: r.entity_label),
            Column("Nr zapisu", lambda r: "" if r.entity_id is None else str(r.entity_id),
                   sort_key=lambda r: r.entity_id or 0, align_right=True),
            Column("Szczegóły", lambda r: r.details),
        ], self)
        self.view = make_table(self.model, object_name="auditLog")
        self.view.setMinimumHeight(MIN_ROWS * self.view.verticalHeader().defaultSectionSize())
        self.newer = push("‹ Nowsze", object_name="auditNewer", slot=lambda: self.turn(-1))
        self.older = push("Starsze ›", object_name="auditOlder", slot=lambda: self.turn(1))
        self.page_label = QLabel()
        self.page_label.setObjectName("auditPage")
        pager = QHBoxLayout()
        pager.addWidget(self.newer)
        pager.addWidget(self.older)
        pager.addWidget(self.page_label)
        pager.addStretch(1)
        self.chain_label = QLabel()
        self.chain_label.setObjectName("auditChain")
        self.chain_label.setWordWrap(True)
        pager.addWidget(self.chain_label)
        pager.addWidget(push("Sprawdź łańcuch dziennika", object_name="auditCheckChain",
                             slot=self.check_chain))
        pager.addWidget(export_button(ctx, self, self.view, "Dziennik zdarzeń"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        layout.addLayout(pager)
        self._show_pager()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if not self._loaded:
            self._loaded = True
            self._load_choices()
            self.show_first_page()

    def _load_choices(self) -> None:
        workers = self.ctx.read(self, lambda s: audit_workers(s, actor=self.ctx.actor)) or []
        for w in workers:
            self.worker.addItem(w.full_name + ("" if w.active else " (konto wyłączone)"), w.id)
        for name, text in self.ctx.read(self, lambda s: audit_entities(
                s, actor=self.ctx.actor)) or []:
            self.entity.addItem(text, name)

    def check_chain(self) -> None:
        """Verify every entry's hash link; a break is named by its entry number."""
        result = self.ctx.read(self, lambda s: check_audit_chain(s, actor=self.ctx.actor))
        if result is not None:
            self.chain_label.setText(result)
            sound = result.startswith("Łańcuch dziennika nienaruszony")
            self.chain_label.setStyleSheet("" if sound else ERROR_STYLE)

    def current_filter(self) -> AuditFilter:
        action = self.action.currentData()  # Qt hands a StrEnum back as a plain str
        return AuditFilter(worker_id=self.worker.currentData(),
                           action=AuditAction(action) if action else None,
                           entity=self.entity.currentData(), date_from=to_date(self.date_from),
                           date_to=to_date(self.date_to))

    def show_first_page(self) -> None:
        self.page_number = 0
        self.refresh()

    def turn(self, step: int) -> None:
        self.page_number = max(0, self.page_number + step)
        self.refresh()

    def refresh(self) -> None:
        flt, number, actor = self.current_filter(), self.page_number, self.ctx.actor
        page = self.ctx.read(self, lambda s: browse_audit(s, actor=actor, flt=flt, page=number))
        if page is None:
            return
        self.last_page = page
        self.model.set_rows(page.rows)
        self._show_pager()

    def _show_pager(self) -> None:
        page = self.last_page
        if page is None:
            self.page_label.setText("")
            self.newer.setEnabled(False)
            self.older.setEnabled(False)
            return
        self.page_label.setText(f"Strona {page.page + 1} z {page.pages} · wpisów: {page.total}")
        self.newer.setEnabled(page.page > 0)
        self.older.setEnabled(page.page + 1 < page.pages)
