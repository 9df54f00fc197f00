"""Niebieska Karta: the NK-A received, the group formed, its meetings, NK-C and NK-D, the
closure — each step's deadline (working days, rules.BLUE_CARD_PERIODS) and its overdue flag;
seen only by social work and the head, every opening audited; in the head's deadlines."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from opsdesk.errors import PermissionDenied, ValidationError
from opsdesk.models import AuditEntry
from opsdesk.models.enums import AuditAction, Team
from opsdesk.services import blue_card, evaluation
from tests.factories import WORKDAY, register_card


def detail(db, staff, card_id, actor=None):
    return db.write(lambda s: blue_card.card_detail(s, card_id, actor=actor or staff.social))


def test_deadlines_counted_in_working_days_from_the_receipt(db, staff):
    card_id = register_card(db, staff)
    d = detail(db, staff, card_id)
    assert d.row.number == "NK/1/2026"
    steps = {s.key: s for s in d.steps}
    # Received Tuesday 3.11: three working days → Friday 6.11; five → Tuesday 10.11.
    assert steps["group"].due == date(2026, 11, 6) and steps["group"].overdue(WORKDAY)
    assert steps["meeting"].due == date(2026, 11, 10) and not steps["meeting"].overdue(WORKDAY)
    assert steps["nk_c"].due == date(2026, 11, 10)
    assert steps["nk_d"].due is None  # no date until the suspected person is summoned
    assert "to_chair" not in steps  # the police filled it in
    assert d.row.status(WORKDAY) == ("utworzenie grupy diagnostyczno-pomocowej do 06.11.2026 — "
                                   "po terminie (4 dni)")


def test_a_form_filled_here_has_five_working_days_to_reach_the_chair(db, staff):
    card_id = register_card(db, staff, initiated_by="GOPS — Józef Ćwikła", filled_here=True,
                            received_on=None, initiated_on=date(2026, 11, 6))
    [first, *_] = detail(db, staff, card_id).steps
    # Friday 6.11 + 5 working days, 11.11 a holiday: 9, 10, 12, 13, 16 → 16.11.
    assert (first.key, first.due, first.done) == ("to_chair", date(2026, 11, 16), None)
    db.write(lambda s: blue_card.record_received(s, card_id, actor=staff.social,
                                                 on=date(2026, 11, 9), today=WORKDAY))
    assert detail(db, staff, card_id).steps[0].done == date(2026, 11, 9)
    with pytest.raises(ValidationError, match="Podaj datę: Data otrzymania"):
        register_card(db, staff, detail(db, staff, card_id).row.person_id, received_on=None)


def test_the_procedure_step_by_step_to_its_closure(db, staff):
    card_id = register_card(db, staff)
    with pytest.raises(ValidationError, match="Najpierw odnotuj utworzenie grupy"):
        db.write(lambda s: blue_card.add_meeting(s, card_id, actor=staff.social,
                                                 held_on=date(2026, 11, 5), today=WORKDAY))
    db.write(lambda s: blue_card.form_group(
        s, card_id, actor=staff.social, on=date(2026, 11, 5), today=WORKDAY,
        members="Józef Ćwikła (GOPS), st. sierż. Jan Kowal (Policja), pedagog szkolny"))
    with pytest.raises(ValidationError, match="osobno"):
        db.write(lambda s: blue_card.add_meeting(s, card_id, actor=staff.social,
                                                 held_on=date(2026, 11, 9), with_victim=True,
                                                 with_suspect=True, today=WORKDAY))
    db.write(lambda s: blue_card.add_meeting(s, card_id, actor=staff.social,
                                             held_on=date(2026, 11, 9), with_victim=True,
                                             notes="Plan pomocy uzgodniony.", today=WORKDAY))
    db.write(lambda s: blue_card.plan_nk_d(s, card_id, actor=staff.social,
                                           on=date(2026, 11, 16), today=WORKDAY))
    d = detail(db, staff, card_id)
    steps = {s.key: s for s in d.steps}
    assert steps["meeting"].done == steps["nk_c"].done == date(2026, 11, 9)
    assert steps["nk_d"].due == date(2026, 11, 16) and steps["nk_d"].done is None
    assert d.row.next.key == "nk_d"
    db.write(lambda s: blue_card.close_card(s, card_id, actor=staff.social,
                                            on=date(2026, 11, 10), closure="CEASED",
                                            today=WORKDAY))
    assert detail(db, staff, card_id).row.status(WORKDAY) == "zakończona 10.11.2026"
    with pytest.raises(ValidationError, match="zakończona"):
        db.write(lambda s: blue_card.plan_nk_d(s, card_id, actor=staff.social,
                                               on=date(2026, 11, 20), today=WORKDAY))


def test_closure_after_violence_ceased_needs_the_nk_c(db, staff):
    card_id = register_card(db, staff)
    with pytest.raises(ValidationError, match="NK-C"):
        db.write(lambda s: blue_card.close_card(s, card_id, actor=staff.social, on=WORKDAY,
                                                closure="CEASED", today=WORKDAY))
    db.write(lambda s: blue_card.close_card(s, card_id, actor=staff.social, on=WORKDAY,
                                            closure="UNFOUNDED", today=WORKDAY))


def test_only_social_work_and_the_head_see_it_and_reads_are_audited(db, staff):
    card_id = register_card(db, staff)
    for actor in (staff.benefits, staff.desk, staff.admin):
        with pytest.raises(PermissionDenied):
            db.read(lambda s, a=actor: blue_card.cards(s, actor=a))
    detail(db, staff, card_id, actor=staff.head)
    reads = db.read(lambda s: s.scalars(select(AuditEntry.user_id).where(
        AuditEntry.action == AuditAction.READ, AuditEntry.entity == "BlueCard")).all())
    assert reads == [staff.head.id]


def test_open_steps_are_in_the_heads_deadlines(db, staff):
    register_card(db, staff)
    found = db.read(lambda s: evaluation.centre_deadlines(s, actor=staff.head, today=WORKDAY,
                                                          team=Team.SOCIAL_WORK))
    cards = [d for d in found if d.what.startswith("Niebieska Karta")]
    assert [(d.what, d.deadline.label, d.deadline.due, d.worker_name) for d in cards] == [
        ("Niebieska Karta NK/1/2026", "utworzenie grupy diagnostyczno-pomocowej",
         date(2026, 11, 6), "Józef Ćwikła"),
        ("Niebieska Karta NK/1/2026", "pierwsze posiedzenie grupy", date(2026, 11, 10),
         "Józef Ćwikła"),
        ("Niebieska Karta NK/1/2026", "NK-C z osobą doznającą przemocy", date(2026, 11, 10),
         "Józef Ćwikła")]
    assert cards[0].deadline.mark(WORKDAY) == "past"


def test_list_puts_the_nearest_deadline_first(db, staff):
    later = register_card(db, staff)
    db.write(lambda s: blue_card.form_group(s, later, actor=staff.social,
                                            on=date(2026, 11, 5), members="GOPS, Policja",
                                            today=WORKDAY))
    pid = detail(db, staff, later).row.person_id
    sooner = register_card(db, staff, pid, received_on=date(2026, 11, 2))
    rows = db.read(lambda s: blue_card.cards(s, actor=staff.social, open_only=True))
    assert [r.id for r in rows] == [sooner, later]
