"""network drive indexes

Issue 13: on a network drive every page read is a round trip. The first-contact desk's
upcoming appointments scanned every appointment of ten years to find the planned ones
ahead (now a range of ``ix_appointments_starts_at``); and the long lists that show a
person's name on each row (the benefits queue, the head's deadlines, the year's register of
certificates, the social worker's caseload) read one page of ``persons`` per row, where the
narrow ``ix_persons_names`` holds the names of a hundred persons a page (the queries name it
with ``INDEXED BY`` on SQLite: its planner prefers the table's own key otherwise). The
queue's deadlines of those cases are read from ``ix_case_deadlines_case_id`` alone, now
that it carries the columns they need. A social worker's caseload reads their open clients
from ``ix_social_work_cases_worker_id`` (now by worker and status), not every client they
ever had.

Revision ID: 0008nd
Revises: 0007obl
"""
from alembic import op

revision = '0008nd'
down_revision = '0007obl'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_appointments_starts_at', 'appointments', ['starts_at'])
    op.create_index('ix_persons_names', 'persons', ['id', 'last_name', 'first_name'])
    op.drop_index('ix_case_deadlines_case_id', table_name='case_deadlines')
    op.create_index('ix_case_deadlines_case_id', 'case_deadlines',
                    ['case_id', 'kind', 'due', 'until', 'benefit_kind'])
    op.drop_index('ix_social_work_cases_worker_id', table_name='social_work_cases')
    op.create_index('ix_social_work_cases_worker_id', 'social_work_cases',
                    ['worker_id', 'status'])


def downgrade() -> None:
    op.drop_index('ix_social_work_cases_worker_id', table_name='social_work_cases')
    op.create_index('ix_social_work_cases_worker_id', 'social_work_cases', ['worker_id'])
    op.drop_index('ix_case_deadlines_case_id', table_name='case_deadlines')
    op.create_index('ix_case_deadlines_case_id', 'case_deadlines', ['case_id'])
    op.drop_index('ix_persons_names', table_name='persons')
    op.drop_index('ix_appointments_starts_at', table_name='appointments')
