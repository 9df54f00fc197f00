"""What the centre reports to ZUS as a payer of contributions: its identity as a payer, the
basis of an art. 42 ups decision, and each declaration it sent (so a registration is sent
once, and a month's package can be shown again as it was)."""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Index, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, deferred, mapped_column

from opsdesk.models.base import Base, Timestamped, Versioned


class ZusPayer(Versioned, Base):
    """One row: the centre as płatnik składek (blok II of every ZUS form)."""

    __tablename__ = "zus_payer"

    id: Mapped[int] = mapped_column(primary_key=True)
    nip: Mapped[str] = mapped_column(String(10), default="")
    regon: Mapped[str] = mapped_column(String(14), default="")
    short_name: Mapped[str] = mapped_column(String(31), default="")  # nazwa skrócona
    # DRA blok I p1: kod terminu przesyłania deklaracji (a budget unit: by the 5th).
    deadline_code: Mapped[str] = mapped_column(String(1), default="1")
    nfz_branch: Mapped[str] = mapped_column(String(3), default="")  # kod oddziału NFZ


class ContributionBasis(Timestamped, Base):
    """The basis an art. 42 ups decision names (at most the minimum wage)."""

    __tablename__ = "contribution_bases"

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("decisions.id"), unique=True)
    basis: Mapped[Decimal]
    set_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))


class ZusPackage(Base):
    """A month's declarations as sent: the KEDU file itself is kept."""

    __tablename__ = "zus_packages"
    __table_args__ = (UniqueConstraint("month", "seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    month: Mapped[date]  # the first day of the settled month
    seq: Mapped[int]  # 1 for the month's first declaration, then corrections
    created_at: Mapped[datetime]
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    xml: Mapped[bytes] = deferred(mapped_column(LargeBinary))


class ZusDocument(Base):
    """One form in a sent package: a registration (ZZA, ZUA), a deregistration (ZWUA) or a
    person's report (RCA), with the day it takes effect."""

    __tablename__ = "zus_documents"
    __table_args__ = (Index("ix_zus_documents_person", "person_id", "form", "effective_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    package_id: Mapped[int] = mapped_column(ForeignKey("zus_packages.id"), index=True)
    form: Mapped[str] = mapped_column(String(4))  # ZZA, ZUA, ZWUA, RCA
    kind: Mapped[str] = mapped_column(String(10))  # HEALTH (zasiłek stały) or PENSION (art. 42)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"))
    decision_id: Mapped[int | None] = mapped_column(ForeignKey("decisions.id"))
    effective_on: Mapped[date]
    title_code: Mapped[str] = mapped_column(String(6))
    reason_code: Mapped[str] = mapped_column(String(3), default="")
