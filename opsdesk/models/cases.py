"""The first-contact records: intakes, cases with their signs, applications, certificates,
appointments, and the documents waiting for clients at the desk."""

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from opsdesk.models.base import Base, Timestamped, Versioned, enum_column
from opsdesk.models.enums import (
    AppointmentStatus,
    BenefitKind,
    CaseKind,
    CaseStatus,
    Channel,
    DeadlineKind,
    DocumentKind,
    IntakeStatus,
    ReporterKind,
    Team,
)
from opsdesk.models.people import Person
from opsdesk.models.users import User


class Intake(Versioned, Timestamped, Base):
    """Zgłoszenie: a difficult situation reported at the desk."""

    __tablename__ = "intakes"

    id: Mapped[int] = mapped_column(primary_key=True)
    received_at: Mapped[datetime]
    received_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    reporter_kind: Mapped[ReporterKind] = enum_column(ReporterKind)
    reporter_name: Mapped[str] = mapped_column(String(200), default="")
    channel: Mapped[Channel] = enum_column(Channel)
    problem: Mapped[str] = mapped_column(Text)
    urgent: Mapped[bool] = mapped_column(default=False)
    status: Mapped[IntakeStatus] = enum_column(IntakeStatus, index=True)
    routed_to_benefits: Mapped[bool] = mapped_column(default=False)
    routed_to_social_work: Mapped[bool] = mapped_column(default=False)
    outcome: Mapped[str] = mapped_column(Text, default="")
    closed_at: Mapped[datetime | None]

    person: Mapped[Person] = relationship()
    received_by: Mapped[User] = relationship()


class Case(Versioned, Timestamped, Base):
    """Sprawa with its sign (GOPS.8311.12.2026); a BENEFIT case is the administrative
    proceeding on an application."""

    __tablename__ = "cases"
    __table_args__ = (UniqueConstraint("year", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sign: Mapped[str] = mapped_column(String(60), unique=True)
    year: Mapped[int]
    number: Mapped[int]
    kind: Mapped[CaseKind] = enum_column(CaseKind)
    team: Mapped[Team] = enum_column(Team)
    status: Mapped[CaseStatus] = enum_column(CaseStatus, index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    intake_id: Mapped[int | None] = mapped_column(ForeignKey("intakes.id"))
    assigned_to_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    started_on: Mapped[date]  # the day the application reached the office (kpa art. 35)
    learned_on: Mapped[date]  # the day the centre learned of the need (interview deadline)
    urgent: Mapped[bool] = mapped_column(default=False)
    complicated: Mapped[bool] = mapped_column(default=False)
    subject: Mapped[str] = mapped_column(String(300), default="")
    closed_on: Mapped[date | None]

    person: Mapped[Person] = relationship()
    assigned_to: Mapped[User | None] = relationship()
    applications: Mapped[list["Application"]] = relationship(back_populates="case")


class CaseDeadline(Base):
    """What keeps a benefit case in Świadczenia's queue: a deadline (or, ``DECIDED``, the
    day of its latest decision), worked out again before the commit of every change to what
    it comes from (services/deadline_store.py), with the case's line of the queue beside
    it. It does not depend on the day: the queue picks the rows due, so it never works out
    ten years of cases at a refresh."""

    __tablename__ = "case_deadlines"
    # The queue reads its rows, case line and all, from ``ix_case_deadlines_queue`` alone:
    # by kind, then an update's running benefit, then the date, each part of the queue is
    # one range of it holding only what the queue shows — on a network drive a few dozen
    # pages, not a page of ``cases`` and of ``persons`` for each of a couple of thousand
    # rows. ``ix_case_deadlines_case_id`` finds a case's rows to work them out again.
    __table_args__ = (Index("ix_case_deadlines_queue", "kind", "until", "due", "case_id",
                            "benefit_kind", "case_sign", "case_kind", "case_status",
                            "case_urgent", "case_subject", "assigned_to_id", "case_version",
                            "person_id", "person_name"),
                      Index("ix_case_deadlines_case_id", "case_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    kind: Mapped[DeadlineKind] = enum_column(DeadlineKind)
    due: Mapped[date]
    # An interview update counts while its benefit runs (None: open-ended).
    until: Mapped[date | None]
    benefit_kind: Mapped[BenefitKind | None] = enum_column(BenefitKind)  # of an update or an end
    # The case's line of the queue as at the last change to the case or its party: copies,
    # written only by the store, so no keys of their own.
    case_sign: Mapped[str] = mapped_column(String(60))
    case_kind: Mapped[CaseKind] = enum_column(CaseKind)
    case_status: Mapped[CaseStatus] = enum_column(CaseStatus)
    case_urgent: Mapped[bool]
    case_subject: Mapped[str] = mapped_column(String(300))
    assigned_to_id: Mapped[int | None]
    case_version: Mapped[int]
    person_id: Mapped[int]
    person_name: Mapped[str] = mapped_column(String(250))  # "Surname First-name"


class Application(Versioned, Timestamped, Base):
    """Wniosek: what the client asks for; opens a BENEFIT case."""

    __tablename__ = "applications"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    filed_on: Mapped[date]
    benefit_kind: Mapped[BenefitKind] = enum_column(BenefitKind)
    channel: Mapped[Channel] = enum_column(Channel)
    description: Mapped[str] = mapped_column(Text, default="")
    registered_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))

    case: Mapped[Case] = relationship(back_populates="applications")


class Certificate(Timestamped, Base):
    """Zaświadczenie, with its number in the register of issued certificates."""

    __tablename__ = "certificates"
    # A year's register from the index alone: the rows hold each certificate's whole text.
    __table_args__ = (UniqueConstraint("year", "seq"),
                      Index("ix_certificates_register", "year", "seq", "id", "number",
                            "issued_on", "person_name", "purpose", "issued_by_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(40), unique=True)
    year: Mapped[int]
    seq: Mapped[int]
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    # The person's name as the register shows it ("First Last"), kept by
    # services/name_copies.py: a year's register reads no page of ``persons``.
    person_name: Mapped[str] = mapped_column(String(250), default="")
    issued_on: Mapped[date]
    purpose: Mapped[str] = mapped_column(String(300))
    content: Mapped[str] = mapped_column(Text)
    issued_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))

    person: Mapped[Person] = relationship()
    issued_by: Mapped[User] = relationship()


class Appointment(Versioned, Timestamped, Base):
    __tablename__ = "appointments"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    person_name: Mapped[str] = mapped_column(String(250), default="")  # "First Last", kept
    worker_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    starts_at: Mapped[datetime] = mapped_column(index=True)
    purpose: Mapped[str] = mapped_column(String(300), default="")
    status: Mapped[AppointmentStatus] = enum_column(AppointmentStatus)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))

    person: Mapped[Person] = relationship()
    worker: Mapped[User] = relationship(foreign_keys=[worker_id])


class Handover(Versioned, Timestamped, Base):
    """A document waiting at the desk ("Do odbioru"); "Wydano" records the hand-over,
    which for a decision is the delivery date the appeal period runs from."""

    __tablename__ = "handovers"
    # "Do odbioru" with the handed-over ones too: the newest first, of ten years' worth.
    __table_args__ = (Index("ix_handovers_created_at", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_kind: Mapped[DocumentKind] = enum_column(DocumentKind)
    document_id: Mapped[int]
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    person_name: Mapped[str] = mapped_column(String(250), default="")  # "Last First", kept
    title: Mapped[str] = mapped_column(String(300))
    handed_on: Mapped[date | None] = mapped_column(index=True)
    handed_to: Mapped[str] = mapped_column(String(200), default="")
    id_document: Mapped[str] = mapped_column(String(40), default="")
    handed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    person: Mapped[Person] = relationship()
    handed_by: Mapped[User | None] = relationship()
