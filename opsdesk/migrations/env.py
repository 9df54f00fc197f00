"""Alembic environment: runs on the connection the program hands it (see opsdesk.schema)."""

from alembic import context

from opsdesk.models import Base
from opsdesk.services.person_search import declared

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata,
                  render_as_batch=True, compare_type=True, include_name=declared)
context.run_migrations()
