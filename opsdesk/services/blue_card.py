"""Niebieska Karta: the procedure of the ustawa o przeciwdziałaniu przemocy domowej (as
amended from 22 June 2023) and the rozporządzenie of 6 September 2023 (Dz.U. 2023 poz.
1870), as the centre keeps it — the NK-A form and who filled it in, its receipt by the
przewodniczący zespołu interdyscyplinarnego, the grupa diagnostyczno-pomocowa and its
meetings, the NK-C and NK-D forms, the closure. Each step has its deadline
(``rules.BLUE_CARD_PERIODS``, working days; unverified where marked there) and is "po
terminie" once missed.

Only the social work team and the head see it (``Permission.BLUE_CARD_READ``); every
opening of a procedure is recorded in the audit log.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from opsdesk import clock
from opsdesk.errors import ConflictError, NotFound, ValidationError
from opsdesk.formatting import format_date
from opsdesk.models import BlueCard, BlueCardMeeting, Person, User
from opsdesk.models.enums import AuditAction, Role
from opsdesk.services import rules
from opsdesk.services import validation as check
from opsdesk.services.audit import write_audit
from opsdesk.services.numbering import next_number
from opsdesk.services.permissions import Permission
from opsdesk.services.queue import Deadline
from opsdesk.services.security import Actor, operation

TEXT_MAX = 4000
CLOSURES: dict[str, str] = {
    "CEASED": "ustanie przemocy domowej i uzasadnione przypuszczenie, że nie będzie dalej "
              "stosowana, po realizacji planu pomocy",
    "UNFOUNDED": "rozstrzygnięcie o braku zasadności podejmowania działań",
}


# --- the deadlines -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """One step of the procedure: its deadline (None: none set) and the day it was done."""

    key: str
    label: str
    due: date | None
    done: date | None

    @property
    def deadline(self) -> Deadline | None:
        return Deadline(self.label, self.due) if self.due is not None else None

    def overdue(self, today: date) -> bool:
        return self.due is not None and self.done is None and self.due < today


def _after(day: date, key: str) -> date:
    return rules.working_days_after(day, rules.BLUE_CARD_PERIODS[key])


def steps(card: BlueCard, first_meeting: date | None) -> list[Step]:
    """The procedure's steps in order, each with its deadline and the day it was done."""
    result = []
    if card.filled_here:
        result.append(Step("to_chair", "przekazanie NK-A przewodniczącemu zespołu",
                           _after(card.initiated_on, "to_chair"), card.received_on))
    anchor = card.received_on
    result.append(Step("group", "utworzenie grupy diagnostyczno-pomocowej",
                       _after(anchor, "to_group") if anchor else None, card.group_formed_on))
    meeting_due = _after(anchor, "first_meeting") if anchor else None
    result.append(Step("meeting", "pierwsze posiedzenie grupy", meeting_due, first_meeting))
    result.append(Step("nk_c", "NK-C z osobą doznającą przemocy", meeting_due, card.nk_c_on))
    if card.suspect_name:
        result.append(Step("nk_d", "NK-D z osobą stosującą przemoc", card.nk_d_planned_on,
                           card.nk_d_on))
    return result


def next_step(all_steps: list[Step]) -> Step | None:
    """The earliest deadline still to keep."""
    waiting = [s for s in all_steps if s.done is None and s.due is not None]
    if not waiting:
        return None
    return min(waiting, key=lambda s: s.due or date.max)


# --- reading -----------------------------------------------------------------------------


@dataclass(frozen=True)
class CardRow:
    id: int
    number: str
    person_id: int
    person_name: str
    worker_id: int
    worker_name: str
    initiated_on: date
    closed_on: date | None
    next: Step | None
    version: int

    def status(self, today: date) -> str:
        if self.closed_on is not None:
            return f"zakończona {format_date(self.closed_on)}"
        if self.next is None:
            return "w toku"
        return self.next.deadline.text(today)  # type: ignore[union-attr]


@dataclass(frozen=True)
class MeetingRow:
    held_on: date
    with_victim: bool
    with_suspect: bool
    notes: str


@dataclass(frozen=True)
class CardDetail:
    row: CardRow
    initiated_by: str
    filled_here: bool
    suspect_name: str
    received_on: date | None
    group_formed_on: date | None
    group_members: str
    nk_c_on: date | None
    nk_d_on: date | None
    nk_d_planned_on: date | None
    closure: str
    notes: str
    steps: tuple[Step, ...]
    meetings: tuple[MeetingRow, ...]


def _first_meetings(session: Session, card_ids: list[int]) -> dict[int, date]:
    found: dict[int, date] = {}
    if card_ids:
        for cid, held in session.execute(
                select(BlueCardMeeting.blue_card_id, BlueCardMeeting.held_on)
                .where(BlueCardMeeting.blue_card_id.in_(card_ids))
                .order_by(BlueCardMeeting.held_on.desc())):
            found[cid] = held  # the earliest one wins
    return found


def _rows(session: Session, *where) -> list[CardRow]:  # noqa: ANN002 - SQL conditions
    worker = aliased(User)
    stmt = (select(BlueCard, Person.last_name, Person.first_name, worker.full_name)
            .join(Person, Person.id == BlueCard.person_id)
            .join(worker, worker.id == BlueCard.worker_id).where(*where))
    found = session.execute(stmt).all()
    meetings = _first_meetings(session, [c.id for c, *_ in found])
    rows = []
    for card, last, first, worker_name in found:
        following = None if card.closed_on else next_step(steps(card, meetings.get(card.id)))
        rows.append(CardRow(card.id, card.number, card.person_id, f"{last} {first}",
                            card.worker_id, worker_name, card.initiated_on, card.closed_on,
                            following, card.version))
    rows.sort(key=lambda r: (r.closed_on is not None,
                             r.next.due if r.next and r.next.due else date.max, r.number))
    return rows


@operation(Permission.BLUE_CARD_READ)
def cards(session: Session, *, actor: Actor, person_id: int | None = None,
          open_only: bool = False) -> list[CardRow]:
    """The procedures, the open ones with the nearest deadline first."""
    where = []
    if person_id is not None:
        where.append(BlueCard.person_id == person_id)
    if open_only:
        where.append(BlueCard.closed_on.is_(None))
    return _rows(session, *where)


def _card(session: Session, card_id: int, expected_version: int | None = None) -> BlueCard:
    card = session.get(BlueCard, card_id)
    if card is None:
        raise NotFound("Nie ma takiej procedury „Niebieska Karta”.")
    if expected_version is not None and card.version != expected_version:
        raise ConflictError({"closed_on": (card.closed_on, None)})
    return card


@operation(Permission.BLUE_CARD_READ)
def card_detail(session: Session, card_id: int, *, actor: Actor) -> CardDetail:
    card = _card(session, card_id)
    write_audit(session, actor.id, AuditAction.READ, "BlueCard", card.id, {})
    meetings = tuple(MeetingRow(m.held_on, m.with_victim, m.with_suspect, m.notes)
                     for m in card.meetings)
    first = meetings[0].held_on if meetings else None
    return CardDetail(_rows(session, BlueCard.id == card.id)[0], card.initiated_by,
                      card.filled_here, card.suspect_name, card.received_on,
                      card.group_formed_on, card.group_members, card.nk_c_on, card.nk_d_on,
                      card.nk_d_planned_on, card.closure, card.notes,
                      tuple(steps(card, first)), meetings)


@dataclass(frozen=True)
class CardDeadline:
    worker_id: int
    worker_name: str
    person_name: str
    number: str
    deadline: Deadline


def open_deadlines(session: Session) -> list[CardDeadline]:
    """Every deadline still to keep in the open procedures, for the head's deadlines of the
    centre (the caller holds the head's permission)."""
    found = []
    open_cards = _rows(session, BlueCard.closed_on.is_(None))
    by_id = {c.id: c for c in session.scalars(select(BlueCard).where(
        BlueCard.id.in_([r.id for r in open_cards])))} if open_cards else {}
    meetings = _first_meetings(session, list(by_id))
    for row in open_cards:
        for step in steps(by_id[row.id], meetings.get(row.id)):
            if step.done is None and step.deadline is not None:
                found.append(CardDeadline(row.worker_id, row.worker_name, row.person_name,
                                          row.number, step.deadline))
    return found


# --- writing ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CardForm:
    person_id: int
    initiated_on: date | None
    initiated_by: str
    filled_here: bool = False
    received_on: date | None = None
    suspect_name: str = ""
    worker_id: int | None = None  # None: the worker registering it
    notes: str = ""


def _not_before(day: date | None, earlier: date | None, *, field: str, what: str,
                than: str) -> None:
    if day is not None and earlier is not None and day < earlier:
        raise ValidationError(f"{what} nie może być wcześniejsza niż {than} "
                              f"({format_date(earlier)} r.).", field=field)


def _worker(session: Session, worker_id: int) -> int:
    worker = session.get(User, worker_id)
    if worker is None or not worker.active or not ({Role.SOCIAL_WORK, Role.HEAD}
                                                   & worker.role_set):
        raise ValidationError("Procedurę prowadzi pracownik socjalny.", field="worker")
    return worker.id


@operation(Permission.BLUE_CARD_WRITE)
def register_card(session: Session, form: CardForm, *, actor: Actor,
                  today: date | None = None) -> int:
    """The NK-A form: by whom it was filled in and when (the procedure starts then), and
    when it reached the przewodniczący zespołu — required unless this centre's worker filled
    it in and has still to hand it over."""
    today = today or clock.today()
    if session.get(Person, form.person_id) is None:
        raise NotFound("Nie ma takiej osoby w kartotece.")
    initiated = check.past_date(form.initiated_on, field="initiated_on", today=today,
                                label="Data wypełnienia formularza NK-A")
    assert initiated is not None
    by = check.text(form.initiated_by, field="initiated_by",
                    label="Kto wypełnił NK-A (służba, imię i nazwisko)", max_len=200)
    received = check.past_date(form.received_on, field="received_on", today=today,
                               label="Data otrzymania formularza NK-A",
                               required=not form.filled_here)
    _not_before(received, initiated, field="received_on", what="Data otrzymania NK-A",
                than="jego wypełnienie")
    card = BlueCard(
        number=f"NK/{next_number(session, 'blue_card', initiated.year)}/{initiated.year}",
        person_id=form.person_id, initiated_on=initiated, initiated_by=by,
        filled_here=form.filled_here, received_on=received,
        suspect_name=check.text(form.suspect_name, field="suspect_name",
                                label="Osoba stosująca przemoc", max_len=200, required=False),
        worker_id=_worker(session, form.worker_id or actor.id),
        notes=check.text(form.notes, field="notes", label="Uwagi", max_len=TEXT_MAX,
                         required=False))
    session.add(card)
    session.flush()
    return card.id


def _open(card: BlueCard) -> None:
    if card.closed_on is not None:
        raise ValidationError(f"Procedura {card.number} jest zakończona "
                              f"({format_date(card.closed_on)} r.).", field="closed_on")


@operation(Permission.BLUE_CARD_WRITE)
def record_received(session: Session, card_id: int, *, actor: Actor, on: date | None,
                    today: date | None = None, expected_version: int | None = None) -> None:
    """The form the centre's worker filled in reached the przewodniczący zespołu."""
    today = today or clock.today()
    card = _card(session, card_id, expected_version)
    _open(card)
    day = check.past_date(on, field="received_on", today=today,
                          label="Data przekazania NK-A przewodniczącemu")
    _not_before(day, card.initiated_on, field="received_on", what="Data przekazania NK-A",
                than="jego wypełnienie")
    card.received_on = day
    session.flush()


@operation(Permission.BLUE_CARD_WRITE)
def form_group(session: Session, card_id: int, *, actor: Actor, on: date | None,
               members: str, today: date | None = None,
               expected_version: int | None = None) -> None:
    """The grupa diagnostyczno-pomocowa: when it was formed and who is in it."""
    today = today or clock.today()
    card = _card(session, card_id, expected_version)
    _open(card)
    if card.received_on is None:
        raise ValidationError("Najpierw odnotuj przekazanie NK-A przewodniczącemu zespołu.",
                              field="received_on")
    day = check.past_date(on, field="group_formed_on", today=today,
                          label="Data utworzenia grupy")
    _not_before(day, card.received_on, field="group_formed_on",
                what="Data utworzenia grupy", than="otrzymanie NK-A")
    card.group_formed_on = day
    card.group_members = check.text(members, field="group_members",
                                    label="Skład grupy (osoby i instytucje)", max_len=TEXT_MAX)
    session.flush()


@operation(Permission.BLUE_CARD_WRITE)
def add_meeting(session: Session, card_id: int, *, actor: Actor, held_on: date | None,
                with_victim: bool = False, with_suspect: bool = False, notes: str = "",
                today: date | None = None) -> None:
    """A meeting of the group; the NK-C is filled in at the one with the person experiencing
    violence, the NK-D at the one with the suspected person."""
    today = today or clock.today()
    card = _card(session, card_id)
    _open(card)
    if card.group_formed_on is None:
        raise ValidationError("Najpierw odnotuj utworzenie grupy diagnostyczno-pomocowej.",
                              field="group_formed_on")
    day = check.past_date(held_on, field="held_on", today=today,
                          label="Data posiedzenia")
    _not_before(day, card.group_formed_on, field="held_on", what="Data posiedzenia",
                than="utworzenie grupy")
    if with_suspect and with_victim:
        raise ValidationError("Z osobą doznającą przemocy i z osobą stosującą przemoc grupa "
                              "spotyka się osobno.", field="with_suspect")
    card.meetings.append(BlueCardMeeting(
        held_on=day, with_victim=with_victim, with_suspect=with_suspect,
        notes=check.text(notes, field="notes", label="Ustalenia", max_len=TEXT_MAX,
                         required=False)))
    if with_victim and card.nk_c_on is None:
        card.nk_c_on = day
    if with_suspect and card.nk_d_on is None:
        card.nk_d_on = day
    session.flush()


@operation(Permission.BLUE_CARD_WRITE)
def plan_nk_d(session: Session, card_id: int, *, actor: Actor, on: date | None,
              today: date | None = None, expected_version: int | None = None) -> None:
    """The day the suspected person is summoned to the group (the NK-D's deadline); a day
    a colleague set since the card was read is shown, not written over."""
    today = today or clock.today()
    card = _card(session, card_id, expected_version)
    _open(card)
    if not card.suspect_name:
        raise ValidationError("W procedurze nie wskazano osoby stosującej przemoc.",
                              field="suspect_name")
    if on is None or on < today:
        raise ValidationError("Podaj przyszły termin wezwania.", field="nk_d_planned_on")
    card.nk_d_planned_on = on
    session.flush()


@operation(Permission.BLUE_CARD_WRITE)
def close_card(session: Session, card_id: int, *, actor: Actor, on: date | None,
               closure: str, today: date | None = None,
               expected_version: int | None = None) -> None:
    today = today or clock.today()
    card = _card(session, card_id, expected_version)
    _open(card)
    if closure not in CLOSURES:
        raise ValidationError("Wybierz, dlaczego procedura się kończy.", field="closure")
    day = check.past_date(on, field="closed_on", today=today, label="Data zakończenia")
    _not_before(day, card.received_on or card.initiated_on, field="closed_on",
                what="Data zakończenia", than="rozpoczęcie procedury")
    if closure == "CEASED" and card.nk_c_on is None:
        raise ValidationError("Zakończenie po ustaniu przemocy wymaga wypełnionej NK-C "
                              "i planu pomocy.", field="closure")
    card.closed_on, card.closure = day, closure
    session.flush()


__all__ = ["CLOSURES", "CardDeadline", "CardDetail", "CardForm", "CardRow", "Step",
           "add_meeting", "card_detail", "cards", "close_card", "form_group",
           "next_step", "open_deadlines", "plan_nk_d", "record_received", "register_card",
           "steps"]
