"""The person's file: household members added through the real dialogs; the global search;
the workstation settings."""

import json
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QPushButton

from opsdesk import settings as settings_mod
from opsdesk.models.enums import Relation
from opsdesk.services import people
from opsdesk.services.people import PersonForm
from opsdesk.ui.main_window import MainWindow
from opsdesk.ui.person_dialog import PersonPicker
from opsdesk.ui.person_file import PersonFileDialog
from opsdesk.ui.settings_dialog import SettingsDialog
from opsdesk.ui.widgets import EnumCombo
from tests.factories import MONDAY
from tests.ui_helpers import press_enter, type_text, when_modal


def add(db, actor, first, last, pesel):
    return db.write(lambda s: people.register_person(
        s, PersonForm(first_name=first, last_name=last, pesel=pesel), actor=actor, today=MONDAY))


def test_household_member_added_from_the_file(qtbot, db, staff, make_ctx):
    head = add(db, staff.desk, "Halina", "Kwiatkowska", "85030412362")
    son = add(db, staff.desk, "Michał", "Kwiatkowski", "03323112377")
    ctx = make_ctx(staff.desk)
    file = PersonFileDialog(ctx, head)
    qtbot.addWidget(file)

    def pick_relation(dialog):
        relation = dialog.findChild(EnumCombo)
        relation.set_value(Relation.CHILD)
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    def pick_person(dialog):
        picker = dialog.findChild(PersonPicker)
        type_text(picker.search, "kwiatkowski mich")
        when_modal(qtbot, pick_relation)
        press_enter(picker.search)

    when_modal(qtbot, pick_person)
    qtbot.mouseClick(file.findChild(QPushButton, "addMember"), Qt.MouseButton.LeftButton)
    members = [(m.person_id, m.relation) for m in file.members.rows()]
    assert members == [(head, Relation.HEAD), (son, Relation.CHILD)]
    saved = db.read(lambda s: people.open_person(s, son, actor=staff.desk))
    assert saved.household_id is not None


def test_global_search_opens_the_person_file(qtbot, db, staff, make_ctx):
    pid = add(db, staff.desk, "Łucja", "Ślązak", "85030412362")
    window = MainWindow(make_ctx(staff.desk), database_label="x", shared=False)
    qtbot.addWidget(window)
    type_text(window.search, "ślązak")

    def choose(dialog):
        picker = dialog.findChild(PersonPicker)
        assert picker.model.rows()[0].id == pid
        when_modal(qtbot, lambda file: (file.refresh(), _check_file(file, pid), file.reject()))
        press_enter(picker.search)

    when_modal(qtbot, choose)
    press_enter(window.search)


def _check_file(file, pid):
    assert isinstance(file, PersonFileDialog) and file.person_id == pid
    assert "Łucja Ślązak" in file.header.text()


def test_workstation_settings_point_at_a_shared_drive_and_hold_no_password(qtbot, tmp_path):
    path = tmp_path / "settings.json"
    dialog = SettingsDialog(settings_mod.Settings(), path=path)
    qtbot.addWidget(dialog)
    type_text(dialog.findChild(QLineEdit, "database"), r"\\serwer\ops\opsdesk.sqlite")
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
    stored = json.loads(path.read_text(encoding="utf-8"))
    assert stored["database"] == r"\\serwer\ops\opsdesk.sqlite"
    assert not any("password" in key or "haslo" in key for key in stored)
    assert settings_mod.load(path).database_target() == r"\\serwer\ops\opsdesk.sqlite"


def test_a_colleagues_newer_save_is_shown_and_what_was_typed_is_kept(qtbot, db, staff,
                                                                     make_ctx):
    from opsdesk.ui.person_dialog import PersonDialog
    from tests.ui_helpers import click_ok

    pid = add(db, staff.desk, "Halina", "Kwiatkowska", "85030412362")
    dialog = PersonDialog(make_ctx(staff.desk), person_id=pid)
    qtbot.addWidget(dialog)
    # A colleague at another workstation saves a new phone number meanwhile.
    file = db.read(lambda s: people.open_person(s, pid, actor=staff.benefits))
    theirs = PersonForm(**{**file.form.__dict__, "phone": "600 100 200"})
    db.write(lambda s: people.update_person(s, pid, theirs, actor=staff.benefits,
                                            expected_version=file.version, today=MONDAY))
    type_text(dialog.field("city"), "Kosieczyn")
    click_ok(dialog)
    assert "Ktoś inny zmienił ten rekord" in dialog.error_label.text()
    assert "Telefon: teraz „600 100 200”" in dialog.error_label.text()
    assert dialog.field("city").text() == "Kosieczyn"
    click_ok(dialog)  # the second save goes over the fresh version
    saved = db.read(lambda s: people.open_person(s, pid, actor=staff.desk)).form
    assert (saved.city, saved.phone) == ("Kosieczyn", "600 100 200")


def test_a_colleagues_new_birth_date_is_taken_as_a_date(qtbot, db, staff, make_ctx):
    """A person without a PESEL: the colleague's birth date shows in the field the user did
    not touch, written as a date, and is saved again with the user's change."""
    from opsdesk.ui.person_dialog import PersonDialog
    from tests.ui_helpers import click_ok

    pid = db.write(lambda s: people.register_person(s, PersonForm(
        first_name="Jan", last_name="Bezdomny", no_pesel_reason="brak dokumentów",
        birth_date=date(1960, 5, 1)), actor=staff.desk, today=MONDAY))
    dialog = PersonDialog(make_ctx(staff.desk), person_id=pid)
    qtbot.addWidget(dialog)
    file = db.read(lambda s: people.open_person(s, pid, actor=staff.benefits))
    theirs = PersonForm(**{**file.form.__dict__, "birth_date": date(1961, 6, 2)})
    db.write(lambda s: people.update_person(s, pid, theirs, actor=staff.benefits,
                                            expected_version=file.version, today=MONDAY))
    type_text(dialog.field("city"), "Kosieczyn")
    click_ok(dialog)
    assert "Data urodzenia (dd.mm.rrrr): teraz „02.06.1961”" in dialog.error_label.text()
    assert dialog.field("birth_date").text() == "02.06.1961"
    click_ok(dialog)
    saved = db.read(lambda s: people.open_person(s, pid, actor=staff.desk)).form
    assert (saved.city, saved.birth_date) == ("Kosieczyn", date(1961, 6, 2))


def _new_person(qtbot, make_ctx, staff, first, last, pesel, answers):  # type: ignore[no-untyped-def]
    """The new-person dialog filled and saved; ``answers`` close the message boxes it opens
    (each takes the box), in order."""
    from opsdesk.ui.person_dialog import PersonDialog
    from tests.ui_helpers import click_ok

    dialog = PersonDialog(make_ctx(staff.desk))
    qtbot.addWidget(dialog)
    type_text(dialog.field("first_name"), first)
    type_text(dialog.field("last_name"), last)
    type_text(dialog.field("pesel"), pesel)
    for answer in answers:
        when_modal(qtbot, answer)
    click_ok(dialog)
    return dialog


def test_a_pesel_on_file_opens_that_person(qtbot, db, staff, make_ctx):
    pid = add(db, staff.desk, "Halina", "Kwiatkowska", "85030412362")
    said = []

    def read(box):  # type: ignore[no-untyped-def]
        said.append(box.text())
        box.accept()

    dialog = _new_person(qtbot, make_ctx, staff, "Halinka", "Kwiatkowska", "85030412362",
                         [read])
    assert said and "jest już w kartotece: Halina Kwiatkowska" in said[0]
    assert dialog.result() and dialog.result_value == pid


def test_a_similar_person_is_added_only_when_the_clerk_agrees(qtbot, db, staff, make_ctx):
    from PySide6.QtWidgets import QMessageBox

    first = db.write(lambda s: people.register_person(s, PersonForm(
        first_name="Halina", last_name="Kwiatkowska", no_pesel_reason="brak dokumentów",
        birth_date=date(1985, 3, 4)), actor=staff.desk, today=MONDAY))
    asked = []

    def no(box):  # type: ignore[no-untyped-def]
        asked.append(box.text())
        box.button(QMessageBox.StandardButton.No).click()

    dialog = _new_person(qtbot, make_ctx, staff, "Halina", "Kwiatkowska", "85030412362", [no])
    assert asked and "podobna osoba" in asked[0] and not dialog.result()

    def yes(box):  # type: ignore[no-untyped-def]
        box.button(QMessageBox.StandardButton.Yes).click()

    dialog = _new_person(qtbot, make_ctx, staff, "Halina", "Kwiatkowska", "85030412362", [yes])
    assert dialog.result() and dialog.result_value not in (None, first)
