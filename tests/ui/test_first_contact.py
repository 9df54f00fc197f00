"""The first-contact desk driven through real widgets: log in, register a person with Polish
letters, register an intake, route it, see it in Świadczenia's queue, issue a certificate and
hand it over at "Do odbioru"."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from opsdesk.models.enums import Role
from opsdesk.services import people, users
from opsdesk.services.people import PersonRow
from opsdesk.ui.benefits.tab import BenefitsTab
from opsdesk.ui.first_contact import CertificateDialog, FirstContactTab, IntakeDialog
from opsdesk.ui.login import LoginDialog
from opsdesk.ui.main_window import MainWindow
from opsdesk.ui.person_dialog import PersonDialog
from tests.conftest import PASSWORD
from tests.ui_helpers import click_ok, select_row_where, type_text, when_modal


def login(qtbot, db, login_name):
    dialog = LoginDialog(db, "test")
    qtbot.addWidget(dialog)
    type_text(dialog.field("login"), login_name)
    type_text(dialog.field("password"), PASSWORD)
    click_ok(dialog)
    return dialog


def new_person(qtbot, ctx, **fields):
    dialog = PersonDialog(ctx)
    qtbot.addWidget(dialog)
    for name, text in fields.items():
        type_text(dialog.field(name), text)
    click_ok(dialog)
    return dialog


def test_wrong_password_keeps_the_dialog_open_with_a_polish_message(qtbot, db, staff, ui_env):
    dialog = LoginDialog(db, "test")
    qtbot.addWidget(dialog)
    type_text(dialog.field("login"), "pierwszy")
    type_text(dialog.field("password"), "złe-hasło")
    click_ok(dialog)
    assert dialog.actor is None
    assert dialog.error_label.text() == "Nieprawidłowy login lub hasło."


def test_tabs_follow_the_roles(qtbot, db, staff, make_ctx):
    desk_window = MainWindow(make_ctx(staff.desk), database_label="x", shared=False)
    qtbot.addWidget(desk_window)
    assert [desk_window.tabs.tabText(i) for i in range(desk_window.tabs.count())] == [
        "Stanowisko pierwszego kontaktu"]
    db.write(lambda s: users.add_worker(s, actor=staff.head, login="mala", full_name="Ewa Mała",
                                        password=PASSWORD,
                                        roles={Role.FIRST_CONTACT, Role.BENEFITS}))
    both = login(qtbot, db, "mala").actor
    window = MainWindow(make_ctx(both), database_label="x", shared=False)
    qtbot.addWidget(window)
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == [
        "Stanowisko pierwszego kontaktu", "Świadczenia"]


def test_invalid_pesel_is_shown_at_the_field_and_nothing_typed_is_lost(qtbot, db, staff,
                                                                        make_ctx):
    dialog = new_person(qtbot, make_ctx(staff.desk), first_name="Łucja", last_name="Gęślą",
                        pesel="85030412363")
    assert dialog.isVisible() or dialog.result() == 0
    assert "cyfra kontrolna" in dialog.error_label.text()
    assert dialog.field("last_name").text() == "Gęślą"
    assert dialog.field("pesel").hasFocus() or dialog.focusWidget() is dialog.field("pesel")


def test_desk_path_from_person_to_handover(qtbot, db, staff, make_ctx, ui_env):
    actor = login(qtbot, db, "pierwszy").actor
    assert actor is not None
    ctx = make_ctx(actor)
    window = MainWindow(ctx, database_label="x", shared=False)
    qtbot.addWidget(window)
    desk_tab = window.findChild(FirstContactTab)

    # A person whose name has Polish letters.
    dialog = new_person(qtbot, ctx, first_name="Małgorzata", last_name="Żółćkiewicz-Ślęzak",
                        pesel="85030412362", street="ul. Źródlana 7", city="Zbąszynek")
    pid = dialog.result_value
    assert pid is not None, dialog.error_label.text()
    found = db.read(lambda s: people.search_persons(s, "zolc slez", actor=actor))
    assert [p.full_name for p in found] == ["Żółćkiewicz-Ślęzak Małgorzata"]
    person = found[0]

    # An intake, routed to Świadczenia.
    intake_dialog = IntakeDialog(ctx, person)
    qtbot.addWidget(intake_dialog)
    type_text(intake_dialog.field("problem"), "Utrata pracy, brak środków na opał.")
    click_ok(intake_dialog)
    assert intake_dialog.result_value is not None, intake_dialog.error_label.text()
    assert select_row_where(desk_tab.intake_view, lambda r: r.person_id == pid) >= 0
    asked: list[str] = []

    def answer_yes(box):
        asked.append(box.text())
        box.button(QMessageBox.StandardButton.Yes).click()

    when_modal(qtbot, answer_yes)
    qtbot.mouseClick(desk_tab.route_benefits, Qt.MouseButton.LeftButton)
    assert asked == ["Skierować zgłoszenie — Żółćkiewicz-Ślęzak Małgorzata — do Świadczeń?"]
    assert "GOPS.8311.1.2026" in desk_tab.detail.text() or "GOPS.8311." in desk_tab.detail.text()
    assert select_row_where(desk_tab.intake_view, lambda r: r.person_id == pid) == -1

    # The benefits worker sees it in the queue.
    benefits_window = MainWindow(make_ctx(staff.benefits), database_label="x", shared=False)
    qtbot.addWidget(benefits_window)
    queue = benefits_window.findChild(BenefitsTab)
    assert select_row_where(queue.view, lambda r: r.person_id == pid) >= 0
    assert "wywiad do" in queue.detail.text()

    # A certificate, waiting at "Do odbioru", then handed over.
    cert = CertificateDialog(ctx, PersonRow(pid, person.full_name, "", None, "", 1))
    qtbot.addWidget(cert)
    type_text(cert.field("purpose"), "do przedłożenia w szkole")
    type_text(cert.field("content"), "figuruje w kartotece ośrodka.")
    click_ok(cert)
    assert cert.result_value is not None
    desk_tab.lists.setCurrentWidget(desk_tab.handover_view)
    assert select_row_where(desk_tab.handover_view, lambda r: r.person_id == pid) >= 0
    qtbot.mouseClick(desk_tab.preview, Qt.MouseButton.LeftButton)
    assert ui_env and ui_env[-1].read_bytes().startswith(b"%PDF")

    def fill(dialog):
        type_text(dialog.field("id_document"), "ABC 123456")
        click_ok(dialog)

    when_modal(qtbot, fill)
    qtbot.mouseClick(desk_tab.hand_over_button, Qt.MouseButton.LeftButton)
    assert select_row_where(desk_tab.handover_view, lambda r: r.person_id == pid) == -1
    desk_tab.show_handed.setChecked(True)
    assert select_row_where(desk_tab.handover_view,
                            lambda r: r.person_id == pid and r.handed_on is not None) >= 0
