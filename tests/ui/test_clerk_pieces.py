"""The small things a clerk expects: the head's period is the last complete half-year, a
paste past a field's length says what was cut, "Podgląd" says where the PDF went and
opens its folder, and each worker finds the tab they left."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QApplication

from opsdesk.services.people import PersonRow
from opsdesk.ui.first_contact import CertificateDialog
from opsdesk.ui.head_tab import PeriodPicker
from opsdesk.ui.main_window import MainWindow
from opsdesk.ui.pdf import save_and_open


@pytest.mark.parametrize(("today", "preset", "start", "end"), [
    (date(2026, 12, 10), "I półrocze 2026", date(2026, 1, 1), date(2026, 6, 30)),
    (date(2027, 2, 3), "II półrocze 2026", date(2026, 7, 1), date(2026, 12, 31)),
    (date(2026, 7, 1), "I półrocze 2026", date(2026, 1, 1), date(2026, 6, 30)),
])
def test_the_period_is_the_last_complete_half_year(qtbot, today, preset, start, end):
    picker = PeriodPicker(today)
    qtbot.addWidget(picker)
    assert picker.preset.currentText() == preset
    assert picker.period() == (start, end)


# The offscreen plugin's notice when the tooltip pops up (a real screen raises it).
@pytest.mark.qt_log_ignore(r"This plugin does not support raise\(\)")
def test_a_paste_past_the_length_says_what_was_cut(qtbot, make_ctx, staff):
    dialog = CertificateDialog(make_ctx(staff.desk), PersonRow(1, "Nowak Jan", "", None, "", 1))
    qtbot.addWidget(dialog)
    dialog.show()
    purpose = dialog.field("purpose")
    QApplication.clipboard().setText("do przedłożenia " * 320)  # 5 120 characters
    purpose.setFocus()
    purpose.paste()
    assert len(purpose.text()) == 300
    assert purpose.property("cut_message").startswith(
        "Pole mieści 300 znaków — obcięto 4820 znaków: „")


def test_preview_says_where_the_file_went_and_opens_its_folder(qtbot, staff, make_ctx,
                                                                ui_env, tmp_path):
    window = MainWindow(make_ctx(staff.desk), database_label="x", shared=False)
    qtbot.addWidget(window)
    window.show()
    path = save_and_open(window, tmp_path / "pdf", "zaswiadczenie", b"%PDF-1.4")
    assert ui_env == [path]  # opened in the viewer
    assert window.saved_label.text() == f"Zapisano: {path.name}"
    assert window.saved_label.toolTip() == str(path)
    assert window.open_folder.isVisible()
    window.open_folder.click()
    assert ui_env == [path, path.parent]


def test_each_worker_finds_the_tab_they_left(qtbot, staff, make_ctx):
    def open_as(actor):
        window = MainWindow(make_ctx(actor), database_label="x", shared=False)
        qtbot.addWidget(window)
        return window

    head = open_as(staff.head)
    head.tabs.setCurrentIndex(3)  # Kierownik
    head.close()
    assert open_as(staff.head).tabs.tabText(open_as(staff.head).tabs.currentIndex()) == \
        "Kierownik"
    clerk = open_as(staff.benefits)
    assert clerk.tabs.tabText(clerk.tabs.currentIndex()) == "Świadczenia"


def test_do_odbioru_is_searched_by_name_pesel_or_number(qtbot, db, staff, make_ctx):
    from opsdesk.services import desk
    from opsdesk.ui.first_contact import FirstContactTab
    from tests import factories
    from tests.ui_helpers import type_text

    zofia, jerzy = factories.person(db, staff), factories.person(db, staff, factories.JERZY)
    for pid in (zofia, jerzy):
        db.write(lambda s, p=pid: desk.issue_certificate(
            s, actor=staff.desk, person_id=p, purpose="do szkoły",
            content="figuruje w kartotece ośrodka."))
    tab = FirstContactTab(make_ctx(staff.desk))
    qtbot.addWidget(tab)
    assert len(tab.handovers.rows()) == 2
    for query, who in (("gąsiorowski", [jerzy]), ("85030412362", [zofia]),
                       ("8001", [jerzy])):
        tab.handover_search.clear()
        type_text(tab.handover_search, query)
        tab.search_handovers()
        assert tab.lists.currentWidget() is tab.handover_view
        assert [r.person_id for r in tab.handovers.rows()] == who, query
    number = tab.handovers.rows()[0].title.split()[-1]
    tab.handover_search.setText(number)
    tab.search_handovers()
    assert [r.title.split()[-1] for r in tab.handovers.rows()] == [number]


def test_the_heads_waiting_list_is_one_click_away_with_a_count(qtbot, db, staff, make_ctx):
    from PySide6.QtWidgets import QTableView

    from opsdesk.services import decisions
    from opsdesk.services.people import PersonForm
    from opsdesk.ui.benefits.tab import BenefitsTab
    from tests import factories
    from tests.factories import prepare, single_case, two_clients
    from tests.ui_helpers import Modal

    two_clients(db, staff)
    list_id = prepare(db, staff)
    jozef = PersonForm(first_name="Józef", last_name="Ćwikła", pesel="64042999928",
                       street="ul. Polna 1", postal_code="66-210", city="Zbąszynek")
    _pid, case_id = single_case(db, staff, "400.00", who=jozef)
    did = factories.draft_decision(db, staff, factories.grant(case_id))
    db.write(lambda s: decisions.submit_draft(s, did, actor=staff.benefits))
    clerk = MainWindow(make_ctx(staff.benefits), database_label="x", shared=False)
    qtbot.addWidget(clerk)
    assert getattr(clerk, "approvals", None) is None  # a clerk signs nothing
    window = MainWindow(make_ctx(staff.head), database_label="x", shared=False)
    qtbot.addWidget(window)
    window.show()
    assert window.approvals.text() == "Do zatwierdzenia: 2"
    modal, listed = Modal(qtbot), []

    def open_decision(dialog):
        view = dialog.findChild(QTableView, "approvalsView")
        listed.extend(r.what for r in view.model().rows())
        view.activated.emit(view.model().index(0, 0))

    modal(open_decision)
    window.approvals.click()
    modal.check()
    assert listed[0].startswith("Decyzja — GOPS.8311.") and listed[1].startswith(
        "Lista wypłat nr ")
    tab = window.findChild(BenefitsTab)
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Świadczenia"
    assert tab.current_case().case_id == case_id
    assert tab.current_decision().id == did and tab.approve.isEnabled()
    assert list_id
