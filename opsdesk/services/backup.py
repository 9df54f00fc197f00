"""Consistent copies of the SQLite database (the backup API, never a file copy of an open
database) with rotation, and restoring one."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from opsdesk.services.errors import UserFacingError

KEEP_DAILY = 14
KEEP_MONTHLY = 12
PREFIX = "opsdesk-"


def backup_file(source: Path, dest_dir: Path, *, reason: str = "kopia",
                now: datetime | None = None) -> Path:
    """Copy a live database consistently; returns the copy's path."""
    now = now or datetime.now()
    if not source.exists():
        raise UserFacingError(f"Nie znaleziono pliku bazy: {source}")
    dest_dir.mkdir(parents=True, exist_ok=True)
    target = dest_dir / f"{PREFIX}{now:%Y%m%d-%H%M%S}-{reason}.sqlite"
    src = sqlite3.connect(f"file:{source.as_posix()}?mode=ro", uri=True, timeout=30)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    except sqlite3.Error as exc:
        target.unlink(missing_ok=True)
        raise UserFacingError(f"Nie udało się utworzyć kopii bazy: {exc}") from exc
    finally:
        src.close()
    rotate(dest_dir)
    return target


def list_backups(dest_dir: Path) -> list[Path]:
    return sorted(dest_dir.glob(f"{PREFIX}*.sqlite"), reverse=True) if dest_dir.exists() else []


def rotate(dest_dir: Path) -> list[Path]:
    """Keep the newest copy of each of the last 14 days and of the last 12 months."""
    keep: set[Path] = set()
    days: dict[str, Path] = {}
    months: dict[str, Path] = {}
    for path in list_backups(dest_dir):  # newest first
        stamp = path.name.removeprefix(PREFIX)[:8]
        days.setdefault(stamp, path)
        months.setdefault(stamp[:6], path)
    keep.update(list(days.values())[:KEEP_DAILY])
    keep.update(list(months.values())[:KEEP_MONTHLY])
    removed = [p for p in list_backups(dest_dir) if p not in keep]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def last_backup_time(dest_dir: Path) -> datetime | None:
    backups = list_backups(dest_dir)
    return datetime.fromtimestamp(backups[0].stat().st_mtime) if backups else None


def restore_file(backup: Path, target: Path, dest_dir: Path) -> Path:
    """Put a copy back in place, after backing up what it replaces. Returns that backup."""
    check = sqlite3.connect(f"file:{backup.as_posix()}?mode=ro", uri=True)
    try:
        if check.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise UserFacingError("Wybrana kopia jest uszkodzona — wybierz inną.")
    except sqlite3.DatabaseError as exc:
        raise UserFacingError(f"To nie jest kopia bazy opsdesk: {exc}") from exc
    finally:
        check.close()
    safety = backup_file(target, dest_dir, reason="przed-przywroceniem")
    src = sqlite3.connect(f"file:{backup.as_posix()}?mode=ro", uri=True)
    dst = sqlite3.connect(target, timeout=30)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()
    return safety
