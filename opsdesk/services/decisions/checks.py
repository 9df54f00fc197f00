"""Proceedings and administrative decisions on benefits.

The benefits worker drafts a decision; the editor is pre-filled with the legal basis, the
amount the law gives (``rules``) counted from the case's family interview, the period and
the payout method. The head — or a worker authorised under art. 110 ust. 8 ups
(``may_sign_decisions``) — approves it, and only then is it numbered (inside the write
transaction), issued, scheduled for payment and put on the desk's "Do odbioru" list, whose
hand-over date is its delivery.

An issued decision is never edited (a flush guard below refuses it even to a buggy
caller): a change, revocation, suspension or resumption is a new decision that refers to
the granting one and corrects the payouts from its effective day, only for the future
(art. 106 ust. 5 ups). Unduly taken benefits are recovered by an art. 98 decision, in
instalments if so decided (art. 104 ust. 4). A case that will not be settled within the
kpa art. 35 deadline gets an art. 36 notice with a new date.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_FLOOR, Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session

from opsdesk import clock
from opsdesk.formatting import amount_in_words, format_date, format_money
from opsdesk.labels import label
from opsdesk.models import (
    Application,
    Case,
    Decision,
    Interview,
    Person,
    RepaymentInstalment,
    User,
)
from opsdesk.models.benefits import DeadlineNotice, Payout
from opsdesk.models.enums import (
    AuditAction,
    BenefitKind,
    CaseStatus,
    DecisionKind,
    DecisionStatus,
    DocumentKind,
    PayoutMethod,
    PayoutStatus,
)
from opsdesk.reports.decision import render_decision
from opsdesk.reports.notice import render_notice
from opsdesk.reports.payout_list import format_account
from opsdesk.reports.views import DecisionView, NoticeView
from opsdesk.services import payouts, rules, services_plan
from opsdesk.services import validation as check
from opsdesk.services.audit import write_audit
from opsdesk.services.desk import add_handover
from opsdesk.services.errors import (
    ConflictError,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from opsdesk.services.interviews import (
    ART7_REASONS,
    Assessment,
    assess,
    first_of_month,
    latest_interview,
    legal_figures,
    month_label,
)
from opsdesk.services.numbering import next_number
from opsdesk.services.office import get_office, office_view
from opsdesk.services.permissions import Permission
from opsdesk.services.security import Actor, operation
from opsdesk.services.users import worker_name

UPS = "ustawy z dnia 12 marca 2004 r. o pomocy społecznej"
KPA = "art. 104 ustawy z dnia 14 czerwca 1960 r. – Kodeks postępowania administracyjnego"
SIGNED_BY_HEAD = "art. 110 ust. 7"  # the head signs on the mayor's authority
SIGNED_BY_WORKER = "art. 110 ust. 8"  # another worker authorised at the head's request
MAX_INSTALMENTS = 60
OKRESOWY_MONTHS = 3  # the editor's default period of a zasiłek okresowy


class Payment(StrEnum):
    MONTHLY = "MONTHLY"  # a cash benefit per calendar month, prorated where partial
    ONE_OFF = "ONE_OFF"  # paid once, never prorated
    IN_KIND = "IN_KIND"  # given, not paid to the party


class IncomeTest(StrEnum):
    STALY = "STALY"  # art. 37: own income (and per person) below the threshold
    OKRESOWY = "OKRESOWY"  # art. 38: below the threshold, amount within a range
    WITHIN = "WITHIN"  # art. 8: income does not exceed the threshold
    ABOVE = "ABOVE"  # art. 41: only for income above the threshold
    NONE = "NONE"  # regardless of income


@dataclass(frozen=True)
class BenefitSpec:
    accusative: str  # "Przyznaję stronie <accusative>"
    genitive: str  # "w sprawie przyznania <genitive>"
    article: str
    payment: Payment
    income_test: IncomeTest
    purpose_label: str = ""  # the editor's label of ``purpose`` when it is required
    open_ended: bool = False  # may be granted na czas nieokreślony
    once: bool = False  # given on one day, no period (sprawienie pogrzebu)


BENEFITS: dict[BenefitKind, BenefitSpec] = {
    BenefitKind.ZASILEK_STALY: BenefitSpec(
        "zasiłek stały", "zasiłku stałego", "art. 37", Payment.MONTHLY, IncomeTest.STALY,
        open_ended=True),
    BenefitKind.ZASILEK_OKRESOWY: BenefitSpec(
        "zasiłek okresowy", "zasiłku okresowego", "art. 38", Payment.MONTHLY,
        IncomeTest.OKRESOWY),
    BenefitKind.ZASILEK_CELOWY: BenefitSpec(
        "zasiłek celowy", "zasiłku celowego", "art. 39", Payment.ONE_OFF, IncomeTest.WITHIN,
        "Przeznaczenie (na co)"),
    BenefitKind.ZASILEK_CELOWY_39A: BenefitSpec(
        "zasiłek celowy", "zasiłku celowego", "art. 39a", Payment.ONE_OFF, IncomeTest.NONE,
        "Przeznaczenie (na co)"),
    BenefitKind.ZASILEK_CELOWY_40: BenefitSpec(
        "zasiłek celowy", "zasiłku celowego", "art. 40 ust. 1", Payment.ONE_OFF,
        IncomeTest.NONE, "Zdarzenie losowe i przeznaczenie"),
    BenefitKind.SPECJALNY_ZASILEK_CELOWY: BenefitSpec(
        "specjalny zasiłek celowy", "specjalnego zasiłku celowego", "art. 41 pkt 1",
        Payment.ONE_OFF, IncomeTest.ABOVE, "Przeznaczenie (na co)"),
    BenefitKind.ZASILEK_ZWROTNY: BenefitSpec(
        "zasiłek celowy pod warunkiem zwrotu", "zasiłku celowego pod warunkiem zwrotu",
        "art. 41 pkt 2", Payment.ONE_OFF, IncomeTest.ABOVE, "Przeznaczenie (na co)"),
    BenefitKind.POSILEK: BenefitSpec(
        "pomoc w formie posiłku", "pomocy w formie posiłku", "art. 48 ust. 1 i art. 48b",
        Payment.IN_KIND, IncomeTest.NONE, "Zakres (np. jeden gorący posiłek dziennie)"),
    BenefitKind.USLUGI_OPIEKUNCZE: BenefitSpec(
        "usługi opiekuńcze", "usług opiekuńczych", "art. 50 ust. 1–3 i 6", Payment.IN_KIND,
        IncomeTest.NONE, "Zakres, liczba godzin i odpłatność", open_ended=True),
    BenefitKind.SPECJALISTYCZNE_USLUGI_OPIEKUNCZE: BenefitSpec(
        "specjalistyczne usługi opiekuńcze", "specjalistycznych usług opiekuńczych",
        "art. 50 ust. 4 i 6", Payment.IN_KIND, IncomeTest.NONE,
        "Zakres, liczba godzin i odpłatność", open_ended=True),
    BenefitKind.SPRAWIENIE_POGRZEBU: BenefitSpec(
        "sprawienie pogrzebu", "sprawienia pogrzebu", "art. 44", Payment.IN_KIND,
        IncomeTest.NONE, "Czyj pogrzeb i w jakim zakresie", once=True),
    BenefitKind.SKLADKA_ZDROWOTNA: BenefitSpec(
        "opłacanie składki na ubezpieczenie zdrowotne",
        "opłacania składki na ubezpieczenie zdrowotne", "art. 17 ust. 1", Payment.IN_KIND,
        IncomeTest.NONE, "Podstawa objęcia ubezpieczeniem", open_ended=True),
    BenefitKind.SKLADKA_SPOLECZNA: BenefitSpec(
        "opłacanie składek na ubezpieczenia emerytalne i rentowe",
        "opłacania składek na ubezpieczenia emerytalne i rentowe", "art. 42",
        Payment.IN_KIND, IncomeTest.NONE, "Za kogo i od kiedy", open_ended=True),
    BenefitKind.DPS: BenefitSpec(
        "skierowanie do domu pomocy społecznej", "skierowania do domu pomocy społecznej",
        "art. 54 ust. 1 i art. 59 ust. 1", Payment.IN_KIND, IncomeTest.NONE,
        "Rodzaj domu i odpłatność", open_ended=True),
    BenefitKind.OSRODEK_WSPARCIA: BenefitSpec(
        "pobyt w ośrodku wsparcia", "pobytu w ośrodku wsparcia", "art. 51 ust. 1 i 4",
        Payment.IN_KIND, IncomeTest.NONE, "Ośrodek, zakres i odpłatność", open_ended=True),
}


class RefusalGround(StrEnum):
    INCOME = "INCOME"
    ART_11 = "ART_11"
    INTERVIEW_REFUSED = "INTERVIEW_REFUSED"
    OTHER = "OTHER"


REFUSAL_GROUNDS: dict[RefusalGround, tuple[str, str]] = {
    RefusalGround.INCOME: (
        "art. 8 ust. 1", "dochód przekracza kryterium dochodowe (art. 8 ust. 1 ustawy o pomocy "
                         "społecznej)"),
    RefusalGround.ART_11: (
        "art. 11 ust. 2", "brak współdziałania z pracownikiem socjalnym, odmowa zawarcia lub "
                          "niedotrzymanie kontraktu socjalnego, odmowa podjęcia pracy albo "
                          "leczenia (art. 11 ust. 2 ustawy o pomocy społecznej)"),
    RefusalGround.INTERVIEW_REFUSED: (
        "art. 107 ust. 4a", "odmowa przeprowadzenia rodzinnego wywiadu środowiskowego lub "
                            "złożenia oświadczenia o dochodach (art. 107 ust. 4a ustawy o "
                            "pomocy społecznej)"),
    RefusalGround.OTHER: ("", "niespełnienie przesłanek przyznania świadczenia"),
}

KIND_TITLES: dict[DecisionKind, str] = {
    DecisionKind.GRANTING: "przyznanie",
    DecisionKind.REFUSING: "odmowa przyznania",
    DecisionKind.CHANGING: "zmiana decyzji",
    DecisionKind.REVOKING: "uchylenie decyzji",
    DecisionKind.SUSPENDING: "wstrzymanie wypłaty",
    DecisionKind.RESUMING: "wznowienie wypłaty",
    DecisionKind.REPAYMENT: "zwrot nienależnie pobranych świadczeń",
}


# --- forms and views -----------------------------------------------------------------------


@dataclass(frozen=True)
class DecisionForm:
    """What the editor sends. For a one-off benefit ``period_from`` is the payout day (and
    for art. 41 pkt 2 ``period_to`` the day it is to be returned by); for a correction
    ``corrects_decision_id`` is the granting decision and ``effective_from`` its day; for
    an art. 98 decision ``amount`` is the sum to repay and ``period_from`` the first
    instalment's day."""

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


@dataclass(frozen=True)
class AmountRule:
    """What the law allows for a benefit on a day, counted from an interview."""

    eligible: bool
    computed: Decimal | None  # the amount the editor proposes
    least: Decimal | None
    most: Decimal | None
    note: str  # how it was counted, or why the benefit is not due


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
    payouts: tuple[payouts.PayoutView, ...] = field(default=())
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


# --- the law's side: amounts and legal basis -----------------------------------------------


def amount_rule(benefit: BenefitKind, a: Assessment, figures: rules.LegalFigures
                ) -> AmountRule:
    """The amount the law gives (or the range it allows) for ``benefit``, and eligibility,
    from the assessment ``a`` on its day."""
    test = BENEFITS[benefit].income_test
    income = format_money(a.family_income)
    limit = format_money(a.household_threshold)
    if test is IncomeTest.STALY:
        value = rules.zasilek_staly(a.on, single=a.single, own_income=a.applicant_income,
                                    income_per_person=None if a.single else a.income_per_person,
                                    figures=figures)
        if value == 0:
            what = ("dochód osoby samotnie gospodarującej" if a.single
                    else "dochód własny lub dochód na osobę w rodzinie")
            return AmountRule(False, None, None, None,
                              f"Zasiłek stały nie przysługuje: {what} nie jest niższy od "
                              f"kryterium dochodowego ({format_money(a.threshold)}) — art. 37 "
                              "ust. 1 ustawy o pomocy społecznej.")
        return AmountRule(True, value, value, value,
                          f"Zasiłek stały z mocy prawa wynosi {format_money(value)} (art. 37 "
                          "ust. 2–3 ustawy o pomocy społecznej).")
    if test is IncomeTest.OKRESOWY:
        least, most = rules.zasilek_okresowy_range(a.on, persons=a.persons,
                                                   family_income=a.family_income,
                                                   figures=figures)
        if most == 0:
            return AmountRule(False, None, None, None,
                              f"Zasiłek okresowy nie przysługuje: dochód ({income}) nie jest "
                              f"niższy od kryterium dochodowego ({limit}) — art. 38 ust. 1 "
                              "ustawy o pomocy społecznej.")
        return AmountRule(True, least, least, most,
                          f"Różnica między kryterium dochodowym ({limit}) a dochodem ({income}) "
                          f"pozwala przyznać od {format_money(least)} do {format_money(most)} "
                          "miesięcznie (art. 38 ust. 2–4 ustawy o pomocy społecznej).")
    if test is IncomeTest.WITHIN:
        if not a.within_threshold:
            return AmountRule(False, None, None, None,
                              f"Dochód ({income}) przekracza kryterium dochodowe ({limit}) — "
                              "zasiłek celowy z art. 39 nie przysługuje; rozważ specjalny "
                              "zasiłek celowy (art. 41) albo wydaj decyzję odmowną.")
        return AmountRule(True, None, None, None,
                          f"Dochód ({income}) nie przekracza kryterium dochodowego ({limit}).")
    if test is IncomeTest.ABOVE:
        if a.within_threshold:
            return AmountRule(False, None, None, None,
                              f"Dochód ({income}) nie przekracza kryterium dochodowego "
                              f"({limit}) — art. 41 dotyczy osób o dochodach przekraczających "
                              "kryterium; przyznaj świadczenie na zasadach ogólnych.")
        most = a.household_threshold if benefit is BenefitKind.SPECJALNY_ZASILEK_CELOWY else None
        note = (f"Specjalny zasiłek celowy nie może przekroczyć kryterium dochodowego ({limit})."
                if most is not None else f"Dochód ({income}) przekracza kryterium ({limit}).")
        return AmountRule(True, None, None, most, note)
    return AmountRule(True, None, None, None, "Świadczenie przysługuje niezależnie od dochodu.")


def _join(items: list[str]) -> str:
    items = [i for i in items if i]
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} i {items[-1]}"


def default_legal_basis(kind: DecisionKind, benefit: BenefitKind, *, reasons: str = "",
                        ground: RefusalGround | None = None) -> str:
    """The legal basis the editor proposes; the signer's art. 110 paragraph is fixed at
    approval."""
    spec = BENEFITS[benefit]
    articles: list[str] = []
    if kind is DecisionKind.REPAYMENT:
        articles += ["art. 98 ust. 1", "art. 104 ust. 1 i 4"]
    else:
        points = [ART7_REASONS[r][0] for r in reasons.split(",") if r in ART7_REASONS]
        if kind is DecisionKind.GRANTING and points:
            articles.append(f"art. 7 pkt {_join(points)}")
        if kind is DecisionKind.REFUSING and ground is not None:
            articles.append(REFUSAL_GROUNDS[ground][0])
        elif spec.income_test is not IncomeTest.NONE and kind is DecisionKind.GRANTING:
            articles.append("art. 8")
        articles.append(spec.article)
        if kind in (DecisionKind.CHANGING, DecisionKind.REVOKING, DecisionKind.RESUMING):
            articles.append("art. 106 ust. 5")
        if kind is DecisionKind.SUSPENDING:
            articles.append("art. 11 ust. 2")
    articles += ["art. 106 ust. 1", SIGNED_BY_HEAD]
    return f"{_join(list(dict.fromkeys(articles)))} {UPS} oraz {KPA}"


# --- reading the proceeding --------------------------------------------------------------


def _decision(session: Session, decision_id: int, expected_version: int | None = None
              ) -> Decision:
    decision = session.get(Decision, decision_id)
    if decision is None:
        raise NotFound("Nie ma takiej decyzji.")
    if expected_version is not None and decision.version != expected_version:
        raise ConflictError({"status": (decision.status, None)})
    return decision


def _case(session: Session, case_id: int) -> Case:
    case = session.get(Case, case_id)
    if case is None:
        raise NotFound("Nie ma takiej sprawy.")
    return case


def _row(session: Session, d: Decision) -> DecisionRow:
    return DecisionRow(
        d.id, d.number or "", d.kind, d.benefit_kind, d.status, d.amount, d.period_from,
        d.period_to, d.effective_from, d.issued_on, d.delivered_on,
        rules.appeal_deadline(d.delivered_on) if d.delivered_on else None,
        d.corrects_decision_id, worker_name(session, d.drafted_by_id),
        worker_name(session, d.approved_by_id), d.version)


def _form_of(d: Decision) -> DecisionForm:
    return DecisionForm(
        case_id=d.case_id, kind=d.kind, benefit_kind=d.benefit_kind, amount=d.amount,
        requested_amount=d.requested_amount, period_from=d.period_from, period_to=d.period_to,
        payout_method=d.payout_method, bank_account=d.bank_account, purpose=d.purpose,
        refusal_ground=RefusalGround(d.refusal_ground) if d.refusal_ground else None,
        legal_basis=d.legal_basis, justification=d.justification,
        immediate_enforcement_reason=d.immediate_enforcement_reason,
        corrects_decision_id=d.corrects_decision_id, effective_from=d.effective_from,
        repayment_instalments=d.repayment_instalments)


@operation(Permission.CASE_READ)
def decisions_of_case(session: Session, case_id: int, *, actor: Actor) -> list[DecisionRow]:
    stmt = select(Decision).where(Decision.case_id == case_id).order_by(Decision.id)
    return [_row(session, d) for d in session.scalars(stmt)]


@operation(Permission.CASE_READ)
def decision_detail(session: Session, decision_id: int, *, actor: Actor) -> DecisionDetail:
    d = _decision(session, decision_id)
    write_audit(session, actor.id, AuditAction.READ, "Decision", d.id, {})
    case = _case(session, d.case_id)
    person = session.get(Person, d.person_id)
    assert person is not None
    instalments = session.scalars(select(RepaymentInstalment).where(
        RepaymentInstalment.decision_id == d.id).order_by(RepaymentInstalment.due_on))
    payout_rows = payouts._payout_views(session, list(session.scalars(
        select(Payout).where(Payout.decision_id == d.id).order_by(Payout.period_from))))
    return DecisionDetail(
        row=_row(session, d), form=_form_of(d), case_sign=case.sign, person_id=person.id,
        person_name=person.full_name, ruling=ruling(session, d),
        computed_amount=d.computed_amount, granted_in_full=d.granted_in_full,
        justification_required=_justification_required(d),
        payouts=tuple(payout_rows),
        instalments=tuple(InstalmentView(i.due_on, i.amount, i.paid_on) for i in instalments))


def _paid_total(session: Session, root: Decision, corrections: list[Decision]) -> Decimal:
    return _paid_totals(session, {root.id: corrections})[root.id]


def _paid_totals(session: Session, chains: dict[int, list[Decision]]) -> dict[int, Decimal]:
    """What was paid on each decision with its corrections, in one query for them all. The
    status is checked here: in SQL it would lead SQLite to the status index (nearly every
    payout is paid) instead of the decision's."""
    root_of = {c.id: root_id for root_id, cs in chains.items() for c in cs}
    root_of.update({root_id: root_id for root_id in chains})
    totals = dict.fromkeys(chains, Decimal("0.00"))
    if root_of:
        for decision_id, amount, status in session.execute(select(
                Payout.decision_id, Payout.amount, Payout.status).where(
                Payout.decision_id.in_(list(root_of)))):
            if status is PayoutStatus.PAID:
                totals[root_of[decision_id]] += amount
    return totals


@operation(Permission.CASE_READ)
def grants_of_person(session: Session, person_id: int, *, actor: Actor,
                     on: date | None = None) -> list[GrantRow]:
    """Issued granting decisions of a person — what a correction or a repayment refers to."""
    on = on or clock.today()
    stmt = (select(Decision).where(Decision.person_id == person_id,
                                   Decision.kind == DecisionKind.GRANTING,
                                   Decision.status == DecisionStatus.ISSUED)
            .order_by(Decision.issued_on.desc(), Decision.id.desc()))
    roots = list(session.scalars(stmt))
    chains = payouts.corrections_of_many(session, roots)
    paid = _paid_totals(session, chains)
    rows = []
    for root in roots:
        corrections = chains[root.id]
        spec = BENEFITS[root.benefit_kind]
        periodic = root.period_from is not None and spec.payment is not Payment.ONE_OFF \
            and not spec.once
        rows.append(GrantRow(
            root.id, root.number or "", root.issued_on or on, root.case_id, root.benefit_kind,
            root.amount, root.period_from,
            payouts.effective_end(root, corrections) if periodic else None,
            periodic and payouts.is_active_on(root, corrections, on), paid[root.id]))
    return rows


# --- drafting ------------------------------------------------------------------------------


def latest_application(session: Session, case_id: int) -> Application | None:
    """What the case's latest application (wniosek) asks for."""
    return session.scalar(select(Application).where(Application.case_id == case_id)
                          .order_by(Application.filed_on.desc(), Application.id.desc()).limit(1))


def _interview_for(session: Session, case: Case, kind: DecisionKind) -> Interview | None:
    """The evidence an amount is counted from: the case's own interview for a granting or
    refusing decision, the person's latest one for a correction."""
    if kind in (DecisionKind.GRANTING, DecisionKind.REFUSING):
        return latest_interview(session, case_id=case.id)
    return latest_interview(session, person_id=case.person_id)


@operation(Permission.CASE_WORK)
def decision_defaults(session: Session, *, actor: Actor, case_id: int, kind: DecisionKind,
                      benefit_kind: BenefitKind, period_from: date | None = None,
                      corrects_decision_id: int | None = None,
                      refusal_ground: RefusalGround | None = None,
                      today: date | None = None) -> DecisionDefaults:
    """What the editor starts from: legal basis, the computed amount and range, period,
    payout method and a justification to edit."""
    today = today or clock.today()
    case = _case(session, case_id)
    person = session.get(Person, case.person_id)
    assert person is not None
    spec = BENEFITS[benefit_kind]
    interview = _interview_for(session, case, kind)
    application = latest_application(session, case_id)
    period_to = None
    if period_from is None:
        if kind is DecisionKind.GRANTING and spec.payment is not Payment.ONE_OFF:
            filed = application.filed_on if application else case.started_on
            period_from = first_of_month(filed)
        elif kind is DecisionKind.GRANTING:
            period_from = today
        elif kind is not DecisionKind.REFUSING:
            period_from = first_of_month(rules.add_months(today, 1))
    if (kind is DecisionKind.GRANTING and spec.payment is not Payment.ONE_OFF
            and not spec.open_ended and period_from is not None):
        period_to = payouts.last_of_month(rules.add_months(period_from, OKRESOWY_MONTHS - 1))
    on = period_from or today
    rule = None
    lines: list[str] = []
    if application is not None:
        lines.append(f"W dniu {format_date(application.filed_on)} r. strona złożyła wniosek o "
                     f"przyznanie {BENEFITS[application.benefit_kind].genitive}.")
    if interview is not None and not interview.refused:
        a = assess(session, interview, on)
        rule = amount_rule(benefit_kind, a, legal_figures(session, on))
        lines.append(f"W dniu {format_date(interview.carried_out_on or on)} r. przeprowadzono "
                     f"rodzinny wywiad środowiskowy. {a.summary()}")
        lines.append(rule.note)
    elif interview is not None:
        lines.append(f"W dniu {format_date(interview.carried_out_on or on)} r. strona odmówiła "
                     "przeprowadzenia rodzinnego wywiadu środowiskowego.")
    if corrects_decision_id is not None:
        root = _decision(session, corrects_decision_id)
        lines.append(f"Decyzją nr {root.number} z dnia {format_date(root.issued_on)} r. "
                     f"przyznano stronie {spec.accusative}.")
    method = None
    account = ""
    if spec.payment is not Payment.IN_KIND and kind is DecisionKind.GRANTING:
        method = PayoutMethod.TRANSFER if person.bank_account else PayoutMethod.CASH
        account = person.bank_account
    return DecisionDefaults(
        legal_basis=default_legal_basis(kind, benefit_kind,
                                        reasons=interview.reasons if interview else "",
                                        ground=refusal_ground),
        rule=rule, period_from=period_from, period_to=period_to, payout_method=method,
        bank_account=account, justification="\n\n".join(lines),
        interview_id=interview.id if interview else None,
        purpose_label=spec.purpose_label, payment=spec.payment)


def _amount(value: Decimal | str | None, *, field: str, label_: str,
            required: bool) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise ValidationError(f"Podaj kwotę: {label_.lower()}.", field=field)
        return None
    return check.amount(value, field=field, label=label_)


def _apply(session: Session, d: Decision, form: DecisionForm) -> None:
    """Clean the form into the draft: every field a kind does not use is cleared."""
    case = _case(session, form.case_id)
    if case.status is CaseStatus.CLOSED:
        raise ValidationError("Sprawa jest zakończona — nie można w niej wydać decyzji.",
                              field="case")
    spec = BENEFITS[form.benefit_kind]
    kind = form.kind
    d.case_id, d.person_id, d.kind, d.benefit_kind = case.id, case.person_id, kind, \
        form.benefit_kind
    cash = spec.payment is not Payment.IN_KIND
    takes_amount = kind in (DecisionKind.GRANTING, DecisionKind.CHANGING, DecisionKind.REPAYMENT)
    d.amount = _amount(form.amount, field="amount", required=(
        kind is DecisionKind.REPAYMENT or (kind is DecisionKind.GRANTING and cash)),
        label_="Kwota do zwrotu" if kind is DecisionKind.REPAYMENT else "Kwota świadczenia"
    ) if takes_amount else None
    d.requested_amount = _amount(form.requested_amount, field="requested_amount",
                                 label_="Kwota, o którą wnioskowała strona", required=False) \
        if kind is DecisionKind.GRANTING else None
    d.period_from = form.period_from if kind in (
        DecisionKind.GRANTING, DecisionKind.REPAYMENT) else None
    d.period_to = form.period_to if kind in (DecisionKind.GRANTING, DecisionKind.CHANGING) \
        else None
    pays = cash and kind in (DecisionKind.GRANTING, DecisionKind.CHANGING)
    d.payout_method = form.payout_method if pays else None
    d.bank_account = ""
    if d.payout_method is PayoutMethod.TRANSFER:
        d.bank_account = check.bank_account(form.bank_account)
        if not d.bank_account:
            raise ValidationError("Przy wypłacie przelewem podaj numer rachunku bankowego "
                                  "strony.", field="bank_account")
    d.purpose = check.text(form.purpose, field="purpose", label=spec.purpose_label or "Zakres",
                           max_len=300, required=kind is DecisionKind.GRANTING
                           and bool(spec.purpose_label))
    d.refusal_ground = form.refusal_ground.value if (
        kind is DecisionKind.REFUSING and form.refusal_ground) else ""
    d.justification = check.text(form.justification, field="justification",
                                 label="Uzasadnienie", max_len=20000, required=False)
    d.immediate_enforcement_reason = check.text(
        form.immediate_enforcement_reason, field="immediate_enforcement_reason", max_len=4000,
        label="Uzasadnienie rygoru natychmiastowej wykonalności", required=False)
    d.corrects_decision_id = form.corrects_decision_id if kind not in (
        DecisionKind.GRANTING, DecisionKind.REFUSING) else None
    d.effective_from = form.effective_from if kind in payouts.CORRECTIONS else None
    d.repayment_instalments = (form.repayment_instalments or 1) \
        if kind is DecisionKind.REPAYMENT else None
    interview = _interview_for(session, case, kind)
    d.interview_id = interview.id if interview else None
    basis = form.legal_basis.strip() or default_legal_basis(
        kind, form.benefit_kind, reasons=interview.reasons if interview else "",
        ground=form.refusal_ground)
    d.legal_basis = check.text(basis, field="legal_basis", label="Podstawa prawna",
                               max_len=2000)


def _justification_required(d: Decision) -> bool:
    """kpa art. 107 § 4: only a decision granting the request in full may go without; and
    granting more than the law's computed amount must be explained."""
    if not d.granted_in_full:
        return True
    return d.computed_amount is not None and d.amount is not None and \
        d.amount > d.computed_amount


def _check(session: Session, d: Decision, today: date) -> None:
    """Every legal check of a draft; run on each save and again at approval."""
    {DecisionKind.GRANTING: _check_granting, DecisionKind.REFUSING: _check_refusing,
     DecisionKind.REPAYMENT: _check_repayment}.get(d.kind, _check_correction)(session, d, today)
    if _justification_required(d) and not d.justification.strip():
        if d.granted_in_full:
            raise ValidationError(
                f"Przyznajesz więcej niż kwota wyliczona ({format_money(d.computed_amount)}) — "
                "uzasadnij to w uzasadnieniu decyzji.", field="justification")
        raise ValidationError("Uzasadnienie jest wymagane: decyzja nie uwzględnia w całości "
                              "żądania strony (art. 107 § 4 Kodeksu postępowania "
                              "administracyjnego).", field="justification")


def _evidence(session: Session, d: Decision) -> Interview:
    interview = session.get(Interview, d.interview_id) if d.interview_id else None
    if interview is None:
        raise ValidationError("Przed decyzją przyznającą lub odmowną przeprowadź i zakończ "
                              "rodzinny wywiad środowiskowy (art. 106 ust. 4 ustawy o pomocy "
                              "społecznej).", field="interview")
    return interview


def _rule_on(session: Session, d: Decision, interview: Interview, on: date) -> AmountRule:
    return amount_rule(d.benefit_kind, assess(session, interview, on),
                       legal_figures(session, on))


def _check_amount_in_range(d: Decision, rule: AmountRule) -> None:
    if not rule.eligible:
        raise ValidationError(rule.note, field="amount")
    amount = d.amount
    if amount is None:
        return
    if rule.most is not None and amount > rule.most:
        raise ValidationError(
            f"Kwota {format_money(amount)} przekracza maksimum dopuszczalne prawem "
            f"({format_money(rule.most)}). {rule.note}", field="amount")
    if rule.least is not None and amount < rule.least:
        raise ValidationError(
            f"Kwota {format_money(amount)} jest niższa od minimum wymaganego prawem "
            f"({format_money(rule.least)}). {rule.note}", field="amount")


def _check_granting(session: Session, d: Decision, today: date) -> None:
    spec = BENEFITS[d.benefit_kind]
    interview = _evidence(session, d)
    if interview.refused:
        raise ValidationError("Strona odmówiła przeprowadzenia wywiadu — można wydać tylko "
                              "decyzję odmowną (art. 107 ust. 4a ustawy o pomocy społecznej).",
                              field="kind")
    if d.period_from is None:
        raise ValidationError("Podaj termin wypłaty." if spec.payment is Payment.ONE_OFF
                              else "Podaj początek okresu, na który przyznajesz świadczenie.",
                              field="period_from")
    if spec.once:
        d.period_to = None
    elif spec.payment is Payment.ONE_OFF:
        if d.benefit_kind is BenefitKind.ZASILEK_ZWROTNY:
            if d.period_to is None:
                raise ValidationError("Podaj termin zwrotu zasiłku (art. 41 pkt 2).",
                                      field="period_to")
            check.period(d.period_from, d.period_to)
        else:
            d.period_to = None
    else:
        if d.period_to is None and not spec.open_ended:
            raise ValidationError("Podaj koniec okresu, na który przyznajesz świadczenie.",
                                  field="period_to")
        if d.period_to is not None:
            check.period(d.period_from, d.period_to)
        application = latest_application(session, d.case_id)
        if spec.payment is Payment.MONTHLY and application is not None \
                and d.period_from < first_of_month(application.filed_on):
            raise ValidationError(
                "Świadczenie pieniężne przyznaje się od miesiąca złożenia wniosku "
                f"({month_label(application.filed_on)}) — art. 106 ust. 3 ustawy o pomocy "
                "społecznej.", field="period_from")
        _check_overlap(session, d, d.period_from, d.period_to, exclude=set())
    if spec.payment is not Payment.IN_KIND and d.payout_method is None:
        raise ValidationError("Wybierz formę wypłaty: w kasie albo przelewem.",
                              field="payout_method")
    rule = _rule_on(session, d, interview, d.period_from)
    d.computed_amount = rule.computed
    _check_amount_in_range(d, rule)


def _check_overlap(session: Session, d: Decision, start: date, end: date | None, *,
                   exclude: set[int]) -> None:
    """The same benefit may not be granted twice for the same days."""
    others = list(session.scalars(select(Decision).where(
        Decision.person_id == d.person_id, Decision.benefit_kind == d.benefit_kind,
        Decision.kind == DecisionKind.GRANTING,
        Decision.status.in_([DecisionStatus.ISSUED, DecisionStatus.AWAITING_APPROVAL]))))
    chains = payouts.corrections_of_many(
        session, [o for o in others if o.status is DecisionStatus.ISSUED])
    for other in others:
        if other.id == d.id or other.id in exclude:
            continue
        if other.period_from is None:
            continue
        other_end = (payouts.effective_end(other, chains[other.id])
                     if other.status is DecisionStatus.ISSUED else other.period_to)
        if other_end is not None and other_end < other.period_from:
            continue  # revoked before it began
        if (end is None or other.period_from <= end) and (other_end is None
                                                          or start <= other_end):
            which = (f"decyzją nr {other.number} z dnia {format_date(other.issued_on)} r."
                     if other.number else "projektem decyzji czekającym na zatwierdzenie")
            span = (f"{format_date(other.period_from)}–{format_date(other_end)}" if other_end
                    else f"od {format_date(other.period_from)} na czas nieokreślony")
            raise ValidationError(
                f"Okres nakłada się na {label(d.benefit_kind)} przyznany {which} ({span}). "
                "Zmień okres albo wydaj decyzję zmieniającą.", field="period_from")


def _check_refusing(session: Session, d: Decision, today: date) -> None:
    interview = _evidence(session, d)
    if not d.refusal_ground:
        raise ValidationError("Wskaż podstawę odmowy.", field="refusal_ground")
    ground = RefusalGround(d.refusal_ground)
    if ground is RefusalGround.INTERVIEW_REFUSED and not interview.refused:
        raise ValidationError("W aktach nie ma odmowy przeprowadzenia wywiadu — ta podstawa "
                              "odmowy nie ma zastosowania.", field="refusal_ground")
    if ground is RefusalGround.INCOME:
        if BENEFITS[d.benefit_kind].income_test is IncomeTest.NONE:
            raise ValidationError(f"{label(d.benefit_kind).capitalize()} przysługuje niezależnie "
                                  "od dochodu — dochód nie może być podstawą odmowy.",
                                  field="refusal_ground")
        if interview.refused:
            raise ValidationError("Strona odmówiła wywiadu — dochodu nie ustalono; wskaż "
                                  "podstawę: odmowa przeprowadzenia wywiadu.",
                                  field="refusal_ground")
        rule = _rule_on(session, d, interview, today)
        if rule.eligible:
            raise ValidationError(f"Odmowa z powodu dochodu jest bezpodstawna: {rule.note}",
                                  field="refusal_ground")


def _root_for(session: Session, d: Decision) -> Decision:
    if d.corrects_decision_id is None:
        raise ValidationError("Wskaż decyzję przyznającą, której dotyczy ta decyzja.",
                              field="corrects_decision_id")
    root = _decision(session, d.corrects_decision_id)
    if root.kind is not DecisionKind.GRANTING or root.status is not DecisionStatus.ISSUED:
        raise ValidationError("Można zmienić, uchylić, wstrzymać lub wznowić tylko wydaną "
                              "decyzję przyznającą.", field="corrects_decision_id")
    if root.person_id != d.person_id or root.benefit_kind is not d.benefit_kind:
        raise ValidationError("Wskazana decyzja dotyczy innej osoby albo innego świadczenia.",
                              field="corrects_decision_id")
    return root


def _check_correction(session: Session, d: Decision, today: date) -> None:
    root = _root_for(session, d)
    corrections = [c for c in payouts.corrections_of(session, root) if c.id != d.id]
    eff = d.effective_from
    if eff is None:
        raise ValidationError("Podaj dzień, od którego decyzja obowiązuje.",
                              field="effective_from")
    if eff < today:
        raise ValidationError("Decyzję zmieniającą, uchylającą lub wstrzymującą wydaje się tylko "
                              "na przyszłość (art. 106 ust. 5 ustawy o pomocy społecznej) — "
                              "dzień obowiązywania nie może być wcześniejszy niż dzień jej "
                              "wydania.", field="effective_from")
    spec = BENEFITS[root.benefit_kind]
    end = payouts.effective_end(root, corrections) if root.period_from else None
    if spec.payment is not Payment.ONE_OFF and root.period_from is not None:
        if eff < root.period_from or (end is not None and eff > end):
            span = f"do {format_date(end)} r." if end else "na czas nieokreślony"
            raise ValidationError(f"Dzień {format_date(eff)} r. jest poza okresem świadczenia "
                                  f"(od {format_date(root.period_from)} r. {span}).",
                                  field="effective_from")
        later = [c for c in corrections if c.effective_from and c.effective_from > eff]
        if later:
            raise ValidationError(f"Od {format_date(later[-1].effective_from)} r. obowiązuje już "
                                  f"decyzja nr {later[-1].number} — ta decyzja nie może "
                                  "obowiązywać od dnia wcześniejszego.", field="effective_from")
    periodic = spec.payment is not Payment.ONE_OFF
    if d.kind is DecisionKind.SUSPENDING:
        if not periodic or not payouts.is_active_on(root, corrections, eff):
            raise ValidationError("Wstrzymać można tylko świadczenie okresowe, które jest "
                                  f"wypłacane w dniu {format_date(eff)} r.",
                                  field="effective_from")
    if d.kind is DecisionKind.RESUMING:
        suspended = periodic and not payouts.is_active_on(root, corrections, eff) and any(
            c.kind is DecisionKind.SUSPENDING for c in corrections)
        if not suspended:
            raise ValidationError("Wznowić można tylko świadczenie, którego wypłatę wstrzymano.",
                                  field="kind")
    if d.kind is DecisionKind.CHANGING:
        _check_change(session, d, root, corrections, eff)
    payouts.check_correctable(session, root, corrections, eff)


def _check_change(session: Session, d: Decision, root: Decision, corrections: list[Decision],
                  eff: date) -> None:
    spec = BENEFITS[root.benefit_kind]
    if d.amount is None and d.period_to is None and d.payout_method is None:
        raise ValidationError("Decyzja zmieniająca musi coś zmieniać: kwotę, koniec okresu albo "
                              "formę wypłaty.", field="amount")
    if d.period_to is not None:
        check.period(eff, d.period_to)
        _check_overlap(session, d, eff, d.period_to, exclude={root.id})
    if d.amount is None or spec.payment is Payment.IN_KIND:
        return
    interview = _evidence(session, d)
    rule = _rule_on(session, d, interview, eff)
    d.computed_amount = rule.computed
    _check_amount_in_range(d, rule)
    if spec.payment is Payment.MONTHLY and root.interview_id:
        before = assess(session, session.get(Interview, root.interview_id), eff)
        now = assess(session, interview, eff)
        same_basis = before.persons == now.persons and \
            legal_figures(session, root.period_from) == legal_figures(session, eff)
        if same_basis and not rules.income_change_is_material(
                eff, old_income=before.family_income, new_income=now.family_income,
                persons=now.persons, figures=legal_figures(session, eff)):
            raise ValidationError(
                f"Dochód zmienił się z {format_money(before.family_income)} na "
                f"{format_money(now.family_income)}, tj. nie więcej niż o 10% kryterium "
                "dochodowego — zgodnie z art. 106 ust. 3a ustawy o pomocy społecznej nie "
                "zmienia to wysokości wypłacanego świadczenia.", field="amount")


def _check_repayment(session: Session, d: Decision, today: date) -> None:
    root = _root_for_repayment(session, d)
    paid = _paid_total(session, root, payouts.corrections_of(session, root))
    assert d.amount is not None
    if d.amount > paid:
        raise ValidationError(
            f"Kwota do zwrotu ({format_money(d.amount)}) przekracza kwotę wypłaconą na podstawie "
            f"decyzji nr {root.number} ({format_money(paid)}).", field="amount")
    if d.period_from is None:
        raise ValidationError("Podaj termin zwrotu (pierwszej raty).", field="period_from")
    if d.period_from < today:
        raise ValidationError("Termin zwrotu nie może być wcześniejszy niż dzień wydania "
                              "decyzji.", field="period_from")
    n = d.repayment_instalments or 1
    if not 1 <= n <= MAX_INSTALMENTS:
        raise ValidationError(f"Liczba rat: od 1 do {MAX_INSTALMENTS}.",
                              field="repayment_instalments")
    if d.amount < Decimal("0.01") * n:
        raise ValidationError("Rata nie może być mniejsza niż 1 grosz.",
                              field="repayment_instalments")


def _root_for_repayment(session: Session, d: Decision) -> Decision:
    if d.corrects_decision_id is None:
        raise ValidationError("Wskaż decyzję, na podstawie której świadczenie pobrano "
                              "nienależnie.", field="corrects_decision_id")
    root = _decision(session, d.corrects_decision_id)
    if (root.kind is not DecisionKind.GRANTING or root.status is not DecisionStatus.ISSUED
            or root.person_id != d.person_id
            or BENEFITS[root.benefit_kind].payment is Payment.IN_KIND):
        raise ValidationError("Zwrot dotyczy świadczenia pieniężnego przyznanego tej osobie "
                              "wydaną decyzją.", field="corrects_decision_id")
    d.benefit_kind = root.benefit_kind
    return root


def instalment_plan(total: Decimal, n: int, first_due: date) -> list[tuple[date, Decimal]]:
    """Equal monthly instalments rounded down to the grosz, the remainder in the last."""
    part = (total / n).quantize(Decimal("0.01"), rounding=ROUND_FLOOR)
    plan = [(rules.add_months(first_due, k), part) for k in range(n)]
    plan[-1] = (plan[-1][0], total - part * (n - 1))
    return plan


def _refuse_if_issued(d: Decision) -> None:
    if d.status is DecisionStatus.ISSUED:
        raise ValidationError(
            f"Decyzja nr {d.number} została wydana {format_date(d.issued_on)} r. i nie może być "
            "zmieniana. Zmianę wprowadza się nową decyzją: zmieniającą, uchylającą, "
            "wstrzymującą albo wznawiającą.", field="status")


@operation(Permission.CASE_WORK)
def save_draft(session: Session, form: DecisionForm, *, actor: Actor,
               decision_id: int | None = None, expected_version: int | None = None,
               today: date | None = None) -> int:
    """Create or update a draft; every legal check runs, so the worker sees at once what
    the law refuses."""
    today = today or clock.today()
    if decision_id is None:
        d = Decision(status=DecisionStatus.DRAFT, drafted_by_id=actor.id)
    else:
        d = _decision(session, decision_id, expected_version)
        _refuse_if_issued(d)
        if d.status is DecisionStatus.AWAITING_APPROVAL:
            raise ValidationError("Projekt czeka na zatwierdzenie — aby go zmienić, kierownik "
                                  "musi zwrócić go do poprawy.", field="status")
    _apply(session, d, form)
    _check(session, d, today)
    if decision_id is None:
        session.add(d)
    session.flush()
    return d.id


@operation(Permission.CASE_WORK)
def submit_draft(session: Session, decision_id: int, *, actor: Actor,
                 expected_version: int | None = None, today: date | None = None) -> None:
    """Send the draft to the head (or the authorised worker) for approval."""
    today = today or clock.today()
    d = _decision(session, decision_id, expected_version)
    _refuse_if_issued(d)
    if d.status is not DecisionStatus.DRAFT:
        raise ValidationError("Projekt już czeka na zatwierdzenie.", field="status")
    _check(session, d, today)
    d.status = DecisionStatus.AWAITING_APPROVAL
    d.case.status = CaseStatus.AWAITING_APPROVAL
    session.flush()


def _require_signer(actor: Actor) -> None:
    if not (actor.can(Permission.DECISION_APPROVE) or actor.may_sign_decisions):
        raise PermissionDenied("Decyzje zatwierdza kierownik albo pracownik upoważniony do ich "
                               "podpisywania.", actor_id=actor.id, what="decisions.approve")


@operation(Permission.CASE_WORK)
def return_draft(session: Session, decision_id: int, *, actor: Actor,
                 expected_version: int | None = None) -> None:
    """The approver sends a draft back for correction."""
    _require_signer(actor)
    d = _decision(session, decision_id, expected_version)
    _refuse_if_issued(d)
    d.status = DecisionStatus.DRAFT
    d.case.status = CaseStatus.IN_PROGRESS
    session.flush()


@operation(Permission.CASE_WORK)
def discard_draft(session: Session, decision_id: int, *, actor: Actor) -> None:
    d = _decision(session, decision_id)
    _refuse_if_issued(d)
    if d.status is not DecisionStatus.DRAFT:
        raise ValidationError("Projekt czeka na zatwierdzenie — usunąć można tylko projekt "
                              "zwrócony do poprawy.", field="status")
    session.delete(d)
    session.flush()


@operation(Permission.CASE_WORK)
def approve_and_issue(session: Session, decision_id: int, *, actor: Actor,
                      expected_version: int | None = None,
                      today: date | None = None) -> IssuedDecision:
    """Approve the draft and issue it: number, signatory, payouts and "Do odbioru", all in
    this one transaction."""
    _require_signer(actor)
    today = today or clock.today()
    d = _decision(session, decision_id, expected_version)
    _refuse_if_issued(d)
    _check(session, d, today)
    # Everything is read before the decision changes: an autoflush between two of the
    # assignments below would make it "issued" and the guard would refuse the rest.
    signer = session.get(User, actor.id)
    person = session.get(Person, d.person_id)
    case = d.case
    assert signer is not None and person is not None
    office = get_office(session)
    head = actor.can(Permission.DECISION_APPROVE)
    seq = next_number(session, "DECISION", today.year)
    with session.no_autoflush:
        if not head:  # an authorised worker signs under ust. 8, not ust. 7
            d.legal_basis = d.legal_basis.replace(SIGNED_BY_HEAD, SIGNED_BY_WORKER)
        d.number = f"{office.case_symbol}.DEC.{seq}.{today.year}"
        d.year, d.seq = today.year, seq
        d.issued_on = today
        d.approved_by_id = actor.id
        d.party_name, d.party_address = person.full_name, person.address
        d.signatory_name = signer.full_name
        d.signatory_position = (office.head_position if head and office.head_position
                                else signer.position)
        d.status = DecisionStatus.ISSUED
        case.status = CaseStatus.DECIDED
    session.flush()
    if d.kind is DecisionKind.GRANTING:
        payouts.sync_payouts(session, d, changed_from=d.period_from or today, today=today)
    elif d.kind in payouts.CORRECTIONS:
        root = _decision(session, d.corrects_decision_id)  # type: ignore[arg-type]
        payouts.sync_payouts(session, root, changed_from=d.effective_from or today, today=today)
    elif d.kind is DecisionKind.REPAYMENT:
        assert d.amount is not None and d.period_from is not None
        for due, part in instalment_plan(d.amount, d.repayment_instalments or 1, d.period_from):
            session.add(RepaymentInstalment(decision_id=d.id, due_on=due, amount=part))
    services_plan.on_decision_issued(session, d.id)  # the number goes back onto the plan
    handover = add_handover(session, kind=DocumentKind.DECISION, document_id=d.id,
                            person_id=d.person_id,
                            title=f"Decyzja nr {d.number} — {KIND_TITLES[d.kind]}: "
                                  f"{label(d.benefit_kind)}")
    session.flush()
    return IssuedDecision(d.id, d.number, handover.id)


# --- the document --------------------------------------------------------------------------


def _money_words(amount: Decimal) -> str:
    return f"{format_money(amount)} (słownie: {amount_in_words(amount)})"


def _d(day: date | None) -> str:
    return f"{format_date(day)} r." if day else ""


def _payment_text(session: Session, method: PayoutMethod | None, account: str,
                  what: str) -> str:
    if method is PayoutMethod.TRANSFER:
        return f"{what} przelewem na rachunek bankowy strony nr {format_account(account)}."
    room = get_office(session).room
    return (f"{what} w kasie ośrodka na podstawie dowodu wypłaty „Kasa wypłaci”, do odbioru "
            f"w pokoju nr {room}.")


def _full_stop(text: str) -> str:
    """One full stop at the end, also after a date that ends in "r."."""
    return text.rstrip(".") + "."


def ruling(session: Session, d: Decision) -> tuple[str, ...]:
    """The numbered points after "orzekam:"."""
    return tuple(_full_stop(p) for p in _ruling(session, d))


def _ruling(session: Session, d: Decision) -> tuple[str, ...]:
    spec = BENEFITS[d.benefit_kind]
    root = session.get(Decision, d.corrects_decision_id) if d.corrects_decision_id else None
    ref = (f"decyzję nr {root.number} z dnia {_d(root.issued_on)} w sprawie przyznania "
           f"{spec.genitive}") if root else ""
    if d.kind is DecisionKind.GRANTING:
        return _granting_ruling(session, d, spec)
    if d.kind is DecisionKind.REFUSING:
        return (f"Odmawiam przyznania stronie {spec.genitive}.",)
    if d.kind is DecisionKind.CHANGING:
        changes = []
        if d.amount is not None:
            per = " miesięcznie" if spec.payment is Payment.MONTHLY else ""
            changes.append(f"świadczenie wynosi {_money_words(d.amount)}{per}")
        if d.period_to is not None:
            changes.append(f"świadczenie przysługuje do dnia {_d(d.period_to)}")
        if d.payout_method is not None:
            changes.append("świadczenie jest wypłacane " + (
                f"przelewem na rachunek bankowy nr {format_account(d.bank_account)}"
                if d.payout_method is PayoutMethod.TRANSFER else "w kasie ośrodka"))
        return (f"Zmieniam {ref} w ten sposób, że od dnia {_d(d.effective_from)} "
                f"{_join(changes)}.",)
    if d.kind is DecisionKind.REVOKING:
        return (f"Uchylam {ref} od dnia {_d(d.effective_from)}.",)
    if d.kind is DecisionKind.SUSPENDING:
        return (f"Wstrzymuję od dnia {_d(d.effective_from)} wypłatę {spec.genitive} "
                f"przyznanego decyzją nr {root.number if root else ''} z dnia "
                f"{_d(root.issued_on if root else None)}.",)
    if d.kind is DecisionKind.RESUMING:
        return (f"Wznawiam od dnia {_d(d.effective_from)} wypłatę {spec.genitive} przyznanego "
                f"decyzją nr {root.number if root else ''} z dnia "
                f"{_d(root.issued_on if root else None)}.",)
    return _repayment_ruling(session, d, root)


def _granting_ruling(session: Session, d: Decision, spec: BenefitSpec) -> tuple[str, ...]:
    points = []
    purpose = f" z przeznaczeniem na: {d.purpose}" if d.purpose and \
        spec.payment is Payment.ONE_OFF else ""
    scope = f" w zakresie: {d.purpose}" if d.purpose and spec.payment is Payment.IN_KIND else ""
    if spec.once:
        period = ""
    elif d.period_to:
        period = f" na okres od dnia {_d(d.period_from)} do dnia {_d(d.period_to)}"
    else:
        period = f" od dnia {_d(d.period_from)} na czas nieokreślony"
    if spec.payment is Payment.MONTHLY:
        assert d.amount is not None and d.period_from is not None
        points.append(f"Przyznaję stronie {spec.accusative} w wysokości "
                      f"{_money_words(d.amount)} miesięcznie{period}.")
        first_end = payouts.last_of_month(d.period_from)
        if d.period_to is not None:
            first_end = min(first_end, d.period_to)
        partial = [(d.period_from, first_end)]
        if d.period_to is not None and first_of_month(d.period_to) != first_of_month(
                d.period_from):
            partial.append((first_of_month(d.period_to), d.period_to))
        for start, end in partial:
            part = rules.prorate(d.amount, start, end)
            if part != d.amount:
                points.append(f"Za niepełny miesiąc {month_label(start)} r. (od dnia {_d(start)}"
                              f" do dnia {_d(end)}) świadczenie wynosi {_money_words(part)} "
                              "(art. 106 ust. 3 ustawy o pomocy społecznej).")
        points.append(_payment_text(session, d.payout_method, d.bank_account,
                                    "Świadczenie będzie wypłacane co miesiąc"))
    elif spec.payment is Payment.ONE_OFF:
        assert d.amount is not None
        points.append(f"Przyznaję stronie {spec.accusative} w wysokości "
                      f"{_money_words(d.amount)}{purpose}.")
        points.append(_payment_text(session, d.payout_method, d.bank_account,
                                    f"Zasiłek zostanie wypłacony od dnia {_d(d.period_from)}"))
        if d.benefit_kind is BenefitKind.ZASILEK_ZWROTNY:
            points.append(f"Przyznany zasiłek podlega zwrotowi w terminie do dnia "
                          f"{_d(d.period_to)} (art. 41 pkt 2 ustawy o pomocy społecznej).")
    else:
        amount = f" w wysokości {_money_words(d.amount)}" if d.amount is not None else ""
        points.append(f"Przyznaję stronie {spec.accusative}{scope}{amount}{period}.")
    return tuple(points)


def _repayment_ruling(session: Session, d: Decision, root: Decision | None
                      ) -> tuple[str, ...]:
    assert d.amount is not None and d.period_from is not None and root is not None
    spec = BENEFITS[d.benefit_kind]
    points = [f"Ustalam, że strona nienależnie pobrała {spec.accusative} przyznany decyzją "
              f"nr {root.number} z dnia {_d(root.issued_on)} w kwocie "
              f"{_money_words(d.amount)}."]
    plan = instalment_plan(d.amount, d.repayment_instalments or 1, d.period_from)
    if len(plan) == 1:
        points.append(f"Zobowiązuję stronę do zwrotu kwoty {format_money(d.amount)} w terminie "
                      f"do dnia {_d(d.period_from)}.")
    else:
        parts = "; ".join(f"{n}) do dnia {_d(due)} — {format_money(part)}"
                          for n, (due, part) in enumerate(plan, start=1))
        points.append(f"Zobowiązuję stronę do zwrotu kwoty {format_money(d.amount)} w "
                      f"{len(plan)} ratach miesięcznych: {parts} (art. 104 ust. 4 ustawy o "
                      "pomocy społecznej).")
    points.append("Kwotę należy wpłacić w kasie ośrodka lub na jego rachunek bankowy; "
                  "należność może zostać potrącona z wypłacanych świadczeń.")
    return tuple(points)


def decision_view(session: Session, d: Decision) -> DecisionView:
    office = get_office(session)
    person = session.get(Person, d.person_id)
    assert person is not None
    issued = d.status is DecisionStatus.ISSUED
    return DecisionView(
        office=office_view(session), number=d.number if issued else "— (projekt)",
        case_sign=d.case.sign, issued_on=d.issued_on or clock.today(), title="DECYZJA",
        party_name=d.party_name if issued else person.full_name,
        party_address=d.party_address if issued else person.address,
        party_pesel=person.pesel or "", legal_basis=d.legal_basis, ruling=ruling(session, d),
        justification=d.justification, granted_in_full=d.granted_in_full,
        immediate_enforcement_reason=d.immediate_enforcement_reason,
        signatory_name=d.signatory_name if issued else office.head_name,
        signatory_position=d.signatory_position if issued else office.head_position,
        on_behalf=True, recipients=("Adresat", "a/a"))


@operation(Permission.DOCUMENT_PRINT)
def decision_pdf(session: Session, decision_id: int, *, actor: Actor) -> bytes:
    """The decision as issued (a draft prints as "projekt" for the approver to read)."""
    d = _decision(session, decision_id)
    write_audit(session, actor.id, AuditAction.PRINT, "Decision", d.id, {})
    return render_decision(decision_view(session, d))


# --- the decision deadline and the art. 36 notice ---------------------------------------------


def decision_deadline_of(session: Session, case: Case) -> date:
    """kpa art. 35, or the new date of the latest art. 36 notice."""
    return decision_deadlines_of(session, [case])[case.id]


_IN_LIMIT = 20_000


def decision_deadlines_of(session: Session, cases: list[Any]) -> dict[int, date]:
    """``decision_deadline_of`` for many cases (or rows with their id, started_on and
    complicated) with one query: a queue, not a query a row."""
    notices: dict[int, date] = {}
    ids = [c.id for c in cases]
    # Parts of 20 000: SQLite takes at most 32 766 values in one statement (the evaluation
    # asks for a year and a half of cases); a queue is one part.
    for part in range(0, max(len(ids), 1), _IN_LIMIT):
        for case_id, new in session.execute(select(
                DeadlineNotice.case_id, DeadlineNotice.new_deadline).where(
                DeadlineNotice.case_id.in_(ids[part:part + _IN_LIMIT]))
                .order_by(DeadlineNotice.id)):
            notices[case_id] = new  # the latest notice wins (a query even for none: see queue)
    return {c.id: notices.get(c.id) or rules.decision_deadline(c.started_on,
                                                               complicated=c.complicated)
            for c in cases}


def _settled(session: Session, case_id: int) -> bool:
    return session.scalar(select(Decision.id).where(
        Decision.case_id == case_id, Decision.status == DecisionStatus.ISSUED,
        Decision.kind.in_([DecisionKind.GRANTING, DecisionKind.REFUSING])).limit(1)) is not None


@operation(Permission.CASE_WORK)
def issue_deadline_notice(session: Session, case_id: int, *, actor: Actor, reason: str,
                          new_deadline: date, today: date | None = None) -> int:
    """Zawiadomienie (kpa art. 36): the reason for the delay and a new date; it waits at the
    desk for the party and moves the case's decision deadline."""
    today = today or clock.today()
    case = _case(session, case_id)
    if _settled(session, case_id) or case.status is CaseStatus.CLOSED:
        raise ValidationError("Sprawa jest już załatwiona — zawiadomienie o zwłoce jest zbędne.",
                              field="case")
    original = decision_deadline_of(session, case)
    reason = check.text(reason, field="reason", label="Przyczyna zwłoki", max_len=4000)
    if new_deadline <= max(original, today):
        raise ValidationError(f"Nowy termin musi być późniejszy niż dotychczasowy "
                              f"({format_date(original)} r.) i niż dzień dzisiejszy.",
                              field="new_deadline")
    office = get_office(session)
    seq = next_number(session, "NOTICE", today.year)
    notice = DeadlineNotice(number=f"{office.case_symbol}.ZAW.{seq}.{today.year}",
                            year=today.year, seq=seq, case_id=case.id, issued_on=today,
                            original_deadline=original, new_deadline=new_deadline,
                            reason=reason, signatory_name=office.head_name,
                            signatory_position=office.head_position, issued_by_id=actor.id)
    session.add(notice)
    session.flush()
    add_handover(session, kind=DocumentKind.NOTICE, document_id=notice.id,
                 person_id=case.person_id,
                 title=f"Zawiadomienie nr {notice.number} o niezałatwieniu sprawy w terminie")
    return notice.id


@operation(Permission.DOCUMENT_PRINT)
def notice_pdf(session: Session, notice_id: int, *, actor: Actor) -> bytes:
    notice = session.get(DeadlineNotice, notice_id)
    if notice is None:
        raise NotFound("Nie ma takiego zawiadomienia.")
    case = notice.case
    person = session.get(Person, case.person_id)
    assert person is not None
    application = latest_application(session, case.id)
    subject = (f"przyznania {BENEFITS[application.benefit_kind].genitive}" if application
               else case.subject[:120])
    write_audit(session, actor.id, AuditAction.PRINT, "DeadlineNotice", notice.id, {})
    return render_notice(NoticeView(
        office=office_view(session), number=notice.number, case_sign=case.sign,
        issued_on=notice.issued_on, party_name=person.full_name, party_address=person.address,
        subject=f"w sprawie {subject}", original_deadline=notice.original_deadline,
        new_deadline=notice.new_deadline, reason=notice.reason,
        signatory_name=notice.signatory_name, signatory_position=notice.signatory_position))


# --- the guard: an issued decision is final ---------------------------------------------------

_CHANGEABLE_AFTER_ISSUE = frozenset({"delivered_on", "version"})


@event.listens_for(Session, "before_flush")
def _issued_decisions_are_final(session: Session, _ctx: Any, _instances: Any) -> None:
    """Whatever the caller, an issued decision's content never changes; only its delivery
    date is recorded later (at the desk's hand-over)."""
    for obj in session.dirty | session.deleted:
        if not isinstance(obj, Decision):
            continue
        state = inspect(obj)
        status = state.attrs.status.history
        was_issued = (status.deleted[0] if status.deleted else obj.status) is \
            DecisionStatus.ISSUED
        if not was_issued:
            continue
        changed = {a.key for a in state.mapper.column_attrs
                   if state.attrs[a.key].history.has_changes()} - _CHANGEABLE_AFTER_ISSUE
        if obj in session.deleted or changed:
            raise ValidationError(
                f"Decyzja nr {obj.number} została wydana i nie może być zmieniana ani usuwana — "
                "zmianę wprowadza się nową decyzją.", field="status")

