"""a decision's recorded reason for a party without an address (issue 15 item 4)

A homeless party has no street and town; the decision may still go for approval when the
worker records why and where it is delivered (art. 39 kpa), e.g. at the office.

Revision ID: 0014adr
Revises: 0013zwr
"""
import sqlalchemy as sa
from alembic import op

revision = '0014adr'
down_revision = '0013zwr'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('decisions', sa.Column('no_address_reason', sa.String(length=300),
                                         nullable=False, server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('decisions') as batch:
        batch.drop_column('no_address_reason')
