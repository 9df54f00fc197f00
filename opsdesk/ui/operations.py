"""The window's one database worker: every read and write a screen makes runs on one
background thread, one at a time and in the order asked, so that a slow network drive
(5 ms a read over Wi-Fi or a VPN) never stops the window.

The screen that asked waits for the answer as before — its code reads top to bottom — but
while it waits the window goes on painting and answering the system: a local event loop runs
until the worker is done. A long read (the PDF of a long list) is handed to the same worker
without waiting (``submit``): the window stays usable, and what the worker is asked next
runs after it. Meanwhile the worker's input is dropped (a click or a key on a
window that is loading does nothing, as on a disabled button: never a second "Wydaj"), the
window's own timers (the change watch, searches as you type, the idle lock, the inbox count)
wait for the answer, and after ``BUSY_AFTER_MS`` the cursor and the status bar say that the
program is loading (``activity``). So no second database action starts inside a first one
except a form's own, and the worker never runs two at once."""

from __future__ import annotations

import gc
import queue
import threading
import traceback
from collections.abc import Callable
from typing import TypeVar, cast

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication

T = TypeVar("T")

WORKER_NAME = "opsdesk-db"
BUSY_AFTER_MS = 100
COLLECT_EVERY_MS = 500

# What a worker does with keyboard and mouse; while the database answers it is dropped.
_INPUT = frozenset({
    QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseButtonDblClick, QEvent.Type.Wheel, QEvent.Type.KeyPress,
    QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride, QEvent.Type.Shortcut,
    QEvent.Type.ContextMenu, QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate,
    QEvent.Type.TouchEnd, QEvent.Type.TabletPress, QEvent.Type.TabletRelease,
})


class Activity(QObject):
    """Told to the window: True when a wait has lasted ``BUSY_AFTER_MS``, False when the
    last one ended (the status bar says "Wczytywanie…" meanwhile)."""

    loading = Signal(bool)


class _Relay(QObject):
    """Tells the UI thread that a unit of work settled: emitted in the worker, delivered in
    the UI thread, where the job's ``on_settled`` runs (a waiter's loop ends, or a submitted
    job's ``done``). One for the program, connected once to its own method, so that no Qt
    object is ever let go of in the worker and no queued call ever reaches a waiter that has
    gone (a job that settled before its waiter's loop ran still has its call in the queue)."""

    settled = Signal(object)  # the _Job

    def __init__(self) -> None:
        super().__init__()
        self.settled.connect(self._dispatch, Qt.ConnectionType.QueuedConnection)

    def _dispatch(self, job: object) -> None:
        if isinstance(job, _Job):
            quit_waiter, job.on_settled = job.on_settled, None
            if quit_waiter is not None:
                quit_waiter()


class _Guard(QObject):
    """While the window waits: input dropped, timers held back (a held-back timer comes
    again after its interval), a spontaneous close refused."""

    def __init__(self, own_timer: QTimer) -> None:
        super().__init__()
        self.own_timer = own_timer

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt
        kind = event.type()
        if kind in _INPUT:
            return True
        if kind == QEvent.Type.Timer:
            # Every timer, not only the QTimers: a button's Alt-letter clicks it from a
            # timer of its own (animateClick) — it must not open a dialog inside a wait.
            return watched is not self.own_timer
        return kind == QEvent.Type.Close and event.spontaneous()


class _Job:
    """One unit of work and its outcome. The worker lets go of the work, the result and the
    error before it says the job settled, and the UI thread takes them out: the last
    reference to anything the work holds (a screen's closure, a widget) is always dropped
    in the UI thread — a Qt object freed in the worker crashes the program."""

    __slots__ = ("work", "result", "error", "settled", "on_settled")

    def __init__(self, work: Callable[[], object]) -> None:
        self.work: Callable[[], object] | None = work
        self.result: object = None
        self.error: BaseException | None = None
        self.settled = False
        # Ends the waiter's loop; set and cleared by the waiter, only in the UI thread.
        self.on_settled: Callable[[], None] | None = None


_jobs: queue.SimpleQueue[_Job] = queue.SimpleQueue()
_thread: threading.Thread | None = None
_relay: _Relay | None = None
_collector: QTimer | None = None
_depth = 0  # waits in progress (a form's save inside a dialog's read: two)
_submitted: dict[_Job, Callable[[], object]] = {}  # jobs not waited for, with their work
_loading_shown = False
activity = Activity()


def _serve(relay: _Relay) -> None:
    while True:
        job = _jobs.get()
        try:
            _settle(job, relay)
        finally:
            del job


def _settle(job: _Job, relay: _Relay) -> None:
    work, job.work = job.work, None
    result: object = None
    error: BaseException | None = None
    try:
        result = work() if work else None
    except BaseException as exc:  # noqa: BLE001 - raised again in the UI thread
        # The frames keep their code and lines for the log, not their variables: an
        # error's traceback is a cycle, which a collection elsewhere would free there.
        traceback.clear_frames(exc.__traceback__)
        error = exc
    del work
    job.result, job.error = result, error
    del result, error
    job.settled = True
    relay.settled.emit(job)


def collect_in_ui_thread() -> None:
    """Python's automatic garbage collection off for good; the UI thread collects instead,
    from its event loop, every ``COLLECT_EVERY_MS`` (as Anki does). An automatic pass runs
    in whichever thread happens to allocate: in the worker it could free a screen's widget
    caught in a cycle, in the UI thread in the middle of painting one — both crashed the
    suite in Qt. Turning collection off only while the worker ran a job (its first design)
    moved the passes unpredictably and crashed it as well."""
    global _collector
    gc.disable()
    if _collector is None:
        _collector = QTimer()
        _collector.setInterval(COLLECT_EVERY_MS)
        _collector.timeout.connect(collect_garbage)
        _collector.start()


def collect_garbage() -> None:
    """The pass Python's own thresholds (``gc.set_threshold``) would have made by now."""
    young, middle, old = gc.get_count()
    first, second, third = gc.get_threshold()
    if young > first:
        gc.collect(2 if old >= third else 1 if middle >= second else 0)


def _start() -> None:
    """The worker and its relay, made in the UI thread on first use; from then on, garbage
    is collected in the UI thread only."""
    global _thread, _relay
    if _thread is None:
        collect_in_ui_thread()
        _relay = _Relay()
        # A daemon: a program closed while the worker waits for work just ends (a unit of
        # work cut off by the end of the process is rolled back by SQLite's journal).
        _thread = threading.Thread(target=_serve, args=(_relay,), name=WORKER_NAME,
                                   daemon=True)
        _thread.start()


def busy() -> bool:
    """Whether the window is waiting for the database now."""
    return _depth > 0


def call(work: Callable[[], T]) -> T:
    """Run ``work`` (a unit of work of the database) on the worker and give its result, or
    raise its error, here. Outside the UI thread (or with no application) it runs at once."""
    app = QCoreApplication.instance()
    if app is None or threading.current_thread() is not threading.main_thread():
        return work()
    _start()
    job = _Job(work)
    _wait(job, app)
    result, error = job.result, job.error
    job.result = job.error = None
    if error is not None:
        try:
            raise error
        finally:
            # Not kept in this frame, which the error's traceback holds: no cycle is left
            # for a collection in another thread to free.
            del error, work
    return cast(T, result)


def submit(work: Callable[[], T],
           done: Callable[[T | None, BaseException | None], None]) -> None:
    """Run ``work`` on the worker after what is asked before it, without waiting: when it
    settles, ``done(result, None)`` or ``done(None, error)`` runs in the UI thread. The
    work is held here until then, so its last reference is let go of in the UI thread.
    Outside the UI thread (or with no application) it runs at once."""
    app = QCoreApplication.instance()
    if app is None or threading.current_thread() is not threading.main_thread():
        try:
            result = work()
        except Exception as exc:  # noqa: BLE001 - handed to ``done``
            done(None, exc)
            return
        done(result, None)
        return
    _start()
    job = _Job(work)
    _submitted[job] = work

    def settled() -> None:
        result, error = job.result, job.error
        job.result = job.error = None
        del _submitted[job]
        done(cast(T, result), error)

    job.on_settled = settled
    _jobs.put(job)


def _wait(job: _Job, app: QCoreApplication) -> None:
    """Hand the job to the worker and run a local event loop until it settled."""
    global _depth
    loop = QEventLoop()
    job.on_settled = loop.quit
    _jobs.put(job)
    slow = QTimer()
    slow.setSingleShot(True)
    slow.setInterval(BUSY_AFTER_MS)
    slow.timeout.connect(_show_loading)
    guard = _Guard(slow)
    app.installEventFilter(guard)
    _depth += 1
    try:
        if not job.settled:
            slow.start()
            loop.exec()
    finally:
        _depth -= 1
        slow.stop()
        app.removeEventFilter(guard)
        job.on_settled = None
        if _depth == 0:
            _end_loading()


def _show_loading() -> None:
    global _loading_shown
    if not _loading_shown:
        _loading_shown = True
        QGuiApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        activity.loading.emit(True)


def _end_loading() -> None:
    global _loading_shown
    if _loading_shown:
        _loading_shown = False
        QGuiApplication.restoreOverrideCursor()
        activity.loading.emit(False)
