"""Search as you type through ``persons_search``, the FTS5 trigram index of migration
0021fts (SQLite only; that migration says how its rowid is laid out).

On a network drive every page read is a round trip. The index hands out its matches in
rowid order, which is the order of ``search_text`` to its first eight characters, so the
first ``limit`` persons are found without reading the others, and it keeps the columns a
search shows: the persons of a surname lie on a few of its pages. Persons whose first
eight characters are the same come by id; the rest of the last one's group is read too and
sorted, so the order is exactly that of ``search_text`` (then the id)."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import (
    Column,
    Date,
    Integer,
    MetaData,
    Row,
    Select,
    String,
    Table,
    func,
    select,
    text,
)
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement, literal_column

from opsdesk.errors import UserFacingError
from opsdesk.services.search import fold

if TYPE_CHECKING:
    from opsdesk.db import Database

log = logging.getLogger(__name__)

ID_BITS = 24
ID_MASK = (1 << ID_BITS) - 1
_CHARS = 8
_LOWEST_ROWID = -(1 << 63)
_USABLE = "opsdesk.person_search"  # the connection's info: may this connection use it?
TIDY_ABOVE = 4  # segments
MERGE_PAGES = 500  # a step of the tidying: about a second on an office network

persons_search = Table(
    "persons_search", MetaData(),
    Column("rowid", Integer), Column("search_text", String), Column("last_name", String),
    Column("first_name", String), Column("pesel", String), Column("birth_date", Date),
    Column("street", String), Column("postal_code", String), Column("city", String),
    Column("version", Integer))


# What a search shows of a person: id, surname, first name, PESEL, birth date, street,
# postal code, town, version.
ShownRow = Row[int, str, str, str | None, date | None, str, str, str, int]


@dataclass(frozen=True)
class SearchWords:
    """A query's folded words (at most five) by how each one is looked for; every one must
    match."""

    substrings: tuple[str, ...] = ()  # three characters or more: anywhere
    pesel: tuple[str, ...] = ()  # four digits or more: the start of the PESEL
    short: tuple[str, ...] = ()  # one or two characters: anywhere, among what the others find
    # With no word of three characters or more, the first (of letters, if one is) begins
    # ``search_text``, the surname: one letter anywhere would match nearly everyone, or
    # read every page to find nobody.
    begins: str = ""

    @classmethod
    def of(cls, query: str) -> SearchWords:
        words = fold(query).split()[:5]
        pesel = tuple(w for w in words if w.isdigit() and len(w) >= 4)
        substrings = tuple(w for w in words if len(w) >= 3 and not (w.isdigit() and len(w) >= 4))
        short = [w for w in words if len(w) < 3]
        begins = ""
        if short and not substrings and not pesel:
            begins = next((w for w in short if not w.isdigit()), short[0])
            short.remove(begins)
        return cls(substrings, pesel, tuple(short), begins)

    def __bool__(self) -> bool:
        return bool(self.substrings or self.pesel or self.short or self.begins)


def _code(char: str) -> int:
    """As the migration's: 0 the end, 2 the space, 4–29 a–z, 1, 3 and 30 shared."""
    if char == "":
        return 0
    if char < " ":
        return 1
    if char == " ":
        return 2
    if char < "a":
        return 3
    return ord(char) - 93 if char <= "z" else 30


def group(search_text: str) -> int:
    """The rowid's upper part for this text (the migration works it out in SQL)."""
    key, ended = 0, False
    for i in range(_CHARS):
        char = search_text[i:i + 1]
        key = key * 32 + (0 if ended else _code(char))
        ended = ended or not (char == " " or "a" <= char <= "z")
    return key - (1 << (5 * _CHARS - 1))


def _rowids_beginning(prefix: str) -> tuple[int, int]:
    """The rowids of every text that begins with ``prefix``: ``{`` comes after z and ends
    the key."""
    return group(prefix) << ID_BITS, (group(prefix + "{") << ID_BITS) | ID_MASK


def usable(session: Session) -> bool:
    """Whether this connection can search the index: SQLite, migrated with FTS5, and a
    SQLite that has FTS5 and its trigram tokenizer (3.34 or newer). Asked once a
    connection."""
    conn = session.connection()
    if conn.dialect.name != "sqlite":
        return False
    if _USABLE not in conn.info:
        try:
            conn.connection.driver_connection.execute(  # type: ignore[union-attr]
                "SELECT rowid FROM persons_search WHERE 0")
        except sqlite3.Error:  # no such table, module or tokenizer
            conn.info[_USABLE] = False
        else:
            conn.info[_USABLE] = True
    return bool(conn.info[_USABLE])


def _phrase(text_: str) -> str:
    """An FTS5 string: whatever the user typed is only ever text to find."""
    return '"' + text_.replace('"', '""') + '"'


def _trigrams_of(word: str) -> str:
    """The FTS5 query for a word: a phrase of all its trigrams, or from six characters on
    only those that cover it without overlapping (and the last), near each other, which
    looks up half the lists; instr() then checks the word on the few rows found."""
    if len(word) < 6:
        return _phrase(word)
    starts = [*range(0, len(word) - 3, 3), len(word) - 3]
    return f"NEAR({' '.join(_phrase(word[i:i + 3]) for i in starts)}, {len(word)})"


def _match(query: str) -> ColumnElement[bool]:
    return literal_column("persons_search").op("MATCH", is_comparison=True)(query)


def persons_with(word: str) -> Select[tuple[int]]:
    """The ids of the persons whose ``search_text`` holds ``word`` (three characters or
    more), read from the index's lists alone: the id is the rowid's lower part."""
    return select(persons_search.c.rowid.op("&")(ID_MASK)).where(_match(_phrase(word)))


def find(session: Session, words: SearchWords, limit: int) -> Sequence[ShownRow]:
    """The first ``limit`` persons every word matches, by ``search_text`` and id: their
    id, names, PESEL, birth date, address parts and version. Not for a PESEL's digits:
    ``people.search_persons`` reads those from the PESEL's own index."""
    t = persons_search
    conditions: list[ColumnElement[bool]] = []
    if words.substrings:
        conditions.append(_match(" ".join(_trigrams_of(w) for w in words.substrings)))
    for word in words.substrings:
        if len(word) >= 6:
            conditions.append(func.instr(t.c.search_text, word) > 0)
    for word in words.short:
        conditions.append(func.instr(t.c.search_text, word) > 0)
    upper: list[ColumnElement[bool]] = []
    if words.begins:
        low, high = _rowids_beginning(words.begins)
        conditions += [t.c.rowid >= low,
                       func.substr(t.c.search_text, 1, len(words.begins)) == words.begins]
        # Only in the first query: FTS5 takes one upper bound of the rowid, the last.
        upper.append(t.c.rowid <= high)
    first = (select(t.c.rowid.label("k")).where(*conditions, *upper).order_by(t.c.rowid)
             .limit(limit).cte("first"))
    # The first ``limit`` matches in rowid order and the rest of the last one's group.
    last = select(func.coalesce(func.max(first.c.k).op("|")(ID_MASK), _LOWEST_ROWID))
    stmt = (select(t.c.rowid.op("&")(ID_MASK).label("id"), t.c.last_name, t.c.first_name,
                   t.c.pesel, t.c.birth_date, t.c.street, t.c.postal_code, t.c.city,
                   t.c.version)
            .where(*conditions, t.c.rowid <= last.scalar_subquery())
            .order_by(t.c.search_text, t.c.rowid).limit(limit))
    return session.execute(stmt).all()


def declared(name: str | None, type_: str, _parents: object) -> bool:
    """Alembic's ``include_name`` for comparing the schema with the models: the index and
    its FTS5 tables are made by migration 0021fts alone."""
    return not (type_ == "table" and name is not None and name.startswith("persons_search"))


def optimize(session: Session) -> None:
    """Merge the index into one segment after many rows were written at once (the large
    demo): each segment more is a page more to read for every trigram a search looks up."""
    if usable(session):
        session.execute(text("INSERT INTO persons_search(persons_search) VALUES ('optimize')"))


def _segments(session: Session) -> int:
    if not usable(session):
        return 0
    # Each segment has its entries in the index's own table of pages.
    return session.execute(text("SELECT count(DISTINCT segid) FROM persons_search_idx")
                           ).scalar_one()


def _merge_step(session: Session) -> bool:
    """Up to MERGE_PAGES pages of merging towards one segment; True while there is more
    (FTS5's own test: a step that changed less than two rows was the last)."""
    raw: sqlite3.Connection = session.connection().connection.driver_connection  # type: ignore[assignment]
    before = raw.total_changes
    session.execute(text("INSERT INTO persons_search(persons_search, rank) "
                         "VALUES ('merge', :pages)"), {"pages": -MERGE_PAGES})
    return raw.total_changes - before >= 2


def tidy(db: Database) -> None:
    """After the day's copy: the index in one segment again when it has more than
    TIDY_ABOVE. Every transaction that writes persons leaves a segment (a busy day ten,
    after FTS5's own merging; each one a read more for every trigram looked up), and the
    merging is done in steps of their own short transactions, so a colleague's save waits
    a second at most. Not done today (the file busy or taken out of use): tomorrow."""
    try:
        if db.read(_segments) > TIDY_ABOVE:
            while db.write(_merge_step):
                pass
    except UserFacingError as exc:
        log.info("the persons' search index was not tidied: %s", exc.message)
    except DBAPIError:  # the copy was made all the same: not its failure to report
        log.exception("the persons' search index was not tidied")
