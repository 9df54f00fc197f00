"""The art. 98 ups repayment decision (issue 16 item 5): the period and amount unduly
received, the office's account to pay into, instalments only on the party's request
(art. 104 ust. 4) and the grant revoked or changed before the repayment is claimed."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from opsdesk.errors import ValidationError
from opsdesk.models.enums import DecisionKind
from opsdesk.services import decisions
from opsdesk.services.office import office_form, save_office
from opsdesk.ui.benefits.decision_dialog import DecisionDialog
from tests.factories import OKRESOWY, ON, D, paid_november, repayment, revoked
from tests.factories import draft_decision as draft
from tests.factories import issue_decision as issued
from tests.pdf_helpers import pdf_text


def test_repayment_refused_while_the_grant_is_still_paid(db, staff):
    case_id, root_id = paid_november(db, staff)
    with pytest.raises(ValidationError, match="jest nadal wypłacane — najpierw wydaj decyzję "
                                              "uchylającą albo zmieniającą") as err:
        draft(db, staff, repayment(case_id, root_id), today=ON)
    assert "art. 106 ust. 5" in err.value.message
    revoked(db, staff, case_id, root_id)
    assert draft(db, staff, repayment(case_id, root_id), today=ON)


def test_undue_period_is_required_and_within_the_grant(db, staff):
    case_id, root_id = paid_november(db, staff)
    revoked(db, staff, case_id, root_id)
    with pytest.raises(ValidationError, match="Podaj okres, za który świadczenie pobrano"):
        draft(db, staff, repayment(case_id, root_id, undue_to=None), today=ON)
    with pytest.raises(ValidationError, match="jest późniejszy niż jego koniec"):
        draft(db, staff, repayment(case_id, root_id, undue_from=date(2026, 12, 1)), today=ON)
    with pytest.raises(ValidationError, match="musi mieścić się w okresie przyznanym"):
        draft(db, staff, repayment(case_id, root_id, undue_from=date(2026, 10, 1)), today=ON)
    # Only November was paid, 305,00 zł.
    with pytest.raises(ValidationError, match="przekracza kwotę wypłaconą za okres od "
                                              "01.11.2026 r. do 15.11.2026 r."):
        draft(db, staff, repayment(case_id, root_id, undue_to=date(2026, 11, 15),
                                   amount=D("305.01")), today=ON)


def test_instalments_only_on_the_partys_request(db, staff):
    case_id, root_id = paid_november(db, staff)
    revoked(db, staff, case_id, root_id)
    with pytest.raises(ValidationError, match="wyłącznie na wniosek strony") as err:
        draft(db, staff, repayment(case_id, root_id, repayment_instalments=2), today=ON)
    assert "art. 104 ust. 4" in err.value.message and err.value.field == \
        "repayment_instalments"
    with pytest.raises(ValidationError, match="nie może być późniejsza niż dzień wydania"):
        draft(db, staff, repayment(case_id, root_id, repayment_instalments=2,
                                   instalments_requested_on=date(2026, 11, 21)), today=ON)


def test_office_account_is_required_and_validated(db, staff):
    case_id, root_id = paid_november(db, staff)
    revoked(db, staff, case_id, root_id)
    form, version = db.read(lambda s: office_form(s))
    with pytest.raises(ValidationError, match="Nieprawidłowy numer rachunku"):
        db.write(lambda s: save_office(s, replace(form, bank_account="96102054020000120200123457"),
                                       actor=staff.head, expected_version=version))
    db.write(lambda s: save_office(s, replace(form, bank_account=""), actor=staff.head,
                                   expected_version=version))
    with pytest.raises(ValidationError, match="wpisz go w ustawieniach ośrodka"):
        draft(db, staff, repayment(case_id, root_id), today=ON)


def test_repayment_pdf_states_period_amount_account_and_request(db, staff, tmp_path):
    case_id, root_id = paid_november(db, staff)
    revoked(db, staff, case_id, root_id)
    result = issued(db, staff, repayment(case_id, root_id, repayment_instalments=2,
                                         instalments_requested_on=date(2026, 11, 18)),
                    today=ON)
    data = db.write(lambda s: decisions.decision_pdf(s, result.id, actor=staff.head))
    (tmp_path / "zwrot.pdf").write_bytes(data)  # rendered to PNG and looked at by hand
    text = pdf_text(data)
    assert "za okres od dnia 01.11.2026 r. do dnia 30.11.2026 r. w kwocie 305,00 zł" in text
    assert "Na wniosek strony z dnia 18.11.2026 r. rozkładam należność na raty" in text
    assert "w 2 ratach miesięcznych: 1) do dnia 15.12.2026 r. — 152,50 zł" in text
    assert "na rachunek bankowy ośrodka nr 96 1020 5402 0000 1202 0012 3456" in text
    assert "art. 104 ust. 1 i 4" in text
    # The account is taken into the decision at issue: a later change leaves it as signed.
    form, version = db.read(lambda s: office_form(s))
    db.write(lambda s: save_office(s, replace(form, bank_account="PL61109010140000071219812874"),
                                   actor=staff.head, expected_version=version))
    again = pdf_text(db.write(lambda s: decisions.decision_pdf(s, result.id, actor=staff.head)))
    assert "96 1020 5402 0000 1202 0012 3456" in again


def test_single_repayment_does_not_cite_instalments(db, staff):
    case_id, root_id = paid_november(db, staff)
    revoked(db, staff, case_id, root_id)
    result = issued(db, staff, repayment(case_id, root_id), today=ON)
    text = pdf_text(db.write(lambda s: decisions.decision_pdf(s, result.id, actor=staff.head)))
    assert "Zobowiązuję stronę do zwrotu kwoty 305,00 zł w terminie do dnia 15.12.2026 r." in text
    assert "na wniosek strony" not in text and "art. 104 ust. 4" not in text


def test_editor_asks_for_the_undue_period_and_the_request_for_instalments(
        qtbot, db, staff, make_ctx):
    case_id, root_id = paid_november(db, staff)
    dialog = DecisionDialog(make_ctx(staff.benefits), case_id, kind=DecisionKind.REPAYMENT,
                            benefit=OKRESOWY, corrects=root_id)
    qtbot.addWidget(dialog)
    for name in ("undue_from", "undue_to", "repayment_instalments", "instalments_requested"):
        assert dialog.field(name).isVisibleTo(dialog), name
    assert not dialog.field("instalments_requested_on").isVisibleTo(dialog)
    dialog.field("undue_from").setDate(date(2026, 11, 1))
    dialog.field("undue_to").setDate(date(2026, 11, 30))
    assert dialog.form_value().instalments_requested_on is None
    dialog.field("instalments_requested").setChecked(True)
    assert dialog.field("instalments_requested_on").isVisibleTo(dialog)
    dialog.field("instalments_requested_on").setDate(date(2026, 11, 18))
    form = dialog.form_value()
    assert (form.undue_from, form.undue_to, form.instalments_requested_on) == (
        date(2026, 11, 1), date(2026, 11, 30), date(2026, 11, 18))


def test_default_reasons_name_the_revoking_decision(db, staff):
    case_id, root_id = paid_november(db, staff)
    revoked(db, staff, case_id, root_id)
    d = db.read(lambda s: decisions.decision_defaults(
        s, actor=staff.benefits, case_id=case_id, kind=DecisionKind.REPAYMENT,
        benefit_kind=OKRESOWY, corrects_decision_id=root_id, today=ON))
    paragraphs = d.justification.split("\n\n")
    assert paragraphs[0].startswith("Decyzją nr GOPS.8311.DEC.1.2026 z dnia 10.11.2026 r. "
                                    "przyznano stronie zasiłek okresowy")
    assert paragraphs[1] == ("Decyzją nr GOPS.8311.DEC.2.2026 z dnia 20.11.2026 r. uchylono "
                             "tę decyzję od dnia 01.12.2026 r. (art. 106 ust. 5 ustawy o "
                             "pomocy społecznej).")
