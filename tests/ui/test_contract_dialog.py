"""Kontrakt socjalny after the model (issue 16 item 7) through real widgets: the social
worker types the situation and the actions "działanie; kto; dd.mm.rrrr", a bad line is
named at its field and nothing typed is lost; then an annex prolongs the contract."""

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from opsdesk import clock
from opsdesk.services import socialwork
from opsdesk.ui.action_dialog import ActionDialog
from opsdesk.ui.socialwork.tab import SocialWorkTab
from tests.factories import KASIA, person
from tests.ui_helpers import Modal, click, click_ok, select_row_where, type_text


def shown(qtbot, widget):
    qtbot.addWidget(widget)
    with qtbot.waitExposed(widget):
        widget.show()
    return widget


def type_lines(widget, *lines: str) -> None:
    """Type lines as a worker does: Enter between them."""
    for i, text in enumerate(lines):
        if i:
            QTest.keyClick(widget, Qt.Key.Key_Return)
        type_text(widget, text)


def day(days: int) -> str:
    return (clock.today() + timedelta(days=days)).strftime("%d.%m.%Y")


def test_contract_with_situation_actions_and_an_annex(qtbot, db, staff, make_ctx):
    kasia = person(db, staff, KASIA)
    db.write(lambda s: socialwork.open_own_case(s, kasia, actor=staff.social))
    tab = shown(qtbot, SocialWorkTab(make_ctx(staff.social)))
    tab.scope.setCurrentIndex(tab.scope.findData("all"))
    assert select_row_where(tab.view, lambda r: r.person_id == kasia) >= 0
    tab.sections.setCurrentIndex(1)
    seen: dict[str, str] = {}
    modal = Modal(qtbot)

    def conclude(dialog):
        assert isinstance(dialog, ActionDialog)
        # Eight fields and the form still fits a 1366×768 screen less the taskbar and the
        # title bar (as tests/ui/test_fit.py measures).
        least = dialog.minimumSizeHint()
        assert least.width() <= 1366 and least.height() <= 768 - 40 - 30, least
        dialog.field("period_to").setDate(clock.today() + timedelta(days=90))
        type_text(dialog.field("situation"), "Bezrobocie od roku. Zasoby: wykształcenie "
                                              "zawodowe. Ograniczenia: brak prawa jazdy.")
        type_lines(dialog.field("goals"), "Podjęcie pracy.", "Spłata zaległości.")
        type_lines(dialog.field("actions"), f"Rejestracja w PUP; klientka; {day(7)}",
                   f"Przygotowanie CV; {day(14)}")
        type_text(dialog.field("client_commitments"), "Rejestracja w PUP.")
        type_text(dialog.field("worker_commitments"), "Pomoc w CV.")
        type_text(dialog.field("review_dates"), day(30))
        click_ok(dialog)
        seen["error"] = dialog.error_label.text()
        seen["kept"] = dialog.field("situation").toPlainText()
        dialog.field("actions").clear()
        type_lines(dialog.field("actions"), f"Rejestracja w PUP; klientka; {day(7)}",
                   f"Przygotowanie CV; pracownik socjalny; {day(14)}")
        click_ok(dialog)
        assert not dialog.isVisible(), dialog.error_label.text()

    modal(conclude)
    click(qtbot, tab.contract_new)
    modal.check()
    assert seen["error"] == (f"Działanie w wierszu 2 („Przygotowanie CV; {day(14)}”): wpisz "
                             "trzy części oddzielone średnikami — działanie; kto odpowiada; "
                             "termin dd.mm.rrrr.")
    assert seen["kept"].startswith("Bezrobocie od roku.")
    shown_text = tab.contracts.toPlainText()
    assert "Kontrakt nr KS.1." in shown_text
    assert f"2. Przygotowanie CV — pracownik socjalny, do {day(14)}" in shown_text
    assert tab.contract_annex.isEnabled()

    def annex(dialog):
        type_text(dialog.field("changes"), "Przedłużenie o miesiąc na staż.")
        type_text(dialog.field("new_period_to"), day(120))
        type_text(dialog.field("actions"), f"Staż zawodowy; klientka i PUP; {day(110)}")
        click_ok(dialog)
        assert not dialog.isVisible(), dialog.error_label.text()

    modal = Modal(qtbot)
    modal(annex)
    click(qtbot, tab.contract_annex)
    modal.check()
    shown_text = tab.contracts.toPlainText()
    assert f"Aneks nr 1 z {day(0)} (do {day(120)}):" in shown_text
    assert f"3. Staż zawodowy — klientka i PUP, do {day(110)} (aneks nr 1)" in shown_text
    assert f"do {day(120)}" in shown_text.split("\n")[1]
