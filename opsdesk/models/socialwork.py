"""Social work as a methodical process, social contracts, services and other tasks."""

from datetime import date
from decimal import Decimal

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from opsdesk.models.base import Base, Timestamped, Versioned, enum_column
from opsdesk.models.enums import (
    BenefitKind,
    ContractStatus,
    ProviderKind,
    ServiceCategory,
    ServiceStatus,
    SocialWorkMethod,
    SocialWorkSource,
    SocialWorkStage,
    SocialWorkStatus,
    TargetGroup,
    TaskKind,
    TaskStatus,
)
from opsdesk.models.people import Person
from opsdesk.models.users import User

# What a caseload line shows, beside the index's keys.
CASELOAD_LINE = ("id", "person_id", "source", "referred_on", "report_by", "first_meeting_on",
                 "stage", "evaluation_due", "case_id", "case_sign", "person_name", "version")


class SocialWorkCase(Versioned, Timestamped, Base):
    """A client in the social worker's caseload, from routing or a benefits referral."""

    __tablename__ = "social_work_cases"
    # The open clients — a worker's, the team's waiting, the centre's — read from the index
    # by state alone (the caseload's columns, the person's name and the proceeding's sign
    # copied on the row): on a network drive no page of the wide rows, of ``persons`` or of
    # ``cases``. By worker first: all of a worker's clients, closed ones too.
    __table_args__ = (Index("ix_social_work_cases_worker_id", "worker_id", "status"),
                      Index("ix_social_work_cases_status", "status", "worker_id",
                            *CASELOAD_LINE))

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    source: Mapped[SocialWorkSource] = enum_column(SocialWorkSource)
    intake_id: Mapped[int | None] = mapped_column(ForeignKey("intakes.id"))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"))  # the proceeding
    case_sign: Mapped[str] = mapped_column(String(60), default="")  # its sign, set with it
    person_name: Mapped[str] = mapped_column(String(250), default="")  # services/name_copies
    referral_message_id: Mapped[int | None]
    status: Mapped[SocialWorkStatus] = enum_column(SocialWorkStatus)
    worker_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    referred_on: Mapped[date]
    report_by: Mapped[date | None]  # the client should come by this day
    first_meeting_on: Mapped[date | None]  # the diagnosis starts with the first meeting
    stage: Mapped[SocialWorkStage] = enum_column(SocialWorkStage)
    plan_on: Mapped[date | None]  # the day each later stage began
    work_on: Mapped[date | None]
    evaluation_on: Mapped[date | None]
    method: Mapped[SocialWorkMethod] = enum_column(SocialWorkMethod)
    tools: Mapped[str] = mapped_column(String(300), default="")
    goals: Mapped[str] = mapped_column(Text, default="")
    goals_agreed_on: Mapped[date | None]  # the goals are the client's as much as the worker's
    evaluation_due: Mapped[date | None]  # when the plan is to be evaluated
    closed_on: Mapped[date | None]
    outcome: Mapped[str] = mapped_column(Text, default="")

    person: Mapped[Person] = relationship()
    worker: Mapped[User | None] = relationship()
    notes: Mapped[list["SocialWorkNote"]] = relationship(
        cascade="all, delete-orphan", order_by="SocialWorkNote.written_on"
    )


class SocialWorkNote(Timestamped, Base):
    """Visible to the social work team and the head only — never to benefits."""

    __tablename__ = "social_work_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    social_work_id: Mapped[int] = mapped_column(ForeignKey("social_work_cases.id"), index=True)
    stage: Mapped[SocialWorkStage] = enum_column(SocialWorkStage)
    written_on: Mapped[date]
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    text: Mapped[str] = mapped_column(Text)


class SocialContract(Versioned, Timestamped, Base):
    """Kontrakt socjalny."""

    __tablename__ = "social_contracts"
    # The running contracts' final evaluations, from the index alone (the head's deadlines).
    __table_args__ = (Index("ix_social_contracts_status", "status", "worker_id", "number",
                            "period_to", "person_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(40), unique=True)
    social_work_id: Mapped[int] = mapped_column(ForeignKey("social_work_cases.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    person_name: Mapped[str] = mapped_column(String(250), default="")  # services/name_copies
    worker_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    concluded_on: Mapped[date]
    period_from: Mapped[date]
    period_to: Mapped[date]
    # I. Ocena sytuacji (the model's diagnosis: problems, resources, limitations).
    situation: Mapped[str] = mapped_column(Text, default="", server_default="")
    goals: Mapped[str] = mapped_column(Text)  # one per line, the first the main goal
    client_commitments: Mapped[str] = mapped_column(Text)
    worker_commitments: Mapped[str] = mapped_column(Text)
    review_dates: Mapped[str] = mapped_column(String(200), default="")  # ISO dates, comma-separated
    status: Mapped[ContractStatus] = enum_column(ContractStatus)
    evaluation: Mapped[str] = mapped_column(Text, default="")
    ended_on: Mapped[date | None]

    person: Mapped[Person] = relationship()
    actions: Mapped[list["ContractAction"]] = relationship(
        cascade="all, delete-orphan", order_by="ContractAction.position")
    annexes: Mapped[list["ContractAnnex"]] = relationship(
        cascade="all, delete-orphan", order_by="ContractAnnex.number")


class ContractAnnex(Timestamped, Base):
    """Aneks do kontraktu: a change of a contract in force, numbered within it."""

    __tablename__ = "social_contract_annexes"
    __table_args__ = (UniqueConstraint("contract_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("social_contracts.id"), index=True)
    number: Mapped[int]
    made_on: Mapped[date]
    changes: Mapped[str] = mapped_column(Text)
    new_period_to: Mapped[date | None]  # the contract prolonged or shortened
    old_period_to: Mapped[date]  # what it was before, kept for the record


class ContractAction(Base):
    """III. Działania: what is done, by whom (the client, the worker, another person or
    institution) and by when; an annex may add some."""

    __tablename__ = "social_contract_actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("social_contracts.id"), index=True)
    annex_id: Mapped[int | None] = mapped_column(ForeignKey("social_contract_annexes.id"))
    position: Mapped[int]
    what: Mapped[str] = mapped_column(Text)
    who: Mapped[str] = mapped_column(String(200))
    due_on: Mapped[date]


class ServiceCatalogItem(Versioned, Base):
    """The centre's catalogue of services by target group (seed 001), editable by the head."""

    __tablename__ = "service_catalog"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    target_group: Mapped[TargetGroup] = enum_column(TargetGroup)
    category: Mapped[ServiceCategory] = enum_column(ServiceCategory)
    needs_decision: Mapped[bool] = mapped_column(default=False)
    # The benefit the decision grants, when one is needed (care services, meal, DPS…).
    benefit_kind: Mapped[BenefitKind | None] = enum_column(BenefitKind)
    active: Mapped[bool] = mapped_column(default=True)


class ServicePlan(Versioned, Timestamped, Base):
    __tablename__ = "service_plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    social_work_id: Mapped[int | None] = mapped_column(ForeignKey("social_work_cases.id"))
    catalog_item_id: Mapped[int] = mapped_column(ForeignKey("service_catalog.id"))
    provider_kind: Mapped[ProviderKind] = enum_column(ProviderKind)
    provider: Mapped[str] = mapped_column(String(200), default="")
    units: Mapped[Decimal]
    unit_name: Mapped[str] = mapped_column(String(40), default="godz.")
    period_from: Mapped[date]
    period_to: Mapped[date]
    unit_cost: Mapped[Decimal]
    client_fee: Mapped[Decimal] = mapped_column(default=Decimal("0"))
    status: Mapped[ServiceStatus] = enum_column(ServiceStatus)
    decision_case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"))
    decision_id: Mapped[int | None] = mapped_column(ForeignKey("decisions.id"))
    decision_number: Mapped[str] = mapped_column(String(40), default="")
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))

    catalog_item: Mapped[ServiceCatalogItem] = relationship()
    person: Mapped[Person] = relationship()


class SocialTask(Versioned, Timestamped, Base):
    """Other social-work tasks kept simply: Niebieska Karta, asystent rodziny, CIS/KIS,
    mental-health-act tasks."""

    __tablename__ = "social_tasks"
    # The open tasks' deadlines, from the index alone (the head's deadlines).
    __table_args__ = (Index("ix_social_tasks_open", "status", "due_on", "worker_id", "kind",
                            "person_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    person_name: Mapped[str] = mapped_column(String(250), default="")  # services/name_copies
    kind: Mapped[TaskKind] = enum_column(TaskKind)
    worker_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    started_on: Mapped[date]
    due_on: Mapped[date | None]
    ended_on: Mapped[date | None]
    status: Mapped[TaskStatus] = enum_column(TaskStatus)
    description: Mapped[str] = mapped_column(Text, default="")
