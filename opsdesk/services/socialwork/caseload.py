"""The caseload: who is referred or worked with, and the first meeting — or the client
who did not come or refused, which the benefits team is told of."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from opsdesk import clock
from opsdesk.errors import ConflictError, NotFound, ValidationError
from opsdesk.formatting import format_date
from opsdesk.labels import label
from opsdesk.models import Person, SocialWorkCase, User
from opsdesk.models.enums import (
    MessageKind,
    Role,
    SocialWorkSource,
    SocialWorkStage,
    SocialWorkStatus,
)
from opsdesk.services import intake, messages
from opsdesk.services import validation as check
from opsdesk.services.actions import Action, Actions
from opsdesk.services.messages import MessageForm
from opsdesk.services.permissions import Permission
from opsdesk.services.security import Actor, operation
from opsdesk.services.users import worker_name

OPEN = (SocialWorkStatus.REFERRED, SocialWorkStatus.ACTIVE)
STAGES = list(SocialWorkStage)
TEXT_MAX = 4000


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
    actions: Actions = frozenset()  # what the reader may do with the client (``row_actions``)

    @property
    def next_stage(self) -> SocialWorkStage | None:
        """The stage ``advance_stage`` moves to; None at the last one."""
        index = STAGES.index(self.stage)
        return STAGES[index + 1] if index + 1 < len(STAGES) else None

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
    rows = caseload_rows(session, *where, reader=actor)
    # Clients still to come first, the nearest day first; then the others by name.
    rows.sort(key=lambda r: (r.status is not SocialWorkStatus.REFERRED,
                             r.report_by or date.max, r.person_name))
    return rows


class ClientState(Protocol):
    """What decides a client's actions: a caseload's row or the record itself."""

    status: SocialWorkStatus
    stage: SocialWorkStage
    worker_id: int | None


def row_actions(sw: ClientState, actor: Actor) -> Actions:
    """What ``actor`` may do with a client in social work: the team writes (accepts, meets,
    notes, plans, moves the stages, closes; plans services and tasks), the social workers
    write to the benefits team (a client who did not come, refused, anything else), the
    head assigns a waiting referral."""
    writes = actor.can(Permission.SOCIAL_WORK_WRITE)
    letters = actor.can(Permission.MESSAGE_TO_BENEFITS)
    waiting = sw.status is SocialWorkStatus.REFERRED
    active = sw.status is SocialWorkStatus.ACTIVE
    allowed = {
        Action.ACCEPT: writes and waiting and sw.worker_id is None,
        Action.ASSIGN: waiting and actor.can(Permission.CASE_ASSIGN),
        Action.FIRST_MEETING: writes and sw.status in (SocialWorkStatus.REFERRED,
                                                       SocialWorkStatus.NOT_REPORTED),
        Action.NOT_CAME: letters and waiting,
        Action.NOTE: writes and active,
        Action.WORK_PLAN: writes and active and sw.stage is not SocialWorkStage.DIAGNOSIS,
        Action.ADVANCE: writes and active and sw.stage is not STAGES[-1],
        Action.LETTER: letters,
        Action.REFUSAL: letters and (waiting or active),
        Action.CLOSE: writes and active,
        Action.PLAN_SERVICE: writes,
        Action.ADD_TASK: writes,
    }
    return frozenset(action for action, ok in allowed.items() if ok)


def role_actions(actor: Actor) -> Actions:
    """Every action ``actor``'s role may ever take in social work, whatever a row's state:
    the screen shows these buttons and enables them by the rows' own ``actions``."""
    writes = frozenset({
        Action.ACCEPT, Action.FIRST_MEETING, Action.NOTE, Action.WORK_PLAN, Action.ADVANCE,
        Action.CLOSE, Action.PLAN_SERVICE, Action.ADD_TASK, Action.CONCLUDE_CONTRACT,
        Action.REVIEW, Action.ANNEX, Action.END, Action.START, Action.FINISH})
    letters = frozenset({Action.NOT_CAME, Action.LETTER, Action.REFUSAL, Action.REPORT,
                         Action.REQUEST_DECISION})
    return frozenset(
        {Action.PRINT}
        | (writes if actor.can(Permission.SOCIAL_WORK_WRITE) else set())
        | (letters if actor.can(Permission.MESSAGE_TO_BENEFITS) else set())
        | ({Action.ASSIGN} if actor.can(Permission.CASE_ASSIGN) else set()))


def caseload_rows(session: Session, *where, reader: Actor) -> list[CaseloadRow]:  # noqa: ANN002
    """The clients ``where`` selects, each with what ``reader`` may do with them: read from
    the caseload's indexes alone, the person's name and the proceeding's sign on the row
    (a caseload may hold hundreds of clients)."""
    sw = SocialWorkCase
    stmt = select(sw.id, sw.person_id, sw.person_name, sw.source, sw.status, sw.worker_id,
                  sw.referred_on, sw.report_by, sw.first_meeting_on, sw.stage, sw.case_id,
                  sw.case_sign, sw.version).where(*where)
    return [CaseloadRow(r.id, r.person_id, r.person_name, r.source, r.status, r.worker_id,
                        worker_name(session, r.worker_id), r.referred_on,
                        r.report_by, r.first_meeting_on, r.stage, r.case_id, r.case_sign,
                        r.version, row_actions(r, reader))
            for r in session.execute(stmt)]


def get_social_work(session: Session, sw_id: int, expected_version: int | None = None
                    ) -> SocialWorkCase:
    sw = session.get(SocialWorkCase, sw_id)
    if sw is None:
        raise NotFound("Nie ma takiego klienta w pracy socjalnej.")
    if expected_version is not None and sw.version != expected_version:
        raise ConflictError({"status": (sw.status, None)})
    return sw


def require_open(sw: SocialWorkCase) -> None:
    if sw.status not in OPEN:
        raise ValidationError(f"Praca socjalna z tym klientem jest zamknięta "
                              f"({label(sw.status)}).", field="status")


def require_active(sw: SocialWorkCase) -> None:
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
    sw = get_social_work(session, sw_id, expected_version)
    require_open(sw)
    if sw.worker_id not in (None, actor.id):
        raise ValidationError(f"Tego klienta prowadzi już {sw.worker.full_name} — zmienić "
                              "pracownika może kierownik.", field="worker")
    sw.worker_id = actor.id
    session.flush()


@operation(Permission.CASE_ASSIGN)
def assign(session: Session, sw_id: int, worker_id: int, *, actor: Actor,
           expected_version: int | None = None) -> None:
    """The head gives a client to a social worker."""
    sw = get_social_work(session, sw_id, expected_version)
    require_open(sw)
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
    sw = get_social_work(session, sw_id, expected_version)
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
    sw = get_social_work(session, sw_id, expected_version)
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
                   inform_benefits: bool | None = None,
                   expected_version: int | None = None) -> int | None:
    """The client refuses to cooperate. Świadczenia is told (art. 11 ust. 2 ups) when it
    referred the client, or when the worker asks for it; returns the message's id."""
    today = today or clock.today()
    sw = get_social_work(session, sw_id, expected_version)
    require_open(sw)
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
