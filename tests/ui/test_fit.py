"""Every tab and every large dialog fits a 1366×768 screen (the commonest office screen,
less a 40 px taskbar): nothing a worker must reach lies below or beside the screen.

The same tests run again, each in a process of its own (the screen is fixed when Qt starts),
on a 1280×720 screen and on 1366×768 at 125 % scaling (QT_SCALE_FACTOR=1.25: the program sees
a 1093×614 logical screen, as Windows shows it at 125 %): there a tab may scroll, but the
window, its least size and every dialog's buttons still fit."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QApplication,
    QPushButton,
    QScrollArea,
    QTableView,
    QTabWidget,
    QWidget,
)

from opsdesk.models.enums import Channel, ReporterKind
from opsdesk.services import intake, interviews
from opsdesk.services.intake import IntakeForm
from opsdesk.ui import application
from opsdesk.ui.benefits.decision_dialog import DecisionDialog
from opsdesk.ui.benefits.interview import InterviewDialog
from opsdesk.ui.benefits.tab import BenefitsTab
from opsdesk.ui.main_window import MainWindow
from opsdesk.ui.widgets import TITLE_BAR
from tests import factories
from tests.ui_helpers import open_tab

# A 1366×768 screen less a 40 px taskbar and a window's title bar: the least a window can
# be made (no window manager shrinks it further) must fit there.
TASKBAR = 40
SMALL = bool(os.environ.get("OPSDESK_FIT_SMALL"))  # run on a smaller screen, see below


def room() -> QSize:
    screen = QApplication.primaryScreen().geometry().size()
    return screen - QSize(0, TASKBAR + TITLE_BAR)
SHOTS = os.environ.get("OPSDESK_SHOTS", "")  # a folder: screenshots of what was measured
LONG = "Długi opis sytuacji rodziny, który zajmuje wiele linii. " * 40


def too_large(widget: QWidget, where: str) -> list[str]:
    """What does not fit: the least size the window can be made (which no window manager
    can shrink) on a 1366×768 screen, or the size it took on the test's screen."""
    area = widget.screen().availableGeometry().size() - QSize(0, TITLE_BAR)
    found = []
    for what, size, limit in (("least", widget.minimumSizeHint(), room()),
                              ("shown", widget.size(), area)):
        if size.width() > limit.width() or size.height() > limit.height():
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
    pid, case_id = factories.single_case(db, staff, "400.00", needs=LONG, diagnosis=LONG, plan=LONG)
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
    window.resize(room())
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
                primary = [b.text() for b in page.findChildren(QPushButton)
                           if b.isVisible() and b.isDefault()]
                if len(primary) > 1:  # a calm screen has at most one accent button
                    problems.append(f"{where}: primary buttons {primary}")
                # The tab scrolls only when it must: at 1366×768 its content fits.
                area = page.findChild(QScrollArea)
                for bar in () if SMALL else (area.horizontalScrollBar(), area.verticalScrollBar()):
                    if bar.isVisible():
                        problems.append(f"{where}: scrolls by {bar.maximum()} px")
                shot(window, f"tab-{index}-{inner.objectName()}-{n}")
    assert not problems, "\n".join(problems)


def test_big_dialogs_fit_the_screen(qtbot, db, staff, make_ctx, busy_office):
    _pid, case_id = busy_office
    ctx = make_ctx(staff.benefits)
    iid = db.write(lambda s: interviews.start_interview(s, case_id, actor=staff.benefits))
    sizes: list[str] = []
    for dialog in (InterviewDialog(ctx, iid),
                   DecisionDialog(ctx, case_id, kind=factories.grant(case_id).kind,
                                  benefit=factories.OKRESOWY)):
        qtbot.addWidget(dialog)
        with qtbot.waitExposed(dialog):
            dialog.show()
        assert too_large(dialog, type(dialog).__name__) == []
        assert dialog.ok_button.isVisible()
        # One primary button (the accent's, Enter's): the one that saves.
        primary = [b for b in dialog.findChildren(QPushButton) if b.isVisible() and b.isDefault()]
        assert primary == [dialog.ok_button]
        bottom = dialog.ok_button.mapTo(dialog, dialog.ok_button.rect().bottomLeft()).y()
        assert bottom <= dialog.height()  # the buttons stay in sight, the form scrolls
        assert not dialog.scroll.horizontalScrollBar().isVisible()  # only long forms scroll
        sizes.append(f"{type(dialog).__name__} {dialog.width()}×{dialog.height()}")
        shot(dialog, type(dialog).__name__)
        dialog.done(0)
    screen = QApplication.primaryScreen()
    print(f"screen {screen.geometry().width()}×{screen.geometry().height()} "
          f"at {screen.devicePixelRatio():g}:", ", ".join(sizes))
    assert BenefitsTab  # imported for the tab test's selection


def test_the_window_opens_within_the_screen(qtbot, db, staff, make_ctx):
    """The first start (no saved geometry) and a geometry saved on a larger screen both open
    wholly within the screen's available geometry, the status bar included."""
    from PySide6.QtCore import QRect, QSettings

    area = QApplication.primaryScreen().availableGeometry()
    for saved in (None, QRect(-200, 300, 1920, 1200)):
        if saved is not None:
            big = MainWindow(make_ctx(staff.head), database_label="x", shared=False)
            big.setGeometry(saved)
            QSettings().setValue("window/geometry", big.saveGeometry())
            big.deleteLater()
        window = MainWindow(make_ctx(staff.head), database_label="x", shared=False)
        qtbot.addWidget(window)
        with qtbot.waitExposed(window):
            window.show()
        frame = window.frameGeometry()
        assert area.contains(frame) and area.contains(window.geometry()), (saved, frame, area)
        assert window.statusBar().isVisible()
        window.close()


@pytest.mark.skipif(SMALL, reason="already on a smaller screen")
@pytest.mark.parametrize(("width", "height", "scale", "logical"), [
    (1280, 720, "1", (1280, 720)), (1366, 768, "1.25", (1093, 614))])
def test_everything_fits_smaller_screens(tmp_path, width, height, scale, logical):
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "office", "x": 0, "y": 0, "width": width,
                                               "height": height, "logicalDpi": 96}]}))
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
           "QT_SCALE_FACTOR": scale, "OPSDESK_FIT_SMALL": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-s", "-p", "no:cacheprovider", __file__,
         "-k", "not smaller_screens"], env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-4000:]
    assert f"screen {logical[0]}×{logical[1]} at {float(scale):g}:" in result.stdout
    print(*[line[line.index("screen "):] for line in result.stdout.splitlines()
             if "screen " in line])


def test_the_desk_detail_scrolls_and_its_actions_stay(qtbot, db, staff, make_ctx, busy_office):
    """A very long problem on an intake: the detail pane scrolls, the routing buttons stay."""
    from opsdesk.ui.first_contact import FirstContactTab

    window = MainWindow(make_ctx(staff.desk), database_label="x", shared=False)
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    window.resize(room())
    tab = window.findChild(FirstContactTab)
    tab.detail.setText("<p>" + LONG * 3 + "</p>")
    QApplication.processEvents()
    assert tab.detail_area.verticalScrollBar().maximum() > 0
    assert tab.route_benefits.isVisible()
    bottom = tab.route_benefits.mapTo(window, tab.route_benefits.rect().bottomLeft()).y()
    assert bottom < window.height()
    assert too_large(window, "desk") == []
