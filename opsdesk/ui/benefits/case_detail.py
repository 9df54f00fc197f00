"""The particulars of a benefit case shown beside the queue — as text that says everything
colour says too — and the columns of its decisions."""

from __future__ import annotations

from datetime import date

from opsdesk.formatting import format_date, format_money
from opsdesk.labels import label
from opsdesk.services import decisions, interviews, payouts
from opsdesk.services.decisions import DecisionRow
from opsdesk.services.queue import QueueRow
from opsdesk.ui.benefits.amounts import money_or_blank
from opsdesk.ui.tables import Column, deadline_color
from opsdesk.ui.widgets import html_text


def deadline_text(row: QueueRow, today: date) -> str:
    """Colour is never the only signal: an overdue item says so in words."""
    return row.deadline.text(today) if row.deadline else ""


# The case's decisions, listed under its particulars.
DECISION_COLUMNS: list[Column[DecisionRow]] = [
    Column("Decyzja", lambda r: r.number or "projekt", sort_key=lambda r: r.id),
    Column("Rodzaj", lambda r: decisions.KIND_TITLES[r.kind]),
    Column("Świadczenie", lambda r: label(r.benefit_kind)),
    Column("Stan", lambda r: label(r.status)),
    Column("Kwota", lambda r: money_or_blank(r.amount), align_right=True),
]


def case_html(row: QueueRow, case_interviews: list[interviews.InterviewRow],
              paid: list[payouts.PayoutView], today: date) -> str:
    """The case's particulars: its state, deadlines in words and colour, the interviews and
    the latest payouts."""
    lines = [f"<h3>{row.sign} — {html_text(row.person_name)}</h3>",
             f"<p>Stan: {label(row.status)}<br>Prowadzi: {row.assigned_to or '—'}"]
    for d in row.deadlines:
        qcolor = deadline_color(d, today)
        color = qcolor.name() if qcolor is not None else ""
        text = html_text(d.text(today))
        lines.append(f"<br>Termin: <span style='color:{color}'>{text}</span>" if color
                     else f"<br>Termin: {text}")
    if not row.deadlines:
        lines.append("<br>Termin: —")
    lines.append(f"</p><p>{html_text(row.subject)}</p>")
    for i in case_interviews:
        state = ("odmowa" if i.refused else "zakończony" if i.completed else "w toku")
        when = format_date(i.carried_out_on) if i.carried_out_on else "—"
        lines.append(f"<p>{label(i.kind).capitalize()}: {when} ({state})</p>")
    if paid:
        lines.append("<p><b>Wypłaty</b><br>" + "<br>".join(
            f"{p.period_text}: {format_money(p.amount)} — {label(p.status)}"
            f"{' (' + p.list_number + ')' if p.list_number else ''}"
            for p in paid[-12:]) + "</p>")  # the latest twelve
    return "".join(lines)
