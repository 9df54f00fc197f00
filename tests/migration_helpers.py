"""Undoing later migrations by hand, for the tests that step an office database back to an
older schema to watch it upgrade."""

from __future__ import annotations

from sqlalchemy import Connection, text

# Migration 0007obl (issue 19): its tables, children first, and its interview columns.
_ISSUE_19_TABLES = ("blue_card_meetings", "blue_cards", "register_checks", "zus_documents",
                    "zus_packages", "contribution_bases", "zus_payer")


def undo_issue_19(conn: Connection) -> None:
    for table in _ISSUE_19_TABLES:
        conn.execute(text(f"DROP TABLE {table}"))
    for column in ("health_insured_elsewhere", "health_insurance_note"):
        conn.execute(text(f"ALTER TABLE interviews DROP COLUMN {column}"))


def undo_issue_17(conn: Connection) -> None:
    """Migration 0009sec (issue 17): the catalogue's version, the audit log's chain."""
    conn.execute(text("ALTER TABLE service_catalog DROP COLUMN version"))
    conn.execute(text("ALTER TABLE audit_log DROP COLUMN chain"))
    conn.execute(text("DELETE FROM schema_info WHERE key IN ('database_id', 'maintenance')"))


def undo_issue_16(conn: Connection) -> None:
    """Migration 0010dec (issue 16): the acts' table and the decisions' delivery columns."""
    conn.execute(text("DROP TABLE legal_acts"))
    for column in ("checked_on", "checked_by_id"):
        conn.execute(text(f"ALTER TABLE payout_lists DROP COLUMN {column}"))
    for column in ("awaits_finality", "appeal_lodged_on", "appeal_waived_on",
                   "delivery_method"):
        conn.execute(text(f"ALTER TABLE decisions DROP COLUMN {column}"))


# Migration 0011tpl (issue 20): its tables.
_ISSUE_20_TABLES = ("document_texts", "e_deliveries", "signed_documents", "office_identities",
                    "legal_figure_entries")


def undo_issue_20(conn: Connection) -> None:
    for table in _ISSUE_20_TABLES:
        conn.execute(text(f"DROP TABLE {table}"))
    for table in ("persons", "office"):
        conn.execute(text(f"ALTER TABLE {table} DROP COLUMN e_delivery_address"))


def undo_issue_13(conn: Connection) -> None:
    """Migration 0008nd: its indexes, and those it widened as they were."""
    for index in ("ix_persons_names", "ix_appointments_starts_at", "ix_case_deadlines_case_id",
                  "ix_social_work_cases_worker_id"):
        conn.execute(text(f"DROP INDEX {index}"))
    conn.execute(text("CREATE INDEX ix_case_deadlines_case_id ON case_deadlines (case_id)"))
    conn.execute(text(
        "CREATE INDEX ix_social_work_cases_worker_id ON social_work_cases (worker_id)"))


def undo_health_care(conn: Connection) -> None:
    """Migration 0012zdr (issue 19 item 2): its table and its row in ``legal_acts``."""
    conn.execute(text("DROP TABLE health_care_decisions"))
    conn.execute(text("DELETE FROM legal_acts WHERE act = 'USOZ'"))


def undo_repayment(conn: Connection) -> None:
    """Migration 0013zwr (issue 16 item 5): the undue period, the instalment request, the
    office's account."""
    for column in ("undue_from", "undue_to", "instalments_requested_on"):
        conn.execute(text(f"ALTER TABLE decisions DROP COLUMN {column}"))
    conn.execute(text("ALTER TABLE office DROP COLUMN bank_account"))


def undo_no_address_reason(conn: Connection) -> None:
    """Migration 0014adr (issue 15 item 4): the decision's reason for a party without an
    address."""
    conn.execute(text("ALTER TABLE decisions DROP COLUMN no_address_reason"))


# Newest first: the revision each undo takes away. A new migration adds its undo here, and
# every test that steps back gets it.
_UNDO = (("0014adr", undo_no_address_reason), ("0013zwr", undo_repayment),
         ("0012zdr", undo_health_care), ("0011tpl", undo_issue_20),
         ("0010dec", undo_issue_16),
         ("0009sec", undo_issue_17), ("0008nd", undo_issue_13), ("0007obl", undo_issue_19))


def step_back_past_0004(conn: Connection) -> None:
    """Undo every migration after 0004 (the later ones have undos here; 0004 and older are
    undone by the tests themselves), newest first."""
    for _revision, undo in _UNDO:
        undo(conn)


def step_back_to(conn: Connection, revision: str) -> None:
    """Undo the migrations after ``revision`` (one of those in ``_UNDO``, or older) and say
    so in alembic_version, so the next open migrates them again."""
    for later, undo in _UNDO:
        if later == revision:
            break
        undo(conn)
    conn.execute(text("UPDATE alembic_version SET version_num = :r"), {"r": revision})
