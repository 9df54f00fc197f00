"""The person's name copied onto the rows of the long lists — the desk's register of
certificates, "Do odbioru" and appointments, the social workers' caseload, their contracts
and tasks, the formal messages — and kept equal to the person's.

On the office's network drive every page read is a round trip: a list of a couple of
thousand rows that looked up each person's name read a page of ``persons`` per row. With the
name on the row, a list reads its own rows only. Each list keeps the order it shows names in.
Two session hooks (``hooks.install``) keep the copies: a new row gets its person's name at
the flush that writes it, and a changed name is copied to every row of that person in the
same transaction. Rows written past the ORM (the large demo, a migration) get theirs from
``fill``."""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import ColumnElement, Table, inspect, select, update
from sqlalchemy.orm import Session

from opsdesk.models import (
    Appointment,
    Base,
    Case,
    CaseMessage,
    Certificate,
    Handover,
    Person,
    SocialContract,
    SocialTask,
    SocialWorkCase,
)

# Each copy and how its list writes a name: surname first where workers look a client up by
# surname ("Do odbioru", the caseload, the head's deadlines); as people say it elsewhere.
SURNAME_FIRST: dict[type[Base], bool] = {
    Handover: True, Certificate: False, Appointment: False, SocialWorkCase: True,
    SocialContract: True, SocialTask: True, CaseMessage: True}


def name_of(person: Person, model: type[Base]) -> str:
    """The name a new row of ``model`` carries."""
    if SURNAME_FIRST[model]:
        return f"{person.last_name} {person.first_name}"
    return person.full_name


def _name_sql(model: type[Base]) -> ColumnElement[Any]:
    """The same name worked out by the database from the person's row."""
    if SURNAME_FIRST[model]:
        return Person.last_name + " " + Person.first_name
    return Person.first_name + " " + Person.last_name


def name_new_rows(session: Session, _ctx: Any, _instances: Any) -> None:
    """Before a flush: a new row of a list gets its person's name."""
    for row in session.new:
        if type(row) in SURNAME_FIRST and not getattr(row, "person_name", ""):
            person_id = row.person_id  # type: ignore[attr-defined]
            person = session.get(Person, person_id) if person_id is not None else None
            if person is not None:
                row.person_name = name_of(person, type(row))  # type: ignore[attr-defined]


def copy_renamed(session: Session, _ctx: Any) -> None:
    """After a flush: a person whose name changed has it copied to their rows."""
    for person in session.dirty:
        if not isinstance(person, Person):
            continue
        state = inspect(person)
        if not (state.attrs.first_name.history.has_changes()
                or state.attrs.last_name.history.has_changes()):
            continue
        connection = session.connection()
        for model in SURNAME_FIRST:
            table = cast(Table, model.__table__)
            connection.execute(update(table).where(table.c.person_id == person.id)
                               .values(person_name=name_of(person, model)))


def fill(session: Session, models: tuple[type[Base], ...] = tuple(SURNAME_FIRST)) -> None:
    """Every row's name from its person, and the proceeding's sign of a social-work client
    and of a message (rows written with SQLAlchemy Core; ``models`` for a migration older
    than some)."""
    connection = session.connection()
    for model in models:
        table = cast(Table, model.__table__)
        name = (select(_name_sql(model)).where(Person.id == table.c.person_id)
                .scalar_subquery())
        connection.execute(update(table).values(person_name=name))
    for model in (SocialWorkCase, CaseMessage):
        if model in models:
            rows = cast(Table, model.__table__)
            sign = select(Case.sign).where(Case.id == rows.c.case_id).scalar_subquery()
            connection.execute(update(rows).where(rows.c.case_id.is_not(None))
                               .values(case_sign=sign))
