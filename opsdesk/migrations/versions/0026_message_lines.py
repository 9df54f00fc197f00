"""the formal messages' lines read from the indexes that choose them

Issue 13: the inbox of the large demo read ≈ 1 130 pages after a colleague's write to show
its 500 newest messages: each message's row (its body makes two rows a page), its person's
row and its case's. A message now carries the person's name (kept by
``services/name_copies.py``) and its case's sign, and the indexes by addressee, by team and
by author, and one of the teams' common inboxes, hold all a line shows but the body, newest
last: a list reads its lines from one of them, backwards, as far as it goes. A contract's
report was looked for in every message (opening a client with a contract: ≈ 600 reads);
an index of contracts finds it.

Revision ID: 0026msg
Revises: 0025swl
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

from opsdesk.models import CaseMessage
from opsdesk.services import name_copies

KEYS = ('to_team', 'to_user_id', 'author_id')
COMMON = sa.text('to_user_id IS NULL')  # a team's common inbox
LINE = ('number', 'kind', 'person_id', 'person_name', 'case_id', 'case_sign', 'author_id',
        'to_team', 'to_user_id', 'read_at', 'read_by_id', 'cited_in_decision_id', 'automatic')

revision = '0026msg'
down_revision = '0025swl'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('case_messages') as batch:
        batch.add_column(sa.Column('case_sign', sa.String(60), nullable=False,
                                   server_default=''))
        batch.add_column(sa.Column('person_name', sa.String(250), nullable=False,
                                   server_default=''))
    name_copies.fill(Session(bind=op.get_bind()), (CaseMessage,))
    for key in KEYS:
        op.drop_index(f'ix_case_messages_{key}', table_name='case_messages')
        op.create_index(f'ix_case_messages_{key}', 'case_messages',
                        [key, 'written_on', 'id', *(c for c in LINE if c != key)])
    op.create_index('ix_case_messages_contract_id', 'case_messages', ['contract_id', 'kind'])
    op.create_index('ix_case_messages_common', 'case_messages',
                    ['to_team', 'written_on', 'id', *(c for c in LINE if c != 'to_team')],
                    sqlite_where=COMMON,
                    postgresql_where=COMMON)


def downgrade() -> None:
    op.drop_index('ix_case_messages_common', table_name='case_messages')
    op.drop_index('ix_case_messages_contract_id', table_name='case_messages')
    for key in KEYS:
        op.drop_index(f'ix_case_messages_{key}', table_name='case_messages')
    op.create_index('ix_case_messages_author_id', 'case_messages',
                    ['author_id', 'written_on', 'id'])
    for key, other in (('to_team', 'to_user_id'), ('to_user_id', 'to_team')):
        op.create_index(f'ix_case_messages_{key}', 'case_messages',
                        [key, 'written_on', 'id', other, 'read_at'])
    with op.batch_alter_table('case_messages') as batch:
        batch.drop_column('person_name')
        batch.drop_column('case_sign')
