"""The appeal's path (kpa art. 132–138): within 7 days of receiving an appeal the organ
either gives a new decision itself (art. 132) or sends the appeal with the files to the SKO
(art. 133); the SKO's ruling — the appeal inadmissible or late (art. 134), the decision
upheld, reversed (on the merits, or with the first-instance proceedings discontinued),
remanded, or the appeal proceedings discontinued (art. 138) — reaches the party, and the
decision is final, or it is gone: a decision taken away pays no more from the day the
ruling was delivered, a correction's effect is undone from then, and a remanded case is
open again for a new decision."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from opsdesk import clock
from opsdesk.errors import ValidationError
from opsdesk.formatting import format_date
from opsdesk.labels import label
from opsdesk.models import Decision
from opsdesk.models.enums import AppealOutcome, CaseStatus, DecisionKind, DecisionStatus
from opsdesk.services import rules
from opsdesk.services import validation as check
from opsdesk.services.decisions.lookups import get_decision
from opsdesk.services.payouts.schedule import CORRECTIONS, is_final, sync_payouts
from opsdesk.services.permissions import Permission
from opsdesk.services.security import Actor, operation

# The SKO's rulings that take the first-instance decision away (art. 138 § 1 pkt 2, § 2).
TAKEN_AWAY = frozenset({AppealOutcome.REFORMED, AppealOutcome.ANNULLED,
                        AppealOutcome.REMANDED})
SKO_RULINGS = tuple(o for o in AppealOutcome if o is not AppealOutcome.SELF_REVISED)


def _appealed(session: Session, decision_id: int, expected_version: int | None) -> Decision:
    d = get_decision(session, decision_id, expected_version)
    if d.status is not DecisionStatus.ISSUED or d.appeal_lodged_on is None:
        raise ValidationError("Najpierw odnotuj wniesienie odwołania od tej decyzji.",
                              field="event")
    return d


def _not_future(day: date, today: date, what: str) -> date:
    if day > today:
        raise ValidationError(f"Data {what} nie może być datą przyszłą.", field="on")
    return day


@operation(Permission.CASE_WORK)
def record_forwarding(session: Session, decision_id: int, *, actor: Actor, on: date,
                      expected_version: int | None = None, today: date | None = None) -> None:
    """The appeal and the case's files sent to the SKO (kpa art. 133)."""
    today = today or clock.today()
    d = _appealed(session, decision_id, expected_version)
    if d.appeal_forwarded_on is not None or d.appeal_outcome is not None:
        raise ValidationError("Odwołanie zostało już przekazane albo rozpatrzone.",
                              field="event")
    assert d.appeal_lodged_on is not None
    if _not_future(on, today, "przekazania") < d.appeal_lodged_on:
        raise ValidationError("Odwołanie nie może zostać przekazane przed jego wniesieniem "
                              f"({format_date(d.appeal_lodged_on)} r.).", field="on")
    d.appeal_forwarded_on = on
    session.flush()


@operation(Permission.CASE_WORK)
def record_self_revision(session: Session, decision_id: int, *, actor: Actor, on: date,
                         sign: str, expected_version: int | None = None,
                         today: date | None = None) -> None:
    """The organ itself gave a new decision changing or revoking the appealed one (kpa art.
    132), within the 7 days it has to forward the appeal. The new decision is drafted and
    issued as usual (a change or a revocation of this one); here the appeal is closed."""
    today = today or clock.today()
    d = _appealed(session, decision_id, expected_version)
    if d.appeal_forwarded_on is not None or d.appeal_outcome is not None:
        raise ValidationError("Odwołanie zostało już przekazane do SKO albo rozpatrzone — "
                              "samokontrola (art. 132 kpa) nie jest już możliwa.",
                              field="event")
    assert d.appeal_lodged_on is not None
    due = rules.appeal_forward_deadline(d.appeal_lodged_on)
    _not_future(on, today, "nowej decyzji")
    if not d.appeal_lodged_on <= on <= due:
        raise ValidationError("Nową decyzję w trybie art. 132 kpa organ wydaje w ciągu 7 dni "
                              f"od otrzymania odwołania (do {format_date(due)} r.); później "
                              "przekazuje odwołanie do SKO.", field="on")
    d.appeal_ruling_sign = check.text(sign, field="sign", label="Numer nowej decyzji",
                                      max_len=80)
    d.appeal_outcome, d.appeal_ruled_on = AppealOutcome.SELF_REVISED, on
    session.flush()


@operation(Permission.CASE_WORK)
def record_sko_ruling(session: Session, decision_id: int, *, actor: Actor,
                      outcome: AppealOutcome, ruled_on: date, sign: str,
                      delivered_on: date | None = None, expected_version: int | None = None,
                      today: date | None = None) -> None:
    """The SKO's ruling on the appeal (kpa art. 134, 138) and, when known, the day it
    reached the party; its effect follows from that day (``record_sko_delivery``)."""
    today = today or clock.today()
    d = _appealed(session, decision_id, expected_version)
    if outcome is AppealOutcome.SELF_REVISED or outcome not in SKO_RULINGS:
        raise ValidationError("Wybierz rozstrzygnięcie SKO.", field="outcome")
    if d.appeal_forwarded_on is None:
        raise ValidationError("Najpierw odnotuj przekazanie odwołania do SKO (art. 133 kpa).",
                              field="event")
    if d.appeal_outcome is not None:
        raise ValidationError(f"Rozstrzygnięcie odwołania odnotowano już: "
                              f"{label(d.appeal_outcome)}.", field="event")
    if _not_future(ruled_on, today, "rozstrzygnięcia SKO") < d.appeal_forwarded_on:
        raise ValidationError("SKO nie mogło orzec przed przekazaniem mu odwołania "
                              f"({format_date(d.appeal_forwarded_on)} r.).", field="on")
    d.appeal_ruling_sign = check.text(sign, field="sign", label="Sygnatura orzeczenia SKO",
                                      max_len=80)
    d.appeal_outcome, d.appeal_ruled_on = outcome, ruled_on
    session.flush()
    if delivered_on is not None:
        _delivered(session, d, delivered_on, today)


@operation(Permission.CASE_WORK)
def record_sko_delivery(session: Session, decision_id: int, *, actor: Actor, on: date,
                        expected_version: int | None = None, today: date | None = None) -> None:
    """The day the SKO's ruling reached the party: the decision is final from it, or is
    taken away from it."""
    today = today or clock.today()
    d = _appealed(session, decision_id, expected_version)
    if d.appeal_outcome is None or d.appeal_outcome is AppealOutcome.SELF_REVISED:
        raise ValidationError("Najpierw odnotuj rozstrzygnięcie SKO.", field="event")
    if d.appeal_ruling_delivered_on is not None:
        raise ValidationError("Doręczenie rozstrzygnięcia SKO odnotowano już: "
                              f"{format_date(d.appeal_ruling_delivered_on)} r.", field="on")
    _delivered(session, d, on, today)


def _delivered(session: Session, d: Decision, on: date, today: date) -> None:
    assert d.appeal_ruled_on is not None and d.appeal_outcome is not None
    _not_future(on, today, "doręczenia rozstrzygnięcia SKO")
    if on < d.appeal_ruled_on:
        raise ValidationError("Doręczenie nie może poprzedzać rozstrzygnięcia SKO "
                              f"({format_date(d.appeal_ruled_on)} r.).", field="on")
    d.appeal_ruling_delivered_on = on
    session.flush()
    if d.appeal_outcome not in TAKEN_AWAY:
        # Imported here: finality and the payouts package import each other.
        from opsdesk.services.decisions.finality import carry_out

        if d.awaits_finality and is_final(d, today):
            carry_out(session, d, today=today)
        return
    # Taken away: a correction never carried out had no effect at all; the others stop now.
    never = d.awaits_finality and d.effective_from is not None
    d.awaits_finality = False
    d.appeal_effect_ends_on = d.effective_from if never else on
    if d.appeal_outcome is AppealOutcome.REMANDED:
        d.case.status = CaseStatus.IN_PROGRESS  # a new decision is due (art. 138 § 2)
    session.flush()
    if d.kind is DecisionKind.GRANTING:
        root = d
    elif d.kind in CORRECTIONS and d.corrects_decision_id is not None:
        root = get_decision(session, d.corrects_decision_id)
    else:
        return
    assert d.appeal_effect_ends_on is not None
    sync_payouts(session, root, changed_from=d.appeal_effect_ends_on, today=today,
                 keep_locked=True)
