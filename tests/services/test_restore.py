"""A restore while others work: the database is out of use meanwhile, the restored file has a
new identity that refuses saves prepared before it, and no number is given twice."""

import time

import pytest
from sqlalchemy import func, select

from opsdesk.backup import RESTORING, backup_file, restore_file, set_maintenance
from opsdesk.errors import DatabaseInMaintenance, DatabaseRestored
from opsdesk.models import Case, Person
from opsdesk.models.enums import BenefitKind
from opsdesk.services import intake, people
from opsdesk.services.intake import ApplicationForm
from opsdesk.startup import open_database
from tests.factories import JERZY, WORKDAY, ZOFIA, person
from tests.workstation import ON_POSTGRESQL, all_of, assert_sound, report, start_together

pytestmark = pytest.mark.skipif(ON_POSTGRESQL, reason="restoring a SQLite file")


def apply(db, staff, pid):
    form = ApplicationForm(person_id=pid, benefit_kind=BenefitKind.ZASILEK_CELOWY,
                           filed_on=WORKDAY, description="Wniosek.")
    return db.write(lambda s: intake.register_application(s, form, actor=staff.desk,
                                                          today=WORKDAY))


def test_a_database_out_of_use_refuses_writes_and_says_why(db, staff):
    pid = person(db, staff, ZOFIA)
    set_maintenance(db.path, RESTORING)
    with pytest.raises(DatabaseInMaintenance, match="trwa przywracanie bazy z kopii") as err:
        apply(db, staff, pid)
    assert "Twoje wpisy są zachowane" in err.value.message
    assert db.read(lambda s: s.get(Person, pid).last_name) == ZOFIA.last_name
    set_maintenance(db.path, None)
    assert apply(db, staff, pid)


def test_a_restore_gives_no_number_twice_and_refuses_a_form_prepared_before(db, staff,
                                                                           tmp_path):
    other = open_database(db.target)  # a second workstation
    try:
        zofia = person(db, staff, ZOFIA)
        first = apply(db, staff, zofia)
        copy = backup_file(db.path, tmp_path / "kopie")
        given_after = [apply(db, staff, zofia) for _ in range(3)]
        jerzy = person(db, staff, JERZY)
        opened = other.read(lambda s: people.open_person(s, jerzy, actor=staff.desk))

        restore_file(copy, db.path, tmp_path / "kopie")

        # The other workstation's form, prepared before the restore, saves nothing.
        with pytest.raises(DatabaseRestored, match="przywrócona z kopii"):
            other.write(lambda s: people.update_person(s, jerzy, opened.form, actor=staff.desk,
                                                       expected_version=opened.version))
        # Its next action reads the restored data, and draws numbers past every one given.
        assert other.read(lambda s: s.get(Person, jerzy)) is None
        next_sign = other.write(lambda s: intake.register_application(
            s, ApplicationForm(person_id=zofia, benefit_kind=BenefitKind.ZASILEK_CELOWY,
                               filed_on=WORKDAY, description="Wniosek."),
            actor=staff.desk, today=WORKDAY))
        with pytest.raises(DatabaseRestored):
            db.read(lambda s: None)
        signs = db.read(lambda s: list(s.scalars(select(Case.sign).order_by(Case.id))))
        assert signs == [first, next_sign]
        assert next_sign not in given_after
        assert int(next_sign.split(".")[2]) == int(given_after[-1].split(".")[2]) + 1
    finally:
        other.dispose()


def test_three_processes_a_restore_under_load_repeats_no_number(db, staff, tmp_path):
    folder = tmp_path / "kopie"
    person(db, staff, ZOFIA)
    copy = backup_file(db.path, folder)
    workers = start_together("work", 2, tmp_path, target=db.target, number=[1, 2], ops=250,
                             seed=[11, 12], login=["pierwszy", "kierownik"],
                             desk_kind=["desk", "benefits"])
    # Restored once the workstations are busy numbering: waited for rather than slept for, so
    # that a fast run (or one whose actions end early) is not found already finished.
    watcher = open_database(db.target)
    try:
        deadline = time.monotonic() + 60
        while watcher.read(lambda s: s.scalar(select(func.count(Case.id)))) < 10:
            assert all(w.poll() is None for w in workers), "the load ended before the restore"
            assert time.monotonic() < deadline, "the workstations numbered nothing"
            time.sleep(0.05)
    finally:
        watcher.dispose()
    assert all(w.poll() is None for w in workers), "the load ended before the restore"
    restore_file(copy, db.path, folder)
    reports = [report(w) for w in workers]

    for key in ("signs", "certificates", "decisions", "receipts"):
        given = all_of(reports, key)
        assert len(given) == len(set(given)), f"a {key[:-1]} number was given twice"
    errors = all_of(reports, "errors")
    restored_notices = [e for e in errors if "DatabaseRestored" in e]
    assert 1 <= len(restored_notices) <= 2  # each workstation told once at most
    assert all("DatabaseRestored" in e or "DatabaseInMaintenance" in e or "NotFound" in e
               for e in errors), errors
    assert sum(len(r["signs"]) for r in reports) > 20
    assert_sound(db)


def test_a_form_opened_before_a_restore_keeps_its_text_and_saves_nothing(qtbot, db, staff,
                                                                        make_ctx, tmp_path):
    from opsdesk.services.office import office_form
    from opsdesk.ui.admin_tab import OfficeDialog
    from tests.ui_helpers import click_ok, type_text

    copy = backup_file(db.path, tmp_path / "kopie")
    db.read(lambda s: None)  # the program has read the data the form is opened on
    dialog = OfficeDialog(make_ctx(staff.head))
    qtbot.addWidget(dialog)
    restore_file(copy, db.path, tmp_path / "kopie")
    with pytest.raises(DatabaseRestored):  # a list refreshed meanwhile was told
        db.read(lambda s: None)
    dialog.field("phone").clear()
    type_text(dialog.field("phone"), "68 000 00 00")
    click_ok(dialog)
    assert "przywrócona z kopii" in dialog.error_label.text()
    assert dialog.field("phone").text() == "68 000 00 00"
    assert db.read(office_form)[0].phone != "68 000 00 00"
