"""The acts' Dz.U. references (issue 16, item 2): a dated table the head edits; each
decision prints the consolidated texts in force on the day it is issued."""

from __future__ import annotations

from datetime import date

import pytest

from opsdesk.errors import PermissionDenied, ValidationError
from opsdesk.models import Decision
from opsdesk.services import decisions, legal_acts
from opsdesk.services.decisions.amounts import join_articles
from opsdesk.services.legal_acts import Act
from opsdesk.ui.legal_acts_panel import LegalActsPanel
from tests.factories import approve_decision, grant, single_case
from tests.factories import draft_decision as draft
from tests.pdf_helpers import pdf_text
from tests.ui_helpers import Modal, click, click_ok, type_text

NEW_UPS = "Dz.U. z 2026 r. poz. 999"


@pytest.mark.parametrize(("given", "printed"), [
    (["art. 106 ust. 5", "art. 106 ust. 1"], "art. 106 ust. 1 i 5"),
    (["art. 37 ust. 1 pkt 1", "art. 37 ust. 2 pkt 1", "art. 106 ust. 1", "art. 106 ust. 3"],
     "art. 37 ust. 1 pkt 1 i ust. 2 pkt 1 oraz art. 106 ust. 1 i 3"),
    (["art. 7 pkt 12", "art. 7 pkt 4", "art. 7 pkt 7a"], "art. 7 pkt 4, 7a i 12"),
    (["art. 41 pkt 1", "art. 106 ust. 1"], "art. 41 pkt 1 i art. 106 ust. 1"),
    (["art. 104", "art. 108 § 1"], "art. 104 i art. 108 § 1"),
])
def test_articles_are_joined_as_decisions_print_them(given, printed):
    assert join_articles(given) == printed


def test_seeded_references_and_the_head_adds_a_new_consolidated_text(db, staff):
    rows = db.read(lambda s: legal_acts.legal_acts(s, actor=staff.benefits))
    assert {(r.act, r.journal) for r in rows} >= {
        (Act.UPS, "Dz.U. z 2025 r. poz. 1214"), (Act.KPA, "Dz.U. z 2024 r. poz. 572"),
        (Act.THRESHOLDS, "Dz.U. z 2024 r. poz. 1044")}
    assert all("(unverified)" in r.note for r in rows)
    title = next(r.title for r in rows if r.act is Act.UPS)
    with pytest.raises(PermissionDenied):
        db.write(lambda s: legal_acts.save_legal_act(
            s, actor=staff.benefits, act=Act.UPS, valid_from=date(2026, 11, 12), title=title,
            journal=NEW_UPS))
    with pytest.raises(ValidationError, match="Dz.U. z 2025 r. poz. 1214"):
        db.write(lambda s: legal_acts.save_legal_act(
            s, actor=staff.head, act=Act.UPS, valid_from=date(2026, 11, 12), title=title,
            journal="poz. 999"))
    db.write(lambda s: legal_acts.save_legal_act(
        s, actor=staff.head, act=Act.UPS, valid_from=date(2026, 11, 12), title=title,
        journal=NEW_UPS))
    with pytest.raises(ValidationError, match="obowiązuje już wpis"):
        db.write(lambda s: legal_acts.save_legal_act(
            s, actor=staff.head, act=Act.UPS, valid_from=date(2026, 11, 12), title=title,
            journal=NEW_UPS))
    on = lambda day: db.read(lambda s: str(legal_acts.citation(s, Act.UPS, day)))  # noqa: E731
    assert on(date(2026, 11, 11)).endswith("(Dz.U. z 2025 r. poz. 1214)")
    assert on(date(2026, 11, 12)).endswith(f"({NEW_UPS})")


def test_a_draft_is_issued_under_the_text_in_force_on_its_day(db, staff):
    pid, case_id = single_case(db, staff, "400.00")
    did = draft(db, staff, grant(case_id), today=date(2026, 11, 10))
    assert "poz. 1214" in db.read(lambda s: s.get(Decision, did).legal_basis)
    title = db.read(lambda s: legal_acts.citation(s, Act.UPS, date(2026, 11, 10)).title)
    db.write(lambda s: legal_acts.save_legal_act(
        s, actor=staff.head, act=Act.UPS, valid_from=date(2026, 11, 12), title=title,
        journal=NEW_UPS))
    approve_decision(db, staff, did, today=date(2026, 11, 12))
    basis = db.read(lambda s: s.get(Decision, did).legal_basis)
    assert NEW_UPS in basis and "poz. 1214" not in basis
    text = pdf_text(db.write(lambda s: decisions.decision_pdf(s, did, actor=staff.desk)))
    assert f"o pomocy społecznej ({NEW_UPS})" in text


def test_the_head_adds_a_text_in_her_tab(qtbot, db, staff, make_ctx, ui_env, qtmodeltester):
    panel = LegalActsPanel(make_ctx(staff.head))
    qtbot.addWidget(panel)
    panel.show()
    qtmodeltester.check(panel.model)
    count = panel.model.rowCount()

    def fill(dialog) -> None:  # type: ignore[no-untyped-def]
        dialog.act.set_value(Act.KPA)
        dialog.valid_from.setDate(date(2026, 12, 1))
        type_text(dialog.field("journal"), "Dz.U. z 2026 r. poz. 1500")
        type_text(dialog.field("title"),
                  "ustawy z dnia 14 czerwca 1960 r. – Kodeks postępowania administracyjnego")
        click_ok(dialog)
        assert not dialog.error_label.isVisible(), dialog.error_label.text()

    modal = Modal(qtbot)
    modal(fill)
    click(qtbot, panel.add_button)
    modal.check()
    assert panel.model.rowCount() == count + 1
    assert "Dz.U. z 2026 r. poz. 1500" in {r.journal for r in panel.model.rows()}
    worker = LegalActsPanel(make_ctx(staff.benefits))
    qtbot.addWidget(worker)
    assert worker.add_button.isHidden()
