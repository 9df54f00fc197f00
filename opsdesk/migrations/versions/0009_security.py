"""office mistakes: catalogue versions

Issue 17: a catalogue item carries a version, so a colleague's edit is not silently
overwritten by a form opened before it.

Revision ID: 0009sec
Revises: 0007obl
"""
import sqlalchemy as sa
from alembic import op

revision = '0009sec'
down_revision = '0008nd'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('service_catalog') as batch:
        batch.add_column(sa.Column('version', sa.Integer(), nullable=False,
                                   server_default='1'))
    with op.batch_alter_table('service_catalog') as batch:
        batch.alter_column('version', server_default=None)


def downgrade() -> None:
    with op.batch_alter_table('service_catalog') as batch:
        batch.drop_column('version')
