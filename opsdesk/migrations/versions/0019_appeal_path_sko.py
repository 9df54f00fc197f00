"""the appeal's path to the SKO (issue 16): forwarding, the organ's own revision, the SKO's
ruling with its date, sign and delivery, and the day a decision taken away stops

Revision ID: 0019sko
Revises: 0017tpl
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

from opsdesk.services import deadline_store

revision = '0019sko'
down_revision = '0018dbt'
branch_labels = None
depends_on = None

_TEXTS = sa.table('document_texts', sa.column('key', sa.String), sa.column('valid_from', sa.Date),
                  sa.column('text', sa.String), sa.column('written_by', sa.Integer),
                  sa.column('approved_at', sa.DateTime))
_NEW_TEXTS = ('notice.body_past',)  # the art. 36 notice given after the deadline (issue 16)

_DATES = ('appeal_forwarded_on', 'appeal_ruled_on', 'appeal_ruling_delivered_on',
          'appeal_effect_ends_on')


def upgrade() -> None:
    for column in _DATES:
        op.add_column('decisions', sa.Column(column, sa.Date(), nullable=True))
    op.add_column('decisions', sa.Column('appeal_outcome', sa.String(length=40), nullable=True))
    op.add_column('decisions', sa.Column('appeal_ruling_sign', sa.String(length=80),
                                         nullable=False, server_default=''))
    from opsdesk.services.templates import seed_rows

    # A new database got them from 0017tpl (it seeds the program's texts as they are now).
    have = set(op.get_bind().execute(sa.select(_TEXTS.c.key).where(
        _TEXTS.c.key.in_(_NEW_TEXTS))).scalars())
    for row in seed_rows():
        if row['key'] in _NEW_TEXTS and row['key'] not in have:
            op.execute(_TEXTS.insert().values(**row, written_by=None,
                                              approved_at=sa.func.current_timestamp()))
    # A case is settled only when every benefit applied for is decided (issue 16 item 3),
    # and an appeal waits to be forwarded: the kept deadlines are worked out again.
    deadline_store.rebuild(Session(bind=op.get_bind()), lines=False)


def downgrade() -> None:
    op.execute(_TEXTS.delete().where(_TEXTS.c.key.in_(_NEW_TEXTS)))
    with op.batch_alter_table('decisions') as batch:
        for column in (*_DATES, 'appeal_outcome', 'appeal_ruling_sign'):
            batch.drop_column(column)
