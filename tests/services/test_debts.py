"""Debts from art. 98 repayment decisions (issue 19 item 3, issue 16 item 5): the ledger,
the KP receipt, overpayment refused, requests under art. 104 ust. 4 decided by decisions of
their own, and the roles."""

from __future__ import annotations

from datetime import date

import pytest

from opsdesk.errors import PermissionDenied, ValidationError
from opsdesk.models.enums import DebtRequestKind
from opsdesk.services import debts, decisions
from tests.factories import JERZY, ON, D, debt_of, paid_november, repayment, revoked
from tests.factories import issue_decision as issued
from tests.pdf_helpers import pdf_text


def test_ledger_cash_transfer_balance_and_overpayment(db, staff, tmp_path):
    debt_id = debt_of(db, staff)
    entry = db.write(lambda s: debts.take_cash(s, debt_id, actor=staff.desk,
                                               amount="100,00", today=ON))
    db.write(lambda s: debts.record_transfer(s, debt_id, actor=staff.benefits, paid_on=ON,
                                             amount="50.00", reference="wyciąg 12/2026",
                                             today=ON))
    with pytest.raises(ValidationError, match="przekracza pozostałą do spłaty należność"
                                              ".155,00"):
        db.write(lambda s: debts.take_cash(s, debt_id, actor=staff.desk,
                                           amount="155.01", today=ON))
    with pytest.raises(ValidationError, match="kwota musi być większa od zera"):
        db.write(lambda s: debts.take_cash(s, debt_id, actor=staff.desk,
                                           amount="-5", today=ON))
    detail = db.read(lambda s: debts.debt_detail(s, debt_id, actor=staff.benefits, today=ON))
    assert detail.row.balance == D("155.00")
    assert [line.amount for line in detail.ledger] == [D("100.00"), D("50.00")]
    assert detail.ledger[0].receipt_number == "KP/1/2026"
    data = db.write(lambda s: debts.cash_receipt_pdf(s, entry, actor=staff.desk))
    (tmp_path / "kp.pdf").write_bytes(data)
    text = pdf_text(data)
    assert "KASA PRZYJMIE" in text and "KP/1/2026" in text
    assert "100,00 zł" in text and "sto złotych" in text
    assert "Pozostało do spłaty 205,00 zł" in text


def test_roles_are_enforced(db, staff):
    debt_id = debt_of(db, staff)
    with pytest.raises(PermissionDenied):
        db.write(lambda s: debts.take_cash(s, debt_id, actor=staff.social, amount="10",
                                           today=ON))
    with pytest.raises(PermissionDenied):
        db.write(lambda s: debts.record_transfer(s, debt_id, actor=staff.desk,
                                                 paid_on=ON, amount="10", reference="x",
                                                 today=ON))


def _decide(db, staff, debt_id, kind, ruling, tmp_path, name, **asked) -> str:
    request = db.write(lambda s: debts.record_request(s, debts.RequestForm(
        debt_id=debt_id, kind=kind, received_on=ON, party_reasons="utrata pracy", **asked),
        actor=staff.benefits, today=ON))
    decision_id = db.write(lambda s: debts.draft_request_decision(
        s, request, ruling, actor=staff.benefits, today=ON))
    with pytest.raises(ValidationError, match="uzupełnij"):
        db.write(lambda s: decisions.submit_draft(s, decision_id, actor=staff.benefits,
                                                  today=ON))
    filled = debts.RulingForm(**{**ruling.__dict__, "justification": "Strona straciła pracę "
                                 "i utrzymuje się z zasiłku; zwrot byłby nadmiernym "
                                 "obciążeniem."})
    db.write(lambda s: debts.draft_request_decision(s, request, filled, actor=staff.benefits,
                                                    today=ON))
    db.write(lambda s: decisions.submit_draft(s, decision_id, actor=staff.benefits, today=ON))
    db.write(lambda s: decisions.approve_and_issue(s, decision_id, actor=staff.head, today=ON))
    data = db.write(lambda s: decisions.decision_pdf(s, decision_id, actor=staff.head))
    (tmp_path / f"{name}.pdf").write_bytes(data)
    return pdf_text(data)


def test_write_off_in_part_granted_books_it(db, staff, tmp_path):
    debt_id = debt_of(db, staff)
    text = _decide(db, staff, debt_id, DebtRequestKind.WRITE_OFF,
                   debts.RulingForm(grant=True, amount="105.00"), tmp_path, "umorzenie",
                   asked_amount="105.00")
    assert "art. 98 ust. 1, art. 104 ust. 4 i art. 110 ust. 7" in text
    assert "po rozpatrzeniu wniosku strony z dnia 20.11.2026 r. o umorzenie należności" in text
    assert "Umarzam w części, w kwocie 105,00 zł" in text
    assert "w kwocie 200,00 zł, podlega zwrotowi" in text
    assert "Samorządowego Kolegium Odwoławczego" in text
    detail = db.read(lambda s: debts.debt_detail(s, debt_id, actor=staff.benefits, today=ON))
    assert detail.row.balance == D("200.00")
    assert detail.schedule == ((date(2026, 12, 15), D("200.00")),)


def test_instalments_granted_replace_the_terms_on_working_days(db, staff, tmp_path):
    debt_id = debt_of(db, staff)
    text = _decide(db, staff, debt_id, DebtRequestKind.INSTALMENTS,
                   debts.RulingForm(grant=True, instalments=3, due_on=date(2027, 1, 10)),
                   tmp_path, "raty", asked_instalments=3)
    assert "Rozkładam na 3 raty należność z tytułu" in text
    # 10 January 2027 is a Sunday: due the next working day.
    assert "1) do dnia 11.01.2027 r. — 101,66 zł" in text
    assert "3) do dnia 10.03.2027 r. — 101,68 zł" in text
    detail = db.read(lambda s: debts.debt_detail(s, debt_id, actor=staff.benefits, today=ON))
    assert [due for due, _ in detail.schedule] == [date(2027, 1, 11), date(2027, 2, 10),
                                                   date(2027, 3, 10)]


def test_deferral_refused_keeps_the_debt(db, staff, tmp_path):
    debt_id = debt_of(db, staff)
    text = _decide(db, staff, debt_id, DebtRequestKind.DEFERRAL,
                   debts.RulingForm(grant=False), tmp_path, "odroczenie",
                   asked_due_on=date(2027, 6, 30))
    assert "Odmawiam odroczenia terminu płatności należności" in text
    assert "o odroczenie terminu płatności należności" in text
    detail = db.read(lambda s: debts.debt_detail(s, debt_id, actor=staff.benefits, today=ON))
    assert detail.schedule == ((date(2026, 12, 15), D("305.00")),)
    assert detail.requests[0].state_text.endswith("odmowa")


def test_deduction_from_the_next_payout_list(db, staff, tmp_path):
    from opsdesk.models.enums import DecisionKind, DeliveryMethod, PayoutMethod
    from opsdesk.services import payouts
    from tests.factories import correction

    case_id, root_id = paid_november(db, staff)
    issued(db, staff, correction(case_id, root_id, DecisionKind.CHANGING, date(2026, 12, 1),
                                 period_to=date(2026, 12, 31)), today=ON)
    rep = issued(db, staff, repayment(case_id, root_id), today=ON)
    db.write(lambda s: decisions.record_delivery(s, rep.id, actor=staff.benefits,
                                                 method=DeliveryMethod.HANDED_OVER, on=ON,
                                                 today=ON))
    db.write(lambda s: decisions.record_waiver(s, rep.id, actor=staff.benefits, on=ON,
                                               today=ON))
    debt_id = db.read(lambda s: debts.list_debts(s, actor=staff.benefits, today=ON))[0].id
    db.write(lambda s: debts.set_deduction(s, debt_id, actor=staff.benefits,
                                           per_payout="100.00"))
    day = date(2026, 12, 10)
    list_id = db.write(lambda s: payouts.prepare_payout_list(
        s, actor=staff.benefits, payout_date=day, method=PayoutMethod.CASH, today=day))
    text = pdf_text(db.write(lambda s: payouts.payout_list_pdf(s, list_id,
                                                               actor=staff.benefits)))
    assert "potrącono 100,00 zł na należność" in text
    detail = db.read(lambda s: debts.debt_detail(s, debt_id, actor=staff.benefits, today=day))
    assert detail.row.balance == D("305.00") and detail.ledger[0].booked_on is None
    db.write(lambda s: payouts.approve_payout_list(s, list_id, actor=staff.head, today=day))
    db.write(lambda s: payouts.record_list_paid(s, list_id, actor=staff.benefits,
                                                paid_on=day, today=day))
    detail = db.read(lambda s: debts.debt_detail(s, debt_id, actor=staff.benefits, today=day))
    assert detail.row.balance == D("205.00") and detail.ledger[0].booked_on == day


def test_write_off_refused_keeps_the_debt(db, staff, tmp_path):
    debt_id = debt_of(db, staff)
    text = _decide(db, staff, debt_id, DebtRequestKind.WRITE_OFF,
                   debts.RulingForm(grant=False), tmp_path, "umorzenie-odmowa")
    assert "Odmawiam umorzenia należności" in text
    detail = db.read(lambda s: debts.debt_detail(s, debt_id, actor=staff.benefits, today=ON))
    assert detail.row.balance == D("305.00") and detail.ledger == ()
    assert detail.requests[0].state_text.endswith("odmowa")


def test_instalments_refused_keep_the_term(db, staff, tmp_path):
    debt_id = debt_of(db, staff)
    text = _decide(db, staff, debt_id, DebtRequestKind.INSTALMENTS,
                   debts.RulingForm(grant=False), tmp_path, "raty-odmowa",
                   asked_instalments=6)
    assert "Odmawiam rozłożenia na raty należności" in text
    detail = db.read(lambda s: debts.debt_detail(s, debt_id, actor=staff.benefits, today=ON))
    assert detail.schedule == ((date(2026, 12, 15), D("305.00")),)


def test_deferral_granted_moves_the_term_to_a_working_day(db, staff, tmp_path):
    debt_id = debt_of(db, staff)
    # 1 May 2027 is a holiday (and a Saturday): due the next working day, 4 May.
    text = _decide(db, staff, debt_id, DebtRequestKind.DEFERRAL,
                   debts.RulingForm(grant=True, due_on=date(2027, 5, 1)), tmp_path,
                   "odroczenie-zgoda", asked_due_on=date(2027, 5, 1))
    assert "Odraczam termin płatności należności" in text
    detail = db.read(lambda s: debts.debt_detail(s, debt_id, actor=staff.benefits, today=ON))
    assert detail.schedule == ((date(2027, 5, 4), D("305.00")),)


def test_the_list_of_debts_reads_as_much_for_two_debts_as_for_one(db, staff):
    """Where each debt stands is read for the whole list at once, not debt by debt: on the
    network drive every statement is a round trip."""
    from sqlalchemy import event

    statements: list[str] = []

    def count(_conn, _cursor, sql, *_rest):  # type: ignore[no-untyped-def]
        statements.append(sql)

    def listed() -> int:
        statements.clear()
        event.listen(db.engine, "before_cursor_execute", count)
        try:
            rows = db.read(lambda s: debts.list_debts(s, actor=staff.benefits, today=ON))
        finally:
            event.remove(db.engine, "before_cursor_execute", count)
        return len(rows)

    debt_of(db, staff)
    assert listed() == 1
    one = len(statements)
    case_id, root_id = paid_november(db, staff, who=JERZY)
    revoked(db, staff, case_id, root_id)
    issued(db, staff, repayment(case_id, root_id), today=ON)
    assert listed() == 2
    assert len(statements) == one
