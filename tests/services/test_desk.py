"""The first-contact services: intakes, routing, applications and case signs, certificates,
appointments, "Do odbioru", and the audit they leave."""

import json
from datetime import date, datetime

import pytest
from sqlalchemy import select

from opsdesk.errors import PermissionDenied, ValidationError
from opsdesk.models import AuditEntry, Case, SocialWorkCase
from opsdesk.models.enums import (
    AuditAction,
    BenefitKind,
    Channel,
    IntakeStatus,
    ReporterKind,
    SocialWorkStatus,
)
from opsdesk.services import desk, intake, queue
from opsdesk.services.intake import ApplicationForm, IntakeForm
from opsdesk.services.people import PersonForm
from tests import factories
from tests.factories import MONDAY


@pytest.fixture
def person(db, staff):
    return factories.person(db, staff, PersonForm(first_name="Jadwiga", last_name="Wróbel",
                                                  pesel="85030412362"))


def new_intake(db, staff, person, **kw):
    form = IntakeForm(person_id=person, reporter_kind=kw.pop("reporter", ReporterKind.SELF),
                      channel=Channel.PHONE, problem="Brak opału na zimę.", **kw)
    return db.write(lambda s: intake.register_intake(s, form, actor=staff.desk,
                                                     now=datetime(2026, 11, 20, 9, 0)))


def test_someone_else_reporting_must_be_named(db, staff, person):
    with pytest.raises(ValidationError, match="Zgłaszający"):
        new_intake(db, staff, person, reporter=ReporterKind.INSTITUTION)
    assert new_intake(db, staff, person, reporter=ReporterKind.INSTITUTION,
                      reporter_name="Szkoła Podstawowa nr 1") > 0


def test_routing_to_both_lands_in_benefits_and_leaves_a_social_work_follow_up(db, staff,
                                                                              person):
    intake_id = new_intake(db, staff, person, urgent=True)
    routing = db.write(lambda s: intake.route_intake(s, intake_id, actor=staff.desk,
                                                     to_benefits=True, to_social_work=True,
                                                     today=MONDAY))
    assert routing.case_sign == "GOPS.8311.1.2026"
    rows = db.read(lambda s: queue.benefits_queue(s, actor=staff.benefits, today=MONDAY))
    assert [r.sign for r in rows] == ["GOPS.8311.1.2026"]
    # Urgent: the interview is due within 2 working days of learning of the need (Fri 20.11).
    assert rows[0].deadline.label == "wywiad"
    assert rows[0].deadline.due == date(2026, 11, 24)
    status = db.read(lambda s: s.scalars(select(SocialWorkCase.status)).one())
    assert status is SocialWorkStatus.REFERRED
    assert db.read(lambda s: intake.list_intakes(s, actor=staff.desk)) == []
    with pytest.raises(ValidationError, match="już zamknięte"):
        db.write(lambda s: intake.route_intake(s, intake_id, actor=staff.desk,
                                               to_benefits=True, to_social_work=False))


def test_routing_needs_a_destination_and_closing_needs_the_information_given(db, staff,
                                                                            person):
    intake_id = new_intake(db, staff, person)
    with pytest.raises(ValidationError, match="dokąd skierować"):
        db.write(lambda s: intake.route_intake(s, intake_id, actor=staff.desk,
                                               to_benefits=False, to_social_work=False))
    with pytest.raises(ValidationError, match="Udzielona informacja"):
        db.write(lambda s: intake.close_with_information(s, intake_id, " ", actor=staff.desk))
    db.write(lambda s: intake.close_with_information(
        s, intake_id, "Informacja o dodatku osłonowym.", actor=staff.desk))
    rows = db.read(lambda s: intake.list_intakes(s, actor=staff.desk, open_only=False))
    assert rows[0].status is IntakeStatus.INFORMED


def test_applications_get_consecutive_case_signs_within_the_year(db, staff, person):
    signs = [db.write(lambda s, d=d: intake.register_application(
        s, ApplicationForm(person_id=person, benefit_kind=BenefitKind.ZASILEK_OKRESOWY,
                           filed_on=d), actor=staff.desk, today=MONDAY))
        for d in (date(2026, 11, 2), date(2026, 11, 3))]
    assert signs == ["GOPS.8311.1.2026", "GOPS.8311.2.2026"]
    # kpa art. 35: a month from 02.11.2026 — 02.12.2026.
    rows = db.read(lambda s: queue.benefits_queue(s, actor=staff.benefits, today=MONDAY))
    assert {r.sign for r in rows} == set(signs)
    with pytest.raises(ValidationError, match="nie może być datą przyszłą"):
        db.write(lambda s: intake.register_application(
            s, ApplicationForm(person_id=person, benefit_kind=BenefitKind.POSILEK,
                               filed_on=date(2026, 12, 1)), actor=staff.desk, today=MONDAY))


def test_certificates_are_numbered_registered_and_wait_at_the_desk(db, staff, person):
    ids = [db.write(lambda s: desk.issue_certificate(
        s, actor=staff.desk, person_id=person, purpose="do szkoły",
        content="figuruje w kartotece ośrodka.", today=MONDAY)) for _ in range(2)]
    register = db.read(lambda s: desk.certificate_register(s, actor=staff.desk, year=2026))
    assert [(c.id, c.number) for c in register] == [(ids[0], "ZAŚ.1.2026"),
                                                    (ids[1], "ZAŚ.2.2026")]
    waiting = db.read(lambda s: desk.waiting_documents(s, actor=staff.desk))
    assert [w.title for w in waiting] == ["Zaświadczenie nr ZAŚ.1.2026",
                                          "Zaświadczenie nr ZAŚ.2.2026"]
    pdf = db.read(lambda s: desk.certificate_pdf(s, ids[0], actor=staff.desk))
    assert pdf.startswith(b"%PDF")

    db.write(lambda s: desk.hand_over(s, waiting[0].id, actor=staff.desk,
                                      handed_to="Jadwiga Wróbel", id_document="ABC123456",
                                      on=MONDAY))
    with pytest.raises(ValidationError, match="wydano już 23.11.2026"):
        db.write(lambda s: desk.hand_over(s, waiting[0].id, actor=staff.desk,
                                          handed_to="ktoś inny"))
    assert len(db.read(lambda s: desk.waiting_documents(s, actor=staff.desk))) == 1


def test_appointments_only_in_office_hours_and_not_twice(db, staff, person):
    now = datetime(2026, 11, 23, 8, 0)

    def book(when):
        return db.write(lambda s: desk.make_appointment(
            s, actor=staff.desk, person_id=person, worker_id=staff.social.id, starts_at=when,
            purpose="Rozmowa", now=now))

    with pytest.raises(ValidationError, match="7:30|07:30"):
        book(datetime(2026, 11, 24, 16, 0))
    with pytest.raises(ValidationError, match="dni robocze"):
        book(datetime(2026, 11, 28, 10, 0))  # a Saturday
    with pytest.raises(ValidationError, match="w przeszłości"):
        book(datetime(2026, 11, 20, 10, 0))
    book(datetime(2026, 11, 24, 10, 0))
    with pytest.raises(ValidationError, match="ma już spotkanie"):
        book(datetime(2026, 11, 24, 10, 0))


def test_every_change_is_audited_with_who_and_what(db, staff, person):
    entries = db.read(lambda s: s.execute(select(
        AuditEntry.action, AuditEntry.user_id, AuditEntry.details).where(
        AuditEntry.entity == "Person", AuditEntry.entity_id == person)).all())
    assert [(a, u) for a, u, _ in entries] == [(AuditAction.CREATE, staff.desk.id)]
    assert json.loads(entries[0][2])["last_name"] == [None, "Wróbel"]


def test_a_refused_operation_is_refused_in_the_service_and_audited(db, staff, person):
    with pytest.raises(PermissionDenied, match="Twoja rola nie pozwala"):
        db.write(lambda s: desk.issue_certificate(s, actor=staff.social, person_id=person,
                                                  purpose="x", content="y"))
    denied = db.read(lambda s: s.execute(select(AuditEntry.user_id, AuditEntry.details).where(
        AuditEntry.action == AuditAction.DENIED)).all())
    assert [(u, json.loads(d)["operation"]) for u, d in denied] == [
        (staff.social.id, "desk.issue_certificate")]
    assert db.read(lambda s: s.scalars(select(Case)).all()) == []


def test_a_new_surname_shows_on_every_desk_list_at_once(db, staff, person):
    """The lists carry the names they show (services/name_copies.py): a name changed in
    the person's file is copied to the register, "Do odbioru" and the appointments in the
    same transaction, each in its list's order of names."""
    from dataclasses import replace

    from opsdesk.services import people

    db.write(lambda s: desk.issue_certificate(s, actor=staff.desk, person_id=person,
                                              purpose="do szkoły", today=MONDAY,
                                              content="figuruje w kartotece ośrodka."))
    db.write(lambda s: desk.make_appointment(
        s, actor=staff.desk, person_id=person, worker_id=staff.social.id,
        starts_at=datetime(2026, 11, 24, 10, 0), purpose="Rozmowa",
        now=datetime(2026, 11, 23, 8, 0)))
    since = datetime(2026, 11, 23, 8, 0)

    def names() -> tuple[str, str, str]:
        return (db.read(lambda s: desk.certificate_register(s, actor=staff.desk,
                                                             year=2026))[0].person_name,
                db.read(lambda s: desk.waiting_documents(s, actor=staff.desk))[0].person_name,
                db.read(lambda s: desk.upcoming_appointments(s, actor=staff.desk,
                                                              since=since))[0].person_name)

    assert names() == ("Jadwiga Wróbel", "Wróbel Jadwiga", "Jadwiga Wróbel")
    file = db.read(lambda s: people.open_person(s, person, actor=staff.desk))
    db.write(lambda s: people.update_person(s, person, replace(file.form, last_name="Żak-Wróbel"),
                                            actor=staff.desk, expected_version=file.version))
    assert names() == ("Jadwiga Żak-Wróbel", "Żak-Wróbel Jadwiga", "Jadwiga Żak-Wróbel")
    found = db.read(lambda s: desk.waiting_documents(s, actor=staff.desk, query="żak"))
    assert [w.person_name for w in found] == ["Żak-Wróbel Jadwiga"]
