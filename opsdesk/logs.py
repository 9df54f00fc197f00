"""The program's log: a rotating file in the data folder, written also when there is no
console (the Windows launcher starts the window under pythonw, where ``sys.stderr`` is None).

Log lines name records by id only, never a person. What a library puts into an exception's
text is scrubbed as well: SQLAlchemy's bound parameters, a server's DETAIL line, and any long
run of digits (a PESEL, a phone, a bank account) never reach the file."""

from __future__ import annotations

import faulthandler
import logging
import re
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import IO

FOLDER_NAME = "logi"
FILE_NAME = "opsdesk.log"
NATIVE_CRASH_FILE = "awarie.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"

_SCRUBS = [
    (re.compile(r"\[parameters: [^\n]*"), "[parameters: (ukryte)]"),
    (re.compile(r"^(\s*DETAIL:).*$", re.M), r"\1 (ukryte)"),
    (re.compile(r"\d{9,}"), "(liczba ukryta)"),
]

_file_handler: RotatingFileHandler | None = None
_console_handler: logging.Handler | None = None
_native_crash_file: IO[str] | None = None


def scrub(text: str) -> str:
    """``text`` without what may be personal data."""
    for pattern, replacement in _SCRUBS:
        text = pattern.sub(replacement, text)
    return text


class PrivateFormatter(logging.Formatter):
    """Formats a record, its traceback included, and scrubs the result."""

    def format(self, record: logging.LogRecord) -> str:
        return scrub(super().format(record))


class _RotatingFile(RotatingFileHandler):
    """A second copy of the program on the same PC holds the file open, and Windows then
    refuses to rename it: the rotation waits for later, the lines are still written."""

    def doRollover(self) -> None:  # noqa: N802 - logging's name
        try:
            super().doRollover()
        except OSError:
            if self.stream is None:
                self.stream = self._open()


def default_folder() -> Path:
    from opsdesk.settings import data_dir

    return data_dir() / FOLDER_NAME


def folder() -> Path | None:
    """Where the log is written, once ``setup`` has run."""
    return Path(_file_handler.baseFilename).parent if _file_handler else None


def setup(where: Path | None = None, *, level: int = logging.INFO) -> Path | None:
    """Send the program's log to ``where``/opsdesk.log (five files of 1 MB kept) and to the
    console when there is one. Returns the folder, or None when it cannot be made (the log
    then goes to the console only, and the program still runs)."""
    global _file_handler, _console_handler
    shutdown()
    root = logging.getLogger()
    root.setLevel(level)
    formatter = PrivateFormatter(FORMAT)
    if sys.stderr is not None:
        _console_handler = logging.StreamHandler(sys.stderr)
        _console_handler.setFormatter(formatter)
        root.addHandler(_console_handler)
    where = where or default_folder()
    try:
        where.mkdir(parents=True, exist_ok=True)
        handler = _RotatingFile(where / FILE_NAME, maxBytes=MAX_BYTES,
                                backupCount=BACKUP_COUNT, encoding="utf-8", delay=True)
    except OSError:
        logging.getLogger(__name__).warning("log folder cannot be made, console only")
        return None
    handler.setFormatter(formatter)
    root.addHandler(handler)
    _file_handler = handler
    return where


def record_native_crashes() -> None:
    """A crash inside Qt kills the process before Python can say anything: faulthandler
    writes the Python stack (code locations only) to awarie.log in the log's folder."""
    global _native_crash_file
    where = folder()
    if where is None or _native_crash_file is not None:
        return
    try:
        _native_crash_file = open(where / NATIVE_CRASH_FILE, "a", encoding="utf-8")  # noqa: SIM115
    except OSError:
        return
    faulthandler.enable(file=_native_crash_file)


def shutdown() -> None:
    """Take this module's handlers off the root logger and close them."""
    global _file_handler, _console_handler
    root = logging.getLogger()
    for handler in (_file_handler, _console_handler):
        if handler is not None:
            root.removeHandler(handler)
            handler.close()
    _file_handler = _console_handler = None
