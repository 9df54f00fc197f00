"""person search through an FTS5 trigram index (SQLite only)

Search as you type read ``ix_persons_search_text`` until it had found 50 persons: for a
rare word the whole index, hundreds of round trips on a network drive. ``persons_search``
finds any substring of three characters or more from the trigrams, in the order of
``search_text``: its rowid is the person's place in that order, the first eight characters
of ``search_text`` (five bits each, a character outside the space and a–z ending them)
above the person's id (24 bits: ids up to 16 777 215). It keeps the columns a search
shows, so the persons of a surname lie on a few pages. Triggers keep it in step with
``persons``, whoever writes them (the large demo inserts with Core).
``opsdesk.services.person_search`` reads it and has the same key in Python.

PostgreSQL keeps searching with LIKE, and so does a SQLite without FTS5 or its trigram
tokenizer (older than 3.34). A search by a PESEL's first digits reads what it shows from
``ix_persons_pesel_shown`` (every database): those persons are spread over the whole order
of names, a page each in any table ordered by name.

Revision ID: 0021fts
Revises: 0020kon
"""
from alembic import op

revision = '0021fts'
down_revision = '0020kon'
branch_labels = None
depends_on = None

_COLUMNS = ("search_text", "last_name", "first_name", "pesel", "birth_date", "street",
            "postal_code", "city", "version")
_CHARS = 8
_ID_BITS = 24


def _code(char: str) -> str:
    """A character's five bits, in the order of the characters: 0 the text's end, 2 the
    space, 4–29 a–z; 1, 3 and 30 stand for several characters each."""
    return (f"(CASE WHEN {char} = '' THEN 0 WHEN {char} < ' ' THEN 1 WHEN {char} = ' ' THEN 2 "
            f"WHEN {char} < 'a' THEN 3 WHEN {char} <= 'z' THEN unicode({char}) - 93 "
            "ELSE 30 END)")


def _rowid(text: str, person_id: str) -> str:
    """After a character that shares its code the rest counts as the end: the key then
    never orders two texts against the order of the texts."""
    terms = []
    for i in range(1, _CHARS + 1):
        code = _code(f"substr({text}, {i}, 1)")
        if i > 1:
            code = f"(CASE WHEN substr({text}, 1, {i - 1}) GLOB '*[^ a-z]*' THEN 0 ELSE {code} END)"
        terms.append(f"{code} * {32 ** (_CHARS - i)}")
    centred = f"({' + '.join(terms)} - {2 ** (5 * _CHARS - 1)})"  # a signed 64-bit rowid
    return f"({centred} * {2 ** _ID_BITS} + {person_id})"


def _insert(row: str) -> str:
    values = ", ".join(f"{row}.{c}" for c in _COLUMNS)
    return (f"INSERT INTO persons_search(rowid, {', '.join(_COLUMNS)}) "
            f"VALUES ({_rowid(f'{row}.search_text', f'{row}.id')}, {values});")


def _delete(row: str) -> str:
    return f"DELETE FROM persons_search WHERE rowid = {_rowid(f'{row}.search_text', f'{row}.id')};"


_CREATE = (
    "CREATE VIRTUAL TABLE persons_search USING fts5(search_text, "
    + ", ".join(f"{c} UNINDEXED" for c in _COLUMNS[1:])
    # The text is folded already (opsdesk.services.search.fold); no ranking, so no sizes.
    + ", tokenize = 'trigram case_sensitive 1', columnsize = 0)")
_TRIGGERS = (
    f"CREATE TRIGGER persons_search_insert AFTER INSERT ON persons BEGIN {_insert('new')} END",
    f"CREATE TRIGGER persons_search_delete AFTER DELETE ON persons BEGIN {_delete('old')} END",
    f"CREATE TRIGGER persons_search_update AFTER UPDATE OF id, {', '.join(_COLUMNS)} ON persons "
    f"BEGIN {_delete('old')} {_insert('new')} END",
)


def _trigram_available() -> bool:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return False
    version, fts5 = bind.exec_driver_sql(
        "SELECT sqlite_version(), sqlite_compileoption_used('ENABLE_FTS5')").one()
    return bool(fts5) and tuple(int(p) for p in version.split(".")) >= (3, 34)


def upgrade() -> None:
    op.create_index('ix_persons_pesel_shown', 'persons',
                    ['pesel', 'search_text', 'last_name', 'first_name', 'birth_date', 'street',
                     'postal_code', 'city', 'version'])
    if not _trigram_available():
        return
    op.execute(_CREATE)
    for trigger in _TRIGGERS:
        op.execute(trigger)
    op.execute(f"INSERT INTO persons_search(rowid, {', '.join(_COLUMNS)}) "
               f"SELECT {_rowid('search_text', 'id')}, {', '.join(_COLUMNS)} FROM persons")
    # One segment: each one more is a page more to read for every trigram looked up.
    op.execute("INSERT INTO persons_search(persons_search) VALUES ('optimize')")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for trigger in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS persons_search_{trigger}")
        op.execute("DROP TABLE IF EXISTS persons_search")
    op.drop_index('ix_persons_pesel_shown', 'persons')
