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


# Migration 0011tpl (issue 20): its tables.
_ISSUE_20_TABLES = ("document_texts", "e_deliveries", "signed_documents", "office_identities",
                    "legal_figure_entries")


def undo_issue_20(conn: Connection) -> None:
    for table in _ISSUE_20_TABLES:
        conn.execute(text(f"DROP TABLE {table}"))
    for table in ("persons", "office"):
        conn.execute(text(f"ALTER TABLE {table} DROP COLUMN e_delivery_address"))
