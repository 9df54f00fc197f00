"""The formal messages between the benefits worker and the social worker (seed 004).

The social worker influences benefits only through evidence in the proceedings — an
information or an opinion (art. 75 § 1 kpa) — and the benefits worker reaches social work
only through the referral "w celu ustalenia możliwości". Every message is written about a
client, tied to the proceeding where one exists, numbered, dated and signed by its author,
and never edited after sending: a correction is a new message.

A referred client who does not come by the set day produces the "Informacja o niezgłoszeniu
się" by itself (``check_overdue_referrals``), run by every read of an inbox, an unread count
or a caseload, so nobody has to remember it. Such a read may write: ``Database.read`` keeps
what it flushed, and takes the write lock only when there is something to send.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import ColumnElement, and_, func, or_, select, union_all
from sqlalchemy.orm import Session

from opsdesk import clock
from opsdesk.errors import NotFound, ValidationError
from opsdesk.formatting import format_date
from opsdesk.labels import label
from opsdesk.models import (
    Case,
    CaseMessage,
    Decision,
    Person,
    SocialContract,
    SocialWorkCase,
    User,
    UserRole,
)
from opsdesk.models.enums import (
    AuditAction,
    CaseStatus,
    ContractStatus,
    DecisionStatus,
    MessageKind,
    Role,
    Sex,
    SocialWorkSource,
    SocialWorkStatus,
    Team,
)
from opsdesk.models.messages import COMMON_INBOX, LINE, UNREAD_ONLY
from opsdesk.reports.message import render_message
from opsdesk.reports.views import MessageView
from opsdesk.services import intake
from opsdesk.services import validation as check
from opsdesk.services.audit import write_audit
from opsdesk.services.numbering import next_number
from opsdesk.services.office import office_view
from opsdesk.services.permissions import Permission
from opsdesk.services.security import Actor, operation
from opsdesk.services.templates import texts_in_force
from opsdesk.services.users import worker_name

log = logging.getLogger(__name__)

PART_MAX = 4000

TEAM_ROLE = {Team.BENEFITS: Role.BENEFITS, Team.SOCIAL_WORK: Role.SOCIAL_WORK}
TEAM_LABELS = {Team.BENEFITS: "Zespół ds. świadczeń przyznawanych decyzją",
               Team.SOCIAL_WORK: "Zespół ds. pracy socjalnej i usług"}
# Numbers run separately for the two directions: "PS.12.2026" an information or opinion
# of social work, "SK.3.2026" a referral.
_PREFIX = {Team.BENEFITS: "PS", Team.SOCIAL_WORK: "SK"}


@dataclass(frozen=True)
class Part:
    """One labelled part of a message's text; the required ones must be filled in."""

    key: str
    label: str
    required: bool = True


@dataclass(frozen=True)
class KindInfo:
    kind: MessageKind
    to_team: Team
    parts: tuple[Part, ...]
    # Sent by a dedicated action rather than the general "new message" form.
    by_action: str = ""

    @property
    def label(self) -> str:
        """The name of the message as in seed 004."""
        return label(self.kind)


_FACTS = Part("facts", "Ustalenia")
_REASON = Part("reason", "Uzasadnienie")

# The table of seed 004 (shared/docs/workflow.md): all ten kinds, both directions.
MESSAGE_KINDS: dict[MessageKind, KindInfo] = {k.kind: k for k in (
    KindInfo(MessageKind.COOPERATION, Team.BENEFITS,
             (Part("course", "Przebieg współpracy"),
              Part("agreements", "Ustalenia z klientem", required=False))),
    KindInfo(MessageKind.BENEFIT_DURING_DIAGNOSIS, Team.BENEFITS,
             (Part("benefit", "Potrzebne świadczenie"), _REASON,
              Part("duration", "Przewidywany czas diagnozy"))),
    KindInfo(MessageKind.OPINION_POSSIBILITIES, Team.BENEFITS,
             (_FACTS, Part("possibilities", "Możliwości rozwiązania problemów"),
              Part("conclusion", "Wnioski dla postępowania"))),
    KindInfo(MessageKind.OPINION_ADDITIONAL_BENEFITS, Team.BENEFITS,
             (Part("benefits", "Proponowane świadczenia"), _REASON)),
    KindInfo(MessageKind.OPINION_39A, Team.BENEFITS,
             (Part("purpose", "Cel zasiłku"), _REASON)),
    KindInfo(MessageKind.NOT_REPORTED, Team.BENEFITS,
             (_FACTS,), by_action="„Nie zgłosił(a) się” w karcie klienta"),
    KindInfo(MessageKind.REFUSED_COOPERATION, Team.BENEFITS,
             (Part("facts", "Okoliczności odmowy"),
              Part("client_statement", "Stanowisko klienta", required=False))),
    KindInfo(MessageKind.WASTING, Team.BENEFITS,
             (Part("facts", "Fakty"), Part("source", "Źródło informacji"),
              Part("proposal", "Propozycja (np. pomoc w naturze)", required=False))),
    KindInfo(MessageKind.SITUATION_CHANGE, Team.BENEFITS,
             (Part("change", "Na czym polega zmiana"), Part("since", "Od kiedy"),
              Part("source", "Źródło informacji", required=False))),
    KindInfo(MessageKind.REFERRAL, Team.SOCIAL_WORK,
             (Part("resources", "Niewykorzystane zasoby lub uprawnienia"),
              Part("question", "Co należy ustalić")),
             by_action="„Skieruj do pracownika socjalnego” w sprawie"),
)}


@dataclass(frozen=True)
class MessageForm:
    """What the author fills in; the number, date and signature are added on sending."""

    kind: MessageKind
    person_id: int
    parts: Mapping[str, str] = field(default_factory=dict)
    case_id: int | None = None  # the proceeding it concerns, where one exists
    social_work_id: int | None = None
    contract_id: int | None = None
    to_user_id: int | None = None  # None: the addressee team's common inbox


@dataclass(frozen=True)
class MessageRow:
    id: int
    number: str
    kind: MessageKind
    kind_label: str
    person_id: int
    person_name: str
    case_id: int | None
    case_sign: str
    author_id: int
    author_name: str
    written_on: date
    to_team: Team
    to_user_id: int | None
    to_user_name: str
    read_at: datetime | None
    read_by_name: str
    cited_in_decision_id: int | None
    cited_decision_number: str
    automatic: bool

    @property
    def unread(self) -> bool:
        return self.read_at is None

    @property
    def is_evidence(self) -> bool:
        """An information or opinion of social work, evidence for the benefits worker."""
        return self.to_team is Team.BENEFITS


@dataclass(frozen=True)
class MessageDetail:
    row: MessageRow
    body: str
    author_position: str
    social_work_id: int | None
    contract_id: int | None


# --- sending ---------------------------------------------------------------------------


@operation(Permission.MESSAGE_TO_BENEFITS)
def send_to_benefits(session: Session, form: MessageForm, *, actor: Actor,
                     today: date | None = None) -> int:
    """An information or opinion of the social worker for the benefits worker."""
    info = _info(form.kind)
    if info.to_team is not Team.BENEFITS or info.by_action:
        raise ValidationError(f"„{info.label}” nie wysyła się tym formularzem — użyj "
                              f"przycisku {info.by_action or 'w zakładce Świadczenia'}.",
                              field="kind")
    message = _compose(session, form, author_id=actor.id, today=today or clock.today())
    return message.id


@dataclass(frozen=True)
class ReferralForm:
    """The benefits worker's referral "w celu ustalenia możliwości" within a proceeding."""

    case_id: int
    resources: str  # the unused resources or entitlements found
    question: str  # what the social worker is to establish
    to_user_id: int | None = None  # a chosen social worker, else the team
    report_by: date | None = None  # the client's last day to come; default from settings


@operation(Permission.MESSAGE_TO_SOCIAL_WORK)
def referral_report_by(session: Session, *, actor: Actor, today: date | None = None) -> date:
    """The day a client referred today is to come by, unless the referral names another:
    what the referral form proposes."""
    return intake.report_by(session, today or clock.today())


@operation(Permission.MESSAGE_TO_SOCIAL_WORK)
def refer_for_possibilities(session: Session, form: ReferralForm, *, actor: Actor,
                            today: date | None = None) -> int:
    """Send the referral and put the client into social work's queue; returns the
    referral message's id (the social work case is ``referral_case_of``)."""
    today = today or clock.today()
    case = _case(session, form.case_id)
    if case.status in (CaseStatus.DECIDED, CaseStatus.CLOSED):
        raise ValidationError(f"Sprawa {case.sign} jest już rozstrzygnięta — skierowanie w celu "
                              "ustalenia możliwości wysyła się w toku postępowania.",
                              field="case")
    if form.report_by is not None and form.report_by < today:
        raise ValidationError("Termin zgłoszenia się klienta nie może być datą przeszłą.",
                              field="report_by")
    sw = session.scalar(select(SocialWorkCase).where(
        SocialWorkCase.person_id == case.person_id,
        SocialWorkCase.status.in_([SocialWorkStatus.REFERRED, SocialWorkStatus.ACTIVE]))
        .order_by(SocialWorkCase.id.desc()).limit(1))
    if sw is not None and sw.case_id == case.id and sw.referral_message_id is not None:
        raise ValidationError(f"Klient ze sprawy {case.sign} jest już skierowany do pracownika "
                              "socjalnego — poczekaj na jego informację lub opinię.",
                              field="case")
    if sw is None:
        sw = intake.refer_to_social_work(session, person_id=case.person_id,
                                         source=SocialWorkSource.BENEFITS_REFERRAL,
                                         referred_on=today, case_id=case.id)
    else:
        # One client, one social work: the referral joins the work already under way.
        sw.case_id = case.id
        if sw.status is SocialWorkStatus.REFERRED:
            sw.report_by = intake.report_by(session, today)
    if form.report_by is not None and sw.status is SocialWorkStatus.REFERRED:
        sw.report_by = form.report_by
    if sw.status is SocialWorkStatus.REFERRED:
        closing = (f"Termin zgłoszenia się do pracownika socjalnego: do dnia "
                   f"{format_date(sw.report_by)} r. Niezgłoszenie się w tym terminie zostanie "
                   "odnotowane w aktach sprawy.")
    else:
        closing = "Klient współpracuje już z pracownikiem socjalnym" + (
            f": {sw.worker.full_name}." if sw.worker else ".")
    message = _compose(session, MessageForm(
        kind=MessageKind.REFERRAL, person_id=case.person_id, case_id=case.id,
        social_work_id=sw.id, to_user_id=form.to_user_id or sw.worker_id,
        parts={"resources": form.resources, "question": form.question}),
        author_id=actor.id, today=today, closing=closing)
    sw.referral_message_id = message.id
    session.flush()
    return message.id


def referral_case_of(session: Session, message_id: int) -> int | None:
    """The social work case a referral opened or joined."""
    return session.scalar(select(CaseMessage.social_work_id).where(
        CaseMessage.id == message_id, CaseMessage.kind == MessageKind.REFERRAL))


def _compose(session: Session, form: MessageForm, *, author_id: int, today: date,
             automatic: bool = False, closing: str = "") -> CaseMessage:
    """Check the required parts and the ties, number, date and store the message."""
    info = _info(form.kind)
    person = session.get(Person, form.person_id)
    if person is None:
        raise NotFound("Nie ma takiej osoby w kartotece.")
    parts = _checked_parts(info, form.parts)
    sw = _social_work(session, form.social_work_id, person.id)
    case_id = form.case_id if form.case_id is not None else (sw.case_id if sw else None)
    case = _case(session, case_id, person_id=person.id) if case_id is not None else None
    if info.kind is MessageKind.REFERRAL and case is None:
        raise ValidationError("Skierowanie musi dotyczyć postępowania — wybierz sprawę.",
                              field="case")
    contract = _contract(session, form.contract_id, person.id)
    if contract is None and info.kind is MessageKind.OPINION_39A:
        contract = session.scalar(select(SocialContract).where(
            SocialContract.person_id == person.id,
            SocialContract.status == ContractStatus.ACTIVE))
    to_user_id = form.to_user_id
    if to_user_id is not None:
        _addressee(session, to_user_id, info.to_team)
    elif info.to_team is Team.BENEFITS and case is not None:
        to_user_id = case.assigned_to_id  # the worker who runs the proceeding
    body = "\n\n".join(p for p in (_body(info, parts, contract), closing) if p)
    seq = next_number(session, f"MESSAGE_{_PREFIX[info.to_team]}", today.year)
    message = CaseMessage(
        number=f"{_PREFIX[info.to_team]}.{seq}.{today.year}", kind=info.kind,
        person_id=person.id, case_id=case.id if case else None,
        case_sign=case.sign if case else "",
        social_work_id=sw.id if sw else None, contract_id=contract.id if contract else None,
        author_id=author_id, to_team=info.to_team, to_user_id=to_user_id, written_on=today,
        body=body, automatic=automatic)
    session.add(message)
    session.flush()
    return message


def _info(kind: MessageKind) -> KindInfo:
    return MESSAGE_KINDS[MessageKind(kind)]


def _checked_parts(info: KindInfo, given: Mapping[str, str]) -> dict[str, str]:
    known = {p.key for p in info.parts}
    unknown = set(given) - known
    if unknown:
        raise ValueError(f"unknown parts of {info.kind}: {sorted(unknown)}")
    missing = [p for p in info.parts if p.required and not (given.get(p.key) or "").strip()]
    if missing:
        names = ", ".join(f"„{p.label}”" for p in missing)
        noun = "wymaganej części" if len(missing) == 1 else "wymaganych części"
        raise ValidationError(f"Pismo „{info.label}” nie ma {noun}: {names}. Uzupełnij "
                              "i wyślij ponownie.", field=f"part:{missing[0].key}")
    return {p.key: check.text(given.get(p.key, ""), field=f"part:{p.key}", label=p.label,
                              max_len=PART_MAX, required=False)
            for p in info.parts}


def _body(info: KindInfo, parts: dict[str, str], contract: SocialContract | None) -> str:
    paragraphs = [f"{p.label}: {parts[p.key]}" for p in info.parts if parts[p.key]]
    if contract is not None:
        paragraphs.insert(0, f"Dotyczy kontraktu socjalnego nr {contract.number} z dnia "
                             f"{format_date(contract.concluded_on)} r.")
    return "\n\n".join(paragraphs)


def _case(session: Session, case_id: int, *, person_id: int | None = None) -> Case:
    case = session.get(Case, case_id)
    if case is None:
        raise NotFound("Nie ma takiej sprawy.")
    if case.team is not Team.BENEFITS:
        raise ValidationError(f"Sprawa {case.sign} nie jest postępowaniem w sprawie "
                              "świadczenia.", field="case")
    if person_id is not None and case.person_id != person_id:
        raise ValidationError(f"Sprawa {case.sign} dotyczy innej osoby niż to pismo.",
                              field="case")
    return case


def _social_work(session: Session, sw_id: int | None, person_id: int) -> SocialWorkCase | None:
    if sw_id is None:
        return None
    sw = session.get(SocialWorkCase, sw_id)
    if sw is None:
        raise NotFound("Nie ma takiego klienta w pracy socjalnej.")
    if sw.person_id != person_id:
        raise ValidationError("Praca socjalna dotyczy innej osoby niż to pismo.",
                              field="social_work")
    return sw


def _contract(session: Session, contract_id: int | None,
              person_id: int) -> SocialContract | None:
    if contract_id is None:
        return None
    contract = session.get(SocialContract, contract_id)
    if contract is None:
        raise NotFound("Nie ma takiego kontraktu socjalnego.")
    if contract.person_id != person_id:
        raise ValidationError("Kontrakt socjalny dotyczy innej osoby niż to pismo.",
                              field="contract")
    return contract


def _addressee(session: Session, user_id: int, team: Team) -> User:
    user = session.get(User, user_id)
    if user is None or not user.active or TEAM_ROLE[team] not in user.role_set:
        raise ValidationError(f"Adresat musi być aktywnym pracownikiem: "
                              f"{TEAM_LABELS[team].lower()}.", field="to_user")
    return user


# --- the client who did not come ------------------------------------------------------------


def check_overdue_referrals(session: Session, *, today: date) -> list[int]:
    """Send "Informacja o niezgłoszeniu się" for every referred client whose day to come
    has passed with no first meeting recorded. Idempotent: the referral leaves the
    waiting state, so a second run finds nothing. Returns the new messages' ids."""
    overdue = session.scalars(select(SocialWorkCase).where(
        SocialWorkCase.referral_message_id.is_not(None),
        SocialWorkCase.status == SocialWorkStatus.REFERRED,
        SocialWorkCase.first_meeting_on.is_(None),
        SocialWorkCase.report_by < today)).all()
    sent = []
    for sw in overdue:
        author_id = sw.worker_id or _head_id(session)
        if author_id is None:
            log.warning("no author for the not-reported notice of social work case %d", sw.id)
            continue
        sent.append(send_not_reported(session, sw, author_id=author_id, today=today,
                                        automatic=True).id)
    return sent


def send_not_reported(session: Session, sw: SocialWorkCase, *, author_id: int, today: date,
                      automatic: bool = False) -> CaseMessage:
    """Close the wait for a referred client and tell the benefits worker (seed 004)."""
    if sw.status is not SocialWorkStatus.REFERRED or sw.first_meeting_on is not None:
        raise ValidationError("Klient już się zgłosił albo sprawa nie czeka na zgłoszenie.",
                              field="status")
    referral = session.get(CaseMessage, sw.referral_message_id) if sw.referral_message_id \
        else None
    person = sw.person
    came = "zgłosiła" if person.sex is Sex.FEMALE else "zgłosił"
    referred = "skierowana" if person.sex is Sex.FEMALE else "skierowany"
    how = (f"skierowaniem nr {referral.number} z dnia {format_date(referral.written_on)} r."
           if referral else f"w dniu {format_date(sw.referred_on)} r.")
    facts = (f"{person.full_name}, {referred} do pracownika socjalnego w celu ustalenia "
             f"możliwości {how}, nie {came} się do pracownika socjalnego w wyznaczonym "
             f"terminie, tj. do dnia {format_date(sw.report_by or today)} r.")
    if automatic:
        facts += (" Informację sporządzono automatycznie: do tego dnia nie odnotowano "
                  "pierwszego spotkania z klientem.")
        if sw.worker_id is None:
            facts += " Skierowania nie przyjął żaden pracownik socjalny — podpisuje kierownik."
    message = _compose(session, MessageForm(
        kind=MessageKind.NOT_REPORTED, person_id=sw.person_id, social_work_id=sw.id,
        parts={"facts": facts}),
        author_id=author_id, today=today, automatic=automatic)
    sw.status = SocialWorkStatus.NOT_REPORTED
    sw.outcome = f"Nie zgłosił(a) się do dnia {format_date(sw.report_by or today)} r."
    session.flush()
    return message


def _head_id(session: Session) -> int | None:
    return session.scalar(select(User.id).join(UserRole).where(
        UserRole.role == Role.HEAD, User.active.is_(True)).order_by(User.id).limit(1))


# --- inbox, reading, marks --------------------------------------------------------------------


def teams_of(actor: Actor) -> frozenset[Team]:
    """The teams whose common inbox is the actor's own."""
    return frozenset(t for t, role in TEAM_ROLE.items() if actor.has_role(role))


def _visible_teams(actor: Actor) -> frozenset[Team]:
    return frozenset(TEAM_ROLE) if actor.has_role(Role.HEAD) else teams_of(actor)


def _mine(actor: Actor):  # noqa: ANN202 — a SQL condition
    return or_(*(where for where, _index in _mine_parts(actor)))


# A share of a list, read on its own: its condition, and on SQLite the index to read it
# from when the planner would take a worse one ("" to let it choose).
Share = tuple[ColumnElement[bool], str]


def _mine_parts(actor: Actor) -> list[Share]:
    """"Mine": addressed to the worker, or to one of their teams' common inbox — read from
    the index of the common inboxes; the planner would take the team's and walk every
    message to the team's workers."""
    return [(CaseMessage.to_user_id == actor.id, ""),
            *((and_(CaseMessage.to_user_id.is_(None), CaseMessage.to_team == team),
               COMMON_INBOX) for team in sorted(teams_of(actor)))]


@operation(Permission.MESSAGE_READ)
def inbox(session: Session, *, actor: Actor, scope: str = "mine", unread_only: bool = False,
          today: date | None = None, limit: int = 500) -> list[MessageRow]:
    """Messages for the worker: "mine" (addressed to them or to their team's common
    inbox) or "team" (everything to their teams; the head sees both teams)."""
    check_overdue_referrals(session, today=today or clock.today())
    if scope == "mine":
        parts = _mine_parts(actor)
    elif scope == "team":
        parts = [(CaseMessage.to_team == team, "") for team in sorted(_visible_teams(actor))]
    else:
        raise ValueError(scope)
    if unread_only:
        parts = [(and_(where, CaseMessage.read_at.is_(None)), index) for where, index in parts]
    return _rows(session, *parts, limit=limit)


@operation(Permission.MESSAGE_READ)
def unread_count(session: Session, *, actor: Actor, today: date | None = None) -> int:
    """The number on the envelope in the top bar."""
    check_overdue_referrals(session, today=today or clock.today())
    return session.scalar(select(func.count(CaseMessage.id))
                          .with_hint(CaseMessage, UNREAD_ONLY, "sqlite")
                          .where(_mine(actor), CaseMessage.read_at.is_(None))) or 0


@operation(Permission.MESSAGE_READ)
def sent_messages(session: Session, *, actor: Actor, limit: int = 500) -> list[MessageRow]:
    return _rows(session, CaseMessage.author_id == actor.id, limit=limit)


@operation(Permission.MESSAGE_READ)
def messages_of_person(session: Session, person_id: int, *, actor: Actor) -> list[MessageRow]:
    return _rows(session, CaseMessage.person_id == person_id)


@operation(Permission.CASE_READ)
def case_evidence(session: Session, case_id: int, *, actor: Actor) -> list[MessageRow]:
    """The proceeding's messages, oldest first: the referral and the informacje/opinie
    that are evidence (``row.is_evidence``) the decision's justification may cite."""
    _case(session, case_id)
    return sorted(_rows(session, CaseMessage.case_id == case_id), key=lambda r: r.id)


@operation(Permission.MESSAGE_READ)
def open_message(session: Session, message_id: int, *, actor: Actor) -> MessageDetail:
    message = _message(session, message_id)
    write_audit(session, actor.id, AuditAction.READ, "CaseMessage", message.id, {})
    row = _rows(session, CaseMessage.id == message.id)[0]
    return MessageDetail(row, message.body, message.author.position, message.social_work_id,
                         message.contract_id)


@operation(Permission.MESSAGE_READ)
def mark_read(session: Session, message_id: int, *, actor: Actor,
              now: datetime | None = None) -> None:
    """"Przeczytano": only the addressee — the named worker, or a member of the team when
    it went to the team's common inbox — marks it. Marking twice changes nothing."""
    message = _message(session, message_id)
    if message.read_at is not None:
        return
    if message.to_user_id is not None:
        if message.to_user_id != actor.id:
            name = session.get(User, message.to_user_id).full_name
            raise ValidationError(f"Pismo jest zaadresowane do: {name} — tylko adresat może "
                                  "oznaczyć je jako przeczytane.", field="read")
    elif message.to_team not in teams_of(actor):
        raise ValidationError(f"Pismo jest zaadresowane do: {TEAM_LABELS[message.to_team]} — "
                              "oznacza je pracownik tego zespołu.", field="read")
    message.read_at = now or clock.now()
    message.read_by_id = actor.id
    session.flush()


# --- evidence in the decision (the hook the decision side calls) ---------------------------------


@operation(Permission.CASE_WORK)
def cite_in_decision(session: Session, message_id: int, decision_id: int, *,
                     actor: Actor) -> str:
    """"Uwzględniono w decyzji": the decision's justification relies on this message.
    Returns the phrase to quote in the justification (``citation_text``)."""
    message = _message(session, message_id)
    decision = session.get(Decision, decision_id)
    if decision is None:
        raise NotFound("Nie ma takiej decyzji.")
    if message.to_team is not Team.BENEFITS:
        raise ValidationError("W uzasadnieniu decyzji powołuje się informacje i opinie "
                              "pracownika socjalnego, nie skierowanie.", field="message")
    if message.person_id != decision.person_id:
        raise ValidationError("Pismo dotyczy innej osoby niż decyzja.", field="message")
    if message.case_id is not None and message.case_id != decision.case_id:
        raise ValidationError("Pismo należy do innego postępowania niż decyzja.",
                              field="message")
    if message.cited_in_decision_id not in (None, decision.id):
        other = session.get(Decision, message.cited_in_decision_id)
        raise ValidationError(f"To pismo uwzględniono już w innej decyzji"
                              f"{' nr ' + other.number if other and other.number else ''}.",
                              field="message")
    message.cited_in_decision_id = decision.id
    if message.case_id is None:
        message.case_id = decision.case_id  # from now on it is in this proceeding's files
    if message.read_at is None:
        message.read_at = clock.now()
        message.read_by_id = actor.id
    session.flush()
    return citation_text(message)


@operation(Permission.CASE_WORK)
def uncite_from_decision(session: Session, message_id: int, *, actor: Actor) -> None:
    """Withdraw the mark while the decision is still a draft."""
    message = _message(session, message_id)
    if message.cited_in_decision_id is None:
        return
    decision = session.get(Decision, message.cited_in_decision_id)
    if decision is not None and decision.status is DecisionStatus.ISSUED:
        raise ValidationError(f"Decyzja nr {decision.number} została wydana — pisma "
                              "powołanego w jej uzasadnieniu nie można odłączyć.",
                              field="message")
    message.cited_in_decision_id = None
    session.flush()


def citation_text(message: CaseMessage) -> str:
    """How the justification names the message, e.g. "Opinia o możliwościach rozwiązania
    problemów nr PS.4.2026 z dnia 20.11.2026 r. (Józef Ćwikła, pracownik socjalny)"."""
    author = message.author
    who = f"{author.full_name}, {author.position}" if author.position else author.full_name
    return (f"{_info(message.kind).label} nr {message.number} z dnia "
            f"{format_date(message.written_on)} r. ({who})")


# --- printing -----------------------------------------------------------------------------------


@operation(Permission.MESSAGE_READ)
def message_pdf(session: Session, message_id: int, *, actor: Actor) -> bytes:
    """The one-page PDF in the office's letterhead."""
    message = _message(session, message_id)
    write_audit(session, actor.id, AuditAction.PRINT, "CaseMessage", message.id, {})
    row = _rows(session, CaseMessage.id == message.id)[0]
    addressee = TEAM_LABELS[message.to_team]
    if row.to_user_name:
        addressee = f"{row.to_user_name}\n{addressee}"
    cited = ""
    if message.cited_in_decision_id is not None:
        decision = session.get(Decision, message.cited_in_decision_id)
        if decision is not None and decision.number:
            cited = f"decyzja nr {decision.number}" + (
                f" z dnia {format_date(decision.issued_on)} r." if decision.issued_on else "")
    return render_message(MessageView(
        office=office_view(session), kind_label=row.kind_label, number=message.number,
        written_on=message.written_on, author_name=message.author.full_name,
        author_position=message.author.position, addressee=addressee,
        client_name=message.person.full_name, client_address=message.person.address or "—",
        case_sign=row.case_sign or "—", body=message.body, cited_in_decision=cited,
        automatic=message.automatic, texts=texts_in_force(session, "message.",
                                                          message.written_on)))


# --- rows -----------------------------------------------------------------------------------------


def _message(session: Session, message_id: int) -> CaseMessage:
    message = session.get(CaseMessage, message_id)
    if message is None:
        raise NotFound("Nie ma takiego pisma.")
    return message


def _rows(session: Session, *alternatives: ColumnElement[bool] | Share,
          limit: int = 500) -> list[MessageRow]:
    """The newest ``limit`` messages any of ``alternatives`` selects (a condition, or a
    ``Share``), each alternative's newest read backwards from its index no further than
    ``limit`` (one condition OR-ed of them read every message of a team before sorting).
    The addressees' and the authors' indexes hold all a line shows but the cited
    decision's number — the person's name and the case's sign are copied on the message —
    so neither the messages' bodies, two to a page, nor a page of ``persons`` or ``cases``
    per line is read. Only a cited decision is looked up."""
    m = CaseMessage
    line = (m.id, m.written_on, *(getattr(m, column) for column in LINE))
    parts = []
    for where, index in (a if isinstance(a, tuple) else (a, "") for a in alternatives):
        part = select(*line).where(where)
        if index:
            part = part.with_hint(m, index, "sqlite")
        parts.append(part.order_by(m.written_on.desc(), m.id.desc()).limit(limit).subquery())
    either = union_all(*(select(*part.c) for part in parts)).subquery()
    stmt = (select(either, Decision.number.label("decision_no"))
            .outerjoin(Decision, either.c.cited_in_decision_id == Decision.id)
            .order_by(either.c.written_on.desc(), either.c.id.desc()).limit(limit))
    return [MessageRow(
        id=r.id, number=r.number, kind=r.kind, kind_label=label(r.kind),
        person_id=r.person_id, person_name=r.person_name, case_id=r.case_id,
        case_sign=r.case_sign, author_id=r.author_id,
        author_name=worker_name(session, r.author_id),
        written_on=r.written_on, to_team=r.to_team, to_user_id=r.to_user_id,
        to_user_name=worker_name(session, r.to_user_id), read_at=r.read_at,
        read_by_name=worker_name(session, r.read_by_id),
        cited_in_decision_id=r.cited_in_decision_id, cited_decision_number=r.decision_no or "",
        automatic=r.automatic)
        for r in session.execute(stmt)]
