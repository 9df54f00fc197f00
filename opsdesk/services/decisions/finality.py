"""Delivery and finality: how each decision reached the party, the appeal period that runs
from that day, and the day the decision became final (ostateczna).

A decision against the party — a change lowering the benefit or shortening it, a
revocation, a suspension — is not carried out before it is final (kpa art. 130 § 1–2)
unless it has rygor natychmiastowej wykonalności (art. 108); it waits here
(``Decision.awaits_finality``) and changes the payouts once final."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from opsdesk import clock
from opsdesk.errors import ValidationError
from opsdesk.formatting import format_date
from opsdesk.labels import label
from opsdesk.models import Decision, Person
from opsdesk.models.enums import AppealOutcome, DecisionKind, DecisionStatus, DeliveryMethod
from opsdesk.services import rules
from opsdesk.services.decisions.lookups import get_decision
from opsdesk.services.payouts.schedule import (
    appeal_end,
    corrections_of,
    final_on,
    is_final,
    state_on,
    sync_payouts,
)
from opsdesk.services.permissions import Permission
from opsdesk.services.security import Actor, operation

AGAINST_THE_PARTY = frozenset({DecisionKind.REVOKING, DecisionKind.SUSPENDING})


def finality_text(d: Decision, today: date) -> str:
    """The decision's standing in words, as the queue shows it."""
    if d.delivered_on is None:
        return "nie doręczono"
    if d.appeal_effect_ends_on is not None:
        return "uchylona przez SKO"
    end = appeal_end(d)
    if d.appeal_lodged_on is not None and end is not None and d.appeal_lodged_on <= end:
        return f"odwołanie wniesiono {format_date(d.appeal_lodged_on)} r."
    on = final_on(d)
    if on is not None and on <= today:
        return f"ostateczna od {format_date(on)} r."
    return f"termin na odwołanie do {format_date(end)} r." if end else ""


def against_the_party(session: Session, d: Decision) -> bool:
    """Whether a correction takes something from the party: a revocation, a suspension, or
    a change that lowers the amount or ends the benefit earlier."""
    if d.kind in AGAINST_THE_PARTY:
        return True
    if d.kind is not DecisionKind.CHANGING or d.corrects_decision_id is None \
            or d.effective_from is None:
        return False
    root = get_decision(session, d.corrects_decision_id)
    amount, end = state_on(root, corrections_of(session, root), d.effective_from)
    lower = d.amount is not None and d.amount < amount
    shorter = d.period_to is not None and (end is None or d.period_to < end)
    return lower or shorter


def carry_out(session: Session, d: Decision, *, today: date) -> None:
    """Let a correction that was waiting for finality change the payouts now. Payouts
    already paid or approved stay as they were: they were paid while the correction could
    not yet be carried out."""
    assert d.corrects_decision_id is not None and d.effective_from is not None
    d.awaits_finality = False
    session.flush()
    root = get_decision(session, d.corrects_decision_id)
    sync_payouts(session, root, changed_from=d.effective_from, today=today, keep_locked=True)


def carry_out_final(session: Session, *, today: date) -> list[int]:
    """Carry out every waiting correction that has become final by ``today``; the ids."""
    done = []
    waiting = session.scalars(select(Decision).where(
        Decision.awaits_finality.is_(True), Decision.status == DecisionStatus.ISSUED)
        .order_by(Decision.effective_from, Decision.id))
    for d in list(waiting):
        if is_final(d, today):
            carry_out(session, d, today=today)
            done.append(d.id)
    return done


def _issued(session: Session, decision_id: int, expected_version: int | None) -> Decision:
    d = get_decision(session, decision_id, expected_version)
    if d.status is not DecisionStatus.ISSUED:
        raise ValidationError("Doręcza się tylko wydaną decyzję.", field="status")
    return d


def _day(day: date, d: Decision, today: date, what: str) -> date:
    if day > today:
        raise ValidationError(f"Data {what} nie może być datą przyszłą.", field="on")
    if d.issued_on is not None and day < d.issued_on:
        raise ValidationError(f"Data {what} nie może być wcześniejsza niż data wydania "
                              f"decyzji ({format_date(d.issued_on)} r.).", field="on")
    return day


@operation(Permission.CASE_WORK)
def record_delivery(session: Session, decision_id: int, *, actor: Actor,
                    method: DeliveryMethod, on: date, expected_version: int | None = None,
                    today: date | None = None) -> None:
    """The delivery register: the ZPO's date, the e-Doręczenia receipt's, the day the party
    refused to accept the letter (kpa art. 47: it counts as delivered)."""
    today = today or clock.today()
    d = _issued(session, decision_id, expected_version)
    if d.delivered_on is not None:
        raise ValidationError(f"Doręczenie odnotowano już: {format_date(d.delivered_on)} r.",
                              field="method")
    d.delivered_on, d.delivery_method = _day(on, d, today, "doręczenia"), method
    session.flush()


@operation(Permission.CASE_WORK)
def record_waiver(session: Session, decision_id: int, *, actor: Actor, on: date,
                  expected_version: int | None = None, today: date | None = None) -> None:
    """The party waived the appeal (kpa art. 127a): the decision is final that day."""
    today = today or clock.today()
    d = _issued(session, decision_id, expected_version)
    end = appeal_end(d)
    if end is None:
        raise ValidationError("Najpierw odnotuj doręczenie decyzji.", field="method")
    _day(on, d, today, "zrzeczenia się odwołania")
    if on > end or d.appeal_lodged_on is not None:
        raise ValidationError("Zrzec się odwołania można tylko w terminie do jego wniesienia "
                              f"(do {format_date(end)} r.) i przed jego wniesieniem "
                              "(art. 127a § 1 Kodeksu postępowania administracyjnego).",
                              field="on")
    d.appeal_waived_on = on
    session.flush()
    if d.awaits_finality:
        carry_out(session, d, today=today)


@operation(Permission.CASE_WORK)
def record_appeal(session: Session, decision_id: int, *, actor: Actor, on: date,
                  expected_version: int | None = None, today: date | None = None) -> None:
    """An appeal lodged (sent to the SKO through the head within 7 days, kpa art. 133):
    lodged in time, it keeps the decision from becoming final."""
    today = today or clock.today()
    d = _issued(session, decision_id, expected_version)
    if d.delivered_on is None:
        raise ValidationError("Najpierw odnotuj doręczenie decyzji.", field="method")
    if d.appeal_waived_on is not None:
        raise ValidationError("Strona zrzekła się prawa do wniesienia odwołania "
                              f"{format_date(d.appeal_waived_on)} r. — decyzja jest "
                              "ostateczna.", field="on")
    d.appeal_lodged_on = _day(on, d, today, "wniesienia odwołania")
    session.flush()


def forward_due(d: Decision) -> date | None:
    """The last day to forward the appeal to the SKO (art. 133), while it is still to do."""
    if d.appeal_lodged_on is None or d.appeal_forwarded_on is not None \
            or d.appeal_outcome is not None:
        return None
    return rules.appeal_forward_deadline(d.appeal_lodged_on)


def appeal_text(d: Decision, today: date) -> str:
    """Where the appeal stands, for the register's list; "" without an appeal."""
    if d.appeal_lodged_on is None:
        return ""
    if d.appeal_outcome is not None:
        text = label(d.appeal_outcome)
        if d.appeal_outcome is AppealOutcome.SELF_REVISED:
            return f"{text}, {format_date(d.appeal_ruled_on)} r."  # type: ignore[arg-type]
        delivered = (f", doręczono {format_date(d.appeal_ruling_delivered_on)} r."
                     if d.appeal_ruling_delivered_on else ", nie doręczono")
        return f"{text}, {format_date(d.appeal_ruled_on)} r.{delivered}"  # type: ignore[arg-type]
    if d.appeal_forwarded_on is not None:
        return f"przekazano do SKO {format_date(d.appeal_forwarded_on)} r."
    due = forward_due(d)
    assert due is not None
    late = today > due
    return (f"przekazać do SKO do {format_date(due)} r."
            + (" — po terminie (art. 133 kpa)" if late else ""))


@dataclass(frozen=True)
class FinalityRow:
    decision_id: int
    number: str
    kind: DecisionKind
    person_name: str
    issued_on: date
    delivered_on: date | None
    delivery_method: DeliveryMethod | None
    appeal_end: date | None
    final_on: date | None
    state: str
    awaits_finality: bool
    version: int
    appeal: str = ""  # where the appeal stands (appeals.appeal_text)
    forward_due: date | None = None  # art. 133: to the SKO by this day
    outcome: AppealOutcome | None = None
    ruling_delivered_on: date | None = None


@operation(Permission.CASE_READ)
def awaiting_finality(session: Session, *, actor: Actor, today: date | None = None
                      ) -> list[FinalityRow]:
    """The issued decisions not yet final: undelivered, in their appeal period, or under
    appeal — the oldest first."""
    today = today or clock.today()
    stmt = (select(Decision, Person).join(Person, Decision.person_id == Person.id)
            .where(Decision.status == DecisionStatus.ISSUED,
                   Decision.appeal_waived_on.is_(None))
            .where((Decision.delivered_on.is_(None))
                   | (Decision.delivered_on >= today - timedelta(days=rules.APPEAL_DAYS + 10))
                   | Decision.appeal_lodged_on.is_not(None) | Decision.awaits_finality)
            .order_by(Decision.issued_on, Decision.id).limit(1000))
    rows = []
    for d, p in session.execute(stmt):
        if (is_final(d, today) and not d.awaits_finality) \
                or d.appeal_effect_ends_on is not None \
                or d.appeal_outcome is AppealOutcome.SELF_REVISED:
            continue
        rows.append(FinalityRow(d.id, d.number or "", d.kind, p.full_name,
                                d.issued_on or today, d.delivered_on, d.delivery_method,
                                appeal_end(d), final_on(d), finality_text(d, today),
                                d.awaits_finality, d.version, appeal_text(d, today),
                                forward_due(d), d.appeal_outcome,
                                d.appeal_ruling_delivered_on))
    return rows
