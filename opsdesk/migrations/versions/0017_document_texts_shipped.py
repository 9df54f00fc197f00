"""the program's wording as the first version of every document text (issue 20 item 1)

The fixed texts of the documents become the head's to keep: each shipped text is put in the
table as an approved version in force since 2000-01-01, written by no one (``written_by``
becomes nullable for it). A later release that words a text differently then changes no
document already issued: the head's versions and the shipped ones print from their dates.

Revision ID: 0017tpl
Revises: 0014adr
"""
import sqlalchemy as sa
from alembic import op

revision = '0017tpl'
down_revision = '0014adr'
branch_labels = None
depends_on = None

_TEXTS = sa.table('document_texts', sa.column('key', sa.String), sa.column('valid_from', sa.Date),
                  sa.column('text', sa.String), sa.column('written_by', sa.Integer),
                  sa.column('approved_at', sa.DateTime))


def upgrade() -> None:
    from opsdesk.services.templates import seed_rows

    with op.batch_alter_table('document_texts') as batch:
        batch.alter_column('written_by', existing_type=sa.Integer(), nullable=True)
    for row in seed_rows():
        op.execute(_TEXTS.insert().values(**row, written_by=None,
                                          approved_at=sa.func.current_timestamp()))


def downgrade() -> None:
    op.execute(_TEXTS.delete().where(_TEXTS.c.written_by.is_(None)))
    with op.batch_alter_table('document_texts') as batch:
        batch.alter_column('written_by', existing_type=sa.Integer(), nullable=False)
