"""The person's file (kartoteka), opened from search in any tab."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from opsdesk.changes import Changes
from opsdesk.formatting import format_date
from opsdesk.labels import label
from opsdesk.models.enums import Relation
from opsdesk.services import people
from opsdesk.services.people import HistoryRow, MemberRow
from opsdesk.ui.context import AppContext
from opsdesk.ui.dossier import dossier_button
from opsdesk.ui.export import export_button
from opsdesk.ui.person_dialog import PersonDialog, choose_person
from opsdesk.ui.tables import Column, RowsModel, make_table, selected_row
from opsdesk.ui.widgets import EnumCombo, push


class PersonFileDialog(QDialog):
    def __init__(self, ctx: AppContext, person_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.person_id = person_id
        self.household_version: int | None = None
        self.setObjectName("personFile")
        self.setWindowTitle("Kartoteka osoby")
        self.resize(760, 560)
        self.header = QLabel()
        self.header.setObjectName("personHeader")
        self.header.setWordWrap(True)
        self.members: RowsModel[MemberRow] = RowsModel([
            Column("Osoba", lambda r: r.full_name), Column("PESEL", lambda r: r.pesel),
            Column("Data urodzenia", lambda r: format_date(r.birth_date) if r.birth_date
                   else ""),
            Column("Relacja", lambda r: label(r.relation))], self)
        self.history: RowsModel[HistoryRow] = RowsModel([
            Column("Data", lambda r: format_date(r.on), sort_key=lambda r: r.on),
            Column("Co", lambda r: r.what), Column("Stan", lambda r: r.detail)], self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        actions = QHBoxLayout()
        actions.addWidget(push("Edytuj dane…", object_name="editPerson", slot=self.edit))
        actions.addWidget(push("Dodaj do gospodarstwa…", object_name="addMember",
                               slot=self.add_member))
        actions.addWidget(push("Usuń z gospodarstwa", object_name="removeMember",
                               slot=self.remove_member))
        actions.addWidget(dossier_button(ctx, self, person_id))
        actions.addStretch(1)
        layout.addLayout(actions)
        layout.addWidget(QLabel("<b>Gospodarstwo domowe</b>"))
        self.member_view = make_table(self.members, object_name="householdMembers")
        layout.addWidget(self.member_view)
        history_view = make_table(self.history, object_name="personHistory")
        history_bar = QHBoxLayout()
        history_bar.addWidget(QLabel("<b>Historia</b>"))
        history_bar.addStretch(1)
        history_bar.addWidget(export_button(ctx, self, history_view, "Historia osoby"))
        layout.addLayout(history_bar)
        layout.addWidget(history_view)
        layout.addWidget(buttons)
        self.refresh()

    def refresh(self) -> None:
        a, pid = self.ctx.actor, self.person_id
        file = self.ctx.read(self, lambda s: people.open_person(s, pid, actor=a))
        if file is None:
            return
        f = file.form
        pesel = f"PESEL {f.pesel}" if f.pesel else f"bez PESEL ({f.no_pesel_reason})"
        born = format_date(f.birth_date) if f.birth_date else "—"
        address = ", ".join(p for p in (f.street, f"{f.postal_code} {f.city}".strip()) if p)
        self.header.setText(f"<h2>{f.first_name} {f.last_name}</h2><p>{pesel} · ur. {born}<br>"
                            f"{address or 'brak adresu'} · tel. {f.phone or '—'}</p>")
        self.members.set_rows(file.members)
        self.household_version = file.household_version
        self.history.set_rows(self.ctx.read(self, lambda s: people.person_history(
            s, pid, actor=a)) or [])

    def add_member(self) -> None:
        """Someone joins this person's household (made on first use, this person at its head
        unless the file already belongs to one)."""
        person = choose_person(self.ctx, self)
        if person is None:
            return
        relation = EnumCombo([r for r in Relation if r is not Relation.HEAD])
        dialog = QDialog(self)
        dialog.setObjectName("relationDialog")
        dialog.setWindowTitle("Relacja do głowy gospodarstwa")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(QLabel(f"{person.full_name} — relacja do głowy gospodarstwa:"))
        layout.addWidget(relation)
        layout.addWidget(buttons)
        if not dialog.exec():
            return
        head_id = next((m.person_id for m in self.members.rows()
                        if m.relation is Relation.HEAD), self.person_id)
        chosen, version = relation.value(), self.household_version
        self.ctx.write(self, lambda s: people.add_to_household(
            s, actor=self.ctx.actor, head_id=head_id, person_id=person.id, relation=chosen,
            expected_version=version), changed=Changes.PERSONS)
        self.refresh()

    def remove_member(self) -> None:
        row = selected_row(self.member_view)
        if isinstance(row, MemberRow):
            self.ctx.write(self, lambda s: people.remove_from_household(
                s, actor=self.ctx.actor, person_id=row.person_id), changed=Changes.PERSONS)
            self.refresh()

    def edit(self) -> None:
        if PersonDialog(self.ctx, self, person_id=self.person_id).exec():
            self.refresh()
