"""One clock: nothing but ``opsdesk.clock`` reads the wall clock, so the program and its tests
give the same answers on any day; the clock can be set for a demo and follows the tests'."""

from __future__ import annotations

import ast
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from opsdesk import clock
from tests.conftest import NOW, OFFICE_TZ, TODAY

ROOT = Path(__file__).resolve().parents[2]
# Python's and Qt's ways of asking the wall clock for the date or the time.
WALL_CLOCK = {("date", "today"), ("datetime", "now"), ("datetime", "today"),
              ("datetime", "utcnow"), ("QDate", "currentDate"),
              ("QDateTime", "currentDateTime"), ("QTime", "currentTime"),
              ("time", "localtime"), ("time", "strftime")}
ALLOWED = {ROOT / "opsdesk" / "clock.py"}


def wall_clock_reads(path: Path, root: Path = ROOT) -> list[str]:
    """Where ``path`` reads the wall clock (``date.today()``) or hands the reader on to be
    called later (``today=date.today``), as "file:line"."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                and (node.value.id, node.attr) in WALL_CLOCK):
            found.append(f"{path.relative_to(root)}:{node.lineno}")
    return found


def test_only_the_clock_reads_the_wall_clock():
    sources = [p for folder in ("opsdesk", "tests", "bench", "tools")
               for p in (ROOT / folder).rglob("*.py") if p not in ALLOWED]
    assert [hit for p in sources for hit in wall_clock_reads(p)] == []


def test_the_scan_finds_each_way_of_reading_the_clock(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("a = date.today()\nb = datetime.now()\nc = QDate.currentDate()\n"
                      "d = QDateTime.currentDateTime()\ndef f(today=date.today): pass\n"
                      "e = clock.today()\n", encoding="utf-8")
    assert wall_clock_reads(sample, tmp_path) == [f"sample.py:{n}" for n in (1, 2, 3, 4, 5)]


def test_the_tests_clock_stands_on_the_suites_day():
    assert clock.today() == TODAY
    assert abs(clock.now() - NOW) < timedelta(minutes=1)


def test_a_set_day_moves_the_program_by_whole_days_and_time_runs_on(clock_at_today):
    try:
        clock.set_today(date(2027, 1, 1))
        assert clock.today() == date(2027, 1, 1)
        clock_at_today.shift(timedelta(days=1))
        assert clock.today() == date(2027, 1, 2)
    finally:
        clock.set_today(None)
    assert clock.today() == TODAY + timedelta(days=1)


@pytest.mark.parametrize("moment", ["2026-12-31T23:59:59", "2028-02-29T12:00:00"])
def test_the_clock_follows_a_moved_wall_clock(clock_at_today, moment):
    clock_at_today.move_to(datetime.fromisoformat(moment).replace(tzinfo=OFFICE_TZ))
    assert clock.now().isoformat(timespec="seconds") == moment
