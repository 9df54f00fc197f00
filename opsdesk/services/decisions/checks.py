"""Every legal check of a draft — run on each save, so the worker sees at once what the
law refuses, and again at approval."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from opsdesk.errors import ValidationError
from opsdesk.formatting import format_date, format_money
from opsdesk.labels import label
from opsdesk.models import Decision, Interview, Payout
from opsdesk.models.enums import BenefitKind, DecisionKind, DecisionStatus, PayoutStatus
from opsdesk.services import rules
from opsdesk.services import validation as check
from opsdesk.services.decisions.amounts import amount_rule, justification_required
from opsdesk.services.decisions.catalogue import (
    BENEFITS,
    MAX_INSTALMENTS,
    IncomeTest,
    Payment,
    RefusalGround,
)
from opsdesk.services.decisions.debt_rulings import DEBT_KINDS, check_debt_ruling
from opsdesk.services.decisions.lookups import get_decision, latest_application
from opsdesk.services.decisions.views import AmountRule
from opsdesk.services.interviews import assess, first_of_month, legal_figures, month_label
from opsdesk.services.office import get_office
from opsdesk.services.payouts.schedule import (
    check_correctable,
    corrections_of,
    corrections_of_many,
    effective_end,
    is_active_on,
)


def check_draft(session: Session, d: Decision, today: date) -> None:
    """Every legal check of a draft; run on each save and again at approval."""
    if d.kind in DEBT_KINDS:
        check_debt_ruling(session, d, today)
    else:
        {DecisionKind.GRANTING: _check_granting, DecisionKind.REFUSING: _check_refusing,
         DecisionKind.REPAYMENT: _check_repayment}.get(d.kind, _check_correction)(
            session, d, today)
    if justification_required(d) and not d.justification.strip():
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
    if not rule.eligible:  # the editor's message: the hint belongs here
        raise ValidationError(" ".join(filter(None, (rule.note, rule.hint))), field="amount")
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
    chains = corrections_of_many(
        session, [o for o in others if o.status is DecisionStatus.ISSUED])
    for other in others:
        if other.id == d.id or other.id in exclude:
            continue
        if other.period_from is None:
            continue
        other_end = (effective_end(other, chains[other.id])
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
    root = get_decision(session, d.corrects_decision_id)
    if root.kind is not DecisionKind.GRANTING or root.status is not DecisionStatus.ISSUED:
        raise ValidationError("Można zmienić, uchylić, wstrzymać lub wznowić tylko wydaną "
                              "decyzję przyznającą.", field="corrects_decision_id")
    if root.person_id != d.person_id or root.benefit_kind is not d.benefit_kind:
        raise ValidationError("Wskazana decyzja dotyczy innej osoby albo innego świadczenia.",
                              field="corrects_decision_id")
    return root


def _check_correction(session: Session, d: Decision, today: date) -> None:
    root = _root_for(session, d)
    waiting = session.scalar(select(Decision).where(
        Decision.corrects_decision_id == root.id, Decision.awaits_finality.is_(True),
        Decision.id != d.id).limit(1))
    if waiting is not None:
        raise ValidationError(f"Decyzja nr {waiting.number} dotycząca tego świadczenia czeka "
                              "na ostateczność (art. 130 § 1 Kodeksu postępowania "
                              "administracyjnego) — kolejną decyzję wydaj, gdy stanie się "
                              "ostateczna.", field="corrects_decision_id")
    corrections = [c for c in corrections_of(session, root) if c.id != d.id]
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
    end = effective_end(root, corrections) if root.period_from else None
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
        if not periodic or not is_active_on(root, corrections, eff):
            raise ValidationError("Wstrzymać można tylko świadczenie okresowe, które jest "
                                  f"wypłacane w dniu {format_date(eff)} r.",
                                  field="effective_from")
    if d.kind is DecisionKind.RESUMING:
        suspended = periodic and not is_active_on(root, corrections, eff) and any(
            c.kind is DecisionKind.SUSPENDING for c in corrections)
        if not suspended:
            raise ValidationError("Wznowić można tylko świadczenie, którego wypłatę wstrzymano.",
                                  field="kind")
    if d.kind is DecisionKind.CHANGING:
        _check_change(session, d, root, corrections, eff)
    check_correctable(session, root, corrections, eff)


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
    if d.period_from is None:
        raise ValidationError("Podaj termin zwrotu (pierwszej raty).", field="period_from")
    if d.period_from < today:
        raise ValidationError("Termin zwrotu nie może być wcześniejszy niż dzień wydania "
                              "decyzji.", field="period_from")
    _check_undue_period(d, root, today)
    _check_paid_in_period(session, d, root)
    _check_grant_dealt_with(session, d, root, today)
    _check_instalments(d, today)
    if not get_office(session).bank_account:
        raise ValidationError("Decyzja o zwrocie wskazuje rachunek bankowy ośrodka, na który "
                              "należy wpłacić należność — wpisz go w ustawieniach ośrodka "
                              "(Administracja → Dane ośrodka).", field="kind")


def _check_undue_period(d: Decision, root: Decision, today: date) -> None:
    """Art. 98: the period the benefit was unduly received in, within the grant."""
    if d.undue_from is None or d.undue_to is None:
        raise ValidationError("Podaj okres, za który świadczenie pobrano nienależnie (od — do).",
                              field="undue_from")
    if d.undue_from > d.undue_to:
        raise ValidationError("Początek okresu nienależnego pobrania jest późniejszy niż jego "
                              "koniec.", field="undue_to")
    assert root.period_from is not None
    ends = root.period_to or d.undue_to
    if d.undue_from < root.period_from or d.undue_to > ends:
        raise ValidationError(
            f"Okres nienależnego pobrania musi mieścić się w okresie przyznanym decyzją nr "
            f"{root.number} ({format_date(root.period_from)} r. – "
            f"{format_date(root.period_to) + ' r.' if root.period_to else 'bez terminu'}).",
            field="undue_from")
    if d.undue_from > today:
        raise ValidationError("Okres nienależnego pobrania nie może zaczynać się w przyszłości.",
                              field="undue_from")


def _check_paid_in_period(session: Session, d: Decision, root: Decision) -> None:
    """The sum to repay is at most what was paid on the grant for the undue period (the
    payouts of the months it touches)."""
    assert d.amount is not None and d.undue_from is not None and d.undue_to is not None
    ids = [root.id, *(c.id for c in corrections_of(session, root))]
    paid = session.scalar(select(func.coalesce(func.sum(Payout.amount), 0)).where(
        Payout.decision_id.in_(ids), Payout.status == PayoutStatus.PAID,
        Payout.period_from <= d.undue_to, Payout.period_to >= d.undue_from))
    if d.amount > Decimal(paid):
        raise ValidationError(
            f"Kwota do zwrotu ({format_money(d.amount)}) przekracza kwotę wypłaconą za okres "
            f"od {format_date(d.undue_from)} r. do {format_date(d.undue_to)} r. "
            f"({format_money(Decimal(paid))}).", field="amount")


def _check_grant_dealt_with(session: Session, d: Decision, root: Decision, today: date
                            ) -> None:
    """A periodic grant still paid after the undue period is revoked or changed first
    (art. 106 ust. 5 ups), before its repayment is claimed."""
    assert d.undue_to is not None
    if BENEFITS[root.benefit_kind].payment is Payment.ONE_OFF:
        return
    after = max(today, d.undue_to + timedelta(days=1))
    if not is_active_on(root, corrections_of(session, root), after):
        return
    dealt_with = session.scalar(select(Decision.id).where(
        Decision.corrects_decision_id == root.id, Decision.status == DecisionStatus.ISSUED,
        Decision.kind.in_((DecisionKind.REVOKING, DecisionKind.CHANGING))).limit(1))
    if dealt_with is None:
        raise ValidationError(
            f"Świadczenie przyznane decyzją nr {root.number} jest nadal wypłacane — najpierw "
            "wydaj decyzję uchylającą albo zmieniającą tę decyzję z powodu nienależnego "
            "pobrania świadczenia (art. 106 ust. 5 ustawy o pomocy społecznej), a potem "
            "decyzję o zwrocie.", field="corrects_decision_id")


def _check_instalments(d: Decision, today: date) -> None:
    """Art. 104 ust. 4 ups: instalments only on the party's request."""
    n = d.repayment_instalments or 1
    if not 1 <= n <= MAX_INSTALMENTS:
        raise ValidationError(f"Liczba rat: od 1 do {MAX_INSTALMENTS}.",
                              field="repayment_instalments")
    assert d.amount is not None
    if d.amount < Decimal("0.01") * n:
        raise ValidationError("Rata nie może być mniejsza niż 1 grosz.",
                              field="repayment_instalments")
    if n > 1 and d.instalments_requested_on is None:
        raise ValidationError("Należność rozkłada się na raty wyłącznie na wniosek strony (art. "
                              "104 ust. 4 ustawy o pomocy społecznej) — zaznacz „na wniosek "
                              "strony” i podaj datę wniosku albo ustal zwrot jednorazowy.",
                              field="repayment_instalments")
    if d.instalments_requested_on is not None and d.instalments_requested_on > today:
        raise ValidationError("Data wniosku strony o raty nie może być późniejsza niż dzień "
                              "wydania decyzji.", field="instalments_requested_on")


def _root_for_repayment(session: Session, d: Decision) -> Decision:
    if d.corrects_decision_id is None:
        raise ValidationError("Wskaż decyzję, na podstawie której świadczenie pobrano "
                              "nienależnie.", field="corrects_decision_id")
    root = get_decision(session, d.corrects_decision_id)
    if (root.kind is not DecisionKind.GRANTING or root.status is not DecisionStatus.ISSUED
            or root.person_id != d.person_id
            or BENEFITS[root.benefit_kind].payment is Payment.IN_KIND):
        raise ValidationError("Zwrot dotyczy świadczenia pieniężnego przyznanego tej osobie "
                              "wydaną decyzją.", field="corrects_decision_id")
    d.benefit_kind = root.benefit_kind
    return root
