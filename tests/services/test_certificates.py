"""Certificates from the records (issue 16, item 4): a certificate states the benefits the
person was granted by issued decisions, with period and amount, the kpa art. 217 basis, its
purpose and "z upoważnienia"; one the records do not support is refused in Polish."""

from __future__ import annotations

from datetime import date

import pytest

from opsdesk.errors import ValidationError
from opsdesk.services import desk
from tests.factories import WORKDAY, grant, person, single_case
from tests.factories import issue_decision as issued
from tests.pdf_helpers import pdf_text


def test_a_certificate_states_the_grants_on_file(db, staff):
    pid, case_id = single_case(db, staff, "400.00")
    root = issued(db, staff, grant(case_id))
    cid = db.write(lambda s: desk.issue_certificate(
        s, actor=staff.desk, person_id=pid, purpose="do przedłożenia w szkole",
        today=date(2026, 12, 1)))
    text = pdf_text(db.write(lambda s: desk.certificate_pdf(s, cid, actor=staff.desk)))
    for element in (
        "Na podstawie art. 217 § 1 i § 2 pkt 2",
        "przyznano decyzjami administracyjnymi następujące świadczenia",
        "1) zasiłek okresowy w wysokości 305,00 zł miesięcznie w okresie od 01.11.2026 r. do "
        f"31.01.2027 r. (pobierane obecnie) — decyzja nr {root.number} z dnia 10.11.2026 r.",
        "Cel wydania zaświadczenia: do przedłożenia w szkole.",
        "z upoważnienia Kierownika Gminnego Ośrodka Pomocy Społecznej w Zbąszynku",
    ):
        assert element in text, element


def test_a_certificate_the_records_do_not_support_is_refused(db, staff):
    pid = person(db, staff)
    with pytest.raises(ValidationError, match="nie ma wydanej decyzji przyznającej"):
        db.write(lambda s: desk.issue_certificate(
            s, actor=staff.desk, person_id=pid, purpose="do sądu", today=WORKDAY,
            content="korzysta z pomocy ośrodka w formie zasiłku okresowego."))
    with pytest.raises(ValidationError, match="art. 218 § 1"):
        db.write(lambda s: desk.issue_certificate(s, actor=staff.desk, person_id=pid,
                                                  purpose="do sądu", today=WORKDAY))
    # A fact the records show of anyone stays possible.
    assert db.write(lambda s: desk.issue_certificate(
        s, actor=staff.desk, person_id=pid, purpose="do sądu", today=WORKDAY,
        content="figuruje w kartotece ośrodka."))
