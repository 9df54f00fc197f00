"""The month's statement of contributions for the accountant: who, on what basis, how much,
what was paid against what the decisions give, what goes to ZUS, by when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from opsdesk.formatting import amount_in_words, format_date, format_money
from opsdesk.reports import layout as L
from opsdesk.reports.views import OfficeView

TITLE = "Zestawienie składek opłacanych przez ośrodek"
COLUMNS = ("Lp.", "Osoba", "PESEL", "Rodzaj", "Kod tytułu", "Podstawa", "Zdrowotna",
           "Emerytalna", "Rentowa", "Należne za miesiąc", "Uzgodnienie z wypłatami")


@dataclass(frozen=True)
class StatementLine:
    person: str
    pesel: str
    kind: str
    title_code: str
    basis: Decimal
    health: Decimal
    pension: Decimal
    disability: Decimal
    due_for_month: Decimal | None  # health: what the decisions give for the month
    note: str


@dataclass(frozen=True)
class StatementView:
    office: OfficeView
    month_text: str  # "listopad 2026"
    lines: tuple[StatementLine, ...]
    registrations: tuple[str, ...]
    warnings: tuple[str, ...]
    notes: tuple[str, ...]
    payment_due: date
    generated_on: date
    generated_by: str


def _money(value: Decimal) -> str:
    return format_money(value, currency=False)


def render_statement(view: StatementView) -> bytes:
    st = L.styles()
    margin = L.NARROW_MARGIN
    width = L.frame_width(L.LANDSCAPE, margin)
    story: list[Flowable] = L.letterhead(view.office, town_date=view.generated_on, width=width)
    story += L.title_block(TITLE.upper(), f"za miesiąc: <b>{L.markup(view.month_text)}</b>")
    header = [L.para(f"<b>{c}</b>", st.cell, raw=True) for c in COLUMNS]
    body = []
    for n, line in enumerate(view.lines, start=1):
        cells = [str(n), line.person, line.pesel, line.kind, line.title_code,
                 _money(line.basis), _money(line.health), _money(line.pension),
                 _money(line.disability),
                 "—" if line.due_for_month is None else _money(line.due_for_month), line.note]
        body.append([L.para(c, st.cell_right if 5 <= i <= 9 else st.cell)
                     for i, c in enumerate(cells)])
    health = sum((x.health for x in view.lines), Decimal("0.00"))
    pension = sum((x.pension for x in view.lines), Decimal("0.00"))
    disability = sum((x.disability for x in view.lines), Decimal("0.00"))
    total = health + pension + disability
    body.append([L.para("<b>Razem</b>", st.cell, raw=True), "", "", "", "", "",
                 L.para(f"<b>{_money(health)}</b>", st.cell_right, raw=True),
                 L.para(f"<b>{_money(pension)}</b>", st.cell_right, raw=True),
                 L.para(f"<b>{_money(disability)}</b>", st.cell_right, raw=True), "", ""])
    if not view.lines:
        body.insert(0, [L.para("W tym miesiącu ośrodek nie opłaca żadnych składek.", st.cell)]
                    + [""] * (len(COLUMNS) - 1))
    widths = [w * width for w in (0.035, 0.135, 0.085, 0.1, 0.055, 0.07, 0.075, 0.08, 0.065,
                                  0.08, 0.22)]
    commands = [("GRID", (0, 0), (-1, -1), 0.4, L.GREY), ("BACKGROUND", (0, 0), (-1, 0),
                                                            L.LIGHT_GREY),
                ("SPAN", (0, -1), (5, -1)), ("BACKGROUND", (0, -1), (-1, -1), L.LIGHT_GREY)]
    story.append(L.table([header, *body], widths, commands, long=True, repeatRows=1))
    story.append(Spacer(1, 4 * mm))
    story.append(L.para(
        f"Do zapłaty na rzecz ZUS: <b>{format_money(total)}</b> (słownie: "
        f"{L.markup(amount_in_words(total))}), w tym składka zdrowotna "
        f"{format_money(health)}, emerytalna {format_money(pension)}, rentowa "
        f"{format_money(disability)}. Termin przekazania deklaracji i zapłaty: "
        f"<b>{format_date(view.payment_due)} r.</b>", st.body_left, raw=True))
    if view.registrations:
        story.append(L.para("Zgłoszenia i wyrejestrowania w tym miesiącu", st.section))
        story += L.numbered(list(view.registrations), st.small)
    if view.warnings:
        story.append(L.para("Do wyjaśnienia", st.section))
        story += L.numbered(list(view.warnings), st.small)
    story.append(Spacer(1, 3 * mm))
    story += [L.para(note, st.tiny) for note in view.notes]
    story.append(Spacer(1, 4 * mm))
    story.append(L.signature_lines([("Sporządził(a)", view.generated_by),
                                    ("Sprawdził(a) — główny księgowy", ""),
                                    ("Zatwierdził(a) — kierownik", "")], width=width))
    return L.build_pdf(story, title=f"{TITLE} — {view.month_text}", office=view.office,
                       pagesize=L.LANDSCAPE, margin=margin,
                       footer_left=f"{TITLE} · {view.month_text}")
