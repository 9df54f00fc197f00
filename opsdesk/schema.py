"""The schema version: checked at every start, migrated (after a backup) only when due.

The head revision is read from the migration files, so an up-to-date database costs one
small query and Alembic (≈0.7 s to import) is loaded only when a migration is actually
needed."""

from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy import Connection, delete, insert, inspect, text

from opsdesk import __version__
from opsdesk.db import Database, SchemaTooNew, begin_write, migrating_program_version
from opsdesk.models import SchemaInfo

__all__ = ["HEAD_REVISION", "SchemaTooNew", "current_revision", "migrate", "stored_revision"]

MIGRATIONS = Path(__file__).parent / "migrations"


def _read_revisions(versions: Path) -> tuple[set[str], str]:
    """Every revision in the migration files and the head (the one nothing builds on), read
    with a regular expression: a hand-kept constant goes stale, importing Alembic is slow."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in versions.glob("*.py"):
        source = path.read_text(encoding="utf-8")
        found = re.search(r"^revision\s*=\s*['\"](\w+)['\"]", source, re.M)
        if found:
            revisions.add(found.group(1))
            parents.update(re.findall(r"['\"](\w+)['\"]", "".join(re.findall(
                r"^down_revision\s*=\s*(.*)$", source, re.M))))
    heads = revisions - parents
    if len(heads) != 1:
        raise RuntimeError(f"migrations must have one head, found {sorted(heads)}")
    return revisions, heads.pop()


KNOWN_REVISIONS, HEAD_REVISION = _read_revisions(MIGRATIONS / "versions")


def current_revision(conn: Connection) -> str | None:
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _refuse_unknown(revision: str | None, conn: Connection) -> None:
    if revision is not None and revision not in KNOWN_REVISIONS:
        raise SchemaTooNew(revision, migrating_program_version(conn))


def stored_revision(db: Database) -> str | None:
    """The revision the database is at; SchemaTooNew when a newer program put it there."""
    with db.engine.connect() as conn:
        revision = current_revision(conn)
        _refuse_unknown(revision, conn)
    return revision


def migrate(db: Database) -> bool:
    """Upgrade to head inside one write transaction: a second workstation starting at the
    same moment waits for the lock (the one every write takes, see db.begin_write), then
    finds the work done. True when this call did the upgrade."""
    from alembic import command
    from alembic.config import Config

    write_engine = (db.engine.execution_options(sqlite_begin="IMMEDIATE") if db.is_sqlite
                    else db.engine)
    with write_engine.begin() as conn:
        begin_write(conn)
        revision = current_revision(conn)
        if revision == HEAD_REVISION:
            return False
        _refuse_unknown(revision, conn)
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
        _record_program_version(conn)
    return True


def _record_program_version(conn: Connection) -> None:
    """Older workstations read this to say which version to install."""
    table = SchemaInfo.__table__
    conn.execute(delete(table).where(table.c.key == "program_version"))
    conn.execute(insert(table).values(key="program_version", value=__version__))
