"""What every document shares: styles, letterhead, signatures, page footer, build.

Renderers compose these pieces; none of them repeats layout code of its own.
"""

from __future__ import annotations

import functools
import io
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    HRFlowable,
    KeepTogether,
    LongTable,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from opsdesk.formatting import format_date
from opsdesk.reports.fonts import BOLD, REGULAR, register_fonts
from opsdesk.reports.polish_forms import unit_genitive
from opsdesk.reports.views import OfficeView

PORTRAIT = A4
LANDSCAPE = landscape(A4)
MARGIN = 20 * mm
NARROW_MARGIN = 12 * mm
GREY = colors.HexColor("#555555")
LIGHT_GREY = colors.HexColor("#e6e6e6")
DOTS = "." * 48
FRAME_PADDING = 6.0
"""SimpleDocTemplate's frame padding on each side, in points."""


# ---------------------------------------------------------------- styles


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    body_left: ParagraphStyle
    body_indent: ParagraphStyle
    small: ParagraphStyle
    small_center: ParagraphStyle
    tiny: ParagraphStyle
    office_name: ParagraphStyle
    office_line: ParagraphStyle
    right: ParagraphStyle
    center: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    heading: ParagraphStyle
    section: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_right: ParagraphStyle
    signature: ParagraphStyle
    signature_note: ParagraphStyle


@functools.cache
def styles() -> Styles:
    register_fonts()
    base = ParagraphStyle("base", fontName=REGULAR, bulletFontName=REGULAR, fontSize=10,
                          leading=13.5)

    def s(name: str, **kw: object) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **kw)

    return Styles(
        body=s("body", alignment=TA_JUSTIFY, spaceAfter=5),
        body_left=s("body_left", alignment=TA_LEFT),
        body_indent=s("body_indent", alignment=TA_JUSTIFY, firstLineIndent=8 * mm, spaceAfter=5),
        small=s("small", fontSize=8.5, leading=11),
        small_center=s("small_center", fontSize=8, leading=10, alignment=TA_CENTER),
        tiny=s("tiny", fontSize=7.5, leading=9.5, textColor=GREY),
        office_name=s("office_name", fontName=BOLD, fontSize=11, leading=14),
        office_line=s("office_line", fontSize=8.5, leading=11),
        right=s("right", alignment=TA_RIGHT),
        center=s("center", alignment=TA_CENTER),
        title=s("title", fontName=BOLD, fontSize=14, leading=18, alignment=TA_CENTER,
                spaceBefore=6, spaceAfter=2),
        subtitle=s("subtitle", alignment=TA_CENTER, spaceAfter=10),
        heading=s("heading", fontName=BOLD, fontSize=11, leading=15, alignment=TA_CENTER,
                  spaceBefore=10, spaceAfter=5),
        section=s("section", fontName=BOLD, fontSize=10.5, leading=14, spaceBefore=8, spaceAfter=3),
        cell=s("cell", fontSize=8.5, leading=10.5),
        cell_bold=s("cell_bold", fontName=BOLD, fontSize=8.5, leading=10.5),
        cell_right=s("cell_right", fontSize=8.5, leading=10.5, alignment=TA_RIGHT),
        signature=s("signature", fontSize=10, leading=13, alignment=TA_CENTER),
        signature_note=s("signature_note", fontSize=7.5, leading=9.5, alignment=TA_CENTER,
                         textColor=GREY),
    )


_NBSP = "\u00a0"
# Polish typesetting: a one-letter word never ends a line, and a number stays with its
# abbreviation ("art. 109", "§ 2", "2026 r.", "411,50 zł").
_TIE_RULES = (
    (re.compile(r"(?<![^\s(„])([AaIiOoUuWwZz])[ ]+"), r"\1" + _NBSP),
    (re.compile(r"(?<![^\s(„])(art\.|ust\.|pkt|lit\.|§|nr|poz\.|Dz\.U\.|tel\.)"
                r"[ ]+(?=[\dA-Z])"), r"\1" + _NBSP),
    (re.compile(r"(\d)[ ]+(r\.|zł|gr|%|dni|ha)(?![\wąćęłńóśźż])"), r"\1" + _NBSP + r"\2"),
)


def tie(text: str) -> str:
    """Replace the spaces that must not break a line with no-break spaces."""
    for pattern, replacement in _TIE_RULES:
        text = pattern.sub(replacement, text)
    return text


def markup(text: str) -> str:
    """Escape user text for a Paragraph; keep line breaks; tie short words."""
    return escape(tie(text.strip())).replace("\n", "<br/>")


def para(text: str, style: ParagraphStyle, *, raw: bool = False) -> Paragraph:
    """A paragraph of user text (escaped) or of trusted markup (raw=True, tied only)."""
    return Paragraph(tie(text) if raw else markup(text), style)


def paragraphs(text: str, style: ParagraphStyle) -> list[Paragraph]:
    """Split a multi-paragraph text on blank lines into separate paragraphs."""
    chunks = [c.strip() for c in re.split(r"\n\s*\n", text or "") if c.strip()]
    return [para(c, style) for c in chunks]


def bold(text: str) -> str:
    return f"<b>{markup(text)}</b>"


def numbered(items: Sequence[str], style: ParagraphStyle | None = None, *,
             width_mm: float = 7) -> list[Flowable]:
    """A numbered list ("1.", "2.", …) with hanging indent; a lone item is not numbered."""
    style = style or styles().body
    if len(items) == 1:
        return [para(items[0], style)]
    hanging = ParagraphStyle(f"{style.name}_num", parent=style, leftIndent=width_mm * mm,
                             firstLineIndent=0, bulletIndent=0)
    return [Paragraph(markup(item), hanging, bulletText=f"{i}.") for i, item in enumerate(items, 1)]


# ---------------------------------------------------------- Polish forms


def place_and_date(town: str, d: date) -> str:
    return f"{town}, dnia {format_date(d)} r."


_HEAD_GENITIVE_WORDS = {"Kierownik": "Kierownika", "Dyrektor": "Dyrektora",
                        "Kierowniczka": "Kierowniczki", "Dyrektorka": "Dyrektorki"}
_SKO_NOMINATIVE = "Samorządowe Kolegium Odwoławcze"
_SKO_GENITIVE = "Samorządowego Kolegium Odwoławczego"


def office_genitive(office: OfficeView) -> str:
    """ "Gminny Ośrodek Pomocy Społecznej w X" → "Gminnego Ośrodka Pomocy Społecznej w X"."""
    return office.name_genitive or unit_genitive(office.name)


def sko_genitive(office: OfficeView) -> str:
    """ "Samorządowe Kolegium Odwoławcze w X" → "Samorządowego Kolegium Odwoławczego w X"."""
    if office.sko_name_genitive:
        return office.sko_name_genitive
    if office.sko_name.startswith(_SKO_NOMINATIVE):
        return _SKO_GENITIVE + office.sko_name[len(_SKO_NOMINATIVE):]
    return office.sko_name


def appeal_via(office: OfficeView) -> str:
    """Who an appeal or ponaglenie is filed through: "Kierownika Gminnego Ośrodka … w X"."""
    if office.appeal_via:
        return office.appeal_via
    first = office.head_position.split()[0] if office.head_position.strip() else "Kierownik"
    return f"{_HEAD_GENITIVE_WORDS.get(first, 'Kierownika')} {office_genitive(office)}"


_POSTCODE_RE = re.compile(r",\s*(?=\d{2}-\d{3}\b)")


def address_lines(address: str) -> list[str]:
    """Split "ul. Polna 5, 66-210 Zbąszynek" before the postcode for an envelope-style block."""
    if "\n" in address:
        return [line.strip() for line in address.splitlines() if line.strip()]
    return [part.strip() for part in _POSTCODE_RE.split(address) if part.strip()]


# ---------------------------------------------------------------- tables

_TIGHT = (
    ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ("TOPPADDING", (0, 0), (-1, -1), 0),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
)


def table(data: Sequence[Sequence[object]], col_widths: Sequence[float],
          commands: Sequence[tuple[Any, ...]] = (), *,
          tight: bool = False, long: bool = False, **kwargs: object) -> Table:
    """A Table in our font (reportlab's default cell font is Helvetica, which would end up
    referenced in the PDF); tight=True drops the cell padding, for pure layout grids."""
    cls = LongTable if long else Table
    result = cls(data, colWidths=list(col_widths), **kwargs)
    base: list[tuple[Any, ...]] = [("FONT", (0, 0), (-1, -1), REGULAR, 10),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]
    if tight:
        base += _TIGHT
    result.setStyle(TableStyle([*base, *commands]))
    return result


# ------------------------------------------------------------ letterhead


def letterhead(office: OfficeView, *, town_date: date | None, width: float,
               refs: Sequence[tuple[str, str]] = ()) -> list[Flowable]:
    """Office stamp on the left, "Zbąszynek, dnia …" on the right, a rule, then reference lines."""
    st = styles()
    stamp: list[Flowable] = [para(office.name, st.office_name),
                             para(office.address, st.office_line)]
    contact = " · ".join(x for x in (f"tel. {office.phone}" if office.phone else "",
                                      f"e-mail: {office.email}" if office.email else "") if x)
    if contact:
        stamp.append(para(contact, st.office_line))
    right = para(place_and_date(office.town, town_date), st.right) if town_date else ""
    head = table([[stamp, right]], [width * 0.6, width * 0.4], tight=True)
    out: list[Flowable] = [head, Spacer(1, 2 * mm),
                           HRFlowable(width="100%", thickness=0.6, color=GREY), Spacer(1, 3 * mm)]
    for label, value in refs:
        if value:
            out.append(para(f"{markup(label)} {bold(value)}", st.body_left, raw=True))
    return out


def party_line(name: str, pesel: str, address: str, *, delivery_note: str = "") -> Flowable:
    """ "Strona: Imię Nazwisko, PESEL …, zam. …" under a decision's title; a party without
    an address gets the recorded delivery note instead of an empty "zam."."""
    text = f"Strona: <b>{markup(name)}</b>" + (f", PESEL {markup(pesel)}" if pesel else "")
    if address.strip():
        text += f", zam. {markup(address)}"
    if delivery_note.strip():
        text += f", {markup(delivery_note.strip())}"
    return para(text, styles().body, raw=True)


def addressee_block(name: str, address: str, *, width: float, extra: Sequence[str] = (),
                    heading: str = "") -> Flowable:
    """The party's name and address in the right half of the page, as on a letter."""
    st = styles()
    cell: list[Flowable] = []
    if heading:
        cell.append(para(heading, st.small))
    cell.append(para(bold(name), st.body_left, raw=True))
    cell += [para(line, st.body_left) for line in address_lines(address)]
    cell += [para(line, st.body_left) for line in extra if line]
    block = table([["", cell]], [width * 0.52, width * 0.48], tight=True)
    return block


def title_block(title: str, subtitle_markup: str = "") -> list[Flowable]:
    """The centred document title; the subtitle is markup (escape user text with markup())."""
    st = styles()
    out: list[Flowable] = [Spacer(1, 4 * mm), para(title, st.title)]
    if subtitle_markup:
        out.append(para(subtitle_markup, st.subtitle, raw=True))
    else:
        out.append(Spacer(1, 4 * mm))
    return out


# ------------------------------------------------------------ signatures


def signature_block(name: str, position: str, *, width: float, on_behalf_of: str = "",
                    space_mm: float = 14) -> list[Flowable]:
    """The signatory on the right: "z upoważnienia …", room to sign, name and position.

    A plain list, so a caller can keep it together with what precedes it (reportlab's
    KeepTogether does not nest)."""
    st = styles()
    cell: list[Flowable] = []
    if on_behalf_of:
        cell.append(para(f"z upoważnienia {on_behalf_of}", st.signature))
    cell += [SignatureSpot(width * 0.55 - 2 * FRAME_PADDING, space_mm * mm),
             Spacer(1, space_mm * mm), para(DOTS, st.signature),
             para(bold(name), st.signature, raw=True)]
    if position:
        cell.append(para(position, st.signature_note))
    block = table([["", cell]], [width * 0.45, width * 0.55], tight=True)
    return [Spacer(1, 4 * mm), block]


SIGNATURE_SPOT_KEY = "opsdesk-podpis"
"""The document keyword that tells an electronic signature where the room to sign is."""


class SignatureSpot(Flowable):  # type: ignore[misc]  # reportlab has no type information
    """Takes no room; records the room to sign below it (page and rectangle, in points) in
    the PDF's keywords, so a visible electronic signature lands where a pen would."""

    def __init__(self, width: float, height: float) -> None:
        super().__init__()
        self.spot_width = width
        self.spot_height = height

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        x, y = self.canv.absolutePosition(0, 0)
        box = (x, y - self.spot_height, x + self.spot_width, y)
        self.canv.setKeywords(f"{SIGNATURE_SPOT_KEY}={self.canv.getPageNumber()}:"
                              + ",".join(f"{v:.1f}" for v in box))


def signature_lines(entries: Sequence[tuple[str, str]], *, width: float, space_mm: float = 11,
                    font_size: float | None = None) -> Table:
    """Side-by-side signature places: label above, dotted line, printed name below."""
    st = styles()
    label_style = st.small_center if font_size is None else ParagraphStyle(
        "sig_label", parent=st.small_center, fontSize=font_size, leading=font_size * 1.25)
    name_style = st.signature_note if font_size is None else ParagraphStyle(
        "sig_name", parent=st.signature_note, fontSize=font_size - 0.5, leading=font_size * 1.2)
    dots = "." * 34
    row = []
    for label, name in entries:
        cell: list[Flowable] = [para(label, label_style), Spacer(1, space_mm * mm),
                                para(dots, label_style)]
        cell.append(para(name or "(imię, nazwisko, podpis)", name_style))
        row.append(cell)
    return table([row], [width / len(entries)] * len(entries),
                 [("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2)])


def recipients_list(recipients: Sequence[str], *, keep_together: bool = True) -> list[Flowable]:
    """ "Otrzymują:" with the numbered distribution list."""
    if not recipients:
        return []
    st = styles()
    heading = "Otrzymuje:" if len(recipients) == 1 else "Otrzymują:"
    out: list[Flowable] = [Spacer(1, 4 * mm), para(f"<u>{heading}</u>", st.small, raw=True)]
    out += [para(f"{i}. {r}", st.small) for i, r in enumerate(recipients, 1)]
    return [KeepTogether(out)] if keep_together else out


def key_value_table(rows: Iterable[tuple[str, str]], *, width: float, key_ratio: float = 0.32,
                    grid: bool = True) -> Table:
    """Two columns of label and value, wrapping both."""
    st = styles()
    data = [[para(k, st.cell_bold), para(v or "—", st.cell)] for k, v in rows]
    commands = [("GRID", (0, 0), (-1, -1), 0.4, GREY),
                ("BACKGROUND", (0, 0), (0, -1), LIGHT_GREY)] if grid else []
    return table(data, [width * key_ratio, width * (1 - key_ratio)], commands)


# ----------------------------------------------------------------- build


class _NumberedCanvas(Canvas):  # type: ignore[misc]  # reportlab has no type information
    """Defers every page until the end so the footer can say "strona X z Y"."""

    def __init__(self, *args: object, footer_left: str = "", number_single: bool = False,
                 **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self._footer_left = footer_left
        self._number_single = number_single
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 - reportlab API
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._draw_footer(total)
            super().showPage()
        super().save()

    def _draw_footer(self, total: int) -> None:
        width, _ = self._pagesize
        y = 9 * mm
        self.saveState()
        self.setFont(REGULAR, 7.5)
        self.setFillColor(GREY)
        margin = NARROW_MARGIN if width > PORTRAIT[0] else MARGIN
        if self._footer_left:
            self.drawString(margin, y, self._footer_left)
        if total > 1 or self._number_single:
            self.drawRightString(width - margin, y, f"strona {self._pageNumber} z {total}")
        self.restoreState()


class CutLine(Flowable):  # type: ignore[misc]  # reportlab has no type information
    """A dashed line across the whole sheet, where two copies on one page are cut apart."""

    def __init__(self, height: float, page_width: float, margin: float) -> None:
        super().__init__()
        self.height = height
        self._page_width = page_width
        self._margin = margin

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.height

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        c.setStrokeColor(GREY)
        c.setLineWidth(0.5)
        c.setDash(3, 2)
        y = self.height / 2
        left = -(self._margin - 5 * mm) - FRAME_PADDING
        c.line(left, y, left + self._page_width - 10 * mm, y)
        c.restoreState()


PageCallback = Callable[[Canvas, SimpleDocTemplate], None]


def build_pdf(story: list[Flowable], *, title: str, office: OfficeView, subject: str = "",
              pagesize: tuple[float, float] = PORTRAIT, margin: float = MARGIN,
              top_margin: float | None = None, bottom_margin: float | None = None,
              footer_left: str = "", on_first_page: PageCallback | None = None,
              on_later_pages: PageCallback | None = None) -> bytes:
    """Lay out the story on A4 and return the PDF bytes (fonts embedded, metadata set)."""
    register_fonts()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=pagesize,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin if top_margin is None else top_margin,
        bottomMargin=max(margin, 16 * mm) if bottom_margin is None else bottom_margin,
        title=title,
        author=office.name,
        subject=subject or title,
        creator="opsdesk",
        lang="pl-PL",
        displayDocTitle=True,
        # Otherwise every page starts in Helvetica and the PDF references a font with no Polish
        # glyphs.
        initialFontName=REGULAR,
        initialFontSize=10,
    )
    noop: PageCallback = lambda canvas, doc: None  # noqa: E731
    doc.build(
        story,
        onFirstPage=on_first_page or noop,
        onLaterPages=on_later_pages or noop,
        canvasmaker=functools.partial(_NumberedCanvas, footer_left=footer_left),
    )
    return buffer.getvalue()


def frame_width(pagesize: tuple[float, float] = PORTRAIT, margin: float = MARGIN) -> float:
    """The width a flowable really gets: page minus margins minus the frame's own padding."""
    return pagesize[0] - 2 * margin - 2 * FRAME_PADDING


IN_FULL = ("Decyzja uwzględnia w całości żądanie strony i podlega wykonaniu przed upływem "
           "terminu do wniesienia odwołania (art. 130 § 4 Kodeksu postępowania "
           "administracyjnego).")


def instruction_and_signature(items: Sequence[str], *, name: str, position: str, width: float,
                              on_behalf_of: str, recipients: Sequence[str]) -> list[Flowable]:
    """A decision's POUCZENIE, signature and distribution list. The signature and the list
    never stand alone on a page: they keep the last instruction with them."""
    st = styles()
    instruction = numbered(items, st.body)
    return [KeepTogether([para("POUCZENIE", st.heading), instruction[0]]),
            *instruction[1:-1],
            KeepTogether([instruction[-1],
                          *signature_block(name, position, width=width,
                                           on_behalf_of=on_behalf_of),
                          *recipients_list(recipients, keep_together=False)])]
