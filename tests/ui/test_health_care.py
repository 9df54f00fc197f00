"""The Świadczenia zdrowotne page driven through real widgets: a hospital's application, a
decision refused in the form until the interview is done, then issued, its PDF opened, and
the right ended when the person became insured. Screenshots are saved when OPSDESK_SHOTS
names a folder."""

from __future__ import annotations

import gc
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QDate

from opsdesk import clock
from opsdesk.models.health_care import Requester
from opsdesk.ui import health_care_panel
from opsdesk.ui.benefits.tab import BenefitsTab
from opsdesk.ui.health_care_panel import HealthCarePanel
from tests.factories import HOSPITAL, WORKDAY, interviewed, person
from tests.pdf_helpers import pdf_text
from tests.ui_helpers import (
    Modal,
    click_named,
    click_ok,
    select_row_where,
    shot,
    shown,
    type_text,
)


@pytest.fixture(autouse=True)
def collect_while_qt_lives():
    yield
    gc.collect()


def texts(panel: HealthCarePanel, row: int = 0) -> list[str]:
    return [panel.model.index(row, c).data() for c in range(panel.model.columnCount())]


def test_application_decision_pdf_and_early_end(qtbot, qtmodeltester, db, staff, make_ctx,
                                                ui_env, monkeypatch):
    clock.set_today(WORKDAY)  # the dates typed below are November 2026's; the fixture resets it
    pid = person(db, staff)
    monkeypatch.setattr(health_care_panel, "choose_person", lambda ctx, parent: SimpleNamespace(
        id=pid, full_name="Zofia Źdźbło-Gąsiorowska"))
    panel = shown(qtbot, HealthCarePanel(make_ctx(staff.head)), (1300, 600))
    modal = Modal(qtbot)

    def apply(dialog) -> None:  # noqa: ANN001
        dialog.requester.set_value(Requester.PROVIDER)
        assert dialog.provider.isEnabled()
        type_text(dialog.provider, HOSPITAL)
        dialog.treated_on.setDate(QDate(2026, 11, 1))
        dialog.applied_on.setDate(QDate(2026, 11, 3))
        shot(dialog, "swiadczenia-zdrowotne-wniosek")
        click_ok(dialog)

    modal(apply)
    click_named(qtbot, panel, "newHealthCare")
    modal.check()
    qtmodeltester.check(panel.model)
    assert texts(panel)[2:] == [HOSPITAL, "03.11.2026", "03.12.2026", "", "—",
                                "czeka na decyzję"]
    seen: list[str] = []

    def too_early(dialog) -> None:  # noqa: ANN001
        click_ok(dialog)
        seen.append(dialog.error_label.text())
        dialog.done(0)

    select_row_where(panel.view, lambda r: True)
    modal(too_early)
    click_named(qtbot, panel, "decideHealthCare")
    modal.check()
    assert seen == ["Decyzję wydaje się po rodzinnym wywiadzie środowiskowym — zakończ wywiad "
                    "w tej sprawie."]
    interviewed(db, staff, panel.selected().id, insured=None)
    panel.refresh()
    select_row_where(panel.view, lambda r: True)
    modal(click_ok)  # the interview's answer: not insured from another title
    click_named(qtbot, panel, "healthInsurance")
    modal.check()

    def decide(dialog) -> None:  # noqa: ANN001
        dialog.period_from.setDate(QDate(2026, 11, 1))
        shot(dialog, "swiadczenia-zdrowotne-decyzja")
        click_ok(dialog)

    select_row_where(panel.view, lambda r: True)
    modal(decide)
    click_named(qtbot, panel, "decideHealthCare")
    modal.check()
    assert texts(panel)[4:] == ["", "GOPS.8311.DEC.1.2026", "01.11.2026–29.01.2027",
                                "prawo trwa"]
    shot(panel, "swiadczenia-zdrowotne")
    select_row_where(panel.view, lambda r: True)
    click_named(qtbot, panel, "healthCarePdf")
    assert "Potwierdza się prawo strony" in pdf_text(ui_env[-1].read_bytes())

    def insured(dialog) -> None:  # noqa: ANN001
        dialog.insured_on.setDate(QDate(2026, 11, 9))
        type_text(dialog.title, "umowa o pracę od 09.11.2026")
        click_ok(dialog)

    modal(insured)
    click_named(qtbot, panel, "endHealthCare")
    modal.check()
    assert panel.model.rowCount() == 0  # closed with the early end
    panel.all_box.setChecked(True)
    assert texts(panel)[6:] == ["01.11.2026–29.01.2027 (wygasło 09.11.2026)",
                                "wygasło — objęcie ubezpieczeniem"]


def test_the_page_in_the_benefits_tab_shows_what_the_role_may_do(qtbot, db, staff, make_ctx,
                                                                  ui_env):
    tab = shown(qtbot, BenefitsTab(make_ctx(staff.benefits)), (1366, 700))
    titles = [tab.pages.tabText(i) for i in range(tab.pages.count())]
    assert "Świadczenia zdrowotne" in titles
    panel = tab.findChild(HealthCarePanel)
    tab.pages.setCurrentWidget(panel)
    assert panel.new_button.isVisible() and panel.end_button.isVisible()
    assert not panel.decide_button.isVisible()  # the head or an authorised worker signs
    assert panel.model.rowCount() == 0
