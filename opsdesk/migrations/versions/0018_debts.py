"""debts from repayment decisions, their ledger and the party's requests

Issue 19 item 3 / issue 16 item 5: a debt (należność) per issued art. 98 decision, what is
due and when, the ledger (cash with a KP receipt, transfers, deductions from payouts,
write-offs) and the requests under art. 104 ust. 4 ups, each decided by a decision of its
own. The debts of repayment decisions issued before are made from their instalments.

Revision ID: 0018dbt
Revises: 0017tpl
"""
import sqlalchemy as sa
from alembic import op

revision = '0018dbt'
down_revision = '0017tpl'
branch_labels = None
depends_on = None

_MONEY = sa.Numeric(precision=12, scale=2)


def _created() -> sa.Column:
    return sa.Column('created_at', sa.DateTime(), server_default=sa.text('CURRENT_TIMESTAMP'),
                     nullable=False)


def upgrade() -> None:
    op.create_table(
        'debts',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('decision_id', sa.Integer(), nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=False),
        sa.Column('amount', _MONEY, nullable=False),
        sa.Column('deduction_per_payout', _MONEY, nullable=True),
        sa.Column('version', sa.Integer(), nullable=False),
        _created(),
        sa.ForeignKeyConstraint(['decision_id'], ['decisions.id'],
                                name=op.f('fk_debts_decision_id_decisions')),
        sa.ForeignKeyConstraint(['person_id'], ['persons.id'],
                                name=op.f('fk_debts_person_id_persons')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_debts')),
        sa.UniqueConstraint('decision_id', name=op.f('uq_debts_decision_id')),
    )
    op.create_index(op.f('ix_debts_person_id'), 'debts', ['person_id'])
    op.create_table(
        'debt_instalments',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('debt_id', sa.Integer(), nullable=False),
        sa.Column('due_on', sa.Date(), nullable=False),
        sa.Column('amount', _MONEY, nullable=False),
        sa.Column('set_by_decision_id', sa.Integer(), nullable=False),
        sa.Column('replaced_by_decision_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['debt_id'], ['debts.id'],
                                name=op.f('fk_debt_instalments_debt_id_debts')),
        sa.ForeignKeyConstraint(['set_by_decision_id'], ['decisions.id'],
                                name=op.f('fk_debt_instalments_set_by_decision_id_decisions')),
        sa.ForeignKeyConstraint(
            ['replaced_by_decision_id'], ['decisions.id'],
            name=op.f('fk_debt_instalments_replaced_by_decision_id_decisions')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_debt_instalments')),
    )
    op.create_index(op.f('ix_debt_instalments_debt_id'), 'debt_instalments', ['debt_id'])
    op.create_table(
        'debt_entries',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('debt_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.Enum('CASH', 'TRANSFER', 'DEDUCTION', 'WRITE_OFF',
                                  name='debtentrykind', native_enum=False,
                                  create_constraint=False, length=40), nullable=False),
        sa.Column('amount', _MONEY, nullable=False),
        sa.Column('booked_on', sa.Date(), nullable=True),
        sa.Column('reference', sa.String(length=140), nullable=False),
        sa.Column('receipt_number', sa.String(length=40), nullable=True),
        sa.Column('receipt_year', sa.Integer(), nullable=True),
        sa.Column('receipt_seq', sa.Integer(), nullable=True),
        sa.Column('payout_id', sa.Integer(), nullable=True),
        sa.Column('decision_id', sa.Integer(), nullable=True),
        sa.Column('recorded_by_id', sa.Integer(), nullable=False),
        _created(),
        sa.ForeignKeyConstraint(['debt_id'], ['debts.id'],
                                name=op.f('fk_debt_entries_debt_id_debts')),
        sa.ForeignKeyConstraint(['payout_id'], ['payouts.id'],
                                name=op.f('fk_debt_entries_payout_id_payouts')),
        sa.ForeignKeyConstraint(['decision_id'], ['decisions.id'],
                                name=op.f('fk_debt_entries_decision_id_decisions')),
        sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'],
                                name=op.f('fk_debt_entries_recorded_by_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_debt_entries')),
        sa.UniqueConstraint('receipt_year', 'receipt_seq',
                            name=op.f('uq_debt_entries_receipt_year_receipt_seq')),
        sa.UniqueConstraint('receipt_number', name=op.f('uq_debt_entries_receipt_number')),
        sa.UniqueConstraint('payout_id', name=op.f('uq_debt_entries_payout_id')),
    )
    op.create_index(op.f('ix_debt_entries_debt_id'), 'debt_entries', ['debt_id'])
    op.create_table(
        'debt_requests',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('debt_id', sa.Integer(), nullable=False),
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.Enum('WRITE_OFF', 'INSTALMENTS', 'DEFERRAL',
                                  name='debtrequestkind', native_enum=False,
                                  create_constraint=False, length=40), nullable=False),
        sa.Column('received_on', sa.Date(), nullable=False),
        sa.Column('asked_amount', _MONEY, nullable=True),
        sa.Column('asked_instalments', sa.Integer(), nullable=True),
        sa.Column('asked_due_on', sa.Date(), nullable=True),
        sa.Column('party_reasons', sa.Text(), nullable=False),
        sa.Column('recorded_by_id', sa.Integer(), nullable=False),
        sa.Column('decision_id', sa.Integer(), nullable=True),
        sa.Column('granted', sa.Boolean(), nullable=True),
        sa.Column('granted_amount', _MONEY, nullable=True),
        sa.Column('granted_instalments', sa.Integer(), nullable=True),
        sa.Column('granted_due_on', sa.Date(), nullable=True),
        sa.Column('version', sa.Integer(), nullable=False),
        _created(),
        sa.ForeignKeyConstraint(['debt_id'], ['debts.id'],
                                name=op.f('fk_debt_requests_debt_id_debts')),
        sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'],
                                name=op.f('fk_debt_requests_recorded_by_id_users')),
        sa.ForeignKeyConstraint(['case_id'], ['cases.id'],
                                name=op.f('fk_debt_requests_case_id_cases')),
        sa.ForeignKeyConstraint(['decision_id'], ['decisions.id'],
                                name=op.f('fk_debt_requests_decision_id_decisions')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_debt_requests')),
        sa.UniqueConstraint('decision_id', name=op.f('uq_debt_requests_decision_id')),
    )
    op.create_index(op.f('ix_debt_requests_debt_id'), 'debt_requests', ['debt_id'])
    # The repayment decisions issued before: their debts and their instalments.
    op.execute("INSERT INTO debts (decision_id, person_id, amount, version) "
               "SELECT id, person_id, amount, 1 FROM decisions "
               "WHERE kind = 'REPAYMENT' AND status = 'ISSUED' AND amount IS NOT NULL")
    op.execute("INSERT INTO debt_instalments (debt_id, due_on, amount, set_by_decision_id) "
               "SELECT debts.id, r.due_on, r.amount, r.decision_id FROM repayment_instalments r "
               "JOIN debts ON debts.decision_id = r.decision_id")


def downgrade() -> None:
    for table in ('debt_requests', 'debt_entries', 'debt_instalments', 'debts'):
        op.drop_table(table)
