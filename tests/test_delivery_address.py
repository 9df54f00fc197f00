"""A decision goes for approval, and is issued, only to a party with an address for
delivery: one was issued to "zam." followed by nothing (issue 15)."""

from __future__ import annotations

import pytest

from opsdesk.errors import ValidationError
from opsdesk.services import decisions, people
from opsdesk.services.decisions.workflow import NO_ADDRESS
from opsdesk.services.people import PersonForm
from tests import benefits_helpers as bh
from tests import factories

NOWHERE = PersonForm(first_name="Tomasz", last_name="Bezdomny", pesel="80010112357")


def test_no_address_no_approval_until_it_is_filled_in(db, staff):
    pid, case_id = bh.single_case(db, staff, "400.00", who=NOWHERE)
    did = factories.draft_decision(db, staff, factories.grant(case_id))
    for step in (lambda s: decisions.submit_draft(s, did, actor=staff.benefits),
                 lambda s: decisions.approve_and_issue(s, did, actor=staff.head)):
        with pytest.raises(ValidationError) as refused:
            db.write(step)
        assert (refused.value.message, refused.value.field) == (NO_ADDRESS, "address")
    file = db.read(lambda s: people.open_person(s, pid, actor=staff.desk))
    form = PersonForm(**{**file.form.__dict__, "street": "ul. Dworcowa 5", "city": "Zbąszynek"})
    db.write(lambda s: people.update_person(s, pid, form, actor=staff.desk,
                                            expected_version=file.version))
    db.write(lambda s: decisions.submit_draft(s, did, actor=staff.benefits))
    issued = db.write(lambda s: decisions.approve_and_issue(s, did, actor=staff.head))
    assert issued.number


HOMELESS = "osoba bezdomna, doręczenie w siedzibie ośrodka (art. 39 kpa)"


def test_a_recorded_reason_lets_it_go_and_is_printed_in_place_of_the_address(db, staff):
    _pid, case_id = bh.single_case(db, staff, "400.00", who=NOWHERE)
    did = factories.draft_decision(db, staff, factories.grant(case_id))
    with pytest.raises(ValidationError):
        db.write(lambda s: decisions.submit_draft(s, did, actor=staff.benefits))
    form = factories.grant(case_id, no_address_reason=HOMELESS)
    factories.draft_decision(db, staff, form, decision_id=did)
    db.write(lambda s: decisions.submit_draft(s, did, actor=staff.benefits))
    issued = db.write(lambda s: decisions.approve_and_issue(s, did, actor=staff.head))
    text = " ".join(bh.pdf_text(db.read(
        lambda s: decisions.decision_pdf(s, issued.id, actor=staff.benefits))).split())
    assert "zam." not in text
    assert "Tomasz Bezdomny, PESEL 80010112357, osoba bezdomna, doręczenie w siedzibie" in text
