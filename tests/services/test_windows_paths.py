"""The paths an office's Windows PCs hand the program — a mapped drive, a UNC share, folders
with spaces and Polish letters — become SQLite URIs that open them, on every Python: the
URI is built on PureWindowsPath, not by ``pathname2url`` (whose UNC output changed in
Python 3.13.1 and made SQLite answer "invalid uri authority")."""

import sqlite3
import sys
from pathlib import Path, PureWindowsPath
from urllib.parse import unquote, urlsplit

import pytest

from opsdesk.db import sqlite_path, sqlite_uri
from opsdesk.shared_location import is_shared, on_network_mount

POLISH = "Ośrodek Pomocy Społecznej zażółć gęślą jaźń"

URIS = [
    (r"Z:\OPS\opsdesk.sqlite", "file:///Z:/OPS/opsdesk.sqlite?mode=rw"),
    (r"\\serwer\ops\opsdesk.sqlite", "file:////serwer/ops/opsdesk.sqlite?mode=rw"),
    (r"\\serwer\ops\Dane GOPS\opsdesk.sqlite",
     "file:////serwer/ops/Dane%20GOPS/opsdesk.sqlite?mode=rw"),
    ("//serwer/ops/opsdesk.sqlite", "file:////serwer/ops/opsdesk.sqlite?mode=rw"),
    (r"\\serwer-gops\Wspólne dane\opsdesk.sqlite",
     "file:////serwer-gops/Wsp%C3%B3lne%20dane/opsdesk.sqlite?mode=rw"),
    (r"C:\Users\Łucja\AppData\Local\opsdesk\opsdesk.sqlite",
     "file:///C:/Users/%C5%81ucja/AppData/Local/opsdesk/opsdesk.sqlite?mode=rw"),
    (r"Z:\OPS\kopia #1 (100%).sqlite", "file:///Z:/OPS/kopia%20%231%20%28100%25%29.sqlite?mode=rw"),
    (r"\\?\C:\OPS\opsdesk.sqlite", "file:///C:/OPS/opsdesk.sqlite?mode=rw"),
    (r"\\?\UNC\serwer\ops\opsdesk.sqlite", "file:////serwer/ops/opsdesk.sqlite?mode=rw"),
]


@pytest.mark.parametrize(("path", "uri"), URIS)
def test_windows_paths_become_uris_with_an_empty_authority(path, uri):
    assert sqlite_uri(PureWindowsPath(path), "rw") == uri
    parts = urlsplit(uri)
    # SQLite accepts no authority but "" or "localhost": a server's name must stay in the
    # path ("////serwer/…"), never move into the authority ("//serwer/…").
    assert parts.netloc == ""


@pytest.mark.parametrize("path", [
    rf"Z:\{POLISH}\Dane 2026\opsdesk.sqlite",
    rf"\\serwer\ops\{POLISH}\opsdesk.sqlite",
])
def test_the_uri_path_reads_back_as_the_folder_the_clerk_chose(path):
    decoded = unquote(urlsplit(sqlite_uri(PureWindowsPath(path), "ro")).path)
    # SQLite on Windows drops the slash before a drive letter and hands "//serwer/ops/…"
    # to the system, which reads it as the share.
    assert PureWindowsPath(decoded.removeprefix("/") if path[1] == ":" else decoded) \
        == PureWindowsPath(path)


@pytest.mark.skipif(sys.platform == "win32", reason="a UNC path is a real share on Windows")
def test_sqlite_opens_a_unc_style_uri(tmp_path):
    """On POSIX "//tmp/…" is "/tmp/…": a UNC path made of this machine's folders is a URI
    SQLite really opens — it would answer "invalid uri authority" to ``file://tmp/…``."""
    folder = tmp_path / POLISH / "Dane GOPS #1"
    folder.mkdir(parents=True)
    unc = PureWindowsPath("\\\\" + str(folder / "opsdesk 100%.sqlite").lstrip("/")
                          .replace("/", "\\"))
    assert unc.drive.startswith("\\\\")
    conn = sqlite3.connect(sqlite_uri(unc, "rwc"), uri=True)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    assert (folder / "opsdesk 100%.sqlite").is_file()
    with pytest.raises(sqlite3.OperationalError, match="invalid uri authority"):
        sqlite3.connect("file:" + sqlite_uri(unc, "ro").removeprefix("file://"), uri=True)


def test_sqlite_opens_a_local_file_in_folders_with_spaces_and_polish_letters(tmp_path):
    folder = tmp_path / POLISH / "Dane GOPS #1"
    folder.mkdir(parents=True)
    path = folder / "opsdesk 100%.sqlite"
    conn = sqlite3.connect(sqlite_uri(path, "rwc"), uri=True)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    assert path.is_file()
    with pytest.raises(sqlite3.OperationalError):
        sqlite3.connect(sqlite_uri(folder / "brak.sqlite", "rw"), uri=True)
    assert not (folder / "brak.sqlite").exists()


@pytest.mark.parametrize(("target", "expected"), [
    (r"Z:\OPS\opsdesk.sqlite", r"Z:\OPS\opsdesk.sqlite"),
    (r'"Z:\OPS\opsdesk.sqlite"', r"Z:\OPS\opsdesk.sqlite"),  # Explorer's "Kopiuj jako ścieżkę"
    (r"  \\serwer\ops\opsdesk.sqlite ", r"\\serwer\ops\opsdesk.sqlite"),
    (r"sqlite:///\\serwer\ops\opsdesk.sqlite", r"\\serwer\ops\opsdesk.sqlite"),
    (r"sqlite:///C:\OPS\opsdesk.sqlite", r"C:\OPS\opsdesk.sqlite"),
    ("postgresql+psycopg://gops@serwer/opsdesk", None),
])
def test_the_file_behind_a_target(target, expected):
    path = sqlite_path(target)
    assert (None if path is None else str(path)) == expected


def remote(*letters):
    return lambda drive: drive.upper() in letters


@pytest.mark.parametrize(("target", "shared"), [
    (r"\\serwer\ops\opsdesk.sqlite", True),
    ("//serwer/ops/opsdesk.sqlite", True),
    (r"sqlite:///\\serwer\ops\opsdesk.sqlite", True),
    (r"\\?\UNC\serwer\ops\opsdesk.sqlite", True),
    ("postgresql+psycopg://gops@serwer/opsdesk", True),
    (r"Z:\OPS\opsdesk.sqlite", True),  # Z: is mapped (remote() below)
    (r"M:\OPS\opsdesk.sqlite", True),
    (r"D:\OPS\opsdesk.sqlite", False),  # a second local disk: not shared by its letter
    (r"C:\Users\Łucja\AppData\Local\opsdesk\opsdesk.sqlite", False),
    (r"\\?\C:\OPS\opsdesk.sqlite", False),
])
def test_a_shared_database_is_recognised_by_what_the_system_says(target, shared):
    assert is_shared(target, remote_drive=remote("Z:", "M:"), mounts=lambda: "") is shared


MOUNTS = """\
/dev/sda1 / ext4 rw 0 0
//serwer/ops /mnt/ops cifs rw 0 0
serwer:/gops /mnt/Dane\\040GOPS nfs4 rw 0 0
tmpfs /mnt/ops/tmp tmpfs rw 0 0
"""


@pytest.mark.parametrize(("path", "network"), [
    ("/mnt/ops/opsdesk.sqlite", True),
    ("/mnt/Dane GOPS/opsdesk.sqlite", True),
    ("/mnt/ops/tmp/opsdesk.sqlite", False),
    ("/mnt/opsdesk.sqlite", False),
    ("/home/gops/opsdesk.sqlite", False),
])
def test_a_file_on_a_network_mount_is_shared(path, network):
    assert on_network_mount(path, MOUNTS) is network


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX paths")
def test_a_local_posix_file_is_not_shared():
    assert is_shared("/home/gops/opsdesk.sqlite", mounts=lambda: MOUNTS) is False
    assert is_shared("/mnt/ops/opsdesk.sqlite", mounts=lambda: MOUNTS) is True


def test_a_real_local_file_is_not_shared(tmp_path):
    assert is_shared(str(Path(tmp_path) / "opsdesk.sqlite")) is False
