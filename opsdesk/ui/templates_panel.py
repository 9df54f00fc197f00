"""Teksty pism: the head's versions of the documents' fixed texts, with fields from a list,
the kpa art. 107 check as she types, a live preview and a sample PDF."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from opsdesk.changes import Changes
from opsdesk.errors import ValidationError
from opsdesk.formatting import format_date
from opsdesk.services import templates
from opsdesk.services.templates import VersionRow
from opsdesk.ui.context import AppContext
from opsdesk.ui.tables import Column, RowsModel, make_table, selected_row
from opsdesk.ui.widgets import ERROR_STYLE, date_edit, push, to_date

_OK_STYLE = "color: #0072B2;"


class TemplatesPanel(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("templatesPanel")
        self.kind = QComboBox()
        self.kind.setObjectName("textKind")
        for key, kind in templates.KINDS.items():
            self.kind.addItem(kind.title, key)
        self.versions: RowsModel[VersionRow] = RowsModel([
            Column("Obowiązuje od", lambda r: format_date(r.valid_from)),
            Column("Stan", lambda r: "zatwierdzona" if r.approved else "projekt"),
        ], self)
        self.view = make_table(self.versions, object_name="textVersions")
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("textEditor")
        self.field = QComboBox()
        self.field.setObjectName("placeholder")
        for name, what in templates.PLACEHOLDERS.items():
            self.field.addItem(f"{{{name}}} — {what}", name)
        self.valid_from = date_edit(object_name="textValidFrom")
        self.check = QLabel()
        self.check.setObjectName("textCheck")
        self.check.setWordWrap(True)
        self.preview = QLabel()
        self.preview.setObjectName("textPreview")
        self.preview.setWordWrap(True)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.preview.setStyleSheet("background: white; padding: 6px; border: 1px solid #bbb;")
        self.save_button = push("Zapisz wersję (projekt)", object_name="saveText",
                                slot=self.save)
        self.approve_button = push("Zatwierdź zaznaczoną wersję", object_name="approveText",
                                   slot=self.approve)
        grid = QGridLayout(self)
        left = QVBoxLayout()
        left.addWidget(QLabel("Tekst:"))
        left.addWidget(self.kind)
        left.addWidget(QLabel("Wersje:"))
        left.addWidget(self.view, 1)
        left.addWidget(self.approve_button)
        grid.addLayout(left, 0, 0)
        right = QVBoxLayout()
        fields = QHBoxLayout()
        fields.addWidget(QLabel("Pole:"))
        fields.addWidget(self.field, 1)
        fields.addWidget(push("Wstaw pole", object_name="insertPlaceholder",
                              slot=self.insert_field))
        right.addLayout(fields)
        right.addWidget(self.editor, 2)
        right.addWidget(self.check)
        right.addWidget(QLabel("Podgląd (dane organu z dnia wejścia w życie):"))
        right.addWidget(self.preview, 1)
        actions = QHBoxLayout()
        actions.addWidget(QLabel("Obowiązuje od:"))
        actions.addWidget(self.valid_from)
        actions.addWidget(self.save_button)
        actions.addWidget(push("Podgląd PDF", object_name="previewTextPdf", slot=self.pdf))
        actions.addStretch(1)
        right.addLayout(actions)
        grid.addLayout(right, 0, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 3)
        self.kind.currentIndexChanged.connect(self.load)
        self.editor.textChanged.connect(self.update_preview)
        self.valid_from.dateChanged.connect(self.update_preview)
        self.view.selectionModel().selectionChanged.connect(self.show_selected)
        ctx.listen(Changes.TEMPLATES, self.refresh_versions)  # the editor keeps its text
        self.load()

    @property
    def key(self) -> str:
        return str(self.kind.currentData())

    def load(self) -> None:
        """The kind's versions; the editor starts from the text in force on the chosen day."""
        key, on = self.key, to_date(self.valid_from)
        self.versions.set_rows(self.ctx.read(self, lambda s: templates.versions(s, key)) or [])
        text = self.ctx.read(self, lambda s: templates.text_in_force(s, key, on))
        self.editor.setPlainText(text or "")

    def refresh_versions(self) -> None:
        key = self.key
        self.versions.set_rows(self.ctx.read(self, lambda s: templates.versions(s, key)) or [])

    def show_selected(self) -> None:
        row = selected_row(self.view)
        if row is not None:
            self.editor.setPlainText(row.text)

    def insert_field(self) -> None:
        self.editor.insertPlainText(f"{{{self.field.currentData()}}}")
        self.editor.setFocus()

    def update_preview(self) -> None:
        text = self.editor.toPlainText()
        try:
            templates.check_text(self.key, text)
        except ValidationError as exc:
            self.check.setText(exc.message)
            self.check.setStyleSheet(ERROR_STYLE)
        else:
            self.check.setText("Tekst zawiera elementy wymagane przez art. 107 § 1 kpa.")
            self.check.setStyleSheet(_OK_STYLE)
        on = to_date(self.valid_from)
        values = self.ctx.read(self, lambda s: templates.placeholder_values(s, on)) or {}
        self.preview.setText(templates.fill(text, values))

    def save(self) -> None:
        key, on, text = self.key, to_date(self.valid_from), self.editor.toPlainText()
        self.ctx.write(self, lambda s: templates.save_version(
            s, key, on, text, actor=self.ctx.actor), changed=Changes.TEMPLATES)

    def approve(self) -> None:
        row = selected_row(self.view)
        if row is None:
            return
        self.ctx.write(self, lambda s: templates.approve_version(
            s, row.id, actor=self.ctx.actor), changed=Changes.TEMPLATES)

    def pdf(self) -> None:
        key, on, text = self.key, to_date(self.valid_from), self.editor.toPlainText()
        self.ctx.show_document(self, "wzor-decyzji", lambda s: templates.preview_pdf(
            s, key, on, text, actor=self.ctx.actor))
