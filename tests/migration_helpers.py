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
