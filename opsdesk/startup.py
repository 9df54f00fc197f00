"""Opening the database at start-up: find it, back it up if a migration is due, migrate.

No Qt here, so the command line, the tests and the window share one path."""

from __future__ import annotations

import logging
from pathlib import Path

from opsdesk import schema
from opsdesk.db import Database
from opsdesk.services.backup import backup_file
from opsdesk.services.errors import DatabaseUnavailable, UserFacingError

log = logging.getLogger(__name__)


class DatabaseMissing(UserFacingError):
    """The file is not there: a new one is made only when the user asks for it."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"Nie znaleziono pliku bazy danych:\n{path}\n\nJeśli baza leży na "
                         "dysku sieciowym, sprawdź, czy dysk jest podłączony.")
        self.path = path


def open_database(target: str, *, create: bool = False, backup_dir: Path | None = None) -> Database:
    """A ready database; raises DatabaseMissing rather than create one where a network drive
    vanished, and SchemaTooNew when a newer program migrated it."""
    db = Database(target)
    if db.path is not None:
        if not db.path.exists():
            if not create:
                raise DatabaseMissing(db.path)
            if not db.path.parent.exists():
                raise DatabaseUnavailable(str(db.path.parent))
            db = Database(target, create=True)
    try:
        due = schema.needs_migration(db)
    except Exception:
        db.dispose()
        raise
    if due:
        if db.path is not None and backup_dir is not None and db.path.stat().st_size > 0:
            backup_file(db.path, backup_dir, reason="przed-migracja")
        log.info("migrating database schema")
        schema.migrate(db)
    return db
