"""The benefits team's other tasks (seed 001): an interview for another centre or a PCPR, a
referral to and placement in a DPS, a court's request to name a guardian candidate,
confirmation of actual care for renta socjalna, preparatory proceedings for other
municipal benefits. Each is a case of its own kind with one record of what was asked, by
whom, by when, and how it was answered."""

from datetime import date
from decimal import Decimal

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from opsdesk.models.base import Base, Timestamped, Versioned
from opsdesk.models.cases import Case


class OtherTask(Versioned, Timestamped, Base):
    __tablename__ = "other_tasks"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), unique=True)
    # Who asks, or to whom the answer goes: a centre, a PCPR, a court, ZUS, the town hall.
    institution: Mapped[str] = mapped_column(String(300))
    institution_address: Mapped[str] = mapped_column(String(300), default="")
    their_reference: Mapped[str] = mapped_column(String(100), default="")  # znak, sygnatura
    received_on: Mapped[date]
    due_on: Mapped[date | None]
    # What exactly is asked for: the benefit of preparatory proceedings, the guardianship
    # of a minor or of a person totally incapacitated.
    subject_kind: Mapped[str] = mapped_column(String(40), default="")
    request: Mapped[str] = mapped_column(Text, default="")
    # Sent back, answered, confirmed, handed over: the day of the letter, which carries the
    # case's sign as its reference.
    done_on: Mapped[date | None]
    outcome: Mapped[str] = mapped_column(Text, default="")
    # An interview for another office: the interview record itself.
    interview_id: Mapped[int | None] = mapped_column(ForeignKey("interviews.id"))
    # DPS (art. 59–61 ups): the home, its monthly cost, the fee shares and the placement.
    dps_name: Mapped[str] = mapped_column(String(200), default="")
    dps_monthly_cost: Mapped[Decimal | None]
    resident_income: Mapped[Decimal | None]
    family_income: Mapped[Decimal | None]
    family_persons: Mapped[int | None]
    resident_fee: Mapped[Decimal | None]
    family_fee: Mapped[Decimal | None]
    gmina_fee: Mapped[Decimal | None]
    fees_counted_on: Mapped[date | None]
    placed_on: Mapped[date | None]

    case: Mapped[Case] = relationship()
