"""The methodical process: the stages diagnosis → plan → work → evaluation with their
notes and dates, the plan of work, closing, and everything the worker sees of one client.

Notes belong to the relationship with the client: only the social work team and the head
read them (Permission.SOCIAL_WORK_READ, checked here whatever the screen shows)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from opsdesk import clock
from opsdesk.errors import ValidationError
from opsdesk.formatting import format_date
from opsdesk.models import SocialContract, SocialTask, SocialWorkCase, SocialWorkNote, User
from opsdesk.models.enums import (
    AuditAction,
    ContractStatus,
    SocialWorkMethod,
    SocialWorkStage,
    SocialWorkStatus,
)
from opsdesk.services import validation as check
from opsdesk.services.actions import Action, Actions
from opsdesk.services.audit import write_audit
from opsdesk.services.permissions import Permission
from opsdesk.services.security import Actor, operation
from opsdesk.services.socialwork.caseload import (
    STAGES,
    TEXT_MAX,
    CaseloadRow,
    caseload_rows,
    get_social_work,
    require_active,
    require_open,
)
from opsdesk.services.socialwork.contracts import (
    ContractRow,
    active_contract,
    contract_row,
    reported_messages,
)
from opsdesk.services.socialwork.tasks import TaskRow, task_rows


@operation(Permission.SOCIAL_WORK_WRITE)
def add_note(session: Session, sw_id: int, text: str, *, actor: Actor,
             written_on: date | None = None, today: date | None = None) -> int:
    """A note of the current stage."""
    today = today or clock.today()
    sw = get_social_work(session, sw_id)
    require_open(sw)
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
    sw = get_social_work(session, sw_id, expected_version)
    require_active(sw)
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
    sw = get_social_work(session, sw_id, expected_version)
    require_active(sw)
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
    sw = get_social_work(session, sw_id, expected_version)
    require_open(sw)
    on = on or today
    check.past_date(on, field="closed_on", label="Data zakończenia", today=today)
    active = active_contract(session, sw.person_id)
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
    actions: Actions = frozenset()  # beyond the row's: a new contract while none is in force


@operation(Permission.SOCIAL_WORK_READ)
def detail(session: Session, sw_id: int, *, actor: Actor) -> SocialWorkDetail:
    sw = get_social_work(session, sw_id)
    write_audit(session, actor.id, AuditAction.READ, "SocialWorkCase", sw.id, {})
    contracts = list(session.scalars(select(SocialContract).where(
        SocialContract.person_id == sw.person_id).order_by(SocialContract.id.desc()).options(
            selectinload(SocialContract.actions), selectinload(SocialContract.annexes))))
    reported = reported_messages(session, [c.id for c in contracts])
    # One contract at a time (conclude_contract refuses a second while one is in force).
    concludes = (actor.can(Permission.SOCIAL_WORK_WRITE) and sw.status is SocialWorkStatus.ACTIVE
                 and all(c.status is not ContractStatus.ACTIVE for c in contracts))
    return SocialWorkDetail(
        row=caseload_rows(session, SocialWorkCase.id == sw.id, reader=actor)[0],
        method=sw.method, tools=sw.tools, goals=sw.goals, goals_agreed_on=sw.goals_agreed_on,
        evaluation_due=sw.evaluation_due,
        stage_dates=tuple((s, stage_started(sw, s)) for s in STAGES), closed_on=sw.closed_on,
        outcome=sw.outcome, notes=_notes(session, sw.id),
        contracts=tuple(contract_row(c, reported.get(c.id), actor) for c in contracts),
        tasks=tuple(task_rows(session, SocialTask.person_id == sw.person_id, reader=actor)),
        actions=frozenset({Action.CONCLUDE_CONTRACT}) if concludes else frozenset())


@operation(Permission.SOCIAL_WORK_READ)
def notes(session: Session, sw_id: int, *, actor: Actor) -> list[NoteRow]:
    write_audit(session, actor.id, AuditAction.READ, "SocialWorkNote", sw_id, {})
    return list(_notes(session, get_social_work(session, sw_id).id))


def _notes(session: Session, sw_id: int) -> tuple[NoteRow, ...]:
    stmt = (select(SocialWorkNote, User.full_name)
            .join(User, SocialWorkNote.author_id == User.id)
            .where(SocialWorkNote.social_work_id == sw_id)
            .order_by(SocialWorkNote.written_on, SocialWorkNote.id))
    return tuple(NoteRow(n.id, n.stage, n.written_on, name, n.text)
                 for n, name in session.execute(stmt))
