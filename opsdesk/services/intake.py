"""The first-contact desk: intakes (zgłoszenia) and their routing, and applications
(wnioski) that open a case in Świadczenia's queue.

Routing follows seed 001: basic living needs come first — a routing to both teams lands in
Świadczenia's queue and leaves a follow-up for social work."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from opsdesk import clock
from opsdesk.errors import NotFound, ValidationError
from opsdesk.models import Application, Case, Intake, Person, SocialWorkCase
from opsdesk.models.enums import (
    BenefitKind,
    CaseKind,
    CaseStatus,
    Channel,
    IntakeStatus,
    ReporterKind,
    SocialWorkMethod,
    SocialWorkSource,
    SocialWorkStage,
    SocialWorkStatus,
    Team,
)
from opsdesk.services import validation as check
from opsdesk.services.numbering import next_number
from opsdesk.services.office import get_office
from opsdesk.services.permissions import Permission
from opsdesk.services.security import Actor, operation


@dataclass(frozen=True)
class IntakeForm:
    person_id: int
    reporter_kind: ReporterKind
    channel: Channel
    problem: str
    urgent: bool = False
    reporter_name: str = ""


@dataclass(frozen=True)
class IntakeRow:
    id: int
    received_at: datetime
    person_id: int
    person_name: str
    channel: Channel
    problem: str
    urgent: bool
    status: IntakeStatus
    version: int


def _person(session: Session, person_id: int) -> Person:
    person = session.get(Person, person_id)
    if person is None:
        raise NotFound("Nie ma takiej osoby w kartotece.")
    return person


def _intake(session: Session, intake_id: int, expected_version: int | None = None) -> Intake:
    intake = session.get(Intake, intake_id)
    if intake is None:
        raise NotFound("Nie ma takiego zgłoszenia.")
    if expected_version is not None and intake.version != expected_version:
        from opsdesk.errors import ConflictError
        raise ConflictError({"status": (intake.status, None)})
    return intake


@operation(Permission.INTAKE_WRITE)
def register_intake(session: Session, form: IntakeForm, *, actor: Actor,
                    now: datetime | None = None) -> int:
    _person(session, form.person_id)
    problem = check.text(form.problem, field="problem", label="Opis problemu", max_len=4000)
    reporter = check.text(form.reporter_name, field="reporter_name", max_len=200,
                          label="Zgłaszający", required=form.reporter_kind is not ReporterKind.SELF)
    intake = Intake(received_at=now or clock.now(), received_by_id=actor.id,
                    person_id=form.person_id, reporter_kind=form.reporter_kind,
                    reporter_name=reporter, channel=form.channel, problem=problem,
                    urgent=form.urgent, status=IntakeStatus.NEW)
    session.add(intake)
    session.flush()
    return intake.id


@operation(Permission.INTAKE_WRITE)
def close_with_information(session: Session, intake_id: int, outcome: str, *, actor: Actor,
                           expected_version: int | None = None) -> None:
    """The desk gave information (about help, rights, other institutions) and closes it."""
    intake = _intake(session, intake_id, expected_version)
    _open_only(intake)
    intake.outcome = check.text(outcome, field="outcome", label="Udzielona informacja",
                                max_len=4000)
    intake.status = IntakeStatus.INFORMED
    intake.closed_at = clock.now()
    session.flush()


@operation(Permission.INTAKE_WRITE)
def start_desk_interview(session: Session, intake_id: int, *, actor: Actor,
                         expected_version: int | None = None) -> None:
    """An unclear or complex problem: the desk carries out the interview, routes afterwards."""
    intake = _intake(session, intake_id, expected_version)
    _open_only(intake)
    intake.status = IntakeStatus.DESK_INTERVIEW
    session.flush()


def _open_only(intake: Intake) -> None:
    if intake.status in (IntakeStatus.INFORMED, IntakeStatus.ROUTED):
        raise ValidationError("To zgłoszenie jest już zamknięte.", field="status")


def open_case(session: Session, *, person_id: int, kind: CaseKind, team: Team, started_on: date,
              registered_on: date, urgent: bool = False, subject: str = "",
              intake_id: int | None = None) -> Case:
    """A new case with its sign (symbol.number.year), numbered inside this transaction in
    the register of the year it is entered in — an application filed on 30 December and
    registered on 2 January opens the new year's register, the deadline still running from
    its filing (``started_on``)."""
    office = get_office(session)
    year = registered_on.year
    number = next_number(session, "CASE", year)
    case = Case(sign=f"{office.case_symbol}.{number}.{year}", year=year,
                number=number, kind=kind, team=team, status=CaseStatus.NEW, person_id=person_id,
                intake_id=intake_id, started_on=started_on, learned_on=started_on,
                urgent=urgent, subject=subject[:300])
    session.add(case)
    session.flush()
    return case


def report_by(session: Session, referred_on: date) -> date:
    """The last day a referred client is to come to the social worker: the office's number
    of working days (``referral_report_days``) after the referral."""
    from opsdesk.services.rules import working_days_after

    return working_days_after(referred_on, get_office(session).referral_report_days)


def refer_to_social_work(session: Session, *, person_id: int, source: SocialWorkSource,
                         referred_on: date, intake_id: int | None = None,
                         case_id: int | None = None,
                         referral_message_id: int | None = None) -> SocialWorkCase:
    """Put the client into the social work team's queue, waiting to be accepted."""
    case = session.get(Case, case_id) if case_id is not None else None
    sw = SocialWorkCase(person_id=person_id, source=source, intake_id=intake_id, case_id=case_id,
                        case_sign=case.sign if case else "",
                        referral_message_id=referral_message_id,
                        status=SocialWorkStatus.REFERRED, referred_on=referred_on,
                        report_by=report_by(session, referred_on),
                        stage=SocialWorkStage.DIAGNOSIS, method=SocialWorkMethod.INDIVIDUAL)
    session.add(sw)
    session.flush()
    return sw


@dataclass(frozen=True)
class Routing:
    case_sign: str | None
    social_work_id: int | None


@operation(Permission.INTAKE_WRITE)
def route_intake(session: Session, intake_id: int, *, actor: Actor, to_benefits: bool,
                 to_social_work: bool, note: str = "", today: date | None = None,
                 expected_version: int | None = None) -> Routing:
    if not (to_benefits or to_social_work):
        raise ValidationError("Wybierz, dokąd skierować sprawę: Świadczenia, Praca socjalna "
                              "i usługi albo oba zespoły.", field="routing")
    intake = _intake(session, intake_id, expected_version)
    _open_only(intake)
    today = today or clock.today()
    intake.outcome = check.text(note, field="outcome", label="Uwagi", max_len=4000,
                                required=False)
    case_sign = None
    sw_id = None
    if to_benefits:
        case = open_case(session, person_id=intake.person_id, kind=CaseKind.BENEFIT,
                         team=Team.BENEFITS, started_on=today, registered_on=today,
                         urgent=intake.urgent,
                         subject=intake.problem, intake_id=intake.id)
        case.learned_on = intake.received_at.date()
        case_sign = case.sign
    if to_social_work:
        # Basic needs first: with both teams, social work follows the benefits case.
        sw_id = refer_to_social_work(session, person_id=intake.person_id,
                                     source=SocialWorkSource.FIRST_CONTACT,
                                     referred_on=today, intake_id=intake.id).id
    intake.routed_to_benefits = to_benefits
    intake.routed_to_social_work = to_social_work
    intake.status = IntakeStatus.ROUTED
    intake.closed_at = clock.now()
    session.flush()
    return Routing(case_sign, sw_id)


@dataclass(frozen=True)
class ApplicationForm:
    person_id: int
    benefit_kind: BenefitKind
    filed_on: date
    channel: Channel = Channel.IN_PERSON
    description: str = ""
    urgent: bool = False
    case_id: int | None = None  # attach to a case already open for this person


@operation(Permission.APPLICATION_REGISTER)
def register_application(session: Session, form: ApplicationForm, *, actor: Actor,
                         today: date | None = None) -> str:
    """Register a wniosek; it opens a case (or joins the given open one). Returns the sign."""
    _person(session, form.person_id)
    today = today or clock.today()
    check.past_date(form.filed_on, field="filed_on", label="Data złożenia wniosku", today=today)
    description = check.text(form.description, field="description", label="Treść wniosku",
                             max_len=4000, required=False)
    if form.case_id is not None:
        case = session.get(Case, form.case_id)
        if case is None or case.person_id != form.person_id or case.status is CaseStatus.CLOSED:
            raise ValidationError("Wybrana sprawa nie jest otwartą sprawą tej osoby.",
                                  field="case")
        if case.status is CaseStatus.NEW:
            # kpa art. 35: the deadline runs from the application that starts the proceeding.
            case.started_on = form.filed_on
    else:
        case = open_case(session, person_id=form.person_id, kind=CaseKind.BENEFIT,
                         team=Team.BENEFITS, started_on=form.filed_on, registered_on=today,
                         urgent=form.urgent, subject=description)
    session.add(Application(case_id=case.id, person_id=form.person_id, filed_on=form.filed_on,
                            benefit_kind=form.benefit_kind, channel=form.channel,
                            description=description, registered_by_id=actor.id))
    session.flush()
    return case.sign


@operation(Permission.INTAKE_READ)
def list_intakes(session: Session, *, actor: Actor, open_only: bool = True,
                 limit: int = 200) -> list[IntakeRow]:
    stmt = select(Intake, Person).join(Person, Intake.person_id == Person.id)
    if open_only:
        stmt = stmt.where(Intake.status.in_([IntakeStatus.NEW, IntakeStatus.DESK_INTERVIEW]))
    stmt = stmt.order_by(Intake.urgent.desc(), Intake.received_at.desc()).limit(limit)
    return [IntakeRow(i.id, i.received_at, p.id, f"{p.last_name} {p.first_name}", i.channel,
                      i.problem, i.urgent, i.status, i.version)
            for i, p in session.execute(stmt)]


@operation(Permission.PERSON_READ)
def open_cases_of(session: Session, person_id: int, *, actor: Actor) -> list[tuple[int, str]]:
    stmt = (select(Case.id, Case.sign).where(Case.person_id == person_id,
                                             Case.status != CaseStatus.CLOSED)
            .order_by(Case.id.desc()))
    return [(i, s) for i, s in session.execute(stmt)]
