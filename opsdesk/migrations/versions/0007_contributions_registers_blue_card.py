"""contributions, register checks, Niebieska Karta

Issue 19: the centre as a ZUS payer (its identity, the basis of an art. 42 ups decision,
the declarations it sent with the KEDU file), checks in central registers with their
printouts, the Niebieska Karta procedures and their group's meetings, and the interview's
answer to "insured from another title?".

Revision ID: 0007obl
Revises: 0004
"""
import sqlalchemy as sa
from alembic import op

revision = '0007obl'
down_revision = '0004'
branch_labels = None
depends_on = None


def _created_at() -> sa.Column:
    return sa.Column('created_at', sa.DateTime(), server_default=sa.text('CURRENT_TIMESTAMP'),
                     nullable=False)


def upgrade() -> None:
    op.create_table(
        'zus_payer',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('nip', sa.String(length=10), nullable=False),
        sa.Column('regon', sa.String(length=14), nullable=False),
        sa.Column('short_name', sa.String(length=31), nullable=False),
        sa.Column('deadline_code', sa.String(length=1), nullable=False),
        sa.Column('nfz_branch', sa.String(length=3), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_zus_payer')))
    op.create_table(
        'contribution_bases',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('decision_id', sa.Integer(), nullable=False),
        sa.Column('basis', sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column('set_by_id', sa.Integer(), nullable=False),
        _created_at(),
        sa.ForeignKeyConstraint(['decision_id'], ['decisions.id'],
                                name=op.f('fk_contribution_bases_decision_id_decisions')),
        sa.ForeignKeyConstraint(['set_by_id'], ['users.id'],
                                name=op.f('fk_contribution_bases_set_by_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_contribution_bases')),
        sa.UniqueConstraint('decision_id', name=op.f('uq_contribution_bases_decision_id')))
    op.create_table(
        'zus_packages',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('month', sa.Date(), nullable=False),
        sa.Column('seq', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('created_by_id', sa.Integer(), nullable=False),
        sa.Column('xml', sa.LargeBinary(), nullable=True),
        sa.ForeignKeyConstraint(['created_by_id'], ['users.id'],
                                name=op.f('fk_zus_packages_created_by_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_zus_packages')),
        sa.UniqueConstraint('month', 'seq', name=op.f('uq_zus_packages_month_seq')))
    op.create_table(
        'zus_documents',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('package_id', sa.Integer(), nullable=False),
        sa.Column('form', sa.String(length=4), nullable=False),
        sa.Column('kind', sa.String(length=10), nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=False),
        sa.Column('decision_id', sa.Integer(), nullable=True),
        sa.Column('effective_on', sa.Date(), nullable=False),
        sa.Column('title_code', sa.String(length=6), nullable=False),
        sa.Column('reason_code', sa.String(length=3), nullable=False),
        sa.ForeignKeyConstraint(['decision_id'], ['decisions.id'],
                                name=op.f('fk_zus_documents_decision_id_decisions')),
        sa.ForeignKeyConstraint(['package_id'], ['zus_packages.id'],
                                name=op.f('fk_zus_documents_package_id_zus_packages')),
        sa.ForeignKeyConstraint(['person_id'], ['persons.id'],
                                name=op.f('fk_zus_documents_person_id_persons')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_zus_documents')))
    op.create_index('ix_zus_documents_package_id', 'zus_documents', ['package_id'])
    op.create_index('ix_zus_documents_person', 'zus_documents',
                    ['person_id', 'form', 'effective_on'])
    op.create_table(
        'register_checks',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=False),
        sa.Column('register', sa.String(length=20), nullable=False),
        sa.Column('register_name', sa.String(length=120), nullable=False),
        sa.Column('checked_at', sa.DateTime(), nullable=False),
        sa.Column('checked_by_id', sa.Integer(), nullable=False),
        sa.Column('query', sa.Text(), nullable=False),
        sa.Column('result', sa.Text(), nullable=False),
        sa.Column('printout_name', sa.String(length=200), nullable=False),
        sa.Column('printout_type', sa.String(length=40), nullable=False),
        sa.Column('printout_size', sa.Integer(), nullable=False),
        sa.Column('printout', sa.LargeBinary(), nullable=True),
        _created_at(),
        sa.ForeignKeyConstraint(['case_id'], ['cases.id'],
                                name=op.f('fk_register_checks_case_id_cases')),
        sa.ForeignKeyConstraint(['checked_by_id'], ['users.id'],
                                name=op.f('fk_register_checks_checked_by_id_users')),
        sa.ForeignKeyConstraint(['person_id'], ['persons.id'],
                                name=op.f('fk_register_checks_person_id_persons')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_register_checks')))
    op.create_index('ix_register_checks_case_id', 'register_checks', ['case_id'])
    op.create_index('ix_register_checks_person_id', 'register_checks', ['person_id'])
    op.create_table(
        'blue_cards',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('number', sa.String(length=40), nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=False),
        sa.Column('suspect_name', sa.String(length=200), nullable=False),
        sa.Column('worker_id', sa.Integer(), nullable=False),
        sa.Column('initiated_on', sa.Date(), nullable=False),
        sa.Column('initiated_by', sa.String(length=200), nullable=False),
        sa.Column('filled_here', sa.Boolean(), nullable=False),
        sa.Column('received_on', sa.Date(), nullable=True),
        sa.Column('group_formed_on', sa.Date(), nullable=True),
        sa.Column('group_members', sa.Text(), nullable=False),
        sa.Column('nk_c_on', sa.Date(), nullable=True),
        sa.Column('nk_d_on', sa.Date(), nullable=True),
        sa.Column('nk_d_planned_on', sa.Date(), nullable=True),
        sa.Column('closed_on', sa.Date(), nullable=True),
        sa.Column('closure', sa.String(length=20), nullable=False),
        sa.Column('notes', sa.Text(), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        _created_at(),
        sa.ForeignKeyConstraint(['person_id'], ['persons.id'],
                                name=op.f('fk_blue_cards_person_id_persons')),
        sa.ForeignKeyConstraint(['worker_id'], ['users.id'],
                                name=op.f('fk_blue_cards_worker_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_blue_cards')),
        sa.UniqueConstraint('number', name=op.f('uq_blue_cards_number')))
    op.create_index('ix_blue_cards_person_id', 'blue_cards', ['person_id'])
    op.create_index('ix_blue_cards_worker_id', 'blue_cards', ['worker_id'])
    op.create_table(
        'blue_card_meetings',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('blue_card_id', sa.Integer(), nullable=False),
        sa.Column('held_on', sa.Date(), nullable=False),
        sa.Column('with_victim', sa.Boolean(), nullable=False),
        sa.Column('with_suspect', sa.Boolean(), nullable=False),
        sa.Column('notes', sa.Text(), nullable=False),
        _created_at(),
        sa.ForeignKeyConstraint(['blue_card_id'], ['blue_cards.id'],
                                name=op.f('fk_blue_card_meetings_blue_card_id_blue_cards')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_blue_card_meetings')))
    op.create_index('ix_blue_card_meetings_blue_card_id', 'blue_card_meetings',
                    ['blue_card_id'])
    # Plain ADD COLUMN (no table copy on SQLite: other tables refer to interviews).
    op.add_column('interviews', sa.Column('health_insured_elsewhere', sa.Boolean(),
                                          nullable=True))
    op.add_column('interviews', sa.Column('health_insurance_note', sa.String(length=200),
                                          nullable=False, server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('interviews') as batch:
        batch.drop_column('health_insurance_note')
        batch.drop_column('health_insured_elsewhere')
    for table in ('blue_card_meetings', 'blue_cards', 'register_checks', 'zus_documents',
                  'zus_packages', 'contribution_bases', 'zus_payer'):
        op.drop_table(table)
