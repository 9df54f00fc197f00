"""delivery register, finality, the acts' Dz.U. references

Issue 16: how each decision was delivered (handed over, post with ZPO, e-Doręczenia,
refused), a waiver of appeal and an appeal lodged; a correction against the party waits
for finality before it changes the payouts (kpa art. 130); the consolidated texts of the
acts a decision cites, dated, editable by the head.

Revision ID: 0010dec
Revises: 0007obl
"""
from datetime import date

import sqlalchemy as sa
from alembic import op

revision = '0010dec'
down_revision = '0009sec'
branch_labels = None
depends_on = None

# The references as the program first ships them; the head corrects and adds rows.
_UNVERIFIED = "(unverified) numer tekstu jednolitego i data do sprawdzenia w ISAP"
_ACTS = (
    ("UPS", "2025-01-01", "ustawy z dnia 12 marca 2004 r. o pomocy społecznej",
     "Dz.U. z 2025 r. poz. 1214",
     "docs/law.md (grudzień 2026); data, od której cytować, " + _UNVERIFIED),
    ("KPA", "2025-01-01", "ustawy z dnia 14 czerwca 1960 r. – Kodeks postępowania "
     "administracyjnego", "Dz.U. z 2024 r. poz. 572", "z pamięci " + _UNVERIFIED),
    ("THRESHOLDS", "2025-01-01", "rozporządzenia Rady Ministrów z dnia 10 lipca 2024 r. w "
     "sprawie zweryfikowanych kryteriów dochodowych oraz kwot świadczeń pieniężnych z pomocy "
     "społecznej", "Dz.U. z 2024 r. poz. 1044",
     "docs/law.md; data rozporządzenia (10 lipca 2024 r.) (unverified)"),
)


def upgrade() -> None:
    # Plain ADD COLUMN (no table copy on SQLite: other tables refer to decisions).
    op.add_column('decisions', sa.Column('delivery_method', sa.String(length=40),
                                         nullable=True))
    op.add_column('decisions', sa.Column('appeal_waived_on', sa.Date(), nullable=True))
    op.add_column('decisions', sa.Column('appeal_lodged_on', sa.Date(), nullable=True))
    op.add_column('decisions', sa.Column('awaits_finality', sa.Boolean(), nullable=False,
                                         server_default=sa.false()))
    # What was delivered before: only the desk recorded a delivery.
    op.execute("UPDATE decisions SET delivery_method = 'HANDED_OVER' "
               "WHERE delivered_on IS NOT NULL")
    acts = op.create_table(
        'legal_acts',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('act', sa.String(length=20), nullable=False),
        sa.Column('valid_from', sa.Date(), nullable=False),
        sa.Column('title', sa.String(length=400), nullable=False),
        sa.Column('journal', sa.String(length=120), nullable=False),
        sa.Column('note', sa.String(length=400), nullable=False, server_default=''),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_legal_acts')),
        sa.UniqueConstraint('act', 'valid_from', name=op.f('uq_legal_acts_act_valid_from')))
    op.bulk_insert(acts, [
        {"act": act, "valid_from": date.fromisoformat(on), "title": title, "journal": journal,
         "note": note, "version": 1} for act, on, title, journal, note in _ACTS])


def downgrade() -> None:
    op.drop_table('legal_acts')
    with op.batch_alter_table('decisions') as batch:
        for column in ('awaits_finality', 'appeal_lodged_on', 'appeal_waived_on',
                       'delivery_method'):
            batch.drop_column(column)
