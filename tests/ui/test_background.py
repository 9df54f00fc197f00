"""Long work off the UI thread: the PDF of a payout list is made while the window answers,
and what it made is shown when it is ready; a failure is shown as any other."""

from __future__ import annotations

import gc

import pytest
from PySide6.QtCore import Qt

from opsdesk.demo import DEMO_PASSWORD, large
from opsdesk.errors import DatabaseUnavailable
from opsdesk.models.enums import PayoutMethod
from opsdesk.services import security
from opsdesk.ui.benefits.tab import BenefitsTab
from opsdesk.ui.context import young_collections_only
from tests.conftest import TODAY


def benefits_tab(qtbot, db, make_ctx) -> BenefitsTab:  # type: ignore[no-untyped-def]
    large.generate(db, seed=3, persons=150, households=60, years=2, today=TODAY)
    worker = db.write(lambda s: security.authenticate(s, login="swiadczenia",
                                                      password=DEMO_PASSWORD))
    tab = BenefitsTab(make_ctx(worker))
    qtbot.addWidget(tab)
    tab.show()
    tab.pages.setCurrentIndex(1)
    row = next(i for i, r in enumerate(tab.payout_lists.lists.rows())
               if r.method is PayoutMethod.CASH and r.count)
    tab.payout_lists.list_view.selectRow(row)
    return tab


def test_payout_list_pdf_is_made_while_the_window_answers(qtbot, db, make_ctx, ui_env):
    tab = benefits_tab(qtbot, db, make_ctx)
    qtbot.mouseClick(tab.payout_lists.print_list, Qt.MouseButton.LeftButton)
    # The click returned at once: the list is being made in the background.
    assert not tab.payout_lists.print_list.isEnabled()
    assert tab.payout_lists.print_list.text() == "Przygotowuję listę…"
    qtbot.waitUntil(lambda: bool(ui_env), timeout=20_000)
    assert ui_env[0].read_bytes().startswith(b"%PDF")
    button = tab.payout_lists.print_list
    assert button.isEnabled() and button.text() == "Drukuj listę"


def test_a_failure_in_the_background_is_shown_and_the_button_comes_back(
        qtbot, db, make_ctx, ui_env, monkeypatch):
    tab = benefits_tab(qtbot, db, make_ctx)
    shown: list[Exception] = []
    monkeypatch.setattr("opsdesk.ui.context.show_error", lambda _p, exc: shown.append(exc))

    def unreachable(*_a, **_kw):  # type: ignore[no-untyped-def]
        raise DatabaseUnavailable("drive gone")

    monkeypatch.setattr("opsdesk.services.payouts.payout_list_pdf", unreachable)
    qtbot.mouseClick(tab.payout_lists.print_list, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(shown), timeout=20_000)
    assert isinstance(shown[0], DatabaseUnavailable)
    assert ui_env == []
    assert tab.payout_lists.print_list.isEnabled()


def test_full_collections_wait_while_a_background_read_runs(qtbot, db, staff, make_ctx):
    """A full pass of the garbage collector in the worker holds the GIL and so stops the
    window; during a background read only the young generation is collected."""
    before = gc.get_threshold()
    seen: list[tuple[int, int, int]] = []
    results: list[object] = []
    ctx = make_ctx(staff.desk)
    ctx.read_in_background(None, lambda _s: seen.append(gc.get_threshold()) or "ok",
                           results.append)
    qtbot.waitUntil(lambda: bool(results), timeout=20_000)
    assert results == ["ok"]
    assert seen[0][0] == before[0] and seen[0][1] > 1_000_000 and seen[0][2] > 1_000_000
    assert gc.get_threshold() == before


def test_the_collector_is_restored_after_a_failed_read_and_nested_pauses():
    before = gc.get_threshold()
    with pytest.raises(RuntimeError):
        with young_collections_only():
            with young_collections_only():
                pass
            assert gc.get_threshold() != before  # the outer pause still holds
            raise RuntimeError("the drive went away")
    assert gc.get_threshold() == before
