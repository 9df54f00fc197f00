"""Delivery and finality (issue 16, item 1): the delivery register, the appeal period from
delivery (kpa art. 129 § 2, art. 57 § 4), the waiver (art. 127a), an appeal lodged, and a
correction against the party carried out only once final (art. 130) or at once with rygor
(art. 108)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from opsdesk.errors import ValidationError
from opsdesk.models import Decision, Payout
from opsdesk.models.enums import DecisionKind, DeliveryMethod, PayoutMethod, PayoutStatus
from opsdesk.services import decisions, desk, payouts
from opsdesk.services.decisions import finality
from tests.factories import D, correction, grant, new_income, single_case
from tests.factories import issue_decision as issued
from tests.pdf_helpers import pdf_text


def planned(db, ids):
    return db.read(lambda s: [(p.period_from, p.period_to, p.amount) for p in s.scalars(
        select(Payout).where(Payout.decision_id.in_(ids), Payout.status != PayoutStatus.CANCELLED)
        .order_by(Payout.period_from))])


def test_the_desk_records_delivery_and_the_appeal_end_moves_off_a_holiday(db, staff):
    pid, case_id = single_case(db, staff, "400.00")
    root = issued(db, staff, grant(case_id, amount="305.00"), today=date(2026, 11, 10))
    # Handed over on Thursday 10.12: 14 days end on Thursday 24.12 — Wigilia, a holiday
    # from 2025, then 25–27.12 (holidays, Sunday): the period ends on Monday 28.12.
    db.write(lambda s: desk.hand_over(s, root.handover_id, actor=staff.desk,
                                      handed_to="Zofia", on=date(2026, 12, 10)))
    rows = db.read(lambda s: decisions.awaiting_finality(s, actor=staff.benefits,
                                                         today=date(2026, 12, 20)))
    row = next(r for r in rows if r.decision_id == root.id)
    assert row.delivery_method is DeliveryMethod.HANDED_OVER
    assert row.delivered_on == date(2026, 12, 10)
    assert row.appeal_end == date(2026, 12, 28)
    assert row.final_on == date(2026, 12, 29)
    assert row.state == "termin na odwołanie do 28.12.2026 r."
    later = db.read(lambda s: decisions.awaiting_finality(s, actor=staff.benefits,
                                                           today=date(2026, 12, 29)))
    assert root.id not in {r.decision_id for r in later}


def test_post_with_zpo_waiver_and_appeal(db, staff):
    pid, case_id = single_case(db, staff, "400.00")
    root = issued(db, staff, grant(case_id), today=date(2026, 11, 10))
    with pytest.raises(ValidationError, match="Najpierw odnotuj doręczenie"):
        db.write(lambda s: decisions.record_waiver(s, root.id, actor=staff.benefits,
                                                   on=date(2026, 11, 12),
                                                   today=date(2026, 11, 20)))
    with pytest.raises(ValidationError, match="wcześniejsza niż data wydania"):
        db.write(lambda s: decisions.record_delivery(
            s, root.id, actor=staff.benefits, method=DeliveryMethod.POST_ZPO,
            on=date(2026, 11, 9), today=date(2026, 11, 20)))
    with pytest.raises(ValidationError, match="przyszłą"):
        db.write(lambda s: decisions.record_delivery(
            s, root.id, actor=staff.benefits, method=DeliveryMethod.POST_ZPO,
            on=date(2026, 11, 21), today=date(2026, 11, 20)))
    db.write(lambda s: decisions.record_delivery(
        s, root.id, actor=staff.benefits, method=DeliveryMethod.POST_ZPO,
        on=date(2026, 11, 13), today=date(2026, 11, 20)))
    with pytest.raises(ValidationError, match="odnotowano już"):
        db.write(lambda s: decisions.record_delivery(
            s, root.id, actor=staff.benefits, method=DeliveryMethod.E_DORECZENIA,
            on=date(2026, 11, 14), today=date(2026, 11, 20)))
    db.write(lambda s: decisions.record_appeal(s, root.id, actor=staff.benefits,
                                               on=date(2026, 11, 20),
                                               today=date(2026, 11, 20)))
    row = next(r for r in db.read(lambda s: decisions.awaiting_finality(
        s, actor=staff.benefits, today=date(2027, 1, 20))) if r.decision_id == root.id)
    assert row.state == "odwołanie wniesiono 20.11.2026 r." and row.final_on is None
    with pytest.raises(ValidationError, match="art. 127a"):
        db.write(lambda s: decisions.record_waiver(s, root.id, actor=staff.benefits,
                                                   on=date(2026, 11, 21),
                                                   today=date(2026, 11, 21)))


def test_a_lowering_change_waits_and_a_waiver_carries_it_out_at_once(db, staff):
    pid, case_id = single_case(db, staff, "0")  # 1010 zł: 505.00–1010.00
    root = issued(db, staff, grant(case_id, amount="800.00",
                                   justification="Strona nie ma żadnych środków."),
                  today=date(2026, 11, 10))
    new_income(db, staff, pid, case_id, "300.00", date(2026, 11, 20))  # 355.00–710.00
    change = issued(db, staff, correction(case_id, root.id, DecisionKind.CHANGING,
                                          date(2026, 12, 1), amount=D("600.00")),
                    today=date(2026, 11, 20))
    assert db.read(lambda s: s.get(Decision, change.id).awaits_finality)
    assert planned(db, [root.id, change.id])[1] == (date(2026, 12, 1), date(2026, 12, 31),
                                                    D("800.00"))
    # Another correction of the same grant must wait.
    with pytest.raises(ValidationError, match="czeka na ostateczność"):
        issued(db, staff, correction(case_id, root.id, DecisionKind.REVOKING,
                                     date(2027, 1, 1)), today=date(2026, 11, 23))
    db.write(lambda s: decisions.record_delivery(
        s, change.id, actor=staff.benefits, method=DeliveryMethod.E_DORECZENIA,
        on=date(2026, 11, 23), today=date(2026, 11, 24)))
    db.write(lambda s: decisions.record_waiver(s, change.id, actor=staff.benefits,
                                               on=date(2026, 11, 24),
                                               today=date(2026, 11, 24)))
    assert not db.read(lambda s: s.get(Decision, change.id).awaits_finality)
    assert planned(db, [root.id, change.id])[1:] == [
        (date(2026, 12, 1), date(2026, 12, 31), D("600.00")),
        (date(2027, 1, 1), date(2027, 1, 31), D("600.00"))]


def test_a_revocation_final_after_a_paid_month_leaves_the_paid_month(db, staff):
    pid, case_id = single_case(db, staff, "400.00")
    root = issued(db, staff, grant(case_id), today=date(2026, 11, 10))
    revoke = issued(db, staff, correction(case_id, root.id, DecisionKind.REVOKING,
                                          date(2026, 12, 1)), today=date(2026, 11, 20))
    db.write(lambda s: desk.hand_over(s, revoke.handover_id, actor=staff.desk,
                                      handed_to="Zofia", on=date(2026, 11, 30)))
    # December is paid on 10.12, while the revocation is not yet final (until 14.12).
    list_id = db.write(lambda s: payouts.prepare_payout_list(
        s, actor=staff.benefits, payout_date=date(2026, 12, 10), method=PayoutMethod.CASH,
        today=date(2026, 12, 9)))
    db.write(lambda s: payouts.approve_payout_list(s, list_id, actor=staff.head,
                                                   today=date(2026, 12, 9)))
    # Final on 15.12: the next list carries it out; January is no longer paid.
    assert db.write(lambda s: finality.carry_out_final(s, today=date(2026, 12, 14))) == []
    assert db.write(lambda s: finality.carry_out_final(s, today=date(2026, 12, 15))) == [
        revoke.id]
    assert planned(db, [root.id, revoke.id]) == [
        (date(2026, 11, 1), date(2026, 11, 30), D("305.00")),
        (date(2026, 12, 1), date(2026, 12, 31), D("305.00"))]


def test_rygor_is_carried_out_at_once_and_its_reasons_printed(db, staff):
    pid, case_id = single_case(db, staff, "400.00")
    root = issued(db, staff, grant(case_id), today=date(2026, 11, 10))
    reason = "Strona wyjechała za granicę na stałe; wypłata byłaby nienależna."
    revoke = issued(db, staff, correction(case_id, root.id, DecisionKind.REVOKING,
                                          date(2027, 1, 1),
                                          immediate_enforcement_reason=reason),
                    today=date(2026, 11, 20))
    assert not db.read(lambda s: s.get(Decision, revoke.id).awaits_finality)
    assert planned(db, [root.id])[-1][0] == date(2026, 12, 1)
    text = pdf_text(db.write(lambda s: decisions.decision_pdf(s, revoke.id,
                                                              actor=staff.benefits)))
    assert "rygor natychmiastowej wykonalności na podstawie art. 108 § 1" in text
    assert reason in text
