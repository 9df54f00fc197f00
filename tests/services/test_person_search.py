"""Search as you type through the trigram index (persons_search, migration 0021fts) finds
exactly what the LIKE path finds, in the same order, and follows every change at once."""

from __future__ import annotations

import random
import shutil
from datetime import date

import pytest
from sqlalchemy import select, text

from opsdesk.models import Person
from opsdesk.services import desk, people, person_search
from opsdesk.services.people import PersonForm
from opsdesk.services.person_search import SearchWords
from opsdesk.startup import open_database
from tests.migration_helpers import step_back_to
from tests.workstation import ON_POSTGRESQL, pesel_for

sqlite_only = pytest.mark.skipif(ON_POSTGRESQL, reason="the index is SQLite's FTS5")

# Surnames sharing the index's first eight characters ("zolkiews", "kowalsk", "nowak-je"),
# hyphens, an apostrophe, quotes; streets whose numbers begin alike.
SURNAMES = ["Żółkiewska", "Żółkiewski", "Kowalska", "Kowalski", "Kowalczyk", "Kowal",
            "Nowak", "Nowak-Jeziorańska", "Nowakowska", "Dąbrowska-Kowalska", "O'Brien",
            "Ćwikła", "Gęślowska", "Łęcki", "Zając", "Ząbek"]
FIRST_NAMES = ["Anna", "Katarzyna", "Jan", "Łucja", "Ścibor", "Zofia", "Ewa", "Ko"]
STREETS = ["ul. Dworcowa 1", "ul. Dworcowa 12", "ul. Dworcowa 1/3", "Dworcowa 10",
           'al. "Zielona" 5', "ul. 3 Maja 8", "os. Kościuszki 85/01", "ul. Łąkowa 3", ""]
TOWNS = ["Zbąszynek", "Łódź", "Kosieczyn", "Chlastawa"]

QUERIES = [
    "kowal", "Kowalska", "KOWALSKI jan", "Żółkiewska", "zolk", "ŻÓŁK kat", "żółkiewsk an",
    "nowak", "nowak-jez", "jeziorańska", "-kowalska", "o'brien", "'b",
    "dworcowa 1", "dworcowa 12", "dworcowa 1/3", "dworcowa", "3 maja", "85/01", "maja 8",
    "8503", "85030", "850", "0101", "9901", "nowak 8503",
    "k", "ko", "ż", "zą", "8", "85", "ko an", "an ko", "a b", "ul", "1 ko", "12 3",
    "anna ko", "kowal a", "ewa łódź", "łódź", "kosieczyn ul",
    '"zielona"', 'zielona"', '"', '""', "ko\"wal", "kow*", "a OR b", "NEAR(kow", "^kow",
    "kow:", "(an)", "anna AND", "{ko}", "%", "_owal", "k%l", "\\", "qzxwv", "x",
]


def varied_persons(db, staff, count: int = 90) -> list[int]:
    rng = random.Random(13)

    def register(session):
        ids = []
        for serial in range(count):
            born = date(rng.choice([1985, 1999, 2001, 1950]), rng.randint(1, 12),
                        rng.randint(1, 28))
            pesel = pesel_for(born, serial) if serial % 7 else ""
            form = PersonForm(
                first_name=rng.choice(FIRST_NAMES), last_name=rng.choice(SURNAMES),
                pesel=pesel, no_pesel_reason="" if pesel else "cudzoziemiec",
                birth_date=None if pesel else born, street=rng.choice(STREETS),
                postal_code="66-210", city=rng.choice(TOWNS))
            ids.append(people.register_person(session, form, actor=staff.desk,
                                              allow_similar=True))
        return ids

    return db.write(register)


def search(db, staff, query: str, limit: int = people.SEARCH_LIMIT):
    return db.read(lambda s: people.search_persons(s, query, actor=staff.desk, limit=limit))


def with_like(monkeypatch, fn):
    """``fn()`` as a PostgreSQL or a SQLite without trigrams runs it."""
    with monkeypatch.context() as patch:
        patch.setattr(person_search, "usable", lambda _session: False)
        return fn()


def test_the_words_of_a_query():
    assert SearchWords.of("  Żółkiewska 8503 ul ") == SearchWords(("zolkiewska",), ("8503",),
                                                                 ("ul",))
    assert SearchWords.of("ko an 85") == SearchWords(short=("an", "85"), begins="ko")
    assert SearchWords.of("850 a") == SearchWords(substrings=("850",), short=("a",))
    assert SearchWords.of("12 ko 3") == SearchWords(short=("12", "3"), begins="ko")
    assert not SearchWords.of("   ")


@pytest.mark.parametrize("limit", [people.SEARCH_LIMIT, 7, 2])
def test_the_index_finds_what_like_finds_in_the_same_order(db, staff, monkeypatch, limit):
    varied_persons(db, staff)
    found_some = 0
    for query in QUERIES:
        indexed = search(db, staff, query, limit)
        assert indexed == with_like(monkeypatch, lambda q=query: search(db, staff, q, limit)), \
            query
        found_some += bool(indexed)
    assert found_some > len(QUERIES) // 2


def test_every_word_must_match_and_a_lone_short_word_begins_the_surname(db, staff):
    varied_persons(db, staff)
    for query in ("kowal a", "dworcowa 1", "ewa łódź", "nowak 85"):
        words = SearchWords.of(query).substrings + SearchWords.of(query).short
        rows = search(db, staff, query)
        assert rows, query
        texts = db.read(lambda s, ids=[r.id for r in rows]: s.scalars(
            select(Person.search_text).where(Person.id.in_(ids))).all())
        assert all(w in t for t in texts for w in words), query
    begun = search(db, staff, "ko")
    assert begun and all(r.full_name.lower().startswith("ko") for r in begun)
    some = next(r.pesel for r in search(db, staff, "kowal") if r.pesel)
    by_pesel = search(db, staff, some[:4])
    assert by_pesel and all(r.pesel.startswith(some[:4]) for r in by_pesel)


@sqlite_only
def test_a_person_is_found_edited_and_gone_at_once(db, staff):
    assert db.read(person_search.usable)
    form = PersonForm(first_name="Bożydar", last_name="Przybylski", pesel="85030412362",
                      street="ul. Kolejowa 7", postal_code="66-210", city="Zbąszynek")
    pid = db.write(lambda s: people.register_person(s, form, actor=staff.desk))
    [row] = search(db, staff, "przybylski")
    assert (row.id, row.full_name, row.address, row.birth_date) == (
        pid, "Przybylski Bożydar", "ul. Kolejowa 7, 66-210 Zbąszynek", date(1985, 3, 4))
    version = db.read(lambda s: people.open_person(s, pid, actor=staff.desk)).version
    moved = PersonForm(**{**form.__dict__, "last_name": "Przybylska-Kos", "first_name": "Bożena",
                          "street": "ul. Dworcowa 2"})
    db.write(lambda s: people.update_person(s, pid, moved, actor=staff.desk,
                                            expected_version=version))
    assert search(db, staff, "przybylski") == []
    assert search(db, staff, "kolejowa") == []
    [row] = search(db, staff, "przybylska dworcowa 2")
    assert (row.id, row.full_name, row.version) == (pid, "Przybylska-Kos Bożena", version + 1)
    db.write(lambda s: s.delete(s.get(Person, pid)))
    assert search(db, staff, "przybylska") == []
    assert search(db, staff, "pr") == []


@sqlite_only
def test_the_rowid_keeps_the_order_of_search_text(db, staff):
    """The key the triggers work out in SQL is the one in Python, and ordering by it never
    goes against ``search_text``."""
    varied_persons(db, staff, count=40)
    odd = ["Ąb", "Ab-Ba", "Ab Ba", "Aa", "A", "Ab\tBa", "Straße", "Øre", "Ab.Ba", "Ab1"]
    db.write(lambda s: [people.register_person(s, PersonForm(
        first_name="Jan", last_name=name, no_pesel_reason="brak"), actor=staff.desk,
        allow_similar=True) for name in odd])
    rows = db.read(lambda s: s.execute(text(
        "SELECT rowid, search_text FROM persons_search ORDER BY search_text, rowid")).all())
    assert len(rows) == 50
    groups = [rowid >> person_search.ID_BITS for rowid, _ in rows]
    assert groups == [person_search.group(search_text) for _, search_text in rows]
    assert groups == sorted(groups)
    ids = {rowid & person_search.ID_MASK for rowid, _ in rows}
    assert ids == set(db.read(lambda s: s.scalars(select(Person.id)).all()))


def test_the_desks_waiting_documents_find_the_same(db, staff, monkeypatch):
    ids = varied_persons(db, staff, count=30)
    for pid in ids[::3]:
        db.write(lambda s, p=pid: desk.issue_certificate(
            s, actor=staff.desk, person_id=p, purpose="do przedłożenia w szkole",
            content="figuruje w kartotece ośrodka."))
    for query in ("kowal", "dworcowa 1", "zó", "8503", "zaświadczenie", "anna ko", "qzxwv"):
        def waiting(q=query):
            return [r.id for r in db.read(lambda s: desk.waiting_documents(
                s, actor=staff.desk, query=q))]
        assert waiting() == with_like(monkeypatch, waiting), query


@sqlite_only
def test_without_the_index_the_search_reads_persons(db, staff):
    """A database migrated where SQLite had no trigrams has no index: LIKE finds them."""
    varied_persons(db, staff, count=20)
    expected = search(db, staff, "kowal")
    with db.engine.begin() as conn:
        conn.execute(text("DROP TABLE persons_search"))
    db.dispose()
    reopened = open_database(str(db.path))
    try:
        assert not reopened.read(person_search.usable)
        assert search(reopened, staff, "kowal") == expected
    finally:
        reopened.dispose()


@sqlite_only
def test_the_migration_indexes_the_persons_already_there(db, staff, tmp_path):
    varied_persons(db, staff, count=40)
    expected = {q: search(db, staff, q) for q in ("kowal", "dworcowa 1", "8503", "zo")}
    path = tmp_path / "old.sqlite"
    shutil.copyfile(db.path, path)
    old = open_database(str(path))
    with old.engine.begin() as conn:
        step_back_to(conn, "0020kon")
    old.dispose()
    upgraded = open_database(str(path), backup_dir=tmp_path / "kopie")
    try:
        with upgraded.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM persons_search")).scalar() == 40
        for query, rows in expected.items():
            assert upgraded.read(lambda s, q=query: people.search_persons(
                s, q, actor=staff.desk)) == rows, query
        pid = upgraded.write(lambda s: people.register_person(s, PersonForm(
            first_name="Jan", last_name="Kowalewski", no_pesel_reason="brak"),
            actor=staff.desk))
        assert [r.id for r in upgraded.read(lambda s: people.search_persons(
            s, "kowalew", actor=staff.desk))] == [pid]
    finally:
        upgraded.dispose()


def segments(db) -> int:
    return db.read(lambda s: s.execute(text(
        "SELECT count(DISTINCT segid) FROM persons_search_idx")).scalar_one())


@sqlite_only
def test_the_days_saves_are_merged_into_one_segment_after_the_copy(db, staff):
    """Each transaction writing persons leaves a segment of the index, each one a read more
    for every trigram a search looks up."""
    ids = varied_persons(db, staff, count=30)
    for pid in ids[:12]:
        file = db.read(lambda s, p=pid: people.open_person(s, p, actor=staff.desk))
        changed = PersonForm(**{**file.form.__dict__, "phone": "600 100 200"})
        db.write(lambda s, p=pid, f=changed, v=file.version: people.update_person(
            s, p, f, actor=staff.desk, expected_version=v))
    expected = {q: search(db, staff, q) for q in ("kowal", "dworcowa 1", "zo", "anna")}
    assert segments(db) > person_search.TIDY_ABOVE
    person_search.tidy(db)
    assert segments(db) == 1
    assert {q: search(db, staff, q) for q in expected} == expected
