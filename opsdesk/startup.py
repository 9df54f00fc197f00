"""Opening the database at start-up: find it, back it up if a migration is due, migrate.

No Qt here, so the command line, the tests and the window share one path."""

from __future__ import annotations

import logging
from pathlib import Path

from sqlalchemy import inspect
from sqlalchemy.exc import DBAPIError

from opsdesk import schema
from opsdesk.backup import BEFORE_MIGRATION, backup_file
from opsdesk.db import Database, DatabaseDamaged, translate_error
from opsdesk.errors import DatabaseBusy, DatabaseUnavailable, UserFacingError

log = logging.getLogger(__name__)


class DatabaseMissing(UserFacingError):
    """The file is not there: a new one is made only when the user asks for it."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"Nie znaleziono pliku bazy danych:\n{path}\n\nJeśli baza leży na "
                         "dysku sieciowym, sprawdź, czy dysk jest podłączony.")
        self.path = path


class DatabaseLocked(UserFacingError):
    """Another workstation held the file locked for longer than the busy timeout."""

    def __init__(self) -> None:
        super().__init__("Baza danych jest zablokowana przez inne stanowisko (być może trwa tam "
                         "aktualizacja albo kopia bazy). Spróbuj uruchomić program ponownie za "
                         "chwilę.")


def open_database(target: str, *, create: bool = False, backup_dir: Path | None = None) -> Database:
    """A ready database, its schema checked and migrated (after a backup) if due.

    Without ``create`` nothing new is ever made in a file: a missing one raises
    DatabaseMissing (a network drive may have vanished) and one that is not an opsdesk
    database raises DatabaseDamaged. An empty PostgreSQL database, made on purpose by the
    server's administrator, gets its schema. SchemaTooNew when a newer program migrated it."""
    db = Database(target)
    if db.path is not None and not db.path.exists():
        if not create:
            raise DatabaseMissing(db.path)
        if not db.path.parent.exists():
            raise DatabaseUnavailable(str(db.path.parent))
        db = Database(target, create=True)
    try:
        _prepare(db, create=create, backup_dir=backup_dir)
    except BaseException:
        db.dispose()
        raise
    db.schema_revision = schema.HEAD_REVISION
    return db


def _prepare(db: Database, *, create: bool, backup_dir: Path | None) -> None:
    try:
        revision = schema.stored_revision(db)
        if revision == schema.HEAD_REVISION:
            return
        if revision is None and not create and not _empty_server_database(db):
            raise DatabaseDamaged("no alembic_version table")
        if revision is not None and db.path is not None and backup_dir is not None:
            backup_file(db.path, backup_dir, reason=BEFORE_MIGRATION)
        if schema.migrate(db):
            log.info("schema migrated from %s to %s", revision, schema.HEAD_REVISION)
    except DBAPIError as exc:
        error = translate_error(exc)
        if isinstance(error, DatabaseBusy):
            raise DatabaseLocked() from exc
        if error is exc:
            raise
        raise error from exc


def _empty_server_database(db: Database) -> bool:
    if db.is_sqlite:
        return False
    with db.engine.connect() as conn:
        return not inspect(conn).get_table_names()
