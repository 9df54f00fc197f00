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


def undo_shipped_texts(conn: Connection) -> None:
    """Migration 0017tpl (issue 20 item 1): the program's wording put in the texts' table
    (``written_by`` stays nullable: the older schema's rows all have an author)."""
    conn.execute(text("DELETE FROM document_texts WHERE written_by IS NULL"))


def undo_no_address_reason(conn: Connection) -> None:
    """Migration 0014adr (issue 15 item 4): the decision's reason for a party without an
    address."""
    conn.execute(text("ALTER TABLE decisions DROP COLUMN no_address_reason"))


def undo_appeal_path(conn: Connection) -> None:
    """Migration 0019sko (issue 16 item 1): the appeal's path to the SKO."""
    for column in ("appeal_forwarded_on", "appeal_ruled_on", "appeal_ruling_delivered_on",
                   "appeal_effect_ends_on", "appeal_outcome", "appeal_ruling_sign"):
        conn.execute(text(f"ALTER TABLE decisions DROP COLUMN {column}"))
    conn.execute(text("DELETE FROM document_texts WHERE key = 'notice.body_past'"))


def undo_debts(conn: Connection) -> None:
    """Migration 0018dbt (issue 19 item 3): the debts, their ledger and requests."""
    for table in ("debt_requests", "debt_entries", "debt_instalments", "debts"):
        conn.execute(text(f"DROP TABLE {table}"))


def undo_contract_model(conn: Connection) -> None:
    """Migration 0020kon (issue 16 item 7): the kontrakt socjalny after the model."""
    conn.execute(text("DROP TABLE social_contract_actions"))
    conn.execute(text("DROP TABLE social_contract_annexes"))
    conn.execute(text("ALTER TABLE social_contracts DROP COLUMN situation"))
    conn.execute(text("DELETE FROM document_texts WHERE key = 'contract.consequences'"))
    conn.execute(text("DELETE FROM legal_acts WHERE act = 'CONTRACT_MODEL'"))


def undo_message_indexes(conn: Connection) -> None:
    """Migration 0022idx (issue 13): the messages' indexes as they were."""
    conn.execute(text("DROP INDEX ix_case_messages_unread"))
    conn.execute(text("DROP INDEX ix_case_messages_author_id"))
    for column in ("to_user_id", "to_team"):
        conn.execute(text(f"DROP INDEX ix_case_messages_{column}"))
        conn.execute(text(f"CREATE INDEX ix_case_messages_{column} ON case_messages ({column})"))


def undo_queue_lines(conn: Connection) -> None:
    """Migration 0023que (issue 13): the deadlines without their case's line, worked out
    again by the program's migration when it next opens the database."""
    conn.execute(text("DROP TABLE case_deadlines"))
    conn.execute(text(
        "CREATE TABLE case_deadlines (id INTEGER NOT NULL PRIMARY KEY, case_id INTEGER NOT NULL "
        "REFERENCES cases (id) ON DELETE CASCADE, kind VARCHAR(40) NOT NULL, due DATE NOT NULL,"
        " until DATE, benefit_kind VARCHAR(40))"))
    conn.execute(text("CREATE INDEX ix_case_deadlines_case_id ON case_deadlines "
                      "(case_id, kind, due, until, benefit_kind)"))
    conn.execute(text("CREATE INDEX ix_case_deadlines_due ON case_deadlines "
                      "(kind, due, until, case_id)"))


def undo_name_copies(conn: Connection) -> None:
    """Migration 0024nam (issue 13): the desk's lists without their persons' names."""
    conn.execute(text("DROP INDEX ix_certificates_register"))
    for table in ("certificates", "appointments", "handovers"):
        conn.execute(text(f"ALTER TABLE {table} DROP COLUMN person_name"))


def undo_caseload_lines(conn: Connection) -> None:
    """Migration 0025swl (issue 13): the social workers' lists as they were."""
    for index in ("ix_social_tasks_open", "ix_social_contracts_status",
                  "ix_social_work_cases_status"):
        conn.execute(text(f"DROP INDEX {index}"))
    conn.execute(text("CREATE INDEX ix_social_contracts_status ON social_contracts (status)"))
    conn.execute(text("CREATE INDEX ix_social_work_cases_status ON social_work_cases (status)"))
    for table in ("social_work_cases", "social_contracts", "social_tasks"):
        conn.execute(text(f"ALTER TABLE {table} DROP COLUMN person_name"))
    conn.execute(text("ALTER TABLE social_work_cases DROP COLUMN case_sign"))


def undo_message_lines(conn: Connection) -> None:
    """Migration 0026msg (issue 13): the messages without their lines' copies."""
    conn.execute(text("DROP INDEX ix_case_messages_common"))
    conn.execute(text("DROP INDEX ix_case_messages_contract_id"))
    for key in ("to_team", "to_user_id", "author_id"):
        conn.execute(text(f"DROP INDEX ix_case_messages_{key}"))
    conn.execute(text("CREATE INDEX ix_case_messages_author_id ON case_messages "
                      "(author_id, written_on, id)"))
    for key, other in (("to_team", "to_user_id"), ("to_user_id", "to_team")):
        conn.execute(text(f"CREATE INDEX ix_case_messages_{key} ON case_messages "
                          f"({key}, written_on, id, {other}, read_at)"))
    for column in ("person_name", "case_sign"):
        conn.execute(text(f"ALTER TABLE case_messages DROP COLUMN {column}"))


def undo_payout_list_totals(conn: Connection) -> None:
    """Migration 0027tot (issue 13): the payout lists without their kept totals."""
    for column in ("payout_total", "payout_count"):
        conn.execute(text(f"ALTER TABLE payout_lists DROP COLUMN {column}"))


def undo_person_search(conn: Connection) -> None:
    """Migration 0021fts (issue 13): the persons' trigram index and its triggers, the
    PESEL's index of what a search shows."""
    for trigger in ("insert", "delete", "update"):
        conn.execute(text(f"DROP TRIGGER persons_search_{trigger}"))
    conn.execute(text("DROP TABLE persons_search"))
    conn.execute(text("DROP INDEX ix_persons_pesel_shown"))


# Newest first: the revision each undo takes away. A new migration adds its undo here, and
# every test that steps back gets it.
_UNDO = (("0027tot", undo_payout_list_totals), ("0026msg", undo_message_lines),
         ("0025swl", undo_caseload_lines), ("0024nam", undo_name_copies),
         ("0023que", undo_queue_lines), ("0022idx", undo_message_indexes),
         ("0021fts", undo_person_search), ("0020kon", undo_contract_model),
         ("0019sko", undo_appeal_path), ("0018dbt", undo_debts), ("0017tpl", undo_shipped_texts),
         ("0014adr", undo_no_address_reason),
         ("0013zwr", undo_repayment), ("0012zdr", undo_health_care), ("0011tpl", undo_issue_20),
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
