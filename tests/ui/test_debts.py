"""Należności driven through real widgets (issue 19 item 3): a transfer booked on the
Świadczenia page, and cash taken at the first-contact desk with its KP receipt printed."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton

from opsdesk import clock
from opsdesk.ui.benefits.debts_panel import DebtsPanel
from opsdesk.ui.benefits.tab import BenefitsTab
from opsdesk.ui.first_contact import FirstContactTab
from opsdesk.ui.person_dialog import PersonPicker
from tests.factories import ON, ZOFIA, debt_of
from tests.pdf_helpers import pdf_text
from tests.ui_helpers import Modal, click, click_ok, press_enter, select_row_where, type_text


def test_a_transfer_is_booked_on_the_debts_page(qtbot, db, staff, make_ctx):
    debt_id = debt_of(db, staff)
    clock.set_today(ON)
    tab = BenefitsTab(make_ctx(staff.benefits))
    qtbot.addWidget(tab)
    tab.show()
    panel = tab.findChild(DebtsPanel)
    tab.pages.setCurrentWidget(panel)
    assert select_row_where(panel.view, lambda r: r.id == debt_id) >= 0
    assert "Pozostało do spłaty: <b>305,00" in panel.detail.text()

    def transfer(dialog):  # type: ignore[no-untyped-def]
        type_text(dialog.field("amount"), "50,00")
        type_text(dialog.field("reference"), "wyciąg 12/2026")
        click_ok(dialog)

    modal = Modal(qtbot)
    modal(transfer)
    click(qtbot, panel.transfer)
    modal.check()
    assert select_row_where(panel.view, lambda r: r.id == debt_id) >= 0
    assert "Pozostało do spłaty: <b>255,00" in panel.detail.text()
    assert "wyciąg 12/2026" in panel.detail.text()


def test_cash_at_the_desk_prints_the_kp_receipt(qtbot, db, staff, make_ctx, ui_env):
    debt_of(db, staff)
    clock.set_today(ON)
    tab = FirstContactTab(make_ctx(staff.desk))
    qtbot.addWidget(tab)
    tab.show()
    modal = Modal(qtbot)

    def pay(dialog):  # type: ignore[no-untyped-def]
        assert "do zapłaty 305,00" in dialog.debt.currentText()
        type_text(dialog.field("amount"), "100,00")
        click_ok(dialog)

    def choose(dialog):  # type: ignore[no-untyped-def]
        picker = dialog.findChild(PersonPicker)
        type_text(picker.search, ZOFIA.pesel)
        qtbot.waitUntil(lambda: picker.model.rowCount() == 1, timeout=5000)
        modal(pay)
        press_enter(picker.search)

    modal(choose)
    button = tab.findChild(QPushButton, "takePayment")
    assert "Ctrl+Shift+K" in button.toolTip()
    click(qtbot, button)
    qtbot.waitUntil(lambda: bool(ui_env), timeout=5000)
    modal.check()
    text = pdf_text(ui_env[0].read_bytes())
    assert "KASA PRZYJMIE" in text and "KP/1/2026" in text and "100,00 zł" in text
