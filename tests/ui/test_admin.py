"""The head's Administracja tab: workers and roles, office settings, backups."""

from datetime import datetime

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QMessageBox, QPushButton

from opsdesk.models.enums import Role
from opsdesk.services import security, users
from opsdesk.services.office import office_form
from opsdesk.ui.admin_tab import AdminTab, OfficeDialog, WorkerDialog
from opsdesk.ui.backup_box import BackupBox
from tests.ui_helpers import click_ok, type_text, when_modal
from tests.workstation import ON_POSTGRESQL


def test_head_adds_a_worker_with_two_roles_who_can_then_log_in(qtbot, db, staff, make_ctx):
    ctx = make_ctx(staff.head)
    dialog = WorkerDialog(ctx)
    qtbot.addWidget(dialog)
    type_text(dialog.field("full_name"), "Bożena Źrebięcka")
    type_text(dialog.field("login"), "bozena")
    type_text(dialog.field("password"), "bardzo-tajne-9")
    dialog.field(f"role_{Role.FIRST_CONTACT.value}").setChecked(True)
    dialog.field(f"role_{Role.BENEFITS.value}").setChecked(True)
    click_ok(dialog)
    assert dialog.result() == 1, dialog.error_label.text()
    actor = db.write(lambda s: security.authenticate(s, login="bozena",
                                                     password="bardzo-tajne-9"))
    assert actor.roles == {Role.FIRST_CONTACT, Role.BENEFITS}
    assert actor.full_name == "Bożena Źrebięcka"


def test_worker_without_a_role_is_refused_at_the_field(qtbot, db, staff, make_ctx):
    dialog = WorkerDialog(make_ctx(staff.head))
    qtbot.addWidget(dialog)
    type_text(dialog.field("full_name"), "Jan Bez Roli")
    type_text(dialog.field("login"), "jan")
    type_text(dialog.field("password"), "bardzo-tajne-9")
    click_ok(dialog)
    assert dialog.error_label.text() == "Wybierz co najmniej jedną rolę."
    assert dialog.field("full_name").text() == "Jan Bez Roli"


def test_office_settings_are_saved_for_every_workstation(qtbot, db, staff, make_ctx):
    dialog = OfficeDialog(make_ctx(staff.head))
    qtbot.addWidget(dialog)
    dialog.field("room").clear()
    type_text(dialog.field("room"), "12a")
    dialog.field("opens_at").clear()
    type_text(dialog.field("opens_at"), "8:00")
    click_ok(dialog)
    assert dialog.result() == 1, dialog.error_label.text()
    form, _ = db.read(office_form)
    assert (form.room, form.opens_at) == ("12a", "08:00")


def test_bad_opening_hours_are_refused(qtbot, db, staff, make_ctx):
    dialog = OfficeDialog(make_ctx(staff.head))
    qtbot.addWidget(dialog)
    dialog.field("closes_at").clear()
    type_text(dialog.field("closes_at"), "07:00")
    click_ok(dialog)
    assert dialog.error_label.text() == "Godzina zamknięcia musi być późniejsza niż otwarcia."


def test_office_account_for_repayments_is_checked_and_saved(qtbot, db, staff, make_ctx):
    dialog = OfficeDialog(make_ctx(staff.head))
    qtbot.addWidget(dialog)
    dialog.field("bank_account").clear()
    type_text(dialog.field("bank_account"), "61 1090 1014 0000 0712 1981 2875")
    click_ok(dialog)
    assert "Nieprawidłowy numer rachunku" in dialog.error_label.text()
    dialog.field("bank_account").clear()
    type_text(dialog.field("bank_account"), "PL61 1090 1014 0000 0712 1981 2874")
    click_ok(dialog)
    assert dialog.result() == 1, dialog.error_label.text()
    assert db.read(office_form)[0].bank_account == "61109010140000071219812874"


@pytest.mark.skipif(ON_POSTGRESQL, reason="the button copies a SQLite file")
def test_backup_button_makes_a_consistent_copy(qtbot, db, staff, make_ctx, tmp_path):
    ctx = make_ctx(staff.head)
    tab = AdminTab(ctx)
    qtbot.addWidget(tab)
    box = tab.findChild(BackupBox)
    when_modal(qtbot, lambda m: m.done(QMessageBox.StandardButton.Ok))
    qtbot.mouseClick(box.findChild(QPushButton, "makeBackup"), Qt.MouseButton.LeftButton)
    copies = list(ctx.settings.backup_folder().glob("opsdesk-*.sqlite"))
    assert len(copies) == 1
    assert "Kopii: 1" in box.info.text()


@pytest.mark.skipif(ON_POSTGRESQL, reason="the button copies a SQLite file")
def test_the_copies_are_listed_with_date_kind_and_size(qtbot, db, staff, make_ctx,
                                                       qtmodeltester):
    from opsdesk.backup import BEFORE_RESTORE, DAILY, backup_file

    ctx = make_ctx(staff.head)
    folder = ctx.settings.backup_folder()
    for hour, reason in ((8, DAILY), (9, "reczna"), (10, "reczna"), (11, BEFORE_RESTORE)):
        backup_file(db.path, folder, reason=reason, now=datetime(2026, 11, 10, hour, 0, 5))
    tab = AdminTab(ctx)
    qtbot.addWidget(tab)
    box = tab.findChild(BackupBox)
    qtmodeltester.check(box.copies)
    model = box.copies
    rows = [[model.data(model.index(r, c)) for c in range(model.columnCount())]
            for r in range(model.rowCount())]
    assert [r[:2] for r in rows] == [
        ["10.11.2026 11:00:05", "przed przywróceniem"], ["10.11.2026 10:00:05", "ręczna"],
        ["10.11.2026 09:00:05", "ręczna"], ["10.11.2026 08:00:05", "dzienna"]]
    assert all(r[2].endswith(" kB") or r[2].endswith(" MB") for r in rows)


def test_only_head_and_admin_manage_workers(db, staff):
    import pytest

    from opsdesk.errors import PermissionDenied

    for actor in (staff.desk, staff.benefits, staff.social):
        with pytest.raises(PermissionDenied):
            db.write(lambda s, a=actor: users.deactivate_worker(s, staff.social.id, actor=a))
    db.write(lambda s: users.deactivate_worker(s, staff.social.id, actor=staff.admin))
    assert "socjalny" not in [w.login for w in db.read(lambda s: users.list_workers(s))]


def test_the_tab_is_pages_chosen_from_a_list(qtbot, db, staff, make_ctx):
    """Issue 15: not one long page — workers, backups, privacy and the log each on a page."""
    from PySide6.QtWidgets import QGroupBox

    from opsdesk.ui.audit_view import AuditView

    tab = AdminTab(make_ctx(staff.head))
    qtbot.addWidget(tab)
    tab.resize(1340, 620)
    tab.show()
    titles = [tab.pages.item(i).text() for i in range(tab.pages.count())]
    assert titles == ["Pracownicy i uprawnienia", "Kopie zapasowe i baza", "Blokada okna i RODO",
                      "Dziennik zdarzeń"]
    assert tab.view.isVisible() and not tab.findChild(BackupBox).isVisible()
    tab.pages.setFocus()
    qtbot.keyClick(tab.pages, Qt.Key.Key_Down)  # the keyboard moves between pages
    assert tab.findChild(BackupBox).isVisible() and not tab.view.isVisible()
    tab.show_page("Dziennik zdarzeń")
    assert tab.findChild(AuditView).isVisible()
    assert [b.title() for b in tab.findChildren(QGroupBox) if b.isVisible()] == [
        "Dziennik zdarzeń"]


@pytest.mark.qt_log_ignore(r"This plugin does not support (raise\(\)|grabbing the keyboard)")
def test_enter_on_a_worker_offers_the_rows_actions(qtbot, db, staff, make_ctx):
    from PySide6.QtWidgets import QApplication, QMenu

    tab = AdminTab(make_ctx(staff.head))
    qtbot.addWidget(tab)
    tab.show()
    tab.view.selectRow(0)
    tab.view.setFocus()
    seen: list[list[str]] = []

    def read_menu() -> None:
        menu = QApplication.activePopupWidget()
        if isinstance(menu, QMenu):
            seen.append([a.text() for a in menu.actions()])
            menu.close()
        else:
            QTimer.singleShot(20, read_menu)

    QTimer.singleShot(0, read_menu)
    qtbot.keyClick(tab.view, Qt.Key.Key_Return)
    assert seen == [["Role…", "Nowe hasło…", "Wyłącz konto"]]
