"""Teksty pism: the head's versions of the documents' fixed texts, with fields from a list,
the kpa art. 107 check as she types, a live preview of the page and a sample PDF; a second
person (another head, a worker authorised to sign decisions) approves a version.

The live preview is a QTextDocument laid out like the page (PySide6-Essentials has no QtPdf
and no PDF rasteriser is installed, and pdftoppm is no option on Windows): the same texts,
filled by the same code as the PDF, in the same order; "Podgląd PDF" opens the report."""

from __future__ import annotations

from datetime import timedelta
from html import escape

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from opsdesk import clock
from opsdesk.changes import Changes
from opsdesk.errors import ValidationError
from opsdesk.formatting import format_date
from opsdesk.services import template_samples, templates
from opsdesk.services.permissions import Permission
from opsdesk.services.template_samples import Block, sample_blocks
from opsdesk.services.templates import VersionRow
from opsdesk.ui.context import AppContext
from opsdesk.ui.tables import Column, RowsModel, make_table, selected_row
from opsdesk.ui.widgets import ERROR_STYLE, date_edit, push, to_date

_OK_STYLE = "color: #0072B2;"
PREVIEW_DELAY_MS = 300  # the page follows the typing after this pause
_PAGE_CSS = """
p { margin: 0 0 6px 0; text-align: justify; }
p.head { font-weight: bold; text-align: left; }
p.right { text-align: right; }
p.title { font-weight: bold; font-size: 13pt; text-align: center; margin: 10px 0; }
p.heading { font-weight: bold; text-align: center; margin-top: 8px; }
p.small { font-size: 8pt; color: #444; }
p.sign { text-align: right; margin-top: 14px; }
span.edited { background-color: #FFF1B8; }
"""
_NO_APPROVAL = ("Wersję zatwierdza inna osoba niż jej autor: drugi kierownik albo pracownik "
                "upoważniony do podpisywania decyzji.")


def page_html(blocks: tuple[Block, ...]) -> str:
    """The sample page as HTML: each block a paragraph set as the report sets it, the text
    being edited marked."""
    parts = []
    for b in blocks:
        text = escape(b.text).replace("\n", "<br/>")
        if b.edited:
            text = f'<span class="edited">{text}</span>'
        parts.append(f'<p class="{b.style}">{text}</p>')
    return "".join(parts)


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
            Column("Autor", lambda r: r.written_by),
            Column("Zatwierdził(a)", lambda r: r.approved_by),
        ], self)
        self.view = make_table(self.versions, object_name="textVersions")
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("textEditor")
        self.field = QComboBox()
        self.field.setObjectName("placeholder")
        for combo in (self.kind, self.field):  # long titles must not widen the window
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(16)
        self.insert_button = push("Wstaw pole", object_name="insertPlaceholder",
                                  slot=self.insert_field)
        self.valid_from = date_edit(clock.today() + timedelta(days=1),
                                    object_name="textValidFrom")
        self.check = QLabel()
        self.check.setObjectName("textCheck")
        self.check.setWordWrap(True)
        self.page = QTextBrowser()
        self.page.setObjectName("textPreviewPage")
        self.page.document().setDefaultStyleSheet(_PAGE_CSS)
        self.page.setStyleSheet("background: white; color: black;")
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(PREVIEW_DELAY_MS)
        self.timer.timeout.connect(self.update_page)
        self.save_button = push("Zapisz wersję (projekt)", object_name="saveText",
                                slot=self.save)
        self.approve_button = push("Zatwierdź zaznaczoną wersję", object_name="approveText",
                                   slot=self.approve)
        self.pdf_button = push("Podgląd PDF", object_name="previewTextPdf", slot=self.pdf)
        writes = ctx.actor.can(Permission.OFFICE_SETTINGS)
        for widget in (self.save_button, self.insert_button, self.field, self.pdf_button):
            widget.setVisible(writes)
        self.editor.setReadOnly(not writes)
        self._layout()
        self.kind.currentIndexChanged.connect(self.load)
        self.editor.textChanged.connect(self.text_changed)
        self.valid_from.dateChanged.connect(self.text_changed)
        self.view.selectionModel().selectionChanged.connect(self.show_selected)
        ctx.listen(Changes.TEMPLATES, self.refresh_versions)  # the editor keeps its text
        self.load()

    def _layout(self) -> None:
        grid = QGridLayout(self)
        left = QVBoxLayout()
        left.addWidget(QLabel("Tekst:"))
        left.addWidget(self.kind)
        left.addWidget(QLabel("Wersje:"))
        left.addWidget(self.view, 1)
        left.addWidget(self.approve_button)
        grid.addLayout(left, 0, 0)
        middle = QVBoxLayout()
        fields = QHBoxLayout()
        fields.addWidget(self.field, 1)
        fields.addWidget(self.insert_button)
        middle.addLayout(fields)
        middle.addWidget(self.editor, 1)
        middle.addWidget(self.check)
        actions = QHBoxLayout()
        actions.addWidget(QLabel("Obowiązuje od:"))
        actions.addWidget(self.valid_from)
        actions.addWidget(self.save_button)
        actions.addWidget(self.pdf_button)
        actions.addStretch(1)
        middle.addLayout(actions)
        grid.addLayout(middle, 0, 1)
        right = QVBoxLayout()
        right.addWidget(QLabel("Podgląd strony (wzór, dane organu z dnia wejścia w życie):"))
        right.addWidget(self.page, 1)
        grid.addLayout(right, 0, 2)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(2, 3)

    @property
    def key(self) -> str:
        return str(self.kind.currentData())

    def load(self) -> None:
        """The kind's fields and versions; the editor starts from the text in force on the
        chosen day."""
        key, on = self.key, to_date(self.valid_from)
        self.field.clear()
        for name, what in templates.fields_of(key).items():
            self.field.addItem(f"{{{name}}} — {what}", name)
        self.refresh_versions()
        text = self.ctx.read(self, lambda s: templates.text_in_force(s, key, on))
        self.editor.setPlainText(text or "")

    def refresh_versions(self) -> None:
        key = self.key
        self.versions.set_rows(self.ctx.read(self, lambda s: templates.versions(s, key)) or [])
        self.show_approval()

    def show_selected(self) -> None:
        row = selected_row(self.view)
        if row is not None:
            self.editor.setPlainText(row.text)
        self.show_approval()

    def show_approval(self) -> None:
        """Approving needs the right, another author, a draft, and its date still ahead."""
        row = selected_row(self.view)
        may = self.ctx.actor.can(Permission.DECISION_APPROVE)
        own = row is not None and row.written_by_id == self.ctx.actor.id
        self.approve_button.setEnabled(
            may and row is not None and not row.approved and not own
            and row.valid_from > clock.today())
        self.approve_button.setToolTip(_NO_APPROVAL)

    def insert_field(self) -> None:
        self.editor.insertPlainText(f"{{{self.field.currentData()}}}")
        self.editor.setFocus()

    def text_changed(self) -> None:
        """Check at once; lay the page out again once the typing pauses."""
        try:
            templates.check_text(self.key, self.editor.toPlainText())
        except ValidationError as exc:
            self.check.setText(exc.message)
            self.check.setStyleSheet(ERROR_STYLE)
            self.save_button.setEnabled(False)
        else:
            self.check.setText(f"Tekst zawiera elementy wymagane "
                               f"{templates.required_by(self.key)}.")
            self.check.setStyleSheet(_OK_STYLE)
            self.save_button.setEnabled(True)
        self.timer.start()

    def update_page(self) -> None:
        key, on, text = self.key, to_date(self.valid_from), self.editor.toPlainText()
        blocks = self.ctx.read(self, lambda s: sample_blocks(s, key, on, text))
        if blocks is not None:
            bar = self.page.verticalScrollBar()
            at = bar.value()
            self.page.setHtml(page_html(blocks))
            bar.setValue(at)

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
        self.ctx.show_document(self, "wzor-pisma", lambda s: template_samples.preview_pdf(
            s, key, on, text, actor=self.ctx.actor))
