"""The long lists read narrow indexes, not one page of a wide table per row, and nothing the
desk shows scans ten years of history: on a network drive every page is a round trip."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import event

from opsdesk import clock
from opsdesk.services import desk, evaluation, messages, people, queue, socialwork
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
                for sql, params in seen if sql.lstrip().upper().startswith(("SELECT", "WITH"))]


@pytest.mark.parametrize("listing", ["register", "waiting", "handed", "appointments"])
def test_the_desks_lists_read_no_person(db, staff, listing):
    """Each row carries its person's name (services/name_copies.py)."""
    since = clock.now() - timedelta(hours=1)
    read = {"register": lambda s: desk.certificate_register(s, actor=staff.desk, year=2026),
            "waiting": lambda s: desk.waiting_documents(s, actor=staff.desk),
            "handed": lambda s: desk.waiting_documents(s, actor=staff.desk,
                                                       include_handed=True),
            "appointments": lambda s: desk.upcoming_appointments(s, actor=staff.desk,
                                                                 since=since)}[listing]
    found = plans(db, read)
    assert found and not any("persons" in plan for plan in found), found
    if listing == "register":  # its rows hold each certificate's text: read the index
        assert any("COVERING INDEX ix_certificates_register" in plan for plan in found), found


def test_upcoming_appointments_do_not_scan_all_of_them(db, staff):
    since = clock.now() - timedelta(hours=1)
    found = plans(db, lambda s: desk.upcoming_appointments(s, actor=staff.desk, since=since))
    plan = next(p for p in found if "appointments" in p)
    assert "ix_appointments_starts_at" in plan and "SCAN appointments" not in plan, plan


def test_the_benefits_queue_reads_its_rows_from_one_index_alone(db, staff):
    """Each reason a case is shown is one range of the queue's index, the case's line and
    all: no page of ``cases`` or ``persons`` is read for a row."""
    found = plans(db, lambda s: queue.benefits_queue(s, actor=staff.benefits))
    rows = next(plan for plan in found if "case_deadlines" in plan)
    assert rows.count("COVERING INDEX ix_case_deadlines_queue") == 6, rows
    assert not any(" cases " in f" {plan} " or "persons" in plan for plan in found), found


def test_a_social_workers_caseload_reads_only_their_open_clients(db, staff):
    found = plans(db, lambda s: socialwork.caseload(s, actor=staff.social, scope="mine"))
    plan = next(p for p in found if "worker_id=?" in p)
    assert "COVERING INDEX ix_social_work_cases_status (status=? AND worker_id=?)" in plan
    assert not any("persons" in p or " cases " in f" {p} " for p in found), found


@pytest.mark.parametrize("scope", ["waiting", "all"])
def test_the_teams_caseload_reads_the_index_by_state(db, staff, scope):
    found = plans(db, lambda s: socialwork.caseload(s, actor=staff.head, scope=scope))
    assert any("COVERING INDEX ix_social_work_cases_status" in p for p in found), found
    assert not any("persons" in p or " cases " in f" {p} " for p in found), found


def test_the_heads_social_work_deadlines_read_indexes_alone(db, staff):
    found = plans(db, lambda s: evaluation.centre_deadlines(s, actor=staff.head))
    for index in ("ix_social_work_cases_status", "ix_social_contracts_status",
                  "ix_social_tasks_open"):
        assert any(f"COVERING INDEX {index}" in p for p in found), (index, found)
    social = [p for p in found if "social_" in p]
    assert not any("persons" in p for p in social), social


def test_the_envelope_counts_only_the_unread(db, staff):
    found = plans(db, lambda s: messages.unread_count(s, actor=staff.benefits))
    plan = next(p for p in found if "case_messages" in p)
    assert "ix_case_messages_unread" in plan, plan


@pytest.mark.parametrize("scope", ["mine", "team"])
def test_the_inbox_reads_its_lines_from_the_indexes_that_choose_them(db, staff, scope):
    """Each part of the inbox ("to me", "to my team") is read backwards from a covering
    index: neither the messages' rows nor a page of persons or cases for a line."""
    found = plans(db, lambda s: messages.inbox(s, actor=staff.benefits, scope=scope))
    lines = next(p for p in found if "decisions" in p and "case_messages" in p)
    reads = [step for step in lines.split(" | ") if "case_messages" in step]
    assert reads and all("COVERING INDEX ix_case_messages_" in r for r in reads), lines
    if scope == "mine":  # the team's common inbox from its own index, not the team's
        assert any("ix_case_messages_common" in r for r in reads), lines
    assert not any("persons" in p or " cases " in f" {p} " for p in found), found


def test_a_contracts_report_is_found_by_its_contract(db, staff):
    """Opening a client with a contract looks for its report to Świadczenia."""
    from opsdesk.services.socialwork.contracts import reported_messages

    found = plans(db, lambda s: reported_messages(s, [1]))
    assert "ix_case_messages_contract_id" in found[-1] and "SCAN" not in found[-1], found


def test_sent_messages_are_found_by_their_author(db, staff):
    found = plans(db, lambda s: messages.sent_messages(s, actor=staff.benefits))
    plan = next(p for p in found if "case_messages" in p)
    assert "COVERING INDEX ix_case_messages_author_id" in plan, plan
    assert "SCAN case_messages" not in plan, plan


def test_a_search_reads_the_trigram_index_or_a_pesels_range_of_what_it_shows(db, staff):
    by_name = plans(db, lambda s: people.search_persons(s, "kowalski an", actor=staff.desk))
    assert "persons_search VIRTUAL TABLE" in by_name[-1], by_name
    assert not any(re.search(r"\bpersons\b(?!_search)", plan) for plan in by_name), by_name
    by_pesel = plans(db, lambda s: people.search_persons(s, "8501 kow", actor=staff.desk))
    assert "COVERING INDEX ix_persons_pesel_shown (pesel>? AND pesel<?)" in by_pesel[-1]
