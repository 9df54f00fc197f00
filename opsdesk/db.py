"""Engine and units of work.

SQLite is the default, and in a small office its file lives on a network drive shared by
2–3 workstations: rollback journal (WAL needs shared memory a network file system lacks),
synchronous=FULL, a busy timeout, and every write transaction begins with BEGIN IMMEDIATE
so two workstations never draw the same number.

One connection to the file is kept for the whole program, with a large page cache: over a
network drive every page read is a round trip, and SQLite keeps its cache between
transactions for as long as nobody changed the file (the change counter in its header), so
while nobody writes an action reads a handful of pages instead of thousands. It is kept only
while it reads the file named in the settings, in the state this program last saw it
(``_FileWatch``): a vanished drive, a moved or replaced file, or bytes written by something
other than SQLite, and the next unit of work starts afresh, as one did without a kept
connection. A unit of work that runs while the kept one is busy (a background read) gets a
connection of its own, closed when it ends. ``Database.changed`` tells the screens whether
another connection wrote since they last looked (``PRAGMA data_version``: one read of the
header). On PostgreSQL a normal connection pool, and writers take turns through one advisory
lock (begin_write), the same discipline.
"""

from __future__ import annotations

import itertools
import logging
import os
import random
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path, PurePath, PureWindowsPath
from typing import Any, NoReturn, TypeVar
from urllib.parse import quote

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.dialects.sqlite.base import SQLiteCompiler
from sqlalchemy.exc import DBAPIError, DisconnectionError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError
from sqlalchemy.pool import ConnectionPoolEntry, PoolProxiedConnection, QueuePool

from opsdesk.errors import (
    ConflictError,
    DatabaseBusy,
    DatabaseInMaintenance,
    DatabaseRestored,
    DatabaseUnavailable,
    PermissionDenied,
    RecordedFailure,
    UserFacingError,
)
from opsdesk.models.enums import AuditAction
from opsdesk.services import hooks
from opsdesk.services.audit import write_audit

log = logging.getLogger(__name__)
T = TypeVar("T")

BUSY_TIMEOUT_MS = 5000
# The kept connection's page cache, in KiB (SQLite's negative cache_size): the pages the
# screens read, so they are not read over the network again while nobody writes.
CACHE_KIB = 32768
WRITE_ATTEMPTS = 4
# Any constant: the PostgreSQL advisory lock that makes writers take turns (begin_write).
PG_WRITE_LOCK = 0x0905_DE5C
# What the window shows while ``Database.write`` waits for another workstation's lock.
RETRY_MESSAGE = "Baza jest zajęta przez inne stanowisko — ponawiam…"


class DatabaseDamaged(UserFacingError):
    """The file is there but is not a sound SQLite database: only a backup helps."""

    def __init__(self, detail: str = "") -> None:
        super().__init__("Plik bazy danych jest uszkodzony albo nie jest bazą programu opsdesk. "
                         "Kierownik może przywrócić bazę z kopii (Przywróć z kopii albo "
                         "„opsdesk restore”). Nie zapisuj niczego do czasu naprawy.")
        self.detail = detail


def is_url(target: str) -> bool:
    return "://" in target


def sqlite_path(target: str) -> Path | None:
    """The file behind a target, or None for a server URL. A path pasted with Explorer's
    "Kopiuj jako ścieżkę" comes in quotes: they are not part of the name."""
    target = target.strip().strip('"').strip()
    if not is_url(target):
        return Path(target)
    if target.startswith("sqlite:///"):
        return Path(target.removeprefix("sqlite:///"))
    return None


def sqlite_uri(path: PurePath, mode: str) -> str:
    """A file: URI that opens ``path`` read-only ("ro"), only if it exists ("rw") or
    creating it ("rwc"); any character a path may hold is escaped.

    Built here rather than by ``urllib.request.pathname2url``, whose Windows output changed
    in Python 3.13.1: it gives ``//serwer/ops/…`` for a UNC path, which makes the URI
    ``file://serwer/…`` with an authority SQLite refuses ("invalid uri authority")."""
    if isinstance(path, Path):
        path = path.absolute()
    return f"file:{_uri_path(path)}?mode={mode}"


def _uri_path(path: PurePath) -> str:
    """The URI's path with an empty authority: ``///C:/OPS/…`` for a drive letter,
    ``////serwer/ops/…`` for a UNC share (SQLite on Windows hands ``//serwer/ops/…`` to
    the system, which reads it as the share), ``///home/…`` elsewhere."""
    if not isinstance(path, PureWindowsPath):
        return "//" + quote(path.as_posix(), safe="/")
    drive = path.drive.replace("\\", "/")
    for long_prefix, short in (("//?/UNC/", "//"), ("//./UNC/", "//"), ("//?/", ""),
                               ("//./", "")):
        if drive.upper().startswith(long_prefix):  # \\?\C: and \\?\UNC\serwer\ops
            drive = short + drive[len(long_prefix):]
            break
    if drive.startswith("//"):
        head = "//" + "/".join(quote(part, safe="") for part in drive.split("/"))
    else:
        head = "///" + quote(drive, safe=":")
    return head + "".join("/" + quote(part, safe="") for part in path.parts[1:])


def _sqlite_creator(path: Path, *, create: bool) -> Callable[[], sqlite3.Connection]:
    # mode=rw: a vanished network drive must never leave an empty new database behind.
    uri = sqlite_uri(path, "rwc" if create else "rw")

    def connect() -> sqlite3.Connection:
        conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000,
                               check_same_thread=False, isolation_level=None)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        return conn

    return connect


FileState = tuple[int, int, int, int]  # device, inode, size, modification time (ns)
_tokens = itertools.count(1)


def file_state(path: Path) -> FileState | None:
    """What tells this file from another one put in its place, and from itself changed
    behind SQLite's back; None when it is not there (a vanished drive)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns


class _FileWatch:
    """Keeps a pooled connection only while it reads the file named in the settings.

    Each connection remembers the file's state when it last ended a unit of work that
    wrote (its own writes are its own). At the start of the next: a file gone, or another
    file in its place (moved, replaced), and the connection is discarded — the pool opens
    the file afresh, which fails with the usual message when it is not there. The same file
    changed (size or time) and its cache is emptied (``PRAGMA shrink_memory``): SQLite
    drops it by itself after another workstation's write, but not after bytes written
    around it (a damaged disk, a copy made over the file). On Windows an open database
    file cannot be moved or deleted at all (SQLite opens it without FILE_SHARE_DELETE)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def install(self, engine: Engine) -> None:
        event.listen(engine, "connect", self._connected)
        event.listen(engine, "checkout", self._checkout)
        event.listen(engine, "checkin", self._checkin)

    def _connected(self, dbapi_conn: Any, record: ConnectionPoolEntry) -> None:
        record.info["file"] = file_state(self.path)
        record.info["token"] = next(_tokens)
        record.info["opened_version"] = data_version(dbapi_conn)
        record.info["busy_timeout"] = BUSY_TIMEOUT_MS

    def _checkout(self, dbapi_conn: Any, record: ConnectionPoolEntry,
                  _proxy: PoolProxiedConnection) -> None:
        now, before = file_state(self.path), record.info.get("file")
        if now is None or before is None or now[:2] != before[:2]:
            raise DisconnectionError("the database file is gone or was replaced")
        if now != before:
            dbapi_conn.execute("PRAGMA shrink_memory")
            record.info["file"] = now
        if record.info.get("busy_timeout") != BUSY_TIMEOUT_MS:  # changed while kept (tests)
            dbapi_conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            record.info["busy_timeout"] = BUSY_TIMEOUT_MS
        record.info["changes"] = dbapi_conn.total_changes

    def _checkin(self, dbapi_conn: Any, record: ConnectionPoolEntry) -> None:
        if dbapi_conn is None or dbapi_conn.total_changes == record.info.get("changes"):
            return  # invalidated, or it wrote nothing: the file is as it found it
        now, before = file_state(self.path), record.info.get("file")
        if now is not None and before is not None and now[:2] == before[:2]:
            record.info["file"] = now


def data_version(dbapi_conn: Any) -> int:
    """SQLite's count of changes made by other connections, as this one sees it."""
    return int(dbapi_conn.execute("PRAGMA data_version").fetchone()[0])


def _sqlite_from_hint(_compiler: SQLiteCompiler, _table: Any, text: str) -> str:
    return text


# SQLAlchemy renders no table hint on SQLite; the queries' ``with_hint(…, "sqlite")`` is
# SQLite's "INDEXED BY" (models.people.NAMES_ONLY), written after the table's name.
SQLiteCompiler.get_from_hint_text = _sqlite_from_hint  # type: ignore[method-assign,assignment]


def make_engine(target: str, *, create: bool = False) -> Engine:
    path = sqlite_path(target)
    if path is None:
        return create_engine(target, pool_pre_ping=True)
    # One connection kept, its cache with it; another one is opened only while the kept
    # one is in use (a background read), and closed when it is given back.
    engine = create_engine("sqlite://", creator=_sqlite_creator(path, create=create),
                           poolclass=QueuePool, pool_size=1, max_overflow=-1)
    _FileWatch(path).install(engine)

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        # The recipe from SQLAlchemy's "Transactions with SQLite and the sqlite3 driver".
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine


_LOCKED = ("database is locked", "database is busy", "could not serialize",
           "deadlock detected", "lock timeout")
_UNREACHABLE = ("unable to open database", "disk i/o error", "readonly database", "no such file",
                "could not connect", "connection refused", "server closed the connection",
                "connection is closed", "terminating connection", "connection timeout expired",
                "consuming input failed")
# "no such table": the file was replaced by an empty one (SQLite takes an empty file for an
# empty database) or by some other program's; the schema check at a write finds it too late
# for a read.
_DAMAGED = ("file is not a database", "database disk image is malformed", "no such table")


def _message(exc: BaseException) -> str:
    return str(getattr(exc, "orig", exc)).lower()


def _is_locked(exc: BaseException) -> bool:
    return any(s in _message(exc) for s in _LOCKED)


def translate_error(exc: DBAPIError) -> Exception:
    """Known database failures become messages a clerk can act on; the rest stays a bug."""
    message = _message(exc)
    if _is_locked(exc):
        return DatabaseBusy()
    if any(s in message for s in _DAMAGED):
        return DatabaseDamaged(message)
    if any(s in message for s in _UNREACHABLE) or exc.connection_invalidated:
        return DatabaseUnavailable(message)
    return exc


def begin_write(conn: Connection) -> None:
    """Make a transaction a writer that follows every other one, never runs beside it.

    SQLite: the write engine already began it with BEGIN IMMEDIATE. PostgreSQL: the
    transaction takes one advisory lock that every writer (and a migration) takes first,
    waiting at most the busy timeout; reads never wait for it. So the services, written as
    if each action were alone, draw numbers, check versions and check PESELs the same way
    on both, and no write ever fails for a conflict with another that a retry would fix."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"SET LOCAL lock_timeout = '{BUSY_TIMEOUT_MS}ms'")
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({PG_WRITE_LOCK})")


class SchemaTooNew(UserFacingError):
    """The database was migrated by a newer program; this one must not write to it."""

    def __init__(self, revision: str | None, program_version: str | None = None) -> None:
        wanted = (f"opsdesk w wersji {program_version} lub nowszej (paczka opsdesk-"
                  f"{program_version}-windows.zip, instaluj.cmd)" if program_version
                  else "najnowszą wersję opsdesk (instaluj.cmd z najnowszej paczki)")
        super().__init__(f"Baza danych pochodzi z nowszej wersji programu (schemat {revision}). "
                         f"Zainstaluj na tym stanowisku {wanted} — do tego czasu nie można "
                         "w niej zapisywać.")
        self.revision = revision
        self.program_version = program_version


def migrating_program_version(conn: Any) -> str | None:
    """The program version recorded by the last migration, if the schema has the record."""
    try:
        return conn.execute(text(
            "SELECT value FROM schema_info WHERE key = 'program_version'")).scalar()
    except DBAPIError:
        return None


def _raise_translated(exc: DBAPIError) -> NoReturn:
    error = translate_error(exc)
    if error is exc:
        raise exc
    raise error from exc


def _rollback(session: Session) -> None:
    """Roll back without letting a dead connection hide the error that matters."""
    try:
        session.rollback()
    except DBAPIError:
        log.warning("rollback failed on a broken connection")


def _pause(attempt: int) -> None:
    # Jitter, so two workstations that collided do not collide again in step.
    time.sleep(random.uniform(0.05, 0.25) * attempt)


class Database:
    """One per running program: the engine and the two kinds of unit of work."""

    def __init__(self, target: str, *, create: bool = False) -> None:
        self.target = target
        self.path = sqlite_path(target)
        self.engine = make_engine(target, create=create)
        self.is_sqlite = self.path is not None
        write_bind = (self.engine.execution_options(sqlite_begin="IMMEDIATE") if self.is_sqlite
                      else self.engine)
        self._read = sessionmaker(self.engine, expire_on_commit=False)
        self._write = sessionmaker(write_bind, expire_on_commit=False)
        # The audit log, the final-decision guard and the case deadlines: every unit of work
        # of this database runs them, whatever service made the change.
        hooks.install(self._read)
        hooks.install(self._write)
        self.on_retry: Callable[[int], None] | None = None
        # Set by startup.open_database: a write that finds another revision stops, since a
        # newer program migrated the database while this one was running.
        self.schema_revision: str | None = None
        self._last_look: tuple[int, int] | None = None  # for ``changed``
        # The identity of the data this program has read (schema_info 'database_id'); a
        # restore gives the file a new one (backup.restore_file).
        self.identity: str | None = None

    def read(self, fn: Callable[[Session], T]) -> T:
        """A short read transaction; nothing is held open while a form is edited.

        What the reading itself records (the audit entry of a READ or a PRINT) is committed
        with it. A read takes no write lock unless it writes; one that met a colleague's lock
        when it did is run again, then beginning as a write does."""
        return self._run(fn, writing=False)

    def write(self, fn: Callable[[Session], T]) -> T:
        """Run one user action as one transaction, retrying while another workstation
        holds the lock; the caller sees DatabaseBusy only when every attempt failed."""
        return self._run(fn, writing=True)

    def _run(self, fn: Callable[[Session], T], *, writing: bool) -> T:
        try:
            return self._attempts(fn, writing=writing)
        except (DatabaseUnavailable, DatabaseDamaged):
            # A connection broken by a lost drive never recovers: the next unit of work
            # opens the file afresh.
            self.engine.dispose()
            raise

    def _attempts(self, fn: Callable[[Session], T], *, writing: bool) -> T:
        for attempt in range(1, WRITE_ATTEMPTS + 1):
            as_write = writing or attempt > 1
            session = self._write() if as_write else self._read()
            try:
                if as_write:
                    begin_write(session.connection())
                    self._check_schema(session)
                self._check_state(session, writing=as_write)
                result = fn(session)
                if not writing:
                    # Only what the reading flushed or executed is kept, never an object
                    # it happened to touch.
                    session.expunge_all()
                session.commit()
                return result
            except OperationalError as exc:
                _rollback(session)
                if _is_locked(exc) and attempt < WRITE_ATTEMPTS:
                    log.info("database locked, retry %d", attempt)
                    if self.on_retry:
                        self.on_retry(attempt)
                    _pause(attempt)
                    continue
                _raise_translated(exc)
            except DBAPIError as exc:
                _rollback(session)
                _raise_translated(exc)
            except StaleDataError as exc:
                # A versioned row changed under this transaction: only a writer that skipped
                # begin_write (an outside tool) can do that, and it must not be overwritten.
                _rollback(session)
                raise ConflictError() from exc
            except PermissionDenied as exc:
                _rollback(session)
                self._audit_denied(exc)
                raise
            except RecordedFailure:
                self._commit_record(session)
                raise
            except BaseException:
                _rollback(session)
                raise
            finally:
                session.close()
        raise DatabaseBusy()

    @staticmethod
    def _commit_record(session: Session) -> None:
        """Keep what a refused action wrote about itself (a failed login's count)."""
        try:
            session.commit()
        except DBAPIError as exc:
            _rollback(session)
            _raise_translated(exc)

    def _check_schema(self, session: Session) -> None:
        if self.schema_revision is None:
            return
        found = session.execute(text("SELECT version_num FROM alembic_version")).scalar()
        if found != self.schema_revision:
            raise SchemaTooNew(found, migrating_program_version(session))

    def _check_state(self, session: Session, *, writing: bool) -> None:
        """What a restore on another workstation left: a database taken out of use refuses
        writes, saying why; a new identity means the data was replaced under this program —
        the first unit of work after it is refused, and ``identity`` moves on."""
        if self.schema_revision is None:
            return
        state: dict[str, str] = dict(session.execute(text(
            "SELECT key, value FROM schema_info WHERE key IN ('database_id', "
            "'maintenance')")).all())
        found = state.get("database_id")
        if self.identity is None:
            self.identity = found
        elif found != self.identity:
            self.identity = found
            raise DatabaseRestored()
        if writing and state.get("maintenance"):
            raise DatabaseInMaintenance(state["maintenance"])

    def _audit_denied(self, exc: PermissionDenied) -> None:
        """A refused attempt is recorded in its own transaction: the action's was rolled back."""
        session = self._write()
        try:
            write_audit(session, exc.actor_id, AuditAction.DENIED, "Operation", None,
                        {"operation": exc.what})
            session.commit()
        except DBAPIError:
            log.exception("could not audit a refused operation")
            _rollback(session)
        finally:
            session.close()

    def changed(self) -> bool:
        """Whether another connection (another workstation) changed the database since the
        last call: the screens then read again what they show.

        SQLite: ``PRAGMA data_version`` on the kept connection, one read of the file's
        header, nothing else while nobody writes; a connection opened afresh since (the file
        was replaced, the drive came back) counts as a change. PostgreSQL: the next
        transaction id still to be given, which moves with every write to the server (this
        program's own too: one reading more after them)."""
        try:
            seen, last = self._look()
        except DBAPIError as exc:
            if isinstance(translate_error(exc), (DatabaseUnavailable, DatabaseDamaged)):
                self.engine.dispose()  # as ``_run`` does
            _raise_translated(exc)
        self._last_look = seen
        return seen != last

    def _look(self) -> tuple[tuple[int, int], tuple[int, int]]:
        with self.engine.connect() as conn:
            if not self.is_sqlite:
                seen: tuple[int, int] = (0, int(conn.exec_driver_sql(
                    "SELECT pg_snapshot_xmax(pg_current_snapshot())::text").scalar_one()))
                last = self._last_look or seen
            else:
                info = conn.connection.info
                seen = info["token"], data_version(conn.connection.driver_connection)
                last = self._last_look or (info["token"], info["opened_version"])
        return seen, last

    def dispose(self) -> None:
        self.engine.dispose()
