"""Engine and units of work.

SQLite is the default, and in a small office its file lives on a network drive shared by
2–3 workstations: rollback journal (WAL needs shared memory a network file system lacks),
synchronous=FULL, a busy timeout, and every write transaction begins with BEGIN IMMEDIATE
so two workstations never draw the same number. PostgreSQL is used through its URL as is.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar
from urllib.request import pathname2url

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from opsdesk.services.errors import DatabaseBusy, DatabaseUnavailable, PermissionDenied

log = logging.getLogger(__name__)
T = TypeVar("T")

BUSY_TIMEOUT_MS = 5000
WRITE_ATTEMPTS = 4


def is_url(target: str) -> bool:
    return "://" in target


def sqlite_path(target: str) -> Path | None:
    """The file behind a target, or None for a server URL."""
    if not is_url(target):
        return Path(target)
    if target.startswith("sqlite:///"):
        return Path(target.removeprefix("sqlite:///"))
    return None


def _sqlite_creator(path: Path, *, create: bool) -> Callable[[], sqlite3.Connection]:
    # mode=rw: a vanished network drive must never leave an empty new database behind.
    mode = "rwc" if create else "rw"
    uri = f"file:{pathname2url(str(path.absolute()))}?mode={mode}"

    def connect() -> sqlite3.Connection:
        conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000,
                               check_same_thread=False, isolation_level=None)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        return conn

    return connect


def make_engine(target: str, *, create: bool = False) -> Engine:
    path = sqlite_path(target)
    if path is None:
        return create_engine(target, pool_pre_ping=True)
    engine = create_engine("sqlite://", creator=_sqlite_creator(path, create=create))

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        # The recipe from SQLAlchemy's "Transactions with SQLite and the sqlite3 driver".
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine


def _is_locked(exc: BaseException) -> bool:
    text = str(getattr(exc, "orig", exc)).lower()
    return "database is locked" in text or "database is busy" in text or "could not serialize" in text


def _is_unreachable(exc: BaseException) -> bool:
    text = str(getattr(exc, "orig", exc)).lower()
    return any(s in text for s in ("unable to open database", "disk i/o error", "readonly database",
                                   "no such file", "could not connect", "connection refused",
                                   "server closed the connection", "not a database"))


def translate_error(exc: DBAPIError) -> Exception:
    """Known database failures become messages a clerk can act on; the rest stays a bug."""
    if _is_locked(exc):
        return DatabaseBusy()
    if _is_unreachable(exc):
        return DatabaseUnavailable(str(getattr(exc, "orig", exc)))
    return exc


class Database:
    """One per running program: the engine and the two kinds of unit of work."""

    def __init__(self, target: str, *, create: bool = False) -> None:
        self.target = target
        self.path = sqlite_path(target)
        self.engine = make_engine(target, create=create)
        self.is_sqlite = self.path is not None
        write_bind = (self.engine.execution_options(sqlite_begin="IMMEDIATE")
                      if self.is_sqlite else self.engine)
        self._read = sessionmaker(self.engine, expire_on_commit=False)
        self._write = sessionmaker(write_bind, expire_on_commit=False)
        self.on_retry: Callable[[int], None] | None = None

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A short read transaction; nothing is held open while a form is edited."""
        session = self._read()
        try:
            yield session
        except DBAPIError as exc:
            raise translate_error(exc) from exc
        except PermissionDenied as exc:
            session.rollback()
            self._audit_denied(exc)
            raise
        finally:
            session.rollback()
            session.close()

    def read(self, fn: Callable[[Session], T]) -> T:
        with self.reading() as session:
            return fn(session)

    def write(self, fn: Callable[[Session], T]) -> T:
        """Run one user action as one transaction, retrying while another workstation
        holds the lock; the caller sees DatabaseBusy only when every attempt failed."""
        for attempt in range(1, WRITE_ATTEMPTS + 1):
            session = self._write()
            try:
                result = fn(session)
                session.commit()
                return result
            except OperationalError as exc:
                session.rollback()
                if _is_locked(exc) and attempt < WRITE_ATTEMPTS:
                    log.info("database locked, retry %d", attempt)
                    if self.on_retry:
                        self.on_retry(attempt)
                    time.sleep(0.2 * attempt)
                    continue
                raise translate_error(exc) from exc
            except DBAPIError as exc:
                session.rollback()
                raise translate_error(exc) from exc
            except PermissionDenied as exc:
                session.rollback()
                self._audit_denied(exc)
                raise
            except BaseException:
                session.rollback()
                raise
            finally:
                session.close()
        raise DatabaseBusy()

    def _audit_denied(self, exc: PermissionDenied) -> None:
        """A refused attempt is recorded in its own transaction: the action's was rolled back."""
        from opsdesk.models.enums import AuditAction
        from opsdesk.services.audit import write_audit

        session = self._write()
        try:
            write_audit(session, exc.actor_id, AuditAction.DENIED, "Operation", None,
                        {"operation": exc.what})
            session.commit()
        except DBAPIError:
            log.exception("could not audit a refused operation")
            session.rollback()
        finally:
            session.close()

    def dispose(self) -> None:
        self.engine.dispose()
