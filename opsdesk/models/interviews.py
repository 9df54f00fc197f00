"""The family interview (rodzinny wywiad środowiskowy) for the proceedings, and incomes."""

from datetime import date
from decimal import Decimal

from sqlalchemy import ForeignKey, Index, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from opsdesk.models.base import Base, Timestamped, Versioned, enum_column
from opsdesk.models.enums import IncomeSource, InterviewKind, Relation
from opsdesk.models.people import Person


class Interview(Versioned, Timestamped, Base):
    __tablename__ = "interviews"
    # A person's interviews by date: the latest one, and whether an update is due.
    # A case's interviews, whether one is completed read from the index (the kept deadlines).
    __table_args__ = (Index("ix_interviews_person_completed_on", "person_id", "completed",
                            "carried_out_on"),
                      Index("ix_interviews_case_id", "case_id", "completed"))

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"))
    kind: Mapped[InterviewKind] = enum_column(InterviewKind)
    carried_out_on: Mapped[date | None]
    carried_out_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    income_month: Mapped[date | None]  # first day of the month whose income counts (art. 8 ust. 3)
    income_lost: Mapped[bool] = mapped_column(default=False)
    single: Mapped[bool] = mapped_column(default=False)
    # Hektary przeliczeniowe are stated to four decimal places.
    farm_hectares: Mapped[Decimal] = mapped_column(Numeric(10, 4), default=Decimal("0"))
    reasons: Mapped[str] = mapped_column(String(400), default="")  # art. 7 codes, comma-separated
    needs: Mapped[str] = mapped_column(Text, default="")  # segment H
    diagnosis: Mapped[str] = mapped_column(Text, default="")  # segment I
    plan: Mapped[str] = mapped_column(Text, default="")  # segment J
    notes: Mapped[str] = mapped_column(Text, default="")
    refused: Mapped[bool] = mapped_column(default=False)
    # Another title to health insurance (art. 66 uśoz): None until asked; a zasiłek stały
    # recipient with none is registered by the centre (services/contributions.py).
    health_insured_elsewhere: Mapped[bool | None]
    health_insurance_note: Mapped[str] = mapped_column(String(200), default="")
    completed: Mapped[bool] = mapped_column(default=False)

    members: Mapped[list["InterviewMember"]] = relationship(
        cascade="all, delete-orphan", order_by="InterviewMember.id"
    )
    incomes: Mapped[list["Income"]] = relationship(
        cascade="all, delete-orphan", order_by="Income.id"
    )


class InterviewMember(Base):
    """The household as it was on the day of the interview."""

    __tablename__ = "interview_members"

    id: Mapped[int] = mapped_column(primary_key=True)
    interview_id: Mapped[int] = mapped_column(ForeignKey("interviews.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"))
    relation: Mapped[Relation] = enum_column(Relation)

    person: Mapped[Person] = relationship()


class Income(Base):
    """One member's income from one source for the interview's month, with deductions."""

    __tablename__ = "incomes"

    id: Mapped[int] = mapped_column(primary_key=True)
    interview_id: Mapped[int] = mapped_column(ForeignKey("interviews.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"))
    source: Mapped[IncomeSource] = enum_column(IncomeSource)
    gross: Mapped[Decimal]
    tax: Mapped[Decimal] = mapped_column(default=Decimal("0"))
    contributions: Mapped[Decimal] = mapped_column(default=Decimal("0"))
    alimony_paid: Mapped[Decimal] = mapped_column(default=Decimal("0"))
    note: Mapped[str] = mapped_column(String(200), default="")

    @property
    def net(self) -> Decimal:
        return self.gross - self.tax - self.contributions - self.alimony_paid
