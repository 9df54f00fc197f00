"""Payouts: the schedule of each granting decision, on the monthly payout lists of its
method, with their "Kasa wypłaci" receipts."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from opsdesk.demo.large.plan import Plan, PlannedDecision, add_months, payout_date, workday
from opsdesk.demo.large.writer import Writer, handed
from opsdesk.labels import label
from opsdesk.models import CashReceipt, Handover, Payout, PayoutList
from opsdesk.models.enums import (
    DecisionKind,
    DocumentKind,
    PayoutListStatus,
    PayoutMethod,
    PayoutStatus,
)
from opsdesk.services import rules
from opsdesk.services.decisions.catalogue import BENEFITS, Payment
from opsdesk.services.payouts.schedule import HORIZON_MONTHS, last_of_month, period_text


@dataclass(slots=True)
class PlannedPayout:
    decision: PlannedDecision  # the one whose amount it pays (a root or its change)
    start: date
    end: date
    amount: Decimal
    due: date


def schedule(plan: Plan, root: PlannedDecision) -> Iterator[PlannedPayout]:
    """What ``payouts.schedule.sync_payouts`` and ``extend_open_ended`` leave for a granting
    decision: one payout for a one-off benefit; for a monthly one a payout per calendar month
    (the first and last prorated), from each change on at its amount, up to the end, the
    revocation, or for an open-ended one the later of a year ahead and this month's list.
    A second implementation (Core inserts, for speed): tests/test_demo_schedule.py compares
    the two."""
    assert root.issued_on is not None and root.period_from is not None
    if BENEFITS[root.benefit].payment is Payment.ONE_OFF:
        assert root.amount is not None
        yield PlannedPayout(root, root.period_from, root.period_from, root.amount,
                            max(root.period_from, root.issued_on))
        return
    end = root.period_to
    changes: list[PlannedDecision] = []
    for c in sorted(root.corrections, key=lambda c: c.period_from or date.min):
        if c.kind is DecisionKind.REVOKING:
            assert c.period_from is not None
            end = min(end, c.period_from - timedelta(days=1)) if end else \
                c.period_from - timedelta(days=1)
        else:
            changes.append(c)
    if end is None:
        issued = max([root.issued_on, *(c.issued_on for c in changes if c.issued_on)])
        end = max(last_of_month(rules.add_months(max(issued, root.period_from),
                                                 HORIZON_MONTHS - 1)),
                  last_of_month(plan.last_list))
    month = add_months(root.period_from, 0)
    while month <= end:
        start, stop = max(month, root.period_from), min(last_of_month(month), end)
        source = root
        for c in changes:
            if c.period_from and c.period_from <= start:
                source = c
        assert source.amount is not None and source.issued_on is not None
        yield PlannedPayout(source, start, stop, rules.prorate(source.amount, start, stop),
                            max(start, source.issued_on))
        month = add_months(month, 1)


def list_id(plan: Plan, month: date, method: PayoutMethod) -> int:
    index = (month.year - plan.start.year) * 12 + month.month - 1
    return index * 2 + (1 if method is PayoutMethod.CASH else 2)


def list_seq(month: date, method: PayoutMethod) -> int:
    return (month.month - 1) * 2 + (1 if method is PayoutMethod.CASH else 2)


def approved_on(month: date) -> date:
    return payout_date(month) - timedelta(days=2)


def write_payout_lists(w: Writer, plan: Plan) -> None:
    """Two lists a month (cash, transfer), prepared, approved by the head and paid."""
    team = plan.team

    def rows() -> Iterator[dict[str, Any]]:
        month = plan.start
        while month <= plan.last_list:
            for method in (PayoutMethod.CASH, PayoutMethod.TRANSFER):
                seq = list_seq(month, method)
                plan.counters["PAYOUT_LIST", month.year] = seq
                yield {"id": list_id(plan, month, method), "number": f"LW/{seq}/{month.year}",
                       "year": month.year, "seq": seq, "payout_date": payout_date(month),
                       "method": method, "status": PayoutListStatus.PAID,
                       "prepared_by_id": team.benefits[0].id, "approved_by_id": team.head.id,
                       "approved_on": approved_on(month), "paid_on": payout_date(month),
                       "created_at": datetime.combine(approved_on(month) - timedelta(days=1),
                                                      time(9))}
            month = add_months(month, 1)

    w.rows(PayoutList.__table__, rows())


def write_payouts(w: Writer, plan: Plan) -> None:
    """Each granting decision's schedule; a payout is on the first list of its method paid on
    or after it falls due, or waits (planned) when that list is not drawn up yet. Every payout
    on a cash list got its numbered "Kasa wypłaci" at approval, handed over when collected."""
    roots = sorted((d for c in plan.cases for d in c.decisions
                    if d.kind is DecisionKind.GRANTING and d.issued_on is not None
                    and BENEFITS[d.benefit].payment is not Payment.IN_KIND),
                   key=lambda d: d.id)
    cash: list[tuple[date, int, PlannedDecision, date, date, int]] = []

    def rows() -> Iterator[dict[str, Any]]:
        payout_id = 0
        for root in roots:
            c = root.case
            for p in schedule(plan, root):
                payout_id += 1
                month = add_months(p.due, 0 if p.due <= payout_date(p.due) else 1)
                listed = month <= plan.last_list
                if listed and c.method is PayoutMethod.CASH:
                    cash.append((approved_on(month), payout_id, p.decision, p.start, p.end,
                                 c.person.id))
                yield {"id": payout_id, "decision_id": p.decision.id, "person_id": c.person.id,
                       "period_from": p.start, "period_to": p.end, "due_on": p.due,
                       "amount": p.amount, "method": c.method,
                       "bank_account": c.person.bank if c.method is PayoutMethod.TRANSFER
                       else "",
                       "status": PayoutStatus.PAID if listed else PayoutStatus.PLANNED,
                       "payout_list_id": list_id(plan, month, c.method) if listed else None,
                       "paid_on": payout_date(month) if listed else None}

    w.rows(Payout.__table__, rows())
    cash.sort(key=lambda r: (r[0], r[1]))
    people = {p.id: p for members in plan.households for p in members}
    receipts: list[dict[str, Any]] = []
    handovers: list[dict[str, Any]] = []
    for receipt_id, (issued, payout_id, d, start, end, person_id) in enumerate(cash, start=1):
        seq = plan.next_number("RECEIPT", issued.year)
        number = f"KW/{seq}/{issued.year}"
        created = datetime.combine(issued, time(13))
        receipts.append({"id": receipt_id, "number": number, "year": issued.year, "seq": seq,
                         "payout_id": payout_id, "issued_on": issued,
                         "issued_by_id": plan.team.benefits[0].id, "created_at": created})
        handovers.append({
            "document_kind": DocumentKind.RECEIPT, "document_id": receipt_id,
            "person_id": person_id,
            "title": f"Kasa wypłaci nr {number} — {label(d.benefit)}, {period_text(start, end)}",
            **handed(plan, people[person_id], workday(issued + timedelta(days=2))),
            "created_at": created})
    w.rows(CashReceipt.__table__, receipts)
    w.rows(Handover.__table__, handovers)
