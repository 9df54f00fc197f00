"""Benefits: cases with their applications and family interviews, and the decisions —
zasiłek stały granted na czas nieokreślony and changed when the legal figures change, the
yearly ones granted and refused."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from opsdesk.demo import staff
from opsdesk.demo.large.plan import (
    Plan,
    PlannedCase,
    PlannedDecision,
    PlannedIntake,
    add_months,
    at,
    day_between,
    money,
    workday,
)
from opsdesk.demo.large.writer import Writer, handed
from opsdesk.labels import label
from opsdesk.models import Application, Case, Decision, Handover, Income, Interview, InterviewMember
from opsdesk.models.enums import (
    BenefitKind,
    CaseKind,
    CaseStatus,
    Channel,
    DecisionKind,
    DecisionStatus,
    DeliveryMethod,
    DocumentKind,
    IncomeSource,
    IntakeStatus,
    InterviewKind,
    PayoutMethod,
    Team,
)
from opsdesk.services import rules
from opsdesk.services.decisions.amounts import (
    compose_basis,
    kpa_articles,
    ups_articles,
    uses_thresholds,
)
from opsdesk.services.decisions.catalogue import (
    BENEFITS,
    KIND_TITLES,
    REFUSAL_GROUNDS,
    RefusalGround,
)
from opsdesk.services.legal_acts import FALLBACK_TITLES, Act
from opsdesk.services.payouts.schedule import last_of_month

# Clients per household and year (scaled to the number of households).
STALY_SHARE = 0.38  # receiving a zasiłek stały at any time
STALY_CHURN = 0.12  # of them leave (and are replaced) each year
OKRESOWY_SHARE = 0.10
CELOWY_SHARE = 0.33
POSILEK_SHARE = 0.06
USLUGI_SHARE = 0.015
PURPOSES = ("zakup opału na okres zimowy", "zakup żywności", "zakup leków",
            "opłacenie rachunku za energię elektryczną", "zakup odzieży i obuwia",
            "zakup podręczników i przyborów szkolnych", "opłacenie czynszu za mieszkanie")
IN_KIND_SCOPE = {BenefitKind.POSILEK: "jeden gorący posiłek dziennie w stołówce szkolnej",
                 BenefitKind.USLUGI_OPIEKUNCZE: "usługi opiekuńcze 2 godziny dziennie w dni "
                                                "robocze, odpłatność wg uchwały rady gminy"}
NEEDS = ("Potrzeba zaspokojenia podstawowych potrzeb bytowych: żywność, opał, leki.",
         "Potrzeba wsparcia w opiece nad osobą starszą i chorą.",
         "Potrzeba pomocy w zakupie wyprawki szkolnej dla dzieci.")
DIAGNOSES = ("Rodzina nie jest w stanie samodzielnie pokryć kosztów utrzymania.",
             "Długotrwała choroba ogranicza możliwość podjęcia pracy.",
             "Bezrobocie i brak kwalifikacji zawodowych.")
PLANS = ("Przyznanie świadczenia; rejestracja w PUP; kontakt za trzy miesiące.",
         "Przyznanie świadczenia; skierowanie do pracownika socjalnego.",
         "Przyznanie świadczenia; pomoc w uzyskaniu orzeczenia o niepełnosprawności.")
REASONS = {BenefitKind.ZASILEK_STALY: "NIEPELNOSPRAWNOSC",
           BenefitKind.ZASILEK_OKRESOWY: "UBOSTWO,BEZROBOCIE",
           BenefitKind.ZASILEK_CELOWY: "UBOSTWO", BenefitKind.POSILEK: "UBOSTWO,MACIERZYNSTWO",
           BenefitKind.USLUGI_OPIEKUNCZE: "CHOROBA"}


def plan_benefits(plan: Plan) -> None:
    plan_staly(plan)
    plan_yearly(plan, BenefitKind.ZASILEK_OKRESOWY, OKRESOWY_SHARE)
    plan_yearly(plan, BenefitKind.ZASILEK_CELOWY, CELOWY_SHARE)
    plan_yearly(plan, BenefitKind.POSILEK, POSILEK_SHARE)
    plan_yearly(plan, BenefitKind.USLUGI_OPIEKUNCZE, USLUGI_SHARE)
    # Ids and numbers in the order the cases came in, as the program would have given them.
    plan.cases.sort(key=lambda c: c.started_on)
    interview_id = 0
    for case_id, case in enumerate(plan.cases, start=1):
        case.id = case_id
        case.number = plan.next_number("CASE", case.started_on.year)
        if case.interview_on is not None:
            interview_id += 1
            case.interview_id = interview_id
            interview_id += len(case.updates)
    number_decisions(plan)


def plan_staly(plan: Plan) -> None:
    """Permanent clients: granted na czas nieokreślony, changed whenever the legal figures
    change, interviewed again every six months, revoked when they leave (and replaced)."""
    rng, today = plan.rng, plan.today
    count = plan.per_year(STALY_SHARE)
    free = list(range(len(plan.households)))
    rng.shuffle(free)
    starts = [(free.pop(), day_between(rng, plan.start, plan.start + timedelta(days=180)))
              for _ in range(min(count, len(free)))]
    for year in range(plan.start.year + 1, today.year + 1):
        for _ in range(round(count * STALY_CHURN)):
            if free:
                starts.append((free.pop(), day_between(rng, date(year, 1, 1), date(year, 12, 31))))
    for household, started in starts:
        started = workday(started)
        if started > today:
            continue
        case = plan_case(plan, BenefitKind.ZASILEK_STALY, household, started)
        root = case.decisions[0] if case.decisions else None
        if root is None or root.issued_on is None or root.kind is not DecisionKind.GRANTING:
            continue
        leaves = root.issued_on + timedelta(days=30 + int(rng.expovariate(STALY_CHURN) * 365))
        for figures in rules.LEGAL_FIGURES:
            effective = figures.valid_from
            issued = workday(effective - timedelta(days=rng.randint(10, 30)))
            if root.issued_on < issued <= today and effective < leaves:
                correction(plan, root, DecisionKind.CHANGING, issued, effective,
                           staly_amount(rng, effective))
        if leaves <= today:
            correction(plan, root, DecisionKind.REVOKING, workday(leaves),
                       add_months(leaves, 1), None)
        assert case.interview_on is not None
        update = rules.add_months(case.interview_on, rules.INTERVIEW_UPDATE_MONTHS)
        while update <= min(today, leaves):
            update = workday(update - timedelta(days=rng.randint(0, 20)))
            case.updates.append(update)
            update = rules.add_months(update, rules.INTERVIEW_UPDATE_MONTHS)


def staly_amount(rng: random.Random, on: date) -> Decimal:
    figures = rules.LEGAL_FIGURES[0] if on < rules.LEGAL_FIGURES[0].valid_from \
        else rules.figures_on(on)
    return money(rng, max(figures.staly_min, Decimal(150)), figures.staly_max)


def correction(plan: Plan, root: PlannedDecision, kind: DecisionKind, issued: date,
               effective: date, amount: Decimal | None) -> None:
    later = PlannedDecision(root.case, kind, root.benefit, DecisionStatus.ISSUED, issued,
                            amount, period_from=effective, root=root)
    root.corrections.append(later)
    root.case.decisions.append(later)


def plan_yearly(plan: Plan, benefit: BenefitKind, share: float) -> None:
    """Benefits applied for again and again: a fixed month per household for the periodic
    ones (so two periods never overlap), any day for zasiłki celowe."""
    rng, today = plan.rng, plan.today
    households = len(plan.households)
    eligible = [i for i, h in enumerate(plan.households)
                if benefit is not BenefitKind.POSILEK or len(h) >= 3]
    month_of: dict[int, int] = {}
    for year in range(plan.start.year, today.year + 1):
        taken: set[int] = set()
        for _ in range(plan.per_year(share)):
            household = rng.choice(eligible) if eligible else rng.randrange(households)
            if benefit is BenefitKind.ZASILEK_CELOWY:
                started = day_between(rng, date(year, 1, 1), date(year, 12, 31))
            elif household in taken:
                continue  # one period a year
            elif benefit is BenefitKind.POSILEK:
                started = day_between(rng, date(year, 8, 20), date(year, 9, 10))
            else:
                month = month_of.setdefault(household, rng.randint(1, 6))
                started = date(year, month, rng.randint(1, 25))
            taken.add(household)
            started = workday(started)
            if started <= today:
                plan_case(plan, benefit, household, started)


def plan_case(plan: Plan, benefit: BenefitKind, household: int, started: date) -> PlannedCase:
    """A case from the application (or a routed intake) to its decision, as far as it got."""
    rng, today, team = plan.rng, plan.today, plan.team
    members = plan.households[household]
    client = members[0]
    worker = team.benefits[rng.randrange(len(team.benefits))].id
    case = PlannedCase(client, members, benefit, started,
                       PayoutMethod.TRANSFER if client.bank else PayoutMethod.CASH, worker,
                       urgent=rng.random() < 0.05)
    plan.cases.append(case)
    if benefit in (BenefitKind.ZASILEK_OKRESOWY, BenefitKind.ZASILEK_CELOWY) \
            and rng.random() < 0.3:
        received = at(workday(started - timedelta(days=rng.randint(0, 2))), rng)
        case.intake = PlannedIntake(received, client, IntakeStatus.ROUTED, to_benefits=True)
        plan.intakes.append(case.intake)
    interview_on = rules.working_days_after(case.learned_on,
                                            1 if case.urgent else rng.randint(1, 12))
    issued = rules.working_days_after(interview_on, rng.randint(2, 12))
    if interview_on > today:
        case.status = CaseStatus.NEW if rng.random() < 0.5 else CaseStatus.IN_PROGRESS
        return case
    case.interview_on = interview_on
    period_from, period_to = period_of(plan, benefit, started, issued)
    amount = benefit_amount(rng, benefit, started)
    if issued > today:
        near = (issued - today).days <= 3
        case.status = CaseStatus.AWAITING_APPROVAL if near else CaseStatus.IN_PROGRESS
        if near or rng.random() < 0.5:
            case.decisions.append(PlannedDecision(
                case, DecisionKind.GRANTING, benefit,
                DecisionStatus.AWAITING_APPROVAL if near else DecisionStatus.DRAFT, None,
                amount, period_from, period_to))
        return case
    case.status = CaseStatus.DECIDED
    refused = rng.random() < (0.03 if benefit is BenefitKind.ZASILEK_STALY else 0.1)
    case.decisions.append(PlannedDecision(
        case, DecisionKind.REFUSING if refused else DecisionKind.GRANTING, benefit,
        DecisionStatus.ISSUED, issued, None if refused else amount,
        None if refused else period_from, None if refused else period_to))
    return case


def period_of(plan: Plan, benefit: BenefitKind, started: date, issued: date
              ) -> tuple[date, date | None]:
    rng = plan.rng
    if benefit is BenefitKind.ZASILEK_STALY:
        return started, None  # from the application, na czas nieokreślony
    if benefit is BenefitKind.ZASILEK_OKRESOWY:
        return started, last_of_month(add_months(started, rng.randint(2, 5)))
    if benefit is BenefitKind.ZASILEK_CELOWY:
        return workday(issued + timedelta(days=rng.randint(0, 7))), None
    if benefit is BenefitKind.POSILEK:
        return max(issued, date(started.year, 9, 1)), date(started.year + 1, 6, 30)
    return issued, last_of_month(add_months(issued, 11))


def benefit_amount(rng: random.Random, benefit: BenefitKind, on: date) -> Decimal | None:
    if benefit is BenefitKind.ZASILEK_STALY:
        return staly_amount(rng, on)
    if benefit is BenefitKind.ZASILEK_OKRESOWY:
        return money(rng, 200, 800)
    if benefit is BenefitKind.ZASILEK_CELOWY:
        return money(rng, 150, 1200)
    return None  # in kind


def number_decisions(plan: Plan) -> None:
    """Ids in the order decisions were issued (drafts last), numbers per year."""
    decisions = [d for c in plan.cases for d in c.decisions]
    decisions.sort(key=lambda d: (d.issued_on or date.max, d.case.id))
    for decision_id, d in enumerate(decisions, start=1):
        d.id = decision_id
        if d.issued_on is not None:
            d.year = d.issued_on.year
            d.seq = plan.next_number("DECISION", d.year)


def write_cases(w: Writer, plan: Plan) -> None:
    rng, desk = plan.rng, plan.team.desk.id

    def cases() -> Iterator[dict[str, Any]]:
        for c in plan.cases:
            created = at(c.started_on, rng)
            w.created(created, desk, "Case", c.id)
            yield {"id": c.id, "sign": c.sign, "year": c.started_on.year, "number": c.number,
                   "kind": CaseKind.BENEFIT, "team": Team.BENEFITS, "status": c.status,
                   "person_id": c.person.id, "intake_id": c.intake.id if c.intake else None,
                   "assigned_to_id": None if c.status is CaseStatus.NEW else c.worker_id,
                   "started_on": c.started_on, "learned_on": c.learned_on, "urgent": c.urgent,
                   "subject": f"Wniosek o {BENEFITS[c.benefit].accusative}",
                   "created_at": created}

    w.rows(Case.__table__, cases())
    w.rows(Application.__table__, (
        {"id": c.id, "case_id": c.id, "person_id": c.person.id, "filed_on": c.started_on,
         "benefit_kind": c.benefit,
         "channel": Channel.LETTER if c.id % 7 == 0 else Channel.IN_PERSON,
         "description": f"Wniosek o {BENEFITS[c.benefit].accusative}.",
         "registered_by_id": desk, "created_at": datetime.combine(c.started_on, time(9, 0))}
        for c in plan.cases))
    interviewed = [c for c in plan.cases if c.interview_id is not None]
    w.rows(Interview.__table__, interview_rows(interviewed))
    w.rows(InterviewMember.__table__, (
        {"interview_id": c.interview_id, "person_id": p.id, "relation": p.relation}
        for c in interviewed for p in c.household))
    w.rows(Income.__table__, income_rows(plan, interviewed))


def interview_rows(cases: list[PlannedCase]) -> Iterator[dict[str, Any]]:
    """The full interview of each case, then the updates of a permanent client (part IV)."""
    for c in cases:
        assert c.interview_id is not None and c.interview_on is not None
        for n, on in enumerate([c.interview_on, *c.updates]):
            yield {"id": c.interview_id + n, "case_id": c.id, "person_id": c.person.id,
                   "kind": InterviewKind.UPDATE if n else InterviewKind.FULL,
                   "carried_out_on": on, "carried_out_by_id": c.worker_id,
                   "income_month": add_months(on if n else c.started_on, -1),
                   "single": len(c.household) == 1, "reasons": REASONS[c.benefit],
                   "needs": NEEDS[c.id % len(NEEDS)], "diagnosis": DIAGNOSES[c.id % len(DIAGNOSES)],
                   "plan": PLANS[c.id % len(PLANS)], "completed": True,
                   "created_at": datetime.combine(on, time(12, 0))}


def income_rows(plan: Plan, cases: list[PlannedCase]) -> Iterator[dict[str, Any]]:
    rng = plan.rng
    sources = {BenefitKind.ZASILEK_STALY: IncomeSource.PENSION,
               BenefitKind.POSILEK: IncomeSource.EMPLOYMENT,
               BenefitKind.USLUGI_OPIEKUNCZE: IncomeSource.PENSION}
    for c in cases:
        adults = [p for p in c.household if c.started_on.year - p.born.year >= 18]
        for p in adults[:2]:
            source = sources.get(c.benefit, rng.choice((IncomeSource.UNEMPLOYMENT,
                                                         IncomeSource.EMPLOYMENT,
                                                         IncomeSource.FAMILY_BENEFITS)))
            gross = money(rng, 0 if c.benefit is BenefitKind.ZASILEK_STALY else 300, 2400)
            yield {"interview_id": c.interview_id, "person_id": p.id, "source": source,
                   "gross": gross, "tax": Decimal("0.00"),
                   "contributions": (gross * Decimal("0.1371")).quantize(Decimal("0.01"))
                   if source is IncomeSource.EMPLOYMENT else Decimal("0.00")}


def write_decisions(w: Writer, plan: Plan) -> None:
    head = plan.team.head
    decisions = sorted((d for c in plan.cases for d in c.decisions), key=lambda d: d.id)
    bases: dict[tuple[DecisionKind, BenefitKind], str] = {}

    def rows() -> Iterator[dict[str, Any]]:
        for d in decisions:
            c = d.case
            granting = d.kind is DecisionKind.GRANTING
            refusing = d.kind is DecisionKind.REFUSING
            paid = granting and d.amount is not None
            key = (d.kind, d.benefit)
            if key not in bases:
                ground = RefusalGround.INCOME
                bases[key] = compose_basis(
                    ups_articles(d.kind, d.benefit, reasons=REASONS[d.benefit], ground=ground),
                    kpa_articles(False), ups_act=FALLBACK_TITLES[Act.UPS],
                    kpa_act=FALLBACK_TITLES[Act.KPA],
                    thresholds_act=FALLBACK_TITLES[Act.THRESHOLDS]
                    if uses_thresholds(d.kind, d.benefit, ground) else "")
            created = at(d.issued_on or c.interview_on or c.started_on, plan.rng)
            w.created(created, c.worker_id, "Decision", d.id)
            yield {
                "id": d.id, "case_id": c.id, "person_id": c.person.id, "kind": d.kind,
                "benefit_kind": d.benefit, "status": d.status, "number": d.number,
                "year": d.year, "seq": d.seq, "drafted_by_id": c.worker_id,
                "approved_by_id": head.id if d.issued_on else None, "issued_on": d.issued_on,
                "delivered_on": delivered(plan, d), "legal_basis": bases[key],
                "delivery_method": DeliveryMethod.HANDED_OVER if delivered(plan, d) else None,
                "amount": d.amount, "computed_amount": d.amount if granting else None,
                "requested_amount": d.amount if granting else None,
                "period_from": None if d.root else d.period_from,
                "period_to": None if d.root else d.period_to,
                "effective_from": d.period_from if d.root else None,
                "payout_method": c.method if paid else None,
                "bank_account": c.person.bank if paid and c.method is PayoutMethod.TRANSFER
                else "",
                "purpose": purpose(d) if granting else "",
                "refusal_ground": RefusalGround.INCOME.value if refusing else "",
                "justification": "Organ ustalił, że "
                                 f"{REFUSAL_GROUNDS[RefusalGround.INCOME][1]}." if refusing
                else "",
                "corrects_decision_id": d.root.id if d.root else None,
                "interview_id": c.interview_id, "party_name": c.person.name,
                "party_address": c.person.address,
                "signatory_name": head.full_name if d.issued_on else "",
                "signatory_position": staff.DEMO_OFFICE.head_position if d.issued_on else "",
                "created_at": created}

    w.rows(Decision.__table__, rows())
    w.rows(Handover.__table__, (
        {"document_kind": DocumentKind.DECISION, "document_id": d.id,
         "person_id": d.case.person.id,
         "title": f"Decyzja nr {d.number} — {KIND_TITLES[d.kind]}: {label(d.benefit)}",
         **handed(plan, d.case.person, delivered(plan, d)),
         "created_at": datetime.combine(d.issued_on, time(14, 0))}
        for d in decisions if d.issued_on is not None))


def purpose(d: PlannedDecision) -> str:
    if d.benefit is BenefitKind.ZASILEK_CELOWY:
        return PURPOSES[d.case.id % len(PURPOSES)]
    return IN_KIND_SCOPE.get(d.benefit, "")


def delivered(plan: Plan, d: PlannedDecision) -> date | None:
    if d.issued_on is None:
        return None
    day = workday(d.issued_on + timedelta(days=d.id % 8))
    return day if day <= plan.today else None
