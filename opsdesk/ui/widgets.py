"""Form building blocks: dialogs that show a service's Polish message at the field it
concerns, keep what was typed, ask before throwing typed text away, and remember their size."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QDate, QPoint, QRect, QSettings, QSize, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QToolTip,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from opsdesk import clock
from opsdesk.changes import Changes
from opsdesk.errors import (
    ConflictError,
    DatabaseInMaintenance,
    DatabaseRestored,
    RuleError,
    ValidationError,
)
from opsdesk.formatting import format_date, parse_date
from opsdesk.labels import label
from opsdesk.ui import operations
from opsdesk.ui.context import AppContext
from opsdesk.ui.errors import confirm

T = TypeVar("T")
ERROR_STYLE = "color: #B34700; font-weight: bold;"
FIELD_ERROR_STYLE = "border: 2px solid #B34700;"

_AMOUNT = re.compile(r"\d+([.,]\d{1,2})?")
_THOUSANDS = re.compile(r"\d{1,3}([.,]\d{3})+")


def date_error(text: str) -> str:
    """What is wrong with a date typed as dd.mm.rrrr ("" when right or empty)."""
    if not text.strip():
        return ""
    try:
        parse_date(text)
    except RuleError as exc:
        return exc.message
    return ""


def required(caption: str) -> Callable[[str], str]:
    """A field that must be filled in: its hint names it."""
    return lambda text: "" if text.strip() else f"Wpisz: {caption.lower()}."


def amount_error(text: str, *, required: bool = True) -> str:
    """What is wrong with an amount as typed ("" when nothing): empty, negative, or
    ambiguous ("12,345" — twelve thousand or twelve złoty?)."""
    typed = text.replace(" ", "").replace("\u00a0", "").removesuffix("zł")
    if not typed:
        return "Wpisz kwotę (np. 1234,56)." if required else ""
    if typed.startswith("-"):
        return "Kwota nie może być ujemna."
    if _THOUSANDS.fullmatch(typed) and not _AMOUNT.fullmatch(typed):
        return (f"„{text}” — niejednoznaczne: wpisz kwotę bez separatora tysięcy, "
                "z co najwyżej dwoma miejscami po przecinku (np. 12345,00).")
    if not _AMOUNT.fullmatch(typed):
        return "Wpisz kwotę cyframi, z co najwyżej dwoma miejscami po przecinku (np. 1234,56)."
    return ""


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
        edit.textEdited.connect(lambda typed: _cut_to(edit, typed, max_len))
    return edit


def _chars(n: int) -> str:
    """"1 znak", "3 znaki", "12 znaków" — the Polish plural."""
    if n == 1:
        return "1 znak"
    few = n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14)
    return f"{n} {'znaki' if few else 'znaków'}"


def _cut_to(edit: QLineEdit, typed: str, max_len: int) -> None:
    """Text past a field's length (a paste of a whole letter) is cut, and the worker is
    told what was cut rather than finding it gone."""
    if len(typed) <= max_len:
        return
    cut = typed[max_len:]
    edit.setText(typed[:max_len])
    shown = cut if len(cut) <= 40 else cut[:40] + "…"
    message = f"Pole mieści {max_len} znaków — obcięto {_chars(len(cut))}: „{shown}”."
    edit.setProperty("cut_message", message)
    edit.setToolTip(message)
    QToolTip.showText(edit.mapToGlobal(edit.rect().bottomLeft()), message, edit)


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
        self.opened_on = ctx.db.identity if ctx is not None else None  # login: no context yet
        self._fields: dict[str, QWidget] = {}
        self._captions: dict[str, str] = {}
        # Checks run as the worker types: the field framed red, the hint under it.
        self._checks: dict[str, tuple[Callable[[str], str], QLabel]] = {}
        self._pristine: dict[str, str] = {}
        self.form = QFormLayout()
        # A caption goes above its field when the two do not fit side by side.
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.error_label = QLabel()
        self.error_label.setObjectName("formError")
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._submit_checked)
        self.buttons.rejected.connect(self.reject)
        self.ok_button.setToolTip("Enter (w polu wielowierszowym Ctrl+Enter)")
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, activated=self.ok_button.click)
        # The field the focus starts in; by default the first empty one.
        self.first_field = ""
        # The fields scroll, the message and the buttons stay in sight: a long form (the
        # interview, the decision) fits a 1366×768 screen.
        body = QWidget()
        body.setObjectName("formBody")
        body.setLayout(self.form)
        self.scroll = scrolling(body)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scroll, 1)
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

    def caption_compared(self, **captions: str) -> None:
        """Name what a save compares but no one field holds (roles ticked in several boxes),
        for the message that shows a colleague's change."""
        self._captions.update(captions)

    def field(self, name: str) -> QWidget:
        return self._fields[name]

    def check(self, field: str, rule: Callable[[str], str], *, live: bool = True) -> None:
        """Check a line field as it is typed (``live``) or when the worker leaves it (a
        date half typed is not yet wrong); ``rule`` gives the Polish hint or "". A hint
        shown goes away as soon as the text is right."""
        widget = self._fields[field]
        assert isinstance(widget, QLineEdit)
        hint = QLabel()
        hint.setObjectName(f"{field}Hint")
        hint.setStyleSheet(ERROR_STYLE)
        hint.setWordWrap(True)
        hint.hide()
        row, _role = self.form.getWidgetPosition(widget)
        self.form.insertRow(row + 1, "", hint)
        self._checks[field] = (rule, hint)
        widget.textEdited.connect(
            lambda _t: self.field_problem(field) if live or hint.isVisible() else None)
        if not live:
            widget.editingFinished.connect(lambda: self.field_problem(field))

    def field_problem(self, field: str) -> str:
        """Run a field's check and show its result at the field."""
        rule, hint = self._checks[field]
        widget = self._fields[field]
        assert isinstance(widget, QLineEdit)
        problem = rule(widget.text()) if widget.isVisibleTo(self) or not self.isVisible() \
            else ""
        hint.setText(problem)
        hint.setVisible(bool(problem))
        widget.setStyleSheet(FIELD_ERROR_STYLE if problem else "")
        return problem

    def _submit_checked(self) -> None:
        """Nothing is saved while a field says what is wrong with it."""
        wrong = [name for name in self._checks if self.field_problem(name)]
        if wrong:
            self.scroll.ensureWidgetVisible(self._fields[wrong[0]])
            self._fields[wrong[0]].setFocus()
            return
        self.submit()

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
            self.scroll.ensureWidgetVisible(widget)
            widget.setFocus()

    def run_write(self, fn: Callable[[Session], T], *,
                  changed: Changes = Changes.NOTHING) -> tuple[bool, T | None]:
        """Save through the service; a ValidationError lands at its field, the rest in a
        dialog. The dialog stays open with everything typed unless the save succeeded."""
        try:
            if self.opened_on is not None and self.ctx.db.identity != self.opened_on:
                raise DatabaseRestored()  # noticed by an action since the form was opened
            result = operations.call(lambda: self.ctx.db.write(fn))
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

    def save(self, fn: Callable[[Session], Any], *, changed: Changes = Changes.NOTHING) -> None:
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

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        fit_to_screen(self)
        super().showEvent(event)
        own = {self.ok_button, self.buttons.button(QDialogButtonBox.StandardButton.Cancel)}
        keyboard_hints([b for b in self.findChildren(QPushButton) if b not in own], set())
        start = self._fields.get(self.first_field) or next(
            (w for w in self._fields.values() if isinstance(w, (QLineEdit, QPlainTextEdit))
             and w.isEnabled() and not w.isHidden() and not _value_text(w)), None)
        if start is not None:
            start.setFocus()
            self.scroll.ensureWidgetVisible(start)

    def done(self, result: int) -> None:
        QSettings().setValue(f"dialogs/{type(self).__name__}/size", self.size())
        super().done(result)

    def _restore_size(self) -> None:
        size = QSettings().value(f"dialogs/{type(self).__name__}/size")
        if size is not None:
            self.resize(size)
        else:
            self.resize(560, 420)

    def resize(self, *args: Any) -> None:  # type: ignore[override]
        """A size set in code or remembered is kept within the screen."""
        super().resize(*args)
        fit_to_screen(self)


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


# Room for a window's title bar, which the available geometry does not include, and for its
# side borders (a window as wide as the screen put its right border off the screen).
TITLE_BAR = 32
BORDERS = 8


def fit_to_screen(window: QWidget) -> None:
    """Make a window no larger than its screen's available geometry (above the taskbar) and
    put it wholly on the screen: a remembered or a coded size may be a larger screen's."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return
    area = screen.availableGeometry()
    size = window.size().boundedTo(QSize(area.width() - BORDERS, area.height() - TITLE_BAR))
    if size != window.size():
        window.resize(size)
    frame = QRect(window.pos(), size + QSize(BORDERS, TITLE_BAR))
    if not area.contains(frame) and window.isWindow():
        x = min(max(frame.x(), area.x()), area.right() + 1 - size.width() - BORDERS)
        y = min(max(frame.y(), area.y()), area.bottom() + 1 - size.height() - TITLE_BAR)
        window.move(max(x, area.x()), max(y, area.y()))


class _FillBox(QVBoxLayout):
    """A box that gives its content the room there is: without height-for-width, a scroll
    area sizes it by its least size, not by the preferred height of its wrapped labels."""

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return False


def scrolling(widget: QWidget, *, fill: bool = False) -> QScrollArea:
    """``widget`` in a frameless scroll area: it may be long, the window stays small.
    ``fill``: a whole screen (a tab), scrolled only when its least size does not fit."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    if fill:
        holder = QWidget()
        box = _FillBox(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(widget)
        widget = holder
    area.setWidget(widget)
    return area


class FlowLayout(QLayout):
    """Buttons in rows that wrap to the width there is: a row of many buttons does not
    widen the window beyond the screen."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 - Qt override
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt override
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt override
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 - Qt override
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 - Qt override
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return self.minimumSize()

    def minimumSize(self) -> QSize:  # noqa: N802 - Qt override
        size = QSize()
        for item in self._visible():
            size = size.expandedTo(item.minimumSize())
        return size

    def _visible(self) -> list[QLayoutItem]:
        return [i for i in self._items if i.widget() is None or not i.widget().isHidden()]

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        x, y, row_height = rect.x(), rect.y(), 0
        for item in self._visible():
            hint = item.sizeHint()
            if x + hint.width() > rect.right() + 1 and row_height > 0:
                x, y = rect.x(), y + row_height + self._spacing
                row_height = 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._spacing
            row_height = max(row_height, hint.height())
        return y + row_height - rect.y()


class ActionPanel(QWidget):
    """The actions for the selected row in fixed places: a grid whose buttons are enabled
    and disabled with the row's state, never shown and hidden, so the next click lands
    where the worker aimed it."""

    def __init__(self, buttons: list[QPushButton], *, columns: int = 2,
                 object_name: str = "") -> None:
        super().__init__()
        if object_name:
            self.setObjectName(object_name)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for n, button in enumerate(buttons):
            grid.addWidget(button, n // columns, n % columns)
        for column in range(columns):
            grid.setColumnStretch(column, 1)


def button_row(*buttons: QWidget) -> FlowLayout:
    row = FlowLayout()
    for button in buttons:
        row.addWidget(button)
    return row


_LATIN = str.maketrans("ĄĆĘŁŃÓŚŹŻąćęłńóśźż", "ACELNOSZZacelnoszz")


def keyboard_hints(buttons: list[QPushButton], taken: set[str]) -> set[str]:
    """Every button without a shortcut gets Alt and a key — a letter of its text, else a
    digit, else Shift and a letter — told in its tooltip, so a screen's actions can be
    reached without the mouse. Keys are unique among ``buttons`` and not in ``taken``
    (buttons shown beside them); the text stays as it is. Returns the keys in use."""
    used = set(taken) | {b.property("alt_hint") for b in buttons if b.property("alt_hint")}
    for button in buttons:
        if (not button.shortcut().isEmpty() or "&" in button.text()
                or not button.text().strip() or button.property("alt_hint")):
            continue
        text = button.text().translate(_LATIN).upper()
        initials = [w[0] for w in text.split() if w and w[0].isascii() and w[0].isalpha()]
        letters = [c for c in text if c.isascii() and c.isalpha()]
        pool = [*initials, *letters, *"123456789", *(f"Shift+{c}" for c in [*initials, *letters])]
        key = next((c for c in pool if c not in used), None)
        if key is None:
            continue
        used.add(key)
        button.setProperty("alt_hint", key)
        # A hidden or disabled button's shortcut does not fire (Qt), so pages that are
        # never shown together may use the same keys.
        QShortcut(QKeySequence(f"Alt+{key}"), button, activated=button.animateClick)
        tip = button.toolTip()
        button.setToolTip(f"{tip}\nSkrót: Alt+{key}" if tip else f"Skrót: Alt+{key}")
    return used


def _outer_page(widget: QWidget, root: QWidget) -> QWidget | None:
    """The outermost page of a stack (a tab's page) between ``widget`` and ``root``."""
    page = None
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent.parentWidget(), QStackedWidget):
            page = parent
        parent = parent.parentWidget()
    return page


def hint_screen(root: QWidget, taken: set[str]) -> None:
    """Alt-keys for a screen's buttons: those always shown together unique, each page of
    an inner tab widget given its own on top of them."""
    buttons = root.findChildren(QPushButton)
    used = keyboard_hints([b for b in buttons if _outer_page(b, root) is None], taken)
    pages: list[QWidget] = []
    for button in buttons:
        page = _outer_page(button, root)
        if page is not None and page not in pages:
            pages.append(page)
    for page in pages:
        hint_screen(page, used)


def push(text: str, *, object_name: str = "", slot: Callable[[], object] | None = None,
         shortcut: str = "") -> QPushButton:
    button = QPushButton(text)
    if object_name:
        button.setObjectName(object_name)
    if slot is not None:
        button.clicked.connect(slot)
    if shortcut:
        button.setShortcut(shortcut)
        shown = QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)
        button.setToolTip(f"Skrót: {shown}")
    return button


def read_chosen_file(ctx: AppContext, parent: QWidget, title: str, pattern: str) -> bytes | None:
    """A file the worker picks, read whole; None when none was picked or it cannot be read
    (the reason shown in Polish)."""
    chosen, _ = QFileDialog.getOpenFileName(parent, title, "", pattern)
    if not chosen:
        return None
    try:
        return Path(chosen).read_bytes()
    except OSError as exc:
        why = ("nie ma go już w tym miejscu" if isinstance(exc, FileNotFoundError) else
               "brak uprawnień do odczytu" if isinstance(exc, PermissionError) else
               exc.strerror or str(exc))
        ctx.failed(parent, ValidationError(f"Nie można odczytać pliku {Path(chosen).name}: "
                                           f"{why}."))
        return None
