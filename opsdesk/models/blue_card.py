"""Niebieska Karta (ustawa o przeciwdziałaniu przemocy domowej, as amended from 22 June
2023): one procedure from the NK-A form to its closure, and the meetings of its grupa
diagnostyczno-pomocowa. Seen by the social work team and the head only."""

from datetime import date

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from opsdesk.models.base import Base, Timestamped, Versioned
from opsdesk.models.people import Person


class BlueCard(Versioned, Timestamped, Base):
    __tablename__ = "blue_cards"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(40), unique=True)  # NK/3/2026
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    suspect_name: Mapped[str] = mapped_column(String(200), default="")
    worker_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    # NK-A: who filled it in and when (the procedure starts then, § 2 ust. 1).
    initiated_on: Mapped[date]
    initiated_by: Mapped[str] = mapped_column(String(200))  # Policja, OPS, szkoła…
    filled_here: Mapped[bool] = mapped_column(default=False)  # by this centre's worker
    received_on: Mapped[date | None]  # the form reached the przewodniczący zespołu
    group_formed_on: Mapped[date | None]
    group_members: Mapped[str] = mapped_column(Text, default="")
    nk_c_on: Mapped[date | None]
    nk_d_on: Mapped[date | None]
    nk_d_planned_on: Mapped[date | None]  # when the suspected person is summoned
    closed_on: Mapped[date | None]
    closure: Mapped[str] = mapped_column(String(20), default="")  # CEASED or UNFOUNDED
    notes: Mapped[str] = mapped_column(Text, default="")

    person: Mapped[Person] = relationship()
    meetings: Mapped[list["BlueCardMeeting"]] = relationship(
        cascade="all, delete-orphan", order_by="BlueCardMeeting.held_on")


class BlueCardMeeting(Timestamped, Base):
    """A meeting of the grupa diagnostyczno-pomocowa."""

    __tablename__ = "blue_card_meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    blue_card_id: Mapped[int] = mapped_column(ForeignKey("blue_cards.id"), index=True)
    held_on: Mapped[date]
    with_victim: Mapped[bool] = mapped_column(default=False)
    with_suspect: Mapped[bool] = mapped_column(default=False)
    notes: Mapped[str] = mapped_column(Text, default="")
