"""Writing the plan: rows in chunks through one Core INSERT each, with the audit entries the
flush listener would have written; the daily audit of reading and the number counters."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session

from opsdesk.demo.large.plan import Plan, PlannedPerson, at, poisson
from opsdesk.models import AuditEntry, Counter
from opsdesk.models.enums import AuditAction
from opsdesk.services import audit_chain

CHUNK = 10_000


class Writer:
    """Rows of one table go in chunks through one Core INSERT; the audit entries of what was
    created are written alongside, as the flush listener would have."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.written: dict[str, int] = defaultdict(int)
        self.audit: list[dict[str, Any]] = []

    def rows(self, table: Table, rows: Iterable[dict[str, Any]]) -> None:
        chunk: list[dict[str, Any]] = []
        for row in rows:
            chunk.append(row)
            if len(chunk) >= CHUNK:
                self._insert(table, chunk)
                chunk = []
        if chunk:
            self._insert(table, chunk)

    def _insert(self, table: Table, chunk: list[dict[str, Any]]) -> None:
        if table is AuditEntry.__table__:
            audit_chain.append(self.session.connection(), chunk)
        else:
            self.session.execute(insert(table), chunk)
        self.written[table.name] += len(chunk)
        if self.audit:
            audit, self.audit = self.audit, []
            self._insert(AuditEntry.__table__, audit)

    def created(self, when: datetime, user_id: int, entity: str, entity_id: int) -> None:
        self.audit.append({"at": when, "user_id": user_id, "action": AuditAction.CREATE,
                           "entity": entity, "entity_id": entity_id, "details": "{}"})

    def finish(self) -> None:
        if self.audit:
            audit, self.audit = self.audit, []
            self._insert(AuditEntry.__table__, audit)


def handed(plan: Plan, person: PlannedPerson, on: date | None) -> dict[str, Any]:
    """The "Wydano" columns of a document at the desk: to whom, on which ID, or waiting."""
    return {"handed_on": on, "handed_to": person.name if on else "",
            "id_document": f"ABC{person.id:06d}" if on else "",
            "handed_by_id": plan.team.desk.id if on else None}


def write_daily_audit(w: Writer, plan: Plan) -> None:
    """Each worker logs in every working day and opens a few files."""
    rng, team = plan.rng, plan.team
    workers = [team.head, team.desk, *team.benefits, *team.social]
    households = len(plan.households)

    def rows() -> Iterator[dict[str, Any]]:
        day = plan.start
        while day <= plan.today:
            if day.weekday() < 5:
                for worker in workers:
                    yield {"at": datetime.combine(day, time(7, 30 + rng.randint(0, 20))),
                           "user_id": worker.id, "action": AuditAction.LOGIN, "entity": "User",
                           "entity_id": worker.id, "details": "{}"}
                    for _ in range(poisson(rng, households * 0.0025 / len(workers))):
                        person = plan.households[rng.randrange(households)][0]
                        yield {"at": at(day, rng), "user_id": worker.id,
                               "action": AuditAction.READ, "entity": "Person",
                               "entity_id": person.id, "details": "{}"}
            day += timedelta(days=1)

    w.rows(AuditEntry.__table__, rows())


def write_counters(w: Writer, plan: Plan) -> None:
    w.rows(Counter.__table__, ({"kind": kind, "year": year, "value": value}
                               for (kind, year), value in sorted(plan.counters.items())
                               if value))
