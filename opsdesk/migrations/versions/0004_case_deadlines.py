"""case deadlines

Each benefit case's deadlines kept in a table of their own, worked out again whenever what
they come from changes (opsdesk/services/deadline_store.py), so the Świadczenia queue and the
head's view of the centre read a short list instead of working out ten years of cases at
every refresh. The existing cases get theirs here.

Revision ID: 0004
Revises: 0003
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

from opsdesk.services import deadline_store

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

_KIND = sa.Enum('INTERVIEW', 'DECISION', 'INTERVIEW_UPDATE', 'BENEFIT_END', name='deadlinekind',
                native_enum=False, create_constraint=False, length=40)
_BENEFIT = sa.Enum('ZASILEK_STALY', 'ZASILEK_OKRESOWY', 'ZASILEK_CELOWY', 'ZASILEK_CELOWY_39A',
                   'ZASILEK_CELOWY_40', 'SPECJALNY_ZASILEK_CELOWY', 'ZASILEK_ZWROTNY', 'POSILEK',
                   'USLUGI_OPIEKUNCZE', 'SPECJALISTYCZNE_USLUGI_OPIEKUNCZE',
                   'SPRAWIENIE_POGRZEBU', 'SKLADKA_ZDROWOTNA', 'SKLADKA_SPOLECZNA', 'DPS',
                   'OSRODEK_WSPARCIA', name='benefitkind', native_enum=False,
                   create_constraint=False, length=40)


def upgrade() -> None:
    op.create_table(
        'case_deadlines',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('kind', _KIND, nullable=False),
        sa.Column('due', sa.Date(), nullable=False),
        sa.Column('until', sa.Date(), nullable=True),
        sa.Column('benefit_kind', _BENEFIT, nullable=True),
        sa.ForeignKeyConstraint(['case_id'], ['cases.id'],
                                name=op.f('fk_case_deadlines_case_id_cases'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_case_deadlines')))
    op.create_index('ix_case_deadlines_case_id', 'case_deadlines', ['case_id'])
    op.create_index('ix_case_deadlines_due', 'case_deadlines', ['kind', 'due', 'until', 'case_id'])
    # The art. 54 uśoz table comes later (0012zdr): none of its cases exist yet.
    deadline_store.rebuild(Session(bind=op.get_bind()), health_care=False, appeals=False,
                           lines=False)


def downgrade() -> None:
    op.drop_table('case_deadlines')
