"""KASA WYPŁACI (dowód wypłaty KW): two copies on one A4 sheet, cut apart on the dashed line."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer

from opsdesk.formatting import format_date
from opsdesk.reports import layout as L
from opsdesk.reports.cash_slip import (
    MARGIN,
    money_rows,
    person_text,
    slip_body,
    slip_head,
    two_copies,
)
from opsdesk.reports.views import ReceiptView


def purpose_text(view: ReceiptView) -> str:
    """What the money is for: benefit, period, decision number and date."""
    parts = [view.benefit_label.strip()]
    if view.period_text.strip():
        parts.append(f"za okres: {view.period_text.strip()}")
    text = ", ".join(parts)
    return f"{text} — decyzja nr {view.decision_number} z dnia {format_date(view.decision_date)} r."


def _copy(view: ReceiptView, copy_label: str, width: float) -> list[Flowable]:
    st = L.styles()
    head = slip_head("Wypłacający:", view.office, "KASA WYPŁACI", view.number, copy_label,
                     width)
    recipient = person_text(view.recipient_name, view.recipient_address,
                            view.recipient_pesel)
    rows = money_rows(view.place, view.issued_on, ("Wypłacić (odbiorca)", recipient),
                      purpose_text(view), view.amount)
    body = slip_body(rows, 0.22, width)

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


def render_receipt(view: ReceiptView) -> bytes:
    return render_receipts([view], title=f"Kasa wypłaci nr {view.number}")


def render_receipts(views: Sequence[ReceiptView], *, title: str) -> bytes:
    """One sheet per receipt: a cash list's receipts printed at once."""
    story: list[Flowable] = []
    for view in views:
        if story:
            story.append(PageBreak())
        story += two_copies(partial(_copy, view), ("Oryginał", "Kopia"))
    numbers = ", ".join(v.number for v in views)
    return L.build_pdf(story, title=title, office=views[0].office,
                       subject=f"Dowód wypłaty KW nr {numbers}", margin=MARGIN,
                       bottom_margin=MARGIN)
