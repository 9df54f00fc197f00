"""Numbers that must never repeat: case signs, decisions, receipts, certificates, lists.

A number is drawn by incrementing its counter inside the caller's write transaction
(BEGIN IMMEDIATE on SQLite, a row lock on PostgreSQL), so two workstations never get the
same one; if the transaction rolls back, the number was never given."""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from opsdesk.models import Counter


def next_number(session: Session, kind: str, year: int) -> int:
    bump = (update(Counter).where(Counter.kind == kind, Counter.year == year)
            .values(value=Counter.value + 1).returning(Counter.value))
    value = session.execute(bump).scalar_one_or_none()
    if value is None:
        dialect = session.get_bind().dialect.name
        insert = pg_insert if dialect == "postgresql" else sqlite_insert
        session.execute(insert(Counter).values(kind=kind, year=year, value=0)
                        .on_conflict_do_nothing())
        value = session.execute(bump).scalar_one()
    return value
