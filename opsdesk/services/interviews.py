"""The family interview for the proceedings (rodzinny wywiad środowiskowy) and the income
assessment every decision is counted from.

The interview records the household as it was on the day, each member's income by source
for the month art. 8 ust. 3 ups names (the month before the application, or the month of the
application when an income was lost), with the deductions, the farm's hectares, the reasons
from art. 7 and segments H, I and J. Segment A (the household) and H, I, J are mandatory
(rozporządzenie, Dz.U. 2021 poz. 893); a later interview is an update (part IV)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from opsdesk import clock
from opsdesk.errors import NotFound, ValidationError
from opsdesk.formatting import format_date, format_money
from opsdesk.labels import label
from opsdesk.models import Application, Case, Income, Interview, InterviewMember, Person
from opsdesk.models.enums import (
    AuditAction,
    CaseStatus,
    IncomeSource,
    InterviewKind,
    Relation,
)
from opsdesk.services import rules
from opsdesk.services import validation as check
from opsdesk.services.audit import write_audit
from opsdesk.services.legal_figures import figures_in_force
from opsdesk.services.office import get_office
from opsdesk.services.permissions import Permission
from opsdesk.services.security import Actor, operation
from opsdesk.services.versions import check_version, touch

# art. 7 ups: the reasons help is given for, as stored (comma-separated codes) and shown.
ART7_REASONS: dict[str, tuple[str, str]] = {
    "UBOSTWO": ("1", "ubóstwo"),
    "SIEROCTWO": ("2", "sieroctwo"),
    "BEZDOMNOSC": ("3", "bezdomność"),
    "BEZROBOCIE": ("4", "bezrobocie"),
    "NIEPELNOSPRAWNOSC": ("5", "niepełnosprawność"),
    "CHOROBA": ("6", "długotrwała lub ciężka choroba"),
    "PRZEMOC": ("7", "przemoc domowa"),
    "HANDEL_LUDZMI": ("7a", "potrzeba ochrony ofiar handlu ludźmi"),
    "MACIERZYNSTWO": ("8", "potrzeba ochrony macierzyństwa lub wielodzietności"),
    "BEZRADNOSC": ("9", "bezradność w sprawach opiekuńczo-wychowawczych i prowadzenia "
                        "gospodarstwa domowego"),
    "CUDZOZIEMCY": ("11", "trudności w integracji cudzoziemców"),
    "PO_ZAKLADZIE": ("12", "trudności w przystosowaniu do życia po opuszczeniu zakładu karnego "
                           "lub placówki"),
    "UZALEZNIENIE": ("13", "alkoholizm lub narkomania"),
    "ZDARZENIE_LOSOWE": ("14", "zdarzenie losowe i sytuacja kryzysowa"),
    "KLESKA": ("15", "klęska żywiołowa lub ekologiczna"),
}

MONTHS = ("styczeń", "luty", "marzec", "kwiecień", "maj", "czerwiec", "lipiec", "sierpień",
          "wrzesień", "październik", "listopad", "grudzień")
MAX_HECTARES = Decimal("10000")


def month_label(d: date) -> str:
    """"listopad 2026": how a month is named on the screen and on documents."""
    return f"{MONTHS[d.month - 1]} {d.year}"


def first_of_month(d: date) -> date:
    return d.replace(day=1)


def right_income_month(reference: date, *, income_lost: bool) -> date:
    """art. 8 ust. 3 ups: the month before the application; the application's own month
    when an income was lost. Returned as its first day."""
    if income_lost:
        return first_of_month(reference)
    return first_of_month(rules.add_months(first_of_month(reference), -1))


def legal_figures(session: Session, on: date) -> rules.LegalFigures:
    """The figures in force on ``on`` (with those the head entered ahead), with the thresholds
    the rada gminy raised, if any."""
    figures = figures_in_force(session, on)
    office = get_office(session)
    if office.local_threshold_from is not None and on >= office.local_threshold_from:
        figures = rules.with_local_thresholds(figures, office.local_single_threshold,
                                              office.local_per_person_threshold)
    return figures


# --- forms and views ---------------------------------------------------------------------


@dataclass(frozen=True)
class MemberEntry:
    person_id: int
    relation: Relation


@dataclass(frozen=True)
class IncomeEntry:
    person_id: int
    source: IncomeSource
    gross: Decimal | str
    tax: Decimal | str = Decimal("0")
    contributions: Decimal | str = Decimal("0")
    alimony_paid: Decimal | str = Decimal("0")
    note: str = ""


@dataclass(frozen=True)
class InterviewForm:
    carried_out_on: date | None
    income_month: date | None
    income_lost: bool = False
    farm_hectares: Decimal | str = Decimal("0")
    reasons: tuple[str, ...] = ()
    needs: str = ""  # segment H
    diagnosis: str = ""  # segment I
    plan: str = ""  # segment J
    notes: str = ""
    members: tuple[MemberEntry, ...] = ()
    incomes: tuple[IncomeEntry, ...] = ()


@dataclass(frozen=True)
class MemberView:
    person_id: int
    name: str
    pesel: str
    relation: Relation
    net_income: Decimal


@dataclass(frozen=True)
class IncomeView:
    person_id: int
    person_name: str
    source: IncomeSource
    gross: Decimal
    tax: Decimal
    contributions: Decimal
    alimony_paid: Decimal
    net: Decimal
    note: str


@dataclass(frozen=True)
class Assessment:
    """The income test of a household on a day, counted from one interview."""

    interview_id: int
    on: date
    income_month: date | None
    persons: int
    single: bool  # osoba samotnie gospodarująca
    applicant_income: Decimal  # the applicant's own net income (zasiłek stały)
    farm_income: Decimal
    family_income: Decimal  # all members' net incomes plus the farm
    income_per_person: Decimal
    threshold: Decimal  # single, or per person in a family
    household_threshold: Decimal

    @property
    def within_threshold(self) -> bool:
        """Most benefits: the income does not exceed the threshold (art. 8 ust. 1 ups)."""
        return self.family_income <= self.household_threshold

    def summary(self) -> str:
        """One sentence for the justification of a decision."""
        who = ("osoba samotnie gospodarująca" if self.single
               else f"rodzina {self.persons}-osobowa")
        month = f" w miesiącu {month_label(self.income_month)}" if self.income_month else ""
        per_person = "" if self.single else (
            f", tj. {format_money(self.income_per_person)} na osobę")
        limit = (f"kryterium dochodowe osoby samotnie gospodarującej wynosi "
                 f"{format_money(self.threshold)}" if self.single else
                 f"kryterium dochodowe na osobę w rodzinie wynosi {format_money(self.threshold)}, "
                 f"a dla rodziny {format_money(self.household_threshold)}")
        return (f"Strona — {who} — osiągnęła{month} dochód w wysokości "
                f"{format_money(self.family_income)}{per_person}; {limit}.")


@dataclass(frozen=True)
class InterviewDetail:
    id: int
    case_id: int
    case_sign: str
    person_id: int
    person_name: str
    kind: InterviewKind
    form: InterviewForm
    members: tuple[MemberView, ...]
    incomes: tuple[IncomeView, ...]
    refused: bool
    completed: bool
    right_income_month: date
    deadline: date
    assessment: Assessment
    version: int


@dataclass(frozen=True)
class InterviewRow:
    id: int
    kind: InterviewKind
    carried_out_on: date | None
    completed: bool
    refused: bool


# --- reading -----------------------------------------------------------------------------


def _interview(session: Session, interview_id: int) -> Interview:
    interview = session.get(Interview, interview_id)
    if interview is None:
        raise NotFound("Nie ma takiego wywiadu.")
    return interview


def _check_version(interview: Interview, expected_version: int,
                   form: InterviewForm | None = None) -> None:
    """A colleague saved the interview after this form was opened: refuse, naming the
    segments they changed so nothing of theirs is wiped."""
    fields: dict[str, tuple[object, object]] = {"status": (
        "zakończony" if interview.completed else "w toku", "w toku")}
    if form is not None:
        fields.update({
            "carried_out_on": (interview.carried_out_on, form.carried_out_on),
            "needs": (interview.needs, form.needs), "diagnosis": (interview.diagnosis,
                                                                  form.diagnosis),
            "plan": (interview.plan, form.plan), "notes": (interview.notes, form.notes)})
    check_version(interview, expected_version, fields)


def _case(session: Session, case_id: int) -> Case:
    case = session.get(Case, case_id)
    if case is None:
        raise NotFound("Nie ma takiej sprawy.")
    return case


def reference_date(session: Session, interview: Interview, today: date) -> date:
    """The day the income month is counted back from: the application that the interview
    serves; for an update with no new application, the day of the update."""
    on = interview.carried_out_on or today
    filed = session.scalar(
        select(Application.filed_on).where(Application.case_id == interview.case_id,
                                           Application.filed_on <= on)
        .order_by(Application.filed_on.desc()).limit(1))
    if interview.kind is InterviewKind.FULL:
        return filed or session.get(Case, interview.case_id).started_on  # type: ignore[union-attr]
    previous = session.scalar(
        select(Interview.carried_out_on).where(
            Interview.person_id == interview.person_id, Interview.completed.is_(True),
            Interview.id != interview.id, Interview.carried_out_on.is_not(None))
        .order_by(Interview.carried_out_on.desc()).limit(1))
    if filed is not None and (previous is None or filed > previous):
        return filed
    return on


def assess(session: Session, interview: Interview, on: date) -> Assessment:
    """Incomes net of tax, contributions and alimony paid, plus the farm (art. 8 ups),
    against the thresholds in force on ``on``."""
    persons = max(len(interview.members), 1)
    single = persons == 1
    figures = legal_figures(session, on)
    nets: dict[int, Decimal] = {}
    for income in interview.incomes:
        nets[income.person_id] = nets.get(income.person_id, Decimal("0")) + income.net
    farm = rules.farm_income(on, interview.farm_hectares or Decimal("0"), figures=figures)
    family = sum(nets.values(), Decimal("0")) + farm
    family = family.quantize(Decimal("0.01"))
    return Assessment(
        interview_id=interview.id, on=on, income_month=interview.income_month, persons=persons,
        single=single,
        applicant_income=nets.get(interview.person_id, Decimal("0")).quantize(Decimal("0.01")),
        farm_income=farm, family_income=family,
        income_per_person=(family / persons).quantize(Decimal("0.01")),
        threshold=rules.income_threshold(on, single=single, figures=figures),
        household_threshold=rules.household_threshold(on, persons=persons, figures=figures))


def latest_interview(session: Session, *, case_id: int | None = None,
                     person_id: int | None = None) -> Interview | None:
    """The newest completed interview of a case, or else of a person."""
    stmt = select(Interview).where(Interview.completed.is_(True))
    if case_id is not None:
        stmt = stmt.where(Interview.case_id == case_id)
    if person_id is not None:
        stmt = stmt.where(Interview.person_id == person_id)
    return session.scalar(stmt.order_by(Interview.carried_out_on.desc(), Interview.id.desc())
                          .limit(1))


@operation(Permission.CASE_READ)
def interviews_of_case(session: Session, case_id: int, *, actor: Actor) -> list[InterviewRow]:
    stmt = select(Interview).where(Interview.case_id == case_id).order_by(Interview.id)
    return [InterviewRow(i.id, i.kind, i.carried_out_on, i.completed, i.refused)
            for i in session.scalars(stmt)]


@operation(Permission.INCOME_READ)
def interview_detail(session: Session, interview_id: int, *, actor: Actor,
                     today: date | None = None) -> InterviewDetail:
    today = today or clock.today()
    interview = _interview(session, interview_id)
    write_audit(session, actor.id, AuditAction.READ, "Interview", interview.id, {})
    case = _case(session, interview.case_id)
    person = session.get(Person, interview.person_id)
    assert person is not None
    nets: dict[int, Decimal] = {}
    for income in interview.incomes:
        nets[income.person_id] = nets.get(income.person_id, Decimal("0")) + income.net
    names = {m.person_id: m.person.full_name for m in interview.members}
    form = InterviewForm(
        carried_out_on=interview.carried_out_on, income_month=interview.income_month,
        income_lost=interview.income_lost, farm_hectares=interview.farm_hectares,
        reasons=tuple(r for r in interview.reasons.split(",") if r), needs=interview.needs,
        diagnosis=interview.diagnosis, plan=interview.plan, notes=interview.notes,
        members=tuple(MemberEntry(m.person_id, m.relation) for m in interview.members),
        incomes=tuple(IncomeEntry(i.person_id, i.source, i.gross, i.tax, i.contributions,
                                  i.alimony_paid, i.note) for i in interview.incomes))
    return InterviewDetail(
        id=interview.id, case_id=case.id, case_sign=case.sign, person_id=person.id,
        person_name=person.full_name, kind=interview.kind, form=form,
        members=tuple(MemberView(m.person_id, m.person.full_name, m.person.pesel or "",
                                 m.relation, nets.get(m.person_id, Decimal("0")))
                      for m in interview.members),
        incomes=tuple(IncomeView(i.person_id, names.get(i.person_id, ""), i.source, i.gross,
                                 i.tax, i.contributions, i.alimony_paid, i.net, i.note)
                      for i in interview.incomes),
        refused=interview.refused, completed=interview.completed,
        right_income_month=right_income_month(reference_date(session, interview, today),
                                              income_lost=interview.income_lost),
        deadline=rules.interview_deadline(case.learned_on, urgent=case.urgent),
        assessment=assess(session, interview, interview.carried_out_on or today),
        version=interview.version)


# --- writing -----------------------------------------------------------------------------


@operation(Permission.CASE_WORK)
def start_interview(session: Session, case_id: int, *, actor: Actor,
                    today: date | None = None) -> int:
    """Open the interview of a case, or its update (part IV) when one was done before —
    prefilled from the last one, or from the household on file. An interview already open
    is returned as it is."""
    today = today or clock.today()
    case = _case(session, case_id)
    if case.status is CaseStatus.CLOSED:
        raise ValidationError("Sprawa jest zakończona — nie można w niej prowadzić wywiadu.",
                              field="case")
    open_one = session.scalar(select(Interview.id).where(
        Interview.case_id == case_id, Interview.completed.is_(False)))
    if open_one is not None:
        return open_one
    previous = latest_interview(session, person_id=case.person_id)
    interview = Interview(case_id=case.id, person_id=case.person_id,
                          kind=InterviewKind.UPDATE if previous else InterviewKind.FULL,
                          carried_out_by_id=actor.id, farm_hectares=Decimal("0"))
    if previous is not None:
        interview.farm_hectares = previous.farm_hectares
        interview.reasons = previous.reasons
        interview.needs, interview.diagnosis, interview.plan = (
            previous.needs, previous.diagnosis, previous.plan)
        interview.members = [InterviewMember(person_id=m.person_id, relation=m.relation)
                             for m in previous.members]
        interview.incomes = [Income(person_id=i.person_id, source=i.source, gross=i.gross,
                                    tax=i.tax, contributions=i.contributions,
                                    alimony_paid=i.alimony_paid, note=i.note)
                             for i in previous.incomes]
    else:
        person = session.get(Person, case.person_id)
        assert person is not None
        if person.membership is not None:
            interview.members = [InterviewMember(person_id=m.person_id, relation=m.relation)
                                 for m in person.membership.household.members]
        else:
            interview.members = [InterviewMember(person_id=person.id, relation=Relation.HEAD)]
    session.add(interview)
    session.flush()
    interview.income_month = right_income_month(reference_date(session, interview, today),
                                                income_lost=False)
    if case.assigned_to_id is None:
        case.assigned_to_id = actor.id
    if case.status is CaseStatus.NEW:
        case.status = CaseStatus.IN_PROGRESS
    session.flush()
    return interview.id


def _money(value: Decimal | str, *, field: str, label_: str) -> Decimal:
    return check.amount(value, field=field, label=label_, allow_zero=True)


def _hectares(value: Decimal | str) -> Decimal:
    try:
        result = Decimal(str(value).replace(",", ".").strip() or "0")
    except ArithmeticError:
        result = Decimal("NaN")
    if not result.is_finite() or result < 0 or result > MAX_HECTARES:
        raise ValidationError("Hektary przeliczeniowe: podaj liczbę nie mniejszą od zera, "
                              "np. 2,5.", field="farm_hectares")
    if result != result.quantize(Decimal("0.0001")):
        raise ValidationError("Hektary przeliczeniowe: najwyżej cztery miejsca po przecinku.",
                              field="farm_hectares")
    return result


def check_income_month(session: Session, interview: Interview, month: date | None,
                       income_lost: bool, today: date) -> date:
    """The income month must be the one art. 8 ust. 3 ups names."""
    reference = reference_date(session, interview, today)
    right = right_income_month(reference, income_lost=income_lost)
    if month is None:
        raise ValidationError(f"Podaj miesiąc, z którego liczony jest dochód "
                              f"(właściwy: {month_label(right)}).", field="income_month")
    if first_of_month(month) != right:
        rule = ("w razie utraty dochodu — miesiąc złożenia wniosku" if income_lost
                else "miesiąc poprzedzający złożenie wniosku")
        raise ValidationError(
            f"Nieprawidłowy miesiąc dochodu: {month_label(month)}. Zgodnie z art. 8 ust. 3 "
            f"ustawy o pomocy społecznej dochód ustala się z miesiąca właściwego ({rule}; "
            f"data odniesienia {format_date(reference)} r.) — to jest {month_label(right)}.",
            field="income_month")
    return right


@operation(Permission.CASE_WORK)
def save_interview(session: Session, interview_id: int, form: InterviewForm, *,
                   actor: Actor, expected_version: int, today: date | None = None) -> int:
    """Save what was established so far; completeness is checked when it is completed.
    Returns the interview's new version, for the form that goes on editing it."""
    today = today or clock.today()
    interview = _interview(session, interview_id)
    _check_version(interview, expected_version, form)
    if interview.completed:
        raise ValidationError("Wywiad jest zakończony i nie może być zmieniany — zmiany "
                              "wprowadza się w aktualizacji wywiadu (część IV).", field="status")
    case = _case(session, interview.case_id)
    carried = check.past_date(form.carried_out_on, field="carried_out_on",
                              label="Data przeprowadzenia wywiadu", today=today, required=False)
    if carried is not None and carried < case.learned_on:
        raise ValidationError(
            f"Data wywiadu nie może być wcześniejsza niż dzień, w którym ośrodek dowiedział się "
            f"o potrzebie pomocy ({format_date(case.learned_on)} r.).", field="carried_out_on")
    interview.carried_out_on = carried
    reasons = tuple(dict.fromkeys(form.reasons))
    unknown = [r for r in reasons if r not in ART7_REASONS]
    if unknown:
        raise ValidationError("Nieznany powód z art. 7 ustawy o pomocy społecznej: "
                              f"{', '.join(unknown)}.", field="reasons")
    members = _members(session, case, form.members)
    incomes = _incomes(form.incomes, {m.person_id for m in members})
    interview.income_month = check_income_month(session, interview, form.income_month,
                                                form.income_lost, today)
    interview.income_lost = form.income_lost
    interview.farm_hectares = _hectares(form.farm_hectares)
    interview.reasons = ",".join(reasons)
    interview.needs = check.text(form.needs, field="needs", label="Potrzeby (segment H)",
                                 max_len=8000, required=False)
    interview.diagnosis = check.text(form.diagnosis, field="diagnosis", max_len=8000,
                                     label="Diagnoza i wnioski (segment I)", required=False)
    interview.plan = check.text(form.plan, field="plan", label="Plan pomocy (segment J)",
                                max_len=8000, required=False)
    interview.notes = check.text(form.notes, field="notes", label="Uwagi", max_len=8000,
                                 required=False)
    interview.members = members
    interview.incomes = incomes
    interview.single = len(members) == 1
    interview.carried_out_by_id = actor.id
    touch(interview)
    session.flush()
    return interview.version


def _members(session: Session, case: Case, entries: tuple[MemberEntry, ...]
             ) -> list[InterviewMember]:
    ids = [m.person_id for m in entries]
    if len(set(ids)) != len(ids):
        raise ValidationError("Ta sama osoba jest wpisana do gospodarstwa dwa razy.",
                              field="members")
    if case.person_id not in ids:
        raise ValidationError("Wnioskodawca musi być członkiem gospodarstwa domowego "
                              "(segment A).", field="members")
    for person_id in ids:
        if session.get(Person, person_id) is None:
            raise NotFound("Nie ma takiej osoby w kartotece.")
    return [InterviewMember(person_id=m.person_id, relation=m.relation) for m in entries]


def _incomes(entries: tuple[IncomeEntry, ...], member_ids: set[int]) -> list[Income]:
    result = []
    for n, entry in enumerate(entries, start=1):
        if entry.person_id not in member_ids:
            raise ValidationError(f"Dochód nr {n} należy do osoby spoza gospodarstwa — dopisz ją "
                                  "do gospodarstwa albo usuń ten dochód.", field="incomes")
        gross = _money(entry.gross, field="incomes", label_=f"Dochód nr {n}: przychód brutto")
        tax = _money(entry.tax, field="incomes", label_=f"Dochód nr {n}: podatek")
        contributions = _money(entry.contributions, field="incomes",
                               label_=f"Dochód nr {n}: składki")
        alimony = _money(entry.alimony_paid, field="incomes",
                         label_=f"Dochód nr {n}: alimenty płacone na rzecz innych osób")
        if tax + contributions + alimony > gross:
            raise ValidationError(
                f"Dochód nr {n} ({label(entry.source)}): potrącenia "
                f"({format_money(tax + contributions + alimony)}) przekraczają przychód brutto "
                f"({format_money(gross)}).", field="incomes")
        note = check.text(entry.note, field="incomes", label=f"Dochód nr {n}: uwagi",
                          max_len=200, required=False)
        result.append(Income(person_id=entry.person_id, source=entry.source, gross=gross,
                             tax=tax, contributions=contributions, alimony_paid=alimony,
                             note=note))
    return result


@operation(Permission.CASE_WORK)
def complete_interview(session: Session, interview_id: int, *, actor: Actor,
                       expected_version: int, today: date | None = None) -> None:
    """Close the interview as evidence: segments A, H, I and J filled, a reason from art. 7,
    the right income month, and the date it was carried out."""
    today = today or clock.today()
    interview = _interview(session, interview_id)
    _check_version(interview, expected_version)
    if interview.completed:
        raise ValidationError("Ten wywiad jest już zakończony.", field="status")
    if interview.carried_out_on is None:
        raise ValidationError("Podaj datę przeprowadzenia wywiadu.", field="carried_out_on")
    if not interview.members:
        raise ValidationError("Segment A: wpisz skład gospodarstwa domowego.", field="members")
    for field, text, segment in (("needs", interview.needs, "H (potrzeby)"),
                                 ("diagnosis", interview.diagnosis, "I (diagnoza i wnioski)"),
                                 ("plan", interview.plan, "J (plan pomocy)")):
        if not text.strip():
            raise ValidationError(f"Segment {segment} jest obowiązkowy — uzupełnij go przed "
                                  "zakończeniem wywiadu.", field=field)
    if not interview.reasons:
        raise ValidationError("Wskaż co najmniej jeden powód udzielenia pomocy z art. 7 "
                              "ustawy o pomocy społecznej.", field="reasons")
    check_income_month(session, interview, interview.income_month, interview.income_lost,
                       today)
    interview.completed = True
    session.flush()


@operation(Permission.CASE_WORK)
def record_refusal(session: Session, interview_id: int, *, actor: Actor, on: date,
                   note: str, expected_version: int, today: date | None = None) -> None:
    """The party refused the interview (or the income statement): a ground for refusing
    the benefit (art. 107 ust. 4a ups)."""
    today = today or clock.today()
    interview = _interview(session, interview_id)
    _check_version(interview, expected_version)
    if interview.completed:
        raise ValidationError("Ten wywiad jest już zakończony.", field="status")
    interview.carried_out_on = check.past_date(on, field="carried_out_on", today=today,
                                               label="Data odmowy")
    interview.notes = check.text(note, field="notes", label="Okoliczności odmowy",
                                 max_len=8000)
    interview.refused = True
    interview.completed = True
    interview.carried_out_by_id = actor.id
    session.flush()
