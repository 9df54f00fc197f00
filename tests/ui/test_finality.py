"""The Świadczenia tab's "Ostateczność decyzji" page driven through real widgets: a decision
sent by post is recorded as delivered, and the page shows the appeal's end."""

from __future__ import annotations

from datetime import date

from opsdesk import clock
from opsdesk.models import Decision
from opsdesk.models.enums import AppealOutcome, DeliveryMethod
from opsdesk.services import decisions
from opsdesk.ui.finality_panel import Event, FinalityPanel
from tests.factories import WORKDAY, grant, single_case
from tests.factories import issue_decision as issued
from tests.ui_helpers import Modal, click, click_ok, select_row_where


def test_a_delivery_by_post_is_recorded_from_the_queue(qtbot, db, staff, make_ctx, ui_env,
                                                       qtmodeltester, monkeypatch):
    clock.set_today(WORKDAY)  # the appeal is still running: the fixture resets the day
    pid, case_id = single_case(db, staff, "400.00")
    root = issued(db, staff, grant(case_id))  # issued on WORKDAY
    issued_on = db.read(lambda s: s.get(Decision, root.id).issued_on)
    panel = FinalityPanel(make_ctx(staff.benefits))
    qtbot.addWidget(panel)
    panel.show()
    qtmodeltester.check(panel.model)
    assert select_row_where(panel.view, lambda r: r.decision_id == root.id) >= 0
    assert panel.model.rows()[0].state == "nie doręczono"

    def fill(dialog) -> None:  # type: ignore[no-untyped-def]
        dialog.field("event").set_value(Event.DELIVERY)
        dialog.field("method").set_value(DeliveryMethod.POST_ZPO)
        dialog.field("on").setDate(issued_on)
        click_ok(dialog)
        assert not dialog.error_label.isVisible(), dialog.error_label.text()

    modal = Modal(qtbot)
    modal(fill)
    click(qtbot, panel.record)
    modal.check()
    d = db.read(lambda s: s.get(Decision, root.id))
    assert (d.delivered_on, d.delivery_method) == (issued_on, DeliveryMethod.POST_ZPO)
    row = panel.model.rows()[0]
    assert row.state.startswith("termin na odwołanie do ")
    assert row.appeal_end is not None and row.appeal_end >= date.fromordinal(
        issued_on.toordinal() + 14)


def test_the_forwarding_and_the_sko_ruling_are_recorded_from_the_queue(
        qtbot, db, staff, make_ctx, ui_env, monkeypatch):
    clock.set_today(date(2026, 12, 16))
    pid, case_id = single_case(db, staff, "400.00")
    root = issued(db, staff, grant(case_id), today=date(2026, 11, 10))
    db.write(lambda s: decisions.record_delivery(
        s, root.id, actor=staff.benefits, method=DeliveryMethod.POST_ZPO,
        on=date(2026, 11, 13), today=date(2026, 11, 20)))
    db.write(lambda s: decisions.record_appeal(s, root.id, actor=staff.benefits,
                                               on=date(2026, 11, 20), today=date(2026, 11, 20)))
    panel = FinalityPanel(make_ctx(staff.benefits))
    qtbot.addWidget(panel)
    panel.show()
    assert select_row_where(panel.view, lambda r: r.decision_id == root.id) >= 0
    assert "po terminie (art. 133 kpa)" in panel.model.rows()[0].appeal

    def entry(event, on, outcome=None):  # type: ignore[no-untyped-def]
        def fill(dialog) -> None:  # type: ignore[no-untyped-def]
            dialog.field("event").set_value(event)
            dialog.field("on").setDate(on)
            if outcome is not None:
                dialog.field("outcome").set_value(outcome)
                dialog.field("sign").setText("SKO.4110.7.2026")
            click_ok(dialog)
            assert not dialog.error_label.isVisible(), dialog.error_label.text()
        modal = Modal(qtbot)
        modal(fill)
        select_row_where(panel.view, lambda r: r.decision_id == root.id)
        panel.view.setFocus()
        click(qtbot, panel.record)
        modal.check()

    entry(Event.FORWARDED, date(2026, 11, 26))
    entry(Event.RULING, date(2026, 12, 10), AppealOutcome.UPHELD)
    entry(Event.RULING_DELIVERED, date(2026, 12, 15))
    d = db.read(lambda s: s.get(Decision, root.id))
    assert (d.appeal_forwarded_on, d.appeal_outcome, d.appeal_ruling_delivered_on) == (
        date(2026, 11, 26), AppealOutcome.UPHELD, date(2026, 12, 15))
    assert root.id not in {r.decision_id for r in panel.model.rows()}  # final now
