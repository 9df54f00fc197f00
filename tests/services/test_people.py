"""Persons and households through the services, on a real SQLite file."""

from datetime import date

import pytest

from opsdesk.errors import ConflictError, PermissionDenied, ValidationError
from opsdesk.models.enums import Relation
from opsdesk.services import people
from opsdesk.services.people import DuplicatePesel, PersonForm, SimilarPersonExists
from tests.factories import MONDAY, join_household

KASIA = PersonForm(first_name="Katarzyna", last_name="Żółkiewska", pesel="85030412362",
                   street="ul. Łąkowa 3", postal_code="66-210", city="Zbąszynek")


def register(db, actor, form=KASIA, **kw):
    return db.write(lambda s: people.register_person(s, form, actor=actor, today=MONDAY, **kw))


def test_register_person_fills_birth_date_and_sex_from_pesel(db, staff):
    pid = register(db, staff.desk)
    file = db.read(lambda s: people.open_person(s, pid, actor=staff.desk))
    assert file.form.birth_date == date(1985, 3, 4)
    assert file.form.sex == "K"
    assert file.form.last_name == "Żółkiewska"


@pytest.mark.parametrize("pesel, message", [
    ("85030412363", "cyfra kontrolna"),
    ("8503041236", "11 cyfr"),
    ("8503041236a", "tylko cyfry"),
])
def test_invalid_pesel_is_refused_with_a_polish_message(db, staff, pesel, message):
    form = PersonForm(first_name="Jan", last_name="Nowak", pesel=pesel)
    with pytest.raises(ValidationError) as err:
        register(db, staff.desk, form)
    assert message in err.value.message
    assert err.value.field == "pesel"


def test_pesel_must_agree_with_the_birth_date_typed(db, staff):
    form = PersonForm(first_name="Katarzyna", last_name="Nowak", pesel="85030412362",
                      birth_date=date(1985, 3, 5))
    with pytest.raises(ValidationError, match="nie zgadza się z numerem PESEL"):
        register(db, staff.desk, form)


def test_person_without_pesel_needs_a_reason_and_no_future_birth(db, staff):
    with pytest.raises(ValidationError, match="Powód braku numeru PESEL"):
        register(db, staff.desk, PersonForm(first_name="Iwan", last_name="Petrenko"))
    with pytest.raises(ValidationError, match="nie może być datą przyszłą"):
        register(db, staff.desk, PersonForm(first_name="Iwan", last_name="Petrenko",
                                            no_pesel_reason="cudzoziemiec",
                                            birth_date=date(2027, 1, 1)))
    pid = register(db, staff.desk, PersonForm(first_name="Iwan", last_name="Petrenko",
                                              no_pesel_reason="cudzoziemiec bez numeru PESEL",
                                              birth_date=date(1990, 1, 1)))
    assert pid > 0


def test_overlong_and_empty_fields_are_refused(db, staff):
    with pytest.raises(ValidationError, match="za długie"):
        register(db, staff.desk, PersonForm(first_name="J" * 61, last_name="Nowak",
                                            pesel="85030412362"))
    with pytest.raises(ValidationError, match="„Nazwisko” jest wymagane"):
        register(db, staff.desk, PersonForm(first_name="Jan", last_name="  ",
                                            pesel="85030412362"))


def test_same_pesel_points_at_the_existing_person(db, staff):
    pid = register(db, staff.desk)
    with pytest.raises(DuplicatePesel) as err:
        register(db, staff.desk)
    assert err.value.person_id == pid


def test_similar_name_and_birth_date_warns_before_a_second_record(db, staff):
    register(db, staff.desk, PersonForm(first_name="Zofia", last_name="Wójcik",
                                        no_pesel_reason="brak", birth_date=date(1950, 5, 5)))
    similar = PersonForm(first_name="Zofia", last_name="Wojcik", no_pesel_reason="brak",
                         birth_date=date(1950, 5, 5))
    with pytest.raises(SimilarPersonExists):
        register(db, staff.desk, similar)
    assert register(db, staff.desk, similar, allow_similar=True) > 0


def test_search_ignores_case_and_polish_letters(db, staff):
    pid = register(db, staff.desk)
    for query in ("zolk", "ŻÓŁK kat", "8503", "łąkowa"):
        rows = db.read(lambda s, q=query: people.search_persons(s, q, actor=staff.desk))
        assert [r.id for r in rows] == [pid], query
    assert db.read(lambda s: people.search_persons(s, "kowal", actor=staff.desk)) == []


def test_stale_save_is_a_conflict_not_an_overwrite(db, staff):
    pid = register(db, staff.desk)
    version = db.read(lambda s: people.open_person(s, pid, actor=staff.desk)).version
    changed = PersonForm(**{**KASIA.__dict__, "phone": "600 100 200"})
    db.write(lambda s: people.update_person(s, pid, changed, actor=staff.benefits,
                                            expected_version=version, today=MONDAY))
    mine = PersonForm(**{**KASIA.__dict__, "city": "Kosieczyn"})
    with pytest.raises(ConflictError) as err:
        db.write(lambda s: people.update_person(s, pid, mine, actor=staff.desk,
                                                expected_version=version, today=MONDAY))
    assert "phone" in err.value.changes
    assert db.read(lambda s: people.open_person(s, pid, actor=staff.desk)).form.phone \
        == "600 100 200"


def test_household_members_and_relation(db, staff):
    head = register(db, staff.desk)
    child = register(db, staff.desk, PersonForm(first_name="Ola", last_name="Żółkiewska",
                                                no_pesel_reason="noworodek",
                                                birth_date=date(2026, 10, 1)))
    join_household(db, staff.desk, head, child, Relation.CHILD)
    file = db.read(lambda s: people.open_person(s, child, actor=staff.desk))
    assert [(m.person_id, m.relation) for m in file.members] == [
        (head, Relation.HEAD), (child, Relation.CHILD)]


def test_admin_role_cannot_register_persons(db, staff):
    with pytest.raises(PermissionDenied):
        register(db, staff.admin)
