"""Every tab and every large dialog fits a 1366×768 screen (the commonest office screen,
less a 40 px taskbar): nothing a worker must reach lies below or beside the screen."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication, QScrollArea, QTableView, QTabWidget, QWidget

from opsdesk.models.enums import Channel, ReporterKind
from opsdesk.services import intake, interviews
from opsdesk.services.intake import IntakeForm
from opsdesk.ui import application
from opsdesk.ui.benefits_tab import BenefitsTab, DecisionDialog, InterviewDialog
from opsdesk.ui.main_window import MainWindow
from opsdesk.ui.widgets import TITLE_BAR
from tests import benefits_helpers as bh
from tests import factories
from tests.ui_helpers import open_tab

# A 1366×768 screen less a 40 px taskbar and a window's title bar: the least a window can
# be made (no window manager shrinks it further) must fit there.
ROOM = QSize(1366, 768 - 40 - TITLE_BAR)
SHOTS = os.environ.get("OPSDESK_SHOTS", "")  # a folder: screenshots of what was measured
LONG = "Długi opis sytuacji rodziny, który zajmuje wiele linii. " * 40


def too_large(widget: QWidget, where: str) -> list[str]:
    """What does not fit: the least size the window can be made (which no window manager
    can shrink) on a 1366×768 screen, or the size it took on the test's screen."""
    area = widget.screen().availableGeometry().size() - QSize(0, TITLE_BAR)
    found = []
    for what, size, room in (("least", widget.minimumSizeHint(), ROOM),
                             ("shown", widget.size(), area)):
        if size.width() > room.width() or size.height() > room.height():
            found.append(f"{where}: {what} {size.width()}×{size.height()}")
            if os.environ.get("OPSDESK_FIT_DEBUG"):
                for child in widget.findChildren(QWidget):
                    hint = child.minimumSizeHint()
                    if child.isVisible() and (hint.width() > 500 or hint.height() > 300):
                        print(where, type(child).__name__, child.objectName(), hint)
    return found


@pytest.fixture(autouse=True)
def program_style(qapp):  # type: ignore[no-untyped-def]
    """Measured (and shot) as the program shows it: with its style sheet."""
    qapp.setStyleSheet(application.STYLE)
    yield
    qapp.setStyleSheet("")


def shot(widget: QWidget, name: str) -> None:
    if SHOTS:
        widget.grab().save(os.path.join(SHOTS, f"{name}.png"))


def select_first_rows(widget: QWidget) -> None:
    for view in widget.findChildren(QTableView):
        if view.isVisible() and view.model() is not None and view.model().rowCount():
            view.selectRow(0)


@pytest.fixture
def busy_office(db, staff):
    """A case with a long interview and a draft, an intake with a long problem."""
    pid, case_id = bh.single_case(db, staff, "400.00", needs=LONG, diagnosis=LONG, plan=LONG)
    factories.draft_decision(db, staff, factories.grant(case_id, justification=LONG))
    form = IntakeForm(person_id=pid, reporter_kind=ReporterKind.SELF,
                      channel=Channel.IN_PERSON, problem=LONG)
    db.write(lambda s: intake.register_intake(s, form, actor=staff.desk))
    routed = db.write(lambda s: intake.register_intake(s, form, actor=staff.desk))
    db.write(lambda s: intake.route_intake(s, routed, actor=staff.desk, to_benefits=False,
                                           to_social_work=True))  # a client of social work
    return pid, case_id


def test_every_tab_fits_the_screen(qtbot, db, staff, make_ctx, busy_office):
    window = MainWindow(make_ctx(staff.head), database_label="x" * 60, shared=True)
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    window.resize(ROOM)
    problems: list[str] = []
    for index in range(window.tabs.count()):
        title = window.tabs.tabText(index)
        open_tab(window, title)
        page = window.tabs.widget(index)
        for inner in [page, *page.findChildren(QTabWidget)]:
            pages = inner.count() if isinstance(inner, QTabWidget) else 1
            for n in range(pages):
                if isinstance(inner, QTabWidget):
                    inner.setCurrentIndex(n)
                select_first_rows(page)
                QApplication.processEvents()
                where = f"{title} / {inner.objectName()} {n}"
                problems += too_large(window, where)
                # The tab scrolls only when it must: at 1366×768 its content fits.
                area = page.findChild(QScrollArea)
                for bar in (area.horizontalScrollBar(), area.verticalScrollBar()):
                    if bar.isVisible():
                        problems.append(f"{where}: scrolls by {bar.maximum()} px")
                shot(window, f"tab-{index}-{inner.objectName()}-{n}")
    assert not problems, "\n".join(problems)


def test_big_dialogs_fit_the_screen(qtbot, db, staff, make_ctx, busy_office):
    _pid, case_id = busy_office
    ctx = make_ctx(staff.benefits)
    iid = db.write(lambda s: interviews.start_interview(s, case_id, actor=staff.benefits))
    for dialog in (InterviewDialog(ctx, iid),
                   DecisionDialog(ctx, case_id, kind=factories.grant(case_id).kind,
                                  benefit=factories.OKRESOWY)):
        qtbot.addWidget(dialog)
        with qtbot.waitExposed(dialog):
            dialog.show()
        assert too_large(dialog, type(dialog).__name__) == []
        assert dialog.ok_button.isVisible()
        assert not dialog.scroll.horizontalScrollBar().isVisible()  # only long forms scroll
        shot(dialog, type(dialog).__name__)
        dialog.done(0)
    assert BenefitsTab  # imported for the tab test's selection
