"""each payout list keeps its count and total

Issue 13: the page of payout lists counted two years of lists' payouts at every reading
(≈ 1 400 pages of the large demo after a colleague's write, on the office's drive a LAN
round trip each; the head and the benefits workers read it at login). Each list now keeps
its number of payouts and their total, worked out again by ``services/payout_totals.py``
whenever its payouts change; the existing lists are counted here.

Revision ID: 0027tot
Revises: 0026msg
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

from opsdesk.services import payout_totals as totals

revision = '0027tot'
down_revision = '0026msg'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('payout_lists') as batch:
        batch.add_column(sa.Column('payout_count', sa.Integer(), nullable=False,
                                   server_default='0'))
        batch.add_column(sa.Column('payout_total', sa.Numeric(precision=12, scale=2),
                                   nullable=False, server_default='0'))
    totals.rebuild(Session(bind=op.get_bind()))


def downgrade() -> None:
    with op.batch_alter_table('payout_lists') as batch:
        batch.drop_column('payout_total')
        batch.drop_column('payout_count')
