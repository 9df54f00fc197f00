"""Consistent copies of the SQLite database (the backup API, never a file copy of an open
database) with rotation, and restoring one.

A copy is named opsdesk-YYYYMMDD-HHMMSS-REASON.sqlite. Daily copies keep the newest of each
of the last 14 days and of the last 12 months that have one. A copy the head made by hand,
and one made just before a migration or a restore (a way back from that step), are never
rotated: the daily rule once took five manual copies of one day down to one."""

from __future__ import annotations

import json
import sqlite3
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from opsdesk import clock
from opsdesk.db import sqlite_uri
from opsdesk.errors import UserFacingError

KEEP_DAILY = 14
KEEP_MONTHLY = 12
PREFIX = "opsdesk-"
DAILY = "dzienna"
MANUAL = "reczna"
BEFORE_MIGRATION = "przed-migracja"
BEFORE_RESTORE = "przed-przywroceniem"
# What the Administracja list calls each kind of copy.
KINDS = {DAILY: "dzienna", MANUAL: "ręczna", BEFORE_MIGRATION: "przed migracją",
         BEFORE_RESTORE: "przed przywróceniem"}
_STAMP = "%Y%m%d-%H%M%S"
# Beside each copy: the audit log's newest entry and its chain hash at the copy's moment, so
# a log cut back after the copy is seen (services.audit_chain, ``opsdesk check``).
NOTE_SUFFIX = ".dziennik.json"
# Written by a restore: copies made before it may hold entries the restored log never had.
RESTORED_MARK = "opsdesk-przywrocono.json"
LOCK_TIMEOUT_S = 30


def backup_file(source: Path, dest_dir: Path, *, reason: str = MANUAL,
                now: datetime | None = None) -> Path:
    """Copy a live database consistently (what was committed when the copy began, even
    while another workstation is in the middle of a write); returns the copy's path."""
    now = now or clock.now()
    if not source.exists():
        raise UserFacingError(f"Nie znaleziono pliku bazy: {source}")
    try:
        dest_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserFacingError(f"Nie można utworzyć folderu kopii {dest_dir}: {exc}") from exc
    target = _free_name(dest_dir, f"{PREFIX}{now:{_STAMP}}-{reason}")
    try:
        _copy(sqlite_uri(source, "ro"), sqlite_uri(target, "rwc"))
    except sqlite3.Error as exc:
        target.unlink(missing_ok=True)
        raise UserFacingError(f"Nie udało się utworzyć kopii bazy: {exc}") from exc
    write_chain_note(target)
    rotate(dest_dir)
    return target


def note_path(copy: Path) -> Path:
    return copy.with_name(copy.name + NOTE_SUFFIX)


def write_chain_note(copy: Path) -> None:
    """Note the copy's newest audit entry and its hash beside it (none for a copy of a
    schema without the chain, or of an empty log)."""
    conn = sqlite3.connect(sqlite_uri(copy, "ro"), uri=True)
    try:
        row = conn.execute("SELECT id, chain FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    except sqlite3.Error:
        return
    finally:
        conn.close()
    if row is not None and row[1]:
        note_path(copy).write_text(json.dumps({"last_id": row[0], "chain": row[1]}),
                                   encoding="utf-8")


@dataclass(frozen=True)
class ChainNote:
    copy: Path
    last_id: int
    chain: str


def latest_chain_note(dest_dir: Path) -> ChainNote | None:
    """The newest copy's note, among the copies made since the last restore."""
    restored = None
    mark = dest_dir / RESTORED_MARK
    if mark.is_file():
        restored = datetime.fromisoformat(json.loads(mark.read_text(encoding="utf-8"))["at"])
    for copy in list_backups(dest_dir):
        made = backup_time(copy)
        if restored is not None and made is not None and made < restored:
            return None
        note = note_path(copy)
        if note.is_file():
            data = json.loads(note.read_text(encoding="utf-8"))
            return ChainNote(copy, int(data["last_id"]), str(data["chain"]))
    return None


def _free_name(folder: Path, stem: str) -> Path:
    """Two copies within one second (a restore's safety copy, then a manual one) both stay."""
    target = folder / f"{stem}.sqlite"
    n = 1
    while target.exists():
        n += 1
        target = folder / f"{stem}-{n}.sqlite"
    return target


def _copy(source_uri: str, target_uri: str) -> None:
    """The backup API in one step: one read transaction on the source, so a consistent copy;
    the target is written under its own lock."""
    src = sqlite3.connect(source_uri, uri=True, timeout=LOCK_TIMEOUT_S)
    try:
        dst = sqlite3.connect(target_uri, uri=True, timeout=LOCK_TIMEOUT_S)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def _reason(path: Path) -> str:
    """"przed-migracja" of opsdesk-20261123-074501-przed-migracja-2.sqlite."""
    reason = path.stem.removeprefix(PREFIX)[16:]
    head, _, tail = reason.rpartition("-")
    return head if head and tail.isdigit() else reason


def backup_time(path: Path) -> datetime | None:
    """When a copy was made, read from its name; None for a file that is not a copy."""
    try:
        return datetime.strptime(path.name.removeprefix(PREFIX)[:15], _STAMP)
    except ValueError:
        return None


def list_backups(dest_dir: Path) -> list[Path]:
    """The copies in a folder, newest first."""
    if not dest_dir.exists():
        return []
    dated = [(t, p) for p in dest_dir.glob(f"{PREFIX}*.sqlite") if (t := backup_time(p))]
    return [p for _, p in sorted(dated, key=lambda tp: (tp[0], tp[1].name), reverse=True)]


@dataclass(frozen=True)
class BackupEntry:
    """One copy as the Administracja tab lists it."""

    path: Path
    made_at: datetime
    kind: str  # in Polish: "dzienna", "ręczna", …
    size: int  # bytes


def backup_entries(dest_dir: Path) -> list[BackupEntry]:
    """The copies in a folder with their date, kind and size, newest first."""
    entries = []
    for path in list_backups(dest_dir):
        made = backup_time(path)
        try:
            size = path.stat().st_size
        except OSError:  # removed meanwhile by another workstation's rotation
            continue
        if made is not None:
            entries.append(BackupEntry(path, made, KINDS.get(_reason(path), _reason(path)),
                                       size))
    return entries


def rotate(dest_dir: Path) -> list[Path]:
    """Keep the newest daily copy of each of the last 14 days and of the last 12 months
    (days and months that have a copy); returns the copies removed."""
    days: dict[str, Path] = {}
    months: dict[str, Path] = {}
    routine = [p for p in list_backups(dest_dir) if _reason(p) == DAILY]
    for path in routine:  # newest first
        stamp = path.name.removeprefix(PREFIX)[:8]
        days.setdefault(stamp, path)
        months.setdefault(stamp[:6], path)
    keep = set(list(days.values())[:KEEP_DAILY]) | set(list(months.values())[:KEEP_MONTHLY])
    removed = [p for p in routine if p not in keep]
    for path in removed:
        path.unlink(missing_ok=True)
        note_path(path).unlink(missing_ok=True)
    return removed


def last_backup_time(dest_dir: Path) -> datetime | None:
    backups = list_backups(dest_dir)
    return backup_time(backups[0]) if backups else None


def copied_today(backup_dir: Path, now: datetime | None = None) -> bool:
    """Whether a copy of any kind was made on ``now``'s day: the daily copy is then due no
    more."""
    last = last_backup_time(backup_dir)
    return last is not None and last.date() == (now or clock.now()).date()


def ensure_daily_backup(db_path: Path, backup_dir: Path, now: datetime | None = None
                        ) -> Path | None:
    """The daily copy: made at start-up and by the window's daily timer, unless a copy of
    any kind was already made today. Returns the new copy, or None."""
    now = now or clock.now()
    if copied_today(backup_dir, now):
        return None
    return backup_file(db_path, backup_dir, reason=DAILY, now=now)


def _check_copy(backup: Path) -> None:
    if not backup.is_file():
        raise UserFacingError(f"Nie znaleziono pliku kopii: {backup}")
    conn = sqlite3.connect(sqlite_uri(backup, "ro"), uri=True)
    try:
        if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise UserFacingError("Wybrana kopia jest uszkodzona — wybierz inną.")
        has_version = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' "
                                   "AND name = 'alembic_version'").fetchone()
    except sqlite3.DatabaseError as exc:
        raise UserFacingError(f"To nie jest kopia bazy opsdesk: {exc}") from exc
    finally:
        conn.close()
    if not has_version:
        raise UserFacingError("To nie jest kopia bazy opsdesk (brak wersji schematu).")


RESTORING = "trwa przywracanie bazy z kopii"


def set_maintenance(target: Path, reason: str | None) -> None:
    """Take the database out of use for every workstation (they refuse to write at their
    next action and say why), or give it back with None."""
    conn = sqlite3.connect(sqlite_uri(target, "rw"), uri=True, timeout=LOCK_TIMEOUT_S,
                           isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        if reason:
            conn.execute("INSERT OR REPLACE INTO schema_info (key, value) "
                         "VALUES ('maintenance', ?)", (reason,))
        else:
            conn.execute("DELETE FROM schema_info WHERE key = 'maintenance'")
        conn.execute("COMMIT")
    finally:
        conn.close()


def database_identity(path: Path) -> str | None:
    conn = sqlite3.connect(sqlite_uri(path, "ro"), uri=True, timeout=LOCK_TIMEOUT_S)
    try:
        row = conn.execute("SELECT value FROM schema_info WHERE key = 'database_id'").fetchone()
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    return row[0] if row else None


def _prepare_restored(staged: Path, replaced: Path) -> None:
    """Make the staged copy safe to put in place: every counter at least where the replaced
    file's was (so no number it gave is given again), a new identity (so a program that
    read the replaced data refuses saves prepared from it), and in use."""
    conn = sqlite3.connect(sqlite_uri(staged, "rw"), uri=True, timeout=LOCK_TIMEOUT_S,
                           isolation_level=None)
    try:
        conn.execute("ATTACH DATABASE ? AS replaced", (sqlite_uri(replaced, "ro"),))
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO counters (kind, year, value) "
                     "SELECT kind, year, value FROM replaced.counters WHERE true "
                     "ON CONFLICT (kind, year) DO UPDATE SET "
                     "value = max(counters.value, excluded.value)")
        conn.execute("INSERT OR REPLACE INTO schema_info (key, value) "
                     "VALUES ('database_id', ?)", (uuid.uuid4().hex,))
        conn.execute("DELETE FROM schema_info WHERE key = 'maintenance'")
        conn.execute("COMMIT")
        conn.execute("DETACH DATABASE replaced")
    finally:
        conn.close()


def restore_file(backup: Path, target: Path, dest_dir: Path) -> Path:
    """Put a copy back in place, after backing up what it replaces. Returns that backup.

    Meanwhile the database is out of use for every workstation (``set_maintenance``). The
    copy is made ready aside (``_prepare_restored``), then written through the backup API
    into the database file itself, under its lock, so a workstation still connected sees
    either the old or the restored database — and, by its new identity, that it changed."""
    _check_copy(backup)
    if not target.exists():
        raise UserFacingError(
            f"Nie znaleziono pliku bazy: {target}. Sprawdź, czy dysk jest podłączony. Jeśli "
            f"plik naprawdę zginął, skopiuj wybraną kopię w to miejsce pod nazwą {target.name}.")
    try:
        set_maintenance(target, RESTORING)
    except sqlite3.Error as exc:
        raise UserFacingError(f"Nie udało się wyłączyć bazy z użytku na czas przywracania: "
                              f"{exc}") from exc
    restored = False
    staged = dest_dir / f".przywracanie-{uuid.uuid4().hex}.sqlite"
    try:
        safety = backup_file(target, dest_dir, reason=BEFORE_RESTORE)
        try:
            _copy(sqlite_uri(backup, "ro"), sqlite_uri(staged, "rwc"))
            _prepare_restored(staged, safety)
            _copy(sqlite_uri(staged, "ro"), sqlite_uri(target, "rw"))
        except sqlite3.Error as exc:
            raise UserFacingError(f"Nie udało się przywrócić bazy (stan sprzed próby jest w "
                                  f"{safety.name}): {exc}") from exc
        restored = True
    finally:
        staged.unlink(missing_ok=True)
        if not restored:
            set_maintenance(target, None)
    (dest_dir / RESTORED_MARK).write_text(json.dumps(
        {"at": clock.now().isoformat(), "copy": backup.name}), encoding="utf-8")
    return safety
