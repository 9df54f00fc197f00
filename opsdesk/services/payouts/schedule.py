"""The payout schedule: what the issued decisions say is to be paid, and when.

A granting decision for a monthly benefit creates one payout per calendar month of its
period, a partial month prorated (art. 106 ust. 3 ups, ``rules.prorate``); a one-off
benefit creates one payout, never prorated. A changing, revoking, suspending or resuming
decision rebuilds the schedule from its effective day: payouts not yet paid are cancelled
and made anew from what all the decisions together now say; a payout already paid (or on
an approved list) is never touched — an overpayment is recovered by an art. 98 decision.

``sync_payouts`` rebuilds it whenever a decision is issued; ``extend_open_ended`` carries the
open-ended benefits forward as lists are drawn up."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.orm import Session

from opsdesk.errors import ValidationError
from opsdesk.formatting import format_date
from opsdesk.models import Decision, Payout
from opsdesk.models.enums import (
    AppealOutcome,
    BenefitKind,
    DecisionKind,
    DecisionStatus,
    PayoutListStatus,
    PayoutMethod,
    PayoutStatus,
)
from opsdesk.services import rules
from opsdesk.services.interviews import first_of_month, month_label

# Monthly cash benefits; the others are paid once (zasiłki celowe) or given in kind.
MONTHLY = frozenset({BenefitKind.ZASILEK_STALY, BenefitKind.ZASILEK_OKRESOWY})
ONE_OFF = frozenset({BenefitKind.ZASILEK_CELOWY, BenefitKind.ZASILEK_CELOWY_39A,
                     BenefitKind.ZASILEK_CELOWY_40, BenefitKind.SPECJALNY_ZASILEK_CELOWY,
                     BenefitKind.ZASILEK_ZWROTNY})
CORRECTIONS = frozenset({DecisionKind.CHANGING, DecisionKind.REVOKING,
                         DecisionKind.SUSPENDING, DecisionKind.RESUMING})
# An open-ended benefit (zasiłek stały na czas nieokreślony) is scheduled this far ahead and
# extended whenever a list is drawn up.
HORIZON_MONTHS = 12


def last_of_month(d: date) -> date:
    return rules.add_months(first_of_month(d), 1) - timedelta(days=1)


def period_text(start: date, end: date) -> str:
    """"listopad 2026 r." for a whole month, "15.11.2026–30.11.2026" for a part of one."""
    if start == first_of_month(start) and end == last_of_month(start):
        return f"{month_label(start)} r."
    if start == end:
        return f"{format_date(start)} r."
    return f"{format_date(start)}–{format_date(end)}"


# --- what the decisions say: the schedule -----------------------------------------------------


@dataclass(frozen=True)
class Segment:
    """A stretch of days with one monthly amount, paid by one method on one decision."""

    start: date
    end: date | None  # None: open-ended
    monthly: Decimal
    decision_id: int
    method: PayoutMethod
    bank_account: str


@dataclass(frozen=True)
class _State:
    amount: Decimal
    end: date | None
    active: bool
    decision_id: int
    method: PayoutMethod
    bank_account: str


def corrections_of(session: Session, root: Decision) -> list[Decision]:
    """The issued decisions that changed, revoked, suspended or resumed ``root``, in the
    order they take effect."""
    return corrections_of_many(session, [root])[root.id]


def corrections_of_many(session: Session, roots: list[Decision]) -> dict[int, list[Decision]]:
    """``corrections_of`` for many decisions with one query."""
    found = corrections_by_root(session, [r.id for r in roots]) if roots else {}
    return {r.id: found.get(r.id, []) for r in roots}


def corrections_by_root(session: Session, root_ids: Any) -> dict[int, list[Decision]]:
    """The corrections of the decisions ``root_ids`` (a list, or a query of ids: the years'
    open-ended benefits are too many for a list) per decision, in the order they take
    effect; one query."""
    found: dict[int, list[Decision]] = defaultdict(list)
    for c in sorted(session.scalars(select(Decision).where(_correcting(root_ids))),
                    key=effective_order):
        found[c.corrects_decision_id or 0].append(c)
    return found


def _correcting(root_ids: Any) -> ColumnElement[bool]:
    # A correction waiting for finality (kpa art. 130 § 1) does not count yet.
    return and_(Decision.corrects_decision_id.in_(root_ids),
                Decision.status == DecisionStatus.ISSUED, Decision.kind.in_(CORRECTIONS),
                Decision.awaits_finality.is_(False))


def effective_order(d: Decision) -> tuple[date, date, int]:
    return (d.effective_from or date.min, d.issued_on or date.min, d.id)


def _states(root: Decision, corrections: list[Decision]) -> list[tuple[date, _State]]:
    """The benefit's states from the day each takes effect. A decision the SKO (or the organ
    under kpa art. 132) took away has no effect from ``appeal_effect_ends_on``: a grant
    pays no more, a correction's effect is undone from that day."""
    points = _fold(root, corrections)
    dropped: list[Decision] = []
    for c in sorted((c for c in corrections if _taken_away_on(c) is not None),
                    key=lambda c: _taken_away_on(c) or date.min):
        day = _taken_away_on(c)
        assert day is not None
        dropped.append(c)
        without = _fold(root, [k for k in corrections if k not in dropped])
        at = [s for start, s in without if start <= day]
        points = ([p for p in points if p[0] < day] + ([(day, at[-1])] if at else [])
                  + [p for p in without if p[0] > day])
    stop = _taken_away_on(root)
    if stop is not None:
        last = points[-1][1]
        for start, s in points:
            if start < stop:
                last = s
        end = stop - timedelta(days=1)
        points = [p for p in points if p[0] < stop] + [(stop, _State(
            last.amount, min(last.end, end) if last.end else end, False, last.decision_id,
            last.method, last.bank_account))]
    return points


def _taken_away_on(d: Any) -> date | None:
    # A row read before migration 0019sko (deadline_store at 0004) has no such column.
    return getattr(d, "appeal_effect_ends_on", None)


def _fold(root: Decision, corrections: list[Decision]) -> list[tuple[date, _State]]:
    assert root.period_from is not None
    state = _State(root.amount or Decimal("0"), root.period_to, True, root.id,
                   root.payout_method or PayoutMethod.CASH, root.bank_account)
    points = [(root.period_from, state)]
    for c in corrections:
        assert c.effective_from is not None
        if c.kind is DecisionKind.CHANGING:
            state = _State(c.amount if c.amount is not None else state.amount,
                           c.period_to or state.end, state.active,
                           c.id if c.amount is not None or c.payout_method else state.decision_id,
                           c.payout_method or state.method,
                           c.bank_account if c.payout_method else state.bank_account)
        elif c.kind is DecisionKind.SUSPENDING:
            state = _State(state.amount, state.end, False, state.decision_id, state.method,
                           state.bank_account)
        elif c.kind is DecisionKind.RESUMING:
            state = _State(state.amount, state.end, True, state.decision_id, state.method,
                           state.bank_account)
        elif c.kind is DecisionKind.REVOKING:
            last = c.effective_from - timedelta(days=1)
            state = _State(state.amount, min(state.end, last) if state.end else last, False,
                           state.decision_id, state.method, state.bank_account)
        points.append((c.effective_from, state))
    return points


def segments(root: Decision, corrections: list[Decision]) -> list[Segment]:
    """The days ``root`` and its corrections pay for, with the monthly amount of each."""
    points = _states(root, corrections)
    result = []
    for i, (start, state) in enumerate(points):
        end = state.end
        if i + 1 < len(points):
            before_next = points[i + 1][0] - timedelta(days=1)
            end = min(end, before_next) if end else before_next
        if state.active and (end is None or end >= start):
            result.append(Segment(start, end, state.amount, state.decision_id, state.method,
                                  state.bank_account))
    return result


def effective_end(root: Decision, corrections: list[Decision]) -> date | None:
    """The last day the benefit runs after every correction (None: open-ended)."""
    return _states(root, corrections)[-1][1].end


def state_on(root: Decision, corrections: list[Decision], day: date
             ) -> tuple[Decimal, date | None]:
    """The monthly amount and the last day of the benefit as they stand on ``day``."""
    state = _states(root, corrections)[0][1]
    for start, s in _states(root, corrections):
        if start <= day:
            state = s
    return state.amount, state.end


def is_active_on(root: Decision, corrections: list[Decision], day: date) -> bool:
    """Whether the benefit is being paid (not suspended, not ended) on ``day``."""
    state = None
    for start, s in _states(root, corrections):
        if start <= day:
            state = s
    if state is None or not state.active:
        return False
    return state.end is None or day <= state.end


def _pieces(segs: list[Segment], start: date, until: date
            ) -> Iterator[tuple[date, date, Segment]]:
    """Each calendar month (or its part) of the segments between ``start`` and ``until``."""
    for seg in segs:
        a = max(seg.start, start)
        b = min(seg.end, until) if seg.end else until
        month = first_of_month(a)
        while month <= b:
            pa, pb = max(a, month), min(b, last_of_month(month))
            if pa <= pb:
                yield pa, pb, seg
            month = rules.add_months(month, 1)


def _locked(payout: Payout) -> bool:
    """Paid, or on a list the head already approved: no decision may touch it any more."""
    if payout.status is PayoutStatus.PAID:
        return True
    return (payout.status is PayoutStatus.ON_LIST and payout.payout_list is not None
            and payout.payout_list.status is not PayoutListStatus.PREPARED)


def _chain_payouts(session: Session, root: Decision, corrections: list[Decision]
                   ) -> list[Payout]:
    ids = [root.id, *(c.id for c in corrections)]
    return list(session.scalars(select(Payout).where(
        Payout.decision_id.in_(ids), Payout.status != PayoutStatus.CANCELLED)
        .order_by(Payout.period_from)))


def _refuse_locked(payout: Payout) -> None:
    where = ("została już wypłacona" if payout.status is PayoutStatus.PAID else
             f"jest na zatwierdzonej liście wypłat nr {payout.payout_list.number}"  # type: ignore[union-attr]
             )
    raise ValidationError(
        f"Wypłata za {period_text(payout.period_from, payout.period_to)} {where} — zmiana może "
        f"obowiązywać najwcześniej od {format_date(payout.period_to + timedelta(days=1))} r. "
        "Kwotę pobraną nienależnie rozlicza decyzja o zwrocie (art. 98 ustawy o pomocy "
        "społecznej).", field="effective_from")


def check_correctable(session: Session, root: Decision, corrections: list[Decision],
                      changed_from: date) -> None:
    """Refuse a correction that would reach a payout already paid or approved."""
    _refuse_reaching(root, _chain_payouts(session, root, corrections), changed_from)


def _refuse_reaching(root: Decision, payouts: list[Payout], changed_from: date) -> None:
    for payout in payouts:
        reaches = root.benefit_kind in ONE_OFF or payout.period_to >= changed_from
        if reaches and _locked(payout):
            _refuse_locked(payout)


def sync_payouts(session: Session, root: Decision, *, changed_from: date, today: date,
                 keep_locked: bool = False) -> None:
    """Make the unpaid payouts of ``root`` agree with it and its issued corrections from
    ``changed_from`` on (the whole of it for a one-off benefit). ``keep_locked``: a
    correction carried out once final leaves what was paid or approved meanwhile alone."""
    if root.benefit_kind not in MONTHLY | ONE_OFF:
        return
    corrections = corrections_of(session, root)
    existing = _chain_payouts(session, root, corrections)
    if keep_locked:
        locked = [p for p in existing if _locked(p)]
        if root.benefit_kind in ONE_OFF and locked:
            return
        for payout in locked:
            changed_from = max(changed_from, payout.period_to + timedelta(days=1))
        existing = [p for p in existing if not _locked(p)]
    _refuse_reaching(root, existing, changed_from)
    if root.benefit_kind in ONE_OFF:
        for payout in existing:
            _cancel(payout)
        state = _states(root, corrections)[-1][1]
        if state.active and root.period_from is not None:
            _add(session, root, root.period_from, root.period_from, state.amount,
                 state.decision_id, state.method, state.bank_account, today)
        session.flush()
        return
    cancelled = [p for p in existing if p.period_to >= changed_from]
    rebuild_from = min([changed_from, *(p.period_from for p in cancelled)])
    for payout in cancelled:
        _cancel(payout)
    segs = segments(root, corrections)
    until = _horizon(root, corrections, today)
    for start, end, seg in _pieces(segs, rebuild_from, until):
        _add(session, root, start, end, rules.prorate(seg.monthly, start, end), seg.decision_id,
             seg.method, seg.bank_account, today)
    session.flush()


def _horizon(root: Decision, corrections: list[Decision], today: date) -> date:
    end = effective_end(root, corrections)
    if end is not None:
        return end
    assert root.period_from is not None
    return last_of_month(rules.add_months(max(today, root.period_from), HORIZON_MONTHS - 1))


def _cancel(payout: Payout) -> None:
    payout.status = PayoutStatus.CANCELLED
    payout.payout_list_id = None


def _add(session: Session, root: Decision, start: date, end: date, amount: Decimal,
         decision_id: int, method: PayoutMethod, account: str, today: date) -> None:
    if amount <= 0:
        return
    session.add(Payout(decision_id=decision_id, person_id=root.person_id, period_from=start,
                       period_to=end, due_on=max(start, today), amount=amount, method=method,
                       bank_account=account if method is PayoutMethod.TRANSFER else "",
                       status=PayoutStatus.PLANNED))


def extend_open_ended(session: Session, *, until: date, today: date) -> None:
    """Schedule the months of open-ended benefits up to ``until``'s month."""
    where = (Decision.kind == DecisionKind.GRANTING, Decision.status == DecisionStatus.ISSUED,
             Decision.benefit_kind.in_(MONTHLY), Decision.period_to.is_(None))
    # Three queries for every open-ended benefit of the years, not three per benefit.
    root_ids = select(Decision.id).where(*where)
    chains = corrections_by_root(session, root_ids)
    chain_ids = root_ids.union(select(Decision.id).where(_correcting(root_ids)))
    last_paid: dict[int, date] = {i: end for i, end in session.execute(
        select(Payout.decision_id, func.max(Payout.period_to))
        .where(Payout.decision_id.in_(chain_ids), Payout.status != PayoutStatus.CANCELLED)
        .group_by(Payout.decision_id))}
    for root in session.scalars(select(Decision).where(*where)):
        corrections = chains[root.id]
        if effective_end(root, corrections) is not None:
            continue
        last = max((last_paid[i] for i in (root.id, *(c.id for c in corrections))
                    if i in last_paid), default=None)
        start = last + timedelta(days=1) if last else root.period_from
        assert start is not None
        for a, b, seg in _pieces(segments(root, corrections), start, last_of_month(until)):
            _add(session, root, a, b, rules.prorate(seg.monthly, a, b), seg.decision_id,
                 seg.method, seg.bank_account, today)
    session.flush()


def appeal_end(d: Decision) -> date | None:
    """The last day to appeal: 14 days from delivery, moved off a Saturday or a holiday
    (kpa art. 129 § 2, art. 57 § 4)."""
    return rules.appeal_deadline(d.delivered_on) if d.delivered_on else None


def final_on(d: Decision) -> date | None:
    """The day the decision became (or will become) final: the day the waiver of appeal
    reached the organ (kpa art. 127a § 2), else the day after the appeal period ran out
    unused; ``None`` while undelivered or while an appeal lodged in time is with the SKO."""
    end = appeal_end(d)
    if end is None:
        return None
    if d.appeal_waived_on is not None:
        return d.appeal_waived_on
    outcome = d.appeal_outcome
    if outcome is not None and outcome in APPEAL_VOID:
        # kpa art. 134: an inadmissible or late appeal did not stop the decision
        # becoming final when the appeal period ran out.
        return end + timedelta(days=1)
    if d.appeal_lodged_on is not None and d.appeal_lodged_on <= end:
        if outcome is not None and outcome in APPEAL_KEEPS:
            # kpa art. 138 § 1 pkt 1 and 3: final once the SKO's ruling reached the party.
            return d.appeal_ruling_delivered_on
        return None
    return end + timedelta(days=1)


# The SKO's rulings (models.enums.AppealOutcome) after which the first-instance decision
# stands: the appeal void (art. 134), the decision upheld or the appeal proceedings ended
# (art. 138 § 1 pkt 1 and 3). Every other outcome takes the decision away.
APPEAL_VOID = frozenset({AppealOutcome.INADMISSIBLE, AppealOutcome.LATE})
APPEAL_KEEPS = frozenset({AppealOutcome.UPHELD, AppealOutcome.DISCONTINUED})


def is_final(d: Decision, day: date) -> bool:
    on = final_on(d)
    return on is not None and on <= day


def enforceable_on(decision: Decision, day: date) -> bool:
    """A granting decision is carried out at once when it grants the request in full
    (kpa art. 130 § 4) or has a rygor natychmiastowej wykonalności (art. 108); otherwise
    once final. Corrections reach the payouts only when they may be carried out
    (``awaits_finality``)."""
    if decision.kind is not DecisionKind.GRANTING:
        return True
    if decision.granted_in_full or decision.immediate_enforcement_reason.strip():
        return True
    return is_final(decision, day)
