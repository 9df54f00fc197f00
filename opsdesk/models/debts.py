"""Debts (należności) from art. 98 repayment decisions: the amount and when it is due, the
ledger of what reduced it, and the party's requests about it (art. 104 ust. 4 ups)."""

from datetime import date
from decimal import Decimal

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from opsdesk.models.base import Base, Timestamped, Versioned, enum_column
from opsdesk.models.enums import DebtEntryKind, DebtRequestKind


class Debt(Versioned, Timestamped, Base):
    """One debt per issued repayment decision; its balance is the amount less its ledger."""

    __tablename__ = "debts"

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("decisions.id"), unique=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    amount: Mapped[Decimal]
    # Art. 104 ust. 2 ups: deducted from the person's current payouts, at most this much from
    # each (None: not deducted).
    deduction_per_payout: Mapped[Decimal | None]


class DebtInstalment(Base):
    """What is due and when: the repayment decision's terms, replaced by a decision granting
    instalments or a deferral (the replaced rows stay, with the decision that replaced them)."""

    __tablename__ = "debt_instalments"

    id: Mapped[int] = mapped_column(primary_key=True)
    debt_id: Mapped[int] = mapped_column(ForeignKey("debts.id"), index=True)
    due_on: Mapped[date]
    amount: Mapped[Decimal]
    set_by_decision_id: Mapped[int] = mapped_column(ForeignKey("decisions.id"))
    replaced_by_decision_id: Mapped[int | None] = mapped_column(ForeignKey("decisions.id"))


class DebtEntry(Timestamped, Base):
    """A booking that reduces the debt. A deduction is planned when its payout is put on a
    list (``booked_on`` empty) and booked when the list is paid."""

    __tablename__ = "debt_entries"
    __table_args__ = (UniqueConstraint("receipt_year", "receipt_seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    debt_id: Mapped[int] = mapped_column(ForeignKey("debts.id"), index=True)
    kind: Mapped[DebtEntryKind] = enum_column(DebtEntryKind)
    amount: Mapped[Decimal]
    booked_on: Mapped[date | None]
    reference: Mapped[str] = mapped_column(String(140), default="")  # a transfer's title
    # KP (kasa przyjmie): the cash receipt's number, drawn from its own counter.
    receipt_number: Mapped[str | None] = mapped_column(String(40), unique=True)
    receipt_year: Mapped[int | None]
    receipt_seq: Mapped[int | None]
    payout_id: Mapped[int | None] = mapped_column(ForeignKey("payouts.id"), unique=True)
    decision_id: Mapped[int | None] = mapped_column(ForeignKey("decisions.id"))
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))


class DebtRequest(Versioned, Timestamped, Base):
    """The party's request (kpa application) to write off, split into instalments or defer
    the debt; decided by a decision of its own (``decision_id``)."""

    __tablename__ = "debt_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    debt_id: Mapped[int] = mapped_column(ForeignKey("debts.id"), index=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))  # the request's proceedings
    kind: Mapped[DebtRequestKind] = enum_column(DebtRequestKind)
    received_on: Mapped[date]
    # What the party asked for: a write-off's amount (None: the whole balance), the number
    # of instalments and the first due date, or the new due date.
    asked_amount: Mapped[Decimal | None]
    asked_instalments: Mapped[int | None]
    asked_due_on: Mapped[date | None]
    party_reasons: Mapped[str] = mapped_column(Text, default="")  # the party's situation
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    decision_id: Mapped[int | None] = mapped_column(ForeignKey("decisions.id"), unique=True)
    # The ruling the draft carries: granted or refused, and what was granted.
    granted: Mapped[bool | None]
    granted_amount: Mapped[Decimal | None]
    granted_instalments: Mapped[int | None]
    granted_due_on: Mapped[date | None]
