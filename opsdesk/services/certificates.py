"""What a certificate may state (kpa art. 217–218): only what the centre's records show —
the benefits granted to the person by issued decisions, with their period and amount. A
certificate the records do not support is refused with the reason."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from opsdesk.errors import ValidationError
from opsdesk.formatting import format_date, format_money
from opsdesk.labels import label
from opsdesk.models import Decision
from opsdesk.models.enums import BenefitKind, DecisionKind, DecisionStatus
from opsdesk.services.decisions.catalogue import BENEFITS, Payment
from opsdesk.services.payouts.schedule import corrections_of_many, effective_end, is_active_on

# A free text claiming any of these needs a grant on file.
_CLAIMS = ("korzysta", "korzystał", "pobiera", "pobierał", "przyznan", "zasiłk", "zasiłek",
           "świadczen", "pomocy w formie")


def granted_lines(session: Session, person_id: int, on: date) -> list[str]:
    """One line per benefit granted by an issued decision, as the certificate states it."""
    roots = list(session.scalars(select(Decision).where(
        Decision.person_id == person_id, Decision.kind == DecisionKind.GRANTING,
        Decision.status == DecisionStatus.ISSUED).order_by(Decision.period_from, Decision.id)))
    chains = corrections_of_many(session, roots)
    lines = []
    for d in roots:
        end = effective_end(d, chains[d.id]) if d.period_from else None
        if d.period_from is not None and end is not None and end < d.period_from:
            continue  # revoked before it began
        what = label(d.benefit_kind)
        spec = BENEFITS[d.benefit_kind]
        start = format_date(d.period_from) + " r." if d.period_from else ""
        if not start:
            span = ""
        elif spec.payment is Payment.ONE_OFF or spec.once:
            span = f"wypłacony w dniu {start}" if spec.payment is Payment.ONE_OFF \
                else f"w dniu {start}"
        elif end is None:
            span = f"od {start} na czas nieokreślony"
        else:
            span = f"w okresie od {start} do {format_date(end)} r."
        monthly = d.benefit_kind in (BenefitKind.ZASILEK_STALY, BenefitKind.ZASILEK_OKRESOWY)
        amount = (f" w wysokości {format_money(d.amount)}{' miesięcznie' if monthly else ''}"
                  if d.amount is not None else "")
        state = " (pobierane obecnie)" if monthly and is_active_on(d, chains[d.id], on) else ""
        issued = format_date(d.issued_on) + " r." if d.issued_on else ""
        lines.append(f"{what}{amount} {span}{state} — decyzja nr {d.number} z dnia "
                     f"{issued}".replace("  ", " "))
    return lines


def certificate_content(session: Session, person_id: int, on: date, remarks: str = "") -> str:
    """The statement: the benefits granted, from the records; a remark of the worker only
    when the records support it."""
    lines = granted_lines(session, person_id, on)
    if not lines:
        if remarks.strip() and not _claims_a_benefit(remarks):
            return remarks.strip()
        raise ValidationError(
            "Nie można wydać zaświadczenia: w aktach ośrodka nie ma wydanej decyzji "
            "przyznającej tej osobie świadczenie. Zaświadczenie potwierdza wyłącznie fakty "
            "wynikające z prowadzonej ewidencji, rejestrów lub innych danych (art. 218 § 1 "
            "Kodeksu postępowania administracyjnego); odmowa wydania zaświadczenia o żądanej "
            "treści następuje w drodze postanowienia (art. 219).", field="content")
    text = ("Z ewidencji prowadzonej przez ośrodek wynika, że osobie tej przyznano decyzjami "
            "administracyjnymi następujące świadczenia z pomocy społecznej:\n\n"
            + "\n\n".join(f"{n}) {line}" for n, line in enumerate(lines, start=1)))
    if remarks.strip():
        text += "\n\n" + remarks.strip()
    return text


def _claims_a_benefit(text: str) -> bool:
    low = text.lower()
    return any(word in low for word in _CLAIMS)
