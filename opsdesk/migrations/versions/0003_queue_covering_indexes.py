"""queue covering indexes

The benefits queue asks, for every case it may show, whether it has a completed interview, a
settling decision and when it was last decided, and, for every running benefit, whether an
issued revocation ends it. These indexes carry the columns those questions test, so each is
answered from the index without reading the rows (the queue's query took half the time).

Revision ID: 0003
Revises: 0002
"""
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

# name, table, columns now, columns before
_INDEXES = [
    ("ix_decisions_corrections", "decisions",
     ["corrects_decision_id", "kind", "effective_from", "status"],
     ["corrects_decision_id", "kind", "effective_from"]),
    ("ix_decisions_case_id", "decisions", ["case_id", "status", "kind", "issued_on"],
     ["case_id"]),
    ("ix_interviews_case_id", "interviews", ["case_id", "completed"], ["case_id"]),
]


def upgrade() -> None:
    for name, table, columns, _before in _INDEXES:
        # "if exists": a database from a pre-release build may lack one of them.
        op.drop_index(name, table_name=table, if_exists=True)
        op.create_index(name, table, columns)


def downgrade() -> None:
    for name, table, _columns, before in _INDEXES:
        op.drop_index(name, table_name=table)
        op.create_index(name, table, before)
