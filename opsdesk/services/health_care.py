"""The decision confirming the right to publicly funded health care (art. 54 uśoz).

An uninsured person whose income does not exceed the art. 8 ups threshold gets, from the
wójt, a decision that confirms the right for 90 days from the day it names; the right ends
(wygasa) earlier when the person becomes insured. The application comes from the person or,
often after an urgent treatment, from the hospital or clinic that treated them. It opens a
benefit case with its sign, so the family interview and the decision have their deadlines in
Świadczenia's queue (services/deadline_store.py), and so does the end of the right.

Granting needs the case's completed interview: income and household from it, counted against
the thresholds in force on the application's day, and its answer to "insured from another
title?". The decision is numbered from the decisions' shared counter and signed by the head
or an authorised worker (``permissions.SIGNING``), as every other decision."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from opsdesk import clock
from opsdesk.errors import ConflictError, NotFound, ValidationError
from opsdesk.formatting import format_money
from opsdesk.models import Case, HealthCareDecision, Interview, Person, User
from opsdesk.models.enums import AuditAction, CaseKind, CaseStatus, Team
from opsdesk.models.health_care import Requester
from opsdesk.reports.health_care_decision import HealthCareDecisionView, render
from opsdesk.services import rules
from opsdesk.services import validation as check
from opsdesk.services.audit import write_audit
from opsdesk.services.decisions.lookups import delivery_note
from opsdesk.services.intake import open_case
from opsdesk.services.interviews import assess, latest_interview
from opsdesk.services.legal_acts import Act, citation
from opsdesk.services.numbering import next_number
from opsdesk.services.office import get_office, office_view
from opsdesk.services.permissions import Permission, permissions_of
from opsdesk.services.queue import HEALTH_CARE_DAYS
from opsdesk.services.security import Actor, operation

SUBJECT = "Potwierdzenie prawa do świadczeń opieki zdrowotnej (art. 54 uśoz)"
WARNING_DAYS = HEALTH_CARE_DAYS  # the end of a right shows this many days ahead


class State(StrEnum):
    AWAITING = "AWAITING"  # no decision yet
    CURRENT = "CURRENT"
    EXPIRING = "EXPIRING"  # ends within WARNING_DAYS
    EXPIRED = "EXPIRED"  # ended, not yet closed
    ENDED = "ENDED"  # ended early: the person became insured
    REFUSED = "REFUSED"
    CLOSED = "CLOSED"


STATE_LABELS: dict[State, str] = {
    State.AWAITING: "czeka na decyzję", State.CURRENT: "prawo trwa",
    State.EXPIRING: "prawo wkrótce wygasa", State.EXPIRED: "prawo wygasło — do zamknięcia",
    State.ENDED: "wygasło — objęcie ubezpieczeniem", State.REFUSED: "odmowa",
    State.CLOSED: "zamknięta",
}


@dataclass(frozen=True)
class ApplicationForm:
    person_id: int
    applied_on: date
    requested_by: Requester = Requester.PERSON
    provider_name: str = ""
    treated_on: date | None = None  # the provider's treatment (stan nagły)
    urgent: bool = False


@dataclass(frozen=True)
class DecisionForm:
    grant: bool
    period_from: date | None = None  # the day the decision names (a grant)
    reason: str = ""  # a refusal's ground when the records do not give one
    notes: str = ""  # added to the justification


@dataclass(frozen=True)
class HealthCareRow:
    id: int
    case_id: int
    case_sign: str
    person_id: int
    person_name: str
    requester: str
    applied_on: date
    decision_due: date | None
    number: str
    issued_on: date | None
    period_from: date | None
    period_to: date | None
    ended_on: date | None
    state: State
    version: int

    @property
    def state_text(self) -> str:
        return STATE_LABELS[self.state]


# --- registering the application ---------------------------------------------------------


@operation(Permission.APPLICATION_REGISTER)
def register_application(session: Session, form: ApplicationForm, *, actor: Actor,
                         today: date | None = None) -> int:
    """The application (the person's or a provider's) opens a case with its sign."""
    today = today or clock.today()
    person = session.get(Person, form.person_id)
    if person is None:
        raise NotFound("Nie ma takiej osoby.")
    if form.applied_on > today:
        raise ValidationError("Data wniosku nie może być przyszła.", field="applied_on")
    provider = Requester(form.requested_by) is Requester.PROVIDER
    name = check.text(form.provider_name, field="provider_name",
                      label="Nazwa szpitala lub przychodni", max_len=200, required=provider)
    if provider and form.treated_on is None:
        raise ValidationError("Podaj datę udzielenia świadczenia przez szpital lub przychodnię.",
                              field="treated_on")
    if form.treated_on is not None and form.treated_on > form.applied_on:
        raise ValidationError("Świadczenie udzielone po dniu wniosku — sprawdź daty.",
                              field="treated_on")
    pending = session.scalar(select(HealthCareDecision.id).where(
        HealthCareDecision.person_id == person.id, HealthCareDecision.issued_on.is_(None)))
    if pending is not None:
        raise ValidationError("Wniosek tej osoby czeka już na decyzję.", field="person_id")
    case = open_case(session, person_id=person.id, kind=CaseKind.BENEFIT, team=Team.BENEFITS,
                     started_on=form.applied_on, registered_on=today,
                     urgent=form.urgent or provider, subject=SUBJECT)
    record = HealthCareDecision(
        case_id=case.id, person_id=person.id, requested_by=Requester(form.requested_by).value,
        provider_name=name if provider else "", treated_on=form.treated_on,
        applied_on=form.applied_on, registered_by_id=actor.id)
    session.add(record)
    session.flush()
    write_audit(session, actor.id, AuditAction.CREATE, "HealthCareDecision", record.id, {})
    return record.id


# --- the decision ------------------------------------------------------------------------


def _record(session: Session, record_id: int, expected_version: int | None) -> HealthCareDecision:
    record = session.get(HealthCareDecision, record_id)
    if record is None:
        raise NotFound("Nie ma takiego wniosku.")
    if expected_version is not None and record.version != expected_version:
        raise ConflictError({"version": (record.version, expected_version)})
    return record


def _interview(session: Session, record: HealthCareDecision) -> Interview:
    interview = latest_interview(session, case_id=record.case_id)
    if interview is None:
        raise ValidationError("Decyzję wydaje się po rodzinnym wywiadzie środowiskowym — "
                              "zakończ wywiad w tej sprawie.", field="interview")
    return interview


def _requester_text(record: HealthCareDecision) -> str:
    if record.requested_by == Requester.PROVIDER:
        return (f"{record.provider_name}, po udzieleniu świadczenia w dniu "
                f"{record.treated_on:%d.%m.%Y} r.")
    return "wniosek strony"


def _grounds(session: Session, record: HealthCareDecision, interview: Interview
             ) -> tuple[list[str], list[str], rules.HealthCareFigures]:
    """(what the records establish, why a grant is not possible) — both in Polish."""
    figures = rules.health_care_figures_on(record.applied_on)
    facts = [f"W dniu {interview.carried_out_on:%d.%m.%Y} r. przeprowadzono rodzinny wywiad "
             "środowiskowy."] if interview.carried_out_on else []
    obstacles: list[str] = []
    if interview.refused:
        obstacles.append("strona odmówiła przeprowadzenia rodzinnego wywiadu środowiskowego")
        return facts, obstacles, figures
    assessment = assess(session, interview, record.applied_on)
    facts.append(assessment.summary())
    if not assessment.within_threshold:
        obstacles.append(
            f"dochód ({format_money(assessment.family_income)}) przekracza kryterium dochodowe "
            f"z art. 8 ustawy o pomocy społecznej ({format_money(assessment.household_threshold)})")
    else:
        facts.append("Dochód nie przekracza kryterium dochodowego z art. 8 ustawy o pomocy "
                     "społecznej.")
    if interview.health_insured_elsewhere is None:
        obstacles.append("w wywiadzie nie ustalono, czy strona jest objęta ubezpieczeniem "
                         "zdrowotnym (wpisz to przyciskiem „Ubezpieczenie z wywiadu…”)")
    elif interview.health_insured_elsewhere:
        obstacles.append("strona jest objęta ubezpieczeniem zdrowotnym"
                         + (f" ({interview.health_insurance_note})"
                            if interview.health_insurance_note else ""))
    else:
        facts.append("Strona nie jest objęta ubezpieczeniem zdrowotnym ani nie ma prawa do "
                     "świadczeń z innego tytułu.")
    return facts, obstacles, figures


@operation(Permission.DECISION_APPROVE)
def issue_decision(session: Session, record_id: int, form: DecisionForm, *, actor: Actor,
                   expected_version: int, today: date | None = None) -> str:
    """Grant (with the 90-day period from the day named) or refuse, with the reasons built
    from the records; number and signatory in this transaction. Returns the number."""
    today = today or clock.today()
    record = _record(session, record_id, expected_version)
    if record.issued_on is not None:
        raise ValidationError("W tej sprawie decyzję już wydano.", field="status")
    interview = _interview(session, record)
    facts, obstacles, figures = _grounds(session, record, interview)
    notes = check.text(form.notes, field="notes", label="Uzasadnienie", max_len=4000,
                       required=False)
    application = (f"Dnia {record.applied_on:%d.%m.%Y} r. wpłynął wniosek o wydanie decyzji "
                   f"potwierdzającej prawo do świadczeń opieki zdrowotnej finansowanych ze "
                   f"środków publicznych ({_requester_text(record)}).")
    if form.grant:
        if obstacles:
            raise ValidationError("Nie można potwierdzić prawa: " + "; ".join(obstacles) + ".",
                                  field="grant")
        if form.period_from is None:
            raise ValidationError("Podaj dzień, od którego przysługuje prawo.",
                                  field="period_from")
        earliest = record.treated_on or record.applied_on
        if form.period_from < earliest:
            raise ValidationError(f"Prawo może przysługiwać najwcześniej od "
                                  f"{earliest:%d.%m.%Y} r.", field="period_from")
        record.period_from = form.period_from
        record.period_to = rules.health_care_period_end(form.period_from)
        conclusion = (f"Strona spełnia warunki z art. 54 ust. 1 ustawy o świadczeniach opieki "
                      f"zdrowotnej finansowanych ze środków publicznych; prawo przysługuje "
                      f"przez okres {figures.period_days} dni od dnia określonego w decyzji.")
    else:
        reason = check.text(form.reason, field="reason", label="Przyczyna odmowy",
                            max_len=1000, required=not obstacles)
        grounds = obstacles + ([reason] if reason else [])
        conclusion = ("Nie są spełnione warunki z art. 54 ust. 1 ustawy o świadczeniach "
                      "opieki zdrowotnej finansowanych ze środków publicznych: "
                      + "; ".join(grounds) + ".")
    if not interview.refused:
        assessment = assess(session, interview, record.applied_on)
        record.income, record.threshold = (assessment.family_income,
                                           assessment.household_threshold)
        record.persons = assessment.persons
    signer = session.get(User, actor.id)
    assert signer is not None
    office = get_office(session)
    head = Permission.DECISION_APPROVE in permissions_of(actor.roles)  # not by authorisation
    seq = next_number(session, "DECISION", today.year)
    record.number = f"{office.case_symbol}.DEC.{seq}.{today.year}"
    record.year, record.seq = today.year, seq
    record.issued_on = today
    record.granted = form.grant
    record.interview_id = interview.id
    record.justification = "\n\n".join(p for p in (application, " ".join(facts), conclusion,
                                                   notes) if p)
    record.approved_by_id = actor.id
    record.signatory_name = signer.full_name
    record.signatory_position = (office.head_position if head and office.head_position
                                 else signer.position)
    case = session.get(Case, record.case_id)
    assert case is not None
    case.status = CaseStatus.DECIDED
    session.flush()
    write_audit(session, actor.id, AuditAction.UPDATE, "HealthCareDecision", record.id,
                {"issued": record.number, "granted": form.grant})
    return record.number


# --- the end of the right ----------------------------------------------------------------


def _close(session: Session, record: HealthCareDecision, today: date) -> None:
    record.closed_on = today
    case = session.get(Case, record.case_id)
    assert case is not None
    case.status, case.closed_on = CaseStatus.CLOSED, today


@operation(Permission.CASE_WORK)
def end_early(session: Session, record_id: int, *, actor: Actor, insured_on: date,
              reason: str, expected_version: int, today: date | None = None) -> None:
    """The person became insured: the right ends (wygasa) that day; the item is closed."""
    today = today or clock.today()
    record = _record(session, record_id, expected_version)
    if not record.granted or record.period_from is None or record.period_to is None:
        raise ValidationError("Wygasnąć może tylko prawo potwierdzone decyzją.", field="status")
    if record.ended_on is not None or record.closed_on is not None:
        raise ValidationError("Ta sprawa jest już zamknięta.", field="status")
    if insured_on > today:
        raise ValidationError("Dzień objęcia ubezpieczeniem nie może być przyszły.",
                              field="insured_on")
    if not record.period_from <= insured_on <= record.period_to:
        raise ValidationError(f"Dzień objęcia ubezpieczeniem musi przypadać w okresie prawa "
                              f"({record.period_from:%d.%m.%Y}–{record.period_to:%d.%m.%Y}).",
                              field="insured_on")
    record.ended_on = insured_on
    record.end_reason = check.text(reason, field="reason", label="Tytuł ubezpieczenia",
                                   max_len=300)
    _close(session, record, today)
    session.flush()
    write_audit(session, actor.id, AuditAction.UPDATE, "HealthCareDecision", record.id,
                {"ended_on": insured_on.isoformat()})


@operation(Permission.CASE_WORK)
def close(session: Session, record_id: int, *, actor: Actor, expected_version: int,
          today: date | None = None) -> None:
    """The worker saw the end: an expired right, or a refusal."""
    today = today or clock.today()
    record = _record(session, record_id, expected_version)
    if record.closed_on is not None:
        raise ValidationError("Ta sprawa jest już zamknięta.", field="status")
    if record.issued_on is None:
        raise ValidationError("Najpierw wydaj decyzję.", field="status")
    if record.granted and record.period_to is not None and record.period_to >= today:
        raise ValidationError(f"Prawo trwa do {record.period_to:%d.%m.%Y} r. — zamknąć można "
                              "po tym dniu albo po objęciu osoby ubezpieczeniem.",
                              field="status")
    _close(session, record, today)
    session.flush()
    write_audit(session, actor.id, AuditAction.UPDATE, "HealthCareDecision", record.id,
                {"closed_on": today.isoformat()})


# --- reading -----------------------------------------------------------------------------


def state_of(record: HealthCareDecision, today: date) -> State:
    if record.closed_on is not None:
        return State.ENDED if record.ended_on is not None else State.CLOSED
    if record.issued_on is None:
        return State.AWAITING
    if not record.granted or record.period_to is None:
        return State.REFUSED
    if record.period_to < today:
        return State.EXPIRED
    if (record.period_to - today).days < WARNING_DAYS:
        return State.EXPIRING
    return State.CURRENT


@operation(Permission.CASE_READ)
def list_decisions(session: Session, *, actor: Actor, open_only: bool = True,
                   today: date | None = None) -> list[HealthCareRow]:
    """The applications and decisions, those needing attention first (the nearest end)."""
    today = today or clock.today()
    stmt = (select(HealthCareDecision, Case.sign, Person.last_name, Person.first_name)
            .join(Case, Case.id == HealthCareDecision.case_id)
            .join(Person, Person.id == HealthCareDecision.person_id))
    if open_only:
        stmt = stmt.where(HealthCareDecision.closed_on.is_(None))
    rows = []
    for r, sign, last, first in session.execute(stmt):
        due = None if r.issued_on else rules.health_care_decision_deadline(
            r.applied_on, by_provider=r.requested_by == Requester.PROVIDER)
        rows.append(HealthCareRow(
            r.id, r.case_id, sign, r.person_id, f"{last} {first}",
            r.provider_name if r.requested_by == Requester.PROVIDER else "osoba",
            r.applied_on, due, r.number or "", r.issued_on, r.period_from, r.period_to,
            r.ended_on, state_of(r, today), r.version))
    rows.sort(key=lambda x: (x.decision_due or x.period_to or date.max, x.case_sign))
    return rows


def legal_basis(session: Session, on: date) -> str:
    """The basis printed on a decision dated ``on``, with the consolidated texts in force."""
    usoz, ups, kpa = (citation(session, act, on) for act in (Act.USOZ, Act.UPS, Act.KPA))
    return (f"Na podstawie art. 54 ust. 1 i 3 {usoz} w związku z art. 8 ust. 1 {ups} "
            f"oraz art. 104 § 1 {kpa}")


@operation(Permission.CASE_READ)
def decision_pdf(session: Session, record_id: int, *, actor: Actor) -> bytes:
    """The issued decision as a PDF (the printing is recorded)."""
    record = _record(session, record_id, None)
    if record.issued_on is None or record.number is None:
        raise ValidationError("Decyzja nie została jeszcze wydana.", field="status")
    person = session.get(Person, record.person_id)
    case = session.get(Case, record.case_id)
    assert person is not None and case is not None
    recipients = ["Adresat"]
    if record.requested_by == Requester.PROVIDER:
        recipients.append(record.provider_name)
    recipients.append("a/a")
    write_audit(session, actor.id, AuditAction.PRINT, "HealthCareDecision", record.id, {})
    return render(HealthCareDecisionView(
        office=office_view(session, record.issued_on), number=record.number,
        case_sign=case.sign, issued_on=record.issued_on, party_name=person.full_name,
        party_address=person.address, party_pesel=person.pesel or "",
        legal_basis=legal_basis(session, record.issued_on), applied_on=record.applied_on,
        granted=bool(record.granted),
        period_from=record.period_from, period_to=record.period_to,
        justification=record.justification, signatory_name=record.signatory_name,
        signatory_position=record.signatory_position, recipients=tuple(recipients),
        delivery_note=delivery_note(session, person)))


__all__ = ["ApplicationForm", "DecisionForm", "HealthCareRow", "Requester", "State",
           "close", "decision_pdf", "end_early", "issue_decision", "legal_basis",
           "list_decisions", "register_application", "state_of"]
