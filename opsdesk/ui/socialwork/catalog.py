"""The centre's catalogue of services by target group, opened from the social-work tab:
everyone reads it, the head adds, edits and withdraws services."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from opsdesk.labels import label
from opsdesk.models.enums import ServiceCategory, TargetGroup
from opsdesk.services import services_plan
from opsdesk.services.permissions import Permission
from opsdesk.services.services_plan import CatalogForm, CatalogRow
from opsdesk.ui.action_dialog import ActionDialog
from opsdesk.ui.context import AppContext
from opsdesk.ui.export import export_button
from opsdesk.ui.socialwork.actions import AREA, combo
from opsdesk.ui.tables import Column, RowsModel, make_table, selected_row
from opsdesk.ui.widgets import enum_combo, line, push

CATALOG_COLUMNS: list[Column[CatalogRow]] = [
    Column("Grupa", lambda r: label(r.target_group)),
    Column("Usługa", lambda r: r.name),
    Column("Rodzaj", lambda r: label(r.category)),
    Column("Decyzja", lambda r: (label(r.benefit_kind) if r.benefit_kind else "tak")
           if r.needs_decision else "nie"),
    Column("W katalogu", lambda r: "tak" if r.active else "wycofana"),
]


class CatalogDialog(QDialog):
    """The catalogue of services by target group; the head adds, edits and withdraws."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("catalogDialog")
        self.setWindowTitle("Katalog usług ośrodka")
        self.resize(900, 600)
        self.model: RowsModel[CatalogRow] = RowsModel(CATALOG_COLUMNS, self)
        self.view = make_table(self.model, object_name="catalog")
        editor = ctx.actor.can(Permission.SERVICE_CATALOG_EDIT)
        buttons = QHBoxLayout()
        if editor:
            buttons.addWidget(push("Dodaj usługę…", object_name="addService",
                                   slot=lambda: self.edit(None)))
            buttons.addWidget(push("Zmień…", object_name="editService",
                                   slot=lambda: self.edit(selected_row(self.view))))
        buttons.addWidget(export_button(ctx, self, self.view, "Katalog usług"))
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        layout.addWidget(close)
        self.refresh()

    def refresh(self) -> None:
        rows = self.ctx.read(self, lambda s: services_plan.catalog(s, actor=self.ctx.actor,
                                                                   active_only=False))
        self.model.set_rows(rows or [])

    def edit(self, row: CatalogRow | None) -> None:
        group, category = enum_combo(list(TargetGroup)), enum_combo(list(ServiceCategory))
        benefit = combo([("—", None)] + [(label(b), b) for b in services_plan.DECISION_BENEFITS])
        needs = combo([("nie wymaga decyzji", False), ("wymaga decyzji", True)])
        active = combo([("w katalogu", True), ("wycofana", False)])
        if row is not None:
            group.set_value(row.target_group)
            category.set_value(row.category)
            benefit.setCurrentIndex(max(0, benefit.findData(row.benefit_kind)))
            needs.setCurrentIndex(needs.findData(row.needs_decision))
            active.setCurrentIndex(active.findData(row.active))
        fields = [("name", "Nazwa usługi", line(row.name if row else "", max_len=200)),
                  ("target_group", "Grupa", group), ("category", "Rodzaj", category),
                  ("needs_decision", "Decyzja", needs), ("benefit_kind", "Świadczenie", benefit),
                  ("active", "Stan", active)]

        def action(d: ActionDialog) -> Callable[[Session], Any]:
            form = CatalogForm(name=d.value("name"), target_group=d.value("target_group"),
                               category=d.value("category"),
                               needs_decision=d.value("needs_decision"),
                               benefit_kind=d.value("benefit_kind"), active=d.value("active"))
            if row is None:
                return lambda s: services_plan.add_catalog_item(s, form, actor=self.ctx.actor)
            return lambda s: services_plan.update_catalog_item(
                s, row.id, form, actor=self.ctx.actor, expected_version=row.version)

        if ActionDialog(self.ctx, "Usługa w katalogu", fields, action, self,
                        changed=AREA).exec():
            self.refresh()
