"""Social work as a methodical process: the caseload, the first meeting, the stages
diagnosis → plan → work → evaluation with their notes and dates, kontrakt socjalny
(art. 108 ups) and the other tasks of the team (Niebieska Karta, asystent rodziny,
CIS/KIS, mental-health act).

Notes belong to the relationship with the client: only the social work team and the head
read them (Permission.SOCIAL_WORK_READ, checked here whatever the screen shows). The
benefits worker learns what matters for a decision from the formal messages only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from opsdesk import clock
from opsdesk.formatting import format_date
from opsdesk.labels import label
from opsdesk.models import (
    Case,
    CaseMessage,
    Person,
    SocialContract,
    SocialTask,
    SocialWorkCase,
    SocialWorkNote,
    User,
)
from opsdesk.models.enums import (
    AuditAction,
    ContractStatus,
    MessageKind,
    Role,
    SocialWorkMethod,
    SocialWorkSource,
    SocialWorkStage,
    SocialWorkStatus,
    TaskKind,
    TaskStatus,
)
from opsdesk.reports.contract import render_contract
from opsdesk.reports.views import ContractView
from opsdesk.services import intake, messages
from opsdesk.services import validation as check
from opsdesk.services.audit import write_audit
from opsdesk.services.errors import ConflictError, NotFound, ValidationError
from opsdesk.services.messages import MessageForm
from opsdesk.services.numbering import next_number
from opsdesk.services.office import office_view
from opsdesk.services.permissions import Permission
from opsdesk.services.security import Actor, operation

OPEN = (SocialWorkStatus.REFERRED, SocialWorkStatus.ACTIVE)
STAGES = list(SocialWorkStage)
TEXT_MAX = 4000


# --- the caseload ------------------------------------------------------------------------------


@dataclass(frozen=True)
class CaseloadRow:
    id: int
    person_id: int
    person_name: str
    source: SocialWorkSource
    status: SocialWorkStatus
    worker_id: int | None
    worker_name: str
    referred_on: date
    report_by: date | None
    first_meeting_on: date | None
    stage: SocialWorkStage
    case_id: int | None
    case_sign: str
    version: int

    def waiting_days_left(self, today: date) -> int | None:
        """Days the referred client still has to come (negative: late); None once met."""
        if self.status is not SocialWorkStatus.REFERRED or self.report_by is None:
            return None
        return (self.report_by - today).days


@operation(Permission.SOCIAL_WORK_READ)
def caseload(session: Session, *, actor: Actor, scope: str = "mine", today: date | None = None,
             include_closed: bool = False) -> list[CaseloadRow]:
    """The team's queue: "mine" (my clients), "waiting" (referrals nobody took yet) or
    "all". Reading it first sends the notices for clients who did not come."""
    today = today or clock.today()
    messages.check_overdue_referrals(session, today=today)
    where = [] if include_closed else [SocialWorkCase.status.in_(OPEN)]
    if scope == "mine":
        where.append(SocialWorkCase.worker_id == actor.id)
    elif scope == "waiting":
        where += [SocialWorkCase.worker_id.is_(None),
                  SocialWorkCase.status == SocialWorkStatus.REFERRED]
    elif scope != "all":
        raise ValueError(scope)
    rows = _rows(session, *where)
    # Clients still to come first, the nearest day first; then the others by name.
    rows.sort(key=lambda r: (r.status is not SocialWorkStatus.REFERRED,
                             r.report_by or date.max, r.person_name))
    return rows


def _rows(session: Session, *where) -> list[CaseloadRow]:  # noqa: ANN002
    worker = aliased(User)
    stmt = (select(SocialWorkCase, Person, worker.full_name, Case.sign)
            .join(Person, SocialWorkCase.person_id == Person.id)
            .outerjoin(worker, SocialWorkCase.worker_id == worker.id)
            .outerjoin(Case, SocialWorkCase.case_id == Case.id)
            .where(*where))
    return [CaseloadRow(sw.id, p.id, f"{p.last_name} {p.first_name}", sw.source, sw.status,
                        sw.worker_id, worker_name or "", sw.referred_on, sw.report_by,
                        sw.first_meeting_on, sw.stage, sw.case_id, sign or "", sw.version)
            for sw, p, worker_name, sign in session.execute(stmt)]


def _sw(session: Session, sw_id: int, expected_version: int | None = None) -> SocialWorkCase:
    sw = session.get(SocialWorkCase, sw_id)
    if sw is None:
        raise NotFound("Nie ma takiego klienta w pracy socjalnej.")
    if expected_version is not None and sw.version != expected_version:
        raise ConflictError({"status": (sw.status, None)})
    return sw


def _open(sw: SocialWorkCase) -> None:
    if sw.status not in OPEN:
        raise ValidationError(f"Praca socjalna z tym klientem jest zamknięta "
                              f"({label(sw.status)}).", field="status")


def _active(sw: SocialWorkCase) -> None:
    if sw.status is not SocialWorkStatus.ACTIVE:
        raise ValidationError("Najpierw odnotuj pierwsze spotkanie z klientem.",
                              field="status")


@operation(Permission.SOCIAL_WORK_WRITE)
def open_own_case(session: Session, person_id: int, *, actor: Actor,
                  today: date | None = None) -> int:
    """The worker takes on a client on their own initiative, met today."""
    today = today or clock.today()
    existing = session.scalar(select(SocialWorkCase.id).where(
        SocialWorkCase.person_id == person_id, SocialWorkCase.status.in_(OPEN)))
    if existing is not None:
        raise ValidationError("Ta osoba jest już w pracy socjalnej.", field="person")
    if session.get(Person, person_id) is None:
        raise NotFound("Nie ma takiej osoby w kartotece.")
    sw = intake.refer_to_social_work(session, person_id=person_id,
                                     source=SocialWorkSource.OWN, referred_on=today)
    sw.worker_id = actor.id
    sw.status = SocialWorkStatus.ACTIVE
    sw.first_meeting_on = today
    sw.report_by = None
    session.flush()
    return sw.id


@operation(Permission.SOCIAL_WORK_WRITE)
def accept(session: Session, sw_id: int, *, actor: Actor,
           expected_version: int | None = None) -> None:
    """A social worker takes a waiting client."""
    sw = _sw(session, sw_id, expected_version)
    _open(sw)
    if sw.worker_id not in (None, actor.id):
        raise ValidationError(f"Tego klienta prowadzi już {sw.worker.full_name} — zmienić "
                              "pracownika może kierownik.", field="worker")
    sw.worker_id = actor.id
    session.flush()


@operation(Permission.CASE_ASSIGN)
def assign(session: Session, sw_id: int, worker_id: int, *, actor: Actor,
           expected_version: int | None = None) -> None:
    """The head gives a client to a social worker."""
    sw = _sw(session, sw_id, expected_version)
    _open(sw)
    worker = session.get(User, worker_id)
    if worker is None or not worker.active or Role.SOCIAL_WORK not in worker.role_set:
        raise ValidationError("Wybierz aktywnego pracownika socjalnego.", field="worker")
    sw.worker_id = worker_id
    session.flush()


@operation(Permission.SOCIAL_WORK_WRITE)
def record_first_meeting(session: Session, sw_id: int, *, actor: Actor, met_on: date,
                         today: date | None = None, expected_version: int | None = None) -> None:
    """The client came: the diagnosis starts. A client reported as not having come may
    still come later; the benefits worker then learns it from the next information."""
    today = today or clock.today()
    sw = _sw(session, sw_id, expected_version)
    if sw.status not in (SocialWorkStatus.REFERRED, SocialWorkStatus.NOT_REPORTED):
        raise ValidationError("Pierwsze spotkanie jest już odnotowane.", field="met_on")
    check.past_date(met_on, field="met_on", label="Data pierwszego spotkania", today=today)
    if met_on < sw.referred_on:
        raise ValidationError(f"Spotkanie nie mogło się odbyć przed skierowaniem "
                              f"({format_date(sw.referred_on)} r.).", field="met_on")
    if sw.worker_id is None:
        sw.worker_id = actor.id
    sw.first_meeting_on = met_on
    sw.status = SocialWorkStatus.ACTIVE
    sw.stage = SocialWorkStage.DIAGNOSIS
    sw.outcome = ""
    session.flush()


@operation(Permission.MESSAGE_TO_BENEFITS)
def record_not_came(session: Session, sw_id: int, *, actor: Actor, today: date | None = None,
                    expected_version: int | None = None) -> int | None:
    """The client did not come by the set day. For a referral from Świadczenia the
    information goes to the benefits worker at once; returns its id."""
    today = today or clock.today()
    sw = _sw(session, sw_id, expected_version)
    if sw.status is not SocialWorkStatus.REFERRED:
        raise ValidationError("Ten klient nie czeka na pierwsze spotkanie.", field="status")
    if sw.report_by is not None and today <= sw.report_by:
        raise ValidationError(f"Klient ma czas na zgłoszenie się do dnia "
                              f"{format_date(sw.report_by)} r.", field="status")
    if sw.referral_message_id is not None:
        return messages.send_not_reported(session, sw, author_id=actor.id, today=today).id
    sw.status = SocialWorkStatus.NOT_REPORTED
    sw.outcome = f"Nie zgłosił(a) się do dnia {format_date(sw.report_by or today)} r."
    session.flush()
    return None


@operation(Permission.MESSAGE_TO_BENEFITS)
def record_refusal(session: Session, sw_id: int, *, actor: Actor, facts: str,
                   client_statement: str = "", today: date | None = None,
                   inform_benefits: bool | None = None) -> int | None:
    """The client refuses to cooperate. Świadczenia is told (art. 11 ust. 2 ups) when it
    referred the client, or when the worker asks for it; returns the message's id."""
    today = today or clock.today()
    sw = _sw(session, sw_id)
    _open(sw)
    facts = check.text(facts, field="facts", label="Okoliczności odmowy", max_len=TEXT_MAX)
    message_id = None
    if inform_benefits if inform_benefits is not None else sw.referral_message_id is not None:
        message_id = messages.send_to_benefits(session, MessageForm(
            kind=MessageKind.REFUSED_COOPERATION, person_id=sw.person_id, social_work_id=sw.id,
            parts={"facts": facts, "client_statement": client_statement}),
            actor=actor, today=today)
    sw.status = SocialWorkStatus.REFUSED
    sw.closed_on = today
    sw.outcome = facts
    session.flush()
    return message_id


# --- the methodical process ---------------------------------------------------------------------


@operation(Permission.SOCIAL_WORK_WRITE)
def add_note(session: Session, sw_id: int, text: str, *, actor: Actor,
             written_on: date | None = None, today: date | None = None) -> int:
    """A note of the current stage."""
    today = today or clock.today()
    sw = _sw(session, sw_id)
    _open(sw)
    written_on = written_on or today
    check.past_date(written_on, field="written_on", label="Data notatki", today=today)
    if written_on < sw.referred_on:
        raise ValidationError("Notatka nie może być wcześniejsza niż przyjęcie klienta "
                              f"({format_date(sw.referred_on)} r.).", field="written_on")
    note = SocialWorkNote(social_work_id=sw.id, stage=sw.stage, written_on=written_on,
                          author_id=actor.id,
                          text=check.text(text, field="text", label="Treść notatki",
                                          max_len=TEXT_MAX))
    session.add(note)
    session.flush()
    return note.id


@dataclass(frozen=True)
class PlanForm:
    method: SocialWorkMethod
    tools: str  # e.g. "kontrakt socjalny, projekt socjalny"
    goals: str  # one per line, agreed with the client
    goals_agreed_on: date | None
    evaluation_due: date | None


@operation(Permission.SOCIAL_WORK_WRITE)
def save_plan(session: Session, sw_id: int, form: PlanForm, *, actor: Actor,
              today: date | None = None, expected_version: int | None = None) -> None:
    """The plan of the work: method, tools and the goals agreed with the client."""
    today = today or clock.today()
    sw = _sw(session, sw_id, expected_version)
    _active(sw)
    if sw.stage is SocialWorkStage.DIAGNOSIS:
        raise ValidationError("Plan pracy sporządza się po diagnozie — przejdź do etapu "
                              "planu.", field="stage")
    goals = check.text(form.goals, field="goals", label="Cele uzgodnione z klientem",
                       max_len=TEXT_MAX)
    agreed = check.past_date(form.goals_agreed_on, field="goals_agreed_on", today=today,
                             label="Data uzgodnienia celów z klientem")
    if agreed < sw.first_meeting_on:
        raise ValidationError("Cele nie mogły być uzgodnione przed pierwszym spotkaniem.",
                              field="goals_agreed_on")
    if form.evaluation_due is None:
        raise ValidationError("Podaj termin oceny (ewaluacji) planu.", field="evaluation_due")
    if form.evaluation_due < today:
        raise ValidationError(f"Termin oceny {format_date(form.evaluation_due)} r. jest datą "
                              "przeszłą — podaj termin od dziś.", field="evaluation_due")
    sw.method = form.method
    sw.tools = check.text(form.tools, field="tools", label="Narzędzia", max_len=300,
                          required=False)
    sw.goals = goals
    sw.goals_agreed_on = agreed
    sw.evaluation_due = form.evaluation_due
    session.flush()


_STAGE_DATE = {SocialWorkStage.PLAN: "plan_on", SocialWorkStage.WORK: "work_on",
               SocialWorkStage.EVALUATION: "evaluation_on"}


def stage_started(sw: SocialWorkCase, stage: SocialWorkStage) -> date | None:
    return sw.first_meeting_on if stage is SocialWorkStage.DIAGNOSIS \
        else getattr(sw, _STAGE_DATE[stage])


@operation(Permission.SOCIAL_WORK_WRITE)
def advance_stage(session: Session, sw_id: int, *, actor: Actor, on: date | None = None,
                  today: date | None = None, expected_version: int | None = None) -> None:
    """Diagnosis → plan → work → evaluation; each step needs what the previous produced."""
    today = today or clock.today()
    on = on or today
    sw = _sw(session, sw_id, expected_version)
    _active(sw)
    index = STAGES.index(sw.stage)
    if index == len(STAGES) - 1:
        raise ValidationError("To ostatni etap — po ocenie zakończ pracę socjalną.",
                              field="stage")
    if sw.stage is SocialWorkStage.DIAGNOSIS and not any(
            n.stage is SocialWorkStage.DIAGNOSIS for n in sw.notes):
        raise ValidationError("Zapisz diagnozę (notatkę etapu diagnozy) przed sporządzeniem "
                              "planu.", field="stage")
    if sw.stage is SocialWorkStage.PLAN and not (sw.goals and sw.goals_agreed_on):
        raise ValidationError("Zapisz plan z celami uzgodnionymi z klientem przed "
                              "rozpoczęciem realizacji.", field="stage")
    check.past_date(on, field="on", label="Data rozpoczęcia etapu", today=today)
    began = stage_started(sw, sw.stage)
    if began and on < began:
        raise ValidationError(f"Etap nie może zacząć się przed poprzednim "
                              f"({format_date(began)} r.).", field="on")
    sw.stage = STAGES[index + 1]
    setattr(sw, _STAGE_DATE[sw.stage], on)
    session.flush()


@operation(Permission.SOCIAL_WORK_WRITE)
def close_work(session: Session, sw_id: int, outcome: str, *, actor: Actor,
               on: date | None = None, today: date | None = None,
               expected_version: int | None = None) -> None:
    today = today or clock.today()
    sw = _sw(session, sw_id, expected_version)
    _open(sw)
    on = on or today
    check.past_date(on, field="closed_on", label="Data zakończenia", today=today)
    active = _active_contract(session, sw.person_id)
    if active is not None:
        raise ValidationError(f"Najpierw oceń i zakończ kontrakt socjalny nr {active.number}.",
                              field="contract")
    sw.outcome = check.text(outcome, field="outcome", label="Efekt pracy socjalnej",
                            max_len=TEXT_MAX)
    sw.status = SocialWorkStatus.CLOSED
    sw.closed_on = on
    session.flush()


@dataclass(frozen=True)
class NoteRow:
    id: int
    stage: SocialWorkStage
    written_on: date
    author_name: str
    text: str


@dataclass(frozen=True)
class ContractRow:
    id: int
    number: str
    concluded_on: date
    period_from: date
    period_to: date
    status: ContractStatus
    ended_on: date | None
    goals: str
    client_commitments: str
    worker_commitments: str
    review_dates: tuple[date, ...]
    evaluation: str
    reported_message_id: int | None
    version: int


@dataclass(frozen=True)
class TaskRow:
    id: int
    person_id: int
    person_name: str
    kind: TaskKind
    worker_name: str
    started_on: date
    due_on: date | None
    ended_on: date | None
    status: TaskStatus
    description: str
    version: int


@dataclass(frozen=True)
class SocialWorkDetail:
    """Everything the social worker sees of one client — notes included."""

    row: CaseloadRow
    method: SocialWorkMethod
    tools: str
    goals: str
    goals_agreed_on: date | None
    evaluation_due: date | None
    stage_dates: tuple[tuple[SocialWorkStage, date | None], ...]
    closed_on: date | None
    outcome: str
    notes: tuple[NoteRow, ...]
    contracts: tuple[ContractRow, ...]
    tasks: tuple[TaskRow, ...]


@operation(Permission.SOCIAL_WORK_READ)
def detail(session: Session, sw_id: int, *, actor: Actor) -> SocialWorkDetail:
    sw = _sw(session, sw_id)
    write_audit(session, actor.id, AuditAction.READ, "SocialWorkCase", sw.id, {})
    contracts = list(session.scalars(select(SocialContract).where(
        SocialContract.person_id == sw.person_id).order_by(SocialContract.id.desc())))
    reported = _reported(session, [c.id for c in contracts])
    return SocialWorkDetail(
        row=_rows(session, SocialWorkCase.id == sw.id)[0], method=sw.method, tools=sw.tools,
        goals=sw.goals, goals_agreed_on=sw.goals_agreed_on, evaluation_due=sw.evaluation_due,
        stage_dates=tuple((s, stage_started(sw, s)) for s in STAGES), closed_on=sw.closed_on,
        outcome=sw.outcome, notes=_notes(session, sw.id),
        contracts=tuple(_contract_row(c, reported.get(c.id)) for c in contracts),
        tasks=tuple(_task_rows(session, SocialTask.person_id == sw.person_id)))


@operation(Permission.SOCIAL_WORK_READ)
def notes(session: Session, sw_id: int, *, actor: Actor) -> list[NoteRow]:
    write_audit(session, actor.id, AuditAction.READ, "SocialWorkNote", sw_id, {})
    return list(_notes(session, _sw(session, sw_id).id))


def _notes(session: Session, sw_id: int) -> tuple[NoteRow, ...]:
    stmt = (select(SocialWorkNote, User.full_name)
            .join(User, SocialWorkNote.author_id == User.id)
            .where(SocialWorkNote.social_work_id == sw_id)
            .order_by(SocialWorkNote.written_on, SocialWorkNote.id))
    return tuple(NoteRow(n.id, n.stage, n.written_on, name, n.text)
                 for n, name in session.execute(stmt))


# --- kontrakt socjalny ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ContractForm:
    social_work_id: int
    period_from: date | None
    period_to: date | None
    goals: str  # one per line
    client_commitments: str  # one per line
    worker_commitments: str  # one per line
    review_dates: tuple[date, ...]
    concluded_on: date | None = None  # today when not given


def _lines(text: str, *, field: str, title: str) -> str:
    text = check.text(text, field=field, label=title, max_len=TEXT_MAX)
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def _active_contract(session: Session, person_id: int) -> SocialContract | None:
    return session.scalar(select(SocialContract).where(
        SocialContract.person_id == person_id, SocialContract.status == ContractStatus.ACTIVE))


@operation(Permission.SOCIAL_WORK_WRITE)
def conclude_contract(session: Session, form: ContractForm, *, actor: Actor,
                      today: date | None = None) -> int:
    """Kontrakt socjalny with a client the worker already works with; one at a time."""
    today = today or clock.today()
    sw = _sw(session, form.social_work_id)
    _active(sw)
    concluded = check.past_date(form.concluded_on or today, field="concluded_on",
                                label="Data zawarcia kontraktu", today=today)
    if form.period_from is None or form.period_to is None:
        raise ValidationError("Podaj okres obowiązywania kontraktu: od … do ….",
                              field="period_to" if form.period_from else "period_from")
    if form.period_to < form.period_from:
        raise ValidationError(f"Koniec kontraktu ({format_date(form.period_to)} r.) nie może "
                              f"być wcześniejszy niż jego początek "
                              f"({format_date(form.period_from)} r.).", field="period_to")
    if form.period_from < concluded:
        raise ValidationError("Kontrakt nie może obowiązywać przed dniem jego zawarcia.",
                              field="period_from")
    goals = _lines(form.goals, field="goals", title="Cele kontraktu")
    client = _lines(form.client_commitments, field="client_commitments",
                    title="Zobowiązania klienta")
    worker = _lines(form.worker_commitments, field="worker_commitments",
                    title="Zobowiązania pracownika socjalnego")
    reviews = sorted(set(form.review_dates))
    if not reviews:
        raise ValidationError("Podaj co najmniej jeden termin oceny realizacji kontraktu.",
                              field="review_dates")
    for review in reviews:
        if review < today:
            raise ValidationError(f"Termin oceny kontraktu {format_date(review)} r. jest datą "
                                  "przeszłą — podaj termin od dziś.", field="review_dates")
        if not form.period_from <= review <= form.period_to:
            raise ValidationError(f"Termin oceny {format_date(review)} r. wypada poza okresem "
                                  "obowiązywania kontraktu.", field="review_dates")
    existing = _active_contract(session, sw.person_id)
    if existing is not None:
        raise ValidationError(
            f"{sw.person.full_name} ma już obowiązujący kontrakt socjalny nr {existing.number} "
            f"(do {format_date(existing.period_to)} r.) — oceń go i zakończ przed zawarciem "
            "nowego.", field="social_work")
    seq = next_number(session, "CONTRACT", concluded.year)
    contract = SocialContract(
        number=f"KS.{seq}.{concluded.year}", social_work_id=sw.id, person_id=sw.person_id,
        worker_id=sw.worker_id or actor.id, concluded_on=concluded,
        period_from=form.period_from, period_to=form.period_to, goals=goals,
        client_commitments=client, worker_commitments=worker,
        review_dates=",".join(d.isoformat() for d in reviews), status=ContractStatus.ACTIVE)
    session.add(contract)
    session.flush()
    return contract.id


def _contract(session: Session, contract_id: int,
              expected_version: int | None = None) -> SocialContract:
    contract = session.get(SocialContract, contract_id)
    if contract is None:
        raise NotFound("Nie ma takiego kontraktu socjalnego.")
    if expected_version is not None and contract.version != expected_version:
        raise ConflictError({"status": (contract.status, None)})
    return contract


@operation(Permission.SOCIAL_WORK_WRITE)
def review_contract(session: Session, contract_id: int, evaluation: str, *, actor: Actor,
                    on: date | None = None, today: date | None = None) -> None:
    """A dated review of how the contract is kept, added to the ones before."""
    today = today or clock.today()
    contract = _contract(session, contract_id)
    if contract.status is not ContractStatus.ACTIVE:
        raise ValidationError(f"Kontrakt nr {contract.number} jest już zakończony.",
                              field="status")
    on = check.past_date(on or today, field="on", label="Data oceny", today=today)
    if on < contract.concluded_on:
        raise ValidationError("Ocena nie może być wcześniejsza niż zawarcie kontraktu.",
                              field="on")
    text = check.text(evaluation, field="evaluation", label="Ocena realizacji",
                      max_len=TEXT_MAX)
    entry = f"{format_date(on)} r.: {text}"
    contract.evaluation = f"{contract.evaluation}\n\n{entry}" if contract.evaluation else entry
    session.flush()


ENDINGS = (ContractStatus.FULFILLED, ContractStatus.BROKEN, ContractStatus.ENDED)


@operation(Permission.SOCIAL_WORK_WRITE)
def end_contract(session: Session, contract_id: int, status: ContractStatus, evaluation: str, *,
                 actor: Actor, ended_on: date | None = None, today: date | None = None,
                 expected_version: int | None = None) -> None:
    """Fulfilled, broken or ended otherwise, with the final evaluation."""
    today = today or clock.today()
    contract = _contract(session, contract_id, expected_version)
    if contract.status is not ContractStatus.ACTIVE:
        raise ValidationError(f"Kontrakt nr {contract.number} jest już zakończony "
                              f"({label(contract.status)}).", field="status")
    if status not in ENDINGS:
        raise ValidationError("Wybierz, jak zakończył się kontrakt: zrealizowany, "
                              "niedotrzymany albo zakończony z innej przyczyny.", field="status")
    ended = check.past_date(ended_on or today, field="ended_on", label="Data zakończenia",
                            today=today)
    if ended < contract.concluded_on:
        raise ValidationError(f"Zakończenie ({format_date(ended)} r.) nie może być "
                              f"wcześniejsze niż zawarcie kontraktu "
                              f"({format_date(contract.concluded_on)} r.).", field="ended_on")
    text = check.text(evaluation, field="evaluation", label="Ocena końcowa", max_len=TEXT_MAX)
    entry = f"{format_date(ended)} r. (ocena końcowa): {text}"
    contract.evaluation = f"{contract.evaluation}\n\n{entry}" if contract.evaluation else entry
    contract.status = status
    contract.ended_on = ended
    session.flush()


@operation(Permission.MESSAGE_TO_BENEFITS)
def report_broken_contract(session: Session, contract_id: int, facts: str, *, actor: Actor,
                           today: date | None = None) -> int:
    """Tell Świadczenia that the contract was not kept: a ground for refusing, revoking or
    suspending benefits (art. 11 ust. 2 ups) — theirs to weigh in the proceedings."""
    today = today or clock.today()
    contract = _contract(session, contract_id)
    if contract.status is not ContractStatus.BROKEN:
        raise ValidationError("Informację wysyła się o kontrakcie zakończonym jako "
                              "niedotrzymany.", field="status")
    if contract.id in _reported(session, [contract.id]):
        raise ValidationError(f"Niedotrzymanie kontraktu nr {contract.number} zostało już "
                              "zgłoszone do Świadczeń.", field="contract")
    facts = check.text(facts, field="facts", label="Na czym polegało niedotrzymanie",
                       max_len=TEXT_MAX)
    sw = session.get(SocialWorkCase, contract.social_work_id)
    return messages.send_to_benefits(session, MessageForm(
        kind=MessageKind.REFUSED_COOPERATION, person_id=contract.person_id,
        social_work_id=sw.id, contract_id=contract.id,
        parts={"facts": "Niedotrzymanie postanowień kontraktu socjalnego (art. 11 ust. 2 "
                        f"ustawy o pomocy społecznej): {facts}"}),
        actor=actor, today=today)


def _reported(session: Session, contract_ids: list[int]) -> dict[int, int]:
    """The message reporting each broken contract to Świadczenia, per contract; one query."""
    if not contract_ids:
        return {}
    return {contract_id: message_id for contract_id, message_id in session.execute(
        select(CaseMessage.contract_id, CaseMessage.id).where(
            CaseMessage.contract_id.in_(contract_ids),
            CaseMessage.kind == MessageKind.REFUSED_COOPERATION))}


def _review_dates(contract: SocialContract) -> tuple[date, ...]:
    return tuple(date.fromisoformat(d) for d in contract.review_dates.split(",") if d)


def _contract_row(c: SocialContract, reported: int | None) -> ContractRow:
    return ContractRow(c.id, c.number, c.concluded_on, c.period_from, c.period_to, c.status,
                       c.ended_on, c.goals, c.client_commitments, c.worker_commitments,
                       _review_dates(c), c.evaluation, reported, c.version)


@operation(Permission.SOCIAL_WORK_READ)
def contract_pdf(session: Session, contract_id: int, *, actor: Actor) -> bytes:
    """The contract for both parties to sign, with its evaluation once there is one."""
    contract = _contract(session, contract_id)
    write_audit(session, actor.id, AuditAction.PRINT, "SocialContract", contract.id, {})
    worker = session.get(User, contract.worker_id)
    person = contract.person
    outcome = "" if contract.status is ContractStatus.ACTIVE else (
        f"kontrakt {label(contract.status)}"
        + (f" (zakończony {format_date(contract.ended_on)} r.)" if contract.ended_on else ""))
    return render_contract(ContractView(
        office=office_view(session), number=contract.number,
        concluded_on=contract.concluded_on, client_name=person.full_name,
        client_address=person.address or "—", worker_name=worker.full_name,
        worker_position=worker.position, period_from=contract.period_from,
        period_to=contract.period_to, goals=tuple(contract.goals.splitlines()),
        client_commitments=tuple(contract.client_commitments.splitlines()),
        worker_commitments=tuple(contract.worker_commitments.splitlines()),
        review_dates=_review_dates(contract), evaluation=contract.evaluation,
        outcome=outcome))


# --- other tasks ----------------------------------------------------------------------------------


@operation(Permission.SOCIAL_WORK_WRITE)
def add_task(session: Session, *, actor: Actor, person_id: int, kind: TaskKind,
             description: str, started_on: date | None = None, due_on: date | None = None,
             today: date | None = None) -> int:
    """Niebieska Karta, asystent rodziny, CIS/KIS, mental-health act: kept simply."""
    today = today or clock.today()
    if session.get(Person, person_id) is None:
        raise NotFound("Nie ma takiej osoby w kartotece.")
    started = check.past_date(started_on or today, field="started_on",
                              label="Data rozpoczęcia", today=today)
    if due_on is not None and due_on < started:
        raise ValidationError("Termin nie może być wcześniejszy niż rozpoczęcie zadania.",
                              field="due_on")
    task = SocialTask(person_id=person_id, kind=kind, worker_id=actor.id, started_on=started,
                      due_on=due_on, status=TaskStatus.OPEN,
                      description=check.text(description, field="description",
                                             label="Opis zadania", max_len=TEXT_MAX))
    session.add(task)
    session.flush()
    return task.id


@operation(Permission.SOCIAL_WORK_WRITE)
def finish_task(session: Session, task_id: int, *, actor: Actor, ended_on: date | None = None,
                result: str = "", today: date | None = None,
                expected_version: int | None = None) -> None:
    today = today or clock.today()
    task = session.get(SocialTask, task_id)
    if task is None:
        raise NotFound("Nie ma takiego zadania.")
    if expected_version is not None and task.version != expected_version:
        raise ConflictError({"status": (task.status, None)})
    if task.status is TaskStatus.DONE:
        raise ValidationError("To zadanie jest już zakończone.", field="status")
    ended = check.past_date(ended_on or today, field="ended_on", label="Data zakończenia",
                            today=today)
    if ended < task.started_on:
        raise ValidationError("Zakończenie nie może być wcześniejsze niż rozpoczęcie zadania.",
                              field="ended_on")
    result = check.text(result, field="result", label="Wynik", max_len=TEXT_MAX,
                        required=False)
    if result:
        task.description = f"{task.description}\n\nWynik ({format_date(ended)} r.): {result}"
    task.ended_on = ended
    task.status = TaskStatus.DONE
    session.flush()


@operation(Permission.SOCIAL_WORK_READ)
def tasks(session: Session, *, actor: Actor, person_id: int | None = None,
          mine_only: bool = False, open_only: bool = True) -> list[TaskRow]:
    where = []
    if person_id is not None:
        where.append(SocialTask.person_id == person_id)
    if mine_only:
        where.append(SocialTask.worker_id == actor.id)
    if open_only:
        where.append(SocialTask.status == TaskStatus.OPEN)
    return _task_rows(session, *where)


def _task_rows(session: Session, *where) -> list[TaskRow]:  # noqa: ANN002
    stmt = (select(SocialTask, Person, User.full_name)
            .join(Person, SocialTask.person_id == Person.id)
            .join(User, SocialTask.worker_id == User.id)
            .where(*where).order_by(SocialTask.due_on.is_(None), SocialTask.due_on,
                                    SocialTask.id))
    return [TaskRow(t.id, p.id, f"{p.last_name} {p.first_name}", t.kind, name, t.started_on,
                    t.due_on, t.ended_on, t.status, t.description, t.version)
            for t, p, name in session.execute(stmt)]
