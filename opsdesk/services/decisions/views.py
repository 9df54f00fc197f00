"""The plain data that crosses from the proceeding to the editor, the screens and the
reports: the form a draft is saved from, the amount the law allows, the rows and details."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from opsdesk.labels import label
from opsdesk.models.enums import BenefitKind, DecisionKind, DecisionStatus, PayoutMethod
from opsdesk.services.actions import Actions
from opsdesk.services.decisions.catalogue import KIND_TITLES, Payment, RefusalGround
from opsdesk.services.payouts.reading import PayoutView


@dataclass(frozen=True)
class DecisionForm:
    """What the editor sends. For a one-off benefit ``period_from`` is the payout day (and
    for art. 41 pkt 2 ``period_to`` the day it is to be returned by); for a correction
    ``corrects_decision_id`` is the granting decision and ``effective_from`` its day; for
    an art. 98 decision ``amount`` is the sum to repay, ``undue_from``–``undue_to`` the
    period it was unduly received in and ``period_from`` the first instalment's day."""

    case_id: int
    kind: DecisionKind
    benefit_kind: BenefitKind
    amount: Decimal | str | None = None
    requested_amount: Decimal | str | None = None
    period_from: date | None = None
    period_to: date | None = None
    payout_method: PayoutMethod | None = None
    bank_account: str = ""
    purpose: str = ""
    refusal_ground: RefusalGround | None = None
    legal_basis: str = ""  # empty: the pre-filled one
    justification: str = ""
    immediate_enforcement_reason: str = ""
    corrects_decision_id: int | None = None
    effective_from: date | None = None
    repayment_instalments: int | None = None
    undue_from: date | None = None  # art. 98: the period unduly received
    undue_to: date | None = None
    instalments_requested_on: date | None = None  # art. 104 ust. 4: the party's request
    no_address_reason: str = ""  # a party without an address: why, and where delivered


@dataclass(frozen=True)
class AmountRule:
    """What the law allows for a benefit on a day, counted from an interview."""

    eligible: bool
    computed: Decimal | None  # the amount the editor proposes
    least: Decimal | None
    most: Decimal | None
    note: str  # how it was counted, or why the benefit is not due — may be printed
    hint: str = ""  # advice for the worker in the editor, never printed


@dataclass(frozen=True)
class DecisionDefaults:
    legal_basis: str
    rule: AmountRule | None
    period_from: date | None
    period_to: date | None
    payout_method: PayoutMethod | None
    bank_account: str
    justification: str
    interview_id: int | None
    purpose_label: str
    payment: Payment


@dataclass(frozen=True)
class DecisionRow:
    id: int
    number: str
    kind: DecisionKind
    benefit_kind: BenefitKind
    status: DecisionStatus
    amount: Decimal | None
    period_from: date | None
    period_to: date | None
    effective_from: date | None
    issued_on: date | None
    delivered_on: date | None
    appeal_deadline: date | None
    corrects_decision_id: int | None
    drafted_by: str
    approved_by: str
    version: int
    actions: Actions = frozenset()  # what the reader may do with it (``queries``)

    @property
    def title(self) -> str:
        what = f"{KIND_TITLES[self.kind]} — {label(self.benefit_kind)}"
        return f"Decyzja nr {self.number}: {what}" if self.number else f"Projekt: {what}"


@dataclass(frozen=True)
class InstalmentView:
    due_on: date
    amount: Decimal
    paid_on: date | None


@dataclass(frozen=True)
class DecisionDetail:
    row: DecisionRow
    form: DecisionForm
    case_sign: str
    person_id: int
    person_name: str
    ruling: tuple[str, ...]
    computed_amount: Decimal | None
    granted_in_full: bool
    justification_required: bool
    payouts: tuple[PayoutView, ...] = field(default=())
    instalments: tuple[InstalmentView, ...] = field(default=())


@dataclass(frozen=True)
class GrantRow:
    """An issued granting decision of the person, as later decisions may correct it."""

    decision_id: int
    number: str
    issued_on: date
    case_id: int
    benefit_kind: BenefitKind
    amount: Decimal | None
    period_from: date | None
    end: date | None  # after every correction
    active: bool  # paid (not suspended, not ended) on the day asked about
    paid_total: Decimal


@dataclass(frozen=True)
class IssuedDecision:
    id: int
    number: str
    handover_id: int
