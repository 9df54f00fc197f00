"""health-care decisions (art. 54 uśoz)

Issue 19 item 2: the application for, and the decision confirming, the right to publicly
funded health care of an uninsured person under the income threshold, with its 90-day
period, its early end and its closing; the act's consolidated text for the legal basis.

Revision ID: 0012zdr
Revises: 0011tpl
"""
from datetime import date

import sqlalchemy as sa
from alembic import op

revision = '0012zdr'
down_revision = '0011tpl'
branch_labels = None
depends_on = None

_USOZ = {
    "act": "USOZ", "valid_from": date(2024, 1, 1), "version": 1,
    "title": "ustawy z dnia 27 sierpnia 2004 r. o świadczeniach opieki zdrowotnej "
             "finansowanych ze środków publicznych",
    "journal": "Dz.U. z 2024 r. poz. 146",
    "note": "z pamięci (unverified) numer tekstu jednolitego i data do sprawdzenia w ISAP",
}


def upgrade() -> None:
    op.create_table(
        'health_care_decisions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=False),
        sa.Column('requested_by', sa.String(length=10), nullable=False),
        sa.Column('provider_name', sa.String(length=200), nullable=False),
        sa.Column('treated_on', sa.Date(), nullable=True),
        sa.Column('applied_on', sa.Date(), nullable=False),
        sa.Column('registered_by_id', sa.Integer(), nullable=False),
        sa.Column('interview_id', sa.Integer(), nullable=True),
        sa.Column('granted', sa.Boolean(), nullable=True),
        sa.Column('income', sa.Numeric(precision=12, scale=2), nullable=True),
        sa.Column('threshold', sa.Numeric(precision=12, scale=2), nullable=True),
        sa.Column('persons', sa.Integer(), nullable=True),
        sa.Column('justification', sa.Text(), nullable=False),
        sa.Column('number', sa.String(length=40), nullable=True),
        sa.Column('year', sa.Integer(), nullable=True),
        sa.Column('seq', sa.Integer(), nullable=True),
        sa.Column('issued_on', sa.Date(), nullable=True),
        sa.Column('period_from', sa.Date(), nullable=True),
        sa.Column('period_to', sa.Date(), nullable=True),
        sa.Column('approved_by_id', sa.Integer(), nullable=True),
        sa.Column('signatory_name', sa.String(length=200), nullable=False),
        sa.Column('signatory_position', sa.String(length=200), nullable=False),
        sa.Column('ended_on', sa.Date(), nullable=True),
        sa.Column('end_reason', sa.String(length=300), nullable=False),
        sa.Column('closed_on', sa.Date(), nullable=True),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(), server_default=sa.text('CURRENT_TIMESTAMP'),
                  nullable=False),
        sa.ForeignKeyConstraint(['approved_by_id'], ['users.id'],
                                name=op.f('fk_health_care_decisions_approved_by_id_users')),
        sa.ForeignKeyConstraint(['case_id'], ['cases.id'],
                                name=op.f('fk_health_care_decisions_case_id_cases')),
        sa.ForeignKeyConstraint(['interview_id'], ['interviews.id'],
                                name=op.f('fk_health_care_decisions_interview_id_interviews')),
        sa.ForeignKeyConstraint(['person_id'], ['persons.id'],
                                name=op.f('fk_health_care_decisions_person_id_persons')),
        sa.ForeignKeyConstraint(['registered_by_id'], ['users.id'],
                                name=op.f('fk_health_care_decisions_registered_by_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_health_care_decisions')),
        sa.UniqueConstraint('case_id', name=op.f('uq_health_care_decisions_case_id')),
        sa.UniqueConstraint('number', name=op.f('uq_health_care_decisions_number')),
        sa.UniqueConstraint('year', 'seq', name=op.f('uq_health_care_decisions_year_seq')))
    op.create_index('ix_health_care_decisions_person_id', 'health_care_decisions',
                    ['person_id'])
    acts = sa.table('legal_acts', sa.column('act', sa.String), sa.column('valid_from', sa.Date),
                    sa.column('title', sa.String), sa.column('journal', sa.String),
                    sa.column('note', sa.String), sa.column('version', sa.Integer))
    op.bulk_insert(acts, [_USOZ])


def downgrade() -> None:
    op.execute("DELETE FROM legal_acts WHERE act = 'USOZ'")
    op.drop_index('ix_health_care_decisions_person_id', 'health_care_decisions')
    op.drop_table('health_care_decisions')
