"""Working days for money and deadlines (issue 16, item 6): a payout day on a holiday moves
to the working day before, the list is approved on a working day and not after its payout
day, "Kasa wypłaci" is dated with the day of payment, the list's "sprawdził" and approval
date are filled, and an art. 36 notice's new date is a working day."""

from __future__ import annotations

from datetime import date

import pytest

from opsdesk.errors import ValidationError
from opsdesk.models import CashReceipt, PayoutList
from opsdesk.models.enums import PayoutMethod
from opsdesk.services import decisions, payouts
from tests.factories import grant, single_case
from tests.factories import issue_decision as issued
from tests.pdf_helpers import pdf_text


def prepare(db, staff, on, today):
    return db.write(lambda s: payouts.prepare_payout_list(
        s, actor=staff.benefits, payout_date=on, method=PayoutMethod.CASH, today=today))


def test_a_payout_day_on_a_holiday_moves_to_the_working_day_before(db, staff):
    pid, case_id = single_case(db, staff, "400.00")
    issued(db, staff, grant(case_id))
    # Sunday 1.11 is All Saints'; the list for Friday 1 January 2027 (New Year's Day) is
    # drawn up for Thursday 31 December 2026.
    list_id = prepare(db, staff, date(2027, 1, 1), date(2026, 12, 20))
    assert db.read(lambda s: s.get(PayoutList, list_id).payout_date) == date(2026, 12, 31)
    with pytest.raises(ValidationError, match="Najbliższy dzień roboczy: 14.12.2026"):
        prepare(db, staff, date(2026, 12, 13), date(2026, 12, 13))  # Sunday, Saturday gone


def test_approval_on_a_holiday_or_after_the_payout_day_is_refused(db, staff):
    pid, case_id = single_case(db, staff, "400.00")
    issued(db, staff, grant(case_id))
    list_id = prepare(db, staff, date(2026, 11, 12), date(2026, 11, 10))
    with pytest.raises(ValidationError, match="11.11.2026 r. jest dniem wolnym od pracy"):
        db.write(lambda s: payouts.approve_payout_list(s, list_id, actor=staff.head,
                                                       today=date(2026, 11, 11)))
    with pytest.raises(ValidationError, match="wcześniejsza niż dzień zatwierdzenia"):
        db.write(lambda s: payouts.approve_payout_list(s, list_id, actor=staff.head,
                                                       today=date(2026, 11, 13)))


def test_kw_has_the_payout_day_and_the_list_its_checker_and_approval_date(db, staff):
    pid, case_id = single_case(db, staff, "400.00")
    issued(db, staff, grant(case_id))
    list_id = prepare(db, staff, date(2026, 11, 13), date(2026, 11, 10))
    with pytest.raises(ValidationError, match="inna osoba"):
        db.write(lambda s: payouts.check_payout_list(s, list_id, actor=staff.benefits,
                                                     today=date(2026, 11, 10)))
    db.write(lambda s: payouts.check_payout_list(s, list_id, actor=staff.head,
                                                 today=date(2026, 11, 10)))
    receipts = db.write(lambda s: payouts.approve_payout_list(s, list_id, actor=staff.head,
                                                              today=date(2026, 11, 12)))
    assert db.read(lambda s: s.get(CashReceipt, receipts[0]).issued_on) == date(2026, 11, 13)
    kw = pdf_text(db.write(lambda s: payouts.receipt_pdf(s, receipts[0], actor=staff.desk)))
    assert "13.11.2026" in kw
    text = pdf_text(db.write(lambda s: payouts.payout_list_pdf(s, list_id,
                                                               actor=staff.benefits)))
    checked = db.read(lambda s: s.get(PayoutList, list_id))
    assert (checked.checked_on, checked.approved_on) == (date(2026, 11, 10), date(2026, 11, 12))
    # "sprawdził" and "zatwierdził" carry the name and the day.
    assert "10.11.2026 r." in text and "12.11.2026 r." in text


def test_a_notice_new_date_on_a_holiday_is_refused(db, staff):
    pid, case_id = single_case(db, staff, "400.00")
    with pytest.raises(ValidationError, match=r"dzień wolny od pracy .* \(najbliższy: 28.12.2026"):
        db.write(lambda s: decisions.issue_deadline_notice(
            s, case_id, actor=staff.benefits, reason="Oczekiwanie na dokumenty z ZUS.",
            new_deadline=date(2026, 12, 24), today=date(2026, 12, 1)))


def test_the_notice_addresses_the_party_by_sex_and_the_signer_names_the_town(db, staff):
    pid, case_id = single_case(db, staff, "400.00")  # Zofia: "K" in her PESEL
    notice_id = db.write(lambda s: decisions.issue_deadline_notice(
        s, case_id, actor=staff.benefits, reason="Oczekiwanie na dokumenty z ZUS.",
        new_deadline=date(2026, 12, 28), today=date(2026, 12, 1)))
    text = pdf_text(db.write(lambda s: decisions.notice_pdf(s, notice_id, actor=staff.desk)))
    assert "Kodeks postępowania administracyjnego zawiadamiam Panią, że postępowanie" in text
    assert "Kierownik Gminnego Ośrodka Pomocy Społecznej w Zbąszynku" in text
