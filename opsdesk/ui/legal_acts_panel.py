"""Akty prawne (Dz.U.): the consolidated texts the decisions cite, by the day from which
each is cited; the head adds one when a new consolidated text is announced."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from opsdesk import clock
from opsdesk.changes import Changes
from opsdesk.formatting import format_date
from opsdesk.services import legal_acts
from opsdesk.services.legal_acts import ACT_NAMES, Act, LegalActRow
from opsdesk.services.permissions import Permission
from opsdesk.ui.context import AppContext
from opsdesk.ui.tables import Column, RowsModel, make_table, selected_row
from opsdesk.ui.widgets import FormDialog, button_row, date_edit, enum_combo, line, push, to_date

AREA = Changes.LEGAL_ACTS

COLUMNS: list[Column[LegalActRow]] = [
    Column("Akt", lambda r: ACT_NAMES[r.act]),
    Column("Cytowany od", lambda r: format_date(r.valid_from), sort_key=lambda r: r.valid_from),
    Column("Publikator", lambda r: r.journal),
    Column("Tytuł (w dopełniaczu)", lambda r: r.title),
    Column("Uwagi", lambda r: r.note),
]


class LegalActDialog(FormDialog):
    """A new consolidated text, or a correction of one (``row``)."""

    def __init__(self, ctx: AppContext, row: LegalActRow | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, "Tekst jednolity aktu prawnego", parent)
        self.row = row
        self.act = enum_combo(list(Act), object_name="act")
        for i, act in enumerate(Act):
            self.act.setItemText(i, ACT_NAMES[act])
        self.valid_from = date_edit(row.valid_from if row else clock.today(),
                                    object_name="valid_from")
        self.add("act", "Akt", self.act)
        self.add("valid_from", "Cytowany od dnia", self.valid_from)
        self.add("journal", "Publikator", line(row.journal if row else "", max_len=120,
                                               object_name="journal"))
        self.add("title", "Tytuł (w dopełniaczu)", line(row.title if row else "", max_len=400,
                                                         object_name="title"))
        self.add("note", "Uwagi", line(row.note if row else "", max_len=400, object_name="note"))
        if row is not None:
            self.act.set_value(row.act)
            self.act.setEnabled(False)
        self.mark_pristine()

    def submit(self) -> None:
        act, on = self.act.value(), to_date(self.valid_from)
        texts = {k: self.field(k).text() for k in ("journal", "title", "note")}  # type: ignore[attr-defined]
        row = self.row
        self.save(lambda s: legal_acts.save_legal_act(
            s, actor=self.ctx.actor, act=act, valid_from=on, title=texts["title"],
            journal=texts["journal"], note=texts["note"], act_id=row.id if row else None,
            expected_version=row.version if row else None), changed=AREA)


class LegalActsPanel(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("legalActsPanel")
        self.model: RowsModel[LegalActRow] = RowsModel(COLUMNS, self)
        self.view = make_table(self.model, object_name="legalActs")
        self.add_button = push("Nowy tekst jednolity…", object_name="addLegalAct",
                               slot=self.add_act)
        self.edit_button = push("Popraw wpis…", object_name="editLegalAct", slot=self.edit_act)
        editable = ctx.actor.can(Permission.DECISION_APPROVE)
        for button in (self.add_button, self.edit_button):
            button.setVisible(editable)
        layout = QVBoxLayout(self)
        layout.addLayout(button_row(self.add_button, self.edit_button))
        layout.addWidget(self.view)
        ctx.listen(AREA, self.refresh)
        self.refresh()

    def refresh(self) -> None:
        rows = self.ctx.read(self, lambda s: legal_acts.legal_acts(s, actor=self.ctx.actor))
        self.model.set_rows(rows or [])

    def add_act(self) -> None:
        LegalActDialog(self.ctx, None, self).exec()

    def edit_act(self) -> None:
        row = selected_row(self.view)
        if isinstance(row, LegalActRow):
            LegalActDialog(self.ctx, row, self).exec()
