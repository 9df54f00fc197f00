"""Formal messages between the social worker and the benefits worker (art. 75 § 1 kpa)."""

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from opsdesk.models.base import Base, Timestamped, Versioned, enum_column
from opsdesk.models.enums import MessageKind, Team
from opsdesk.models.people import Person
from opsdesk.models.users import User

# For SQLite, whose planner would take a wider index: the envelope's count
# (``stmt.with_hint(CaseMessage, UNREAD_ONLY, "sqlite")``), a team's common inbox.
UNREAD_ONLY = "INDEXED BY ix_case_messages_unread"
COMMON_INBOX = "INDEXED BY ix_case_messages_common"
# What a list's line shows but the cited decision's number, beside the newest-first keys
# (written_on, id) of the indexes the lists read.
LINE = ("number", "kind", "person_id", "person_name", "case_id", "case_sign", "author_id",
        "to_team", "to_user_id", "read_at", "read_by_id", "cited_in_decision_id", "automatic")


class CaseMessage(Versioned, Timestamped, Base):
    __tablename__ = "case_messages"
    __table_args__ = (
        # A worker's, a team's and an author's ("Wysłane") newest messages, their lines and
        # all, each read backwards from one index as far as the list goes: never a row
        # (with its body, two to a page), nor a page of ``persons`` or ``cases``.
        *(Index(f"ix_case_messages_{key}", key, "written_on", "id",
                *(c for c in LINE if c != key))
          for key in ("to_team", "to_user_id", "author_id")),
        # A team's common inbox (to nobody in particular) the same way, without walking the
        # messages to the team's workers.
        Index("ix_case_messages_common", "to_team", "written_on", "id",
              *(c for c in LINE if c != "to_team"),
              sqlite_where=text("to_user_id IS NULL"),
              postgresql_where=text("to_user_id IS NULL")),
        # A contract's report to the benefits team (the client's contracts in social work).
        Index("ix_case_messages_contract_id", "contract_id", "kind"),
        # The envelope's count: only the unread, a few entries, not every message ever
        # (named in the query: the planner would take the wider ones above).
        Index("ix_case_messages_unread", "to_team", "to_user_id",
              sqlite_where=text("read_at IS NULL"), postgresql_where=text("read_at IS NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(40), unique=True)
    kind: Mapped[MessageKind] = enum_column(MessageKind)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), index=True)
    case_sign: Mapped[str] = mapped_column(String(60), default="")  # its sign, set with it
    person_name: Mapped[str] = mapped_column(String(250), default="")  # services/name_copies
    social_work_id: Mapped[int | None] = mapped_column(ForeignKey("social_work_cases.id"))
    # The kontrakt socjalny the message is about (art. 39a opinion, a broken contract).
    contract_id: Mapped[int | None] = mapped_column(ForeignKey("social_contracts.id"))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    to_team: Mapped[Team] = enum_column(Team)
    to_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    written_on: Mapped[date]
    body: Mapped[str] = mapped_column(Text)
    read_at: Mapped[datetime | None]
    read_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    cited_in_decision_id: Mapped[int | None] = mapped_column(ForeignKey("decisions.id"))
    # Produced by the program, not typed: the client did not come by the referral's date.
    automatic: Mapped[bool] = mapped_column(default=False)

    person: Mapped[Person] = relationship()
    author: Mapped[User] = relationship(foreign_keys=[author_id])
