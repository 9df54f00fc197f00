"""The benefits team's other tasks (seed 001, tasks 5–9 of Świadczenia), each a case of its
own kind opened with ``intake.open_case`` and answered with a letter of the centre:

* **INTERVIEW_FOR_OTHER_OFFICE** — a family interview carried out at the request of another
  centre or a PCPR: the request received (who, their reference, by when — by default the
  14 working days of the interview regulation), the interview itself (an interview record
  of kind FOR_OTHER_OFFICE), and the letter sending it back;
* **DPS** — referral to and placement in a residential care home: the home, its monthly
  cost and the fee shares of art. 61 ups — the resident up to 70 % of own income, the
  family from what exceeds 300 % of the income threshold, the gmina the rest (the
  percentages live in the dated table ``DPS_FEE_FIGURES``) — and the day of placement;
* **GUARDIAN_CANDIDATE** — a guardianship court's request to name a candidate for the
  guardian of a minor or of a person totally incapacitated, answered with the candidate;
* **ACTUAL_CARE** — confirmation that a person takes actual care of someone entitled to
  renta socjalna;
* **PREPARATORY** — preparatory proceedings for another municipal benefit (housing
  allowance, rent reduction, alimony fund, health or care benefits), the findings handed
  over to the competent body with a cover letter.

A task is done when its answer is written: the case closes, and the letter can be printed.
Its deadline (``due_on``) is the one the requester set, else the law's default for the
kind; the head's view counts it with the centre's other deadlines.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from opsdesk import clock
from opsdesk.errors import ConflictError, NotFound, ValidationError
from opsdesk.formatting import format_date, format_money
from opsdesk.models import Case, Interview, InterviewMember, Person, User
from opsdesk.models.enums import (
    AuditAction,
    CaseKind,
    CaseStatus,
    InterviewKind,
    Relation,
    Role,
    Team,
)
from opsdesk.models.other_tasks import OtherTask
from opsdesk.reports import texts as T
from opsdesk.reports.cover_letter import CoverLetterView, render_cover_letter
from opsdesk.services import intake, rules
from opsdesk.services import validation as check
from opsdesk.services.audit import write_audit
from opsdesk.services.interviews import legal_figures
from opsdesk.services.office import get_office, office_view
from opsdesk.services.permissions import Permission
from opsdesk.services.queue import Deadline
from opsdesk.services.security import Actor, operation
from opsdesk.services.templates import texts_in_force

K = CaseKind
OTHER_KINDS = (K.INTERVIEW_FOR_OTHER_OFFICE, K.DPS, K.GUARDIAN_CANDIDATE, K.ACTUAL_CARE,
               K.PREPARATORY)
TEXT_MAX = 4000
_GROSZ = Decimal("0.01")


class PreparatoryBenefit(StrEnum):
    """What preparatory proceedings establish the right to (seed 001, task 5)."""

    HOUSING_ALLOWANCE = "HOUSING_ALLOWANCE"
    RENT_REDUCTION = "RENT_REDUCTION"
    ALIMONY_FUND = "ALIMONY_FUND"
    HEALTH = "HEALTH"
    CARE = "CARE"


PREPARATORY_LABELS: dict[str, str] = {
    PreparatoryBenefit.HOUSING_ALLOWANCE: "dodatek mieszkaniowy",
    PreparatoryBenefit.RENT_REDUCTION: "obniżka czynszu za mieszkanie z zasobu gminy",
    PreparatoryBenefit.ALIMONY_FUND: "świadczenia z funduszu alimentacyjnego",
    PreparatoryBenefit.HEALTH: "świadczenia opieki zdrowotnej",
    PreparatoryBenefit.CARE: "świadczenia opiekuńcze",
}


class Guardianship(StrEnum):
    MINOR = "MINOR"
    INCAPACITATED = "INCAPACITATED"


GUARDIANSHIP_LABELS: dict[str, str] = {
    Guardianship.MINOR: "małoletniego",
    Guardianship.INCAPACITATED: "osoby całkowicie ubezwłasnowolnionej",
}


@dataclass(frozen=True)
class KindSpec:
    """How a kind of task reads on the screen and in its letter."""

    title: str  # a list's "Rodzaj"
    institution_label: str  # the form's label of ``institution``
    deadline_label: str  # "wywiad dla innego ośrodka do 24.11.2026"
    outcome_label: str  # the form's label of the answer
    subject: str  # the letter's "Dotyczy:", with {person} and {what} (no declension needed)
    attachments: tuple[str, ...]
    letter_title: str = ""


SPECS: dict[CaseKind, KindSpec] = {
    K.INTERVIEW_FOR_OTHER_OFFICE: KindSpec(
        "wywiad dla innego ośrodka / PCPR", "Ośrodek lub PCPR, który zleca wywiad",
        "wywiad dla innego ośrodka", "Ustalenia wywiadu (do przekazania zlecającemu)",
        "rodzinny wywiad środowiskowy — {person}",
        ("Kwestionariusz rodzinnego wywiadu środowiskowego.",)),
    K.DPS: KindSpec(
        "skierowanie i umieszczenie w DPS", "Dom pomocy społecznej lub starostwo (adresat)",
        "skierowanie do DPS", "Informacja o skierowaniu i przekazywanych dokumentach",
        "skierowanie do domu pomocy społecznej — {person}",
        ("Decyzja o skierowaniu do domu pomocy społecznej.",
         "Rodzinny wywiad środowiskowy.",
         "Zgoda osoby na umieszczenie w domu pomocy społecznej.",
         "Zaświadczenie lekarskie o stanie zdrowia.",
         "Dokumenty o dochodzie osoby i ustaleniach odpłatności.")),
    K.GUARDIAN_CANDIDATE: KindSpec(
        "kandydat na opiekuna (wniosek sądu)", "Sąd opiekuńczy (wydział)",
        "wskazanie kandydata na opiekuna", "Wskazany kandydat na opiekuna i uzasadnienie",
        "wskazanie kandydata na opiekuna {what} — {person}", ()),
    K.ACTUAL_CARE: KindSpec(
        "potwierdzenie opieki faktycznej (renta socjalna)",
        "Instytucja, której potwierdzenie jest potrzebne (np. ZUS)",
        "potwierdzenie opieki faktycznej", "Ustalenia: kto i od kiedy sprawuje opiekę",
        "potwierdzenie sprawowania opieki faktycznej — {person}", (),
        "POTWIERDZENIE SPRAWOWANIA OPIEKI FAKTYCZNEJ"),
    K.PREPARATORY: KindSpec(
        "postępowanie przygotowawcze (inne świadczenia gminy)",
        "Organ właściwy do rozpatrzenia sprawy", "przekazanie ustaleń",
        "Ustalenia postępowania przygotowawczego",
        "postępowanie przygotowawcze: {what} — {person}",
        ("Dokumentacja postępowania przygotowawczego.",)),
}


# --- the DPS fee (art. 61 ups) -------------------------------------------------------------------


@dataclass(frozen=True)
class DpsFeeFigures:
    """The shares of the DPS fee in force from ``valid_from`` until the next row."""

    valid_from: date
    resident_share: Decimal  # art. 61 ust. 1 pkt 1: the resident pays up to this of own income
    family_income_multiple: Decimal  # art. 61 ust. 2 pkt 2: the family keeps this × threshold
    verified: bool = True
    note: str = ""


# Sorted by valid_from; the dates before which these shares held are not in the program.
DPS_FEE_FIGURES: tuple[DpsFeeFigures, ...] = (
    DpsFeeFigures(valid_from=date(2018, 10, 1), resident_share=Decimal("0.70"),
                  family_income_multiple=Decimal("3.00"), verified=False,
                  note="300 % of the threshold: the date this multiple took effect is "
                       "unverified; in force throughout the thresholds of rules.py"),
)
_DPS_FROM = tuple(row.valid_from for row in DPS_FEE_FIGURES)


def dps_fee_figures(on: date) -> DpsFeeFigures:
    index = bisect_right(_DPS_FROM, on) - 1
    if index < 0:
        raise ValidationError(f"Brak zasad odpłatności za DPS dla daty {format_date(on)} r.",
                              field="on")
    return DPS_FEE_FIGURES[index]


@dataclass(frozen=True)
class DpsFees:
    monthly_cost: Decimal
    resident: Decimal
    family: Decimal
    gmina: Decimal
    family_capacity: Decimal  # what the family could pay under art. 61 ust. 2 pkt 2


def dps_fees(on: date, *, monthly_cost: Decimal, resident_income: Decimal,
             family_income: Decimal | None = None, family_persons: int | None = None,
             figures: rules.LegalFigures | None = None) -> DpsFees:
    """Who pays the DPS's monthly cost: the resident up to 70 % of own income (never more
    than the cost), then the family from what its income exceeds 300 % of its threshold,
    then the gmina the rest (art. 61 ust. 1–2 ups)."""
    shares = dps_fee_figures(on)
    resident = min((resident_income * shares.resident_share).quantize(_GROSZ, ROUND_FLOOR),
                   monthly_cost)
    rest = monthly_cost - resident
    capacity = Decimal("0.00")
    if family_income is not None and family_persons:
        keep = (shares.family_income_multiple * rules.household_threshold(
            on, persons=family_persons, figures=figures)).quantize(_GROSZ, ROUND_HALF_UP)
        capacity = max(Decimal("0.00"), family_income - keep)
    family = min(capacity, rest)
    return DpsFees(monthly_cost, resident, family, rest - family, capacity)


# --- reading -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TaskRow:
    id: int
    case_id: int
    sign: str
    kind: CaseKind
    person_id: int
    person_name: str
    institution: str
    received_on: date
    due_on: date | None
    done_on: date | None
    assigned_to: str
    assigned_to_id: int | None
    version: int

    @property
    def deadline(self) -> Deadline | None:
        if self.due_on is None or self.done_on is not None:
            return None
        return Deadline(SPECS[self.kind].deadline_label, self.due_on)


@dataclass(frozen=True)
class TaskDetail:
    row: TaskRow
    institution_address: str
    their_reference: str
    subject_kind: str
    subject_text: str  # "dodatek mieszkaniowy", "małoletniego", ""
    request: str
    outcome: str
    interview_on: date | None
    dps_name: str
    fees: DpsFees | None
    fees_counted_on: date | None
    placed_on: date | None


def _rows(session: Session, *where) -> list[TaskRow]:  # noqa: ANN002 - SQL conditions
    worker = aliased(User)
    stmt = (select(OtherTask, Case, Person, worker.full_name)
            .join(Case, Case.id == OtherTask.case_id)
            .join(Person, Person.id == Case.person_id)
            .outerjoin(worker, worker.id == Case.assigned_to_id)
            .where(*where)
            .order_by(OtherTask.done_on.is_not(None), OtherTask.due_on.is_(None),
                      OtherTask.due_on, Case.id))
    return [TaskRow(t.id, c.id, c.sign, c.kind, p.id, f"{p.last_name} {p.first_name}",
                    t.institution, t.received_on, t.due_on, t.done_on, name or "",
                    c.assigned_to_id, t.version)
            for t, c, p, name in session.execute(stmt)]


@operation(Permission.CASE_READ)
def task_list(session: Session, *, actor: Actor, open_only: bool = True,
              kind: CaseKind | None = None, mine_only: bool = False) -> list[TaskRow]:
    """Open tasks first, the nearest deadline first."""
    where = []
    if open_only:
        where.append(OtherTask.done_on.is_(None))
    if kind is not None:
        where.append(Case.kind == kind)
    if mine_only:
        where.append(Case.assigned_to_id == actor.id)
    return _rows(session, *where)


def _task(session: Session, task_id: int, expected_version: int | None = None) -> OtherTask:
    task = session.get(OtherTask, task_id)
    if task is None:
        raise NotFound("Nie ma takiego zadania.")
    if expected_version is not None and task.version != expected_version:
        raise ConflictError({"outcome": (task.outcome, None)})
    return task


def _subject_text(value: str) -> str:
    """"dodatek mieszkaniowy", "małoletniego" — or "" for a kind with no such choice."""
    return PREPARATORY_LABELS.get(value) or GUARDIANSHIP_LABELS.get(value) or ""


def _fees(task: OtherTask) -> DpsFees | None:
    if task.dps_monthly_cost is None or task.resident_fee is None:
        return None
    return DpsFees(task.dps_monthly_cost, task.resident_fee, task.family_fee or Decimal("0.00"),
                   task.gmina_fee or Decimal("0.00"), Decimal("0.00"))


@operation(Permission.CASE_READ)
def task_detail(session: Session, task_id: int, *, actor: Actor) -> TaskDetail:
    task = _task(session, task_id)
    write_audit(session, actor.id, AuditAction.READ, "OtherTask", task.id, {})
    interview = session.get(Interview, task.interview_id) if task.interview_id else None
    return TaskDetail(
        row=_rows(session, OtherTask.id == task.id)[0],
        institution_address=task.institution_address, their_reference=task.their_reference,
        subject_kind=task.subject_kind, subject_text=_subject_text(task.subject_kind),
        request=task.request,
        outcome=task.outcome, interview_on=interview.carried_out_on if interview else None,
        dps_name=task.dps_name, fees=_fees(task), fees_counted_on=task.fees_counted_on,
        placed_on=task.placed_on)


# --- writing -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TaskForm:
    kind: CaseKind
    person_id: int
    institution: str
    received_on: date | None
    institution_address: str = ""
    their_reference: str = ""
    due_on: date | None = None  # None: the law's default for the kind, if it has one
    subject_kind: str = ""  # PreparatoryBenefit or Guardianship value
    request: str = ""
    urgent: bool = False


def default_due(kind: CaseKind, received_on: date, *, urgent: bool = False) -> date | None:
    """The deadline when the requester sets none: an interview within the 14 working days
    of the regulation (2 when urgent), a DPS referral — an administrative decision — within
    the month of kpa art. 35. The others answer by the requester's date."""
    if kind is K.INTERVIEW_FOR_OTHER_OFFICE:
        return rules.interview_deadline(received_on, urgent=urgent)
    if kind is K.DPS:
        return rules.decision_deadline(received_on)
    return None


def _checked_subject(kind: CaseKind, value: str) -> str:
    if kind is K.PREPARATORY:
        if value not in PREPARATORY_LABELS:
            raise ValidationError("Wybierz świadczenie, którego dotyczy postępowanie "
                                  "przygotowawcze.", field="subject_kind")
        return value
    if kind is K.GUARDIAN_CANDIDATE:
        if value not in GUARDIANSHIP_LABELS:
            raise ValidationError("Wybierz, czy opieka dotyczy małoletniego, czy osoby "
                                  "całkowicie ubezwłasnowolnionej.", field="subject_kind")
        return value
    return ""


@operation(Permission.CASE_WORK)
def register_task(session: Session, form: TaskForm, *, actor: Actor,
                  today: date | None = None) -> int:
    """Open the case with its sign and record what was asked; returns the task's id."""
    today = today or clock.today()
    kind = CaseKind(form.kind) if form.kind in OTHER_KINDS else None
    if kind is None:
        raise ValidationError("Wybierz rodzaj zadania.", field="kind")
    person = session.get(Person, form.person_id)
    if person is None:
        raise NotFound("Nie ma takiej osoby w kartotece.")
    spec = SPECS[kind]
    institution = check.text(form.institution, field="institution",
                             label=spec.institution_label, max_len=300)
    address = check.text(form.institution_address, field="institution_address",
                         label="Adres", max_len=300, required=False)
    reference = check.text(form.their_reference, field="their_reference",
                           label="Znak pisma / sygnatura", max_len=100,
                           required=kind is K.GUARDIAN_CANDIDATE)
    received = check.past_date(form.received_on, field="received_on", today=today,
                               label="Data wpływu")
    assert received is not None
    subject_kind = _checked_subject(kind, form.subject_kind)
    due = form.due_on or default_due(kind, received, urgent=form.urgent)
    if kind is K.GUARDIAN_CANDIDATE and due is None:
        raise ValidationError("Podaj termin wyznaczony przez sąd.", field="due_on")
    if due is not None and due < received:
        raise ValidationError("Termin nie może być wcześniejszy niż data wpływu.",
                              field="due_on")
    request = check.text(form.request, field="request", label="Czego dotyczy prośba",
                         max_len=TEXT_MAX, required=False)
    what = _subject_text(subject_kind)
    case = intake.open_case(
        session, person_id=person.id, kind=kind, team=Team.BENEFITS, started_on=received,
        registered_on=today, urgent=form.urgent,
        subject=f"{spec.title}{': ' + what if what else ''} — {institution}")
    if Role.BENEFITS in actor.roles:
        case.assigned_to_id = actor.id
        case.status = CaseStatus.IN_PROGRESS
    task = OtherTask(case_id=case.id, institution=institution, institution_address=address,
                     their_reference=reference, received_on=received, due_on=due,
                     subject_kind=subject_kind, request=request)
    session.add(task)
    session.flush()
    return task.id


def _open_of_kind(task: OtherTask, kind: CaseKind) -> Case:
    case = task.case
    if case.kind is not kind:
        raise ValidationError(f"To zadanie nie jest zadaniem rodzaju: {SPECS[kind].title}.",
                              field="kind")
    if task.done_on is not None:
        raise ValidationError(f"Zadanie w sprawie {case.sign} jest już zakończone "
                              f"({format_date(task.done_on)} r.).", field="status")
    return case


def _not_before_receipt(task: OtherTask, day: date, *, field: str, what: str) -> None:
    if day < task.received_on:
        raise ValidationError(f"{what} nie może być wcześniejsza niż wpływ prośby "
                              f"({format_date(task.received_on)} r.).", field=field)


@operation(Permission.CASE_WORK)
def record_interview(session: Session, task_id: int, *, actor: Actor,
                     carried_out_on: date | None, findings: str,
                     today: date | None = None, expected_version: int | None = None) -> int:
    """The interview carried out for the other office: an interview record of its own kind
    (it counts in the worker's interviews), with the findings to send back."""
    today = today or clock.today()
    task = _task(session, task_id, expected_version)
    case = _open_of_kind(task, K.INTERVIEW_FOR_OTHER_OFFICE)
    carried = check.past_date(carried_out_on, field="carried_out_on", today=today,
                              label="Data przeprowadzenia wywiadu")
    assert carried is not None
    _not_before_receipt(task, carried, field="carried_out_on",
                        what="Data przeprowadzenia wywiadu")
    findings = check.text(findings, field="findings", label=SPECS[case.kind].outcome_label,
                          max_len=TEXT_MAX)
    interview = session.get(Interview, task.interview_id) if task.interview_id else None
    if interview is None:
        interview = Interview(case_id=case.id, person_id=case.person_id,
                              kind=InterviewKind.FOR_OTHER_OFFICE,
                              members=[InterviewMember(person_id=case.person_id,
                                                       relation=Relation.HEAD)])
        session.add(interview)
    interview.carried_out_on = carried
    interview.carried_out_by_id = actor.id
    interview.notes = findings
    interview.completed = True
    session.flush()
    task.interview_id = interview.id
    task.outcome = findings
    session.flush()
    return interview.id


@operation(Permission.CASE_WORK)
def save_dps_fees(session: Session, task_id: int, *, actor: Actor, dps_name: str,
                  monthly_cost: Decimal | str | None, resident_income: Decimal | str | None,
                  family_income: Decimal | str | None = None,
                  family_persons: int | None = None, on: date | None = None,
                  today: date | None = None, expected_version: int | None = None) -> DpsFees:
    """The home and the shares of its monthly cost (art. 61 ups), counted with the
    thresholds in force on ``on`` (today when not given)."""
    today = today or clock.today()
    task = _task(session, task_id, expected_version)
    _open_of_kind(task, K.DPS)
    on = on or today
    name = check.text(dps_name, field="dps_name", label="Dom pomocy społecznej", max_len=200)
    cost = check.amount(monthly_cost, field="monthly_cost",
                        label="Średni miesięczny koszt utrzymania w DPS")
    income = check.amount(resident_income, field="resident_income", allow_zero=True,
                          label="Dochód mieszkańca")
    family: Decimal | None = None
    persons: int | None = None
    if family_income not in (None, ""):
        family = check.amount(family_income, field="family_income", allow_zero=True,
                              label="Dochód rodziny zobowiązanej")
        if not family_persons or family_persons < 1:
            raise ValidationError("Podaj liczbę osób w rodzinie zobowiązanej do opłaty.",
                                  field="family_persons")
        persons = family_persons
    fees = dps_fees(on, monthly_cost=cost, resident_income=income, family_income=family,
                    family_persons=persons, figures=legal_figures(session, on))
    task.dps_name, task.dps_monthly_cost, task.resident_income = name, cost, income
    task.family_income, task.family_persons = family, persons
    task.resident_fee, task.family_fee, task.gmina_fee = fees.resident, fees.family, fees.gmina
    task.fees_counted_on = on
    session.flush()
    return fees


@operation(Permission.CASE_WORK)
def record_placement(session: Session, task_id: int, *, actor: Actor,
                     placed_on: date | None, today: date | None = None,
                     expected_version: int | None = None) -> None:
    """The day the person was admitted to the home."""
    today = today or clock.today()
    task = _task(session, task_id, expected_version)
    _open_of_kind(task, K.DPS)
    if task.resident_fee is None:
        raise ValidationError("Najpierw ustal dom i odpłatność za pobyt.", field="dps_name")
    placed = check.past_date(placed_on, field="placed_on", today=today,
                             label="Data umieszczenia w DPS")
    assert placed is not None
    _not_before_receipt(task, placed, field="placed_on", what="Data umieszczenia")
    task.placed_on = placed
    session.flush()


@operation(Permission.CASE_WORK)
def complete_task(session: Session, task_id: int, *, actor: Actor, outcome: str = "",
                  done_on: date | None = None, today: date | None = None,
                  expected_version: int | None = None) -> None:
    """The answer is written and sent: the case closes and its letter can be printed."""
    today = today or clock.today()
    task = _task(session, task_id, expected_version)
    case = task.case
    _open_of_kind(task, case.kind)
    spec = SPECS[case.kind]
    if case.kind is K.INTERVIEW_FOR_OTHER_OFFICE and task.interview_id is None:
        raise ValidationError("Najpierw zapisz przeprowadzony wywiad.", field="interview")
    if case.kind is K.DPS and task.resident_fee is None:
        raise ValidationError("Najpierw ustal dom i odpłatność za pobyt.", field="dps_name")
    done = check.past_date(done_on or today, field="done_on", today=today,
                           label="Data wysłania odpowiedzi")
    assert done is not None
    _not_before_receipt(task, done, field="done_on", what="Data wysłania odpowiedzi")
    text = outcome if outcome.strip() or case.kind is not K.INTERVIEW_FOR_OTHER_OFFICE \
        else task.outcome
    task.outcome = check.text(text, field="outcome", label=spec.outcome_label,
                              max_len=TEXT_MAX)
    task.done_on = done
    case.status = CaseStatus.CLOSED
    case.closed_on = done
    if case.assigned_to_id is None:
        case.assigned_to_id = actor.id
    session.flush()


# --- the letter ----------------------------------------------------------------------------------


def _body(task: OtherTask, case: Case, person: Person, interview: Interview | None,
          texts: Mapping[str, str] | None = None) -> str:
    """The letter's text from the head's wording (``texts``, in force on the letter's day);
    the person is named after a colon, so no case ending is needed."""
    words = texts or {}
    who = f"{person.full_name}, {person.address or 'adres nieznany'}"
    asked = (f"W odpowiedzi na pismo z dnia {format_date(task.received_on)} r."
             + (f" (znak: {task.their_reference})" if task.their_reference else ""))
    kind = case.kind
    if kind is K.INTERVIEW_FOR_OTHER_OFFICE:
        assert interview is not None and interview.carried_out_on is not None
        return T.text(words, "letter.interview", w_odpowiedzi=asked, osoba=who,
                      data_wywiadu=format_date(interview.carried_out_on),
                      ustalenia=task.outcome)
    if kind is K.DPS:
        placed = (f" Osoba została umieszczona w domu w dniu {format_date(task.placed_on)} r."
                  if task.placed_on else "")
        return T.text(words, "letter.dps", dom=task.dps_name, osoba=who, umieszczenie=placed,
                      ustalenia=task.outcome)
    if kind is K.GUARDIAN_CANDIDATE:
        return T.text(words, "letter.guardian", w_odpowiedzi=asked, osoba=who,
                      opieka_nad=GUARDIANSHIP_LABELS[task.subject_kind], ustalenia=task.outcome)
    if kind is K.ACTUAL_CARE:
        return T.text(words, "letter.actual_care", w_odpowiedzi=asked, osoba=who,
                      ustalenia=task.outcome)
    return T.text(words, "letter.preparatory", swiadczenie=PREPARATORY_LABELS[task.subject_kind],
                  osoba=who, ustalenia=task.outcome)


def _fee_figures(task: OtherTask) -> tuple[tuple[str, str], ...]:
    fees = _fees(task)
    if fees is None:
        return ()
    return (("Średni miesięczny koszt utrzymania w domu", format_money(fees.monthly_cost)),
            ("Opłata mieszkańca (do 70% dochodu)", format_money(fees.resident)),
            ("Opłata członków rodziny", format_money(fees.family)),
            ("Opłata gminy", format_money(fees.gmina)))


@operation(Permission.CASE_WORK)
def letter_pdf(session: Session, task_id: int, *, actor: Actor) -> bytes:
    """The answer as a letter of the centre, signed by the head (the print is recorded)."""
    task = _task(session, task_id)
    case = task.case
    if task.done_on is None:
        raise ValidationError("Najpierw zapisz odpowiedź — pismo powstaje po zakończeniu "
                              "zadania.", field="outcome")
    person = session.get(Person, case.person_id)
    assert person is not None
    interview = session.get(Interview, task.interview_id) if task.interview_id else None
    spec = SPECS[case.kind]
    office = get_office(session)
    write_audit(session, actor.id, AuditAction.PRINT, "OtherTask", task.id, {})
    return render_cover_letter(CoverLetterView(
        office=office_view(session), case_sign=case.sign, written_on=task.done_on,
        addressee=task.institution, addressee_address=task.institution_address,
        their_reference=task.their_reference,
        subject=spec.subject.format(person=person.full_name,
                                    what=_subject_text(task.subject_kind)),
        body=_body(task, case, person, interview, texts_in_force(session, "letter.",
                                                                 task.done_on)),
        signatory_name=office.head_name,
        signatory_position=office.head_position, figures=_fee_figures(task),
        attachments=spec.attachments, title=spec.letter_title))


# --- deadlines for the head's view ----------------------------------------------------------------


@dataclass(frozen=True)
class TaskDeadline:
    """A task's deadline and the day it was kept (None: not yet)."""

    worker_id: int | None
    worker_name: str
    person_name: str
    sign: str
    kind: CaseKind
    due: date
    done: date | None


def task_deadlines(session: Session, *, open_only: bool = False,
                   due_from: date | None = None, due_to: date | None = None
                   ) -> list[TaskDeadline]:
    """The deadlines of the tasks (those with one), for the centre's deadlines and the
    evaluation's count of deadlines kept late."""
    where = [OtherTask.due_on.is_not(None)]
    if open_only:
        where.append(OtherTask.done_on.is_(None))
    if due_from is not None:
        where.append(OtherTask.due_on >= due_from)
    if due_to is not None:
        where.append(OtherTask.due_on <= due_to)
    return [TaskDeadline(r.assigned_to_id, r.assigned_to, r.person_name, r.sign, r.kind,
                         r.due_on, r.done_on)  # type: ignore[arg-type]
            for r in _rows(session, *where)]

