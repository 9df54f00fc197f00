"""texts of documents, signed documents, the organ's identity, legal figures, e-Doręczenia

Issue 20: the dated versions of the documents' fixed texts, the signed PDF of a decision kept
as signed (signed in the program or imported), the office's identity as dated versions, legal
figures the head enters ahead of their date, and the electronic delivery address of a person
and of the office with the e-Doręczenia packages and their delivery confirmations.

Revision ID: 0011tpl
Revises: 0007obl
"""
import sqlalchemy as sa
from alembic import op

revision = '0011tpl'
down_revision = '0010dec'
branch_labels = None
depends_on = None


def _created_at() -> sa.Column:
    return sa.Column('created_at', sa.DateTime(), server_default=sa.text('CURRENT_TIMESTAMP'),
                     nullable=False)


def upgrade() -> None:
    op.create_table(
        'signed_documents',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('decision_id', sa.Integer(), nullable=False),
        sa.Column('pdf', sa.LargeBinary(), nullable=False),
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('signer_name', sa.String(length=200), nullable=False),
        sa.Column('signer_pesel', sa.String(length=11), nullable=False),
        sa.Column('issuer', sa.String(length=200), nullable=False),
        sa.Column('signed_at', sa.DateTime(), nullable=False),
        sa.Column('imported', sa.Boolean(), nullable=False),
        sa.Column('stored_by', sa.Integer(), nullable=False),
        _created_at(),
        sa.ForeignKeyConstraint(['decision_id'], ['decisions.id'],
                                name=op.f('fk_signed_documents_decision_id_decisions')),
        sa.ForeignKeyConstraint(['stored_by'], ['users.id'],
                                name=op.f('fk_signed_documents_stored_by_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_signed_documents')))
    op.create_index(op.f('ix_signed_documents_decision_id'), 'signed_documents',
                    ['decision_id'], unique=False)
    op.create_table(
        'office_identities',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('valid_from', sa.Date(), nullable=False),
        sa.Column('unit_kind', sa.String(length=3), nullable=False),
        sa.Column('name', sa.String(length=200), nullable=False),
        sa.Column('name_genitive', sa.String(length=200), nullable=False),
        sa.Column('organ_kind', sa.String(length=12), nullable=False),
        sa.Column('organ_of', sa.String(length=120), nullable=False),
        sa.Column('town', sa.String(length=80), nullable=False),
        sa.Column('head_position', sa.String(length=160), nullable=False),
        sa.Column('sko_name', sa.String(length=200), nullable=False),
        sa.Column('sko_name_genitive', sa.String(length=200), nullable=False),
        sa.Column('source', sa.String(length=200), nullable=False),
        sa.Column('entered_by', sa.Integer(), nullable=False),
        _created_at(),
        sa.ForeignKeyConstraint(['entered_by'], ['users.id'],
                                name=op.f('fk_office_identities_entered_by_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_office_identities')),
        sa.UniqueConstraint('valid_from', name=op.f('uq_office_identities_valid_from')))
    op.create_table(
        'legal_figure_entries',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('field', sa.String(length=40), nullable=False),
        sa.Column('valid_from', sa.Date(), nullable=False),
        sa.Column('value', sa.Numeric(precision=12, scale=4), nullable=False),
        sa.Column('source', sa.String(length=300), nullable=False),
        sa.Column('entered_by', sa.Integer(), nullable=False),
        _created_at(),
        sa.ForeignKeyConstraint(['entered_by'], ['users.id'],
                                name=op.f('fk_legal_figure_entries_entered_by_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_legal_figure_entries')),
        sa.UniqueConstraint('field', 'valid_from',
                            name=op.f('uq_legal_figure_entries_field_valid_from')))
    for table in ('persons', 'office'):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column('e_delivery_address', sa.String(length=60),
                                       server_default='', nullable=False))
    op.create_table(
        'e_deliveries',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('decision_id', sa.Integer(), nullable=False),
        sa.Column('address', sa.String(length=60), nullable=False),
        sa.Column('package_sha256', sa.String(length=64), nullable=False),
        sa.Column('exported_by', sa.Integer(), nullable=False),
        sa.Column('delivered_on', sa.Date(), nullable=True),
        sa.Column('proof_sha256', sa.String(length=64), nullable=False),
        sa.Column('proof_recorded_by', sa.Integer(), nullable=True),
        _created_at(),
        sa.ForeignKeyConstraint(['decision_id'], ['decisions.id'],
                                name=op.f('fk_e_deliveries_decision_id_decisions')),
        sa.ForeignKeyConstraint(['exported_by'], ['users.id'],
                                name=op.f('fk_e_deliveries_exported_by_users')),
        sa.ForeignKeyConstraint(['proof_recorded_by'], ['users.id'],
                                name=op.f('fk_e_deliveries_proof_recorded_by_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_e_deliveries')))
    op.create_index(op.f('ix_e_deliveries_decision_id'), 'e_deliveries', ['decision_id'],
                    unique=False)
    op.create_table(
        'document_texts',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('key', sa.String(length=60), nullable=False),
        sa.Column('valid_from', sa.Date(), nullable=False),
        sa.Column('text', sa.String(length=4000), nullable=False),
        sa.Column('written_by', sa.Integer(), nullable=False),
        sa.Column('approved_by', sa.Integer(), nullable=True),
        sa.Column('approved_at', sa.DateTime(), nullable=True),
        _created_at(),
        sa.ForeignKeyConstraint(['written_by'], ['users.id'],
                                name=op.f('fk_document_texts_written_by_users')),
        sa.ForeignKeyConstraint(['approved_by'], ['users.id'],
                                name=op.f('fk_document_texts_approved_by_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_document_texts')),
        sa.UniqueConstraint('key', 'valid_from', name=op.f('uq_document_texts_key_valid_from')))


def downgrade() -> None:
    op.drop_table('document_texts')
    op.drop_index(op.f('ix_e_deliveries_decision_id'), table_name='e_deliveries')
    op.drop_table('e_deliveries')
    for table in ('office', 'persons'):
        with op.batch_alter_table(table) as batch:
            batch.drop_column('e_delivery_address')
    op.drop_table('legal_figure_entries')
    op.drop_table('office_identities')
    op.drop_index(op.f('ix_signed_documents_decision_id'), table_name='signed_documents')
    op.drop_table('signed_documents')
