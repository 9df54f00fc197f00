"""repayment done right (art. 98, 104 ups)

Issue 16 item 5: the period the benefit was unduly received in, the date of the party's
request for instalments (art. 104 ust. 4: only on request), and the office's bank account
the repayment is paid into.

Revision ID: 0013zwr
Revises: 0012zdr
"""
import sqlalchemy as sa
from alembic import op

revision = '0013zwr'
down_revision = '0012zdr'
branch_labels = None
depends_on = None

_DECISION_COLUMNS = ('undue_from', 'undue_to', 'instalments_requested_on')


def upgrade() -> None:
    for column in _DECISION_COLUMNS:
        op.add_column('decisions', sa.Column(column, sa.Date(), nullable=True))
    op.add_column('office', sa.Column('bank_account', sa.String(length=34), nullable=False,
                                      server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('office') as batch:
        batch.drop_column('bank_account')
    with op.batch_alter_table('decisions') as batch:
        for column in _DECISION_COLUMNS:
            batch.drop_column(column)
