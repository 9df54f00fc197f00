"""the messages' indexes

Issue 13: on a network drive every page read is a round trip, and after a colleague's write
every page is read again. The envelope's count of unread messages read every message of the
worker's team (≈ 480 pages of the large demo to find none); it now reads a partial index of
the unread alone. The inbox chose its newest messages by reading each message of the team
(bodies and all, two to a page) before sorting; the two indexes it picks from now carry the
date, the addressee and the mark, so the choice is made from them and only the messages
shown are read; "Wysłane" reads the worker's own from an index of authors, not every
message.

Revision ID: 0022idx
Revises: 0021fts
"""
import sqlalchemy as sa
from alembic import op

revision = '0022idx'
down_revision = '0021fts'
branch_labels = None
depends_on = None

UNREAD = sa.text("read_at IS NULL")


def upgrade() -> None:
    op.drop_index('ix_case_messages_to_team', table_name='case_messages')
    op.create_index('ix_case_messages_to_team', 'case_messages',
                    ['to_team', 'written_on', 'id', 'to_user_id', 'read_at'])
    op.drop_index('ix_case_messages_to_user_id', table_name='case_messages')
    op.create_index('ix_case_messages_to_user_id', 'case_messages',
                    ['to_user_id', 'written_on', 'id', 'to_team', 'read_at'])
    op.create_index('ix_case_messages_author_id', 'case_messages',
                    ['author_id', 'written_on', 'id'])
    op.create_index('ix_case_messages_unread', 'case_messages', ['to_team', 'to_user_id'],
                    sqlite_where=UNREAD, postgresql_where=UNREAD)


def downgrade() -> None:
    op.drop_index('ix_case_messages_unread', table_name='case_messages')
    op.drop_index('ix_case_messages_author_id', table_name='case_messages')
    op.drop_index('ix_case_messages_to_user_id', table_name='case_messages')
    op.create_index('ix_case_messages_to_user_id', 'case_messages', ['to_user_id'])
    op.drop_index('ix_case_messages_to_team', table_name='case_messages')
    op.create_index('ix_case_messages_to_team', 'case_messages', ['to_team'])
