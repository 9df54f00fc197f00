"""Money: the payouts decisions create, payout lists, "Kasa wypłaci" receipts and the
transfer file for the bank.

A granting decision for a monthly benefit creates one payout per calendar month of its
period, a partial month prorated (art. 106 ust. 3 ups, ``rules.prorate``); a one-off
benefit creates one payout, never prorated. A changing, revoking, suspending or resuming
decision rebuilds the schedule from its effective day: payouts not yet paid are cancelled
and made anew from what all the decisions together now say; a payout already paid (or on
an approved list) is never touched — an overpayment is recovered by an art. 98 decision.

Payout lists are drawn up per payout date and method (cash / transfer) and go
PREPARED → APPROVED (by the head) → PAID. Approving a cash list issues a numbered
"Kasa wypłaci" receipt per payout and puts it on the desk's "Do odbioru" list.

Transfer file (``transfer_csv``) — one line per transfer, for the bank's "import przelewów
z pliku CSV". UTF-8 (or Windows-1250 on request), fields separated by semicolons, quoted
with double quotes where needed, lines ended with CRLF, a header line first:

1. ``Lp`` — running number on the list;
2. ``Rachunek odbiorcy`` — the beneficiary's NRB, 26 digits, no spaces;
3. ``Nazwa odbiorcy`` — first name and surname, at most 70 characters;
4. ``Adres odbiorcy`` — street, postal code and town, at most 70 characters;
5. ``Kwota`` — in złote with a decimal comma and no thousands separator, e.g. ``1229,00``;
6. ``Tytuł`` — benefit, period and decision number, at most 140 characters (4 × 35);
7. ``Data wykonania`` — the list's payout date, ``RRRR-MM-DD``;
8. ``Referencja`` — the list number and the line, e.g. ``LW/3/2026/12``, to reconcile the
   bank statement.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from opsdesk import clock
from opsdesk.formatting import amount_in_words, format_date
from opsdesk.labels import label
from opsdesk.models import CashReceipt, Decision, Payout, PayoutList, Person
from opsdesk.models.enums import (
    AuditAction,
    BenefitKind,
    DecisionKind,
    DecisionStatus,
    DocumentKind,
    PayoutListStatus,
    PayoutMethod,
    PayoutStatus,
)
from opsdesk.reports.payout_list import render_payout_list
from opsdesk.reports.receipt import render_receipt, render_receipts
from opsdesk.reports.views import OfficeView, PayoutListView, PayoutRow, ReceiptView
from opsdesk.services import rules
from opsdesk.services.audit import write_audit
from opsdesk.services.desk import add_handover
from opsdesk.services.errors import ConflictError, NotFound, ValidationError
from opsdesk.services.interviews import first_of_month, month_label
from opsdesk.services.numbering import next_number
from opsdesk.services.office import get_office, office_view
from opsdesk.services.permissions import Permission
from opsdesk.services.security import Actor, operation
from opsdesk.services.users import worker_name

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
LISTS_SHOWN = 48
CSV_COLUMNS = ("Lp", "Rachunek odbiorcy", "Nazwa odbiorcy", "Adres odbiorcy", "Kwota", "Tytuł",
               "Data wykonania", "Referencja")


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
    return and_(Decision.corrects_decision_id.in_(root_ids),
                Decision.status == DecisionStatus.ISSUED, Decision.kind.in_(CORRECTIONS))


def effective_order(d: Decision) -> tuple[date, date, int]:
    return (d.effective_from or date.min, d.issued_on or date.min, d.id)


def _states(root: Decision, corrections: list[Decision]) -> list[tuple[date, _State]]:
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


def sync_payouts(session: Session, root: Decision, *, changed_from: date, today: date) -> None:
    """Make the unpaid payouts of ``root`` agree with it and its issued corrections from
    ``changed_from`` on (the whole of it for a one-off benefit)."""
    if root.benefit_kind not in MONTHLY | ONE_OFF:
        return
    corrections = corrections_of(session, root)
    existing = _chain_payouts(session, root, corrections)
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


def enforceable_on(decision: Decision, day: date) -> bool:
    """A granting decision is carried out at once when it grants the request in full
    (kpa art. 130 § 4) or has a rygor natychmiastowej wykonalności (art. 108); otherwise
    once final — the day after the appeal period from delivery ends. Corrections are
    carried out at once."""
    if decision.kind is not DecisionKind.GRANTING:
        return True
    if decision.granted_in_full or decision.immediate_enforcement_reason.strip():
        return True
    return decision.delivered_on is not None and day > rules.appeal_deadline(decision.delivered_on)


# --- reading ------------------------------------------------------------------------------


@dataclass(frozen=True)
class PayoutView:
    id: int
    decision_id: int
    decision_number: str
    person_id: int
    person_name: str
    benefit_kind: BenefitKind
    period_from: date
    period_to: date
    period_text: str
    due_on: date
    amount: Decimal
    method: PayoutMethod
    status: PayoutStatus
    list_number: str
    receipt_id: int | None
    receipt_number: str
    paid_on: date | None


def prefetch(session: Session, payouts: list[Payout]) -> None:
    """Load the decisions, persons and lists of many payouts with one query each and attach
    them, so reading ``p.decision`` costs no query per payout."""
    for name, model, key in (("decision", Decision, "decision_id"),
                             ("person", Person, "person_id"),
                             ("payout_list", PayoutList, "payout_list_id")):
        ids = {getattr(p, key) for p in payouts} - {None}
        found = {o.id: o for o in session.scalars(select(model).where(model.id.in_(ids)))} \
            if ids else {}
        for p in payouts:
            set_committed_value(p, name, found.get(getattr(p, key)))


def payout_views(session: Session, payouts: list[Payout]) -> list[PayoutView]:
    prefetch(session, payouts)
    receipts = {r.payout_id: r for r in session.scalars(select(CashReceipt).where(
        CashReceipt.payout_id.in_([p.id for p in payouts])))} if payouts else {}
    return [PayoutView(
        p.id, p.decision_id, p.decision.number or "", p.person_id,
        f"{p.person.last_name} {p.person.first_name}", p.decision.benefit_kind, p.period_from,
        p.period_to, period_text(p.period_from, p.period_to), p.due_on, p.amount, p.method,
        p.status, p.payout_list.number if p.payout_list else "",
        receipts[p.id].id if p.id in receipts else None,
        receipts[p.id].number if p.id in receipts else "", p.paid_on) for p in payouts]


@operation(Permission.CASE_READ)
def payouts_of_person(session: Session, person_id: int, *, actor: Actor,
                      include_cancelled: bool = False) -> list[PayoutView]:
    write_audit(session, actor.id, AuditAction.READ, "Payout", None, {"person_id": person_id})
    stmt = select(Payout).where(Payout.person_id == person_id)
    if not include_cancelled:
        stmt = stmt.where(Payout.status != PayoutStatus.CANCELLED)
    return payout_views(session, list(session.scalars(stmt.order_by(Payout.period_from,
                                                                      Payout.id))))


@operation(Permission.PAYOUT_PREPARE)
def payouts_due(session: Session, *, actor: Actor, payout_date: date, method: PayoutMethod,
                today: date | None = None) -> list[PayoutView]:
    """What a list for ``payout_date`` would take: planned payouts due by then whose
    decision may be carried out."""
    return payout_views(session, _due(session, payout_date, method))


def _due(session: Session, payout_date: date, method: PayoutMethod) -> list[Payout]:
    stmt = (select(Payout).where(Payout.status == PayoutStatus.PLANNED, Payout.method == method,
                                 Payout.due_on <= payout_date, Payout.payout_list_id.is_(None))
            .order_by(Payout.due_on, Payout.id))
    due = list(session.scalars(stmt))
    prefetch(session, due)
    ids = {p.decision.corrects_decision_id for p in due} - {None}
    # The decisions the corrections' payouts are carried out under, in one query.
    roots = {d.id: d for d in session.scalars(select(Decision).where(Decision.id.in_(ids)))} \
        if ids else {}
    # A granting decision has no corrects_decision_id: it is its own root.
    return [p for p in due if enforceable_on(
        roots.get(p.decision.corrects_decision_id, p.decision), payout_date)]


# --- payout lists -------------------------------------------------------------------------


@dataclass(frozen=True)
class PayoutListRow:
    id: int
    number: str
    payout_date: date
    method: PayoutMethod
    status: PayoutListStatus
    count: int
    total: Decimal
    prepared_by: str
    approved_by: str
    approved_on: date | None
    paid_on: date | None
    version: int


@dataclass(frozen=True)
class PayoutListDetail:
    row: PayoutListRow
    payouts: tuple[PayoutView, ...] = field(default=())

    @property
    def total_in_words(self) -> str:
        return amount_in_words(self.row.total)


def _list(session: Session, list_id: int, expected_version: int | None = None) -> PayoutList:
    plist = session.get(PayoutList, list_id)
    if plist is None:
        raise NotFound("Nie ma takiej listy wypłat.")
    if expected_version is not None and plist.version != expected_version:
        raise ConflictError({"status": (plist.status, None)})
    return plist


def _list_totals(session: Session, list_ids: list[int]) -> dict[int, tuple[int, Decimal]]:
    """How many payouts each list holds and their total, counted by the database: a list
    of ten years must not be read payout by payout to show one line."""
    stmt = (select(Payout.payout_list_id, func.count(), func.sum(Payout.amount))
            .where(Payout.payout_list_id.in_(list_ids), Payout.status != PayoutStatus.CANCELLED)
            .group_by(Payout.payout_list_id))
    return {i: (n, total or Decimal("0.00")) for i, n, total in session.execute(stmt)} \
        if list_ids else {}


def _list_row(session: Session, plist: PayoutList,
              totals: dict[int, tuple[int, Decimal]] | None = None) -> PayoutListRow:
    if totals is None:
        totals = _list_totals(session, [plist.id])
    count, total = totals.get(plist.id, (0, Decimal("0.00")))
    return PayoutListRow(plist.id, plist.number, plist.payout_date, plist.method, plist.status,
                         count, total.quantize(Decimal("0.01")),
                         worker_name(session, plist.prepared_by_id),
                         worker_name(session, plist.approved_by_id), plist.approved_on,
                         plist.paid_on, plist.version)


@operation(Permission.PAYOUT_PREPARE)
def payout_lists(session: Session, *, actor: Actor, year: int | None = None
                 ) -> list[PayoutListRow]:
    """The newest lists first: a year's when ``year`` is given, else the last ``LISTS_SHOWN``
    (two years of monthly cash and transfer lists), not every list of ten years."""
    stmt = select(PayoutList).order_by(PayoutList.payout_date.desc(), PayoutList.id.desc())
    if year is not None:
        stmt = stmt.where(PayoutList.year == year)
    lists = list(session.scalars(stmt.limit(500 if year is not None else LISTS_SHOWN)))
    totals = _list_totals(session, [pl.id for pl in lists])
    return [_list_row(session, pl, totals) for pl in lists]


@operation(Permission.PAYOUT_PREPARE)
def payout_list_detail(session: Session, list_id: int, *, actor: Actor) -> PayoutListDetail:
    plist = _list(session, list_id)
    return PayoutListDetail(_list_row(session, plist),
                            tuple(payout_views(session, list(plist.payouts))))


@operation(Permission.PAYOUT_PREPARE)
def prepare_payout_list(session: Session, *, actor: Actor, payout_date: date,
                        method: PayoutMethod, today: date | None = None) -> int:
    """Draw up a list of every planned payout of this method due by ``payout_date``."""
    today = today or clock.today()
    if payout_date < today:
        raise ValidationError("Data wypłaty nie może być wcześniejsza niż dzisiaj.",
                              field="payout_date")
    extend_open_ended(session, until=payout_date, today=today)
    due = _due(session, payout_date, method)
    if not due:
        raise ValidationError(f"Brak wypłat ({label(method)}) do umieszczenia na liście na dzień "
                              f"{format_date(payout_date)} r.", field="payout_date")
    seq = next_number(session, "PAYOUT_LIST", payout_date.year)
    plist = PayoutList(number=f"LW/{seq}/{payout_date.year}", year=payout_date.year, seq=seq,
                       payout_date=payout_date, method=method,
                       status=PayoutListStatus.PREPARED, prepared_by_id=actor.id)
    session.add(plist)
    session.flush()
    for payout in due:
        payout.payout_list_id = plist.id
        payout.status = PayoutStatus.ON_LIST
    session.flush()
    return plist.id


@operation(Permission.PAYOUT_PREPARE)
def remove_from_list(session: Session, list_id: int, payout_id: int, *, actor: Actor) -> None:
    """Take a payout off a list not yet approved; it waits for the next list."""
    plist = _list(session, list_id)
    if plist.status is not PayoutListStatus.PREPARED:
        raise ValidationError(f"Lista wypłat nr {plist.number} jest już zatwierdzona — nie "
                              "można jej zmieniać.", field="status")
    payout = session.get(Payout, payout_id)
    if payout is None or payout.payout_list_id != plist.id:
        raise NotFound("Tej wypłaty nie ma na liście.")
    payout.payout_list_id = None
    payout.status = PayoutStatus.PLANNED
    session.flush()


@operation(Permission.PAYOUT_APPROVE)
def approve_payout_list(session: Session, list_id: int, *, actor: Actor,
                        expected_version: int | None = None, today: date | None = None
                        ) -> list[int]:
    """The head approves the list; a cash list gets its "Kasa wypłaci" receipts, which
    wait at the desk. Returns the ids of the receipts issued."""
    today = today or clock.today()
    plist = _list(session, list_id, expected_version)
    if plist.status is not PayoutListStatus.PREPARED:
        who = worker_name(session, plist.approved_by_id)
        when = f" {format_date(plist.approved_on)} r." if plist.approved_on else ""
        raise ValidationError(f"Lista wypłat nr {plist.number} została już zatwierdzona{when}"
                              f"{' (' + who + ')' if who else ''} — nie można zatwierdzić jej "
                              "ponownie.", field="status")
    live = [p for p in plist.payouts if p.status is PayoutStatus.ON_LIST]
    if not live:
        raise ValidationError(f"Lista wypłat nr {plist.number} jest pusta.", field="status")
    plist.status = PayoutListStatus.APPROVED
    plist.approved_by_id = actor.id
    plist.approved_on = today
    receipts = []
    if plist.method is PayoutMethod.CASH:
        prefetch(session, live)
        # A payout not collected on an earlier list keeps its receipt and number.
        existing = {payout_id: receipt_id for payout_id, receipt_id in session.execute(
            select(CashReceipt.payout_id, CashReceipt.id).where(
                CashReceipt.payout_id.in_([p.id for p in live])))}
        receipts = [existing.get(p.id) or _issue_receipt(session, p, plist.prepared_by_id, today)
                    for p in live]
    session.flush()
    return receipts


def _issue_receipt(session: Session, payout: Payout, issued_by_id: int, today: date) -> int:
    seq = next_number(session, "RECEIPT", today.year)
    receipt = CashReceipt(number=f"KW/{seq}/{today.year}", year=today.year, seq=seq,
                          payout_id=payout.id, issued_on=today, issued_by_id=issued_by_id)
    session.add(receipt)
    session.flush()
    add_handover(session, kind=DocumentKind.RECEIPT, document_id=receipt.id,
                 person_id=payout.person_id,
                 title=f"Kasa wypłaci nr {receipt.number} — {label(payout.decision.benefit_kind)}"
                       f", {period_text(payout.period_from, payout.period_to)}")
    return receipt.id


@operation(Permission.PAYOUT_PREPARE)
def record_list_paid(session: Session, list_id: int, *, actor: Actor, paid_on: date,
                     not_paid: tuple[int, ...] = (), expected_version: int | None = None,
                     today: date | None = None) -> None:
    """The cashier's or the bank's report: everything paid except ``not_paid`` (money not
    collected, a transfer returned), which goes back to wait for the next list."""
    today = today or clock.today()
    plist = _list(session, list_id, expected_version)
    if plist.status is PayoutListStatus.PREPARED:
        raise ValidationError(f"Lista wypłat nr {plist.number} nie jest jeszcze zatwierdzona "
                              "przez kierownika.", field="status")
    if plist.status is PayoutListStatus.PAID:
        raise ValidationError(f"Lista wypłat nr {plist.number} jest już rozliczona.",
                              field="status")
    if paid_on > today:
        raise ValidationError("Data wypłaty nie może być datą przyszłą.", field="paid_on")
    if plist.approved_on and paid_on < plist.approved_on:
        raise ValidationError("Wypłata nie mogła nastąpić przed zatwierdzeniem listy "
                              f"({format_date(plist.approved_on)} r.).", field="paid_on")
    on_list = {p.id for p in plist.payouts}
    stray = set(not_paid) - on_list
    if stray:
        raise ValidationError("Wskazano wypłatę spoza tej listy.", field="not_paid")
    for payout in plist.payouts:
        if payout.status is not PayoutStatus.ON_LIST:
            continue
        if payout.id in not_paid:
            payout.status = PayoutStatus.PLANNED
            payout.payout_list_id = None
        else:
            payout.status = PayoutStatus.PAID
            payout.paid_on = paid_on
    plist.status = PayoutListStatus.PAID
    plist.paid_on = paid_on
    session.flush()


# --- documents ----------------------------------------------------------------------------


def _list_view(session: Session, plist: PayoutList) -> PayoutListView:
    rows = []
    payouts = [p for p in plist.payouts if p.status is not PayoutStatus.CANCELLED]
    prefetch(session, payouts)
    for n, p in enumerate(payouts, start=1):
        person = p.person
        rows.append(PayoutRow(
            lp=n, name=person.full_name, address=person.address, pesel=person.pesel or "",
            decision_number=p.decision.number or "", decision_date=p.decision.issued_on
            or plist.payout_date, benefit_label=label(p.decision.benefit_kind),
            period_text=period_text(p.period_from, p.period_to), amount=p.amount,
            account_number=p.bank_account))
    what = "gotówką w kasie" if plist.method is PayoutMethod.CASH else "przelewem"
    return PayoutListView(
        office=office_view(session), number=plist.number, payout_date=plist.payout_date,
        method=plist.method.value,
        title=f"Lista wypłat świadczeń z pomocy społecznej ({what}) na dzień "
              f"{format_date(plist.payout_date)} r.",
        rows=tuple(rows), drawn_up_by=worker_name(session, plist.prepared_by_id), checked_by="",
        approved_by=worker_name(session, plist.approved_by_id))


@operation(Permission.PAYOUT_PREPARE)
def payout_list_pdf(session: Session, list_id: int, *, actor: Actor) -> bytes:
    plist = _list(session, list_id)
    write_audit(session, actor.id, AuditAction.PRINT, "PayoutList", plist.id, {})
    return render_payout_list(_list_view(session, plist))


@operation(Permission.PAYOUT_PREPARE)
def transfer_csv(session: Session, list_id: int, *, actor: Actor,
                 encoding: str = "utf-8") -> bytes:
    """The approved transfer list as the bank's import file (columns in the module doc)."""
    plist = _list(session, list_id)
    if plist.method is not PayoutMethod.TRANSFER:
        raise ValidationError(f"Lista nr {plist.number} to lista wypłat gotówkowych — plik "
                              "dla banku tworzy się tylko z listy przelewów.", field="method")
    if plist.status is PayoutListStatus.PREPARED:
        raise ValidationError(f"Lista przelewów nr {plist.number} nie jest jeszcze zatwierdzona "
                              "przez kierownika — nie można wysłać jej do banku.",
                              field="status")
    if encoding not in ("utf-8", "cp1250"):
        raise ValidationError("Kodowanie pliku: utf-8 albo cp1250.", field="encoding")
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    payouts = [p for p in plist.payouts if p.status is not PayoutStatus.CANCELLED]
    prefetch(session, payouts)
    for n, p in enumerate(payouts, start=1):
        title = (f"{label(p.decision.benefit_kind)} {period_text(p.period_from, p.period_to)} "
                 f"decyzja {p.decision.number}")
        writer.writerow([n, p.bank_account, p.person.full_name[:70], p.person.address[:70],
                         f"{p.amount:.2f}".replace(".", ","), title[:140],
                         plist.payout_date.isoformat(), f"{plist.number}/{n}"])
    write_audit(session, actor.id, AuditAction.EXPORT, "PayoutList", plist.id,
                {"rows": len(payouts), "encoding": encoding})
    return out.getvalue().encode(encoding)


@operation(Permission.RECEIPT_ISSUE)
def receipt_pdf(session: Session, receipt_id: int, *, actor: Actor) -> bytes:
    """"Kasa wypłaci" in two copies on one page."""
    receipt = session.get(CashReceipt, receipt_id)
    if receipt is None:
        raise NotFound("Nie ma takiego dowodu wypłaty.")
    write_audit(session, actor.id, AuditAction.PRINT, "CashReceipt", receipt.id, {})
    return render_receipt(_receipt_view(session, receipt, office_view(session),
                                        get_office(session).town))


@operation(Permission.RECEIPT_ISSUE)
def receipts_of_list_pdf(session: Session, list_id: int, *, actor: Actor) -> bytes:
    """Every "Kasa wypłaci" of a cash list in one document, a sheet each: printed at once,
    not opened one by one."""
    plist = _list(session, list_id)
    receipts = list(session.scalars(select(CashReceipt).join(Payout).where(
        Payout.payout_list_id == plist.id).order_by(CashReceipt.seq)))
    if not receipts:
        raise ValidationError(f"Lista wypłat nr {plist.number} nie ma dowodów „Kasa wypłaci” "
                              "— są wystawiane przy zatwierdzeniu listy gotówkowej.")
    prefetch(session, [r.payout for r in receipts])
    for receipt in receipts:
        write_audit(session, actor.id, AuditAction.PRINT, "CashReceipt", receipt.id, {})
    office, town = office_view(session), get_office(session).town
    return render_receipts([_receipt_view(session, r, office, town) for r in receipts],
                           title=f"Kasa wypłaci — lista wypłat nr {plist.number}")


def _receipt_view(session: Session, receipt: CashReceipt, office: OfficeView,
                  town: str) -> ReceiptView:
    payout = receipt.payout
    decision, person, plist = payout.decision, payout.person, payout.payout_list
    return ReceiptView(
        office=office, number=receipt.number, place=town,
        issued_on=receipt.issued_on, recipient_name=person.full_name,
        recipient_address=person.address, recipient_pesel=person.pesel or "",
        benefit_label=label(decision.benefit_kind),
        period_text=period_text(payout.period_from, payout.period_to),
        decision_number=decision.number or "", decision_date=decision.issued_on or
        receipt.issued_on, amount=payout.amount,
        drawn_up_by=worker_name(session, receipt.issued_by_id),
        approved_by=worker_name(session, plist.approved_by_id if plist else None))
