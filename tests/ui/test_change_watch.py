"""Another workstation's change shows on screen by itself; nothing is read while nobody
writes."""

import threading

import pytest
from sqlalchemy import event

from opsdesk.db import Database
from opsdesk.models.enums import Channel, ReporterKind
from opsdesk.services import intake, people
from opsdesk.services.intake import IntakeForm
from opsdesk.services.people import PersonForm
from opsdesk.ui.first_contact import FirstContactTab
from opsdesk.ui.main_window import MainWindow


@pytest.fixture
def desk_window(qtbot, db, staff, make_ctx):
    win = MainWindow(make_ctx(staff.desk), database_label="Z:\\OPS\\opsdesk.sqlite",
                     shared=True)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def colleague_registers_an_intake(target: str, actor) -> None:  # type: ignore[no-untyped-def]
    colleague = Database(target)  # another workstation: its own engine and connection
    try:
        def register(s):  # type: ignore[no-untyped-def]
            person = people.register_person(s, PersonForm(
                first_name="Jadwiga", last_name="Źrebiec", pesel="85030412362"), actor=actor)
            return intake.register_intake(s, IntakeForm(
                person_id=person, reporter_kind=ReporterKind.SELF, channel=Channel.PHONE,
                problem="Brak opału na zimę."), actor=actor)
        colleague.write(register)
    finally:
        colleague.dispose()


def test_a_colleagues_intake_appears_in_the_desk_list_within_three_seconds(
        qtbot, db, staff, desk_window):
    tab = desk_window.findChild(FirstContactTab)
    assert tab.intakes.rows() == []
    colleague_registers_an_intake(db.target, staff.desk)
    qtbot.waitUntil(lambda: [r.person_name for r in tab.intakes.rows()]
                    == ["Źrebiec Jadwiga"], timeout=3000)


def test_while_nobody_writes_the_lists_are_not_read_again(qtbot, db, staff, desk_window):
    statements: list[str] = []
    event.listen(db.engine, "before_cursor_execute",
                 lambda _c, _cur, sql, *_a: statements.append(sql))
    for _ in range(3):
        desk_window.change_watch.check()
    assert not [sql for sql in statements if "intakes" in sql]
    assert len(statements) <= (3 if not db.is_sqlite else 0)
    colleague_registers_an_intake(db.target, staff.desk)
    desk_window.change_watch.check()
    assert [sql for sql in statements if "intakes" in sql]


def test_the_days_backup_beside_a_read_leaves_the_lists_unread(qtbot, db, staff, desk_window):
    """The day's copy tidies the search index on a thread of its own while the worker may
    be reading. Through the window's pool its connection could take the place of the kept
    one — its cache lost, and the next look saying "changed" with nobody writing."""
    if db.path is None:
        pytest.skip("the day's copy is of a SQLite file")
    desk_window.change_watch.timer.stop()  # looked at below, once, when the test says
    qtbot.waitUntil(lambda: not desk_window._backup_running, timeout=10000)
    for copy in desk_window.ctx.settings.backup_folder().iterdir():
        copy.unlink()  # the day's copy to be made again
    desk_window.change_watch.check()
    held, release, finished = threading.Event(), threading.Event(), []

    def a_long_read(s):  # type: ignore[no-untyped-def]
        s.connection()  # the kept connection in use meanwhile
        held.set()
        release.wait(10)

    desk_window.ctx.read_in_background(None, a_long_read, finished.append)
    assert held.wait(10)
    desk_window.daily_backup()
    qtbot.waitUntil(lambda: not desk_window._backup_running, timeout=10000)
    release.set()
    qtbot.waitUntil(lambda: finished == [None], timeout=10000)
    statements: list[str] = []
    event.listen(db.engine, "before_cursor_execute",
                 lambda _c, _cur, sql, *_a: statements.append(sql))
    desk_window.change_watch.check()
    assert not [sql for sql in statements if "intakes" in sql]


def test_a_tab_not_shown_is_read_again_when_it_is_opened(qtbot, db, staff, make_ctx):
    win = MainWindow(make_ctx(staff.head), database_label="opsdesk.sqlite", shared=False)
    qtbot.addWidget(win)
    win.show()
    desk = win.findChild(FirstContactTab)
    win.tabs.setCurrentIndex(1)  # Świadczenia: the desk's list is built but hidden
    colleague_registers_an_intake(db.target, staff.desk)
    win.change_watch.check()
    assert desk.intakes.rows() == []
    win.tabs.setCurrentIndex(0)
    assert [r.person_name for r in desk.intakes.rows()] == ["Źrebiec Jadwiga"]


def test_the_row_a_clerk_looks_at_stays_selected_through_a_colleagues_change(
        qtbot, db, staff, desk_window):
    from tests.ui_helpers import select_row_where

    colleague_registers_an_intake(db.target, staff.desk)
    tab = desk_window.findChild(FirstContactTab)
    qtbot.waitUntil(lambda: len(tab.intakes.rows()) == 1, timeout=3000)
    assert select_row_where(tab.intake_view, lambda r: r.person_name == "Źrebiec Jadwiga") >= 0
    shown = tab.detail.text()
    colleague = Database(db.target)
    try:
        colleague.write(lambda s: intake.register_intake(s, IntakeForm(
            person_id=tab.current().person_id, reporter_kind=ReporterKind.SELF,
            channel=Channel.IN_PERSON, problem="Prosi o pomoc w opłaceniu czynszu."),
            actor=staff.desk))
    finally:
        colleague.dispose()
    qtbot.waitUntil(lambda: len(tab.intakes.rows()) == 2, timeout=3000)
    assert tab.current() is not None and tab.current().problem == "Brak opału na zimę."
    assert tab.detail.text() == shown
