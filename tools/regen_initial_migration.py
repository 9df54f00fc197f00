"""Developer tool, until the first release: rewrite migration 0001 from the models.

Once a database exists in an office, schema changes become new migrations instead."""

import shutil
import tempfile
from pathlib import Path

from alembic import command
from alembic.config import Config

from opsdesk.db import Database

VERSIONS = Path(__file__).resolve().parents[1] / "opsdesk" / "migrations" / "versions"

for old in VERSIONS.glob("0001_*.py"):
    old.unlink()
with tempfile.TemporaryDirectory() as tmp:
    # Later migrations (0002: the audit log's triggers) build on 0001 and hold what the
    # models cannot say: set them aside while 0001 is written, then put them back.
    later = [shutil.move(p, Path(tmp) / p.name) for p in VERSIONS.glob("0*.py")]
    try:
        db = Database(str(Path(tmp) / "empty.sqlite"), create=True)
        config = Config()
        config.set_main_option("script_location", str(VERSIONS.parent))
        with db.engine.begin() as conn:
            config.attributes["connection"] = conn
            command.revision(config, message="initial schema", autogenerate=True,
                             rev_id="0001")
        db.dispose()
    finally:
        for moved in later:
            shutil.move(moved, VERSIONS / Path(moved).name)
