"""KASA PRZYJMIE (dowód wpłaty KP): the receipt the cash desk gives for money paid towards a
debt; two copies on one A4 sheet, cut apart on the dashed line (the office keeps one)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import partial

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from opsdesk.formatting import format_money
from opsdesk.reports import layout as L
from opsdesk.reports.cash_slip import (
    MARGIN,
    money_rows,
    person_text,
    slip_body,
    slip_head,
    slip_styles,
    two_copies,
)
from opsdesk.reports.views import OfficeView


@dataclass(frozen=True)
class CashInReceiptView:
    office: OfficeView
    number: str  # "KP/3/2026"
    place: str
    paid_on: date
    payer_name: str
    payer_address: str
    payer_pesel: str
    purpose: str  # "zwrot nienależnie pobranych świadczeń — należność z decyzji nr …"
    amount: Decimal
    balance_after: Decimal
    received_by: str


def _copy(view: CashInReceiptView, copy_label: str, width: float) -> list[Flowable]:
    styles = slip_styles()
    head = slip_head("Przyjmujący:", view.office, "KASA PRZYJMIE", view.number, copy_label,
                     width)
    payer = person_text(view.payer_name, view.payer_address, view.payer_pesel)
    rows = [*money_rows(view.place, view.paid_on, ("Wpłacający", payer), view.purpose,
                        view.amount),
            [L.para("Pozostało do spłaty", styles.label),
             L.para(format_money(view.balance_after), styles.cell)]]
    signatures = L.signature_lines(
        [("przyjął (kasjer)", view.received_by), ("wpłacający", "")],
        width=width, space_mm=11, font_size=8)
    return [head, Spacer(1, 4 * mm), slip_body(rows, 0.24, width), Spacer(1, 3 * mm),
            signatures]


def render_cash_in_receipt(view: CashInReceiptView) -> bytes:
    story = two_copies(partial(_copy, view), ("Oryginał — dla wpłacającego",
                                              "Kopia — dla kasy"))
    return L.build_pdf(story, title=f"Kasa przyjmie nr {view.number}", office=view.office,
                       subject=f"Dowód wpłaty KP nr {view.number}", margin=MARGIN,
                       bottom_margin=MARGIN)
