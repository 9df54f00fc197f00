"""Lists are models: one table model for plain-data rows with columns declared once."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QHeaderView,
    QMenu,
    QTableView,
    QWidget,
)

R = TypeVar("R")
Index = QModelIndex | QPersistentModelIndex

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
# Status colours from the Okabe-Ito palette, which colour-blind users tell apart (no red
# against green; "in order" is blue, application.ACCENT), darkened to read as text on white
# (contrast over 5:1). The text says the state too ("po terminie"), and what is past is also
# bold: colour is never the only signal.
RED = QColor("#B34700")  # vermillion: past, urgent, unread
AMBER = QColor("#8F6400")  # orange: near


@dataclass(frozen=True)
class Column(Generic[R]):
    title: str
    text: Callable[[R], str]
    sort_key: Callable[[R], Any] | None = None
    align_right: bool = False
    color: Callable[[R], QColor | None] | None = None


class RowsModel(QAbstractTableModel, Generic[R]):
    def __init__(self, columns: Sequence[Column[R]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[R] = []

    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> R | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rows(self) -> list[R]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.text(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column.color:
            color = column.color(row)
            return QBrush(color) if color else None
        if role == Qt.ItemDataRole.FontRole and column.color and column.color(row) == RED:
            font = QFont()
            font.setBold(True)
            return font
        if role == ROW_ROLE:
            return row
        if role == SORT_ROLE:
            return column.sort_key(row) if column.sort_key else column.text(row)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self._columns)):
            return self._columns[section].title
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Names sort the Polish way (QCollator: "Łukasik" before "Zając")."""
        from PySide6.QtCore import QCollator

        collator = QCollator(QLocale(QLocale.Language.Polish, QLocale.Country.Poland))
        col = self._columns[column]

        def key(row: R) -> Any:
            value = col.sort_key(row) if col.sort_key else col.text(row)
            return collator.sortKey(value) if isinstance(value, str) else value

        self.layoutAboutToBeChanged.emit()
        self._rows.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
        self.layoutChanged.emit()


def make_table(model: RowsModel[Any], parent: QWidget | None = None, *,
               object_name: str = "") -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    view.setSortingEnabled(True)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    # Columns are sized to the first rows, not to every one of a long list.
    view.horizontalHeader().setResizeContentsPrecision(FIT_ROWS)
    view.setWordWrap(False)
    view.setTabKeyNavigation(False)  # Tab leaves the list for the next field or button
    model.modelReset.connect(lambda: _fit_first_rows(view))
    fit_columns(view)  # an empty list's headers whole, not cut to the default width
    if object_name:
        view.setObjectName(object_name)
    return view


MAX_COLUMN = 360
FIT_ROWS = 100


def _fit_first_rows(view: QTableView) -> None:
    """Columns are fitted to the first rows a list gets, not again at each refresh: that
    would cost a long list a few dozen milliseconds and undo the worker's own widths."""
    if view.property("fitted") or view.model().rowCount() == 0:
        return
    fit_columns(view)
    view.setProperty("fitted", True)


def fit_columns(view: QTableView) -> None:
    """Size columns to what they show (lists are capped, so this stays cheap), within reason."""
    view.resizeColumnsToContents()
    header = view.horizontalHeader()
    for column in range(header.count() - 1):
        if header.sectionSize(column) > MAX_COLUMN:
            header.resizeSection(column, MAX_COLUMN)


class _RowKeys(QObject):
    """Enter on a list's row opens its actions' menu (the mouse's right button does too)."""

    def __init__(self, view: QTableView, menu: Callable[[QPoint], None]) -> None:
        super().__init__(view)
        self._view, self._menu = view, menu

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and self._view.currentIndex().isValid()):
            rect = self._view.visualRect(self._view.currentIndex())
            self._menu(rect.bottomLeft())
            return True
        return False


def row_actions(view: QTableView, buttons: Callable[[], Sequence[QAbstractButton]]) -> None:
    """The row's actions — the buttons that are shown and enabled for it, in their order —
    in a context menu, opened by the right button or by Enter on the row."""

    def menu(at: QPoint) -> None:
        if selected_row(view) is None:
            return
        shown = [b for b in buttons() if b.isVisibleTo(b.window()) and b.isEnabled()]
        if not shown:
            return
        popup = QMenu(view)
        popup.setObjectName("rowActions")
        for button in shown:
            action = popup.addAction(button.text().replace("&", ""))
            action.triggered.connect(button.click)
            if not button.shortcut().isEmpty():
                action.setShortcut(button.shortcut())
        popup.setActiveAction(popup.actions()[0])
        popup.exec(view.viewport().mapToGlobal(at))

    view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    view.customContextMenuRequested.connect(menu)
    view.installEventFilter(_RowKeys(view, menu))


def selected_row(view: QTableView) -> Any:
    indexes = view.selectionModel().selectedRows() if view.selectionModel() else []
    if not indexes:
        return None
    return view.model().data(indexes[0], ROW_ROLE)


def reselect(view: QTableView, matches: Callable[[Any], bool]) -> bool:
    """After a reload, select again the row that matches; True when found (its selection
    signal has then shown the detail already, so the caller shows it only when False)."""
    model = view.model()
    for r in range(model.rowCount()):
        if matches(model.data(model.index(r, 0), ROW_ROLE)):
            view.selectRow(r)
            return True
    return False


def deadline_color(deadline: Any, today: date) -> QColor | None:
    """Vermillion for a deadline past, orange for one near (``queue.Deadline.mark``), else none."""
    mark = deadline.mark(today) if deadline else ""
    return RED if mark == "past" else AMBER if mark == "near" else None
