"""the queue's rows carry their case's line

Issue 13: after a colleague's write, Świadczenia's queue and the head's deadlines read a
page of ``cases`` and one of ``persons`` for each of a couple of thousand rows (≈ 1 200
reads on the large demo; at 0.5 ms a read on the office's drive, 0.6 s). Each row of
``case_deadlines`` now carries what the queue shows of its case (sign, kind, state, urgency,
subject, worker, version, the party's name), and one index ordered by kind, an update's
running benefit and the date holds it all, so each reason a case is shown is one range of
that index and nothing else is read. A decided case stays in the queue for two weeks: that
day is a row too (``DECIDED``). The table is made again and its rows worked out.

Revision ID: 0023que
Revises: 0022idx
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

from opsdesk.services import deadline_store

revision = '0023que'
down_revision = '0022idx'
branch_labels = None
depends_on = None


def _enum(*values: str) -> sa.Enum:
    return sa.Enum(*values, native_enum=False, create_constraint=False, length=40)


_KIND = _enum('INTERVIEW', 'DECISION', 'INTERVIEW_UPDATE', 'BENEFIT_END', 'HEALTH_CARE_END',
              'APPEAL_FORWARD', 'DECIDED')
_BENEFIT = _enum('ZASILEK_STALY', 'ZASILEK_OKRESOWY', 'ZASILEK_CELOWY', 'ZASILEK_CELOWY_39A',
                 'ZASILEK_CELOWY_40', 'SPECJALNY_ZASILEK_CELOWY', 'ZASILEK_ZWROTNY', 'POSILEK',
                 'USLUGI_OPIEKUNCZE', 'SPECJALISTYCZNE_USLUGI_OPIEKUNCZE',
                 'SPRAWIENIE_POGRZEBU', 'SKLADKA_ZDROWOTNA', 'SKLADKA_SPOLECZNA', 'DPS',
                 'OSRODEK_WSPARCIA')
_CASE_KIND = _enum('BENEFIT', 'INTERVIEW_FOR_OTHER_OFFICE', 'DPS', 'GUARDIAN_CANDIDATE',
                   'ACTUAL_CARE', 'PREPARATORY')
_CASE_STATUS = _enum('NEW', 'IN_PROGRESS', 'AWAITING_APPROVAL', 'DECIDED', 'CLOSED')
_LINE = ('case_sign', 'case_kind', 'case_status', 'case_urgent', 'case_subject',
         'assigned_to_id', 'case_version', 'person_id', 'person_name')


def _table(*extra: sa.Column) -> None:
    op.create_table(
        'case_deadlines',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('kind', _KIND, nullable=False),
        sa.Column('due', sa.Date(), nullable=False),
        sa.Column('until', sa.Date(), nullable=True),
        sa.Column('benefit_kind', _BENEFIT, nullable=True),
        *extra,
        sa.ForeignKeyConstraint(['case_id'], ['cases.id'],
                                name=op.f('fk_case_deadlines_case_id_cases'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_case_deadlines')))


def upgrade() -> None:
    op.drop_table('case_deadlines')
    _table(sa.Column('case_sign', sa.String(60), nullable=False),
           sa.Column('case_kind', _CASE_KIND, nullable=False),
           sa.Column('case_status', _CASE_STATUS, nullable=False),
           sa.Column('case_urgent', sa.Boolean(), nullable=False),
           sa.Column('case_subject', sa.String(300), nullable=False),
           sa.Column('assigned_to_id', sa.Integer(), nullable=True),
           sa.Column('case_version', sa.Integer(), nullable=False),
           sa.Column('person_id', sa.Integer(), nullable=False),
           sa.Column('person_name', sa.String(250), nullable=False))
    op.create_index('ix_case_deadlines_case_id', 'case_deadlines', ['case_id'])
    op.create_index('ix_case_deadlines_queue', 'case_deadlines',
                    ['kind', 'until', 'due', 'case_id', 'benefit_kind', *_LINE])
    deadline_store.rebuild(Session(bind=op.get_bind()))


def downgrade() -> None:
    op.drop_table('case_deadlines')
    _table()
    op.create_index('ix_case_deadlines_case_id', 'case_deadlines',
                    ['case_id', 'kind', 'due', 'until', 'benefit_kind'])
    op.create_index('ix_case_deadlines_due', 'case_deadlines',
                    ['kind', 'due', 'until', 'case_id'])
    deadline_store.rebuild(Session(bind=op.get_bind()), lines=False)
