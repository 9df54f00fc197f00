"""office mistakes: catalogue versions, the audit log's hash chain

Issue 17: the data's identity (schema_info 'database_id'); a catalogue item carries a version, so a colleague's edit is not silently
overwritten by a form opened before it; each audit entry carries a hash chained to the
previous entry's (services.audit_chain), the existing entries chained here in id order.

Revision ID: 0009sec
Revises: 0007obl
"""
import hashlib
import json
import uuid
from datetime import datetime

import sqlalchemy as sa
from alembic import op

revision = '0009sec'
down_revision = '0008nd'
branch_labels = None
depends_on = None

GENESIS = "0" * 64
MESSAGE = "Dziennik zdarzeń można tylko uzupełniać — wpisów nie wolno zmieniać ani usuwać."

_log = sa.table('audit_log', sa.column('id', sa.Integer()), sa.column('at', sa.DateTime()),
                sa.column('user_id', sa.Integer()), sa.column('action', sa.String()),
                sa.column('entity', sa.String()), sa.column('entity_id', sa.Integer()),
                sa.column('details', sa.Text()), sa.column('chain', sa.String()))


def _hash(previous: str, row: sa.Row) -> str:
    """services.audit_chain.entry_hash as it was at this revision."""
    at = row.at
    payload = json.dumps([
        at.isoformat(sep=" ") if isinstance(at, datetime) else str(at), row.user_id,
        str(row.action), row.entity, row.entity_id, row.details or ""],
        ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256((previous + payload).encode("utf-8")).hexdigest()


def _chain_existing(conn: sa.Connection) -> None:
    previous, batch = GENESIS, []
    rows = conn.execute(sa.select(_log.c.id, _log.c.at, _log.c.user_id, _log.c.action,
                                  _log.c.entity, _log.c.entity_id, _log.c.details)
                        .order_by(_log.c.id)).all()
    for row in rows:
        previous = _hash(previous, row)
        batch.append({"row_id": row.id, "chain": previous})
    if batch:
        conn.execute(_log.update().where(_log.c.id == sa.bindparam("row_id"))
                     .values(chain=sa.bindparam("chain")), batch)


def upgrade() -> None:
    # The data's identity: a restore from a copy gives the file a new one, so a program that
    # read the replaced data refuses to save what it prepared from it.
    op.execute(sa.text("INSERT INTO schema_info (key, value) VALUES ('database_id', :v)")
               .bindparams(v=uuid.uuid4().hex))
    with op.batch_alter_table('service_catalog') as batch:
        batch.add_column(sa.Column('version', sa.Integer(), nullable=False,
                                   server_default='1'))
    with op.batch_alter_table('service_catalog') as batch:
        batch.alter_column('version', server_default=None)
    # A plain ADD COLUMN: a batch copy of the table would drop its append-only triggers.
    op.add_column('audit_log', sa.Column('chain', sa.String(length=64), nullable=True))
    conn = op.get_bind()
    # The entries are changed this once, to be chained, with the guard lifted meanwhile.
    if conn.dialect.name == "postgresql":
        op.execute("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change")
        _chain_existing(conn)
        op.execute("ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_change")
    else:
        op.execute("DROP TRIGGER audit_log_no_update")
        _chain_existing(conn)
        op.execute(f"""CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
                       BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""")


def downgrade() -> None:
    op.execute("DELETE FROM schema_info WHERE key IN ('database_id', 'maintenance')")
    with op.batch_alter_table('service_catalog') as batch:
        batch.drop_column('version')
    op.drop_column('audit_log', 'chain')
