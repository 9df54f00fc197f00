"""RODO: the art. 15 copy of everything held about a person (the head only, recorded as an
export) and the retention review (listed, never deleted); the session settings."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import func, select, update

from opsdesk.errors import PermissionDenied, ValidationError
from opsdesk.models import AuditEntry, Decision, Payout, Person
from opsdesk.models.enums import (
    AuditAction,
    BenefitKind,
    CaseKind,
    Channel,
    DecisionKind,
    DecisionStatus,
    IncomeSource,
    PayoutMethod,
    PayoutStatus,
    Relation,
    ReporterKind,
    TaskKind,
)
from opsdesk.services import desk, intake, other_tasks, people, privacy, socialwork
from opsdesk.services.interviews import MemberEntry
from opsdesk.services.sessions import save_security_settings, security_settings
from tests.factories import (
    FILED,
    JERZY,
    WORKDAY,
    application,
    done_interview,
    income,
    interview_form,
    join_household,
    person,
)
from tests.pdf_helpers import pdf_text

NOTE = "Klientka opowiada o przemocy ze strony byłego partnera; prosi o dyskrecję."


@pytest.fixture
def client(db, staff):
    """Zofia with a bit of everything: household, intake, case, interview with income,
    decision, payout, certificate, appointment, social work with a note, a task."""
    zofia = person(db, staff)
    jerzy = person(db, staff, JERZY)
    join_household(db, staff.desk, zofia, jerzy, Relation.SPOUSE)
    db.write(lambda s: intake.register_intake(s, intake.IntakeForm(
        person_id=zofia, reporter_kind=ReporterKind.SELF, channel=Channel.IN_PERSON,
        problem="Brak środków na opał."), actor=staff.desk))
    case_id = application(db, staff, zofia)
    done_interview(db, staff, case_id, interview_form(
        (MemberEntry(zofia, Relation.HEAD), MemberEntry(jerzy, Relation.SPOUSE)),
        (income(zofia, "812.40", IncomeSource.PENSION),)))

    def decide(s):
        d = Decision(case_id=case_id, person_id=zofia, kind=DecisionKind.GRANTING,
                     benefit_kind=BenefitKind.ZASILEK_OKRESOWY, status=DecisionStatus.ISSUED,
                     number="DEC.7.2026", year=2026, seq=7, drafted_by_id=staff.benefits.id,
                     issued_on=WORKDAY, amount=Decimal("418.00"), period_from=date(2026, 11, 1),
                     period_to=date(2027, 1, 31))
        s.add(d)
        s.flush()
        s.add(Payout(decision_id=d.id, person_id=zofia, period_from=date(2026, 11, 1),
                     period_to=date(2026, 11, 30), due_on=date(2026, 11, 20),
                     amount=Decimal("418.00"), method=PayoutMethod.CASH,
                     status=PayoutStatus.PLANNED))
        s.flush()

    db.write(decide)
    db.write(lambda s: desk.issue_certificate(s, actor=staff.desk, person_id=zofia,
                                              purpose="do sądu rodzinnego",
                                              content="Figuruje w kartotece ośrodka."))
    sw = db.write(lambda s: socialwork.open_own_case(s, zofia, actor=staff.social))
    db.write(lambda s: socialwork.add_note(s, sw, NOTE, actor=staff.social))
    db.write(lambda s: socialwork.add_task(s, actor=staff.social, person_id=zofia,
                                           kind=TaskKind.BLUE_CARD,
                                           description="Procedura Niebieskiej Karty."))
    db.write(lambda s: other_tasks.register_task(s, other_tasks.TaskForm(
        kind=CaseKind.DPS, person_id=zofia, institution="Sąd Rejonowy w Świebodzinie",
        received_on=WORKDAY, request="Skierowanie do domu pomocy społecznej."),
        actor=staff.benefits, today=WORKDAY))
    db.read(lambda s: people.open_person(s, zofia, actor=staff.benefits))
    return zofia


def test_the_head_gets_everything_held_about_the_person(db, staff, client):
    view = db.read(lambda s: privacy.dossier_view(s, client, actor=staff.head))
    sections = {s.title.split(". ", 1)[1]: s.rows for s in view.sections}
    text = {title: " ".join(f"{k} {v}" for k, v in rows) for title, rows in sections.items()}
    assert view.person_name == "Zofia Źdźbło-Gąsiorowska"
    assert "85030412362" in text["Dane osobowe"]
    assert "61 1090 1014 0000 0712 1981 2874" in text["Dane osobowe"]
    # The husband by name and relation only — his PESEL is his own data.
    assert "Jerzy Gąsiorowski" in text["Gospodarstwo domowe"]
    assert "80010112357" not in " ".join(text.values())
    assert "Brak środków na opał." in text["Zgłoszenia"]
    assert "wniosek" in text["Sprawy i wnioski"]
    assert "Sąd Rejonowy w Świebodzinie" in text["Sprawy i wnioski"]
    assert "Skierowanie do domu pomocy społecznej." in text["Sprawy i wnioski"]
    assert "812,40" in text["Wywiady środowiskowe i dochody"]
    assert "DEC.7.2026" in text["Decyzje"] and "418,00" in text["Decyzje"]
    assert "418,00" in text["Wypłaty"]
    assert "do sądu rodzinnego" in text["Zaświadczenia i dokumenty wydane"]
    assert NOTE in text["Praca socjalna, notatki, kontrakty, usługi"]
    assert "Procedura Niebieskiej Karty." in text["Praca socjalna, notatki, kontrakty, usługi"]
    who = text["Kto zapoznawał się z danymi (dziennik zdarzeń)"]
    assert "Anna Nowak: odczyt — osoba" in who
    assert "Grażyna Wiśniewska: eksport — osoba" in who  # this very copy


def test_the_copy_is_a_pdf_recorded_as_an_export(db, staff, client):
    pdf = db.read(lambda s: privacy.dossier_pdf(s, client, actor=staff.head,
                                                today=date(2026, 11, 23)))
    text = pdf_text(pdf)
    assert "INFORMACJA O PRZETWARZANYCH DANYCH OSOBOWYCH" in text
    assert "Zofia Źdźbło-Gąsiorowska" in text and "dyskrecję" in text
    # The art. 15 ust. 1 lit. a–h information (issue 16).
    for element in ("Informacje, o których mowa w art. 15 ust. 1 RODO", "Cele przetwarzania",
                    "Odbiorcy", "Okres przechowywania", "sprostowania", "Prezesa Urzędu "
                    "Ochrony Danych Osobowych", "Źródło danych",
                    "Zautomatyzowane podejmowanie decyzji"):
        assert element in text, element
    exports = db.read(lambda s: s.execute(select(AuditEntry.user_id, AuditEntry.entity_id,
                                                 AuditEntry.details).where(
        AuditEntry.action == AuditAction.EXPORT)).all())
    assert [(u, e, json.loads(d)) for u, e, d in exports] == [
        (staff.head.id, client, {"document": "art. 15 RODO"})]


@pytest.mark.parametrize("who", ["desk", "benefits", "social", "admin"])
def test_only_the_head_gives_the_copy(db, staff, client, who):
    actor = getattr(staff, who)
    with pytest.raises(PermissionDenied, match="Twoja rola nie pozwala na tę czynność."):
        db.read(lambda s: privacy.dossier_pdf(s, client, actor=actor))
    denied = db.read(lambda s: s.scalars(select(AuditEntry.details).where(
        AuditEntry.action == AuditAction.DENIED, AuditEntry.user_id == actor.id)).all())
    assert [json.loads(d)["operation"] for d in denied] == ["privacy.dossier_pdf"]


# --- the retention review --------------------------------------------------------------------

def test_the_period_counts_from_the_next_first_of_january():
    assert privacy.retention_ends(date(2014, 5, 3), 10) == date(2025, 1, 1)
    assert privacy.retention_ends(date(2015, 12, 31), 10) == date(2026, 1, 1)


def _age(db, person_id: int, when: datetime) -> None:
    db.write(lambda s: s.execute(update(Person).where(Person.id == person_id)
                                 .values(created_at=when)))


def test_clients_past_the_period_are_listed_and_nothing_is_deleted(db, staff):
    old = person(db, staff)
    recent = person(db, staff, JERZY)
    _age(db, old, datetime(2014, 5, 3, 9, 0))
    _age(db, recent, datetime(2016, 2, 1, 9, 0))
    count = db.read(lambda s: s.scalar(select(func.count(Person.id))))
    rows = db.read(lambda s: privacy.retention_review(s, actor=staff.head,
                                                      today=date(2026, 11, 23)))
    assert [(r.person_id, r.last_activity, r.review_from) for r in rows] == [
        (old, date(2014, 5, 3), date(2025, 1, 1))]
    assert rows[0].full_name == "Źdźbło-Gąsiorowska Zofia"
    assert db.read(lambda s: s.scalar(select(func.count(Person.id)))) == count
    logged = db.read(lambda s: s.scalars(select(AuditEntry.details).where(
        AuditEntry.entity == "RetentionReview")).all())
    assert [json.loads(d) for d in logged] == [{"years": 10, "listed": 1}]


def test_any_later_record_or_an_open_matter_keeps_a_client_off_the_list(db, staff):
    with_task, with_case = person(db, staff), person(db, staff, JERZY)
    for pid in (with_task, with_case):
        _age(db, pid, datetime(2010, 1, 4, 9, 0))
    db.write(lambda s: socialwork.add_task(s, actor=staff.social, person_id=with_task,
                                           kind=TaskKind.FAMILY_ASSISTANT, description="Asystent.",
                                           started_on=date(2020, 3, 2)))
    application(db, staff, with_case, filed_on=FILED)
    assert db.read(lambda s: privacy.retention_review(s, actor=staff.head,
                                                      today=date(2026, 11, 23))) == []
    # Ten years after the task the first one is due; the open case never is.
    rows = db.read(lambda s: privacy.retention_review(s, actor=staff.head,
                                                      today=date(2031, 1, 1)))
    assert [(r.person_id, r.last_activity) for r in rows] == [
        (with_task, date(2020, 3, 2))]


def test_a_household_member_shares_the_households_latest_activity(db, staff):
    zofia, jerzy = person(db, staff), person(db, staff, JERZY)
    join_household(db, staff.desk, zofia, jerzy, Relation.SPOUSE)
    _age(db, jerzy, datetime(2012, 1, 2, 9, 0))
    _age(db, zofia, datetime(2019, 6, 1, 9, 0))
    rows = db.read(lambda s: privacy.retention_review(s, actor=staff.head,
                                                      today=date(2026, 11, 23)))
    assert rows == []


def test_a_shorter_period_set_by_the_office_is_used(db, staff):
    pid = person(db, staff)
    _age(db, pid, datetime(2019, 6, 1, 9, 0))
    settings = db.read(security_settings)
    db.write(lambda s: save_security_settings(s, actor=staff.admin, idle_lock_minutes=5,
                                              retention_years=5,
                                              expected_version=settings.version))
    rows = db.read(lambda s: privacy.retention_review(s, actor=staff.head,
                                                      today=date(2026, 11, 23)))
    assert [r.review_from for r in rows] == [date(2025, 1, 1)]


# --- the office's session settings -----------------------------------------------------------

def test_session_settings_default_and_are_checked(db, staff):
    settings = db.read(security_settings)
    assert (settings.idle_lock_minutes, settings.retention_years) == (10, 10)

    def save(minutes, years, actor=staff.head):
        return db.write(lambda s: save_security_settings(
            s, actor=actor, idle_lock_minutes=minutes, retention_years=years,
            expected_version=settings.version))

    with pytest.raises(ValidationError, match="od 1 do 120 minut") as exc:
        save(0, 10)
    assert exc.value.field == "idle_lock_minutes"
    with pytest.raises(ValidationError, match="Okres przechowywania: od 1 do 100 lat"):
        save(10, 0)
    with pytest.raises(PermissionDenied):
        save(10, 10, actor=staff.desk)
    save(15, 25)
    saved = db.read(security_settings)
    assert (saved.idle_lock_minutes, saved.retention_years) == (15, 25)


# --- on screen ---------------------------------------------------------------------------------

def test_the_heads_person_file_gives_the_copy_into_the_export_folder(qtbot, db, staff, client,
                                                                     make_ctx, ui_env, tmp_path):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QPushButton

    from opsdesk.ui.person_file import PersonFileDialog

    dialog = PersonFileDialog(make_ctx(staff.head), client)
    qtbot.addWidget(dialog)
    dialog.show()
    button = dialog.findChild(QPushButton, "privacyCopy")
    assert button.isVisible() and button.text() == "Dane osoby (art. 15 RODO)…"
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    assert len(ui_env) == 1 and ui_env[0].parent == tmp_path / "pdf"
    assert ui_env[0].name.startswith(f"art15_RODO_osoba_{client}-")
    assert "Źdźbło-Gąsiorowska" in pdf_text(ui_env[0].read_bytes())


@pytest.mark.parametrize("who", ["desk", "benefits", "social"])
def test_other_roles_do_not_see_the_copy_button(qtbot, db, staff, client, make_ctx, who):
    from PySide6.QtWidgets import QPushButton

    from opsdesk.ui.person_file import PersonFileDialog

    dialog = PersonFileDialog(make_ctx(getattr(staff, who)), client)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.findChild(QPushButton, "privacyCopy").isVisible()


def test_the_head_reviews_the_retention_list_on_screen(qtbot, db, staff, make_ctx):
    from opsdesk.ui.privacy_box import RetentionDialog

    old = person(db, staff)
    _age(db, old, datetime(2010, 5, 3, 9, 0))
    dialog = RetentionDialog(make_ctx(staff.head))
    qtbot.addWidget(dialog)
    assert [r.person_id for r in dialog.model.rows()] == [old]
    assert dialog.model.index(0, 2).data() == "03.05.2010"
    assert dialog.info.text().startswith("1 osoba bez aktywności dłużej niż okres "
                                         "przechowywania. Program niczego nie usuwa")


def test_the_administrator_sets_the_idle_lock(qtbot, db, staff, make_ctx):
    from PySide6.QtWidgets import QPushButton

    from opsdesk.ui.admin_tab import AdminTab
    from opsdesk.ui.privacy_box import PrivacyBox, SecuritySettingsDialog
    from tests.ui_helpers import click_ok

    tab = AdminTab(make_ctx(staff.admin))
    qtbot.addWidget(tab)
    box = tab.findChild(PrivacyBox)
    assert box.info.text() == ("Blokada okna po 10 min bezczynności · okres przechowywania "
                               "zapisów klientów: 10 lat")
    assert box.findChild(QPushButton, "retention") is None  # the review is the head's
    assert box.findChild(QPushButton, "securitySettings") is not None
    dialog = SecuritySettingsDialog(make_ctx(staff.admin), db.read(security_settings))
    qtbot.addWidget(dialog)
    dialog.field("idle_lock_minutes").setValue(5)
    dialog.field("retention_years").setValue(12)
    click_ok(dialog)
    assert dialog.result() == 1, dialog.error_label.text()
    saved = db.read(security_settings)
    assert (saved.idle_lock_minutes, saved.retention_years) == (5, 12)
    box.refresh()
    assert box.info.text().endswith("12 lat")
