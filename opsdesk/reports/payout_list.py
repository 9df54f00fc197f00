"""Lista wypłat: landscape A4, cash (signature and date columns) or transfer (account column).

Long lists are the norm (a thousand rows must render in about a second), so the
rows are wrapped and measured here and laid out as one plain-string Table per
page: reportlab never has to split a huge table or lay out thousands of
Paragraphs. Each page closes with its own sum and the running total.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer, Table, TableStyle

from opsdesk.formatting import amount_in_words, format_date, format_money, plural_pl
from opsdesk.reports import layout as L
from opsdesk.reports.fonts import BOLD, REGULAR, register_fonts
from opsdesk.reports.views import PayoutListView, PayoutRow

CASH = "CASH"
TRANSFER = "TRANSFER"

_MARGIN = L.NARROW_MARGIN
_TOP_MARGIN = 16 * mm
_BOTTOM_MARGIN = 16 * mm
_FONT_SIZE = 7.5
_LEADING = 9.0
_PAD_V = 2.5
_PAD_H = 3.0
_CASH_MIN_ROW = 9 * mm  # room for a handwritten signature


@dataclass(frozen=True)
class _Column:
    title: str
    width_mm: float
    align: str = "LEFT"


_CASH_COLUMNS = (
    _Column("Lp.", 9, "RIGHT"),
    _Column("Imię i nazwisko", 35),
    _Column("Adres", 45),
    _Column("PESEL", 20),
    _Column("Decyzja (nr i data)", 38),
    _Column("Świadczenie i okres", 40),
    _Column("Kwota", 21, "RIGHT"),
    _Column("Podpis odbierającego", 40),
    _Column("Data odbioru", 20),
)
_TRANSFER_COLUMNS = (
    _Column("Lp.", 9, "RIGHT"),
    _Column("Imię i nazwisko", 36),
    _Column("Adres", 47),
    _Column("PESEL", 20),
    _Column("Decyzja (nr i data)", 38),
    _Column("Świadczenie i okres", 41),
    _Column("Kwota", 21, "RIGHT"),
    _Column("Nr rachunku", 56),
)


def _columns(method: str) -> tuple[_Column, ...]:
    if method == CASH:
        return _CASH_COLUMNS
    if method == TRANSFER:
        return _TRANSFER_COLUMNS
    raise ValueError(f"unknown payout method: {method!r}")


def format_account(number: str) -> str:
    """NRB (26 digits) grouped 2 + 6×4 as printed on Polish bank documents."""
    digits = re.sub(r"\s", "", number)
    if re.fullmatch(r"\d{26}", digits):
        return " ".join([digits[:2]] + [digits[i:i + 4] for i in range(2, 26, 4)])
    return number.strip()


def _split_words(text: str, width: float, font: str) -> list[str]:
    """Greedy line breaking on ordinary spaces only (no-break spaces hold)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current = ""
        for word in paragraph.split(" "):
            candidate = f"{current} {word}" if current else word
            if current and stringWidth(candidate, font, _FONT_SIZE) > width:
                lines.append(current)
                current = word
            else:
                current = candidate
        lines.append(current)
    return lines


def _wrap(text: str, width: float, font: str) -> list[str]:
    """Wrap to the cell width; a word longer than the cell (a long decision number) is
    broken after a dot, slash or hyphen, or cut as a last resort, rather than overflow."""
    lines: list[str] = []
    for line in _split_words(L.tie(text), width, font):
        while stringWidth(line, font, _FONT_SIZE) > width and len(line) > 1:
            cut = len(line) - 1
            while cut > 1 and stringWidth(line[:cut], font, _FONT_SIZE) > width:
                cut -= 1
            soft = max(line.rfind(ch, 0, cut) for ch in "./-,\u00a0")
            if soft > 0:
                cut = soft + 1
            lines.append(line[:cut])
            line = line[cut:]
        lines.append(line)
    return lines


def _cells(row: PayoutRow, method: str) -> list[str]:
    cells = [
        f"{row.lp}.",
        row.name,
        row.address,
        row.pesel or "—",
        f"{row.decision_number}\nz dnia {format_date(row.decision_date)} r.",
        f"{row.benefit_label}\n{row.period_text}" if row.period_text else row.benefit_label,
        format_money(row.amount) + (f"\n(potrącono {format_money(row.deduction)} "
                                    "na należność)" if row.deduction else ""),
    ]
    if method == CASH:
        cells += ["", ""]
    else:
        cells.append(format_account(row.account_number) or "—")
    return cells


def _layout_row(texts: Sequence[str], widths: Sequence[float], font: str, min_height: float
                ) -> tuple[list[str], float]:
    wrapped = [_wrap(t, w - 2 * _PAD_H, font) for t, w in zip(texts, widths)]
    lines = max(len(w) for w in wrapped)
    height = max(min_height, lines * _LEADING + 2 * _PAD_V + 1)
    return ["\n".join(w) for w in wrapped], height


def _chunk_table(header: list[str], header_h: float, rows: list[list[str]], heights: list[float],
                 footer: list[list[str]], footer_h: float, widths: list[float],
                 columns: Sequence[_Column]) -> Table:
    data = [header, *rows, *footer]
    table = Table(data, colWidths=widths,
                  rowHeights=[header_h, *heights, *([footer_h] * len(footer))], repeatRows=1)
    n = len(data)
    commands = [
        ("FONT", (0, 0), (-1, -1), REGULAR, _FONT_SIZE, _LEADING),
        ("FONT", (0, 0), (-1, 0), BOLD, _FONT_SIZE, _LEADING),
        ("BACKGROUND", (0, 0), (-1, 0), L.LIGHT_GREY),
        ("GRID", (0, 0), (-1, n - 1 - len(footer)), 0.4, L.GREY),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (0, 0), (-1, 0), "CENTER"),
        ("TOPPADDING", (0, 0), (-1, -1), _PAD_V),
        ("BOTTOMPADDING", (0, 0), (-1, -1), _PAD_V),
        ("LEFTPADDING", (0, 0), (-1, -1), _PAD_H),
        ("RIGHTPADDING", (0, 0), (-1, -1), _PAD_H),
    ]
    for i, col in enumerate(columns):
        if col.align != "LEFT":
            commands.append(("ALIGN", (i, 1), (i, -1), col.align))
    amount_col = next(i for i, c in enumerate(columns) if c.title == "Kwota")
    for k in range(len(footer)):
        r = n - len(footer) + k
        commands += [
            ("SPAN", (0, r), (amount_col - 1, r)),
            ("ALIGN", (0, r), (amount_col - 1, r), "RIGHT"),
            ("FONT", (0, r), (-1, r), BOLD, _FONT_SIZE, _LEADING),
            ("BOX", (amount_col, r), (amount_col, r), 0.4, L.GREY),
        ]
    table.setStyle(TableStyle(commands))
    return table


def _header_flowables(view: PayoutListView, width: float) -> list[Flowable]:
    st = L.styles()
    method = ("gotówka w kasie (za pokwitowaniem)" if view.method == CASH
              else "przelew na rachunek bankowy")
    story = L.letterhead(view.office, town_date=None, width=width)[:3]
    story += [
        L.para(f"LISTA WYPŁAT nr {view.number}", st.title),
        L.para(view.title, st.subtitle),
        L.para(f"Data wypłaty: <b>{format_date(view.payout_date)} r.</b>   ·   "
               f"Forma wypłaty: <b>{method}</b>", L.styles().center, raw=True),
        Spacer(1, 3 * mm),
    ]
    return story


def _height_of(flowables: Sequence[Flowable], width: float) -> float:
    total = 0.0
    for f in flowables:
        total += f.wrap(width, 10_000)[1] + f.getSpaceBefore() + f.getSpaceAfter()
    return total


def paginate(heights: Sequence[float], *, first: float, later: float, tail: float) -> list[range]:
    """Split rows of the given heights into pages: `first` and `later` are the room for rows
    on the first and the following pages, `tail` the height of what follows the last row.

    The closing total and signatures never stand alone on a page: if they do not fit under
    the last rows, a couple of rows move over with them. There is always at least one page.
    """
    pages: list[range] = []
    start = 0
    room = first
    while True:
        end = start
        used = 0.0
        while end < len(heights) and (end == start or used + heights[end] <= room):
            used += heights[end]
            end += 1
        if end == len(heights):
            if used + tail > room and end - start > 1 and start < end:
                moved = min(2, end - start - 1)
                pages.append(range(start, end - moved))
                pages.append(range(end - moved, end))
            else:
                pages.append(range(start, end))
            return pages
        pages.append(range(start, end))
        start = end
        room = later


def _summary_items(view: PayoutListView, total: Decimal, width: float) -> list[Flowable]:
    st = L.styles()
    count = len(view.rows)
    items: list[Flowable] = [
        Spacer(1, 4 * mm),
        L.para(f"Lista obejmuje <b>{count}</b> "
               f"{plural_pl(count, 'pozycję', 'pozycje', 'pozycji')}.", st.body_left, raw=True),
        L.para(f"Ogółem do wypłaty: <b>{format_money(total)}</b>", st.body_left, raw=True),
        L.para(f"słownie: {L.markup(amount_in_words(total))}", st.body_left, raw=True),
    ]
    if view.method == CASH:
        items.append(L.para("Wypłacono ogółem: ............................. zł; pozycje "
                            "niepodjęte (lp.): ...........................................",
                            st.small))
    entries = [("sporządził", view.drawn_up_by), ("sprawdził", view.checked_by),
               ("zatwierdził", view.approved_by)]
    if view.method == CASH:
        entries.append(("kasjer", ""))
    items += [Spacer(1, 4 * mm), L.signature_lines(entries, width=width)]
    return items


def render_payout_list(view: PayoutListView) -> bytes:
    register_fonts()  # the rows are measured before anything else touches the fonts
    columns = _columns(view.method)
    width = L.frame_width(L.LANDSCAPE, _MARGIN)
    widths = [c.width_mm * mm for c in columns]
    scale = width / sum(widths)  # exact fit of the frame whatever rounding of the widths
    widths = [w * scale for w in widths]

    header, header_h = _layout_row([c.title for c in columns], widths, BOLD, 0)
    min_row = _CASH_MIN_ROW if view.method == CASH else 0.0
    laid = [_layout_row(_cells(r, view.method), widths, REGULAR, min_row) for r in view.rows]
    footer_h = _LEADING + 2 * _PAD_V + 2

    frame_h = L.LANDSCAPE[1] - _TOP_MARGIN - _BOTTOM_MARGIN - 2 * L.FRAME_PADDING
    head = _header_flowables(view, width)
    total = sum((r.amount for r in view.rows), Decimal("0.00"))
    summary = _summary_items(view, total, width)
    # Slack for rounding in reportlab's own measurement of the same rows.
    safety = 4.0
    table_overhead = header_h + 2 * footer_h
    pages = paginate(
        [h for _, h in laid],
        first=frame_h - _height_of(head, width) - safety - table_overhead,
        later=frame_h - safety - table_overhead,
        tail=_height_of(summary, width),
    )

    story: list[Flowable] = list(head)
    running = Decimal("0.00")
    for number, page in enumerate(pages):
        page_sum = sum((view.rows[k].amount for k in page), Decimal("0.00"))
        running += page_sum
        footer = [
            ["Suma na stronie:", *[""] * 5, format_money(page_sum)],
            ["Narastająco:", *[""] * 5, format_money(running)],
        ]
        pad = len(columns) - len(footer[0])
        footer = [f + [""] * pad for f in footer]
        if number:
            story.append(PageBreak())
        story.append(_chunk_table(header, header_h, [laid[k][0] for k in page],
                                  [laid[k][1] for k in page], footer, footer_h, widths, columns))
    story.append(KeepTogether(summary))

    list_ref = f"Lista wypłat nr {view.number} z dnia {format_date(view.payout_date)} r."

    def later_pages(canvas: Canvas, doc: object) -> None:
        canvas.saveState()
        canvas.setFont(REGULAR, 8)
        canvas.setFillColor(L.GREY)
        top = L.LANDSCAPE[1] - 10 * mm
        canvas.drawString(_MARGIN, top, f"{list_ref} (ciąg dalszy)")
        canvas.drawRightString(L.LANDSCAPE[0] - _MARGIN, top, view.office.name)
        canvas.restoreState()

    return L.build_pdf(story, title=f"Lista wypłat nr {view.number}", office=view.office,
                       subject=view.title, pagesize=L.LANDSCAPE, margin=_MARGIN,
                       top_margin=_TOP_MARGIN, bottom_margin=_BOTTOM_MARGIN, footer_left=list_ref,
                       on_later_pages=later_pages)
