"""Declarative base and the column conventions every table follows."""

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import DateTime, Enum, Integer, MetaData, Numeric, String, func
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

# Stable constraint names, so Alembic migrations can alter them on SQLite and PostgreSQL alike.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

Money = Numeric(12, 2, asdecimal=True)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {Decimal: Money, datetime: DateTime(timezone=False)}


def enum_column(enum: type[StrEnum], **kwargs: Any) -> Mapped[Any]:
    """A portable enum column: stored as its string value, checked by the ORM."""
    return mapped_column(
        Enum(enum, native_enum=False, create_constraint=False, length=40,
             values_callable=lambda e: [m.value for m in e]),
        **kwargs,
    )


def text_column(length: int, **kwargs: Any) -> Mapped[Any]:
    return mapped_column(String(length), **kwargs)


class Versioned:
    """Optimistic concurrency: a stale save raises instead of overwriting a colleague."""

    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


class Timestamped:
    created_at: Mapped[datetime] = mapped_column(server_default=func.current_timestamp())


__all__ = ["Base", "Versioned", "Timestamped", "enum_column", "text_column", "date", "Decimal"]
