"""ZUS contributions the centre pays: the health contribution of a zasiłek stały recipient
with no other title (9 % of what was paid in the month) and art. 42 ups pension and
disability contributions; registrations, the month's list reconciled with the payouts, the
KEDU file read back field by field (and validated against ZUS's schema when
OPSDESK_KEDU_XSD names it), the forms and the accountant's statement read back with pypdf."""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from opsdesk.errors import PermissionDenied, ValidationError
from opsdesk.models import ZusDocument, ZusPackage
from opsdesk.models.enums import PayoutMethod
from opsdesk.reports.kedu import NAMESPACE
from opsdesk.services import contributions, payouts, rules
from opsdesk.services.contributions import HEALTH, PENSION, PayerForm
from tests.factories import PAYER, WORKDAY, D, approve, art42, pay_november, payer, prepare, staly
from tests.pdf_helpers import pdf_text

NOV = date(2026, 11, 1)
DEC = date(2026, 12, 1)
K = f"{{{NAMESPACE}}}"


def statement(db, staff, month=NOV, today=WORKDAY):
    return db.read(lambda s: contributions.monthly_statement(s, actor=staff.benefits,
                                                             month=month, today=today))


def kedu(db, staff, month=NOV, **kw) -> ET.Element:
    data = db.read(lambda s: contributions.kedu_file(s, actor=staff.benefits, month=month,
                                                     today=date(2026, 12, 2), **kw))
    _validate_if_schema(data)
    return ET.fromstring(data)


def _validate_if_schema(data: bytes) -> None:
    """ZUS publishes the KEDU schema (kedu_5_7.xsd with xmldsig-core-schema.xsd beside it);
    it is not shipped with the program, so the check runs where a path to it is given."""
    xsd = os.environ.get("OPSDESK_KEDU_XSD")
    if not xsd:
        return
    from lxml import etree

    schema = etree.XMLSchema(etree.parse(xsd))
    assert schema.validate(etree.fromstring(data)), [e.message for e in schema.error_log]


def text_of(element: ET.Element, path: str) -> str:
    found = element.find("/".join(K + part for part in path.split("/")))
    assert found is not None, path
    return found.text or ""


# --- rules --------------------------------------------------------------------------------


def test_health_contribution_is_nine_percent_to_the_grosz():
    assert rules.health_contribution(NOV, D("1013.00")) == D("91.17")  # 91.170
    assert rules.health_contribution(NOV, D("506.45")) == D("45.58")  # 45.5805
    assert rules.health_contribution(NOV, D("0")) == D("0.00")
    with pytest.raises(ValueError, match="ujemna"):
        rules.health_contribution(NOV, D("-1"))


def test_art42_basis_is_capped_at_the_minimum_wage_of_the_month():
    assert rules.art42_basis(NOV) == D("4806.00")
    assert rules.art42_basis(date(2025, 6, 1)) == D("4666.00")
    assert rules.art42_basis(NOV, D("3000.00")) == D("3000.00")
    assert rules.art42_basis(NOV, D("9000.00")) == D("4806.00")
    # 19,52 % and 8 % of 4806.00: 938.1312 and 384.48
    assert rules.art42_contributions(NOV, D("4806.00")) == (D("938.13"), D("384.48"))


def test_art42_eligibility_names_each_reason():
    ok, reasons = rules.art42_eligibility(NOV, income_per_person=D("1234.50"),
                                          insured_elsewhere=False, has_pension=False)
    assert ok and reasons == ()  # exactly 150 % of 823.00 is still within
    ok, reasons = rules.art42_eligibility(NOV, income_per_person=D("1234.51"),
                                          insured_elsewhere=True, has_pension=True)
    assert not ok and len(reasons) == 3
    assert "przekracza 150% kryterium (1234.50 zł)" in reasons[0]


def test_every_contribution_row_is_dated_and_its_unverified_figures_noted():
    starts = [row.valid_from for row in rules.CONTRIBUTION_FIGURES]
    assert starts == sorted(starts)
    for row in rules.CONTRIBUTION_FIGURES:
        assert row.verified or "unverified" in row.note
        assert len(row.health_title_code) == 6 and len(row.pension_title_code) == 6
    with pytest.raises(ValueError, match="Brak stawek"):
        rules.contribution_figures_on(date(2021, 12, 31))


# --- who is registered ------------------------------------------------------------------------


def test_unknown_insurance_is_a_warning_and_insured_elsewhere_is_not_registered(db, staff):
    pid, _ = staly(db, staff, insured_elsewhere=None)
    found = statement(db, staff)
    assert found.rows == () and found.registrations == ()
    assert found.warnings == ("Źdźbło-Gąsiorowska Zofia: w wywiadzie nie ustalono, czy osoba "
                              "ma inny tytuł do ubezpieczenia zdrowotnego — nie zgłoszono.",)
    db.write(lambda s: contributions.record_health_insurance(
        s, pid, actor=staff.benefits, insured_elsewhere=True, note="emerytura KRUS"))
    assert "ubezpieczona z innego tytułu (emerytura KRUS)" in statement(db, staff).warnings[0]
    with pytest.raises(ValidationError, match="Tytuł ubezpieczenia"):
        db.write(lambda s: contributions.record_health_insurance(
            s, pid, actor=staff.benefits, insured_elsewhere=True, note=""))


def test_registration_when_the_grant_starts_and_its_seven_days(db, staff):
    staly(db, staff)
    found = statement(db, staff)
    [reg] = found.registrations
    assert (reg.form, reg.kind, reg.effective_on, reg.due) == ("ZZA", HEALTH, NOV,
                                                               date(2026, 11, 8))
    assert reg.title_code == "041100" and reg.overdue(WORKDAY)
    # Not paid yet: in the list with nothing to report, the reason said.
    [row] = found.rows
    assert (row.basis, row.health, row.due_for_month) == (D("0.00"), D("0.00"), D("1013.00"))
    assert "niewypłacony" in row.note
    assert found.reported == ()
    assert found.payment_due == date(2026, 12, 7)  # the 5th is a Saturday


def test_month_list_is_reconciled_with_what_was_paid(db, staff):
    staly(db, staff)
    pay_november(db, staff)
    [row] = statement(db, staff).rows
    assert (row.person_name, row.pesel) == ("Źdźbło-Gąsiorowska Zofia", "85030412362")
    assert (row.basis, row.health, row.due_for_month) == (D("1013.00"), D("91.17"),
                                                          D("1013.00"))
    assert row.note == "wypłacono zgodnie z decyzją"
    # December: the decision gives 1013.00, nothing paid yet in December.
    [dec] = statement(db, staff, DEC).rows
    assert (dec.basis, dec.due_for_month) == (D("0.00"), D("1013.00"))


def test_deregistration_when_the_grant_ends(db, staff):
    staly(db, staff, period_to=date(2026, 12, 31))
    assert [r.form for r in statement(db, staff, DEC).registrations] == ["ZZA", "ZWUA"]
    zwua = statement(db, staff, DEC).registrations[1]
    assert (zwua.effective_on, zwua.reason_code) == (date(2027, 1, 1), "250")
    # The November package does not yet carry the deregistration.
    assert [r.form for r in statement(db, staff, NOV).registrations] == ["ZZA"]
    # Once the title is over, a registration never sent is history, not work.
    assert statement(db, staff, date(2027, 2, 1)).registrations == ()


def test_a_registered_title_is_deregistered_even_when_the_month_was_missed(db, staff):
    payer(db, staff)
    staly(db, staff, period_to=date(2026, 12, 31))
    db.write(lambda s: contributions.record_sent(s, actor=staff.benefits, month=NOV,
                                                 today=date(2026, 12, 2)))
    late = statement(db, staff, date(2027, 2, 1)).registrations
    assert [(r.form, r.effective_on, r.overdue(date(2027, 2, 10))) for r in late] == [
        ("ZWUA", date(2027, 1, 1), True)]


def test_a_sent_registration_is_not_offered_again(db, staff):
    payer(db, staff)
    staly(db, staff)
    pay_november(db, staff)
    package_id = db.write(lambda s: contributions.record_sent(
        s, actor=staff.benefits, month=NOV, today=date(2026, 12, 2)))
    assert statement(db, staff).registrations == ()
    forms = db.read(lambda s: sorted(s.scalars(select(ZusDocument.form).where(
        ZusDocument.package_id == package_id)).all()))
    assert forms == ["RCA", "ZZA"]
    kept = db.read(lambda s: s.get(ZusPackage, package_id).xml)
    assert b"<ZUSRCA" in kept and statement(db, staff).sent_packages == 1


# --- art. 42 ---------------------------------------------------------------------------------


def test_art42_contributions_prorated_in_the_first_month(db, staff):
    art42(db, staff)
    found = statement(db, staff)
    [row] = found.rows
    # 4806.00 × 16/30 = 2563.20; × 19,52 % = 500.34; × 8 % = 205.06
    assert (row.kind, row.basis, row.pension, row.disability) == (PENSION, D("2563.20"),
                                                                  D("500.34"), D("205.06"))
    assert row.note == "część miesiąca: 15.11.2026–30.11.2026"
    assert [r.form for r in found.registrations] == ["ZUA"]
    [dec] = statement(db, staff, DEC).rows
    assert (dec.basis, dec.pension, dec.disability) == (D("4806.00"), D("938.13"), D("384.48"))


def test_art42_basis_from_the_decision_never_above_the_minimum_wage(db, staff):
    did = art42(db, staff, start=NOV, basis="3000,00")
    assert statement(db, staff).rows[0].basis == D("3000.00")
    with pytest.raises(ValidationError, match="minimalnego wynagrodzenia"):
        db.write(lambda s: contributions.set_art42_basis(s, did, actor=staff.benefits,
                                                         basis="4806.01"))


# --- the files --------------------------------------------------------------------------------


def test_kedu_file_read_back_field_by_field(db, staff):
    payer(db, staff)
    staly(db, staff)
    pay_november(db, staff)
    art42(db, staff)
    root = kedu(db, staff)
    assert root.tag == f"{K}KEDU" and root.get("wersja_schematu") == "1"
    tags = [child.tag.replace(K, "") for child in root]
    assert tags == ["naglowek.KEDU", "ZUSZZA", "ZUSZUA", "ZUSRCA", "ZUSDRA"]
    zza = root.find(f"{K}ZUSZZA")
    assert text_of(zza, "II/p1") == "7791011327" and text_of(zza, "II/p6") == "GOPS ZBĄSZYNEK"
    assert text_of(zza, "III/p1") == "85030412362"
    assert text_of(zza, "III/p5") == "ŹDŹBŁO-GĄSIOROWSKA"
    assert text_of(zza, "V/p1/p1") == "0411" and text_of(zza, "VI/p1") == "2026-11-01"
    assert text_of(zza, "VI/p2") == "04"
    rca = root.find(f"{K}ZUSRCA")
    assert text_of(rca, "I/p1/p1") == "01" and text_of(rca, "I/p1/p2") == "2026-11"
    blocks = rca.findall(f"{K}III")
    assert [b.get("id_bloku") for b in blocks] == ["1", "2"]
    zofia, carer = blocks  # the health rows first, then art. 42, each by name
    assert text_of(zofia, "C/p1") == "1013.00" and text_of(zofia, "C/p4") == "91.17"
    assert text_of(carer, "A/p4") == "80010112357"
    assert text_of(carer, "B/p4") == "2563.20" and text_of(carer, "B/p7") == "500.34"
    assert text_of(carer, "B/p8") == "205.06" and text_of(carer, "B/p29") == "705.40"
    dra = root.find(f"{K}ZUSDRA")
    assert text_of(dra, "I/p1") == "1" and text_of(dra, "III/p1") == "2"
    assert text_of(dra, "IV/p37") == "705.40" and text_of(dra, "VI/p2") == "91.17"
    assert text_of(dra, "IX/p2") == "796.57"  # 705.40 + 91.17
    assert text_of(dra, "XIII/p1") == "2026-12-02"
    without = kedu(db, staff, include_dra=False)
    assert without.find(f"{K}ZUSDRA") is None


def test_kedu_needs_the_payer_and_something_to_report(db, staff):
    staly(db, staff)
    with pytest.raises(ValidationError, match="płatnika składek"):
        kedu(db, staff)
    payer(db, staff)
    with pytest.raises(ValidationError, match="nie ma nic do zgłoszenia"):
        kedu(db, staff, month=date(2026, 10, 1))


def test_payer_data_checked(db, staff):
    for form, field in ((PayerForm("1234567890", "123456785", "GOPS"), "nip"),
                        (PayerForm("7791011327", "123456789", "GOPS"), "regon"),
                        (PayerForm("7791011327", "123456785", "x" * 32), "short_name")):
        with pytest.raises(ValidationError) as err:
            db.write(lambda s, f=form: contributions.save_payer(s, f, actor=staff.head))
        assert err.value.field == field
    with pytest.raises(PermissionDenied):
        db.write(lambda s: contributions.save_payer(s, PAYER, actor=staff.benefits))


def test_forms_and_statement_pdfs_read_back(db, staff):
    payer(db, staff)
    staly(db, staff)
    pay_november(db, staff)
    art42(db, staff)
    forms = pdf_text(db.read(lambda s: contributions.forms_pdf(
        s, actor=staff.benefits, month=NOV, today=date(2026, 12, 2))))
    for expected in ("ZUS ZZA — ZGŁOSZENIE DO UBEZPIECZENIA ZDROWOTNEGO",
                     "ZUS ZUA — ZGŁOSZENIE DO UBEZPIECZEŃ", "ZUS RCA", "ZUS DRA",
                     "ŹDŹBŁO-GĄSIOROWSKA", "0411 0 0", "1013,00", "91,17", "2563,20",
                     "796,57", "7791011327"):
        assert expected in forms, expected
    text = pdf_text(db.read(lambda s: contributions.statement_pdf(
        s, actor=staff.benefits, month=NOV, today=date(2026, 12, 2))))
    for expected in ("ZESTAWIENIE SKŁADEK OPŁACANYCH PRZEZ OŚRODEK", "listopad 2026",
                     "Źdźbło-Gąsiorowska Zofia", "wypłacono zgodnie z decyzją",
                     "796,57 zł", "siedemset dziewięćdziesiąt sześć złotych 57/100",
                     "07.12.2026 r.", "ZZA — Źdźbło-Gąsiorowska Zofia",
                     "część miesiąca: 15.11.2026–30.11.2026"):
        assert expected in text, expected


def test_only_benefits_and_the_head_read_the_list(db, staff):
    staly(db, staff)
    for actor in (staff.social, staff.desk, staff.admin):
        with pytest.raises(PermissionDenied):
            db.read(lambda s, a=actor: contributions.monthly_statement(s, actor=a, month=NOV))
    assert db.read(lambda s: contributions.monthly_statement(s, actor=staff.head, month=NOV))


def test_transfer_payout_counts_when_paid(db, staff):
    staly(db, staff, method=PayoutMethod.TRANSFER)
    list_id = prepare(db, staff, method=PayoutMethod.TRANSFER)
    approve(db, staff, list_id)
    assert statement(db, staff).rows[0].basis == D("0.00")  # approved, not yet paid
    db.write(lambda s: payouts.record_list_paid(s, list_id, actor=staff.benefits,
                                                paid_on=date(2026, 11, 12),
                                                today=date(2026, 11, 12)))
    assert statement(db, staff).rows[0].health == Decimal("91.17")
