"""The law's side of a decision: the amount (or range) a benefit allows, the legal basis
the editor proposes, when a justification is required and an art. 98 instalment plan."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_FLOOR, Decimal

from opsdesk.formatting import format_money
from opsdesk.models import Decision
from opsdesk.models.enums import BenefitKind, DecisionKind
from opsdesk.services import rules
from opsdesk.services.decisions.catalogue import (
    BENEFITS,
    KPA,
    REFUSAL_GROUNDS,
    SIGNED_BY_HEAD,
    UPS,
    IncomeTest,
    RefusalGround,
)
from opsdesk.services.decisions.views import AmountRule
from opsdesk.services.interviews import ART7_REASONS, Assessment


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


def join_and(items: list[str]) -> str:
    """The non-empty items as Polish prose: "a", "a i b", "a, b i c"."""
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
            articles.append(f"art. 7 pkt {join_and(points)}")
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
    return f"{join_and(list(dict.fromkeys(articles)))} {UPS} oraz {KPA}"


def justification_required(d: Decision) -> bool:
    """kpa art. 107 § 4: only a decision granting the request in full may go without; and
    granting more than the law's computed amount must be explained."""
    if not d.granted_in_full:
        return True
    return d.computed_amount is not None and d.amount is not None and \
        d.amount > d.computed_amount


def instalment_plan(total: Decimal, n: int, first_due: date) -> list[tuple[date, Decimal]]:
    """Equal monthly instalments rounded down to the grosz, the remainder in the last."""
    part = (total / n).quantize(Decimal("0.01"), rounding=ROUND_FLOOR)
    plan = [(rules.add_months(first_due, k), part) for k in range(n)]
    plan[-1] = (plan[-1][0], total - part * (n - 1))
    return plan
