"""The texts the head keeps: placeholders from the list only, the kpa art. 107 elements
checked before saving, approved versions switching over on their date, and a decision
printed again with the words of its issue day."""

from __future__ import annotations

from datetime import timedelta

import pytest

from opsdesk.errors import ValidationError
from opsdesk.reports.decision import DEFAULT_INSTRUCTIONS
from opsdesk.services import decisions, templates
from tests import factories
from tests.benefits_helpers import JERZY, pdf_text, single_case
from tests.conftest import TODAY

FROM = TODAY + timedelta(days=10)
EXTRA = "Odwołanie można wnieść także przez skrzynkę e-Doręczeń {jednostka_dopelniacz}."
APPEAL = ("Od decyzji przysługuje odwołanie do {kolegium_dopelniacz}, wnoszone za "
          "pośrednictwem {za_posrednictwem} w terminie 14 dni od doręczenia.")


def test_what_art_107_needs_is_checked_before_saving():
    with pytest.raises(ValidationError, match=r"pole \{kolegium_dopelniacz\}; termin na "
                                              r"odwołanie \(art. 129 § 2 kpa\)"):
        templates.check_text("decision.appeal", "Odwołanie przez {za_posrednictwem}.")
    with pytest.raises(ValidationError, match="prawo do zrzeczenia się odwołania"):
        templates.check_text("decision.waiver", "Decyzja staje się ostateczna.")
    with pytest.raises(ValidationError, match=r"Nieznane pola: \{__class__\}, \{x\}"):
        templates.check_text("decision.extra", "{x} i {__class__}")
    with pytest.raises(ValidationError, match="Nawias klamrowy bez pola"):
        templates.check_text("decision.extra", "a { b")
    with pytest.raises(ValidationError, match="nie może być pusty"):
        templates.check_text("decision.art109", "  ")
    assert templates.check_text("decision.extra", "") == ""
    for key, kind in templates.KINDS.items():  # the program's own wording passes its check
        assert templates.check_text(key, kind.default) == kind.default.strip()
    assert templates.KINDS["decision.appeal"].default == DEFAULT_INSTRUCTIONS[0]


def test_an_approved_version_switches_over_and_reprints_stay_as_issued(db, staff,
                                                                      clock_at_today):
    _, case_id = single_case(db, staff)
    before = factories.issue_decision(db, staff, factories.grant(case_id, "505.00"))
    draft = db.write(lambda s: templates.save_version(s, "decision.extra", FROM, EXTRA,
                                                      actor=staff.head))
    appeal = db.write(lambda s: templates.save_version(s, "decision.appeal", FROM, APPEAL,
                                                       actor=staff.head))
    # A draft is not used, even on its date.
    assert not any("e-Doręczeń" in t for t in db.read(lambda s: templates.decision_instructions(
        s, FROM, templates.office_view(s, FROM))))
    clock_at_today.shift(timedelta(days=11))
    with pytest.raises(ValidationError, match="jej data minęła"):
        db.write(lambda s: templates.approve_version(s, draft.id, actor=staff.head))
    clock_at_today.shift(timedelta(days=-11))
    for v in (draft, appeal):
        db.write(lambda s, v=v: templates.approve_version(s, v.id, actor=staff.head))
    with pytest.raises(ValidationError, match="już zatwierdzona"):
        db.write(lambda s: templates.save_version(s, "decision.extra", FROM, EXTRA + " x",
                                                  actor=staff.head))
    on_switch = db.read(lambda s: templates.decision_instructions(
        s, FROM, templates.office_view(s, FROM)))
    assert on_switch[0].startswith("Od decyzji przysługuje odwołanie do Samorządowego "
                                   "Kolegium Odwoławczego w Zielonej Górze, wnoszone za "
                                   "pośrednictwem Kierownika Gminnego Ośrodka")
    assert on_switch[-1] == ("Odwołanie można wnieść także przez skrzynkę e-Doręczeń "
                             "Gminnego Ośrodka Pomocy Społecznej w Zbąszynku.")
    clock_at_today.shift(timedelta(days=11))
    # The decision issued before the switch prints as it was issued.
    text = pdf_text(db.write(lambda s: decisions.decision_pdf(s, before.id, actor=staff.head)))
    assert "Od niniejszej decyzji służy stronie odwołanie" in text
    assert "e-Doręczeń" not in text and "Od decyzji przysługuje" not in text
    # One issued after it prints the new words.
    _, other_case = single_case(db, staff, who=JERZY)
    after = factories.issue_decision(db, staff, factories.grant(other_case, "505.00"),
                                     today=FROM + timedelta(days=1))
    text = pdf_text(db.write(lambda s: decisions.decision_pdf(s, after.id, actor=staff.head)))
    assert "Od decyzji przysługuje odwołanie" in text and "skrzynkę e-Doręczeń" in text


def test_the_preview_prints_the_text_before_it_is_saved(db, staff):
    pdf = db.write(lambda s: templates.preview_pdf(s, "decision.extra", FROM, EXTRA,
                                                   actor=staff.head))
    text = pdf_text(pdf)
    assert "DECYZJA nr WZÓR" in text
    assert "skrzynkę e-Doręczeń Gminnego Ośrodka Pomocy Społecznej w Zbąszynku" in text
    assert db.read(lambda s: templates.versions(s, "decision.extra")) == []


def test_the_editor_checks_as_the_head_types_and_saves_a_version(qtbot, db, staff, make_ctx,
                                                                 ui_env):
    from pathlib import Path

    from PySide6.QtCore import QDate

    from opsdesk.ui.templates_panel import TemplatesPanel
    from tests.ui_helpers import click, select_row_where, type_text

    panel = TemplatesPanel(make_ctx(staff.head))
    qtbot.addWidget(panel)
    panel.resize(1366, 768)
    with qtbot.waitExposed(panel):
        panel.show()
    assert panel.key == "decision.appeal"
    assert panel.editor.toPlainText() == DEFAULT_INSTRUCTIONS[0]  # the text in force
    assert panel.check.text() == "Tekst zawiera elementy wymagane przez art. 107 § 1 kpa."
    panel.valid_from.setDate(QDate(FROM))
    panel.editor.clear()
    type_text(panel.editor, "Odwołanie do ")
    panel.field.setCurrentIndex(panel.field.findData("kolegium_dopelniacz"))
    click(qtbot, panel.findChild(type(panel.save_button), "insertPlaceholder"))
    assert panel.check.text().startswith("Brakuje elementów wymaganych przez art. 107 § 1 "
                                         "kpa: pole {za_posrednictwem}; termin na odwołanie")
    assert panel.preview.text() == ("Odwołanie do Samorządowego Kolegium Odwoławczego "
                                    "w Zielonej Górze")
    panel.editor.setPlainText(APPEAL)
    assert panel.check.text().startswith("Tekst zawiera")
    shots = Path("/tmp/shots20")
    if shots.is_dir():
        panel.grab().save(str(shots / "templates-editor.png"))
    click(qtbot, panel.save_button)
    assert [(v.valid_from, v.approved) for v in panel.versions.rows()] == [(FROM, False)]
    assert select_row_where(panel.view, lambda r: True) >= 0
    click(qtbot, panel.approve_button)
    assert [v.approved for v in panel.versions.rows()] == [True]
