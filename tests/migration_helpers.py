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


def undo_issue_16(conn: Connection) -> None:
    """Migration 0010dec (issue 16): the acts' table and the decisions' delivery columns."""
    conn.execute(text("DROP TABLE legal_acts"))
    for column in ("checked_on", "checked_by_id"):
        conn.execute(text(f"ALTER TABLE payout_lists DROP COLUMN {column}"))
    for column in ("awaits_finality", "appeal_lodged_on", "appeal_waived_on",
                   "delivery_method"):
        conn.execute(text(f"ALTER TABLE decisions DROP COLUMN {column}"))
