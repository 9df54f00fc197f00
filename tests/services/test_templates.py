"""The texts the head keeps: fields from the list only, the kpa art. 107 elements checked
before saving, versions approved by someone else switching over on their date, the
program's wording in the table from the start, and documents printed again with the words
of their issue day."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from opsdesk import clock
from opsdesk.errors import PermissionDenied, ValidationError
from opsdesk.formatting import format_date
from opsdesk.models.enums import BenefitKind, DecisionKind
from opsdesk.reports import texts as T
from opsdesk.reports.decision import DEFAULT_INSTRUCTIONS
from opsdesk.services import decisions, desk, rules, template_samples, templates
from opsdesk.services.decisions import RefusalGround
from opsdesk.services.office import office_view
from opsdesk.services.security import Actor
from opsdesk.services.template_samples import sample_blocks
from tests import factories
from tests.conftest import TODAY
from tests.factories import JERZY, application, person, single_case
from tests.pdf_helpers import pdf_text
from tests.workstation import ON_POSTGRESQL

FROM = TODAY + timedelta(days=10)
EXTRA = "Odwołanie można wnieść także przez skrzynkę e-Doręczeń {jednostka_dopelniacz}."
APPEAL = ("Od decyzji przysługuje odwołanie do {kolegium_dopelniacz}, wnoszone za "
          "pośrednictwem {za_posrednictwem} w terminie 14 dni od doręczenia.")


@pytest.fixture
def signer(db, staff) -> Actor:  # type: ignore[no-untyped-def]
    return staff.authorised_signer(db)


def _approved(db, staff, signer, key: str, text: str) -> templates.VersionRow:  # type: ignore[no-untyped-def]
    """The head writes a version; a worker she authorised to sign decisions approves it."""
    draft = db.write(lambda s: templates.save_version(s, key, FROM, text, actor=staff.head))
    return db.write(lambda s: templates.approve_version(s, draft.id, actor=signer))


def test_what_art_107_needs_is_checked_before_saving():
    with pytest.raises(ValidationError, match=r"Brakuje elementów wymaganych przez art. 107 "
                                              r"§ 1 kpa: do kogo służy odwołanie \(art. 107 § 1 "
                                              r"pkt 7 kpa\) — pole \{kolegium_dopelniacz\}; "
                                              r"termin na odwołanie \(art. 129 § 2 kpa\)\."):
        templates.check_text("decision.appeal", "Odwołanie przez {za_posrednictwem}.")
    with pytest.raises(ValidationError, match="prawo do zrzeczenia się odwołania"):
        templates.check_text("decision.waiver", "Decyzja staje się ostateczna.")
    with pytest.raises(ValidationError, match="oznaczenie pisma jako decyzji"):
        templates.check_text("decision.title", "PISMO")
    with pytest.raises(ValidationError, match=r"rozstrzygnięcie \(art. 107 § 1 pkt 5 kpa\)"):
        templates.check_text("decision.orzekam", "postanawiam:")
    with pytest.raises(ValidationError, match=r"Brakuje elementów wymaganych przez art. 36 § 1 "
                                              r"kpa: nowy termin załatwienia sprawy \(art. 36 § 1 "
                                              r"kpa\) — pole \{nowy_termin\}"):
        templates.check_text("notice.new_deadline", "Nowy termin wyznaczam później.")
    with pytest.raises(ValidationError, match="przez art. 217 kpa: podstawa wydania "
                                              "zaświadczenia"):
        templates.check_text("certificate.basis", "Na podstawie przepisów")
    with pytest.raises(ValidationError, match=r"Nieznane pola: \{__class__\}, \{x\}\. Wstaw "
                                              r"pole z listy\."):
        templates.check_text("decision.extra", "{x} i {__class__}")
    with pytest.raises(ValidationError, match="Nawias klamrowy bez pola"):
        templates.check_text("decision.extra", "a { b")
    with pytest.raises(ValidationError, match="nie może być pusty"):
        templates.check_text("decision.art109", "  ")
    # A notice's own fields belong to the notice; a justification takes no office fields.
    with pytest.raises(ValidationError, match=r"Nieznane pola: \{termin\}"):
        templates.check_text("decision.extra", "do {termin}")
    with pytest.raises(ValidationError, match=r"Nieznane pola: \{organ\}"):
        templates.check_text("justification.repayment", "{organ}: art. 98")
    assert "termin" in templates.fields_of("notice.body")
    assert "organ" not in templates.fields_of("justification.repayment")
    assert templates.check_text("decision.extra", "") == ""
    for key, kind in templates.KINDS.items():  # the program's own wording passes its check
        assert templates.check_text(key, kind.default) == kind.default.strip(), key
    assert templates.KINDS["decision.appeal"].default == DEFAULT_INSTRUCTIONS[0]


def test_the_programs_wording_is_the_first_version_of_every_text(db, staff):
    rows = db.read(lambda s: templates.versions(s, "certificate.intro"))
    assert [(r.valid_from, r.approved, r.written_by, r.text) for r in rows] == [
        (date(2000, 1, 1), True, "tekst programu", "{jednostka} zaświadcza, że:")]
    in_force = db.read(lambda s: templates.texts_in_force(s, "notice.", TODAY))
    assert in_force == {k: v for k, v in T.DEFAULTS.items() if k.startswith("notice.")}
    assert db.read(lambda s: templates.versions(s, "decision.extra")) == []  # empty: not kept


def test_a_version_is_prepared_ahead_and_approved_by_another_person(db, staff, signer):
    with pytest.raises(ValidationError, match="najwcześniej od jutra"):
        db.write(lambda s: templates.save_version(s, "decision.extra", TODAY, EXTRA,
                                                  actor=staff.head))
    draft = db.write(lambda s: templates.save_version(s, "decision.extra", FROM, EXTRA,
                                                      actor=staff.head))
    assert (draft.approved, draft.written_by) == (False, staff.head.full_name)
    with pytest.raises(ValidationError, match="inna osoba niż jej autor"):
        db.write(lambda s: templates.approve_version(s, draft.id, actor=staff.head))
    # A benefits worker without the authorisation to sign decisions approves nothing.
    with pytest.raises(PermissionDenied):
        db.write(lambda s: templates.approve_version(s, draft.id, actor=staff.benefits))
    # An unapproved version never prints, even on its date.
    assert not any("e-Doręczeń" in t for t in db.read(lambda s: templates.decision_instructions(
        s, FROM, office_view(s, FROM))))
    done = db.write(lambda s: templates.approve_version(s, draft.id, actor=signer))
    assert (done.approved, done.approved_by) == (True, signer.full_name)
    with pytest.raises(ValidationError, match="już zatwierdzona"):
        db.write(lambda s: templates.save_version(s, "decision.extra", FROM, EXTRA + " x",
                                                  actor=staff.head))
    late = db.write(lambda s: templates.save_version(s, "decision.extra", FROM
                                                     + timedelta(days=1), EXTRA,
                                                     actor=staff.head))
    clock.set_today(FROM + timedelta(days=1))  # nobody approved it before its day came
    with pytest.raises(ValidationError, match="który już nastał"):
        db.write(lambda s: templates.approve_version(s, late.id, actor=signer))


def test_an_approved_version_switches_over_and_reprints_stay_as_issued(db, staff, signer,
                                                                      clock_at_today):
    _, case_id = single_case(db, staff)
    before = factories.issue_decision(db, staff, factories.grant(case_id, "505.00"))
    first_print = pdf_text(db.write(lambda s: decisions.decision_pdf(s, before.id,
                                                                     actor=staff.head)))
    _approved(db, staff, signer, "decision.extra", EXTRA)
    _approved(db, staff, signer, "decision.appeal", APPEAL)
    _approved(db, staff, signer, "decision.title", "DECYZJA ADMINISTRACYJNA")
    _approved(db, staff, signer, "decision.basis", "Działając na podstawie {przepisy}, {tryb},")
    _approved(db, staff, signer, "ruling.cash", "{co} w kasie ośrodka (pokój nr {pokoj}).")
    _approved(db, staff, signer, "decision.in_full",
              "Decyzja uwzględnia żądanie strony w całości (art. 130 § 4 kpa).")
    on_switch = db.read(lambda s: templates.decision_instructions(
        s, FROM, office_view(s, FROM)))
    assert on_switch[0].startswith("Od decyzji przysługuje odwołanie do Samorządowego "
                                   "Kolegium Odwoławczego w Zielonej Górze, wnoszone za "
                                   "pośrednictwem Kierownika Gminnego Ośrodka")
    assert on_switch[-1] == ("Odwołanie można wnieść także przez skrzynkę e-Doręczeń "
                             "Gminnego Ośrodka Pomocy Społecznej w Zbąszynku.")
    clock_at_today.shift(timedelta(days=11))
    # The decision issued before the switch prints exactly as it was issued.
    reprint = pdf_text(db.write(lambda s: decisions.decision_pdf(s, before.id,
                                                                 actor=staff.head)))
    assert reprint == first_print
    assert "Od niniejszej decyzji służy stronie odwołanie" in reprint
    assert "DECYZJA nr" in reprint and "ADMINISTRACYJNA" not in reprint
    # One issued after it prints the new words.
    _, other_case = single_case(db, staff, who=JERZY)
    after = factories.issue_decision(db, staff, factories.grant(other_case, "505.00"),
                                     today=FROM + timedelta(days=1))
    text = pdf_text(db.write(lambda s: decisions.decision_pdf(s, after.id, actor=staff.head)))
    assert "Od decyzji przysługuje odwołanie" in text and "skrzynkę e-Doręczeń" in text
    assert "DECYZJA ADMINISTRACYJNA nr" in text
    assert "Działając na podstawie art. " in text
    assert ", po rozpatrzeniu wniosku z dnia" in text
    assert "Świadczenie będzie wypłacane co miesiąc w kasie ośrodka (pokój nr 122)." in text
    assert "Kasa wypłaci" in reprint and "Kasa wypłaci" not in text
    assert "Od niniejszej decyzji" not in text


def test_a_certificate_printed_again_keeps_its_body(db, staff, signer, clock_at_today):
    pid, case_id = single_case(db, staff, "400.00")
    factories.issue_decision(db, staff, factories.grant(case_id))
    cid = db.write(lambda s: desk.issue_certificate(
        s, actor=staff.desk, person_id=pid, purpose="do przedłożenia w szkole", today=TODAY))
    first = pdf_text(db.write(lambda s: desk.certificate_pdf(s, cid, actor=staff.desk)))
    _approved(db, staff, signer, "certificate.intro", "Kierownik {jednostka_dopelniacz} "
                                              "zaświadcza, że:")
    assert "Gminny Ośrodek Pomocy Społecznej w Zbąszynku zaświadcza, że:" in first
    clock_at_today.shift(timedelta(days=11))
    assert pdf_text(db.write(lambda s: desk.certificate_pdf(s, cid, actor=staff.desk))) == first
    later = db.write(lambda s: desk.issue_certificate(
        s, actor=staff.desk, person_id=pid, purpose="do sądu", today=FROM))
    text = pdf_text(db.write(lambda s: desk.certificate_pdf(s, later, actor=staff.desk)))
    assert "Kierownik Gminnego Ośrodka Pomocy Społecznej w Zbąszynku zaświadcza" in text


def test_a_refusal_draft_starts_from_the_heads_boilerplate(db, staff, signer):
    _approved(db, staff, signer, "justification.refusal_income",
              "Dochód strony przekracza kryterium, więc brak warunku przyznania "
              "{swiadczenie_dopelniacz} ({przepis}).")
    pid, case_id = single_case(db, staff, "1200.00")
    d = db.write(lambda s: decisions.decision_defaults(
        s, actor=staff.benefits, case_id=case_id, kind=DecisionKind.REFUSING,
        benefit_kind=BenefitKind.ZASILEK_OKRESOWY, refusal_ground=RefusalGround.INCOME, today=FROM))
    assert ("Dochód strony przekracza kryterium, więc brak warunku przyznania zasiłku "
            "okresowego (art. 38 ust. 1 pkt 1 ustawy o pomocy społecznej).") in d.justification
    assert "orzeczono jak w sentencji" not in d.justification
    # A draft of the day before the switch starts from the program's words.
    d = db.write(lambda s: decisions.decision_defaults(
        s, actor=staff.benefits, case_id=case_id, kind=DecisionKind.REFUSING,
        benefit_kind=BenefitKind.ZASILEK_OKRESOWY, refusal_ground=RefusalGround.INCOME,
        today=FROM - timedelta(days=1)))
    assert "Z tego względu orzeczono jak w sentencji." in d.justification


def test_a_notice_prints_the_heads_ponaglenie_from_its_date(db, staff, signer):
    _approved(db, staff, signer, "notice.ponaglenie",
              "Na bezczynność lub przewlekłość przysługuje ponaglenie do "
              "{kolegium_dopelniacz}, wnoszone za pośrednictwem {za_posrednictwem}.")
    case_id = application(db, staff, person(db, staff))

    def notice(day: date, working_days: int) -> str:
        nid = db.write(lambda s: decisions.issue_deadline_notice(
            s, case_id, actor=staff.benefits, reason="Oczekiwanie na dokumenty.",
            new_deadline=rules.working_days_after(day, working_days), today=day))
        return pdf_text(db.write(lambda s: decisions.notice_pdf(s, nid, actor=staff.desk)))

    before, after = notice(FROM - timedelta(days=1), 30), notice(FROM, 40)
    assert "Zgodnie z art. 37 § 1" in before and "przysługuje ponaglenie" not in before
    assert ("Na bezczynność lub przewlekłość przysługuje ponaglenie do Samorządowego "
            "Kolegium Odwoławczego w Zielonej Górze") in after
    assert "Zgodnie z art. 37 § 1" not in after
    for text in (before, after):  # the notice's own fields are filled, the date in bold
        assert "zawiadamiam Panią, że postępowanie w sprawie przyznania zasiłku" in text


@pytest.mark.skipif(ON_POSTGRESQL, reason="copies a SQLite file")
def test_an_office_database_gets_the_programs_wording_when_it_upgrades(db, staff, tmp_path):
    """An office that wrote versions before migration 0017tpl keeps them; the shipped
    wording comes in under them as the first version of every text."""
    import shutil

    from opsdesk.startup import open_database
    from tests.migration_helpers import step_back_to

    db.write(lambda s: templates.save_version(s, "decision.appeal", FROM, APPEAL,
                                              actor=staff.head))
    path = tmp_path / "old.sqlite"
    shutil.copyfile(db.path, path)
    old = open_database(str(path))
    with old.engine.begin() as conn:
        step_back_to(conn, "0014adr")
    old.dispose()
    upgraded = open_database(str(path), backup_dir=tmp_path / "kopie")
    try:
        rows = upgraded.read(lambda s: templates.versions(s, "decision.appeal"))
        keys = upgraded.read(lambda s: set(templates.texts_in_force(s, "", TODAY)))
    finally:
        upgraded.dispose()
    assert [(r.valid_from, r.written_by, r.approved) for r in rows] == [
        (date(2000, 1, 1), "tekst programu", True), (FROM, staff.head.full_name, False)]
    assert rows[1].text == APPEAL
    assert keys == {k for k, v in T.DEFAULTS.items() if v}


@pytest.mark.parametrize("key, expected", [
    ("decision.extra", "skrzynkę e-Doręczeń Gminnego Ośrodka Pomocy Społecznej w Zbąszynku"),
    ("certificate.on_request", "Wydaje się na prośbę Gminnego Ośrodka Pomocy Społecznej"),
    ("notice.new_deadline", f"Nowy termin: {format_date(FROM + timedelta(days=30))} r."),
    ("message.evidence", "Dowód (art. 75 § 1 kpa)."),
    ("justification.repayment", "Zwrot: art. 98 ust. 1."),
    ("letter.actual_care", "Potwierdzam opiekę nad: Jan Przykładowy, ul. Przykładowa 1"),
    ("ruling.refusing", "Nie przyznaję stronie zasiłku okresowego – odmawiam."),
])
def test_the_preview_prints_the_text_before_it_is_saved(db, staff, key, expected):
    text = {"decision.extra": EXTRA,
            "certificate.on_request": "Wydaje się na prośbę {jednostka_dopelniacz}.",
            "notice.new_deadline": "Nowy termin: {nowy_termin}",
            "message.evidence": "Dowód (art. 75 § 1 kpa).",
            "justification.repayment": "Zwrot: art. 98 ust. 1.",
            "letter.actual_care": "Potwierdzam opiekę nad: {osoba}.\n\n{ustalenia}",
            "ruling.refusing": "Nie przyznaję stronie {swiadczenie_dopelniacz} – odmawiam."}[key]
    printed = pdf_text(db.write(lambda s: template_samples.preview_pdf(s, key, FROM, text,
                                                                actor=staff.head)))
    assert expected in printed
    assert "WZÓR" in printed
    blocks = db.read(lambda s: sample_blocks(s, key, FROM, text))
    edited = [b.text for b in blocks if b.edited]
    assert expected in edited[0]
    assert db.read(lambda s: [v for v in templates.versions(s, key) if v.written_by !=
                              "tekst programu"]) == []


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
    click(qtbot, panel.insert_button)
    assert panel.check.text().startswith("Brakuje elementów wymaganych przez art. 107 § 1 "
                                         "kpa: za czyim pośrednictwem")
    # The page preview follows the typing after a short pause.
    qtbot.waitUntil(lambda: "Odwołanie do Samorządowego Kolegium Odwoławczego w Zielonej "
                            "Górze" in panel.page.toPlainText())
    assert "DECYZJA nr WZÓR" in panel.page.toPlainText()
    assert not panel.save_button.isEnabled()
    panel.editor.setPlainText(APPEAL)
    assert panel.check.text().startswith("Tekst zawiera")
    qtbot.waitUntil(lambda: "wnoszone za pośrednictwem Kierownika" in
                    panel.page.toPlainText())
    shots = Path("/tmp/shots20")
    if shots.is_dir():
        panel.grab().save(str(shots / "templates-editor.png"))
    click(qtbot, panel.save_button)
    rows = [r for r in panel.versions.rows() if r.written_by != "tekst programu"]
    assert [(v.valid_from, v.approved) for v in rows] == [(FROM, False)]
    assert select_row_where(panel.view, lambda r: r.valid_from == FROM) >= 0
    assert not panel.approve_button.isEnabled()  # her own version: another person approves
    assert "inna osoba" in panel.approve_button.toolTip()
    # A notice's text offers the notice's own fields in the list.
    panel.kind.setCurrentIndex(panel.kind.findData("notice.body"))
    assert panel.field.findData("termin") >= 0 and panel.field.findData("organ") >= 0
    assert "zawiadamiam Pana" in panel.editor.toPlainText() or \
        "{strona_biernik}" in panel.editor.toPlainText()
    qtbot.waitUntil(lambda: "ZAWIADOMIENIE nr WZÓR" in panel.page.toPlainText())
    assert panel.check.text() == "Tekst zawiera elementy wymagane przez art. 36 § 1 kpa."
    if shots.is_dir():
        panel.grab().save(str(shots / "templates-editor-notice.png"))


def test_the_authorised_signer_approves_in_the_editor(qtbot, db, staff, make_ctx, ui_env):
    from opsdesk.ui.templates_panel import TemplatesPanel
    from tests.ui_helpers import click, select_row_where

    db.write(lambda s: templates.save_version(s, "decision.appeal", FROM, APPEAL,
                                              actor=staff.head))
    signer = staff.authorised_signer(db)
    panel = TemplatesPanel(make_ctx(signer))
    qtbot.addWidget(panel)
    panel.show()
    assert select_row_where(panel.view, lambda r: r.valid_from == FROM) >= 0
    assert panel.approve_button.isEnabled()
    assert not panel.save_button.isVisible()  # she approves; writing is the head's
    click(qtbot, panel.approve_button)
    row = next(r for r in panel.versions.rows() if r.valid_from == FROM)
    assert (row.approved, row.approved_by) == (True, signer.full_name)
    # Her tab of the benefits team has the page; a worker without the authorisation's not.
    from opsdesk.ui.benefits.tab import BenefitsTab

    for who, shown in ((signer, True), (staff.benefits, False)):
        tab = BenefitsTab(make_ctx(who))
        qtbot.addWidget(tab)
        titles = [tab.pages.tabText(i) for i in range(tab.pages.count())]
        assert ("Teksty pism" in titles) is shown
