"""The program's one clock: every "today" and "now" of the services, reports, the demo and
the window comes from here, Qt's date fields included (they take ``today()``).

Nothing else reads the wall clock, so a rule gives the same answer on any day a test sets
(tests move the clock with time-machine, which this module follows), and a demo or training
database can be shown as of a chosen day (``set_today``) while time goes on running."""

from __future__ import annotations

from datetime import date, datetime, timedelta

_shift = timedelta()


def now() -> datetime:
    """Local wall time (naive, as the database stores it), moved by ``set_today``."""
    return datetime.now() + _shift


def today() -> date:
    return now().date()


def set_today(day: date | None) -> None:
    """Let the program live on ``day`` from now on, moved by whole days so the time of day
    and midnight come as on the wall; None puts it back on the calendar."""
    global _shift
    _shift = timedelta() if day is None else timedelta(days=(day - datetime.now().date()).days)
