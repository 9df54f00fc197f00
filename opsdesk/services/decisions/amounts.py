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
    REFUSAL_GROUNDS,
    SIGNED_BY_HEAD,
    IncomeTest,
    Payment,
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
                              "zasiłek celowy z art. 39 ustawy o pomocy społecznej nie "
                              "przysługuje.",
                              "Rozważ specjalny zasiłek celowy (art. 41) albo wydaj decyzję "
                              "odmowną.")
        return AmountRule(True, None, None, None,
                          f"Dochód ({income}) nie przekracza kryterium dochodowego ({limit}).")
    if test is IncomeTest.ABOVE:
        if a.within_threshold:
            return AmountRule(False, None, None, None,
                              f"Dochód ({income}) nie przekracza kryterium dochodowego "
                              f"({limit}) — art. 41 ustawy o pomocy społecznej dotyczy osób o "
                              "dochodach przekraczających kryterium.",
                              "Przyznaj świadczenie na zasadach ogólnych.")
        most = a.household_threshold if benefit is BenefitKind.SPECJALNY_ZASILEK_CELOWY else None
        note = (f"Specjalny zasiłek celowy nie może przekroczyć kryterium dochodowego ({limit})."
                if most is not None else f"Dochód ({income}) przekracza kryterium ({limit}).")
        return AmountRule(True, None, None, most, note)
    return AmountRule(True, None, None, None, "Świadczenie przysługuje niezależnie od dochodu.")


def join_and(items: list[str]) -> str:
    """The non-empty items as Polish prose: "a", "a i b", "a, b i c"."""
    items = [i for i in items if i]
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} i {items[-1]}"


def _unit_key(unit: str) -> tuple[int, str]:
    """ "ust. 3a pkt 2" sorts by 3, then by the rest."""
    number = unit.split()[1] if " " in unit else ""
    digits = "".join(ch for ch in number if ch.isdigit())
    return (int(digits) if digits else 0, unit)


def join_articles(citations: list[str]) -> str:
    """Citations as real decisions print them: the same article's units joined and in
    order — ["art. 106 ust. 5", "art. 106 ust. 1"] gives "art. 106 ust. 1 i 5", ["art. 37
    ust. 1 pkt 1", "art. 37 ust. 2 pkt 1"] gives "art. 37 ust. 1 pkt 1 i ust. 2 pkt 1"."""
    grouped: dict[str, list[str]] = {}
    for c in dict.fromkeys(citations):
        marker = " ust. " if " ust. " in c else (" pkt " if " pkt " in c else
                                                 (" § " if " § " in c else ""))
        article, _, unit = c.partition(marker) if marker else (c, "", "")
        grouped.setdefault(article, []).append(f"{marker.strip()} {unit}" if unit else "")
    parts = []
    for article, found in grouped.items():
        units = sorted((u for u in found if u), key=_unit_key)
        if not units:
            parts.append(article)
        elif all(u.count(" ") == 1 for u in units) and len({u.split()[0] for u in units}) == 1:
            parts.append(f"{article} {units[0].split()[0]} "  # "ust. 1 i 3"
                         f"{join_and([u.split()[1] for u in units])}")
        else:
            parts.append(f"{article} {join_and(units)}")
    if len(parts) == 1:
        return parts[0]
    # "… ust. 1 i 3 oraz art. 110 ust. 7": "oraz" where another "i" would be ambiguous
    last = " oraz " if " i " in parts[-2] or " i " in parts[-1] else " i "
    return ", ".join(parts[:-1]) + last + parts[-1]


def ups_articles(kind: DecisionKind, benefit: BenefitKind, *, reasons: str = "",
                 ground: RefusalGround | None = None, single: bool = True,
                 instalments: bool = False) -> list[str]:
    """The articles of the ustawa o pomocy społecznej a decision of ``kind`` rests on, each
    with its ust. and pkt (``single``: osoba samotnie gospodarująca, pkt 1; else pkt 2)."""
    spec = BENEFITS[benefit]
    n = "1" if single else "2"
    articles: list[str] = []
    if kind is DecisionKind.REPAYMENT:
        articles += ["art. 6 pkt 16", "art. 98 ust. 1", "art. 104 ust. 1"]
        if instalments:  # on the party's request only
            articles.append("art. 104 ust. 4")
    else:
        points = [ART7_REASONS[r][0] for r in reasons.split(",") if r in ART7_REASONS]
        if kind is DecisionKind.GRANTING and points:
            articles += [f"art. 7 pkt {p}" for p in points]
        if kind is DecisionKind.REFUSING and ground is not None and REFUSAL_GROUNDS[ground][0]:
            articles.append(REFUSAL_GROUNDS[ground][0].format(n=n))
        elif spec.income_test is not IncomeTest.NONE and kind is DecisionKind.GRANTING:
            articles.append(f"art. 8 ust. 1 pkt {n}")
        units = [a.format(n=n) for a in spec.article.split(";")]
        # The amount's and the period's paragraphs belong to a grant; the others rest on
        # the entitlement's.
        articles += units if kind is DecisionKind.GRANTING else units[:1]
        if kind in (DecisionKind.CHANGING, DecisionKind.REVOKING, DecisionKind.RESUMING):
            articles.append("art. 106 ust. 5")
        if kind is DecisionKind.SUSPENDING:
            articles.append("art. 11 ust. 2")
    if kind is not DecisionKind.REPAYMENT:
        articles.append("art. 106 ust. 1")
    if spec.payment is Payment.MONTHLY and kind is DecisionKind.GRANTING:
        articles.append("art. 106 ust. 3")  # from the month of the application, prorated
    articles.append(SIGNED_BY_HEAD)
    return articles


def uses_thresholds(kind: DecisionKind, benefit: BenefitKind,
                    ground: RefusalGround | None) -> bool:
    """Whether the decision rests on the threshold figures of the regulation."""
    if BENEFITS[benefit].income_test is IncomeTest.NONE:
        return False
    if kind is DecisionKind.REFUSING:
        return ground is RefusalGround.INCOME
    return kind in (DecisionKind.GRANTING, DecisionKind.CHANGING)


def compose_basis(ups: list[str], kpa: list[str], *, ups_act: str, kpa_act: str,
                  thresholds_act: str = "") -> str:
    """ "art. … ustawy z dnia … (Dz.U. …) oraz art. … Kodeksu … (Dz.U. …)[ w związku z
    rozporządzeniem …]"."""
    text = f"{join_articles(ups)} {ups_act} oraz {join_articles(kpa)} {kpa_act}"
    if thresholds_act:
        text += " w związku z " + thresholds_act.replace("rozporządzenia", "rozporządzeniem",
                                                         1)
    return text


def kpa_articles(rygor: bool) -> list[str]:
    return ["art. 104", "art. 108 § 1"] if rygor else ["art. 104"]


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
