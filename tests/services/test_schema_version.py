"""An older workstation says which program version to install for a newer database."""

import pytest
from sqlalchemy import text

from opsdesk import __version__
from opsdesk.db import SchemaTooNew
from opsdesk.startup import open_database


def test_migration_records_the_program_version_and_an_older_program_names_it(tmp_path):
    path = tmp_path / "opsdesk.sqlite"
    db = open_database(str(path), create=True)
    with db.engine.begin() as conn:
        assert conn.execute(text("SELECT value FROM schema_info WHERE key = "
                                 "'program_version'")).scalar() == __version__
        # A newer program migrated it since.
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
        conn.execute(text("UPDATE schema_info SET value = '2.3.0' WHERE key = "
                          "'program_version'"))
    db.dispose()
    with pytest.raises(SchemaTooNew) as err:
        open_database(str(path))
    assert "Zainstaluj na tym stanowisku opsdesk w wersji 2.3.0 lub nowszej" in err.value.message


def test_the_migrations_build_the_schema_the_models_declare(tmp_path):
    """A change to the models needs its migration: an office database is only ever
    migrated, so what the migrations build must be exactly what the code expects."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from opsdesk.models import Base
    from opsdesk.services.person_search import declared

    db = open_database(str(tmp_path / "new.sqlite"), create=True)
    try:
        with db.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"include_name": declared})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        db.dispose()
