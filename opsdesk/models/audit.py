"""Who did what, when, to which record: writes and reads alike. Never edited."""

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from opsdesk.models.base import Base, enum_column
from opsdesk.models.enums import AuditAction


class AuditEntry(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    action: Mapped[AuditAction] = enum_column(AuditAction)
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int | None]
    # JSON: the changed fields, never personal data in the logs.
    details: Mapped[str] = mapped_column(Text, default="")
    # sha256 of the entry chained to the previous one (services.audit_chain).
    chain: Mapped[str | None] = mapped_column(String(64))
