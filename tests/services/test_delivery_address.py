"""A decision goes for approval, and is issued, only to a party with an address for
delivery: one was issued to "zam." followed by nothing (issue 15)."""

from __future__ import annotations

import pytest

from opsdesk.errors import ValidationError
from opsdesk.models.enums import BenefitKind, DecisionKind
from opsdesk.services import decisions, people
from opsdesk.services.decisions.workflow import NO_ADDRESS
from opsdesk.services.people import PersonForm
from opsdesk.ui.benefits.decision_dialog import DecisionDialog
from tests import factories
from tests.pdf_helpers import pdf_text

OKRESOWY = BenefitKind.ZASILEK_OKRESOWY
NOWHERE = PersonForm(first_name="Tomasz", last_name="Bezdomny", pesel="80010112357")


def test_no_address_no_approval_until_it_is_filled_in(db, staff):
    pid, case_id = factories.single_case(db, staff, "400.00", who=NOWHERE)
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
    _pid, case_id = factories.single_case(db, staff, "400.00", who=NOWHERE)
    did = factories.draft_decision(db, staff, factories.grant(case_id))
    with pytest.raises(ValidationError):
        db.write(lambda s: decisions.submit_draft(s, did, actor=staff.benefits))
    form = factories.grant(case_id, no_address_reason=HOMELESS)
    factories.draft_decision(db, staff, form, decision_id=did)
    db.write(lambda s: decisions.submit_draft(s, did, actor=staff.benefits))
    issued = db.write(lambda s: decisions.approve_and_issue(s, did, actor=staff.head))
    text = " ".join(pdf_text(db.read(
        lambda s: decisions.decision_pdf(s, issued.id, actor=staff.benefits))).split())
    assert "zam." not in text
    assert "Tomasz Bezdomny, PESEL 80010112357, osoba bezdomna, doręczenie w siedzibie" in text


def test_the_editor_asks_for_the_reason_only_when_the_party_has_no_address(
        qtbot, db, staff, make_ctx):
    _pid, homeless_case = factories.single_case(db, staff, "400.00", who=NOWHERE)
    _pid, housed_case = factories.single_case(db, staff, "400.00")
    ctx = make_ctx(staff.benefits)
    housed = DecisionDialog(ctx, housed_case, kind=DecisionKind.GRANTING, benefit=OKRESOWY)
    qtbot.addWidget(housed)
    assert not housed.field("no_address_reason").isVisibleTo(housed)
    dialog = DecisionDialog(ctx, homeless_case, kind=DecisionKind.GRANTING, benefit=OKRESOWY)
    qtbot.addWidget(dialog)
    assert dialog.field("no_address_reason").isVisibleTo(dialog)
    dialog.field("no_address_reason").setText(HOMELESS)
    assert dialog.form_value().no_address_reason == HOMELESS


def test_the_art_36_notice_past_its_deadline_names_the_delivery_not_an_empty_address(
        db, staff, tmp_path):
    from datetime import date

    from tests.factories import application

    pid = factories.person(db, staff, NOWHERE)
    case_id = application(db, staff, pid)
    late = date(2026, 12, 4)  # kpa art. 35: the month from 03.11.2026 ended on 03.12.2026
    nid = db.write(lambda s: decisions.issue_deadline_notice(
        s, case_id, actor=staff.benefits, reason="Oczekiwanie na zaświadczenie z PUP.",
        new_deadline=date(2026, 12, 18), today=late))
    data = db.read(lambda s: decisions.notice_pdf(s, nid, actor=staff.desk))
    (tmp_path / "notice.pdf").write_bytes(data)
    text = " ".join(pdf_text(data).split())
    assert "zam." not in text
    assert "osoba bez adresu do doręczeń — pismo do odbioru w siedzibie ośrodka" in text
    assert "nie zostało zakończone w przewidzianym terminie, który upłynął w dniu 03.12.2026" \
        in text
    assert "nie zostanie zakończone" not in text
    assert "18.12.2026 r." in text  # a Friday, a working day
