"""Decisions, the payouts they create, payout lists and "Kasa wypłaci" receipts."""

from datetime import date
from decimal import Decimal

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, object_session, relationship

from opsdesk.models.base import Base, Timestamped, Versioned, enum_column
from opsdesk.models.cases import Case
from opsdesk.models.enums import (
    AppealOutcome,
    BenefitKind,
    DecisionKind,
    DecisionStatus,
    DeliveryMethod,
    PayoutListStatus,
    PayoutMethod,
    PayoutStatus,
)
from opsdesk.models.people import Person
from opsdesk.models.users import User

# An application for a zasiłek celowy is answered by any of its kinds (art. 39, 39a, 40, 41).
_CELOWY = frozenset({BenefitKind.ZASILEK_CELOWY, BenefitKind.ZASILEK_CELOWY_39A,
                     BenefitKind.ZASILEK_CELOWY_40, BenefitKind.SPECJALNY_ZASILEK_CELOWY,
                     BenefitKind.ZASILEK_ZWROTNY})


def _request_family(kind: BenefitKind) -> BenefitKind:
    return BenefitKind.ZASILEK_CELOWY if kind in _CELOWY else kind


class Decision(Versioned, Timestamped, Base):
    """Drafted by the benefits worker; numbered only when approved and issued, and never
    edited afterwards — a change is a new decision that refers to this one."""

    __tablename__ = "decisions"
    __table_args__ = (
        UniqueConstraint("year", "seq"),
        # The grants of a kind and when they end: the open-ended benefits scheduled ahead,
        # the statistics' benefits in force.
        Index("ix_decisions_grants", "benefit_kind", "kind", "period_to", "person_id",
              "case_id"),
        # The corrections of a decision: an issued revocation found from the index alone.
        Index("ix_decisions_corrections", "corrects_decision_id", "kind", "effective_from",
              "status"),
        # A case's decisions; whether one settles it, from the index alone (the kept
        # deadlines ask it of every case they work out).
        Index("ix_decisions_case_id", "case_id", "status", "kind", "issued_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    kind: Mapped[DecisionKind] = enum_column(DecisionKind)
    benefit_kind: Mapped[BenefitKind] = enum_column(BenefitKind)
    # Not indexed: nearly every decision is issued, and without the database's statistics
    # SQLite would prefer that index to the selective ones (case, person, correction).
    status: Mapped[DecisionStatus] = enum_column(DecisionStatus)
    number: Mapped[str | None] = mapped_column(String(40), unique=True)
    year: Mapped[int | None]
    seq: Mapped[int | None]
    drafted_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    issued_on: Mapped[date | None] = mapped_column(index=True)
    delivered_on: Mapped[date | None]
    # The delivery register and finality (kpa art. 127a, 129 § 2): recorded after issue.
    delivery_method: Mapped[DeliveryMethod | None] = enum_column(DeliveryMethod)
    appeal_waived_on: Mapped[date | None]
    appeal_lodged_on: Mapped[date | None]
    # A correction against the party (kpa art. 130 § 1) waits for finality before it
    # changes the payouts, unless it has rygor (art. 108); cleared when carried out.
    awaits_finality: Mapped[bool] = mapped_column(default=False, server_default=false())
    # The appeal's path (kpa art. 132–138): forwarded to the SKO with the files, or revised
    # by the organ itself; the outcome, its date, its sign, its delivery to the party; from
    # ``appeal_effect_ends_on`` a decision the SKO (or the organ) took away pays no more.
    appeal_forwarded_on: Mapped[date | None]
    appeal_outcome: Mapped[AppealOutcome | None] = enum_column(AppealOutcome)
    appeal_ruled_on: Mapped[date | None]
    appeal_ruling_sign: Mapped[str] = mapped_column(String(80), default="", server_default="")
    appeal_ruling_delivered_on: Mapped[date | None]
    appeal_effect_ends_on: Mapped[date | None]
    legal_basis: Mapped[str] = mapped_column(Text, default="")
    amount: Mapped[Decimal | None]  # monthly for periodic benefits, total for one-off ones
    computed_amount: Mapped[Decimal | None]
    requested_amount: Mapped[Decimal | None]
    period_from: Mapped[date | None]
    period_to: Mapped[date | None] = mapped_column(index=True)
    payout_method: Mapped[PayoutMethod | None] = enum_column(PayoutMethod)
    bank_account: Mapped[str] = mapped_column(String(34), default="")
    purpose: Mapped[str] = mapped_column(String(300), default="")  # zasiłek celowy: what for
    refusal_ground: Mapped[str] = mapped_column(String(300), default="")
    justification: Mapped[str] = mapped_column(Text, default="")
    immediate_enforcement_reason: Mapped[str] = mapped_column(Text, default="")
    corrects_decision_id: Mapped[int | None] = mapped_column(ForeignKey("decisions.id"))
    effective_from: Mapped[date | None] = mapped_column(index=True)  # of a correction
    repayment_instalments: Mapped[int | None]
    # Art. 98: the period the benefit was unduly received in; art. 104 ust. 4: the day the
    # party asked for instalments (none without it).
    undue_from: Mapped[date | None]
    undue_to: Mapped[date | None]
    instalments_requested_on: Mapped[date | None]
    # A party without an address (e.g. homeless): why, and where it is delivered (art. 39 kpa).
    no_address_reason: Mapped[str] = mapped_column(String(300), default="")
    # The family interview the amount was counted from (evidence, art. 107 ups).
    interview_id: Mapped[int | None] = mapped_column(ForeignKey("interviews.id"))
    # Taken at issue, so a reprint years later shows what was signed and delivered.
    party_name: Mapped[str] = mapped_column(String(200), default="")
    party_address: Mapped[str] = mapped_column(String(300), default="")
    signatory_name: Mapped[str] = mapped_column(String(120), default="")
    signatory_position: Mapped[str] = mapped_column(String(160), default="")

    case: Mapped[Case] = relationship()
    person: Mapped[Person] = relationship()
    drafted_by: Mapped[User] = relationship(foreign_keys=[drafted_by_id])
    approved_by: Mapped[User | None] = relationship(foreign_keys=[approved_by_id])
    payouts: Mapped[list["Payout"]] = relationship(
        back_populates="decision", order_by="Payout.due_on"
    )

    @property
    def granted_in_full(self) -> bool:
        """Grants all the party asked for: the justification may be left out (kpa art. 107
        § 4) and the decision is carried out before it is final (art. 130 § 4). Only a
        benefit the party applied for in this case can be granted "in full"; a grant made
        of the centre's own motion answers no request."""
        if self.kind is not DecisionKind.GRANTING:
            return False
        case = self.case
        session = object_session(self)
        if case is None and session is not None:
            with session.no_autoflush:
                case = session.get(Case, self.case_id)
        asked = {_request_family(a.benefit_kind) for a in (case.applications if case else ())}
        if _request_family(self.benefit_kind) not in asked:
            return False
        return self.requested_amount is None or (
            self.amount is not None and self.amount >= self.requested_amount)


class PayoutList(Versioned, Timestamped, Base):
    __tablename__ = "payout_lists"
    __table_args__ = (UniqueConstraint("year", "seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(40), unique=True)
    year: Mapped[int]
    seq: Mapped[int]
    payout_date: Mapped[date]
    method: Mapped[PayoutMethod] = enum_column(PayoutMethod)
    status: Mapped[PayoutListStatus] = enum_column(PayoutListStatus)
    prepared_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    approved_on: Mapped[date | None]
    # "Sprawdził": a second worker checked the list against the decisions (issue 16). A
    # user's id without a reference: SQLite cannot add one to the existing table in place.
    checked_by_id: Mapped[int | None]
    checked_on: Mapped[date | None]
    paid_on: Mapped[date | None]
    # Its payouts, not cancelled, and their total: kept by services/payout_totals.py.
    payout_count: Mapped[int] = mapped_column(default=0)
    payout_total: Mapped[Decimal] = mapped_column(default=Decimal("0.00"))

    payouts: Mapped[list["Payout"]] = relationship(back_populates="payout_list",
                                                   order_by="Payout.id")


class Payout(Versioned, Base):
    """One payment of a decision: a calendar month of a periodic benefit (prorated where
    partial, art. 106 ust. 3 ups) or the whole of a one-off one."""

    __tablename__ = "payouts"
    # Covers a list's count and total, so they are summed without reading its payouts (when
    # services/payout_totals.py counts a list again).
    __table_args__ = (Index("ix_payouts_list_totals", "payout_list_id", "status", "amount"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("decisions.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    period_from: Mapped[date]
    period_to: Mapped[date]
    due_on: Mapped[date] = mapped_column(index=True)
    amount: Mapped[Decimal]
    method: Mapped[PayoutMethod] = enum_column(PayoutMethod)
    bank_account: Mapped[str] = mapped_column(String(34), default="")  # for a transfer
    status: Mapped[PayoutStatus] = enum_column(PayoutStatus, index=True)
    payout_list_id: Mapped[int | None] = mapped_column(ForeignKey("payout_lists.id"))
    paid_on: Mapped[date | None]

    decision: Mapped[Decision] = relationship(back_populates="payouts")
    payout_list: Mapped[PayoutList | None] = relationship(back_populates="payouts")
    person: Mapped[Person] = relationship()


class CashReceipt(Timestamped, Base):
    """"Kasa wypłaci": the numbered receipt a client takes from the desk to the cash desk."""

    __tablename__ = "cash_receipts"
    __table_args__ = (UniqueConstraint("year", "seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(40), unique=True)
    year: Mapped[int]
    seq: Mapped[int]
    payout_id: Mapped[int] = mapped_column(ForeignKey("payouts.id"), unique=True)
    issued_on: Mapped[date]
    issued_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))

    payout: Mapped[Payout] = relationship()


class DeadlineNotice(Timestamped, Base):
    """Zawiadomienie (kpa art. 36): the case will not be settled on time; names the reason
    and the new date, which becomes the case's decision deadline."""

    __tablename__ = "deadline_notices"
    __table_args__ = (UniqueConstraint("year", "seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(40), unique=True)
    year: Mapped[int]
    seq: Mapped[int]
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    issued_on: Mapped[date]
    original_deadline: Mapped[date]
    new_deadline: Mapped[date]
    reason: Mapped[str] = mapped_column(Text)
    signatory_name: Mapped[str] = mapped_column(String(120))
    signatory_position: Mapped[str] = mapped_column(String(160), default="")
    issued_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))

    case: Mapped[Case] = relationship()


class RepaymentInstalment(Base):
    """Art. 98 ups: an instalment of unduly taken benefits to repay."""

    __tablename__ = "repayment_instalments"

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("decisions.id"), index=True)
    due_on: Mapped[date]
    amount: Mapped[Decimal]
    paid_on: Mapped[date | None]


class LegalAct(Versioned, Base):
    """The consolidated text (Dz.U.) of an act a decision cites, in force from
    ``valid_from``: a decision prints the one in force on its date. The head adds a row when
    a new consolidated text is announced."""

    __tablename__ = "legal_acts"
    __table_args__ = (UniqueConstraint("act", "valid_from"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    act: Mapped[str] = mapped_column(String(20))  # "UPS", "KPA", "THRESHOLDS"
    valid_from: Mapped[date]
    title: Mapped[str] = mapped_column(String(400))  # in the genitive: "ustawy z dnia …"
    journal: Mapped[str] = mapped_column(String(120))  # "Dz.U. z 2025 r. poz. 1214"
    note: Mapped[str] = mapped_column(String(400), default="", server_default="")
