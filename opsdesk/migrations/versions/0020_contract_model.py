"""kontrakt socjalny after the regulation's model (issue 16 item 7): the situation
described, actions with who and by when, annexes, the consequences' text, the model's act

Revision ID: 0020kon
Revises: 0019sko
"""
from datetime import date

import sqlalchemy as sa
from alembic import op

revision = '0020kon'
down_revision = '0019sko'
branch_labels = None
depends_on = None

_TEXTS = sa.table('document_texts', sa.column('key', sa.String), sa.column('valid_from', sa.Date),
                  sa.column('text', sa.String), sa.column('written_by', sa.Integer),
                  sa.column('approved_at', sa.DateTime))
_NEW_TEXTS = ('contract.consequences',)
_ACTS = sa.table('legal_acts', sa.column('act', sa.String), sa.column('valid_from', sa.Date),
                 sa.column('title', sa.String), sa.column('journal', sa.String),
                 sa.column('note', sa.String), sa.column('version', sa.Integer))
_MODEL = dict(
    act='CONTRACT_MODEL', valid_from=date(2010, 11, 8),
    title="rozporządzenia Ministra Pracy i Polityki Społecznej z dnia 8 listopada 2010 r. w "
          "sprawie wzoru kontraktu socjalnego",
    journal="Dz.U. z 2010 r. Nr 218, poz. 1439",
    note="wydane na podstawie art. 108 ust. 4 ups; numer Dz.U. z pamięci, od dnia wydania "
         "(data wejścia w życie nie sprawdzona) (unverified) — do sprawdzenia w ISAP",
    version=1)


def upgrade() -> None:
    op.add_column('social_contracts', sa.Column('situation', sa.Text(), nullable=False,
                                                server_default=''))
    op.create_table(
        'social_contract_annexes',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('contract_id', sa.Integer(), nullable=False),
        sa.Column('number', sa.Integer(), nullable=False),
        sa.Column('made_on', sa.Date(), nullable=False),
        sa.Column('changes', sa.Text(), nullable=False),
        sa.Column('new_period_to', sa.Date(), nullable=True),
        sa.Column('old_period_to', sa.Date(), nullable=False),
        sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'),
                  nullable=False),
        sa.ForeignKeyConstraint(['contract_id'], ['social_contracts.id'],
                                name=op.f('fk_social_contract_annexes_contract_id_social_contracts')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_social_contract_annexes')),
        sa.UniqueConstraint('contract_id', 'number',
                            name=op.f('uq_social_contract_annexes_contract_id_number')))
    op.create_index(op.f('ix_social_contract_annexes_contract_id'), 'social_contract_annexes',
                    ['contract_id'])
    op.create_table(
        'social_contract_actions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('contract_id', sa.Integer(), nullable=False),
        sa.Column('annex_id', sa.Integer(), nullable=True),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('what', sa.Text(), nullable=False),
        sa.Column('who', sa.String(length=200), nullable=False),
        sa.Column('due_on', sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(['contract_id'], ['social_contracts.id'],
                                name=op.f('fk_social_contract_actions_contract_id_social_contracts')),
        sa.ForeignKeyConstraint(['annex_id'], ['social_contract_annexes.id'],
                                name=op.f('fk_social_contract_actions_annex_id_social_contract_annexes')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_social_contract_actions')))
    op.create_index(op.f('ix_social_contract_actions_contract_id'), 'social_contract_actions',
                    ['contract_id'])
    from opsdesk.services.templates import seed_rows

    # A new database got it from 0017tpl (it seeds the program's texts as they are now).
    have = set(op.get_bind().execute(sa.select(_TEXTS.c.key).where(
        _TEXTS.c.key.in_(_NEW_TEXTS))).scalars())
    for row in seed_rows():
        if row['key'] in _NEW_TEXTS and row['key'] not in have:
            op.execute(_TEXTS.insert().values(**row, written_by=None,
                                              approved_at=sa.func.current_timestamp()))
    op.execute(_ACTS.insert().values(**_MODEL))


def downgrade() -> None:
    op.execute(_ACTS.delete().where(_ACTS.c.act == 'CONTRACT_MODEL'))
    op.execute(_TEXTS.delete().where(_TEXTS.c.key.in_(_NEW_TEXTS)))
    op.drop_index(op.f('ix_social_contract_actions_contract_id'), 'social_contract_actions')
    op.drop_table('social_contract_actions')
    op.drop_index(op.f('ix_social_contract_annexes_contract_id'), 'social_contract_annexes')
    op.drop_table('social_contract_annexes')
    with op.batch_alter_table('social_contracts') as batch:
        batch.drop_column('situation')
