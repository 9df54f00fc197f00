"""The rest of the desk's work: certificates with their register, appointments, and
"Do odbioru" — documents waiting for clients, handed over with a record of who took them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from opsdesk import clock
from opsdesk.errors import ConflictError, NotFound, ValidationError
from opsdesk.models import Appointment, Certificate, Decision, Handover, Person, User
from opsdesk.models.enums import AppointmentStatus, AuditAction, DeliveryMethod, DocumentKind
from opsdesk.reports.certificate import render_certificate
from opsdesk.reports.views import CertificateView
from opsdesk.services import person_search, rules
from opsdesk.services import validation as check
from opsdesk.services.audit import write_audit
from opsdesk.services.numbering import next_number
from opsdesk.services.office import get_office, office_view
from opsdesk.services.permissions import Permission
from opsdesk.services.search import fold
from opsdesk.services.security import Actor, operation
from opsdesk.services.templates import texts_in_force


def add_handover(session: Session, *, kind: DocumentKind, document_id: int, person_id: int,
                 title: str) -> Handover:
    """Put a document on the desk's "Do odbioru" list."""
    handover = Handover(document_kind=kind, document_id=document_id, person_id=person_id,
                        title=title[:300])
    session.add(handover)
    session.flush()
    return handover


@operation(Permission.CERTIFICATE_ISSUE)
def issue_certificate(session: Session, *, actor: Actor, person_id: int, purpose: str,
                      content: str = "", today: date | None = None) -> int:
    """Zaświadczenie (kpa art. 217): its statement is built from the records; ``content`` is
    a remark of the worker added to it (or, with no benefit on file, a fact that claims no
    benefit)."""
    today = today or clock.today()
    person = session.get(Person, person_id)
    if person is None:
        raise NotFound("Nie ma takiej osoby w kartotece.")
    purpose = check.text(purpose, field="purpose", label="Cel zaświadczenia", max_len=300)
    remarks = check.text(content, field="content", label="Uwagi do treści", max_len=3000,
                         required=False)
    # kpa art. 218 § 1: only what the records show. Imported here: the decisions' package
    # hands its documents over at this desk, so it imports this module first.
    from opsdesk.services.certificates import certificate_content
    content = certificate_content(session, person_id, today, remarks)
    seq = next_number(session, "CERTIFICATE", today.year)
    cert = Certificate(number=f"ZAŚ.{seq}.{today.year}", year=today.year, seq=seq,
                       person_id=person_id, issued_on=today, purpose=purpose, content=content,
                       issued_by_id=actor.id)
    session.add(cert)
    session.flush()
    add_handover(session, kind=DocumentKind.CERTIFICATE, document_id=cert.id,
                 person_id=person_id, title=f"Zaświadczenie nr {cert.number}")
    return cert.id


@dataclass(frozen=True)
class CertificateRow:
    id: int
    number: str
    issued_on: date
    person_name: str
    purpose: str
    issued_by: str


@operation(Permission.CERTIFICATE_ISSUE)
def certificate_register(session: Session, *, actor: Actor, year: int) -> list[CertificateRow]:
    # Columns, not whole records: a year's register holds a couple of thousand lines.
    # Each line carries its person's name (services/name_copies.py).
    stmt = (select(Certificate.id, Certificate.number, Certificate.issued_on,
                   Certificate.person_name, Certificate.purpose, User.full_name)
            .join(User, Certificate.issued_by_id == User.id)
            .where(Certificate.year == year).order_by(Certificate.seq))
    return [CertificateRow(*row) for row in session.execute(stmt)]


@operation(Permission.CERTIFICATE_ISSUE)
def certificate_pdf(session: Session, certificate_id: int, *, actor: Actor) -> bytes:
    cert = session.get(Certificate, certificate_id)
    if cert is None:
        raise NotFound("Nie ma takiego zaświadczenia.")
    write_audit(session, actor.id, AuditAction.PRINT, "Certificate", cert.id, {})
    return render_certificate(CertificateView(
        office=office_view(session, cert.issued_on), number=cert.number, issued_on=cert.issued_on,
        person_name=cert.person.full_name, pesel=cert.person.pesel or "",
        address=cert.person.address, purpose=cert.purpose, content=cert.content,
        issued_by_name=cert.issued_by.full_name, issued_by_position=cert.issued_by.position,
        # A worker other than the head certifies on the head's authority.
        on_behalf=cert.issued_by.full_name != get_office(session).head_name,
        texts=texts_in_force(session, "certificate.", cert.issued_on)))


@dataclass(frozen=True)
class HandoverRow:
    id: int
    title: str
    kind: DocumentKind
    document_id: int
    person_id: int
    person_name: str
    waiting_since: date
    handed_on: date | None
    handed_to: str
    version: int


@operation(Permission.HANDOVER)
def waiting_documents(session: Session, *, actor: Actor, include_handed: bool = False,
                      query: str = "") -> list[HandoverRow]:
    """What waits at the desk; ``query``: every word in the person's name, PESEL or
    address, or in the document's title (its number)."""
    stmt = select(Handover)
    indexed = person_search.usable(session)
    words = [(typed, fold(typed)) for typed in query.split()[:5]]
    # Each row carries its person's name: the person is read only for a short word or
    # where there is no search index (services/person_search.py).
    if any(not indexed or len(word) < 3 for _typed, word in words):
        stmt = stmt.join(Person, Handover.person_id == Person.id)
    for typed, word in words:
        person: ColumnElement[bool]
        if indexed and len(word) >= 3:  # search_text holds the PESEL too
            person = Handover.person_id.in_(person_search.persons_with(word))
        else:
            person = or_(Person.search_text.contains(word, autoescape=True),
                         Person.pesel.startswith(word, autoescape=True))
        stmt = stmt.where(or_(person, Handover.title.icontains(typed, autoescape=True)))
    if include_handed:  # the newest first: of ten years, the oldest thousand would show
        stmt = stmt.order_by(Handover.created_at.desc(), Handover.id.desc())
    else:  # what waits, the longest waiting first
        stmt = stmt.where(Handover.handed_on.is_(None)).order_by(Handover.created_at,
                                                                  Handover.id)
    stmt = stmt.limit(1000)
    return [HandoverRow(h.id, h.title, h.document_kind, h.document_id, h.person_id,
                        h.person_name, h.created_at.date(), h.handed_on, h.handed_to, h.version)
            for h in session.scalars(stmt)]


@operation(Permission.HANDOVER)
def hand_over(session: Session, handover_id: int, *, actor: Actor, handed_to: str,
              id_document: str = "", expected_version: int | None = None,
              on: date | None = None) -> None:
    """"Wydano": for a decision the hand-over day is its delivery, from which the appeal
    period runs (kpa art. 129 § 2)."""
    handover = session.get(Handover, handover_id)
    if handover is None:
        raise NotFound("Nie ma takiego dokumentu do odbioru.")
    if expected_version is not None and handover.version != expected_version:
        raise ConflictError({"handed_on": (handover.handed_on, None)})
    if handover.handed_on is not None:
        raise ValidationError(f"Ten dokument wydano już {handover.handed_on:%d.%m.%Y} "
                              f"({handover.handed_to}).", field="handed_to")
    handover.handed_to = check.text(handed_to, field="handed_to", max_len=200,
                                    label="Komu wydano")
    handover.id_document = check.text(id_document, field="id_document", max_len=40,
                                      label="Dokument tożsamości", required=False)
    handover.handed_on = on or clock.today()
    handover.handed_by_id = actor.id
    if handover.document_kind is DocumentKind.DECISION:
        decision = session.get(Decision, handover.document_id)
        # The delivery register (kpa art. 39 § 1: in the organ's building); the first
        # delivery counts.
        if decision is not None and decision.delivered_on is None:
            decision.delivered_on = handover.handed_on
            decision.delivery_method = DeliveryMethod.HANDED_OVER
    session.flush()


@dataclass(frozen=True)
class AppointmentRow:
    id: int
    starts_at: datetime
    person_name: str
    worker_name: str
    purpose: str
    status: AppointmentStatus


@operation(Permission.APPOINTMENT_WRITE)
def make_appointment(session: Session, *, actor: Actor, person_id: int, worker_id: int,
                     starts_at: datetime, purpose: str, now: datetime | None = None) -> int:
    now = now or clock.now()
    if session.get(Person, person_id) is None:
        raise NotFound("Nie ma takiej osoby w kartotece.")
    worker = session.get(User, worker_id)
    if worker is None or not worker.active:
        raise ValidationError("Wybierz aktywnego pracownika.", field="worker")
    if starts_at < now:
        raise ValidationError("Termin spotkania nie może być w przeszłości.", field="starts_at")
    office = get_office(session)
    opens, closes = (time.fromisoformat(office.opens_at), time.fromisoformat(office.closes_at))
    if not rules.is_working_day(starts_at.date()) or not opens <= starts_at.time() < closes:
        raise ValidationError(f"Ośrodek przyjmuje w dni robocze {office.opens_at}–"
                              f"{office.closes_at}.", field="starts_at")
    clash = session.scalar(select(Appointment.id).where(
        Appointment.worker_id == worker_id, Appointment.starts_at == starts_at,
        Appointment.status == AppointmentStatus.PLANNED))
    if clash:
        raise ValidationError(f"{worker.full_name} ma już spotkanie o tej godzinie.",
                              field="starts_at")
    appointment = Appointment(person_id=person_id, worker_id=worker_id, starts_at=starts_at,
                              purpose=check.text(purpose, field="purpose", label="Cel spotkania",
                                                 max_len=300),
                              status=AppointmentStatus.PLANNED, created_by_id=actor.id)
    session.add(appointment)
    session.flush()
    return appointment.id


@operation(Permission.APPOINTMENT_WRITE)
def upcoming_appointments(session: Session, *, actor: Actor, since: datetime | None = None,
                          worker_id: int | None = None) -> list[AppointmentRow]:
    since = since or datetime.combine(clock.today(), time())
    stmt = (select(Appointment, User.full_name)
            .join(User, Appointment.worker_id == User.id)
            .where(Appointment.starts_at >= since,
                   Appointment.status == AppointmentStatus.PLANNED)
            .order_by(Appointment.starts_at).limit(500))
    if worker_id is not None:
        stmt = stmt.where(Appointment.worker_id == worker_id)
    return [AppointmentRow(a.id, a.starts_at, a.person_name, worker, a.purpose, a.status)
            for a, worker in session.execute(stmt)]
