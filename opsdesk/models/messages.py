"""Formal messages between the social worker and the benefits worker (art. 75 § 1 kpa)."""

from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from opsdesk.models.base import Base, Timestamped, Versioned, enum_column
from opsdesk.models.enums import MessageKind, Team
from opsdesk.models.people import Person
from opsdesk.models.users import User


class CaseMessage(Versioned, Timestamped, Base):
    __tablename__ = "case_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(40), unique=True)
    kind: Mapped[MessageKind] = enum_column(MessageKind)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), index=True)
    social_work_id: Mapped[int | None] = mapped_column(ForeignKey("social_work_cases.id"))
    # The kontrakt socjalny the message is about (art. 39a opinion, a broken contract).
    contract_id: Mapped[int | None] = mapped_column(ForeignKey("social_contracts.id"))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    to_team: Mapped[Team] = enum_column(Team, index=True)
    to_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    written_on: Mapped[date]
    body: Mapped[str] = mapped_column(Text)
    read_at: Mapped[datetime | None]
    read_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    cited_in_decision_id: Mapped[int | None] = mapped_column(ForeignKey("decisions.id"))
    # Produced by the program, not typed: the client did not come by the referral's date.
    automatic: Mapped[bool] = mapped_column(default=False)

    person: Mapped[Person] = relationship()
    author: Mapped[User] = relationship(foreign_keys=[author_id])
