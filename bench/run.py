"""Measure opsdesk at a busy desk and write ``docs/benchmarks.md``.

    python3 -m bench.run --db /tmp/large.sqlite [--out docs/benchmarks.md] [--runs 20]

The database is the large demo (``opsdesk demo-data --size large``); made first, and timed,
when the file does not exist. The benchmark works on a copy, so the audit entries and
decisions it writes never touch the original and every run starts from the same data.

Each figure drives the real widgets offscreen (the screen's refresh, its model filled and the
window repainted) and reports the median and the 95th percentile of repeated runs, with the
SQL statements the action cost: on a network drive each of them is a round trip, so their
number must not grow with the data."""

from __future__ import annotations

import argparse
import compileall
import math
import os
import platform
import re
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from opsdesk import clock
from opsdesk.demo import DEMO_PASSWORD

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SCREEN_MS = 150.0
SEARCH_MS = 50.0
DECISION_MS = 150.0
PAYOUT_LIST_MS = 1500.0
FREEZE_MS = 100.0  # a pause of the window longer than this is felt
MEMORY_MB = 300.0
# Names, PESEL prefixes and streets, as a clerk types them, one keystroke at a time.
QUERIES = ("kowalski", "nowak jan", "żółkiewska", "wiśniewska anna", "85010", "dworcowa 1",
           "łukasik", "zając", "ślusarczyk", "kwiecień", "lipowa 12", "szczaniec",
           "grzegorz", "xyzq")


# --- counting and timing ------------------------------------------------------------------------


class Meter:
    """SQL statements (on a network drive, round trips) issued by every engine in this
    process."""

    def __init__(self) -> None:
        from sqlalchemy import Engine, event

        self.statements = 0
        event.listen(Engine, "before_cursor_execute", self._statement)

    def _statement(self, *_args: Any) -> None:
        self.statements += 1

    def run(self, fn: Callable[[], Any]) -> tuple[float, int, Any]:
        """Seconds, statements and the result of one call."""
        statements = self.statements
        start = time.perf_counter()
        result = fn()
        elapsed = time.perf_counter() - start
        return elapsed, self.statements - statements, result


@dataclass
class Figure:
    name: str
    samples: list[float]  # seconds
    target: str
    passed: bool | None
    statements: str = "—"
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def p95(self) -> float:
        return percentile(self.samples, 0.95)


def percentile(values: list[float], q: float) -> float:
    """Nearest rank: the smallest value with at least q of the samples at or below it."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def spread(counts: list[int]) -> str:
    low, high = min(counts), max(counts)
    return str(low) if low == high else f"{low}–{high}"


@dataclass
class Bench:
    meter: Meter
    runs: int
    figures: list[Figure] = field(default_factory=list)

    def screen(self, name: str, action: Callable[[], Any], *, note: str = "") -> Figure:
        """Time ``action`` (which ends with the window repainted) ``runs`` times."""
        from PySide6.QtWidgets import QApplication

        def once() -> Any:
            result = action()
            QApplication.processEvents()
            return result

        self.meter.run(once)  # the warm-up
        samples, statements = [], []
        for _ in range(self.runs):
            elapsed, count, _ = self.meter.run(once)
            samples.append(elapsed)
            statements.append(count)
        return self.add(name, samples, SCREEN_MS, statements, note)

    def add(self, name: str, samples: list[float], limit_ms: float,
            statements: list[int] | None, note: str = "") -> Figure:
        figure = Figure(name, samples, f"p95 ≤ {limit_ms:.0f} ms",
                        percentile(samples, 0.95) * 1000 <= limit_ms,
                        spread(statements) if statements else "—", note)
        self.figures.append(figure)
        print(f"{name}: median {figure.median * 1000:.1f} ms, p95 {figure.p95 * 1000:.1f} ms, "
              f"{figure.statements} statements", flush=True)
        return figure


# --- start-up -----------------------------------------------------------------------------------


def start_once(args: list[str], prefix: list[str] | None = None
               ) -> tuple[dict[str, float], int, dict[str, int]]:
    """Seconds from starting the process to each line it prints (``login``, ``typed``,
    ``ready``; the bare window prints only ``ready``), its peak RSS (kB) and the statements
    issued before each line (since the line before). ``prefix``: a command the process runs
    under (``bench.network``'s delayed reads)."""
    start = time.time()
    process = subprocess.Popen([*(prefix or []), sys.executable, "-m", "bench.startup", *args],
                               stdout=subprocess.PIPE, text=True,
                               cwd=Path(__file__).resolve().parents[1])
    assert process.stdout is not None
    stamps: dict[str, float] = {}
    statements: dict[str, int] = {}
    peak = 0
    for line in process.stdout:
        name, stamp, *rest = line.split()
        stamps[name] = float(stamp) - start
        statements[name] = int(rest[-1])
        if name == "ready":
            peak = int(rest[0])
            break
    process.wait()
    if "ready" not in stamps:
        raise RuntimeError(f"start-up failed after {sorted(stamps)}")
    return stamps, peak, statements


def measure_startup(bench: Bench, target: str, folder: Path) -> int:
    """The bare window and the program (as the head, who gets five tabs, and as a benefits
    worker, one tab with the longest queue) in turn, so all see the same machine state.
    Returns the start-up processes' peak RSS in kB."""
    logins = {"kierownik": "head: five tabs; Stanowisko pierwszego kontaktu built",
              "swiadczenia": "benefits worker: one tab"}
    bare: list[float] = []
    to_login: list[float] = []
    warm: list[float] = []
    after: dict[str, list[float]] = {login: [] for login in logins}
    statements: dict[str, list[int]] = {login: [] for login in logins}
    login_statements: list[int] = []
    warm_statements: list[int] = []
    peaks: list[int] = []
    # The first starts pay for the disk cache; the first also begins the day's backup copy
    # (on a thread of its own behind the main window), which the later ones find made.
    start_once(["--bare"])
    for login in logins:
        start_once([target, login, DEMO_PASSWORD, str(folder)])
    for _ in range(max(7, bench.runs // 2)):
        bare.append(start_once(["--bare"])[0]["ready"])
        for login in logins:
            stamps, peak, counts = start_once([target, login, DEMO_PASSWORD, str(folder)])
            to_login.append(stamps["login"])
            warm.append(stamps["typed"] - stamps["login"])
            after[login].append(stamps["ready"] - stamps["typed"])
            login_statements.append(counts["login"])
            warm_statements.append(counts["typed"])
            statements[login].append(counts["ready"])
            peaks.append(peak)
    floor = statistics.median(bare)
    limit = 1.5 * floor + 0.5
    target_text = f"p95 ≤ 1.5 × floor + 0.5 s = {limit * 1000:.0f} ms"
    bench.figures.append(Figure("Start-up: bare PySide6 window (the floor)", bare, "—", None,
                                "0", "a process that imports PySide6, shows an empty "
                                     "QMainWindow and processes its events"))
    bench.figures.append(Figure(
        "Start-up to the login window (the first usable window)", to_login, target_text,
        percentile(to_login, 0.95) <= limit, spread(login_statements),
        "from starting the process to the login window shown and taking keys: Python, Qt, "
        "SQLAlchemy and the models imported, the database opened (schema checked), the "
        "office's name read; both logins' starts counted"))
    bench.figures.append(Figure(
        "Imports still running behind the login window once it stands", warm,
        "p95 ≤ 2 s (a login and password typed)", percentile(warm, 0.95) <= 2.0,
        spread(warm_statements),
        "the main window's modules and the holiday calendar, imported by a thread started as the "
        "moment the login window stands (`opsdesk/ui/preload.py`); the benchmark waits for "
        "them before it types, as a worker typing would; if a worker types faster, "
        "“Zaloguj” waits for the rest"))
    for login, who in logins.items():
        figure = Figure(f"After “Zaloguj”: to the main window with its lists filled "
                        f"({who})", after[login], target_text,
                        percentile(after[login], 0.95) <= limit, spread(statements[login]),
                        "from the click on “Zaloguj” to the main window shown with "
                        "the open tab's lists filled: the password checked (Argon2), the "
                        "open tab built and its lists read (the others are built when "
                        "first opened)")
        bench.figures.append(figure)
        print(f"start-up {login}: floor {floor * 1000:.0f} ms, login window "
              f"{statistics.median(to_login) * 1000:.0f} ms, after Zaloguj median "
              f"{figure.median * 1000:.0f} ms, p95 {figure.p95 * 1000:.0f} ms", flush=True)
    return max(peaks)


# --- the screens --------------------------------------------------------------------------------


def fail_loudly() -> None:
    """A failure must stop the benchmark, not wait behind a modal message box offscreen."""
    from opsdesk.ui import context, pdf, person_dialog
    from opsdesk.ui.benefits import tab as benefits_tab

    def raise_it(_parent: Any, exc: BaseException, **_kw: Any) -> None:
        raise exc

    # Every module that shows a failure itself (imported its own name for show_error).
    for module in (context, pdf, benefits_tab, person_dialog):
        module.show_error = raise_it  # type: ignore[attr-defined]


def host(widget: Any) -> Any:
    """Show a screen in a window of the size the main window opens at."""
    from PySide6.QtWidgets import QApplication, QMainWindow

    window = QMainWindow()
    window.setCentralWidget(widget)
    window.resize(1280, 800)
    window.show()
    QApplication.processEvents()
    return window


def measure_search(bench: Bench, ctx: Any) -> None:
    """Each keystroke: the text changes, the debounce timer's slot runs the search, the
    model is filled and the table repainted (the 150 ms debounce itself is not counted)."""
    from PySide6.QtWidgets import QApplication

    from opsdesk.ui.person_dialog import PersonPicker

    picker = PersonPicker(ctx)
    window = host(picker)
    samples, statements = [], []
    rounds = max(1, bench.runs // 10)
    for round_ in range(rounds + 1):
        for query in QUERIES:
            for n in range(1, len(query) + 1):
                def keystroke(text: str = query[:n]) -> None:
                    picker.search.setText(text)
                    picker._timer.stop()  # noqa: SLF001 - we fire its slot ourselves
                    picker.refresh()
                    QApplication.processEvents()

                elapsed, count, _ = bench.meter.run(keystroke)
                if round_:  # the first round warms the caches
                    samples.append(elapsed)
                    statements.append(count)
            picker.search.clear()
    bench.add("Search as you type: one keystroke to results shown", samples, SEARCH_MS,
              statements, f"{len(samples)} keystrokes of {len(QUERIES)} queries "
                          "(names, PESEL, streets, no match)")
    window.close()


def busy_people(db: Any, count: int) -> list[int]:
    """Persons with the longest history: the files that take longest to open."""
    from sqlalchemy import func, select

    from opsdesk.models import Case

    return db.read(lambda s: list(s.scalars(
        select(Case.person_id).group_by(Case.person_id)
        .order_by(func.count().desc(), Case.person_id).limit(count))))


def measure_person_file(bench: Bench, ctx: Any) -> None:
    from PySide6.QtWidgets import QApplication

    from opsdesk.ui.person_file import PersonFileDialog

    people = busy_people(ctx.db, bench.runs)
    samples, statements = [], []
    for index, pid in enumerate([people[0], *people]):
        def open_file(person_id: int = pid) -> Any:
            dialog = PersonFileDialog(ctx, person_id)
            dialog.show()
            QApplication.processEvents()
            return dialog

        elapsed, count, dialog = bench.meter.run(open_file)
        dialog.close()
        if index:
            samples.append(elapsed)
            statements.append(count)
    bench.add("Opening a person's file (kartoteka, head: every section)", samples, SCREEN_MS,
              statements, "the persons with the most cases in ten years")


def measure_first_contact(bench: Bench, ctx: Any) -> None:
    from opsdesk.ui.first_contact import FirstContactTab

    tab = FirstContactTab(ctx)
    window = host(tab)
    bench.screen("Queue: first-contact desk (intakes, Do odbioru, certificates, appointments)",
                 tab.refresh, note="all four lists of the tab")
    tab.show_handed.blockSignals(True)
    tab.show_handed.setChecked(True)
    bench.screen("Queue: first-contact desk with handed-over documents shown", tab.refresh)
    tab.show_handed.setChecked(False)
    window.close()


def measure_benefits(bench: Bench, ctx: Any) -> None:
    from opsdesk.ui.benefits.tab import BenefitsTab

    tab = BenefitsTab(ctx)
    window = host(tab)
    bench.screen("Queue: Świadczenia (every open case)", tab.refresh)
    for box in (tab.mine, tab.overdue):
        box.blockSignals(True)
    tab.mine.setChecked(True)
    bench.screen("Queue: Świadczenia, only mine", tab.refresh)
    tab.mine.setChecked(False)
    tab.overdue.setChecked(True)
    bench.screen("Queue: Świadczenia, only overdue", tab.refresh)
    tab.overdue.setChecked(False)
    tab.refresh()
    measure_proceeding(bench, ctx, tab)
    window.close()


def select_in_turn(view: Any, positions: list[int]) -> Callable[[], None]:
    """An action selecting the rows at ``positions`` one after another, a different one at
    each call (the detail of a row already shown would not be read again)."""
    from PySide6.QtWidgets import QApplication

    calls = 0

    def select() -> None:
        nonlocal calls
        view.clearSelection()
        view.selectRow(positions[calls % len(positions)])
        calls += 1
        QApplication.processEvents()

    return select


def measure_social_work(bench: Bench, ctx: Any) -> None:
    from opsdesk.ui.socialwork.tab import SocialWorkTab

    tab = SocialWorkTab(ctx)
    window = host(tab)
    bench.screen("Queue: Praca socjalna i usługi (my clients)", tab.refresh)
    rows = tab.model.rows()
    if rows:
        bench.screen("Opening a social-work client (process, services, letters)",
                     select_in_turn(tab.view, list(range(len(rows)))))
    window.close()


def measure_head(bench: Bench, ctx: Any) -> None:
    from opsdesk.ui.head_tab import HeadTab

    tab = HeadTab(ctx)
    window = host(tab)
    bench.screen("Queue: the head's deadlines across the centre", tab.deadlines.refresh)
    window.close()


def measure_inbox(bench: Bench, ctx: Any) -> None:
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtWidgets import QApplication

    from opsdesk.ui.inbox import InboxDialog

    def open_inbox() -> None:
        dialog = InboxDialog(ctx)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # as InboxButton opens it
        dialog.show()
        QApplication.processEvents()
        dialog.close()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    bench.screen("Opening the inbox of formal messages (Świadczenia)", open_inbox)


def measure_proceeding(bench: Bench, ctx: Any, tab: Any) -> None:
    """Selecting a case in the queue shows the proceeding: deadlines, interviews, decisions,
    payouts and social work's messages."""
    rows = tab.model.rows()
    picks = [r for r in rows if r.deadline is not None][: bench.runs + 1] or rows[:1]
    bench.screen("Opening a proceeding (case detail in Świadczenia)",
                 select_in_turn(tab.view, [rows.index(r) for r in picks]))


def measure_decisions(bench: Bench, db: Any, benefits: Any, head: Any) -> None:
    """Number, save and PDF of a decision the head approves, on cases interviewed and waiting
    for it; the drafts are written beforehand (not timed)."""
    from sqlalchemy import exists, select

    from opsdesk.errors import ValidationError
    from opsdesk.models import Application, Case, Decision, Interview
    from opsdesk.models.enums import CaseStatus, DecisionKind, PayoutMethod
    from opsdesk.services import decisions
    from opsdesk.services.decisions.catalogue import RefusalGround
    from opsdesk.services.decisions.reasons import TO_FILL
    from opsdesk.services.decisions.views import DecisionForm

    def waiting(session: Any) -> list[tuple[int, Any]]:
        return list(session.execute(
            select(Case.id, Application.benefit_kind).join(Application, Application.case_id
                                                           == Case.id)
            .where(Case.status == CaseStatus.IN_PROGRESS,
                   exists().where(Interview.case_id == Case.id, Interview.completed.is_(True)),
                   ~exists().where(Decision.case_id == Case.id)).order_by(Case.id)))

    def filled(text: str) -> str:
        """The defaults' "[uzupełnij: …]" filled in, as the worker must before issue."""
        return re.sub(re.escape(TO_FILL) + r"[^\]]*\]", "zgodnie z ustaleniami wywiadu", text)

    drafts: list[int] = []
    for case_id, benefit in db.read(waiting):
        if len(drafts) > bench.runs:
            break
        dflt = db.read(lambda s, c=case_id, b=benefit: decisions.decision_defaults(
            s, actor=benefits, case_id=c, kind=DecisionKind.GRANTING, benefit_kind=b))
        if dflt.rule is not None and dflt.rule.eligible:
            form = DecisionForm(case_id=case_id, kind=DecisionKind.GRANTING, benefit_kind=benefit,
                                amount=dflt.rule.computed or dflt.rule.least or "300.00",
                                period_from=dflt.period_from, period_to=dflt.period_to,
                                payout_method=PayoutMethod.CASH, purpose="zakup żywności i opału",
                                justification=filled(dflt.justification))
        else:
            form = DecisionForm(case_id=case_id, kind=DecisionKind.REFUSING, benefit_kind=benefit,
                                refusal_ground=RefusalGround.INCOME,
                                justification=filled(dflt.justification) or "Dochód "
                                "przekracza kryterium dochodowe.")
        try:
            drafts.append(db.write(lambda s, f=form: decisions.save_draft(s, f, actor=benefits)))
        except ValidationError as exc:
            print(f"draft for case {case_id} refused: {exc.message}", flush=True)
    samples, statements, sizes = [], [], []
    for index, decision_id in enumerate(drafts):
        def issue(d: int = decision_id) -> bytes:
            db.write(lambda s: decisions.approve_and_issue(s, d, actor=head))
            return db.read(lambda s: decisions.decision_pdf(s, d, actor=head))

        elapsed, count, pdf = bench.meter.run(issue)
        if index:
            samples.append(elapsed)
            statements.append(count)
            sizes.append(len(pdf))
    if samples:
        bench.add("Issuing a decision: number, save, payouts, Do odbioru, PDF", samples,
                  DECISION_MS, statements,
                  f"{len(samples)} decisions approved by the head, PDF "
                  f"{statistics.median(sizes) / 1024:.0f} kB")


def measure_payout_list(bench: Bench, ctx: Any) -> None:
    """The cash list nearest 1 000 rows, through "Drukuj listę" in Świadczenia: from the
    click to the PDF handed to the viewer, the window's event loop running meanwhile; the
    longest pause between two ticks of a 10 ms timer tells whether the window froze."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from opsdesk.models.enums import PayoutMethod
    from opsdesk.ui import pdf
    from opsdesk.ui.benefits.tab import BenefitsTab

    tab = BenefitsTab(ctx)
    window = host(tab)
    tab.pages.setCurrentIndex(1)
    rows = tab.payout_lists.lists.rows()
    index = min(range(len(rows)), key=lambda i: (rows[i].method is not PayoutMethod.CASH,
                                                 abs(rows[i].count - 1000)))
    tab.payout_lists.list_view.selectRow(index)
    QApplication.processEvents()
    chosen = rows[index]
    opened: list[Path] = []
    pdf.opener = opened.append
    samples, pauses, statements = [], [], []
    for run in range(max(5, bench.runs // 2) + 1):
        opened.clear()
        ticks = [time.perf_counter()]
        timer = QTimer()
        timer.timeout.connect(lambda t=ticks: t.append(time.perf_counter()))
        timer.start(10)
        before = bench.meter.statements
        start = time.perf_counter()
        tab.payout_lists.print_payout_list()
        while not opened:
            QApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
        elapsed = time.perf_counter() - start
        timer.stop()
        ticks.append(time.perf_counter())
        if run:
            samples.append(elapsed)
            pauses.append(max(b - a for a, b in zip(ticks, ticks[1:])))
            statements.append(bench.meter.statements - before)
    bench.add(f"Payout list of {chosen.count} rows to PDF ({chosen.number}, "
              "“Drukuj listę”, made off the UI thread)", samples, PAYOUT_LIST_MS, statements)
    bench.add("Longest pause of the window while that list was made", pauses, FREEZE_MS,
              None, "the window's event loop ticking every 10 ms during “Drukuj listę”; a "
                   f"pause over {FREEZE_MS:.0f} ms would be felt as a freeze")
    window.close()


# --- the report ---------------------------------------------------------------------------------


def machine() -> list[tuple[str, str]]:
    import PySide6
    import sqlalchemy
    from PySide6.QtCore import qVersion

    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
               platform.processor() or "?")
    mem_kb = next((int(line.split()[1]) for line in Path("/proc/meminfo").read_text()
                   .splitlines() if line.startswith("MemTotal")), 0)
    os_name = platform.platform()
    release = Path("/etc/os-release")
    if release.exists():
        pretty = [line.split("=", 1)[1].strip('"') for line in release.read_text().splitlines()
                  if line.startswith("PRETTY_NAME=")]
        os_name = f"{pretty[0]} ({platform.release()})" if pretty else os_name
    return [("CPU", cpu), ("Cores", str(os.cpu_count())), ("RAM", f"{mem_kb / 1024 / 1024:.1f} GB"),
            ("OS", os_name), ("Python", platform.python_version()),
            ("Qt / PySide6", f"{qVersion()} / {PySide6.__version__}"),
            ("SQLite", sqlite3.sqlite_version), ("SQLAlchemy", sqlalchemy.__version__)]


def database_summary(path: Path) -> list[tuple[str, str]]:
    tables = ("persons", "households", "intakes", "cases", "interviews", "decisions",
              "payouts", "payout_lists", "cash_receipts", "handovers", "certificates",
              "social_work_cases", "case_messages", "audit_log")
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        counts = [(t, conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0])  # noqa: S608
                  for t in tables]
    return [(t, f"{n:,}".replace(",", " ")) for t, n in counts]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds >= 1 else f"{seconds * 1000:.1f} ms"


def report(bench: Bench, *, db_path: Path, generated: float | None, peaks: dict[str, float],
           started: datetime, load: tuple[float, float]) -> str:
    size_mb = db_path.stat().st_size / 1024 / 1024
    lines = [
        "# opsdesk — speed at a busy desk",
        "",
        f"Measured {started:%Y-%m-%d %H:%M} with `python3 -m bench.run --db {db_path.name} "
        f"--runs {bench.runs}` on a copy of the large demo database; each figure after a "
        "warm-up run, the number of runs in the table. The day's backup copy runs on a thread "
        "of its own behind the main window, off the timed path; the first start begins it. "
        "The program's bytecode is compiled first, as an installed program has it"
        + (" (this machine sets PYTHONDONTWRITEBYTECODE, which would otherwise compile every "
           "module at every start)." if os.environ.get("PYTHONDONTWRITEBYTECODE") else ".")
        + " Qt's settings (window size, last tab) are kept in the run's own folder, so every "
        "start opens as on a new workstation.",
        "Regenerate this file with the same command; the numbers below are the last run's.",
        "",
        "## Machine",
        "",
        "| | |", "|---|---|",
        *(f"| {k} | {v} |" for k, v in machine()),
        f"| Load average (1 min) at the start / the end of the run | {load[0]:.2f} / "
        f"{load[1]:.2f} — other work on the machine shows in the figures |",
        "",
        "## Database",
        "",
        f"`opsdesk demo-data --size large` (seed 2026): {size_mb:.0f} MB"
        + (f", generated in {generated:.0f} s in this run." if generated is not None
           else " (generated before this run; its time is not part of this file)."),
        "",
        "| table | rows |", "|---|---:|",
        *(f"| {t} | {n} |" for t, n in database_summary(db_path)),
        "",
        "## Results",
        "",
        "| figure | runs | median | p95 | target | result | SQL statements |",
        "|---|---:|---:|---:|---|---|---:|",
    ]
    for f in bench.figures:
        result = "—" if f.passed is None else "PASS" if f.passed else "**FAIL**"
        lines.append(f"| {f.name} | {len(f.samples)} | {ms(f.median)} | {ms(f.p95)} "
                     f"| {f.target} | {result} | {f.statements} |")
    for name, mb in peaks.items():
        result = "PASS" if mb < MEMORY_MB else "**FAIL**"
        lines.append(f"| Peak memory: {name} | | {mb:.0f} MB | | < {MEMORY_MB:.0f} MB "
                     f"| {result} | |")
    lines += ["", "Notes on the figures:", ""]
    lines += [f"- {f.name}: {f.note}." for f in bench.figures if f.note]
    lines += [
        "",
        "## Why the statement counts matter",
        "",
        "In an office the SQLite file lives on a network drive shared by two or three "
        "workstations. There every statement costs at least one network round trip, and every "
        "page SQLite does not hold in the page cache of its kept connection (see "
        "`opsdesk/db.py`; dropped whenever another workstation writes) is read over the "
        "network. The times above are measured on a local disk, so the statement counts are "
        "part of what carries over to the office: they must stay small and must not grow with "
        "the size of the database or of a list (no query per row). "
        "`tests/services/test_statement_counts.py` fails when a screen's count starts to grow "
        "with the data. The pages read are the other part: `python3 -m bench.network` measures "
        "them (the section below).",
        "",
    ]
    return "\n".join(lines)


# --- main ---------------------------------------------------------------------------------------


def prepare(db_path: Path, work: Path) -> tuple[Path, float | None]:
    """The copy to measure on; the large database is generated first if it is missing."""
    generated = None
    if not db_path.exists():
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "opsdesk", "demo-data", "--size", "large",
                        "--db", str(db_path)], check=True)
        generated = time.perf_counter() - start
    copy = work / "bench.sqlite"
    shutil.copyfile(db_path, copy)
    return copy, generated


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m bench.run")
    parser.add_argument("--db", required=True, help="the large demo database (made if missing)")
    parser.add_argument("--out", default="docs/benchmarks.md")
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args(argv)
    started = clock.now()
    load_at_start = os.getloadavg()[0]
    compileall.compile_dir(Path(__file__).resolve().parents[1] / "opsdesk", quiet=1)
    db_path = Path(args.db)
    with tempfile.TemporaryDirectory(prefix="opsdesk-bench-") as tmp:
        work = Path(tmp)
        target, generated = prepare(db_path, work)
        bench = Bench(Meter(), args.runs)
        startup_peak = measure_startup(bench, str(target), work)

        from opsdesk.services import security
        from opsdesk.settings import Settings
        from opsdesk.startup import open_database
        from opsdesk.ui.application import make_app, settle
        from opsdesk.ui.context import AppContext

        make_app(sys.argv[:1])
        fail_loudly()
        db = open_database(str(target))
        settings = Settings(database=str(target), backup_dir=str(work / "kopie"),
                            export_dir=str(work / "pdf"))

        def ctx(login: str) -> AppContext:
            actor = db.write(lambda s: security.authenticate(s, login=login,
                                                             password=DEMO_PASSWORD))
            return AppContext(db=db, actor=actor, settings=settings)

        desk, benefits, social, head = (ctx(login) for login in (
            "pierwszy", "swiadczenia", "socjalny", "kierownik"))
        settle()  # as the program does once its window stands
        measure_search(bench, desk)
        measure_person_file(bench, head)
        measure_first_contact(bench, desk)
        measure_benefits(bench, benefits)
        measure_social_work(bench, social)
        measure_head(bench, head)
        measure_inbox(bench, benefits)
        measure_decisions(bench, db, benefits.actor, head.actor)
        measure_payout_list(bench, benefits)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        db.dispose()
        text = report(bench, db_path=db_path, generated=generated,
                      peaks={"the benchmark process (every screen above)": peak,
                             "the start-up process": startup_peak / 1024},
                      started=started, load=(load_at_start, os.getloadavg()[0]))
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    print(f"written {out}")
    failed = [f.name for f in bench.figures if f.passed is False]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
