"""Checks at the field, as the worker types: the income dialog refuses an empty, a negative
and an ambiguous amount beside the field, and an income line can be changed."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import QLabel

from opsdesk.models.enums import IncomeSource
from opsdesk.services import interviews
from opsdesk.services.interviews import IncomeEntry
from opsdesk.ui.benefits.interview import IncomeDialog, InterviewDialog
from opsdesk.ui.widgets import FIELD_ERROR_STYLE, amount_error
from tests import factories
from tests.ui_helpers import Modal, click_ok, select_row_where, type_text


def test_amounts_are_judged_as_typed():
    assert amount_error("") == "Wpisz kwotę (np. 1234,56)."
    assert amount_error("", required=False) == ""
    assert amount_error("-5") == "Kwota nie może być ujemna."
    assert "niejednoznaczne" in amount_error("12,345")
    assert "niejednoznaczne" in amount_error("1.234")
    assert amount_error("12,3x").startswith("Wpisz kwotę cyframi")
    for fine in ("1234,56", "1 234,56", "305", "0,5", "12.34", "1200 zł"):
        assert amount_error(fine) == "", fine


def hint(dialog, field: str) -> QLabel:
    return dialog.findChild(QLabel, f"{field}Hint")


def test_the_income_dialog_refuses_bad_amounts_at_the_field(qtbot, make_ctx, staff):
    dialog = IncomeDialog(make_ctx(staff.benefits), [(1, "Zofia")])
    qtbot.addWidget(dialog)
    dialog.show()
    gross = dialog.field("gross")
    click_ok(dialog)  # nothing typed
    assert dialog.result_value is None and dialog.isVisible()
    assert hint(dialog, "gross").text() == "Wpisz kwotę (np. 1234,56)."
    assert gross.hasFocus() or dialog.focusWidget() is gross
    type_text(gross, "-5")
    assert hint(dialog, "gross").text() == "Kwota nie może być ujemna."
    assert gross.styleSheet() == FIELD_ERROR_STYLE  # before any save is tried
    gross.clear()
    type_text(gross, "12,345")
    click_ok(dialog)
    assert dialog.result_value is None
    assert "niejednoznaczne" in hint(dialog, "gross").text()
    gross.clear()
    type_text(gross, "1234,56")
    assert hint(dialog, "gross").isHidden() and gross.styleSheet() == ""
    click_ok(dialog)
    assert dialog.result_value is not None and Decimal(
        str(dialog.result_value.gross).replace(",", ".")) == Decimal("1234.56")


def test_an_income_line_can_be_changed(qtbot, db, staff, make_ctx):
    pid, case_id = factories.single_case(db, staff, "400.00")
    iid = db.write(lambda s: interviews.start_interview(s, case_id, actor=staff.benefits))
    dialog = InterviewDialog(make_ctx(staff.benefits), iid)
    qtbot.addWidget(dialog)
    dialog.incomes = [IncomeEntry(pid, IncomeSource.EMPLOYMENT, Decimal("400.00"))]
    dialog._reload_tables()
    assert select_row_where(dialog.income_view, lambda r: True) == 0
    modal = Modal(qtbot)

    def change(income):
        assert income.field("gross").text() == "400,00"
        income.field("gross").clear()
        type_text(income.field("gross"), "450,00")
        click_ok(income)

    modal(change)
    dialog.findChild(type(dialog.ok_button), "editIncome").click()
    modal.check()
    assert [str(i.gross) for i in dialog.incomes] == ["450,00"]


def test_a_persons_date_and_names_are_checked_at_the_field(qtbot, make_ctx, staff):
    from opsdesk.ui.person_dialog import PersonDialog

    dialog = PersonDialog(make_ctx(staff.desk))
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
    try:
        check_person_fields(qtbot, dialog)
    finally:
        dialog.done(0)  # typed text: closing would ask first


def check_person_fields(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    born = dialog.field("birth_date")
    type_text(born, "31.02.1985")
    assert hint(dialog, "birth_date").isHidden()  # half typed is not yet wrong
    qtbot.keyClick(born, Qt.Key.Key_Tab)  # leaving it is
    assert hint(dialog, "birth_date").text() == "Nie ma takiej daty: „31.02.1985”."
    born.clear()
    type_text(born, "28.02.1985")
    assert hint(dialog, "birth_date").isHidden()  # right again: the hint goes at once
    click_ok(dialog)
    assert dialog.result_value is None
    assert hint(dialog, "first_name").text() == "Wpisz: imię."
    assert hint(dialog, "last_name").text() == "Wpisz: nazwisko."
    assert dialog.focusWidget() is dialog.field("first_name")
