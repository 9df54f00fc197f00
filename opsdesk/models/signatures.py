"""Electronically signed documents, kept as signed: the signed PDF is the original of a
decision sent electronically, so it is stored whole and never rendered again."""

from datetime import date, datetime

from sqlalchemy import ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from opsdesk.models.base import Base, Timestamped


class SignedDocument(Timestamped, Base):
    """One signed PDF of a decision: signed in the program, or signed outside and imported
    after its signature was checked. The latest row of a decision is its signed original."""

    __tablename__ = "signed_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("decisions.id"), index=True)
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64))
    signer_name: Mapped[str] = mapped_column(String(200))
    signer_pesel: Mapped[str] = mapped_column(String(11), default="")
    issuer: Mapped[str] = mapped_column(String(200), default="")
    signed_at: Mapped[datetime]
    imported: Mapped[bool] = mapped_column(default=False)
    stored_by: Mapped[int] = mapped_column(ForeignKey("users.id"))


class EDelivery(Timestamped, Base):
    """A signed decision sent by e-Doręczenia: the package exported for sending, and later the
    delivery confirmation (UPO / dowód doręczenia) imported with the day it gives. The day is
    also the decision's ``delivered_on`` when that is still empty (the appeal period runs
    from it)."""

    __tablename__ = "e_deliveries"

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("decisions.id"), index=True)
    address: Mapped[str] = mapped_column(String(60))  # the party's ADE at export
    package_sha256: Mapped[str] = mapped_column(String(64))
    exported_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    delivered_on: Mapped[date | None]
    proof_sha256: Mapped[str] = mapped_column(String(64), default="")
    proof_recorded_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
