"""What the cash desk's two slips share — KASA WYPŁACI (KW, a payout) and KASA PRZYJMIE (KP,
a payment): the office and the slip's number at the top, a grid of labelled rows, and two
copies on one A4 sheet cut apart on the dashed line."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepInFrame, Table

from opsdesk.formatting import amount_in_words, format_money
from opsdesk.reports import layout as L
from opsdesk.reports.fonts import BOLD
from opsdesk.reports.views import OfficeView

MARGIN = 14 * mm
_CUT_GAP = 12 * mm


@dataclass(frozen=True)
class SlipStyles:
    title: ParagraphStyle
    cell: ParagraphStyle
    label: ParagraphStyle
    amount: ParagraphStyle


def slip_styles() -> SlipStyles:
    st = L.styles()
    label = ParagraphStyle("slip_label", parent=st.cell_bold, fontSize=9.5, leading=12)
    return SlipStyles(
        title=ParagraphStyle("slip_title", parent=st.right, fontName=BOLD, fontSize=15,
                             leading=18),
        cell=ParagraphStyle("slip_cell", parent=st.cell, fontSize=9.5, leading=12),
        label=label,
        amount=ParagraphStyle("slip_amount", parent=label, fontSize=12, leading=15))


def slip_head(role: str, office: OfficeView, title: str, number: str, copy_label: str,
              width: float) -> Table:
    """The office (``role``: "Wypłacający:", "Przyjmujący:") beside the slip's title, its
    number and which copy this is."""
    st, styles = L.styles(), slip_styles()
    who = [L.para(role, st.tiny), L.para(office.name, st.cell_bold),
           L.para(office.address, st.cell)]
    heading = [L.para(title, styles.title),
               L.para(f"nr <b>{L.markup(number)}</b>", st.right, raw=True),
               L.para(copy_label, ParagraphStyle("slip_copy", parent=st.right, fontSize=8,
                                                 leading=10, textColor=L.GREY))]
    return L.table([[who, heading]], [width * 0.6, width * 0.4], tight=True)


def person_text(name: str, address: str, pesel: str) -> str:
    """The person paid or paying, as markup: name in bold, address, PESEL when known."""
    text = f"<b>{L.markup(name)}</b>, {L.markup(address)}"
    return text + f", PESEL {L.markup(pesel)}" if pesel else text


def money_rows(place: str, day: date, who: tuple[str, str], purpose: str,
               amount: Decimal) -> list[list[Flowable]]:
    """The rows both slips have: place and date, the person (``who``: the row's label and
    ``person_text``), what for, the amount in figures and in words."""
    styles = slip_styles()
    cell, label = styles.cell, styles.label
    return [
        [L.para("Miejscowość i data", label), L.para(L.place_and_date(place, day), cell)],
        [L.para(who[0], label), L.para(who[1], cell, raw=True)],
        [L.para("Tytułem", label), L.para(purpose, cell)],
        [L.para("Kwota", label), L.para(format_money(amount), styles.amount)],
        [L.para("Słownie", label), L.para(amount_in_words(amount), cell)],
    ]


def slip_body(rows: list[list[Flowable]], label_share: float, width: float) -> Table:
    """The labelled rows in a grid, the labels shaded."""
    return L.table(rows, [width * label_share, width * (1 - label_share)], [
        ("GRID", (0, 0), (-1, -1), 0.4, L.GREY),
        ("BACKGROUND", (0, 0), (0, -1), L.LIGHT_GREY),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ])


def slip_width() -> float:
    return L.frame_width(L.PORTRAIT, MARGIN)


def two_copies(copy: Callable[[str, float], list[Flowable]],
               labels: tuple[str, str]) -> list[Flowable]:
    """One sheet: the original above the cut line, the copy below, each exactly half a
    sheet with its content at the top (shrunk if it would not fit)."""
    width = slip_width()
    usable = L.PORTRAIT[1] - 2 * MARGIN - 2 * L.FRAME_PADDING
    # Equal margins top and bottom put the cut line exactly across the middle of the sheet.
    half = (usable - _CUT_GAP) / 2 - 1

    def fixed(content: list[Flowable]) -> Table:
        return L.table([[KeepInFrame(width, half, content, mode="shrink")]], [width],
                       tight=True, rowHeights=[half])

    return [fixed(copy(labels[0], width)), L.CutLine(_CUT_GAP, L.PORTRAIT[0], MARGIN),
            fixed(copy(labels[1], width))]
