"""The decision confirming the right to publicly funded health care (art. 54 uśoz): an
uninsured person under the art. 8 ups threshold, after a family interview, for 90 days from
the day the decision names, ending early when the person becomes insured."""

from datetime import date
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from opsdesk.models.base import Base, Timestamped, Versioned


class Requester(StrEnum):
    PERSON = "PERSON"
    PROVIDER = "PROVIDER"  # a hospital or clinic, after treating the person


class HealthCareDecision(Versioned, Timestamped, Base):
    """One application and its decision. Numbered from the decisions' shared counter, so a
    number never repeats across this table and ``decisions``."""

    __tablename__ = "health_care_decisions"
    __table_args__ = (UniqueConstraint("year", "seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), unique=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    # Who asked: the person, or a provider (hospital, clinic) after treating them.
    requested_by: Mapped[str] = mapped_column(String(10))  # PERSON or PROVIDER
    provider_name: Mapped[str] = mapped_column(String(200), default="")
    treated_on: Mapped[date | None]  # the provider's treatment (stan nagły)
    applied_on: Mapped[date]
    registered_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    # The decision, once issued.
    interview_id: Mapped[int | None] = mapped_column(ForeignKey("interviews.id"))
    granted: Mapped[bool | None]
    income: Mapped[Decimal | None]  # the family's (or the single person's) monthly income
    threshold: Mapped[Decimal | None]  # the household's threshold it was compared with
    persons: Mapped[int | None]
    justification: Mapped[str] = mapped_column(Text, default="")
    number: Mapped[str | None] = mapped_column(String(40), unique=True)
    year: Mapped[int | None]
    seq: Mapped[int | None]
    issued_on: Mapped[date | None]
    period_from: Mapped[date | None]
    period_to: Mapped[date | None]
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    signatory_name: Mapped[str] = mapped_column(String(200), default="")
    signatory_position: Mapped[str] = mapped_column(String(200), default="")
    # The right ends (wygasa) when the person becomes insured.
    ended_on: Mapped[date | None]
    end_reason: Mapped[str] = mapped_column(String(300), default="")
    # The worker saw the end (expiry or early end) and closed the item.
    closed_on: Mapped[date | None]
