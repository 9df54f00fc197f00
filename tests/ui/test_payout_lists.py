"""Documents of a payout list from the Świadczenia tab: the bank's transfer file ("Plik dla
banku (CSV)") saved in the export folder under a dated name, a folder that cannot be written
said in Polish; a cash list's "Kasa wypłaci" receipts opened as one document."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from opsdesk.models.enums import PayoutMethod
from opsdesk.ui.benefits.tab import BenefitsTab
from tests.factories import approve, prepare, two_clients
from tests.pdf_helpers import pdf_pages
from tests.ui_helpers import click, select_row_where, when_modal


def select_list(tab, list_id) -> None:  # type: ignore[no-untyped-def]
    tab.pages.setCurrentIndex(tab.pages.indexOf(tab.payout_lists))
    assert select_row_where(tab.payout_lists.list_view, lambda r: r.id == list_id) >= 0


def export(qtbot, tab, list_id) -> str:  # type: ignore[no-untyped-def]
    """Click the button on the list and return what the message box said."""
    select_list(tab, list_id)
    said: list[str] = []

    def read_and_close(box: QMessageBox) -> None:
        said.append(box.text())
        box.accept()

    when_modal(qtbot, read_and_close)
    qtbot.mouseClick(tab.payout_lists.export, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(said))
    return said[0]


def test_the_bank_file_is_saved_in_the_export_folder(qtbot, db, staff, make_ctx):
    two_clients(db, staff, method=PayoutMethod.TRANSFER)
    list_id = prepare(db, staff, method=PayoutMethod.TRANSFER)
    approve(db, staff, list_id)
    ctx = make_ctx(staff.benefits)
    tab = BenefitsTab(ctx)
    qtbot.addWidget(tab)
    tab.show()
    said = export(qtbot, tab, list_id)
    files = list(ctx.settings.export_folder().glob("przelewy-LW_1_2026-*.csv"))
    assert len(files) == 1 and str(files[0]) in said
    assert files[0].read_bytes().decode("utf-8").startswith("Lp;Rachunek odbiorcy;")


def test_a_folder_that_cannot_be_written_is_said(qtbot, db, staff, make_ctx, tmp_path):
    two_clients(db, staff, method=PayoutMethod.TRANSFER)
    list_id = prepare(db, staff, method=PayoutMethod.TRANSFER)
    approve(db, staff, list_id)
    ctx = make_ctx(staff.benefits)
    blocker = tmp_path / "plik"
    blocker.write_text("to nie folder")
    ctx.settings.export_dir = str(blocker)  # a file where the folder should be
    tab = BenefitsTab(ctx)
    qtbot.addWidget(tab)
    tab.show()
    said = export(qtbot, tab, list_id)
    assert "Nie udało się zapisać pliku dla banku w folderze" in said


def test_a_cash_lists_receipts_open_as_one_document(qtbot, db, staff, make_ctx, ui_env):
    two_clients(db, staff)
    list_id = prepare(db, staff)
    approve(db, staff, list_id)
    tab = BenefitsTab(make_ctx(staff.benefits))
    qtbot.addWidget(tab)
    tab.show()
    select_list(tab, list_id)
    click(qtbot, tab.payout_lists.print_receipts)
    assert not tab.payout_lists.print_receipts.isEnabled()  # made off the UI thread
    qtbot.waitUntil(lambda: bool(ui_env))
    assert [p.name.startswith("kasa-wyplaci-LW_1_2026-") for p in ui_env] == [True]
    assert pdf_pages(ui_env[0].read_bytes()) == 2
    assert tab.payout_lists.print_receipts.isEnabled()
