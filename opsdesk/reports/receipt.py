"""KASA WYPŁACI (dowód wypłaty KW): two copies on one A4 sheet, cut apart on the dashed line."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepInFrame, PageBreak, Spacer, Table

from opsdesk.formatting import amount_in_words, format_date, format_money
from opsdesk.reports import layout as L
from opsdesk.reports.fonts import BOLD
from opsdesk.reports.views import ReceiptView

_MARGIN = 14 * mm
_CUT_GAP = 12 * mm


def purpose_text(view: ReceiptView) -> str:
    """What the money is for: benefit, period, decision number and date."""
    parts = [view.benefit_label.strip()]
    if view.period_text.strip():
        parts.append(f"za okres: {view.period_text.strip()}")
    text = ", ".join(parts)
    return f"{text} — decyzja nr {view.decision_number} z dnia {format_date(view.decision_date)} r."


def _copy(view: ReceiptView, copy_label: str, width: float) -> list[Flowable]:
    st = L.styles()
    big = ParagraphStyle("kw_title", parent=st.right, fontName=BOLD, fontSize=15, leading=18)
    cell = ParagraphStyle("kw_cell", parent=st.cell, fontSize=9.5, leading=12)
    label = ParagraphStyle("kw_label", parent=st.cell_bold, fontSize=9.5, leading=12)
    amount_style = ParagraphStyle("kw_amount", parent=label, fontSize=12, leading=15)

    payer = [L.para("Wypłacający:", st.tiny), L.para(view.office.name, st.cell_bold),
             L.para(view.office.address, st.cell)]
    title = [L.para("KASA WYPŁACI", big),
             L.para(f"nr <b>{L.markup(view.number)}</b>", st.right, raw=True),
             L.para(copy_label, ParagraphStyle("kw_copy", parent=st.right, fontSize=8, leading=10,
                                               textColor=L.GREY))]
    head = L.table([[payer, title]], [width * 0.6, width * 0.4], tight=True)

    recipient = f"<b>{L.markup(view.recipient_name)}</b>, {L.markup(view.recipient_address)}"
    if view.recipient_pesel:
        recipient += f", PESEL {L.markup(view.recipient_pesel)}"
    rows = [
        [L.para("Miejscowość i data", label),
         L.para(L.place_and_date(view.place, view.issued_on), cell)],
        [L.para("Wypłacić (odbiorca)", label), L.para(recipient, cell, raw=True)],
        [L.para("Tytułem", label), L.para(purpose_text(view), cell)],
        [L.para("Kwota", label), L.para(format_money(view.amount), amount_style)],
        [L.para("Słownie", label), L.para(amount_in_words(view.amount), cell)],
    ]
    body = L.table(rows, [width * 0.22, width * 0.78], [
        ("GRID", (0, 0), (-1, -1), 0.4, L.GREY),
        ("BACKGROUND", (0, 0), (0, -1), L.LIGHT_GREY),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ])

    signatures = L.signature_lines(
        [("sporządził", view.drawn_up_by), ("zatwierdził", view.approved_by),
         ("kasjer (wypłacił)", "")],
        width=width, space_mm=11, font_size=8)

    received = L.table([[
        [L.para("Otrzymałem(am) kwotę wymienioną wyżej", st.cell_bold),
         Spacer(1, 11 * mm),
         L.para("data: ........................    podpis odbiorcy: "
                "...............................................",
                st.cell)],
        [L.para("Dowód tożsamości odbiorcy", st.cell_bold), Spacer(1, 11 * mm),
         L.para("rodzaj, seria i nr: ...........................................", st.cell)],
    ]], [width * 0.58, width * 0.42], [
        ("BOX", (0, 0), (-1, -1), 0.4, L.GREY),
        ("LINEBEFORE", (1, 0), (1, 0), 0.4, L.GREY),
    ])
    return [head, Spacer(1, 4 * mm), body, Spacer(1, 3 * mm), signatures, Spacer(1, 4 * mm),
            received]


def _fixed_height(content: list[Flowable], width: float, height: float) -> Table:
    """Exactly half a sheet, the content at the top (shrunk if it would not fit)."""
    return L.table([[KeepInFrame(width, height, content, mode="shrink")]], [width], tight=True,
                   rowHeights=[height])


def render_receipt(view: ReceiptView) -> bytes:
    return render_receipts([view], title=f"Kasa wypłaci nr {view.number}")


def render_receipts(views: Sequence[ReceiptView], *, title: str) -> bytes:
    """One sheet per receipt: a cash list's receipts printed at once."""
    width = L.frame_width(L.PORTRAIT, _MARGIN)
    usable = L.PORTRAIT[1] - 2 * _MARGIN - 2 * L.FRAME_PADDING
    # Equal margins top and bottom put the cut line exactly across the middle of the sheet.
    half = (usable - _CUT_GAP) / 2 - 1
    story: list[Flowable] = []
    for view in views:
        if story:
            story.append(PageBreak())
        story += [_fixed_height(_copy(view, "Oryginał", width), width, half),
                  L.CutLine(_CUT_GAP, L.PORTRAIT[0], _MARGIN),
                  _fixed_height(_copy(view, "Kopia", width), width, half)]
    numbers = ", ".join(v.number for v in views)
    return L.build_pdf(story, title=title, office=views[0].office,
                       subject=f"Dowód wypłaty KW nr {numbers}", margin=_MARGIN,
                       bottom_margin=_MARGIN)
