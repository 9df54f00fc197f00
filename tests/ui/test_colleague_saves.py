"""A colleague saved first (issue 17 item 2): the roles, catalogue and household forms show
what the colleague changed, keep what this worker typed, and save over the fresh version."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton

from opsdesk.models.enums import Relation, Role
from opsdesk.services import people, services_plan, users
from opsdesk.services.people import PersonForm
from opsdesk.services.services_plan import CatalogForm
from opsdesk.ui.admin_tab import WorkerDialog
from opsdesk.ui.person_dialog import PersonPicker
from opsdesk.ui.person_file import PersonFileDialog
from opsdesk.ui.socialwork.catalog import CatalogDialog
from opsdesk.ui.widgets import EnumCombo
from tests.factories import MONDAY
from tests.ui_helpers import Modal, click_ok, press_enter, select_row_where, type_text


def _worker(db, login: str):
    return next(w for w in db.read(lambda s: users.list_workers(s)) if w.login == login)


def test_the_roles_form_shows_the_colleagues_new_roles_and_keeps_the_ticks(qtbot, db, staff,
                                                                          make_ctx):
    row = _worker(db, "pierwszy")
    dialog = WorkerDialog(make_ctx(staff.head), worker=row)
    qtbot.addWidget(dialog)
    # The administrator, at another workstation, gives the desk clerk the benefits role.
    db.write(lambda s: users.set_roles(s, row.id, {Role.FIRST_CONTACT, Role.BENEFITS},
                                       actor=staff.admin, expected_version=row.version))
    dialog.field(f"role_{Role.SOCIAL_WORK.value}").setChecked(True)
    click_ok(dialog)
    shown = dialog.error_label.text()
    assert "Ktoś inny zmienił ten rekord" in shown
    assert "Role: teraz „pierwszy kontakt, świadczenia”" in shown, shown
    assert dialog.field(f"role_{Role.SOCIAL_WORK.value}").isChecked()
    assert dialog.result() == 0
    assert _worker(db, "pierwszy").roles == frozenset({Role.FIRST_CONTACT, Role.BENEFITS})


def test_the_catalogue_form_shows_the_colleagues_new_name_and_keeps_the_typed_one(
        qtbot, db, staff, make_ctx):
    catalog = CatalogDialog(make_ctx(staff.head))
    qtbot.addWidget(catalog)
    item = catalog.model.rows()[0]
    seen: dict[str, str] = {}

    def edit(form) -> None:
        # The colleague renames the service while this form is open.
        colleague = CatalogForm(name="Usługi opiekuńcze w domu", target_group=item.target_group,
                                category=item.category, needs_decision=item.needs_decision,
                                benefit_kind=item.benefit_kind, active=item.active)
        db.write(lambda s: services_plan.update_catalog_item(
            s, item.id, colleague, actor=staff.head, expected_version=item.version))
        name = form.field("name")
        name.clear()
        type_text(name, "Opieka wytchnieniowa")
        click_ok(form)
        seen["error"] = form.error_label.text()
        seen["typed"] = name.text()
        form.done(0)

    modal = Modal(qtbot)
    modal(edit)
    catalog.view.selectRow(0)
    catalog.edit(item)
    modal.check()
    assert "Ktoś inny zmienił ten rekord" in seen["error"]
    assert "Nazwa usługi: teraz „Usługi opiekuńcze w domu”" in seen["error"]
    assert seen["typed"] == "Opieka wytchnieniowa"


def _person(db, actor, first: str, last: str, pesel: str) -> int:
    return db.write(lambda s: people.register_person(
        s, PersonForm(first_name=first, last_name=last, pesel=pesel), actor=actor,
        today=MONDAY))


def test_the_household_shows_the_colleagues_member_after_a_refused_addition(
        qtbot, db, staff, make_ctx):
    head = _person(db, staff.desk, "Halina", "Kwiatkowska", "85030412362")
    son = _person(db, staff.desk, "Michał", "Kwiatkowski", "03323112377")
    spouse = _person(db, staff.desk, "Jerzy", "Kwiatkowski", "61060204579")
    db.write(lambda s: people.add_to_household(s, actor=staff.desk, head_id=head,
                                               person_id=head, relation=Relation.HEAD,
                                               expected_version=None))
    file = PersonFileDialog(make_ctx(staff.desk), head)
    qtbot.addWidget(file)
    file.refresh()
    # A colleague adds the spouse while this file is open.
    version = file.household_version
    db.write(lambda s: people.add_to_household(s, actor=staff.benefits, head_id=head,
                                               person_id=spouse, relation=Relation.SPOUSE,
                                               expected_version=version))
    messages: list[str] = []

    def pick(dialog) -> None:
        picker = dialog.findChild(PersonPicker)
        type_text(picker.search, "kwiatkowski mich")
        modal(relation)
        press_enter(picker.search)

    def relation(dialog) -> None:
        dialog.findChild(EnumCombo).set_value(Relation.CHILD)
        modal(refused)
        dialog.accept()

    def refused(box: QMessageBox) -> None:
        messages.append(box.text())
        box.accept()

    modal = Modal(qtbot)
    modal(pick)
    qtbot.mouseClick(file.findChild(QPushButton, "addMember"), Qt.MouseButton.LeftButton)
    modal.check()
    assert messages and "Ktoś inny zmienił ten rekord" in messages[0]
    shown = [(m.person_id, m.relation) for m in file.members.rows()]
    assert (spouse, Relation.SPOUSE) in shown  # the colleague's change is on screen
    assert son not in [pid for pid, _ in shown]  # and nothing went over it
    assert select_row_where(file.member_view, lambda r: r.person_id == spouse) >= 0
