"""Measure opsdesk as on the office's network drive; the figures go into ``docs/benchmarks.md``.

    python3 -m bench.network --db /tmp/large.sqlite [--runs 5] [--out docs/benchmarks.md]

On a network drive every page SQLite reads from the file is a round trip (0.3–1 ms on an
office SMB share, 5 ms and more over Wi-Fi or a VPN), and no operating-system cache stands
in between. So for the screens of ``bench.run`` this counts, per action, the read calls and
bytes of the process (``/proc/self/io``: ``syscr``, ``rchar``) and times it with a fixed
delay added to every read of the database file: the measuring process runs under
``strace -f --seccomp-bpf -P FILE -e trace=pread64 -e inject=pread64:delay_enter=DELAY``.
Each action twice: warm (nobody wrote since the last run) and cold (another connection wrote
a row just before each run, so SQLite drops the kept connection's cache as it does after a
colleague's write). And start-up: a fresh process to the login window and from "Zaloguj" to
the main window with its lists filled (``bench.startup``, as the head), on the same delays —
a new process has nothing cached, so every start is cold. The payout list is not part of
this mode."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench import run

DELAYS = ("500us", "5ms")  # an office LAN; Wi-Fi or a VPN
STATES = ("warm", "cold")
SEARCH_QUERIES = ("kowalski", "85010", "dworcowa 1", "żółkiewska")
BEGIN, END = "<!-- network drive: begin -->", "<!-- network drive: end -->"


def io_counters() -> tuple[int, int]:
    """Read calls and bytes read by this process so far."""
    fields = dict(line.split(": ") for line in Path("/proc/self/io").read_text().splitlines())
    return int(fields["syscr"]), int(fields["rchar"])


class IoMeter(run.Meter):
    """Times an action and counts its reads; in the cold state a colleague writes first."""

    def __init__(self, db_path: Path, *, cold: bool) -> None:
        super().__init__()
        self.cold = cold
        self.db_path = db_path
        self.bytes: list[int] = []
        first, second = io_counters(), io_counters()
        self.overhead = (second[0] - first[0], second[1] - first[1])  # reading /proc itself

    def colleague_writes(self) -> None:
        conn = sqlite3.connect(self.db_path, isolation_level=None)
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("INSERT INTO bench_colleague VALUES (1)")
            conn.execute("COMMIT")
        finally:
            conn.close()

    def run(self, fn: Callable[[], Any]) -> tuple[float, int, Any]:
        if self.cold:
            self.colleague_writes()
        calls, nbytes = io_counters()
        start = time.perf_counter()
        result = fn()
        elapsed = time.perf_counter() - start
        after_calls, after_bytes = io_counters()
        self.bytes.append(after_bytes - nbytes - self.overhead[1])
        return elapsed, after_calls - calls - self.overhead[0], result


@dataclass
class IoBench(run.Bench):
    results: list[dict[str, Any]] = field(default_factory=list)

    def add(self, name: str, samples: list[float], limit_ms: float,
            statements: list[int] | None, note: str = "") -> run.Figure:
        meter = self.meter
        assert isinstance(meter, IoMeter)
        reads = statements or []
        nbytes, meter.bytes = meter.bytes[-len(samples):], []
        self.results.append({"name": name, "limit_ms": limit_ms, "seconds": samples,
                             "reads": reads, "bytes": nbytes})
        print(f"{name}: median {statistics.median(samples) * 1000:.1f} ms, reads "
              f"{statistics.median(reads) if reads else '—'}", file=sys.stderr, flush=True)
        return run.Figure(name, samples, "", None)


def measure(db_path: Path, folder: Path, runs: int, cold: bool) -> list[dict[str, Any]]:
    """Every screen of ``bench.run`` but start-up and the payout list, in one state."""
    from opsdesk.demo import DEMO_PASSWORD
    from opsdesk.services import security
    from opsdesk.settings import Settings
    from opsdesk.startup import open_database
    from opsdesk.ui.application import make_app, settle
    from opsdesk.ui.context import AppContext

    make_app(sys.argv[:1])
    run.fail_loudly()
    run.QUERIES = SEARCH_QUERIES
    db = open_database(str(db_path))
    settings = Settings(database=str(db_path), backup_dir=str(folder / "kopie"),
                        export_dir=str(folder / "pdf"))

    def ctx(login: str) -> AppContext:
        actor = db.write(lambda s: security.authenticate(s, login=login, password=DEMO_PASSWORD))
        return AppContext(db=db, actor=actor, settings=settings)

    desk, benefits, social, head = (ctx(login) for login in (
        "pierwszy", "swiadczenia", "socjalny", "kierownik"))
    settle()
    bench = IoBench(IoMeter(db_path, cold=cold), runs)
    run.measure_search(bench, desk)
    run.measure_person_file(bench, head)
    run.measure_first_contact(bench, desk)
    run.measure_benefits(bench, benefits)
    run.measure_social_work(bench, social)
    run.measure_head(bench, head)
    run.measure_inbox(bench, benefits)
    run.measure_decisions(bench, db, benefits.actor, head.actor)
    db.dispose()
    return bench.results


def child(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m bench.network --child")
    parser.add_argument("--db", required=True)
    parser.add_argument("--runs", type=int, required=True)
    parser.add_argument("--state", choices=STATES, required=True)
    parser.add_argument("--result", required=True)
    args = parser.parse_args(argv)
    path = Path(args.db)
    results = measure(path, path.parent, args.runs, args.state == "cold")
    Path(args.result).write_text(json.dumps(results), encoding="utf-8")
    return 0


def delayed(path: Path, delay: str) -> list[str]:
    """The command prefix that adds ``delay`` to every read of ``path``."""
    return ["strace", "-f", "-qq", "--seccomp-bpf", "-o", "/dev/null", "-P", str(path),
            "-e", "trace=pread64", "-e", f"inject=pread64:delay_enter={delay}"]


def startups(original: Path, work: Path, *, runs: int,
             delays: list[str | None]) -> dict[str | None, dict[str, list[float]]]:
    """Seconds to the login window and from "Zaloguj" to the filled main window, the head
    logging in, on a fresh copy, for each delay in turn; and the bare window's (the floor
    of the local target). The first start, not timed, makes the day's backup copy."""
    from opsdesk.demo import DEMO_PASSWORD

    copy = work / "startup.sqlite"
    shutil.copyfile(original, copy)
    folder = work / "startup"
    folder.mkdir(exist_ok=True)
    args = [str(copy), "kierownik", DEMO_PASSWORD, str(folder)]
    run.start_once(args)
    found: dict[str | None, dict[str, list[float]]] = {
        delay: {"login": [], "after": []} for delay in delays}
    found[None]["bare"] = []
    for _ in range(runs):
        found[None]["bare"].append(run.start_once(["--bare"])[0]["ready"])
        for delay in delays:
            print(f"== start-up, {delay or 'no delay'}", flush=True)
            stamps, _, _ = run.start_once(args, delayed(copy, delay) if delay else None)
            found[delay]["login"].append(stamps["login"])
            found[delay]["after"].append(stamps["ready"] - stamps["typed"])
    return found


def startup_lines(found: dict[str | None, dict[str, list[float]]]) -> list[str]:
    """The start-up rows of the section's table: target at 0.5 ms, the local one + 0.3 s."""
    limit = 1.5 * statistics.median(found[None]["bare"]) + 0.5 + 0.3
    lines = []
    for key, name in (("login", "Start-up to the login window (a new process: all cold)"),
                      ("after", "After “Zaloguj”: to the main window with its lists filled "
                                "(the head)")):
        def times(delay: str | None, k: str = key) -> str:
            return ms(found[delay][k]) if delay in found else "—"

        p95 = run.percentile(found["500us"][key], 0.95) if "500us" in found else None
        verdict = ("—" if p95 is None else f"p95 ≤ {limit * 1000:.0f} (local target + 0.3 s): "
                   f"{'PASS' if p95 <= limit else '**FAIL**'}")
        lines.append(f"| {name} | — | — | {times(None)} | {times('500us')} | {times('5ms')} "
                     f"| {verdict} |")
    return lines


def run_child(original: Path, work: Path, *, state: str, runs: int,
              delay: str | None) -> list[dict[str, Any]]:
    """One measuring process on a fresh copy of the database (the decisions it issues
    change the data), under strace when reads are to be delayed."""
    copy = work / "bench.sqlite"
    shutil.copyfile(original, copy)
    with sqlite3.connect(copy) as conn:
        conn.execute("CREATE TABLE bench_colleague (n INTEGER)")
    result = work / f"{state}-{delay or 'local'}.json"
    command = [sys.executable, "-m", "bench.network", "--child", "--db", str(copy),
               "--runs", str(runs), "--state", state, "--result", str(result)]
    if delay:
        command = [*delayed(copy, delay), *command]
    print(f"== {state}, {delay or 'no delay'}", flush=True)
    subprocess.run(command, check=True, cwd=Path(__file__).resolve().parents[1])
    return list(json.loads(result.read_text(encoding="utf-8")))


def ms(seconds: list[float]) -> str:
    return f"{statistics.median(seconds) * 1000:.0f} / {run.percentile(seconds, 0.95) * 1000:.0f}"


def section(counts: dict[str, list[dict[str, Any]]],
            timed: dict[tuple[str, str], list[dict[str, Any]]], *, db_path: Path, runs: int,
            started: str, load: tuple[float, float],
            starts: dict[str | None, dict[str, list[float]]] | None = None) -> str:
    size_mb = db_path.stat().st_size / 1024 / 1024
    lines = [
        BEGIN,
        "## On the office's network drive",
        "",
        f"Measured {started} with `python3 -m bench.network --db {db_path.name} --runs {runs}` "
        f"on a copy of the large demo database ({size_mb:.0f} MB). Method: see "
        "`bench/network.py` — per action the read calls and bytes of the process "
        "(`/proc/self/io`: `syscr`, `rchar`) and the time with a fixed delay added to every "
        "read of the database file (`strace -f --seccomp-bpf -P FILE -e trace=pread64 -e "
        "inject=pread64:delay_enter=500us`, and `5ms` for Wi-Fi or a VPN). **Warm**: nobody "
        "wrote since the last run; **cold**: another connection wrote a row just before each "
        "run, so SQLite's page cache was dropped as after a colleague's write. Times are "
        "median / p95 in ms; reads and bytes are medians (they do not depend on the delay). "
        "The search figure is one keystroke of "
        f"{len(SEARCH_QUERIES)} queries ({', '.join(SEARCH_QUERIES)}). Target at 0.5 ms, "
        "cold: search p95 ≤ 50 ms, every screen p95 ≤ 150 ms; warm: ≤ 10 read calls. "
        f"Load average (1 min) at the start / the end: {load[0]:.1f} / {load[1]:.1f} on "
        f"{os.cpu_count()} cores — the times carry the machine's other work, the reads and "
        "bytes do not.",
        "",
        "| action | reads warm / cold | bytes warm / cold | local warm / cold | "
        "0.5 ms warm / cold | 5 ms warm / cold | target at 0.5 ms, cold |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for index, figure in enumerate(counts["warm"]):
        name = figure["name"]
        cold = counts["cold"][index]

        def times(delay: str, i: int = index) -> str:
            return " · ".join(ms(timed[(state, delay)][i]["seconds"])
                              if (state, delay) in timed else "—" for state in STATES)

        limit = figure["limit_ms"]
        p95_cold = run.percentile(timed[("cold", "500us")][index]["seconds"], 0.95) * 1000 \
            if ("cold", "500us") in timed else None
        verdict = ("—" if p95_cold is None else
                   f"p95 ≤ {limit:.0f}: {'PASS' if p95_cold <= limit else '**FAIL**'}")
        lines.append(
            f"| {name} | {statistics.median(figure['reads']):.0f} / "
            f"{statistics.median(cold['reads']):.0f} | "
            f"{statistics.median(figure['bytes']) / 1024:.0f} kB / "
            f"{statistics.median(cold['bytes']) / 1024:.0f} kB | "
            f"{ms(figure['seconds'])} · {ms(cold['seconds'])} "
            f"| {times('500us')} | {times('5ms')} | {verdict} |")
    if starts:
        lines += startup_lines(starts)
    lines += ["", END]
    return "\n".join(lines)


def write_section(out: Path, text: str) -> None:
    """Replace the network-drive section of ``out`` (or add it at the end)."""
    current = out.read_text(encoding="utf-8") if out.exists() else ""
    if BEGIN in current and END in current:
        head, rest = current.split(BEGIN, 1)
        current = head + text + rest.split(END, 1)[1]
    else:
        current = current.rstrip("\n") + "\n\n" + text + "\n"
    out.write_text(current, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        return child(argv[1:])
    parser = argparse.ArgumentParser(prog="python3 -m bench.network")
    parser.add_argument("--db", required=True, help="the large demo database")
    parser.add_argument("--out", default="docs/benchmarks.md")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--slow-runs", type=int, default=3, help="runs at 5 ms a read")
    parser.add_argument("--delays", default=",".join(DELAYS))
    parser.add_argument("--starts", type=int, default=5, help="start-ups at each delay")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from opsdesk import clock

    started = f"{clock.now():%Y-%m-%d %H:%M}"
    load_at_start = os.getloadavg()[0]
    original = Path(args.db)
    counts: dict[str, list[dict[str, Any]]] = {}
    timed: dict[tuple[str, str], list[dict[str, Any]]] = {}
    with tempfile.TemporaryDirectory(prefix="opsdesk-network-") as tmp:
        work = Path(tmp)
        for state in STATES:
            counts[state] = run_child(original, work, state=state, runs=args.runs, delay=None)
        for delay in filter(None, args.delays.split(",")):
            for state in STATES:
                runs = args.slow_runs if delay == "5ms" else args.runs
                timed[(state, delay)] = run_child(original, work, state=state, runs=runs,
                                                  delay=delay)
        starts = startups(original, work, runs=args.starts,
                          delays=[None, *filter(None, args.delays.split(","))])
    text = section(counts, timed, db_path=original, runs=args.runs, started=started,
                   load=(load_at_start, os.getloadavg()[0]), starts=starts)
    write_section(Path(args.out), text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
