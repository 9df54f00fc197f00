"""the social workers' lists carry their persons' names

Issue 13: the caseload read, for each client, the wide row of ``social_work_cases``, the
person's name and the proceeding's sign (≈ 300 reads for a worker's 215 clients of the large
demo after a colleague's write), and the head's deadlines did the same for every open client,
running contract and open task. The rows now carry the person's name (kept by
``services/name_copies.py``) and the client's proceeding's sign, and the lists read indexes
that hold what they show: a worker's clients, the centre's by state, the running contracts,
the open tasks by due date (the clients' by state, a worker's among them).

Revision ID: 0025swl
Revises: 0024nam
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

from opsdesk.models import SocialContract, SocialTask, SocialWorkCase
from opsdesk.services import name_copies

revision = '0025swl'
down_revision = '0024nam'
branch_labels = None
depends_on = None

TABLES = ('social_work_cases', 'social_contracts', 'social_tasks')
LINE = ['id', 'person_id', 'source', 'referred_on', 'report_by', 'first_meeting_on', 'stage',
        'evaluation_due', 'case_id', 'case_sign', 'person_name', 'version']


def _column(name: str, length: int) -> sa.Column:
    return sa.Column(name, sa.String(length), nullable=False, server_default='')


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(_column('person_name', 250))
            if table == 'social_work_cases':
                batch.add_column(_column('case_sign', 60))
    name_copies.fill(Session(bind=op.get_bind()), (SocialWorkCase, SocialContract, SocialTask))
    op.drop_index('ix_social_work_cases_status', table_name='social_work_cases')
    op.create_index('ix_social_work_cases_status', 'social_work_cases',
                    ['status', 'worker_id', *LINE])
    op.drop_index('ix_social_contracts_status', table_name='social_contracts')
    op.create_index('ix_social_contracts_status', 'social_contracts',
                    ['status', 'worker_id', 'number', 'period_to', 'person_name'])
    op.create_index('ix_social_tasks_open', 'social_tasks',
                    ['status', 'due_on', 'worker_id', 'kind', 'person_name'])


def downgrade() -> None:
    op.drop_index('ix_social_tasks_open', table_name='social_tasks')
    op.drop_index('ix_social_contracts_status', table_name='social_contracts')
    op.create_index('ix_social_contracts_status', 'social_contracts', ['status'])
    op.drop_index('ix_social_work_cases_status', table_name='social_work_cases')
    op.create_index('ix_social_work_cases_status', 'social_work_cases', ['status'])
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column('person_name')
            if table == 'social_work_cases':
                batch.drop_column('case_sign')
