"""Checks in central registers (CBB, ZUS, CEIDG, księgi wieczyste…): who asked what, when,
what was found, with the printout — evidence in the case's file."""

from datetime import datetime

from sqlalchemy import ForeignKey, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, deferred, mapped_column

from opsdesk.models.base import Base, Timestamped


class RegisterCheck(Timestamped, Base):
    __tablename__ = "register_checks"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    register: Mapped[str] = mapped_column(String(20))  # CBB, ZUS, CEIDG, KW, CEPIK, OTHER
    register_name: Mapped[str] = mapped_column(String(120), default="")  # for OTHER
    checked_at: Mapped[datetime]
    checked_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    query: Mapped[str] = mapped_column(Text)  # what was asked
    result: Mapped[str] = mapped_column(Text)  # what was found
    # The printout: a PDF or an image, read only when opened.
    printout_name: Mapped[str] = mapped_column(String(200), default="")
    printout_type: Mapped[str] = mapped_column(String(40), default="")
    printout_size: Mapped[int] = mapped_column(default=0)
    printout: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))
