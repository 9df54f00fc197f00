"""The head's maintenance from the command line: backup, restore, check."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from opsdesk import schema
from opsdesk.db import Database, sqlite_path
from opsdesk.services.backup import backup_file, restore_file
from opsdesk.services.errors import UserFacingError

# (child table, column, parent table) pairs whose orphans `check` reports.
ORPHAN_CHECKS = [
    ("household_members", "person_id", "persons"), ("intakes", "person_id", "persons"),
    ("cases", "person_id", "persons"), ("applications", "case_id", "cases"),
    ("decisions", "case_id", "cases"), ("payouts", "decision_id", "decisions"),
    ("cash_receipts", "payout_id", "payouts"), ("handovers", "person_id", "persons"),
    ("case_messages", "person_id", "persons"), ("social_work_notes", "social_work_id",
                                                "social_work_cases"),
]


def _file(target: str) -> Path:
    path = sqlite_path(target)
    if path is None:
        raise UserFacingError("Kopie bazy na serwerze PostgreSQL wykonuje administrator serwera "
                              "(pg_dump); ta komenda obsługuje plik SQLite.")
    return path


def cli_backup(target: str, dest: Path) -> int:
    copy = backup_file(_file(target), dest, reason="reczna")
    print(f"Kopia zapisana: {copy}")
    return 0


def cli_restore(target: str, backup: Path, dest: Path) -> int:
    safety = restore_file(backup, _file(target), dest)
    print(f"Przywrócono bazę z {backup}. Poprzedni stan zachowano w {safety}.")
    return 0


def check_database(target: str) -> list[str]:
    """Problems found, in Polish; an empty list means the database is sound."""
    problems: list[str] = []
    db = Database(target)
    try:
        with db.engine.connect() as conn:
            if db.is_sqlite:
                result = conn.exec_driver_sql("PRAGMA integrity_check").scalar()
                if result != "ok":
                    problems.append(f"Spójność pliku: {result}")
            revision = schema.current_revision(conn)
            if revision != schema.HEAD_REVISION:
                problems.append(f"Wersja schematu {revision}, program oczekuje "
                                f"{schema.HEAD_REVISION}.")
            for child, column, parent in ORPHAN_CHECKS:
                count = conn.execute(text(
                    f"SELECT COUNT(*) FROM {child} c WHERE c.{column} IS NOT NULL AND NOT EXISTS "
                    f"(SELECT 1 FROM {parent} p WHERE p.id = c.{column})")).scalar()
                if count:
                    problems.append(f"{count} osieroconych rekordów w {child}.{column}")
    finally:
        db.dispose()
    return problems


def cli_check(target: str) -> int:
    problems = check_database(target)
    if problems:
        print("Znaleziono problemy:\n- " + "\n- ".join(problems))
        return 1
    print(f"Baza w porządku (spójność ok, schemat {schema.HEAD_REVISION}, brak osieroconych "
          "rekordów).")
    return 0
