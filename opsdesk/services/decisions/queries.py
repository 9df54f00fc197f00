"""Reading the proceeding: a case's decisions, one decision in detail, the person's issued
granting decisions with what was paid on them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from opsdesk import clock
from opsdesk.models import Decision, Person, RepaymentInstalment
from opsdesk.models.benefits import Payout
from opsdesk.models.enums import AuditAction, DecisionKind, DecisionStatus, PayoutStatus
from opsdesk.services import rules
from opsdesk.services.actions import Action, Actions
from opsdesk.services.audit import write_audit
from opsdesk.services.decisions.amounts import justification_required
from opsdesk.services.decisions.catalogue import BENEFITS, Payment, RefusalGround
from opsdesk.services.decisions.lookups import get_case, get_decision
from opsdesk.services.decisions.views import (
    DecisionDetail,
    DecisionForm,
    DecisionRow,
    GrantRow,
    InstalmentView,
)
from opsdesk.services.decisions.wording import reads_drafts, ruling
from opsdesk.services.payouts.reading import payout_views
from opsdesk.services.payouts.schedule import corrections_of_many, effective_end, is_active_on
from opsdesk.services.permissions import Permission
from opsdesk.services.security import Actor, operation
from opsdesk.services.users import worker_name


def decision_actions(status: DecisionStatus, actor: Actor) -> Actions:
    """What ``actor`` may do with a decision in ``status``: the worker edits and submits a
    draft; a signer (``permissions.SIGNING``) approves a draft or one awaiting approval, and
    returns the latter; an issued decision is only printed."""
    actions = set()
    if status is DecisionStatus.DRAFT and actor.can(Permission.CASE_WORK):
        actions |= {Action.EDIT, Action.SUBMIT}
    if actor.can(Permission.DECISION_APPROVE):
        if status in (DecisionStatus.DRAFT, DecisionStatus.AWAITING_APPROVAL):
            actions.add(Action.APPROVE)
        if status is DecisionStatus.AWAITING_APPROVAL:
            actions.add(Action.RETURN)
    if actor.can(Permission.DOCUMENT_PRINT) and (status is DecisionStatus.ISSUED
                                                 or reads_drafts(actor)):
        actions.add(Action.PRINT)
    return frozenset(actions)


def _row(session: Session, d: Decision, actor: Actor) -> DecisionRow:
    return DecisionRow(
        d.id, d.number or "", d.kind, d.benefit_kind, d.status, d.amount, d.period_from,
        d.period_to, d.effective_from, d.issued_on, d.delivered_on,
        rules.appeal_deadline(d.delivered_on) if d.delivered_on else None,
        d.corrects_decision_id, worker_name(session, d.drafted_by_id),
        worker_name(session, d.approved_by_id), d.version, decision_actions(d.status, actor))


def _form_of(d: Decision) -> DecisionForm:
    return DecisionForm(
        case_id=d.case_id, kind=d.kind, benefit_kind=d.benefit_kind, amount=d.amount,
        requested_amount=d.requested_amount, period_from=d.period_from, period_to=d.period_to,
        payout_method=d.payout_method, bank_account=d.bank_account, purpose=d.purpose,
        refusal_ground=RefusalGround(d.refusal_ground) if d.refusal_ground else None,
        legal_basis=d.legal_basis, justification=d.justification,
        immediate_enforcement_reason=d.immediate_enforcement_reason,
        corrects_decision_id=d.corrects_decision_id, effective_from=d.effective_from,
        repayment_instalments=d.repayment_instalments, undue_from=d.undue_from,
        undue_to=d.undue_to, instalments_requested_on=d.instalments_requested_on,
        no_address_reason=d.no_address_reason)


@operation(Permission.CASE_READ)
def decisions_of_case(session: Session, case_id: int, *, actor: Actor) -> list[DecisionRow]:
    stmt = select(Decision).where(Decision.case_id == case_id).order_by(Decision.id)
    return [_row(session, d, actor) for d in session.scalars(stmt)]


@operation(Permission.CASE_READ)
def decision_detail(session: Session, decision_id: int, *, actor: Actor) -> DecisionDetail:
    d = get_decision(session, decision_id)
    write_audit(session, actor.id, AuditAction.READ, "Decision", d.id, {})
    case = get_case(session, d.case_id)
    person = session.get(Person, d.person_id)
    assert person is not None
    instalments = session.scalars(select(RepaymentInstalment).where(
        RepaymentInstalment.decision_id == d.id).order_by(RepaymentInstalment.due_on))
    payout_rows = payout_views(session, list(session.scalars(
        select(Payout).where(Payout.decision_id == d.id).order_by(Payout.period_from))))
    return DecisionDetail(
        row=_row(session, d, actor), form=_form_of(d), case_sign=case.sign, person_id=person.id,
        person_name=person.full_name, ruling=ruling(session, d),
        computed_amount=d.computed_amount, granted_in_full=d.granted_in_full,
        justification_required=justification_required(d),
        payouts=tuple(payout_rows),
        instalments=tuple(InstalmentView(i.due_on, i.amount, i.paid_on) for i in instalments))


def paid_totals(session: Session, chains: dict[int, list[Decision]]) -> dict[int, Decimal]:
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
    chains = corrections_of_many(session, roots)
    paid = paid_totals(session, chains)
    rows = []
    for root in roots:
        corrections = chains[root.id]
        spec = BENEFITS[root.benefit_kind]
        periodic = root.period_from is not None and spec.payment is not Payment.ONE_OFF \
            and not spec.once
        rows.append(GrantRow(
            root.id, root.number or "", root.issued_on or on, root.case_id, root.benefit_kind,
            root.amount, root.period_from,
            effective_end(root, corrections) if periodic else None,
            periodic and is_active_on(root, corrections, on), paid[root.id]))
    return rows
