"""Input hygiene in one place: control characters and invisible-only text refused for every
text column (generated from the models), the office's dates kept within a plausible
window, and the xlsx export never failing on what is stored."""

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from opsdesk.errors import ValidationError
from opsdesk.models import Person
from opsdesk.models.base import Base
from opsdesk.services import intake, people, text_guard
from opsdesk.services import validation as check
from opsdesk.services.export import to_xlsx
from opsdesk.services.intake import ApplicationForm
from opsdesk.services.people import PersonForm
from tests.conftest import TODAY
from tests.factories import ZOFIA, draft_decision, grant, person

TEXT_COLUMNS = sorted(((m.class_, key) for m in Base.registry.mappers
                       for key in text_guard.text_columns(m.class_())),
                      key=lambda pair: (pair[0].__name__, pair[1]))
BAD = [("\x00", "znaki sterujące"), ("Kowal\x1bski", "znaki sterujące"),
       ("\x7f", "znaki sterujące"), ("\u200b\u200b", "same niewidoczne znaki"),
       ("\ufeff\u2060 \u200d", "same niewidoczne znaki")]


def test_the_models_have_text_columns_to_guard():
    assert len(TEXT_COLUMNS) > 100
    assert (Person, "last_name") in TEXT_COLUMNS


@pytest.mark.parametrize(("model", "key"), TEXT_COLUMNS,
                         ids=[f"{m.__name__}.{k}" for m, k in TEXT_COLUMNS])
def test_every_text_column_refuses_control_and_invisible_only_text(model, key):
    record = model()
    for value, message in BAD:
        setattr(record, key, value)
        with pytest.raises(ValidationError, match=message) as refused:
            text_guard.check_record(record)
        assert refused.value.field == key
    setattr(record, key, "Zażółć gęślą jaźń\nwiersz drugi\tz tabulatorem")
    text_guard.check_record(record)


def test_a_form_gets_the_message_at_its_field(db, staff):
    form = PersonForm(first_name="Jan\x00", last_name="Nowak", pesel="",
                      no_pesel_reason="brak dokumentu")
    with pytest.raises(ValidationError, match="Pole „Imię” zawiera niedozwolone") as err:
        db.write(lambda s: people.register_person(s, form, actor=staff.desk, today=TODAY))
    assert err.value.field == "first_name"
    form = PersonForm(first_name="Jan", last_name="\u200b\u200b", pesel="",
                      no_pesel_reason="brak dokumentu")
    with pytest.raises(ValidationError, match="Pole „Nazwisko” zawiera same niewidoczne"):
        db.write(lambda s: people.register_person(s, form, actor=staff.desk, today=TODAY))


def test_a_write_past_the_forms_is_refused_by_the_flush(db, staff):
    pid = person(db, staff, ZOFIA)

    def smuggle(s):
        s.get(Person, pid).street = "ul. Łąkowa\x003"
        s.flush()
    with pytest.raises(ValidationError, match="Pole „Ulica i numer” zawiera niedozwolone"):
        db.write(smuggle)
    assert db.read(lambda s: s.get(Person, pid).street) == ZOFIA.street


def test_a_filing_date_before_2000_is_refused(db, staff):
    pid = person(db, staff, ZOFIA)
    form = ApplicationForm(person_id=pid, benefit_kind=grant(0).benefit_kind,
                           filed_on=date(1900, 1, 1), description="Wniosek.")
    with pytest.raises(ValidationError, match="data sprzed 2000 roku") as err:
        db.write(lambda s: intake.register_application(s, form, actor=staff.desk,
                                                       today=TODAY))
    assert err.value.field == "filed_on"


def test_a_decision_running_to_2100_is_refused(db, staff):
    from tests.factories import single_case

    _, case_id = single_case(db, staff, "400.00")
    with pytest.raises(ValidationError, match="więcej niż 5 lat naprzód") as err:
        draft_decision(db, staff, grant(case_id, period_to=date(2100, 12, 31)))
    assert err.value.field == "period_to"


def test_periods_within_the_window():
    check.period(date(2000, 1, 1), check.latest_plausible(TODAY), today=TODAY)
    with pytest.raises(ValidationError, match="Początek okresu: data sprzed 2000 roku"):
        check.period(date(1999, 12, 31), date(2000, 1, 31), today=TODAY)
    assert check.latest_plausible(date(2028, 2, 29)) == date(2033, 2, 28)


def test_the_export_never_fails_on_stored_text():
    data = to_xlsx("Lista\x00 osób", ["Nazwisko\x01"], [["Kowal\x00ski"], ["Nowak\x1b"]],
                   notes=["uwaga\x02"])
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet["A1"].value == "Lista osób"
    assert [sheet["A4"].value, sheet["A5"].value] == ["Kowalski", "Nowak"]
