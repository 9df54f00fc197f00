"""Drafting: what the editor starts from, and cleaning the editor's form into the draft."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from opsdesk import clock
from opsdesk.errors import ValidationError
from opsdesk.models import Decision, Interview, Person
from opsdesk.models.enums import BenefitKind, CaseStatus, DecisionKind, PayoutMethod
from opsdesk.services import rules
from opsdesk.services import validation as check
from opsdesk.services.decisions.amounts import (
    amount_rule,
    compose_basis,
    kpa_articles,
    ups_articles,
    uses_thresholds,
)
from opsdesk.services.decisions.catalogue import BENEFITS, OKRESOWY_MONTHS, Payment, RefusalGround
from opsdesk.services.decisions.lookups import (
    get_case,
    get_decision,
    interview_for,
    latest_application,
)
from opsdesk.services.decisions.reasons import default_justification
from opsdesk.services.decisions.views import DecisionDefaults, DecisionForm
from opsdesk.services.interviews import assess, first_of_month, legal_figures
from opsdesk.services.legal_acts import Act, citation
from opsdesk.services.payouts.schedule import CORRECTIONS, last_of_month
from opsdesk.services.permissions import Permission
from opsdesk.services.security import Actor, operation


@operation(Permission.CASE_WORK)
def decision_defaults(session: Session, *, actor: Actor, case_id: int, kind: DecisionKind,
                      benefit_kind: BenefitKind, period_from: date | None = None,
                      corrects_decision_id: int | None = None,
                      refusal_ground: RefusalGround | None = None,
                      today: date | None = None) -> DecisionDefaults:
    """What the editor starts from: legal basis, the computed amount and range, period,
    payout method and a justification to edit."""
    today = today or clock.today()
    case = get_case(session, case_id)
    person = session.get(Person, case.person_id)
    assert person is not None
    spec = BENEFITS[benefit_kind]
    interview = interview_for(session, case, kind)
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
        period_to = last_of_month(rules.add_months(period_from, OKRESOWY_MONTHS - 1))
    on = period_from or today
    rule = a = root_a = root = None
    if interview is not None and not interview.refused:
        a = assess(session, interview, on)
        rule = amount_rule(benefit_kind, a, legal_figures(session, on))
    if corrects_decision_id is not None:
        root = get_decision(session, corrects_decision_id)
        before = session.get(Interview, root.interview_id) if root.interview_id else None
        root_a = assess(session, before, on) if before is not None else None
    justification = default_justification(
        session, kind=kind, benefit=benefit_kind, interview=interview, a=a,
        application=application, root=root, root_assessment=root_a,
        computed=rule.computed if rule else None, least=rule.least if rule else None,
        most=rule.most if rule else None, ground=refusal_ground,
        period=(period_from, period_to), on=on)
    method = None
    account = ""
    if spec.payment is not Payment.IN_KIND and kind is DecisionKind.GRANTING:
        method = PayoutMethod.TRANSFER if person.bank_account else PayoutMethod.CASH
        account = person.bank_account
    return DecisionDefaults(
        legal_basis=legal_basis(session, kind, benefit_kind, interview=interview,
                                ground=refusal_ground, on=today),
        rule=rule, period_from=period_from, period_to=period_to, payout_method=method,
        bank_account=account, justification=justification,
        interview_id=interview.id if interview else None,
        purpose_label=spec.purpose_label, payment=spec.payment)


def legal_basis(session: Session, kind: DecisionKind, benefit: BenefitKind, *,
                interview: Interview | None, ground: RefusalGround | None, on: date,
                rygor: bool = False, instalments: bool = False) -> str:
    """The legal basis as real decisions print it: each article with its ust. and pkt, and
    the acts with the Dz.U. reference of the consolidated text in force on ``on``."""
    single = interview.single if interview is not None else True
    ups = ups_articles(kind, benefit, reasons=interview.reasons if interview else "",
                       ground=ground, single=single, instalments=instalments)
    thresholds = str(citation(session, Act.THRESHOLDS, on)) \
        if uses_thresholds(kind, benefit, ground) else ""
    return compose_basis(ups, kpa_articles(rygor), ups_act=str(citation(session, Act.UPS, on)),
                         kpa_act=str(citation(session, Act.KPA, on)),
                         thresholds_act=thresholds)


def _amount(value: Decimal | str | None, *, field: str, label_: str,
            required: bool) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise ValidationError(f"Podaj kwotę: {label_.lower()}.", field=field)
        return None
    return check.amount(value, field=field, label=label_)


def apply_form(session: Session, d: Decision, form: DecisionForm) -> None:
    """Clean the form into the draft: every field a kind does not use is cleared."""
    case = get_case(session, form.case_id)
    if case.status is CaseStatus.CLOSED:
        raise ValidationError("Sprawa jest zakończona — nie można w niej wydać decyzji.",
                              field="case")
    spec = BENEFITS[form.benefit_kind]
    kind = form.kind
    d.case_id, d.person_id, d.kind, d.benefit_kind = case.id, case.person_id, kind, \
        form.benefit_kind
    d.case = case  # what the party applied for in it decides "in full" before the first flush
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
    d.effective_from = form.effective_from if kind in CORRECTIONS else None
    repays = kind is DecisionKind.REPAYMENT
    d.repayment_instalments = (form.repayment_instalments or 1) if repays else None
    d.undue_from = form.undue_from if repays else None
    d.undue_to = form.undue_to if repays else None
    d.instalments_requested_on = form.instalments_requested_on if repays else None
    d.no_address_reason = check.text(
        form.no_address_reason, field="no_address_reason", max_len=300, required=False,
        label="Powód braku adresu i miejsce doręczenia")
    interview = interview_for(session, case, kind)
    d.interview_id = interview.id if interview else None
    rygor = bool(d.immediate_enforcement_reason)
    on = clock.today()

    def default(with_rygor: bool, with_instalments: bool) -> str:
        return legal_basis(session, kind, form.benefit_kind, interview=interview,
                           ground=form.refusal_ground, on=on, rygor=with_rygor,
                           instalments=with_instalments)

    instalments = (d.repayment_instalments or 1) > 1
    basis = form.legal_basis.strip()
    # The pre-filled basis follows a rygor or instalments added after it was filled in.
    if not basis or basis in {default(r, i) for r in (False, True) for i in (False, True)}:
        basis = default(rygor, instalments)
    d.legal_basis = check.text(basis, field="legal_basis", label="Podstawa prawna",
                               max_len=2000)
