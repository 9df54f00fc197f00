"""Issue 19's screens driven through real widgets: the Składki ZUS page (count, KEDU file
saved, statement opened), a register check with its printout in a case, the Niebieska
Karta section of the social-work tab, and the head's reporting calendar. Screenshots are
saved when OPSDESK_SHOTS names a folder."""

from __future__ import annotations

import gc
import xml.etree.ElementTree as ET
from datetime import date

import pytest
from PySide6.QtCore import QDate

from opsdesk import clock
from opsdesk.services.queue import Deadline
from opsdesk.ui.blue_card_panel import BlueCardPanel
from opsdesk.ui.contributions_panel import ContributionsPanel
from opsdesk.ui.register_checks_panel import RegisterChecksPanel
from opsdesk.ui.reporting_panel import ReportingSection
from opsdesk.ui.socialwork.tab import SocialWorkTab
from tests.factories import WORKDAY, pay_november, payer, person, single_case, staly
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


def test_contributions_counted_and_the_kedu_file_saved(qtbot, qtmodeltester, db, staff,
                                                       make_ctx, ui_env, tmp_path):
    payer(db, staff)
    staly(db, staff)
    pay_november(db, staff)
    panel = shown(qtbot, ContributionsPanel(make_ctx(staff.benefits)), (1300, 700))
    panel.month.setDate(QDate(2026, 11, 1))
    click_named(qtbot, panel, "computeContributions")
    qtmodeltester.check(panel.model)
    assert panel.model.rowCount() == 1
    assert panel.model.index(0, 4).data() == "91,17\u00a0zł"
    assert "Razem do zapłaty: <b>91,17\u00a0zł</b>" in panel.summary.text()
    assert panel.registrations.rowCount() == 1
    assert panel.registrations.index(0, 3).data() == "08.11.2026 — po terminie"
    shot(panel, "skladki-zus")
    click_named(qtbot, panel, "keduFile")
    root = ET.parse(panel.last_saved).getroot()
    assert root.tag.endswith("KEDU") and panel.last_saved.suffix == ".xml"
    click_named(qtbot, panel, "contributionStatement")
    assert ui_env and ui_env[-1].suffix == ".pdf"
    assert not panel.payer_button.isVisible()  # the payer's data: the head or the admin


def test_a_register_check_with_its_printout(qtbot, db, staff, make_ctx, ui_env, tmp_path):
    _, case_id = single_case(db, staff)
    printout = tmp_path / "ekw.pdf"
    printout.write_bytes(b"%PDF-1.4\n%%EOF\n")
    panel = shown(qtbot, RegisterChecksPanel(make_ctx(staff.benefits)), (1000, 300))
    panel.show_case(case_id, "sprawa")
    modal = Modal(qtbot)

    def fill(dialog) -> None:  # noqa: ANN001
        type_text(dialog.field("query"), "Czy jest właścicielką nieruchomości?")
        type_text(dialog.field("result"), "Brak wpisów w księgach wieczystych.")
        type_text(dialog.path, str(printout))
        shot(dialog, "sprawdzenie-w-rejestrze")
        click_ok(dialog)

    modal(fill)
    click_named(qtbot, panel, "addCheck")
    modal.check()
    assert panel.model.rowCount() == 1
    assert panel.model.index(0, 5).data() == "ekw.pdf"
    select_row_where(panel.view, lambda r: True)
    click_named(qtbot, panel, "openPrintout")
    assert ui_env[-1].read_bytes() == b"%PDF-1.4\n%%EOF\n"


def test_a_printout_too_large_stays_in_the_form_with_a_polish_message(qtbot, db, staff,
                                                                      make_ctx, ui_env,
                                                                      tmp_path):
    _, case_id = single_case(db, staff)
    big = tmp_path / "skan.png"
    big.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * (5 * 1024 * 1024))
    panel = shown(qtbot, RegisterChecksPanel(make_ctx(staff.benefits)), (1000, 300))
    panel.show_case(case_id, "sprawa")
    modal = Modal(qtbot)
    seen: list[str] = []

    def fill(dialog) -> None:  # noqa: ANN001
        type_text(dialog.field("query"), "Zapytanie")
        type_text(dialog.field("result"), "Wynik")
        type_text(dialog.path, str(big))
        click_ok(dialog)
        seen.append(dialog.error_label.text())
        dialog.done(0)

    modal(fill)
    click_named(qtbot, panel, "addCheck")
    modal.check()
    assert seen == ["Wydruk jest za duży — najwyżej 5,0 MB. Zapisz go w mniejszej "
                    "rozdzielczości albo jako PDF."]
    assert panel.model.rowCount() == 0


def test_blue_card_in_the_social_work_tab(qtbot, qtmodeltester, db, staff, make_ctx, ui_env):
    pid = person(db, staff)
    tab = shown(qtbot, SocialWorkTab(make_ctx(staff.social)), (1400, 800))
    titles = [tab.sections.tabText(i) for i in range(tab.sections.count())]
    assert titles[-1] == "Niebieska Karta"
    panel: BlueCardPanel = tab.blue_cards
    panel.show_person(pid)
    modal = Modal(qtbot)

    def fill(dialog) -> None:  # noqa: ANN001
        dialog.field("initiated_on").setDate(QDate(2026, 11, 2))
        type_text(dialog.field("initiated_by"), "Policja — st. sierż. Jan Kowal")
        dialog.field("received_on").setDate(QDate(2026, 11, 3))
        type_text(dialog.field("suspect_name"), "Jerzy Gąsiorowski")
        click_ok(dialog)

    modal(fill)
    tab.sections.setCurrentWidget(panel)
    click_named(qtbot, panel, "newBlueCard")
    modal.check()
    qtmodeltester.check(panel.model)
    assert panel.model.rowCount() == 1
    today = clock.today()  # the suite runs on other days too (OPSDESK_TEST_NOW)
    group = Deadline("utworzenie grupy diagnostyczno-pomocowej", date(2026, 11, 6))
    assert panel.model.index(0, 3).data() == group.text(today)
    assert "po terminie" in group.text(today)
    select_row_where(panel.view, lambda r: True)
    detail = panel.text.toPlainText()
    assert Deadline("pierwsze posiedzenie grupy", date(2026, 11, 10)).text(today) in detail
    assert "NK-D z osobą stosującą przemoc: bez terminu" in detail
    assert panel.group_button.isVisible() and not panel.meeting_button.isVisible()
    shot(tab, "niebieska-karta")


def test_benefits_never_get_the_blue_card_section(qtbot, db, staff, make_ctx, ui_env):
    tab = shown(qtbot, SocialWorkTab(make_ctx(staff.head)), (1400, 800))
    assert "Niebieska Karta" in [tab.sections.tabText(i) for i in range(tab.sections.count())]
    from opsdesk.services.permissions import Permission

    assert not staff.benefits.can(Permission.BLUE_CARD_READ)


def test_reporting_calendar_shows_a_reports_figures(qtbot, qtmodeltester, db, staff,
                                                     make_ctx, ui_env):
    staly(db, staff)
    pay_november(db, staff)
    clock.set_today(WORKDAY)  # the calendar as seen on the data's day; the fixture resets it
    section = shown(qtbot, ReportingSection(make_ctx(staff.head)), (1300, 700))
    qtmodeltester.check(section.model)
    assert section.model.rowCount() == 8
    row = select_row_where(section.view, lambda r: r.key == "RADA_GMINY" and r.year == 2026)
    assert row >= 0
    text = section.preview.toPlainText()
    assert "Zasiłki stałe" in text and "brak w ewidencji: dane księgowe spoza programu" in text
    shot(section, "sprawozdania")
    click_named(qtbot, section, "reportPdf")
    assert ui_env[-1].suffix == ".pdf"
    click_named(qtbot, section, "reportXlsx")
    assert ui_env[-1].suffix == ".xlsx"
