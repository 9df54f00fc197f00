"""Checks in central registers recorded in the case, their printouts (size-limited, type by
content), the case's list of evidence read back with pypdf, the CBB data as CSV."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from opsdesk import clock
from opsdesk.errors import PermissionDenied, ValidationError
from opsdesk.models import AuditEntry
from opsdesk.models.enums import AuditAction, BenefitKind
from opsdesk.services import register_checks
from opsdesk.services.register_checks import MAX_PRINTOUT, CheckForm, Register
from tests.factories import grant_and_issue, single_case
from tests.pdf_helpers import pdf_text

PDF = b"%PDF-1.4\n% a saved page of the land register\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def add(db, staff, case_id, **kw) -> int:
    values = dict(case_id=case_id, register=Register.KW,
                  query="Czy wnioskodawczyni jest właścicielką nieruchomości?",
                  result="Brak wpisów na nazwisko wnioskodawczyni.",
                  checked_at=datetime(2026, 11, 9, 10, 30))
    values.update(kw)
    return db.write(lambda s: register_checks.add_check(s, CheckForm(**values),
                                                        actor=staff.benefits))


def test_a_check_with_its_printout_is_listed_in_the_case(db, staff):
    _, case_id = single_case(db, staff)
    check_id = add(db, staff, case_id, printout=PDF, printout_name="ekw.pdf")
    add(db, staff, case_id, register=Register.OTHER, register_name="Rejestr PUP",
        query="Status bezrobotnego", result="Zarejestrowana od 02.2026, bez prawa do zasiłku.",
        checked_at=datetime(2026, 11, 10, 9, 0))
    rows = db.read(lambda s: register_checks.checks_of_case(s, case_id, actor=staff.head))
    assert [(r.register_text, r.checked_by, r.has_printout) for r in rows] == [
        ("Księgi wieczyste (EKW)", "Anna Nowak", True), ("Rejestr PUP", "Anna Nowak", False)]
    printout = db.write(lambda s: register_checks.printout(s, check_id, actor=staff.head))
    assert (printout.name, printout.mime, printout.data, printout.suffix) == (
        "ekw.pdf", "application/pdf", PDF, "pdf")
    opened = db.read(lambda s: s.scalars(select(AuditEntry.entity_id).where(
        AuditEntry.action == AuditAction.READ, AuditEntry.entity == "RegisterCheck")).all())
    assert opened == [check_id]


def test_printout_type_and_size_are_checked_with_polish_messages(db, staff):
    _, case_id = single_case(db, staff)
    with pytest.raises(ValidationError, match="plikiem PDF albo zdjęciem") as err:
        add(db, staff, case_id, printout=b"MZ\x90\x00 not a document", printout_name="x.exe")
    assert err.value.field == "printout"
    with pytest.raises(ValidationError, match="za duży — najwyżej 5,0 MB"):
        add(db, staff, case_id, printout=PNG + b"\x00" * MAX_PRINTOUT, printout_name="scan.png")
    assert add(db, staff, case_id, printout=PNG, printout_name="scan.png")


@pytest.mark.parametrize(("kw", "field"), [
    ({"query": " "}, "query"), ({"result": ""}, "result"),
    ({"register": Register.OTHER}, "register_name"),
    ({"checked_at": "tomorrow"}, "checked_at"),
])
def test_a_check_needs_what_was_asked_and_found(db, staff, kw, field):
    _, case_id = single_case(db, staff)
    if kw.get("checked_at") == "tomorrow":
        kw = {"checked_at": clock.now() + timedelta(days=1)}
    with pytest.raises(ValidationError) as err:
        add(db, staff, case_id, **kw)
    assert err.value.field == field


def test_social_work_and_the_desk_cannot_record_checks(db, staff):
    _, case_id = single_case(db, staff)
    for actor in (staff.social, staff.desk):
        with pytest.raises(PermissionDenied):
            db.write(lambda s, a=actor: register_checks.add_check(s, CheckForm(
                case_id, Register.ZUS, "q", "r"), actor=a))


def test_evidence_list_prints_interviews_checks_and_decisions(db, staff):
    _, case_id = single_case(db, staff, "400.00")
    add(db, staff, case_id, printout=PDF, printout_name="ekw.pdf")
    grant_and_issue(db, staff, case_id)
    text = pdf_text(db.read(lambda s: register_checks.evidence_list_pdf(
        s, case_id, actor=staff.benefits, today=date(2026, 11, 10))))
    for expected in ("WYKAZ DOWODÓW W AKTACH SPRAWY", "Źdźbło-Gąsiorowska",
                     "Rodzinny wywiad środowiskowy", "Sprawdzenie w rejestrze: Księgi wieczyste",
                     "Brak wpisów na nazwisko wnioskodawczyni", "wydruk: ekw.pdf",
                     "Decyzja nr", "09.11.2026"):
        assert expected in text, expected


def test_cbb_export_has_a_line_per_decision(db, staff):
    _, case_id = single_case(db, staff, "300.00", kind=BenefitKind.ZASILEK_STALY)
    grant_and_issue(db, staff, case_id, amount="1013.00", kind=BenefitKind.ZASILEK_STALY,
                    period_to=None)
    data = db.write(lambda s: register_checks.cbb_export(
        s, actor=staff.benefits, start=date(2026, 11, 1), end=date(2026, 11, 30)))
    rows = list(csv.reader(io.StringIO(data.decode("utf-8")), delimiter=";"))
    assert rows[0] == list(register_checks.CBB_COLUMNS)
    [line] = rows[1:]
    assert line[0] == "85030412362" and line[1] == "Źdźbło-Gąsiorowska"
    assert line[3] == "ZASILEK_STALY" and line[7] == "2026-11-01" and line[8] == ""
    assert line[9] == "1013.00"
