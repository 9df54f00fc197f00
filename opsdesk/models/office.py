"""Settings of the office shared by every workstation: they live in the database."""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Numeric, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from opsdesk.models.base import Base, Timestamped, Versioned


class Office(Versioned, Base):
    """One row: the centre's letterhead, the organ it acts for, and the desk's hours."""

    __tablename__ = "office"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(60), default="")
    town: Mapped[str] = mapped_column(String(80), default="")
    gmina: Mapped[str] = mapped_column(String(120), default="")
    mayor_title: Mapped[str] = mapped_column(String(120), default="")
    mayor_genitive: Mapped[str] = mapped_column(String(120), default="")
    head_name: Mapped[str] = mapped_column(String(120), default="")
    head_position: Mapped[str] = mapped_column(String(160), default="")
    sko_name: Mapped[str] = mapped_column(String(200), default="")
    room: Mapped[str] = mapped_column(String(20), default="122")
    opens_at: Mapped[str] = mapped_column(String(5), default="07:30")
    closes_at: Mapped[str] = mapped_column(String(5), default="15:30")
    case_symbol: Mapped[str] = mapped_column(String(40), default="GOPS.8311")
    # The office's own adres do doręczeń elektronicznych: the sender of e-Doręczenia packages.
    e_delivery_address: Mapped[str] = mapped_column(String(60), default="")
    # The account a repayment (art. 98 ups) is paid into, printed in the decision.
    bank_account: Mapped[str] = mapped_column(String(34), default="")
    # Thresholds raised locally by the rada gminy (art. 8 ups allows it), from a date.
    local_threshold_from: Mapped[date | None]
    local_single_threshold: Mapped[Decimal | None]
    local_per_person_threshold: Mapped[Decimal | None]
    # Days a referred client has to come to the social worker before the benefits
    # worker is told automatically.
    referral_report_days: Mapped[int] = mapped_column(default=7)
    idle_lock_minutes: Mapped[int] = mapped_column(default=10)
    retention_years: Mapped[int] = mapped_column(default=10)


class Counter(Base):
    """The last number given of a kind within a year; drawn inside the write transaction."""

    __tablename__ = "counters"

    kind: Mapped[str] = mapped_column(String(30), primary_key=True)
    year: Mapped[int] = mapped_column(primary_key=True)
    value: Mapped[int] = mapped_column(default=0)


class SchemaInfo(Base):
    """Facts about the schema for other workstations: the program version that last migrated
    it, so an older program can say which version to install."""

    __tablename__ = "schema_info"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))


class OfficeIdentity(Timestamped, Base):
    """The office's identity from a date: the unit (OPS or CUS), the organ it acts for, the
    town and the kolegium. A document prints the version in force on its own date, so a new
    head of the unit or a CUS set up in place of the OPS leaves earlier documents as they were.
    Dates before the first version print from the ``office`` row."""

    __tablename__ = "office_identities"

    id: Mapped[int] = mapped_column(primary_key=True)
    valid_from: Mapped[date] = mapped_column(unique=True)
    unit_kind: Mapped[str] = mapped_column(String(3))  # "OPS" or "CUS"
    name: Mapped[str] = mapped_column(String(200))
    name_genitive: Mapped[str] = mapped_column(String(200), default="")
    organ_kind: Mapped[str] = mapped_column(String(12))  # WOJT, BURMISTRZ, PREZYDENT
    organ_of: Mapped[str] = mapped_column(String(120))  # "Zbąszynka", "Gminy Zbąszynek"
    town: Mapped[str] = mapped_column(String(80))
    head_position: Mapped[str] = mapped_column(String(160))
    sko_name: Mapped[str] = mapped_column(String(200))
    sko_name_genitive: Mapped[str] = mapped_column(String(200), default="")
    source: Mapped[str] = mapped_column(String(200), default="")  # the resolution, the order
    entered_by: Mapped[int] = mapped_column(ForeignKey("users.id"))


class LegalFigureEntry(Timestamped, Base):
    """A legal figure the head entered ahead of a release: one field of the dated table
    (``services.rules.LegalFigures``) from a date, with its source (the regulation, the
    announcement). The latest dated value of a field wins, shipped or entered."""

    __tablename__ = "legal_figure_entries"
    __table_args__ = (UniqueConstraint("field", "valid_from"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    field: Mapped[str] = mapped_column(String(40))
    valid_from: Mapped[date]
    value: Mapped[Decimal] = mapped_column(Numeric(12, 4))
    source: Mapped[str] = mapped_column(String(300))
    entered_by: Mapped[int] = mapped_column(ForeignKey("users.id"))


class DocumentText(Timestamped, Base):
    """A version of one fixed text of the documents (a paragraph of the pouczenie, …), as the
    head wrote it: prepared ahead as a draft, approved by another person (``approved_at``
    set), in force from ``valid_from``. An approved version is never changed, so a document
    printed again uses the same words."""

    __tablename__ = "document_texts"
    __table_args__ = (UniqueConstraint("key", "valid_from"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(60))
    valid_from: Mapped[date]
    text: Mapped[str] = mapped_column(String(4000))
    # None: the program's own wording, put in the table by migration 0017tpl.
    written_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    approved_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    approved_at: Mapped[datetime | None]
