"""Payout lists, "Kasa wypłaci" receipts and the bank file, through the services on a real
SQLite file; every document read back with pypdf."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from sqlalchemy import select

from opsdesk.errors import PermissionDenied, ValidationError
from opsdesk.models import CashReceipt, Payout
from opsdesk.models.enums import (
    BenefitKind,
    DecisionKind,
    DocumentKind,
    PayoutListStatus,
    PayoutMethod,
    PayoutStatus,
)
from opsdesk.services import desk, payouts
from opsdesk.services.decisions.views import DecisionForm
from opsdesk.services.payouts.schedule import period_text
from tests.factories import (
    ACCOUNT,
    WORKDAY,
    D,
    approve,
    grant_and_issue,
    issue_decision,
    prepare,
    single_case,
    two_clients,
)
from tests.pdf_helpers import pdf_pages, pdf_text


def detail(db, staff, list_id):
    return db.read(lambda s: payouts.payout_list_detail(s, list_id, actor=staff.benefits))


@pytest.mark.parametrize(("start", "end", "text"), [
    (date(2026, 11, 1), date(2026, 11, 30), "listopad 2026 r."),
    (date(2026, 11, 15), date(2026, 11, 30), "15.11.2026–30.11.2026"),
    (date(2026, 11, 17), date(2026, 11, 17), "17.11.2026 r."),
])
def test_period_text(start, end, text):
    assert period_text(start, end) == text


def test_cash_list_prepared_approved_paid(db, staff):
    a, b = two_clients(db, staff)
    assert [p.amount for p in db.read(lambda s: payouts.payouts_due(
        s, actor=staff.benefits, payout_date=date(2026, 11, 12),
        method=PayoutMethod.CASH))] == [D("305.00"), D("1010.00")]
    list_id = prepare(db, staff)
    view = detail(db, staff, list_id)
    assert view.row.number == "LW/1/2026" and view.row.status is PayoutListStatus.PREPARED
    assert view.row.total == D("1315.00")
    assert view.total_in_words == "jeden tysiąc trzysta piętnaście złotych 00/100"
    # Only November is due by 12 November; December waits for its own list.
    assert [p.period_text for p in view.payouts] == ["listopad 2026 r."] * 2
    with pytest.raises(ValidationError, match="Brak wypłat"):
        prepare(db, staff)  # nothing left for that day
    receipts = approve(db, staff, list_id)
    assert len(receipts) == 2
    view = detail(db, staff, list_id)
    assert view.row.status is PayoutListStatus.APPROVED
    assert (view.row.approved_by, view.row.approved_on) == ("Grażyna Wiśniewska",
                                                            date(2026, 11, 12))
    assert [p.receipt_number for p in view.payouts] == ["KW/1/2026", "KW/2/2026"]
    waiting = db.read(lambda s: desk.waiting_documents(s, actor=staff.desk))
    kw = [w for w in waiting if w.kind is DocumentKind.RECEIPT]
    assert [w.title for w in kw] == [
        "Kasa wypłaci nr KW/1/2026 — zasiłek okresowy, listopad 2026 r.",
        "Kasa wypłaci nr KW/2/2026 — zasiłek okresowy, listopad 2026 r."]
    db.write(lambda s: payouts.record_list_paid(s, list_id, actor=staff.benefits,
                                                paid_on=date(2026, 11, 12),
                                                today=date(2026, 11, 12)))
    view = detail(db, staff, list_id)
    assert view.row.status is PayoutListStatus.PAID
    assert {p.status for p in view.payouts} == {PayoutStatus.PAID}


def test_approving_twice_is_refused(db, staff):
    two_clients(db, staff)
    list_id = prepare(db, staff)
    approve(db, staff, list_id)
    with pytest.raises(ValidationError) as err:
        approve(db, staff, list_id)
    assert err.value.message == ("Lista wypłat nr LW/1/2026 została już zatwierdzona "
                                 "12.11.2026 r. (Grażyna Wiśniewska) — nie można zatwierdzić jej "
                                 "ponownie.")
    # Receipts were issued once only.
    assert db.read(lambda s: len(s.scalars(select(CashReceipt)).all())) == 2


def test_only_the_head_approves_and_a_list_waits_for_approval(db, staff):
    two_clients(db, staff)
    list_id = prepare(db, staff)
    with pytest.raises(PermissionDenied):
        db.write(lambda s: payouts.approve_payout_list(s, list_id, actor=staff.benefits))
    with pytest.raises(PermissionDenied):
        db.write(lambda s: payouts.prepare_payout_list(
            s, actor=staff.desk, payout_date=date(2026, 11, 12), method=PayoutMethod.CASH,
            today=WORKDAY))
    with pytest.raises(ValidationError, match="nie jest jeszcze zatwierdzona"):
        db.write(lambda s: payouts.record_list_paid(s, list_id, actor=staff.benefits,
                                                    paid_on=WORKDAY, today=WORKDAY))


def test_list_in_the_past_is_refused(db, staff):
    two_clients(db, staff)
    with pytest.raises(ValidationError, match="nie może być wcześniejsza niż dzisiaj"):
        prepare(db, staff, on=date(2026, 11, 9))


def test_removed_and_not_collected_payouts_wait_for_the_next_list(db, staff):
    a, b = two_clients(db, staff)
    list_id = prepare(db, staff)
    first, second = detail(db, staff, list_id).payouts
    assert detail(db, staff, list_id).row.count == 2
    db.write(lambda s: payouts.remove_from_list(s, list_id, second.id, actor=staff.benefits))
    assert [p.id for p in detail(db, staff, list_id).payouts if
            p.status is PayoutStatus.ON_LIST] == [first.id]
    # The line's count and total, kept on the list (payout_totals.py), follow at once.
    row = detail(db, staff, list_id).row
    assert (row.count, row.total) == (1, first.amount)
    assert [r.total for r in db.read(lambda s: payouts.payout_lists(
        s, actor=staff.benefits)) if r.id == list_id] == [first.amount]
    approve(db, staff, list_id)
    with pytest.raises(ValidationError, match="już zatwierdzona"):
        db.write(lambda s: payouts.remove_from_list(s, list_id, first.id, actor=staff.benefits))
    # Zofia did not come for her money: it goes back and keeps its receipt number.
    db.write(lambda s: payouts.record_list_paid(s, list_id, actor=staff.benefits,
                                                paid_on=date(2026, 11, 12), not_paid=(first.id,),
                                                today=date(2026, 11, 12)))
    again = prepare(db, staff, on=date(2026, 11, 13), today=date(2026, 11, 12))
    assert {p.id for p in detail(db, staff, again).payouts} == {first.id, second.id}
    approve(db, staff, again, today=date(2026, 11, 12))
    numbers = {p.id: p.receipt_number for p in detail(db, staff, again).payouts}
    assert numbers == {first.id: "KW/1/2026", second.id: "KW/2/2026"}


def test_not_in_full_is_paid_only_once_final(db, staff):
    _, case_id = single_case(db, staff, "400.00")
    result = grant_and_issue(db, staff, case_id, requested_amount=D("600.00"),
                             justification="Przyznano kwotę gwarantowaną.")
    with pytest.raises(ValidationError, match="Brak wypłat"):
        prepare(db, staff)  # not delivered: kpa art. 130 — not carried out before it is final
    handover = next(w for w in db.read(lambda s: desk.waiting_documents(s, actor=staff.desk))
                    if w.document_id == result.id)
    db.write(lambda s: desk.hand_over(s, handover.id, actor=staff.desk, handed_to="Zofia",
                                      on=date(2026, 11, 12)))
    # Delivered 12.11: appeal until 26.11; final — and payable — from 27.11.
    with pytest.raises(ValidationError, match="Brak wypłat"):
        prepare(db, staff, on=date(2026, 11, 26))
    list_id = prepare(db, staff, on=date(2026, 11, 27))
    assert detail(db, staff, list_id).row.total == D("305.00")


def test_open_ended_benefit_is_extended_when_a_list_is_drawn_up(db, staff):
    _, case_id = single_case(db, staff, "300.00", kind=BenefitKind.ZASILEK_STALY)
    result = grant_and_issue(db, staff, case_id, amount="1013.00",
                             kind=BenefitKind.ZASILEK_STALY, period_to=None)
    far = date(2028, 2, 1)
    list_id = prepare(db, staff, on=far)
    view = detail(db, staff, list_id)
    assert len(view.payouts) == 16  # November 2026 … February 2028
    assert view.payouts[-1].period_text == "luty 2028 r."
    assert view.row.total == D("1013.00") * 16
    months = db.read(lambda s: len(s.scalars(select(Payout).where(
        Payout.decision_id == result.id)).all()))
    assert months == 16


def test_cash_list_pdf_has_signature_column_and_totals_in_words(db, staff, tmp_path):
    two_clients(db, staff)
    list_id = prepare(db, staff)
    approve(db, staff, list_id)
    data = db.write(lambda s: payouts.payout_list_pdf(s, list_id, actor=staff.benefits))
    (tmp_path / "lista.pdf").write_bytes(data)
    text = pdf_text(data)
    for element in ("LISTA WYPŁAT nr LW/1/2026", "Data wypłaty: 12.11.2026 r.",
                    "gotówka w kasie", "Podpis odbierającego", "Data odbioru",
                    "Zofia Źdźbło-Gąsiorowska", "Jerzy Gąsiorowski", "85030412362",
                    "GOPS.8311.DEC.1.2026", "zasiłek okresowy", "listopad 2026 r.",
                    "305,00 zł", "1 010,00 zł", "Ogółem do wypłaty: 1 315,00 zł",
                    "słownie: jeden tysiąc trzysta piętnaście złotych 00/100",
                    "sporządził", "zatwierdził", "Grażyna Wiśniewska", "kasjer"):
        assert element in text, element


def test_receipt_two_copies_on_one_page(db, staff, tmp_path):
    two_clients(db, staff)
    list_id = prepare(db, staff)
    receipt_id = approve(db, staff, list_id)[0]
    data = db.write(lambda s: payouts.receipt_pdf(s, receipt_id, actor=staff.desk))
    (tmp_path / "kw.pdf").write_bytes(data)
    assert pdf_pages(data) == 1
    text = pdf_text(data)
    assert text.count("KASA WYPŁACI") == 2
    assert "Oryginał" in text and "Kopia" in text
    for element in ("nr KW/1/2026", "Zbąszynek, dnia 12.11.2026 r.", "Zofia Źdźbło-Gąsiorowska",
                    "PESEL 85030412362", "zasiłek okresowy, za okres: listopad 2026 r.",
                    "decyzja nr GOPS.8311.DEC.1.2026 z dnia 10.11.2026 r.", "305,00 zł",
                    "trzysta pięć złotych 00/100", "sporządził", "Anna Nowak", "zatwierdził",
                    "Grażyna Wiśniewska", "kasjer", "Dowód tożsamości odbiorcy"):
        assert element in text, element


def test_a_cash_lists_receipts_print_at_once_a_sheet_each(db, staff):
    two_clients(db, staff)
    list_id = prepare(db, staff)
    with pytest.raises(ValidationError, match="nie ma dowodów „Kasa wypłaci”"):
        db.write(lambda s: payouts.receipts_of_list_pdf(s, list_id, actor=staff.desk))
    approve(db, staff, list_id)
    data = db.write(lambda s: payouts.receipts_of_list_pdf(s, list_id, actor=staff.desk))
    assert pdf_pages(data) == 2
    text = pdf_text(data)
    assert text.count("KASA WYPŁACI") == 4
    assert text.index("nr KW/1/2026") < text.index("nr KW/2/2026")
    assert "Zofia Źdźbło-Gąsiorowska" in text and "Jerzy Gąsiorowski" in text


def test_transfer_list_exports_the_bank_file(db, staff):
    two_clients(db, staff, method=PayoutMethod.TRANSFER)
    list_id = prepare(db, staff, method=PayoutMethod.TRANSFER)
    with pytest.raises(ValidationError, match="nie jest jeszcze zatwierdzona"):
        db.write(lambda s: payouts.transfer_csv(s, list_id, actor=staff.benefits))
    assert approve(db, staff, list_id) == []  # no cash receipts for transfers
    data = db.write(lambda s: payouts.transfer_csv(s, list_id, actor=staff.benefits))
    lines = data.decode("utf-8").split("\r\n")
    assert lines[0] == ("Lp;Rachunek odbiorcy;Nazwa odbiorcy;Adres odbiorcy;Kwota;Tytuł;"
                        "Data wykonania;Referencja")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8")), delimiter=";"))
    assert rows[1] == ["1", ACCOUNT, "Zofia Źdźbło-Gąsiorowska", "ul. Łąkowa 3, 66-210 Zbąszynek",
                       "305,00", "zasiłek okresowy listopad 2026 r. decyzja GOPS.8311.DEC.1.2026",
                       "2026-11-12", "LW/1/2026/1"]
    assert rows[2][4] == "1010,00" and len(rows) == 3
    cp = db.write(lambda s: payouts.transfer_csv(s, list_id, actor=staff.benefits,
                                                 encoding="cp1250"))
    assert "Źdźbło".encode("cp1250") in cp
    text = pdf_text(db.write(lambda s: payouts.payout_list_pdf(s, list_id,
                                                                actor=staff.benefits)))
    assert "Nr rachunku" in text and "61 1090 1014 0000 0712 1981 2874" in text
    assert "przelew na rachunek bankowy" in text


def test_cash_list_has_no_bank_file(db, staff):
    two_clients(db, staff)
    list_id = prepare(db, staff)
    approve(db, staff, list_id)
    with pytest.raises(ValidationError, match="tylko z listy przelewów"):
        db.write(lambda s: payouts.transfer_csv(s, list_id, actor=staff.benefits))


def test_celowy_is_one_payout_on_its_day(db, staff):
    _, case_id = single_case(db, staff, "500.00", kind=BenefitKind.ZASILEK_CELOWY)
    form = DecisionForm(case_id=case_id, kind=DecisionKind.GRANTING,
                        benefit_kind=BenefitKind.ZASILEK_CELOWY, amount=D("333.33"),
                        period_from=date(2026, 11, 20), payout_method=PayoutMethod.CASH,
                        purpose="leki")
    issue_decision(db, staff, form, submit=False)
    with pytest.raises(ValidationError, match="Brak wypłat"):
        prepare(db, staff, on=date(2026, 11, 19))
    list_id = prepare(db, staff, on=date(2026, 11, 20))
    view = detail(db, staff, list_id)
    assert [(p.period_text, p.amount) for p in view.payouts] == [("20.11.2026 r.", D("333.33"))]


def test_demo_has_benefits_in_every_status(db):
    from opsdesk.demo import generate
    from opsdesk.models import Decision, Handover, Interview, PayoutList
    from opsdesk.models.enums import DecisionStatus

    generate(db, persons=300, today=date(2026, 11, 23))

    def counts(s):
        return (
            {(d.kind, d.status) for d in s.scalars(select(Decision))},
            {pl.status for pl in s.scalars(select(PayoutList))},
            {h.document_kind for h in s.scalars(select(Handover))},
            {i.completed for i in s.scalars(select(Interview))},
            {p.status for p in s.scalars(select(Payout))},
        )
    kinds, lists, documents, interviews_done, payout_states = db.read(counts)
    assert {s for _, s in kinds} == set(DecisionStatus)
    assert {k for k, _ in kinds} >= {DecisionKind.GRANTING, DecisionKind.REFUSING,
                                     DecisionKind.CHANGING, DecisionKind.SUSPENDING}
    assert lists == set(PayoutListStatus)
    assert documents >= {DocumentKind.DECISION, DocumentKind.RECEIPT, DocumentKind.NOTICE}
    assert interviews_done == {True, False}
    assert payout_states >= {PayoutStatus.PLANNED, PayoutStatus.ON_LIST, PayoutStatus.PAID,
                             PayoutStatus.CANCELLED}
