"""the desk's lists carry their persons' names

Issue 13: the register of a year's certificates, "Do odbioru" and the appointments looked
up each row's person, a page of ``persons`` (or of its names' index) per row: ≈ 490 reads
for the large demo's register after a colleague's write, a LAN round trip each. Each row
now carries the name as its list shows it, kept equal to the person's by
``services/name_copies.py``; the existing rows get theirs here. The register is read from
an index of its columns: a certificate's row holds its whole text.

Revision ID: 0024nam
Revises: 0023que
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

from opsdesk.models import Appointment, Certificate, Handover
from opsdesk.services import name_copies

revision = '0024nam'
down_revision = '0023que'
branch_labels = None
depends_on = None

TABLES = ('certificates', 'appointments', 'handovers')


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column('person_name', sa.String(250), nullable=False,
                                       server_default=''))
    name_copies.fill(Session(bind=op.get_bind()), (Certificate, Appointment, Handover))
    op.create_index('ix_certificates_register', 'certificates',
                    ['year', 'seq', 'id', 'number', 'issued_on', 'person_name', 'purpose',
                     'issued_by_id'])


def downgrade() -> None:
    op.drop_index('ix_certificates_register', table_name='certificates')
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column('person_name')
