"""Form building blocks: dialogs that show a service's Polish message at the field it
concerns, keep what was typed, ask before throwing typed text away, and remember their size."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from PySide6.QtCore import QDate, QSettings, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from opsdesk import clock
from opsdesk.errors import (
    ConflictError,
    DatabaseInMaintenance,
    DatabaseRestored,
    ValidationError,
)
from opsdesk.formatting import format_date
from opsdesk.labels import label
from opsdesk.ui.context import AppContext
from opsdesk.ui.errors import confirm

T = TypeVar("T")
ERROR_STYLE = "color: #b3261e; font-weight: bold;"


def html_text(text: str) -> str:
    """Typed text shown inside a rich-text label: escaped, line breaks kept."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\n", "<br>"))


def date_edit(value: date | None = None, *, object_name: str = "") -> QDateEdit:
    edit = QDateEdit()
    edit.setDisplayFormat("dd.MM.yyyy")
    edit.setCalendarPopup(True)
    edit.setDate(QDate(value) if value else QDate(clock.today()))
    if object_name:
        edit.setObjectName(object_name)
    return edit


def to_date(edit: QDateEdit) -> date:
    return edit.date().toPython()  # type: ignore[no-any-return]


class EnumCombo(QComboBox):
    """A picker of enum members shown by their Polish names; ``value()`` gives the member
    back (Qt would hand a StrEnum back as a plain str)."""

    def __init__(self, values: list[Any]) -> None:
        super().__init__()
        self._values = list(values)
        for value in self._values:
            self.addItem(label(value))

    def value(self) -> Any:
        return self._values[self.currentIndex()] if self.currentIndex() >= 0 else None

    def set_value(self, value: Any) -> None:
        self.setCurrentIndex(self._values.index(value))


def enum_combo(values: list[Any], *, object_name: str = "") -> EnumCombo:
    combo = EnumCombo(values)
    if object_name:
        combo.setObjectName(object_name)
    return combo


def line(text: str = "", *, object_name: str = "", max_len: int = 0) -> QLineEdit:
    edit = QLineEdit(text)
    if object_name:
        edit.setObjectName(object_name)
    if max_len:
        edit.setMaxLength(max_len + 1)  # one over: the service explains what is too long
    return edit


def text_box(text: str = "", *, object_name: str = "") -> QPlainTextEdit:
    edit = QPlainTextEdit(text)
    edit.setTabChangesFocus(True)
    if object_name:
        edit.setObjectName(object_name)
    return edit


def checkbox(text: str, *, object_name: str = "") -> QCheckBox:
    box = QCheckBox(text)
    if object_name:
        box.setObjectName(object_name)
    return box


def _shown(value: object) -> str:
    """A colleague's saved value as the form writes it."""
    return format_date(value) if isinstance(value, date) else "" if value is None else str(value)


class FormDialog(QDialog):
    """A form: fields registered by the service's field names, one error line, OK/Anuluj."""

    saved = Signal(object)

    def __init__(self, ctx: AppContext, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(title)
        self.setObjectName(type(self).__name__)
        self.result_value: Any = None
        # The data this form was opened on: after a restore from a copy it saves nothing.
        self.opened_on = ctx.db.identity if ctx is not None else None  # None: the login
        self._fields: dict[str, QWidget] = {}
        self._captions: dict[str, str] = {}
        self._pristine: dict[str, str] = {}
        self.form = QFormLayout()
        self.error_label = QLabel()
        self.error_label.setObjectName("formError")
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self._restore_size()

    @property
    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def add(self, field: str, caption: str, widget: QWidget) -> QWidget:
        self._fields[field] = widget
        self._captions[field] = caption
        if not widget.objectName():
            widget.setObjectName(field)
        self.form.addRow(caption, widget)
        return widget

    def field(self, name: str) -> QWidget:
        return self._fields[name]

    def mark_pristine(self) -> None:
        """Remember what the form showed when opened, to know whether anything was typed."""
        self._pristine = {k: _value_text(w) for k, w in self._fields.items()}

    def is_dirty(self) -> bool:
        return any(_value_text(w) != self._pristine.get(k, "") for k, w in self._fields.items())

    def show_field_error(self, message: str, field: str | None) -> None:
        self.error_label.setText(message)
        self.error_label.show()
        widget = self._fields.get(field or "")
        if widget is not None:
            widget.setFocus()

    def run_write(self, fn: Callable[[Session], T], *, changed: str = "") -> tuple[bool, T | None]:
        """Save through the service; a ValidationError lands at its field, the rest in a
        dialog. The dialog stays open with everything typed unless the save succeeded."""
        try:
            if self.opened_on is not None and self.ctx.db.identity != self.opened_on:
                raise DatabaseRestored()  # noticed by an action since the form was opened
            result = self.ctx.db.write(fn)
        except ConflictError as exc:
            self.on_conflict(exc)
            return False, None
        except (DatabaseRestored, DatabaseInMaintenance) as exc:
            self.show_field_error(exc.message, None)
            return False, None
        except ValidationError as exc:
            self.on_validation_error(exc)
            return False, None
        except Exception as exc:  # noqa: BLE001 - shown to the user, bugs logged
            self.ctx.failed(self, exc)
            return False, None
        self.ctx.events.connection_changed.emit(True)
        if changed:
            self.ctx.events.data_changed.emit(changed)
        return True, result

    def on_validation_error(self, exc: ValidationError) -> None:
        """The service refused what was typed: the message at its field."""
        self.show_field_error(exc.message, exc.field)

    def on_conflict(self, exc: ConflictError) -> None:
        """A colleague saved first: say what they changed; what this user typed stays."""
        lines = [f"• {self._captions.get(name, name)}: teraz „{_shown(theirs)}”"
                 for name, (theirs, _mine) in exc.changes.items()]
        self.show_field_error("\n".join([exc.message, *lines]), None)

    def save(self, fn: Callable[[Session], Any], *, changed: str = "") -> None:
        """The usual submit: write, keep the result, close — or stay open with the message."""
        ok, result = self.run_write(fn, changed=changed)
        if ok:
            self.result_value = result
            self.accept()

    def submit(self) -> None:
        """Subclasses call ``save`` (or ``run_write`` and ``accept`` themselves)."""
        raise NotImplementedError

    def reject(self) -> None:
        if self.is_dirty() and not confirm(self, "Porzucić wpisane dane?"):
            return
        super().reject()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        # Enter in a multi-line box adds a line; elsewhere it confirms (QDialog default).
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and isinstance(
                self.focusWidget(), QPlainTextEdit):
            return
        super().keyPressEvent(event)

    def done(self, result: int) -> None:
        QSettings().setValue(f"dialogs/{type(self).__name__}/size", self.size())
        super().done(result)

    def _restore_size(self) -> None:
        size = QSettings().value(f"dialogs/{type(self).__name__}/size")
        if size is not None:
            self.resize(size)
        else:
            self.resize(560, 420)


def _value_text(widget: QWidget) -> str:
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QComboBox):
        return str(widget.currentIndex())
    if isinstance(widget, QCheckBox):
        return str(widget.isChecked())
    if isinstance(widget, QDateEdit):
        return widget.date().toString()
    return ""


def button_row(*buttons: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    return row


def push(text: str, *, object_name: str = "", slot: Callable[[], object] | None = None,
         shortcut: str = "") -> QPushButton:
    button = QPushButton(text)
    if object_name:
        button.setObjectName(object_name)
    if slot is not None:
        button.clicked.connect(slot)
    if shortcut:
        button.setShortcut(shortcut)
    return button
