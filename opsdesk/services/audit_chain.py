"""Tamper evidence for the audit log: each entry carries a hash of its content chained to
the previous entry's hash. The triggers of migration 0002 stop UPDATE and DELETE, but not
someone who drops them, deletes entries and re-creates them; the chain shows that — the
first entry whose hash no longer follows is named — and the latest hash written beside each
backup (``backup.write_chain_note``) shows a log cut short after it."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Table, insert, select

from opsdesk.models import AuditEntry

GENESIS = "0" * 64
# The writers' advisory lock on PostgreSQL: the same number as ``db.PG_WRITE_LOCK`` (the db
# module imports this one's callers, so it is not imported from there).
PG_WRITE_LOCK = 0x0905_DE5C
_T: Table = AuditEntry.__table__  # type: ignore[assignment]


def entry_hash(previous: str, row: Mapping[Any, Any]) -> str:
    """The hash of one entry: its content (not its id) after the previous entry's hash.
    The same text as migration 0009sec's backfill, which keeps its own copy."""
    at = row["at"]
    action = row["action"]
    payload = json.dumps([
        at.isoformat(sep=" ") if isinstance(at, datetime) else str(at), row["user_id"],
        str(getattr(action, "value", action)), row["entity"], row["entity_id"],
        row["details"] or ""], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256((previous + payload).encode("utf-8")).hexdigest()


def last_link(conn: Connection) -> tuple[int | None, str]:
    """The newest entry's id and hash (None and GENESIS for an empty log)."""
    row = conn.execute(select(_T.c.id, _T.c.chain).order_by(_T.c.id.desc()).limit(1)).first()
    return (None, GENESIS) if row is None else (row.id, row.chain or GENESIS)


def append(conn: Connection, rows: Sequence[dict[str, Any]]) -> None:
    """Insert entries, each chained to the one before. The writer holds the database's
    write lock first (on SQLite a reader that writes an entry gets it, or is retried as a
    writer), so two workstations never chain to the same entry."""
    if not rows:
        return
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({PG_WRITE_LOCK})")
    previous = last_link(conn)[1]
    chained = []
    for row in rows:
        previous = entry_hash(previous, row)
        chained.append({**row, "chain": previous})
    conn.execute(insert(_T), chained)


@dataclass(frozen=True)
class ChainReport:
    entries: int
    broken_at: int | None  # the id of the first entry whose hash does not follow
    last_id: int | None
    last_hash: str

    @property
    def sound(self) -> bool:
        return self.broken_at is None


def verify(conn: Connection) -> ChainReport:
    """Walk the log in order and recompute every link."""
    previous, count, last_id = GENESIS, 0, None
    stmt = select(_T.c.id, _T.c.at, _T.c.user_id, _T.c.action, _T.c.entity, _T.c.entity_id,
                  _T.c.details, _T.c.chain).order_by(_T.c.id)
    # Streamed in batches; the option on the statement, not the connection (which keeps it:
    # on PostgreSQL the next INSERT then went through a server-side cursor and failed).
    for row in conn.execute(stmt.execution_options(yield_per=5000)):
        expected = entry_hash(previous, row._mapping)
        if row.chain != expected:
            return ChainReport(count, row.id, last_id, previous)
        previous, last_id, count = expected, row.id, count + 1
    return ChainReport(count, None, last_id, previous)


def holds(conn: Connection, last_id: int, last_hash: str) -> bool:
    """Whether the log still holds entry ``last_id`` with ``last_hash`` (from a backup's
    note): a log cut back to before it does not."""
    return conn.execute(select(_T.c.chain).where(_T.c.id == last_id)).scalar() == last_hash


def broken_message(report: ChainReport) -> str:
    return (f"Dziennik zdarzeń: łańcuch wpisów przerwany przy wpisie nr {report.broken_at} — "
            "ten wpis albo wpis przed nim zmieniono lub usunięto z pominięciem programu.")
