"""Whether a database target is the office's shared one: a server, a UNC share or a drive
the system reports as a network drive — asked of the system, never guessed from the letter
(an office may map its share to any letter, and a second local disk is not shared)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path, PurePosixPath, PureWindowsPath

from opsdesk.db import sqlite_path

# GetDriveTypeW's answer for a network drive.
_DRIVE_REMOTE = 4
# File systems of a Linux mount that is another machine's disk.
_NETWORK_FS = {"cifs", "smb3", "smbfs", "nfs", "nfs4", "fuse.sshfs", "9p", "ceph", "glusterfs"}


def drive_is_remote(drive: str) -> bool:
    """Windows: is ``Z:`` a mapped network drive? Anywhere else there are no drives."""
    if sys.platform != "win32":
        return False
    import ctypes

    return bool(ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == _DRIVE_REMOTE)


def _mounts() -> str:
    try:
        return Path("/proc/self/mounts").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def on_network_mount(path: str, mounts: str) -> bool:
    """POSIX: does ``path`` lie on a mounted network file system (``mounts`` as in
    /proc/self/mounts)? The longest mount point that holds it decides."""
    target = PurePosixPath(path)
    best, best_fs = "", ""
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        point = fields[1].replace("\\040", " ")
        if (target == PurePosixPath(point) or PurePosixPath(point) in target.parents) \
                and len(point) > len(best):
            best, best_fs = point, fields[2]
    return best_fs in _NETWORK_FS


def is_shared(target: str, *, remote_drive: Callable[[str], bool] = drive_is_remote,
              mounts: Callable[[], str] = _mounts) -> bool:
    """A server, a UNC path (``\\\\serwer\\ops\\…`` or ``//serwer/ops/…``) or a file on a
    network drive or mount is the office's shared database."""
    path = sqlite_path(target)
    if path is None:
        return True
    text = str(path)
    win = PureWindowsPath(text)
    drive = win.drive.replace("/", "\\")
    if drive.upper().startswith(("\\\\?\\UNC\\", "\\\\.\\UNC\\")):
        return True
    if drive.startswith(("\\\\?\\", "\\\\.\\")):
        drive = drive[4:]
    if drive.startswith("\\\\"):
        return True
    if drive:
        return remote_drive(drive)
    if sys.platform == "win32":
        return False
    return on_network_mount(str(Path(text).absolute()), mounts())
