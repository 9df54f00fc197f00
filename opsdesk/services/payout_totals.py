"""Each payout list's number of payouts and their total, kept on the list.

A list's line ("LW/3/2026 — 4 120 wypłat, 1 234 567,00 zł") was counted from its payouts at
every reading; the page of lists shows two years of them, about two hundred thousand payouts,
which on the office's network drive meant some 1 400 pages read after a colleague's write.
The figures are worked out again before the commit of every transaction that moved a payout
onto or off a list, changed its amount or cancelled it (two session hooks, ``hooks.install``),
however the change was made; rows written past the ORM (the large demo, a migration) get
theirs from ``rebuild``."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import Table, func, inspect, select, update
from sqlalchemy.orm import Session

from opsdesk.models import Payout, PayoutList
from opsdesk.models.enums import PayoutStatus

_NOTED = "payout_totals.noted"  # session.info: the ids of the lists to count again


def note_payouts(session: Session, _ctx: Any) -> None:
    """After each flush: the lists a payout joined or left, or whose payout changed."""
    noted: set[int] = session.info.setdefault(_NOTED, set())
    for payout in (*session.new, *session.dirty, *session.deleted):
        if isinstance(payout, Payout):
            history = inspect(payout).attrs.payout_list_id.history
            noted.update(i for i in (payout.payout_list_id, *history.deleted) if i is not None)


def count_noted_lists(session: Session) -> None:
    """Before the commit, once per transaction: the noted lists are counted again."""
    session.flush()
    noted = session.info.pop(_NOTED, None)
    if noted:
        _count(session, PayoutList.id.in_(noted))


def rebuild(session: Session) -> None:
    """Every list counted from its payouts (written with SQLAlchemy Core)."""
    _count(session, PayoutList.id.is_not(None))


def _count(session: Session, which: Any) -> None:
    lists: Table = PayoutList.__table__  # type: ignore[assignment]
    counted = Payout.payout_list_id == lists.c.id, Payout.status != PayoutStatus.CANCELLED
    session.connection().execute(update(lists).where(which).values(
        payout_count=select(func.count()).where(*counted).scalar_subquery(),
        payout_total=select(func.coalesce(func.sum(Payout.amount), Decimal("0.00")))
        .where(*counted).scalar_subquery()))
