"""The appeal's path (issue 16, item 1; kpa art. 132–138): the 7-day forwarding deadline in
the queue, the organ's own revision, the SKO's rulings and what each does to finality, to
the payouts and to the case."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from opsdesk.errors import ValidationError
from opsdesk.models import Case, Decision, Payout
from opsdesk.models.enums import (
    AppealOutcome,
    CaseStatus,
    DecisionKind,
    DeliveryMethod,
    PayoutStatus,
)
from opsdesk.services import decisions, queue
from tests.factories import D, correction, grant, new_income, single_case
from tests.factories import issue_decision as issued


def planned(db, ids):
    return db.read(lambda s: [(p.period_from, p.period_to, p.amount) for p in s.scalars(
        select(Payout).where(Payout.decision_id.in_(ids), Payout.status != PayoutStatus.CANCELLED)
        .order_by(Payout.period_from))])


def appealed(db, staff, amount="305.00"):
    """A grant delivered by post on 13.11.2026 and appealed on Friday 20.11.2026."""
    pid, case_id = single_case(db, staff, "400.00")
    root = issued(db, staff, grant(case_id, amount=amount), today=date(2026, 11, 10))
    db.write(lambda s: decisions.record_delivery(
        s, root.id, actor=staff.benefits, method=DeliveryMethod.POST_ZPO,
        on=date(2026, 11, 13), today=date(2026, 11, 20)))
    db.write(lambda s: decisions.record_appeal(s, root.id, actor=staff.benefits,
                                               on=date(2026, 11, 20), today=date(2026, 11, 20)))
    return pid, case_id, root


def forwarded(db, staff, root, on=date(2026, 11, 25)):
    db.write(lambda s: decisions.record_forwarding(s, root.id, actor=staff.benefits, on=on,
                                                   today=on))


def ruling(db, staff, root, outcome, ruled=date(2026, 12, 10), delivered=date(2026, 12, 15),
           today=date(2026, 12, 16)):
    db.write(lambda s: decisions.record_sko_ruling(
        s, root.id, actor=staff.benefits, outcome=outcome, ruled_on=ruled,
        sign="SKO.4110.123.2026", delivered_on=delivered, today=today))


def finality_row(db, staff, decision_id, today):
    rows = db.read(lambda s: decisions.awaiting_finality(s, actor=staff.benefits, today=today))
    return next((r for r in rows if r.decision_id == decision_id), None)


def test_the_forwarding_deadline_shows_in_the_queue_and_turns_overdue(db, staff):
    _pid, case_id, root = appealed(db, staff)
    # 20.11 + 7 days = Friday 27.11.2026 (kpa art. 133).
    on_time = db.read(lambda s: queue.benefits_queue(s, actor=staff.benefits,
                                                     today=date(2026, 11, 26)))
    row = next(r for r in on_time if r.case_id == case_id)
    due = next(d for d in row.deadlines if "SKO" in d.label)
    assert due.due == date(2026, 11, 27) and due.mark(date(2026, 11, 26)) == "near"
    late = db.read(lambda s: queue.benefits_queue(s, actor=staff.benefits, overdue_only=True,
                                                  today=date(2026, 11, 30)))
    row = next(r for r in late if r.case_id == case_id)
    assert "przekazanie odwołania do SKO (art. 133 kpa) do 27.11.2026 — po terminie (3 dni)" in \
        [d.text(date(2026, 11, 30)) for d in row.deadlines]
    fin = finality_row(db, staff, root.id, date(2026, 11, 30))
    assert fin.forward_due == date(2026, 11, 27)
    assert fin.appeal == "przekazać do SKO do 27.11.2026 r. — po terminie (art. 133 kpa)"
    with pytest.raises(ValidationError, match="przed jego wniesieniem"):
        forwarded(db, staff, root, on=date(2026, 11, 19))
    forwarded(db, staff, root, on=date(2026, 11, 30))
    after = db.read(lambda s: queue.benefits_queue(s, actor=staff.benefits,
                                                   today=date(2026, 11, 30)))
    assert not any("SKO" in d.label for r in after if r.case_id == case_id for d in r.deadlines)
    assert finality_row(db, staff, root.id, date(2026, 12, 1)).appeal == \
        "przekazano do SKO 30.11.2026 r."


def test_upheld_the_decision_is_final_when_the_ruling_is_delivered(db, staff):
    _pid, _case_id, root = appealed(db, staff)
    with pytest.raises(ValidationError, match="Najpierw odnotuj przekazanie"):
        ruling(db, staff, root, AppealOutcome.UPHELD)
    forwarded(db, staff, root)
    db.write(lambda s: decisions.record_sko_ruling(
        s, root.id, actor=staff.benefits, outcome=AppealOutcome.UPHELD,
        ruled_on=date(2026, 12, 10), sign="SKO.4110.123.2026", today=date(2026, 12, 11)))
    row = finality_row(db, staff, root.id, date(2026, 12, 11))
    assert row.final_on is None and "nie doręczono" in row.appeal
    with pytest.raises(ValidationError, match="poprzedzać"):
        db.write(lambda s: decisions.record_sko_delivery(
            s, root.id, actor=staff.benefits, on=date(2026, 12, 9), today=date(2026, 12, 16)))
    db.write(lambda s: decisions.record_sko_delivery(
        s, root.id, actor=staff.benefits, on=date(2026, 12, 15), today=date(2026, 12, 16)))
    assert finality_row(db, staff, root.id, date(2026, 12, 14)).final_on == date(2026, 12, 15)
    assert finality_row(db, staff, root.id, date(2026, 12, 16)) is None  # final: off the list


def test_a_grant_taken_away_by_the_sko_pays_nothing_after_the_delivery(db, staff):
    _pid, _case_id, root = appealed(db, staff)
    forwarded(db, staff, root)
    ruling(db, staff, root, AppealOutcome.REFORMED)
    # Nov paid as planned; December only up to the day before the ruling reached the party.
    assert planned(db, [root.id]) == [
        (date(2026, 11, 1), date(2026, 11, 30), D("305.00")),
        (date(2026, 12, 1), date(2026, 12, 14), D("137.74"))]
    assert finality_row(db, staff, root.id, date(2026, 12, 16)) is None


def test_remanded_the_case_is_open_again_with_a_decision_deadline(db, staff):
    _pid, case_id, root = appealed(db, staff)
    forwarded(db, staff, root)
    ruling(db, staff, root, AppealOutcome.REMANDED)
    assert db.read(lambda s: s.get(Case, case_id).status) is CaseStatus.IN_PROGRESS
    rows = db.read(lambda s: queue.benefits_queue(s, actor=staff.benefits,
                                                  today=date(2026, 12, 16)))
    row = next(r for r in rows if r.case_id == case_id)
    # kpa art. 35: a month from the ruling's return (15.12) — 15.01.2027, a Friday.
    assert any(d.label == "decyzja" and d.due == date(2027, 1, 15) for d in row.deadlines)
    assert planned(db, [root.id])[-1][1] == date(2026, 12, 14)


def test_a_late_appeal_the_decision_was_final_when_the_period_ran_out(db, staff):
    pid, case_id = single_case(db, staff, "400.00")
    root = issued(db, staff, grant(case_id), today=date(2026, 11, 10))
    db.write(lambda s: decisions.record_delivery(
        s, root.id, actor=staff.benefits, method=DeliveryMethod.POST_ZPO,
        on=date(2026, 11, 12), today=date(2026, 11, 12)))
    db.write(lambda s: decisions.record_appeal(s, root.id, actor=staff.benefits,
                                               on=date(2026, 11, 30), today=date(2026, 11, 30)))
    forwarded(db, staff, root, on=date(2026, 12, 1))
    ruling(db, staff, root, AppealOutcome.LATE)
    # 12.11 + 14 = Thursday 26.11: final on 27.11 (art. 134: the late appeal changed nothing).
    d = db.read(lambda s: s.get(Decision, root.id))
    from opsdesk.services.payouts.schedule import final_on
    assert final_on(d) == date(2026, 11, 27)


def test_the_organ_revises_its_own_decision_within_seven_days_only(db, staff):
    _pid, _case_id, root = appealed(db, staff)
    with pytest.raises(ValidationError, match="w ciągu 7 dni"):
        db.write(lambda s: decisions.record_self_revision(
            s, root.id, actor=staff.benefits, on=date(2026, 11, 30), sign="OPS.DEC.9.2026",
            today=date(2026, 11, 30)))
    db.write(lambda s: decisions.record_self_revision(
        s, root.id, actor=staff.benefits, on=date(2026, 11, 26), sign="OPS.DEC.9.2026",
        today=date(2026, 11, 26)))
    assert finality_row(db, staff, root.id, date(2026, 11, 27)) is None
    with pytest.raises(ValidationError, match="już przekazane"):
        forwarded(db, staff, root, on=date(2026, 11, 27))


def test_a_lowering_change_the_sko_took_away_never_reaches_the_payouts(db, staff):
    pid, case_id = single_case(db, staff, "0")
    root = issued(db, staff, grant(case_id, amount="800.00",
                                   justification="Strona nie ma żadnych środków."),
                  today=date(2026, 11, 10))
    new_income(db, staff, pid, case_id, "300.00", date(2026, 11, 20))
    change = issued(db, staff, correction(case_id, root.id, DecisionKind.CHANGING,
                                          date(2026, 12, 1), amount=D("600.00")),
                    today=date(2026, 11, 20))
    db.write(lambda s: decisions.record_delivery(
        s, change.id, actor=staff.benefits, method=DeliveryMethod.POST_ZPO,
        on=date(2026, 11, 23), today=date(2026, 11, 23)))
    db.write(lambda s: decisions.record_appeal(s, change.id, actor=staff.benefits,
                                               on=date(2026, 11, 24), today=date(2026, 11, 24)))
    forwarded(db, staff, change)
    ruling(db, staff, change, AppealOutcome.ANNULLED)
    assert not db.read(lambda s: s.get(Decision, change.id).awaits_finality)
    assert [p[2] for p in planned(db, [root.id, change.id])] == [D("800.00")] * 3
