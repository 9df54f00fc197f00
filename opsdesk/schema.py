"""The schema version: checked at every start, migrated (after a backup) only when due.

The head revision is a constant, so an up-to-date database costs one small query and
Alembic (≈0.7 s to import) is loaded only when a migration is actually needed."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Connection, inspect, text

from opsdesk.db import Database

HEAD_REVISION = "0001"
MIGRATIONS = Path(__file__).parent / "migrations"


class SchemaTooNew(Exception):
    """The database was migrated by a newer program; this one must not write to it."""

    def __init__(self, revision: str) -> None:
        super().__init__(f"Baza danych pochodzi z nowszej wersji programu (schemat {revision}). "
                         "Zainstaluj na tym stanowisku najnowszą wersję opsdesk — do tego czasu "
                         "nie można w niej zapisywać.")
        self.revision = revision


def current_revision(conn: Connection) -> str | None:
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def known_revisions() -> set[str]:
    return {p.stem.split("_", 1)[0] for p in (MIGRATIONS / "versions").glob("*.py")}


def needs_migration(db: Database) -> bool:
    with db.engine.connect() as conn:
        revision = current_revision(conn)
    if revision is not None and revision not in known_revisions():
        raise SchemaTooNew(revision)
    return revision != HEAD_REVISION


def migrate(db: Database) -> None:
    """Upgrade to head inside one write transaction: a second workstation starting at the
    same moment waits for the lock, then finds the work done."""
    from alembic import command
    from alembic.config import Config

    write_engine = (db.engine.execution_options(sqlite_begin="IMMEDIATE") if db.is_sqlite
                    else db.engine)
    with write_engine.begin() as conn:
        revision = current_revision(conn)
        if revision == HEAD_REVISION:
            return
        if revision is not None and revision not in known_revisions():
            raise SchemaTooNew(revision)
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
