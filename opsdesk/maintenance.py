"""The head's maintenance from the command line: backup, restore, check."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError

from opsdesk import schema
from opsdesk.backup import MANUAL, backup_file, latest_chain_note, restore_file
from opsdesk.db import Database, DatabaseDamaged, sqlite_path, translate_error
from opsdesk.errors import UserFacingError
from opsdesk.models import Base
from opsdesk.services import audit_chain


def _file(target: str) -> Path:
    path = sqlite_path(target)
    if path is None:
        raise UserFacingError("Kopie bazy na serwerze PostgreSQL wykonuje administrator serwera "
                              "(pg_dump); ta komenda obsługuje plik SQLite.")
    return path


def cli_backup(target: str, dest: Path) -> int:
    copy = backup_file(_file(target), dest, reason=MANUAL)
    print(f"Kopia zapisana: {copy}")
    return 0


def cli_restore(target: str, backup: Path, dest: Path) -> int:
    safety = restore_file(backup, _file(target), dest)
    print(f"Przywrócono bazę z {backup}. Poprzedni stan zachowano w {safety}.")
    return 0


def orphans(conn: Connection) -> dict[str, int]:
    """Rows pointing at a parent that is not there, per "table.column", for every foreign
    key of the schema (SQLite enforces them only on connections that ask it to)."""
    found: dict[str, int] = {}
    for table in Base.metadata.sorted_tables:
        for fk in table.foreign_keys:
            child, parent = fk.parent, fk.column
            count = conn.execute(text(
                f"SELECT COUNT(*) FROM {table.name} c WHERE c.{child.name} IS NOT NULL AND NOT "
                f"EXISTS (SELECT 1 FROM {parent.table.name} p WHERE p.{parent.name} = "
                f"c.{child.name})")).scalar()
            if count:
                found[f"{table.name}.{child.name}"] = count
    return found


def check_database(target: str, backup_dir: Path | None = None) -> list[str]:
    """Problems found, in Polish; an empty list means the database is sound. With the
    folder of copies, the audit log must still hold the newest copy's last entry."""
    path = sqlite_path(target)
    if path is not None and not path.exists():
        raise UserFacingError(f"Nie znaleziono pliku bazy danych: {path}")
    db = Database(target)
    try:
        with db.engine.connect() as conn:
            problems = _problems(conn, is_sqlite=db.is_sqlite)
            if not problems:
                problems = _log_problems(conn, backup_dir)
            return problems
    except DBAPIError as exc:
        error = translate_error(exc)
        if isinstance(error, DatabaseDamaged):
            return [f"Spójność pliku: {error.detail}. {error.message}"]
        if error is exc:
            raise
        raise error from exc
    finally:
        db.dispose()


def _problems(conn: Connection, *, is_sqlite: bool) -> list[str]:
    if is_sqlite:
        rows = conn.exec_driver_sql("PRAGMA integrity_check(20)").scalars().all()
        if rows != ["ok"]:
            return ["Spójność pliku: " + "; ".join(rows)]
    revision = schema.current_revision(conn)
    if revision != schema.HEAD_REVISION:
        return [f"Wersja schematu {revision or 'nieznana'}, program oczekuje "
                f"{schema.HEAD_REVISION}."]
    return [f"{n} osieroconych rekordów w {where}" for where, n in orphans(conn).items()]


def _log_problems(conn: Connection, backup_dir: Path | None) -> list[str]:
    """The audit log's chain, and its length against the newest copy's note."""
    report = audit_chain.verify(conn)
    if not report.sound:
        return [audit_chain.broken_message(report)]
    note = latest_chain_note(backup_dir) if backup_dir else None
    if note is not None and not audit_chain.holds(conn, note.last_id, note.chain):
        return [f"Dziennik zdarzeń: brak wpisu nr {note.last_id}, który był w kopii "
                f"{note.copy.name} — dziennik skrócono albo podmieniono po jej wykonaniu."]
    return []


def cli_check(target: str, backup_dir: Path | None = None) -> int:
    problems = check_database(target, backup_dir)
    if problems:
        print("Znaleziono problemy:\n- " + "\n- ".join(problems))
        return 1
    print(f"Baza w porządku (spójność ok, schemat {schema.HEAD_REVISION}, brak osieroconych "
          "rekordów, łańcuch dziennika zdarzeń nienaruszony).")
    return 0
