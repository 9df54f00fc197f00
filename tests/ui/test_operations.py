"""The one database worker (ui/operations.py): every read and write of a screen runs on it,
one at a time, while the window goes on answering; input that comes meanwhile is dropped,
the window's timers wait, and the status bar says that it is loading."""

import gc
import re
import threading
import time

import pytest
from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QPushButton

from opsdesk.errors import DatabaseUnavailable, ValidationError
from opsdesk.services import people
from opsdesk.ui import operations
from opsdesk.ui.main_window import LOADING, MainWindow
from tests.ui_helpers import Modal, close_message


@pytest.fixture(autouse=True)
def _no_garbage_left():
    """The plain threads below must not be the ones to collect earlier tests' widgets."""
    gc.collect()


class _Later(QObject):
    """Runs a callable in the UI thread, asked from a plain thread: a posted event, which a
    window that waits for the database still handles (a QTimer would wait with it)."""

    asked = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.asked.connect(lambda fn: fn(), Qt.ConnectionType.QueuedConnection)

    def after(self, seconds: float, fn) -> None:  # type: ignore[no-untyped-def]
        threading.Timer(seconds, lambda: self.asked.emit(fn)).start()


def _slow(seconds: float, seen: list[str] | None = None):  # type: ignore[no-untyped-def]
    def read(session) -> str:  # type: ignore[no-untyped-def]
        if seen is not None:
            seen.append(threading.current_thread().name)
        time.sleep(seconds)
        return "gotowe"
    return read


def test_reads_and_writes_run_one_at_a_time_on_one_worker(db, staff, make_ctx, qtbot):
    ctx = make_ctx(staff.desk)
    seen: list[str] = []
    assert ctx.read(None, _slow(0, seen)) == "gotowe"
    assert ctx.write(None, _slow(0, seen)) == (True, "gotowe")
    ctx.read(None, lambda s: seen.append(threading.current_thread().name)
             or people.search_persons(s, "kowal", actor=staff.desk))
    assert seen == [operations.WORKER_NAME] * 3
    assert operations.WORKER_NAME != threading.main_thread().name


def test_the_window_answers_while_the_database_is_slow(db, staff, make_ctx, qtbot):
    ctx = make_ctx(staff.desk)
    later = _Later()
    during: list[bool] = []
    for tick in range(10):
        later.after(0.05 + tick * 0.03, lambda: during.append(operations.busy()))
    assert ctx.read(None, _slow(0.6)) == "gotowe"
    # Without the worker, every event would wait for the end of the read.
    assert during.count(True) >= 5, during


def test_clicks_while_loading_do_nothing_and_the_status_bar_says_why(db, staff, make_ctx,
                                                                     qtbot):
    window = MainWindow(make_ctx(staff.desk), database_label="x", shared=False)
    qtbot.addWidget(window)
    window.show()
    clicks: list[bool] = []
    button = QPushButton("Wydaj", window)
    button.clicked.connect(lambda: clicks.append(True))
    button.show()
    later = _Later()
    seen: dict[str, object] = {}

    def look() -> None:
        cursor = QGuiApplication.overrideCursor()
        seen["cursor"] = cursor.shape() if cursor else None
        seen["status"] = window.statusBar().currentMessage()
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    later.after(0.3, look)
    assert window.ctx.read(window, _slow(0.6)) == "gotowe"
    assert seen == {"cursor": Qt.CursorShape.BusyCursor, "status": LOADING}
    assert clicks == []  # the click on a loading window was dropped, not kept for later
    assert QGuiApplication.overrideCursor() is None
    assert window.statusBar().currentMessage() != LOADING
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert clicks == [True]


def test_a_timer_due_while_loading_comes_after_the_answer(db, staff, make_ctx, qtbot):
    ctx = make_ctx(staff.desk)
    fired: list[bool] = []
    timer = QTimer()
    timer.setSingleShot(True)
    timer.setInterval(50)
    timer.timeout.connect(lambda: fired.append(operations.busy()))
    timer.start()
    ctx.read(None, _slow(0.4))
    qtbot.waitUntil(lambda: bool(fired), timeout=2000)
    assert fired == [False]  # it waited for the read, and ran once


def test_an_error_on_the_worker_is_shown_in_the_window(db, staff, make_ctx, qtbot):
    ctx = make_ctx(staff.desk)

    def lost(session):  # type: ignore[no-untyped-def]
        raise DatabaseUnavailable()

    modal = Modal(qtbot)
    close_message(modal)
    assert ctx.read(None, lost) is None
    modal.check()


class _Held:
    """Something a screen's read holds (its widget): where it is let go of is recorded."""

    def __init__(self, freed_in: list[str]) -> None:
        self.freed_in = freed_in

    def __del__(self) -> None:
        self.freed_in.append(threading.current_thread().name)


@pytest.mark.parametrize("fails", [False, True])
def test_what_a_read_holds_is_let_go_of_in_the_ui_thread(db, staff, make_ctx, qtbot, fails):
    ctx = make_ctx(staff.desk)
    freed_in: list[str] = []
    modal = Modal(qtbot)
    for _ in range(10):
        held = _Held(freed_in)

        def read(session, held=held):  # type: ignore[no-untyped-def]
            if fails:
                # The traceback holds the frame, the frame ``held``. (A Polish message: a
                # bug's would be logged, and the test's log capture would keep it.)
                raise ValidationError(f"Błąd {id(held)}")
            return held

        if fails:
            close_message(modal)
        ctx.read(None, read)
        del held, read
    modal.check()
    ctx.read(None, lambda s: gc.collect())  # a collection in the worker frees nothing of it
    gc.collect()
    assert freed_in == [threading.main_thread().name] * 10


def test_no_screen_reads_the_database_past_the_worker():
    """Every ``db.read``/``db.write``/``db.changed`` in ``opsdesk/ui`` goes through
    ``operations.call``, or (a long document's read) ``operations.submit``: the one worker."""
    from pathlib import Path

    import opsdesk.ui

    pattern = re.compile(r"\bdb\.(read|write|changed)\b")
    past: list[str] = []
    for path in sorted(Path(opsdesk.ui.__file__).parent.rglob("*.py")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if pattern.search(line) and "operations.call(" not in line:
                past.append(f"{path.name}: {line.strip()}")
    assert past == ["context.py: return self.db.read(fn)"]  # read_in_background: submitted


def test_a_long_read_runs_on_the_worker_in_turn_while_the_window_answers(
        qtbot, db, staff, make_ctx):
    """``read_in_background`` hands its read to the one worker without waiting: the call
    returns at once, the read runs on the worker, and a read the window asks next runs
    after it, never beside it."""
    ctx = make_ctx(staff.desk)
    release = threading.Event()
    order: list[str] = []
    results: list[object] = []

    def long_read(_s):  # type: ignore[no-untyped-def]
        order.append(f"long on {threading.current_thread().name}")
        release.wait(10)
        return "pdf"

    ctx.read_in_background(None, long_read, results.append)
    assert results == []  # not waited for: the window goes on
    threading.Timer(0.05, release.set).start()  # a Qt timer waits while the window does
    assert ctx.read(None, lambda _s: order.append("next") or "ok") == "ok"
    assert order == [f"long on {operations.WORKER_NAME}", "next"]
    qtbot.waitUntil(lambda: results == ["pdf"], timeout=5_000)


def test_a_form_reads_its_fields_in_the_ui_thread_only(db, staff, make_ctx, qtbot,
                                                       monkeypatch):
    """The service call a form builds runs on the worker; what it uses of the form was
    taken in the UI thread when "OK" was pressed (a widget read from the worker races with
    painting: the suite crashed in Qt). The forms of social work and Niebieska Karta."""
    from PySide6.QtWidgets import QLineEdit

    from opsdesk.changes import Changes
    from opsdesk.ui.action_dialog import ActionDialog as Dialog

    readers: list[str] = []
    typed = Dialog._typed

    def spy(self, name):  # type: ignore[no-untyped-def]
        readers.append(threading.current_thread().name)
        return typed(self, name)

    monkeypatch.setattr(Dialog, "_typed", spy)
    got: list[tuple[str, str]] = []
    dialog = Dialog(make_ctx(staff.social), "Próba", [("note", "Notatka", QLineEdit())],
                    lambda d: lambda s: got.append((threading.current_thread().name,
                                                    d.value("note"))),
                    changed=Changes.SOCIALWORK)
    qtbot.addWidget(dialog)
    dialog.field("note").setText("Zażółć gęślą jaźń")
    dialog.submit()
    assert got == [(operations.WORKER_NAME, "Zażółć gęślą jaźń")]
    assert readers and set(readers) == {threading.main_thread().name}


def test_garbage_is_collected_in_the_ui_thread_only(db, staff, make_ctx, qtbot, monkeypatch):
    """Once the worker runs, Python never collects on its own (a pass could start in the
    worker, or in the middle of painting); the window's event loop collects."""
    import weakref

    class Node:
        pass

    ctx = make_ctx(staff.desk)
    ctx.read(None, lambda s: None)
    assert not gc.isenabled()
    node = Node()
    node.me = node  # type: ignore[attr-defined]
    gone = weakref.ref(node)
    del node
    ctx.read(None, lambda s: [[i] for i in range(100_000)])  # plenty allocated, no pass
    assert gone() is not None
    monkeypatch.setattr(gc, "get_threshold", lambda: (0, 0, 0))
    qtbot.waitUntil(lambda: gone() is None, timeout=3 * operations.COLLECT_EVERY_MS)


def test_a_button_clicked_by_its_key_waits_for_the_answer(db, staff, make_ctx, qtbot):
    """Alt+letter clicks a button from a timer of its own a moment later; while the window
    waits for the database that click waits too (it would open a dialog inside the wait)."""
    clicked: list[bool] = []
    button = QPushButton("&Zapisz")
    qtbot.addWidget(button)
    button.clicked.connect(lambda: clicked.append(operations.busy()))
    button.animateClick()
    make_ctx(staff.desk).read(None, _slow(0.4))
    qtbot.waitUntil(lambda: bool(clicked), timeout=2000)
    assert clicked == [False]
