"""Persons, households and their members."""

from datetime import date

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from opsdesk.models.base import Base, Timestamped, Versioned, enum_column
from opsdesk.models.enums import Relation, Sex

# A query's hint that reads persons' names from ``ix_persons_names``, for a select of
# ``Person.last_name, Person.first_name`` only: ``stmt.with_hint(Person, NAMES_ONLY,
# "sqlite")``. SQLite's planner would otherwise go to the table by its key.
NAMES_ONLY = "INDEXED BY ix_persons_names"
# A search by a PESEL's first digits reads what it shows from ``ix_persons_pesel_shown``:
# the persons of the range on a few pages, not a page of ``persons`` each.
PESEL_SHOWN = "INDEXED BY ix_persons_pesel_shown"


def postal_address(street: str, postal_code: str, city: str) -> str:
    """"ul. Łąkowa 3, 66-210 Zbąszynek": a person's address on one line."""
    town = f"{postal_code} {city}".strip()
    return ", ".join(p for p in (street, town) if p)


class Person(Versioned, Timestamped, Base):
    __tablename__ = "persons"
    # The names alone, a hundred persons a page: what a long list reads for its rows
    # (``NAMES_ONLY``), where the table gives one page a row.
    __table_args__ = (Index("ix_persons_names", "id", "last_name", "first_name"),
                      Index("ix_persons_pesel_shown", "pesel", "search_text", "last_name",
                            "first_name", "birth_date", "street", "postal_code", "city",
                            "version"))

    id: Mapped[int] = mapped_column(primary_key=True)
    pesel: Mapped[str | None] = mapped_column(String(11), unique=True)
    no_pesel_reason: Mapped[str] = mapped_column(String(200), default="")
    first_name: Mapped[str] = mapped_column(String(60))
    last_name: Mapped[str] = mapped_column(String(80))
    birth_date: Mapped[date | None]
    sex: Mapped[Sex | None] = enum_column(Sex)
    street: Mapped[str] = mapped_column(String(120), default="")
    postal_code: Mapped[str] = mapped_column(String(6), default="")
    city: Mapped[str] = mapped_column(String(80), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    bank_account: Mapped[str] = mapped_column(String(34), default="")
    # Adres do doręczeń elektronicznych (e-Doręczenia): "AE:PL-…"; empty when none.
    e_delivery_address: Mapped[str] = mapped_column(String(60), default="")
    # Lower-case, diacritics folded: name, PESEL and address, for search as you type.
    search_text: Mapped[str] = mapped_column(String(400), default="", index=True)
    last_name_key: Mapped[str] = mapped_column(String(80), default="", index=True)

    membership: Mapped["HouseholdMember | None"] = relationship(back_populates="person")

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def address(self) -> str:
        return postal_address(self.street, self.postal_code, self.city)

    @property
    def has_delivery_address(self) -> bool:
        """A street and a town: enough to deliver a decision by post (art. 39 kpa)."""
        return bool(self.street.strip() and self.city.strip())


class Household(Versioned, Timestamped, Base):
    __tablename__ = "households"

    id: Mapped[int] = mapped_column(primary_key=True)
    notes: Mapped[str] = mapped_column(String(500), default="")

    members: Mapped[list["HouseholdMember"]] = relationship(
        back_populates="household", cascade="all, delete-orphan", order_by="HouseholdMember.id"
    )


class HouseholdMember(Base):
    __tablename__ = "household_members"

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("households.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), unique=True)
    relation: Mapped[Relation] = enum_column(Relation)

    household: Mapped[Household] = relationship(back_populates="members")
    person: Mapped[Person] = relationship(back_populates="membership")
