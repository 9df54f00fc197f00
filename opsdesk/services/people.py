"""Registering and finding persons, and their households."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from opsdesk import clock
from opsdesk.errors import ConflictError, NotFound, ValidationError
from opsdesk.models import Household, HouseholdMember, Person
from opsdesk.models.enums import AuditAction, Relation, Sex
from opsdesk.models.people import PESEL_SHOWN, postal_address
from opsdesk.services import person_search
from opsdesk.services import validation as check
from opsdesk.services.audit import write_audit
from opsdesk.services.permissions import Permission
from opsdesk.services.person_search import SearchWords, ShownRow
from opsdesk.services.search import fold
from opsdesk.services.security import Actor, operation
from opsdesk.services.versions import check_version, touch

SEARCH_LIMIT = 50


@dataclass(frozen=True)
class PersonForm:
    first_name: str
    last_name: str
    pesel: str = ""
    no_pesel_reason: str = ""
    birth_date: date | None = None
    sex: str = ""
    street: str = ""
    postal_code: str = ""
    city: str = ""
    phone: str = ""
    bank_account: str = ""


@dataclass(frozen=True)
class PersonRow:
    """What a search result or a list shows of a person."""

    id: int
    full_name: str
    pesel: str
    birth_date: date | None
    address: str
    version: int


@dataclass(frozen=True)
class SimilarPerson:
    id: int
    full_name: str
    birth_date: date | None


class DuplicatePesel(ValidationError):
    """The PESEL is on file: the desk should open that person instead."""

    def __init__(self, person_id: int, full_name: str) -> None:
        super().__init__(f"Osoba z tym numerem PESEL jest już w kartotece: {full_name}. "
                         "Otwieram jej dane.", field="pesel")
        self.person_id = person_id


class SimilarPersonExists(ValidationError):
    """Same birth date and a similar name: ask before making a second record."""

    def __init__(self, similar: list[SimilarPerson]) -> None:
        names = ", ".join(f"{p.full_name} (ur. {p.birth_date:%d.%m.%Y})" for p in similar
                          if p.birth_date)
        super().__init__(f"W kartotece jest już podobna osoba z tą samą datą urodzenia: {names}. "
                         "Czy na pewno dodać nową?", field="last_name")
        self.similar = similar


# What a search reads of a person: a row of the picker (PersonRow), not the whole record.
_SHOWN = (Person.id, Person.last_name, Person.first_name, Person.pesel, Person.birth_date,
          Person.street, Person.postal_code, Person.city, Person.version)


def _shown(row: ShownRow) -> PersonRow:
    return PersonRow(row.id, f"{row.last_name} {row.first_name}", row.pesel or "",
                     row.birth_date, postal_address(row.street, row.postal_code, row.city),
                     row.version)


def _clean(form: PersonForm, today: date) -> dict[str, object]:
    data: dict[str, object] = {
        "first_name": check.text(form.first_name, field="first_name", label="Imię", max_len=60),
        "last_name": check.text(form.last_name, field="last_name", label="Nazwisko", max_len=80),
        "street": check.text(form.street, field="street", label="Ulica i numer", max_len=120,
                             required=False),
        "city": check.text(form.city, field="city", label="Miejscowość", max_len=80,
                           required=False),
        "phone": check.text(form.phone, field="phone", label="Telefon", max_len=40,
                            required=False),
        "bank_account": check.bank_account(form.bank_account),
    }
    code = form.postal_code.strip()
    if code and not (len(code) == 6 and code[2] == "-" and (code[:2] + code[3:]).isdigit()):
        raise ValidationError("Kod pocztowy w postaci 00-000.", field="postal_code")
    data["postal_code"] = code
    if form.pesel.strip():
        number, born, sex = check.pesel(form.pesel)
        if form.birth_date and form.birth_date != born:
            raise ValidationError(f"Data urodzenia nie zgadza się z numerem PESEL "
                                  f"(z PESEL wynika {born:%d.%m.%Y}).", field="birth_date")
        if form.sex and form.sex != sex:
            raise ValidationError("Płeć nie zgadza się z numerem PESEL.", field="sex")
        check.past_date(born, field="pesel", label="Data urodzenia z numeru PESEL", today=today,
                        earliest=check.EARLIEST_BIRTH)
        data.update(pesel=number, birth_date=born, sex=Sex(sex), no_pesel_reason="")
    else:
        data["no_pesel_reason"] = check.text(
            form.no_pesel_reason, field="no_pesel_reason", max_len=200,
            label="Powód braku numeru PESEL")
        data["birth_date"] = check.past_date(form.birth_date, field="birth_date",
                                             label="Data urodzenia", today=today,
                                             required=False, earliest=check.EARLIEST_BIRTH)
        data.update(pesel=None, sex=Sex(form.sex) if form.sex else None)
    return data


def _index(person: Person) -> None:
    person.last_name_key = fold(person.last_name)
    person.search_text = fold(" ".join(filter(None, [
        person.last_name, person.first_name, person.pesel or "", person.street,
        person.city])))


def find_similar(session: Session, *, first_name: str, last_name: str,
                 birth_date: date | None, exclude_id: int | None = None) -> list[SimilarPerson]:
    if birth_date is None:
        return []
    key = fold(last_name.strip())
    rows = session.scalars(select(Person).where(Person.birth_date == birth_date)).all()
    return [SimilarPerson(p.id, p.full_name, p.birth_date) for p in rows
            if p.id != exclude_id and (p.last_name_key[:4] == key[:4]
                                       or fold(p.first_name) == fold(first_name.strip()))]


@operation(Permission.PERSON_WRITE)
def register_person(session: Session, form: PersonForm, *, actor: Actor,
                    allow_similar: bool = False, today: date | None = None) -> int:
    """Add a person; the same PESEL points at the existing record instead."""
    data = _clean(form, today or clock.today())
    if data["pesel"]:
        existing = session.scalar(select(Person).where(Person.pesel == data["pesel"]))
        if existing:
            raise DuplicatePesel(existing.id, existing.full_name)
    if not allow_similar:
        similar = find_similar(session, first_name=str(data["first_name"]),
                               last_name=str(data["last_name"]),
                               birth_date=data["birth_date"])  # type: ignore[arg-type]
        if similar:
            raise SimilarPersonExists(similar)
    person = Person(**data)
    _index(person)
    session.add(person)
    session.flush()
    return person.id


@operation(Permission.PERSON_WRITE)
def update_person(session: Session, person_id: int, form: PersonForm, *, actor: Actor,
                  expected_version: int, today: date | None = None) -> None:
    person = session.get(Person, person_id)
    if person is None:
        raise NotFound("Nie ma takiej osoby w kartotece.")
    data = _clean(form, today or clock.today())
    if person.version != expected_version:
        raise ConflictError({k: (getattr(person, k), v) for k, v in data.items()
                             if getattr(person, k) != v})
    if data["pesel"] and data["pesel"] != person.pesel:
        other = session.scalar(select(Person).where(Person.pesel == data["pesel"]))
        if other:
            raise DuplicatePesel(other.id, other.full_name)
    for key, value in data.items():
        setattr(person, key, value)
    _index(person)
    session.flush()


@operation(Permission.PERSON_READ)
def search_persons(session: Session, query: str, *, actor: Actor,
                   limit: int = SEARCH_LIMIT) -> list[PersonRow]:
    """Every word typed must match somewhere in the name, PESEL or address (see
    SearchWords), the persons in the order of ``search_text``: surname, first name."""
    words = SearchWords.of(query)
    if not words:
        return []
    rows: Sequence[ShownRow]
    if not words.pesel and person_search.usable(session):
        rows = person_search.find(session, words, limit)
    else:  # a PESEL's first digits; PostgreSQL; a SQLite without FTS5's trigrams
        # search_text begins with the surname: its index gives the order by name and lets
        # LIKE be checked on it alone, row by row in order, until ``limit`` are found.
        stmt = (select(*_SHOWN).where(*_like(words)).order_by(Person.search_text, Person.id)
                .limit(limit))
        if words.pesel:  # their range, on an index of what a search shows
            stmt = stmt.with_hint(Person, PESEL_SHOWN, "sqlite")
        rows = session.execute(stmt).all()
    return [_shown(row) for row in rows]


def _like(words: SearchWords) -> list[ColumnElement[bool]]:
    # A range, not LIKE 'word%': SQLite's LIKE ignores case, so it cannot use the PESEL
    # index and would read every person.
    conditions = [and_(Person.pesel >= w, Person.pesel < w + ":") for w in words.pesel]
    conditions += [Person.search_text.contains(w, autoescape=True)
                   for w in words.substrings + words.short]
    if words.begins:
        conditions.append(Person.search_text.startswith(words.begins, autoescape=True))
    return conditions


@dataclass(frozen=True)
class MemberRow:
    person_id: int
    full_name: str
    pesel: str
    birth_date: date | None
    relation: Relation


@dataclass(frozen=True)
class PersonFile:
    """The person's file (kartoteka) as the role may see it."""

    id: int
    form: PersonForm
    version: int
    household_id: int | None
    members: tuple[MemberRow, ...] = field(default=())
    # The household's version when the file was opened (None: no household yet).
    household_version: int | None = None


@operation(Permission.PERSON_READ)
def open_person(session: Session, person_id: int, *, actor: Actor) -> PersonFile:
    person = session.get(Person, person_id)
    if person is None:
        raise NotFound("Nie ma takiej osoby w kartotece.")
    write_audit(session, actor.id, AuditAction.READ, "Person", person.id, {})
    members: tuple[MemberRow, ...] = ()
    household_id = household_version = None
    if person.membership:
        household_id = person.membership.household_id
        household_version = person.membership.household.version
        # The members with their persons in one query, not one per member.
        members = tuple(
            MemberRow(m.person_id, p.full_name, p.pesel or "", p.birth_date, m.relation)
            for m, p in session.execute(
                select(HouseholdMember, Person).join(Person, HouseholdMember.person_id == Person.id)
                .where(HouseholdMember.household_id == household_id)
                .order_by(HouseholdMember.id)))
    form = PersonForm(first_name=person.first_name, last_name=person.last_name,
                      pesel=person.pesel or "", no_pesel_reason=person.no_pesel_reason,
                      birth_date=person.birth_date, sex=person.sex.value if person.sex else "",
                      street=person.street, postal_code=person.postal_code, city=person.city,
                      phone=person.phone, bank_account=person.bank_account)
    return PersonFile(person.id, form, person.version, household_id, members, household_version)


def household_version(session: Session, person_id: int) -> int | None:
    """The version of the household ``person_id`` belongs to (None: none), for a caller
    that adds members without a form open (the demo, the tests)."""
    return session.scalar(select(Household.version).join(HouseholdMember).where(
        HouseholdMember.person_id == person_id))


@operation(Permission.PERSON_WRITE)
def add_to_household(session: Session, *, actor: Actor, head_id: int, person_id: int,
                     relation: Relation, expected_version: int | None) -> int:
    """Put a person into the head's household (made on first use); returns its id.
    ``expected_version`` is the household's version the form showed (None: none yet)."""
    if head_id == person_id and relation is not Relation.HEAD:
        raise ValidationError("Głowa gospodarstwa ma relację „głowa”.", field="relation")
    head = session.get(Person, head_id)
    person = session.get(Person, person_id)
    if head is None or person is None:
        raise NotFound("Nie ma takiej osoby w kartotece.")
    check_version(head.membership.household if head.membership else None, expected_version)
    if head.membership is None:
        household = Household()
        session.add(household)
        household.members.append(HouseholdMember(person=head, relation=Relation.HEAD))
        session.flush()
    else:
        household = head.membership.household
    if person.membership is not None:
        if person.membership.household_id == household.id:
            person.membership.relation = relation
            touch(household)
            session.flush()
            return household.id
        raise ValidationError(f"{person.full_name} należy już do innego gospodarstwa — "
                              "najpierw usuń tę osobę z tamtego.", field="person")
    if person_id != head_id:
        household.members.append(HouseholdMember(person=person, relation=relation))
        touch(household)
    session.flush()
    return household.id


@operation(Permission.PERSON_WRITE)
def remove_from_household(session: Session, *, actor: Actor, person_id: int) -> None:
    member = session.scalar(select(HouseholdMember).where(HouseholdMember.person_id == person_id))
    if member is None:
        return
    if member.relation is Relation.HEAD and len(member.household.members) > 1:
        raise ValidationError("Nie można usunąć głowy gospodarstwa, póki są w nim inne osoby.",
                              field="person")
    touch(member.household)
    session.delete(member)
    session.flush()


def count_persons(session: Session) -> int:
    return session.scalar(select(func.count(Person.id))) or 0


@dataclass(frozen=True)
class HistoryRow:
    on: date
    what: str
    detail: str


@operation(Permission.PERSON_READ)
def person_history(session: Session, person_id: int, *, actor: Actor) -> list[HistoryRow]:
    """The file's history — each section only where the role may see it."""
    from opsdesk.labels import label
    from opsdesk.models import Case, Decision, Intake, SocialWorkCase
    from opsdesk.models.enums import DecisionStatus

    rows: list[HistoryRow] = []
    if actor.can(Permission.INTAKE_READ):
        for i in session.scalars(select(Intake).where(Intake.person_id == person_id)):
            rows.append(HistoryRow(i.received_at.date(), "zgłoszenie", label(i.status)))
    if actor.can(Permission.CASE_READ) or actor.can(Permission.APPLICATION_REGISTER):
        for c in session.scalars(select(Case).where(Case.person_id == person_id)):
            rows.append(HistoryRow(c.started_on, f"sprawa {c.sign}", label(c.status)))
    if actor.can(Permission.CASE_READ):
        for d in session.scalars(select(Decision).where(Decision.person_id == person_id,
                                                        Decision.status == DecisionStatus.ISSUED)):
            rows.append(HistoryRow(d.issued_on or d.created_at.date(),
                                   f"decyzja {d.number or ''}",
                                   f"{label(d.kind)}: {label(d.benefit_kind)}"))
    if actor.can(Permission.SOCIAL_WORK_READ):
        for w in session.scalars(select(SocialWorkCase).where(
                SocialWorkCase.person_id == person_id)):
            rows.append(HistoryRow(w.referred_on, "praca socjalna", label(w.status)))
    rows.sort(key=lambda r: r.on, reverse=True)
    return rows
