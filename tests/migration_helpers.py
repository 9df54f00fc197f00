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
    """Migration 0009sec (issue 17): the catalogue's version."""
    conn.execute(text("ALTER TABLE service_catalog DROP COLUMN version"))


def undo_issue_16(conn: Connection) -> None:
    """Migration 0010dec (issue 16): the acts' table and the decisions' delivery columns."""
    conn.execute(text("DROP TABLE legal_acts"))
    for column in ("awaits_finality", "appeal_lodged_on", "appeal_waived_on",
                   "delivery_method"):
        conn.execute(text(f"ALTER TABLE decisions DROP COLUMN {column}"))


# Migration 0011tpl (issue 20): its tables.
_ISSUE_20_TABLES = ("signed_documents", "office_identities", "legal_figure_entries")


def undo_issue_20(conn: Connection) -> None:
    for table in _ISSUE_20_TABLES:
        conn.execute(text(f"DROP TABLE {table}"))


def undo_health_care(conn: Connection) -> None:
    """Migration 0012zdr (issue 19 item 2): its table and its row in ``legal_acts``."""
    conn.execute(text("DROP TABLE health_care_decisions"))
    conn.execute(text("DELETE FROM legal_acts WHERE act = 'USOZ'"))
