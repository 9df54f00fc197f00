"""A small grouped bar chart drawn with QPainter (PySide6-Essentials has no QtCharts): for
each category a bar for the period and, beside it, one for the period before. Every bar
carries its number, so the colour is never the only signal, and the same figures are in
the tables next to it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

CURRENT = QColor("#2f5d8a")
PREVIOUS = QColor("#b9c7d6")
AXIS = QColor("#555555")
LEGEND = ("wybrany okres", "poprzedni okres")


@dataclass(frozen=True)
class ChartData:
    title: str
    categories: tuple[str, ...]
    current: tuple[float, ...]
    previous: tuple[float, ...] | None  # None: nothing to compare with


def _number(value: float) -> str:
    return f"{value:g}".replace(".", ",")


class BarChart(QWidget):
    def __init__(self, parent: QWidget | None = None, *, object_name: str = "") -> None:
        super().__init__(parent)
        if object_name:
            self.setObjectName(object_name)
        self.data: ChartData | None = None
        self.setMinimumSize(260, 220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_data(self, data: ChartData | None) -> None:
        self.data = data
        words = self.describe()
        self.setToolTip(words)
        self.setAccessibleDescription(words)
        self.update()

    def describe(self) -> str:
        """The chart in words (tooltip and screen readers)."""
        if self.data is None:
            return ""
        d = self.data
        parts = []
        for i, name in enumerate(d.categories):
            before = f" (poprzednio {_number(d.previous[i])})" if d.previous else ""
            parts.append(f"{name}: {_number(d.current[i])}{before}")
        return f"{d.title}: " + "; ".join(parts)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(8, 6, -8, -6)
        painter.fillRect(self.rect(), self.palette().base())
        if self.data is None or not self.data.categories:
            painter.setPen(AXIS)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, "Brak danych do wykresu.")
            return
        self._draw(painter, rect, self.data)

    def _draw(self, painter: QPainter, rect: QRectF, d: ChartData) -> None:
        font = QFont(self.font())
        metrics = QFontMetrics(font)
        line = metrics.height()
        bold = QFont(font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(AXIS)
        painter.drawText(QRectF(rect.left(), rect.top(), rect.width(), line),
                         Qt.AlignmentFlag.AlignLeft, d.title)
        painter.setFont(font)
        legend_y = rect.top() + line + 2
        x = rect.left()
        for color, text in ((CURRENT, LEGEND[0]), (PREVIOUS, LEGEND[1]))[
                :2 if d.previous else 1]:
            painter.fillRect(QRectF(x, legend_y + 3, 10, 10), color)
            painter.drawText(QRectF(x + 14, legend_y, metrics.horizontalAdvance(text) + 4, line),
                             Qt.AlignmentFlag.AlignLeft, text)
            x += metrics.horizontalAdvance(text) + 34
        plot = QRectF(rect.left(), legend_y + line + line + 4, rect.width(),
                      rect.bottom() - (legend_y + line + line + 4) - 2 * line - 4)
        if plot.height() < 20:
            return
        values = list(d.current) + list(d.previous or ())
        top = max(values + [1.0])
        painter.setPen(QPen(AXIS, 1))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        slot = plot.width() / len(d.categories)
        bars = 2 if d.previous else 1
        width = min(36.0, slot * 0.7 / bars)
        for i, name in enumerate(d.categories):
            left = plot.left() + i * slot + (slot - bars * width) / 2
            series = [(d.current[i], CURRENT)] + ([(d.previous[i], PREVIOUS)] if d.previous
                                                   else [])
            for j, (value, color) in enumerate(series):
                height = plot.height() * value / top
                bar = QRectF(left + j * width, plot.bottom() - height, width - 2, height)
                painter.fillRect(bar, color)
                painter.drawText(QRectF(bar.left() - 10, bar.top() - line, bar.width() + 20,
                                        line), Qt.AlignmentFlag.AlignCenter, _number(value))
            label = metrics.elidedText(name, Qt.TextElideMode.ElideRight, int(slot) - 4)
            painter.drawText(QRectF(plot.left() + i * slot, plot.bottom() + 2, slot, 2 * line),
                             Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, label)


def chart_data(title: str, categories: Sequence[str], current: Sequence[float],
               previous: Sequence[float] | None) -> ChartData:
    return ChartData(title, tuple(categories), tuple(float(v) for v in current),
                     tuple(float(v) for v in previous) if previous is not None else None)
