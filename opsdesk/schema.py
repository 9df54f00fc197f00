"""The schema version: checked at every start, migrated (after a backup) only when due.

The head revision is a constant, so an up-to-date database costs one small query and
Alembic (≈0.7 s to import) is loaded only when a migration is actually needed."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Connection, inspect, text

from opsdesk.db import Database, SchemaTooNew

__all__ = ["HEAD_REVISION", "SchemaTooNew", "current_revision", "migrate", "needs_migration"]

HEAD_REVISION = "0002"
MIGRATIONS = Path(__file__).parent / "migrations"
# Any constant: the key of the PostgreSQL lock that lets one workstation migrate at a time.
_MIGRATION_LOCK = 0x0905_DE5C


def current_revision(conn: Connection) -> str | None:
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def known_revisions() -> set[str]:
    return {p.stem.split("_", 1)[0] for p in (MIGRATIONS / "versions").glob("*.py")}


def _refuse_unknown(revision: str | None) -> None:
    if revision is not None and revision not in known_revisions():
        raise SchemaTooNew(revision)


def stored_revision(db: Database) -> str | None:
    """The revision the database is at; SchemaTooNew when a newer program put it there."""
    with db.engine.connect() as conn:
        revision = current_revision(conn)
    _refuse_unknown(revision)
    return revision


def needs_migration(db: Database) -> bool:
    return stored_revision(db) != HEAD_REVISION


def migrate(db: Database) -> bool:
    """Upgrade to head inside one write transaction: a second workstation starting at the
    same moment waits for the lock (BEGIN IMMEDIATE, or an advisory lock on PostgreSQL),
    then finds the work done. True when this call did the upgrade."""
    from alembic import command
    from alembic.config import Config

    write_engine = (db.engine.execution_options(sqlite_begin="IMMEDIATE") if db.is_sqlite
                    else db.engine)
    with write_engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
        revision = current_revision(conn)
        if revision == HEAD_REVISION:
            return False
        _refuse_unknown(revision)
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
    return True
