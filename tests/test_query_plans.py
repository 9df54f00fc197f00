"""The long lists read narrow indexes, not one page of a wide table per row, and nothing the
desk shows scans ten years of history: on a network drive every page is a round trip."""

from datetime import timedelta

import pytest
from sqlalchemy import event

from opsdesk import clock
from opsdesk.services import desk, queue, socialwork
from tests.workstation import ON_POSTGRESQL

pytestmark = pytest.mark.skipif(ON_POSTGRESQL, reason="SQLite's query plans")


def plans(db, action) -> list[str]:  # type: ignore[no-untyped-def]
    """The query plan of every statement ``action`` runs."""
    seen: list[tuple[str, object]] = []

    def record(_conn, _cursor, sql, params, _context, _many):  # type: ignore[no-untyped-def]
        seen.append((sql, params))

    event.listen(db.engine, "before_cursor_execute", record)
    db.read(action)
    event.remove(db.engine, "before_cursor_execute", record)
    with db.engine.connect() as conn:
        raw = conn.connection.driver_connection
        return [" | ".join(row[3] for row in raw.execute(f"EXPLAIN QUERY PLAN {sql}", params))
                for sql, params in seen if sql.lstrip().upper().startswith("SELECT")]


def test_the_certificate_register_reads_names_from_the_narrow_index(db, staff):
    found = plans(db, lambda s: desk.certificate_register(s, actor=staff.desk, year=2026))
    assert any("COVERING INDEX ix_persons_names" in plan for plan in found), found


def test_upcoming_appointments_do_not_scan_all_of_them(db, staff):
    since = clock.now() - timedelta(hours=1)
    found = plans(db, lambda s: desk.upcoming_appointments(s, actor=staff.desk, since=since))
    plan = next(p for p in found if "appointments" in p)
    assert "ix_appointments_starts_at" in plan and "SCAN appointments" not in plan, plan


def test_the_benefits_queue_reads_names_and_deadlines_from_indexes(db, staff):
    found = plans(db, lambda s: queue.benefits_queue(s, actor=staff.benefits))
    assert any("COVERING INDEX ix_persons_names" in plan for plan in found), found
    assert any("COVERING INDEX ix_case_deadlines_case_id" in plan for plan in found), found


def test_a_social_workers_caseload_reads_only_their_open_clients(db, staff):
    found = plans(db, lambda s: socialwork.caseload(s, actor=staff.social, scope="mine"))
    plan = next(p for p in found if "ix_social_work_cases_worker_id" in p)
    assert "(worker_id=? AND status=?)" in plan, plan
    assert "COVERING INDEX ix_persons_names" in plan, plan
