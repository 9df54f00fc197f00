"""The caseload's columns and the client's particulars shown beside it — the header, the
process with its notes, the contracts — as text that says everything colour says too."""

from __future__ import annotations

from datetime import date
from typing import Any

from opsdesk.formatting import format_date, plural_pl
from opsdesk.labels import label
from opsdesk.models.enums import SocialWorkStatus
from opsdesk.services.queue import NEAR_DAYS  # near, as every deadline of the program
from opsdesk.services.socialwork import CaseloadRow, ContractRow, SocialWorkDetail
from opsdesk.ui.tables import AMBER, RED, Column
from opsdesk.ui.widgets import html_text


def _days(n: int) -> str:
    return f"{n} {plural_pl(n, 'dzień', 'dni', 'dni')}"


def status_text(row: CaseloadRow, today: date) -> str:
    """Colour is never the only signal: a late client says so in words."""
    left = row.waiting_days_left(today)
    if left is None or row.report_by is None:
        return label(row.status)
    waiting = "czeka na przyjęcie" if row.worker_id is None else "czeka na klienta"
    due = f"{waiting}, zgłoszenie do {format_date(row.report_by)}"
    if left < 0:
        return f"{due} — po terminie ({_days(-left)})"
    return f"{due} — zostało {_days(left)}" if left <= NEAR_DAYS else due


def status_color(row: CaseloadRow, today: date) -> Any:
    left = row.waiting_days_left(today)
    if left is None:
        return None
    return RED if left < 0 else AMBER if left <= NEAR_DAYS else None


def caseload_columns(today: date) -> list[Column[CaseloadRow]]:
    return [
        Column("Klient", lambda r: r.person_name),
        Column("Stan", lambda r: status_text(r, today),
               sort_key=lambda r: (r.status is not SocialWorkStatus.REFERRED,
                                   r.report_by or date.max),
               color=lambda r: status_color(r, today)),
        Column("Etap", lambda r: label(r.stage) if r.status is SocialWorkStatus.ACTIVE else ""),
        Column("Skąd", lambda r: label(r.source)),
        Column("Prowadzi", lambda r: r.worker_name),
        Column("Sprawa w Świadczeniach", lambda r: r.case_sign),
    ]


def header_html(d: SocialWorkDetail, today: date) -> str:
    r = d.row
    case = f" · sprawa {r.case_sign}" if r.case_sign else ""
    worker = r.worker_name or "nikt jeszcze nie przyjął"
    return (f"<h3>{html_text(r.person_name)}</h3><p>{html_text(status_text(r, today))}"
            f" · {label(r.source)}{case}<br>Prowadzi: {html_text(worker)}"
            f" · skierowano {format_date(r.referred_on)}</p>")


def process_html(d: SocialWorkDetail) -> str:
    r = d.row
    if r.status is SocialWorkStatus.REFERRED:
        return "<p>Klient jeszcze się nie zgłosił — odnotuj pierwsze spotkanie.</p>"
    stages = " → ".join(
        (f"<b>{label(stage)}</b>" if stage is r.stage else label(stage))
        + (f" ({format_date(on)})" if on else "") for stage, on in d.stage_dates)
    parts = [f"<p>Etapy: {stages}</p>",
             f"<p>Metoda: {label(d.method)}"
             + (f" · narzędzia: {html_text(d.tools)}" if d.tools else "") + "<br>"
             + (f"Cele uzgodnione z klientem {format_date(d.goals_agreed_on)}:<br>"
                f"{html_text(d.goals)}" if d.goals_agreed_on else "Cele: jeszcze nie "
                                                                  "uzgodnione")
             + (f"<br>Ocena planu do {format_date(d.evaluation_due)}"
                if d.evaluation_due else "") + "</p>"]
    if d.outcome:
        parts.append(f"<p>Efekt: {html_text(d.outcome)}</p>")
    parts.append("<h4>Notatki (widoczne tylko dla pracy socjalnej i kierownika)</h4>")
    parts += [f"<p><b>{format_date(n.written_on)}</b> — {label(n.stage)}, "
              f"{html_text(n.author_name)}<br>{html_text(n.text)}</p>" for n in d.notes]
    if not d.notes:
        parts.append("<p>—</p>")
    return "".join(parts)


def _steps_html(c: ContractRow) -> str:
    """III. Działania as the contract prints them: what, who, by when."""
    lines = "<br>".join(
        f"{i}. {html_text(s.what)} — {html_text(s.who)}, do {format_date(s.due_on)}"
        + (f" (aneks nr {s.annex_number})" if s.annex_number else "")
        for i, s in enumerate(c.steps, start=1))
    return f"<p><b>Działania:</b><br>{lines or '—'}</p>"


def contracts_html(d: SocialWorkDetail) -> str:
    if not d.contracts:
        return "<p>Brak kontraktu socjalnego.</p>"
    out = []
    for c in d.contracts:
        reviews = ", ".join(format_date(x) for x in c.review_dates)
        reported = " · zgłoszono do Świadczeń" if c.reported_message_id else ""
        out.append(
            f"<h4>Kontrakt nr {c.number} — {label(c.status)}{reported}</h4>"
            f"<p>Od {format_date(c.period_from)} do {format_date(c.period_to)}"
            + (f", zakończony {format_date(c.ended_on)}" if c.ended_on else "")
            + f"<br>Oceny: {reviews}</p>"
            f"<p><b>Ocena sytuacji:</b><br>{html_text(c.situation)}</p>"
            f"<p><b>Cele:</b><br>{html_text(c.goals)}</p>"
            + _steps_html(c)
            + f"<p><b>Zobowiązania klienta:</b><br>{html_text(c.client_commitments)}</p>"
            f"<p><b>Zobowiązania pracownika:</b><br>{html_text(c.worker_commitments)}</p>"
            + (f"<p><b>Ocena:</b><br>{html_text(c.evaluation)}</p>" if c.evaluation else "")
            + "".join(f"<p><b>Aneks nr {a.number}</b> z {format_date(a.made_on)}"
                      + (f" (do {format_date(a.new_period_to)})" if a.new_period_to else "")
                      + f":<br>{html_text(a.changes)}</p>" for a in c.annexes))
    return "".join(out)
