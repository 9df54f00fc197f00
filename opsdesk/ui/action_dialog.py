"""A small form whose OK runs one service call built from what was typed: social work's
actions and Niebieska Karta's steps. The call runs on the database worker, which must never
touch a widget, so what was typed is taken when OK is pressed and the call reads that."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDateEdit,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)
from sqlalchemy.orm import Session

from opsdesk.changes import Changes
from opsdesk.errors import ValidationError
from opsdesk.formatting import parse_date
from opsdesk.ui.context import AppContext
from opsdesk.ui.widgets import EnumCombo, FormDialog, to_date


def typed_value(widget: QWidget) -> Any:
    """What a field holds, as the service takes it."""
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QDateEdit):
        return to_date(widget)
    if isinstance(widget, EnumCombo):
        return widget.value()
    if isinstance(widget, QComboBox):
        return widget.currentData()
    if isinstance(widget, QAbstractButton):
        return widget.isChecked()
    if isinstance(widget, QSpinBox):
        return widget.value()
    raise TypeError(widget.objectName())


class ActionDialog(FormDialog):
    """A typed date that is no date is refused at its field before anything is sent; an
    action that asks first and is answered No builds no call (None): the form stays open
    as typed. ``changed``: the areas the call changes."""

    def __init__(self, ctx: AppContext, title: str, fields: list[tuple[str, str, QWidget]],
                 action: Callable[[ActionDialog], Callable[[Session], Any] | None],
                 parent: QWidget | None = None, *, changed: Changes) -> None:
        super().__init__(ctx, title, parent)
        # Used once: deleted when its exec() returns, not kept hidden under the tab until
        # the window closes (one more per action run). A form left behind like that, after
        # a question asked from it, crashed Qt while painting as the window went away.
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.action = action
        self.changed = changed
        self.names = [name for name, _caption, _widget in fields]
        self.values: dict[str, Any] = {}
        for name, caption, widget in fields:
            self.add(name, caption, widget)
        self.mark_pristine()

    def value(self, name: str) -> Any:
        """What was typed; after "OK", as it was then."""
        if name in self.values:
            return self.values[name]
        return self._typed(name)

    def _typed(self, name: str) -> Any:
        return typed_value(self.field(name))

    def dates(self, name: str) -> tuple[date, ...]:
        """Dates typed in one line: "15.12.2026, 29.01.2027"."""
        parts = [p for p in self.value(name).replace(";", ",").split(",") if p.strip()]
        try:
            return tuple(parse_date(p) for p in parts)
        except ValueError as exc:
            raise ValidationError(str(exc), field=name) from None

    def submit(self) -> None:
        self.values = {name: self._typed(name) for name in self.names}
        try:
            fn = self.action(self)
        except ValidationError as exc:
            self.show_field_error(exc.message, exc.field)
            return
        if fn is not None:
            self.save(fn, changed=self.changed)
