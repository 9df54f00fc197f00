"""The draft's way to an issued decision: save, submit, return, discard, and approve and
issue — numbered, signed, scheduled for payment and put on the desk's "Do odbioru" list in
one transaction."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from opsdesk import clock
from opsdesk.errors import ValidationError
from opsdesk.formatting import format_date
from opsdesk.labels import label
from opsdesk.models import Decision, Person, RepaymentInstalment, User
from opsdesk.models.enums import CaseStatus, DecisionKind, DecisionStatus, DocumentKind
from opsdesk.services import services_plan
from opsdesk.services.debt_ledger import create_from_repayment
from opsdesk.services.decisions import debt_rulings
from opsdesk.services.decisions.amounts import instalment_plan
from opsdesk.services.decisions.catalogue import KIND_TITLES, SIGNED_BY_HEAD, SIGNED_BY_WORKER
from opsdesk.services.decisions.checks import check_draft
from opsdesk.services.decisions.debt_rulings import DEBT_KINDS
from opsdesk.services.decisions.drafting import apply_form
from opsdesk.services.decisions.finality import against_the_party
from opsdesk.services.decisions.lookups import get_decision, is_settled
from opsdesk.services.decisions.reasons import refuse_unfilled
from opsdesk.services.decisions.views import DecisionForm, IssuedDecision
from opsdesk.services.desk import add_handover
from opsdesk.services.legal_acts import recite
from opsdesk.services.numbering import next_number
from opsdesk.services.office import get_office, signer_position
from opsdesk.services.payouts.schedule import CORRECTIONS, sync_payouts
from opsdesk.services.permissions import Permission, permissions_of
from opsdesk.services.security import Actor, operation


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
        d = get_decision(session, decision_id, expected_version)
        _refuse_if_issued(d)
        if d.status is DecisionStatus.AWAITING_APPROVAL:
            raise ValidationError("Projekt czeka na zatwierdzenie — aby go zmienić, kierownik "
                                  "musi zwrócić go do poprawy.", field="status")
    apply_form(session, d, form)
    check_draft(session, d, today)
    if decision_id is None:
        session.add(d)
    session.flush()
    return d.id


@operation(Permission.CASE_WORK)
def submit_draft(session: Session, decision_id: int, *, actor: Actor,
                 expected_version: int | None = None, today: date | None = None) -> None:
    """Send the draft to the head (or the authorised worker) for approval."""
    today = today or clock.today()
    d = get_decision(session, decision_id, expected_version)
    _refuse_if_issued(d)
    if d.status is not DecisionStatus.DRAFT:
        raise ValidationError("Projekt już czeka na zatwierdzenie.", field="status")
    check_draft(session, d, today)
    check_delivery_address(session, d)
    refuse_unfilled(d.justification)
    d.status = DecisionStatus.AWAITING_APPROVAL
    d.case.status = CaseStatus.AWAITING_APPROVAL
    session.flush()


NO_ADDRESS = ("Strona nie ma adresu do doręczeń (ulica i miejscowość) — decyzja nie może "
              "pójść do zatwierdzenia. Uzupełnij adres w danych osoby albo wpisz w projekcie "
              "powód braku adresu i miejsce doręczenia (np. osoba bezdomna, doręczenie "
              "w siedzibie ośrodka).")


def check_delivery_address(session: Session, d: Decision) -> None:
    """A decision is delivered (art. 39 kpa): it goes for approval and is issued only to a
    party with an address, or with the reason there is none and where it is delivered
    recorded (issue 15: one was issued to "zam." followed by nothing)."""
    person = session.get(Person, d.person_id)
    if person is None:
        raise ValidationError(NO_ADDRESS, field="address")
    if not person.has_delivery_address and not d.no_address_reason.strip():
        raise ValidationError(NO_ADDRESS, field="address")


@operation(Permission.DECISION_APPROVE)
def return_draft(session: Session, decision_id: int, *, actor: Actor,
                 expected_version: int | None = None) -> None:
    """The approver (``permissions.SIGNING``) sends a draft back for correction."""
    d = get_decision(session, decision_id, expected_version)
    _refuse_if_issued(d)
    d.status = DecisionStatus.DRAFT
    d.case.status = CaseStatus.IN_PROGRESS
    session.flush()


@operation(Permission.CASE_WORK)
def discard_draft(session: Session, decision_id: int, *, actor: Actor) -> None:
    d = get_decision(session, decision_id)
    _refuse_if_issued(d)
    if d.status is not DecisionStatus.DRAFT:
        raise ValidationError("Projekt czeka na zatwierdzenie — usunąć można tylko projekt "
                              "zwrócony do poprawy.", field="status")
    session.delete(d)
    session.flush()


@operation(Permission.DECISION_APPROVE)
def approve_and_issue(session: Session, decision_id: int, *, actor: Actor,
                      expected_version: int | None = None,
                      today: date | None = None) -> IssuedDecision:
    """Approve the draft and issue it: number, signatory, payouts and "Do odbioru", all in
    this one transaction. The head signs by her role (art. 110 ust. 7), another worker by
    the head's authorisation (ust. 8): ``permissions.SIGNING``."""
    today = today or clock.today()
    d = get_decision(session, decision_id, expected_version)
    _refuse_if_issued(d)
    check_draft(session, d, today)
    check_delivery_address(session, d)
    refuse_unfilled(d.justification)
    # Everything is read before the decision changes: an autoflush between two of the
    # assignments below would make it "issued" and the guard would refuse the rest.
    signer = session.get(User, actor.id)
    person = session.get(Person, d.person_id)
    case = d.case
    assert signer is not None and person is not None
    office = get_office(session)
    head = Permission.DECISION_APPROVE in permissions_of(actor.roles)  # not by authorisation
    seq = next_number(session, "DECISION", today.year)
    against = against_the_party(session, d)
    with session.no_autoflush:
        basis = recite(session, d.legal_basis, today)  # the Dz.U. texts in force today
        if not head:  # an authorised worker signs under ust. 8, not ust. 7
            basis = basis.replace(SIGNED_BY_HEAD, SIGNED_BY_WORKER)
        d.legal_basis = basis
        d.number = f"{office.case_symbol}.DEC.{seq}.{today.year}"
        d.year, d.seq = today.year, seq
        d.issued_on = today
        d.approved_by_id = actor.id
        d.party_name, d.party_address = person.full_name, person.address
        if person.has_delivery_address:  # a reason left from before the address was known
            d.no_address_reason = ""
        if d.kind is DecisionKind.REPAYMENT or d.kind in DEBT_KINDS:  # where it is paid
            d.bank_account = office.bank_account
        d.signatory_name = signer.full_name
        d.signatory_position = signer_position(
            office, office.head_position if head and office.head_position else signer.position)
        d.status = DecisionStatus.ISSUED
        case.status = CaseStatus.DECIDED
    session.flush()
    if d.kind in (DecisionKind.GRANTING, DecisionKind.REFUSING) \
            and not is_settled(session, case.id):
        case.status = CaseStatus.IN_PROGRESS  # another benefit applied for is still to decide
    if d.kind is DecisionKind.GRANTING:
        sync_payouts(session, d, changed_from=d.period_from or today, today=today)
    elif d.kind in CORRECTIONS:
        # kpa art. 130 § 1: against the party, carried out once final, unless rygor (art. 108).
        if against and not d.immediate_enforcement_reason.strip():
            d.awaits_finality = True
            session.flush()
        else:
            root = get_decision(session, d.corrects_decision_id)  # type: ignore[arg-type]
            sync_payouts(session, root, changed_from=d.effective_from or today, today=today)
    elif d.kind is DecisionKind.REPAYMENT:
        assert d.amount is not None and d.period_from is not None
        plan = instalment_plan(d.amount, d.repayment_instalments or 1, d.period_from)
        for due, part in plan:
            session.add(RepaymentInstalment(decision_id=d.id, due_on=due, amount=part))
        create_from_repayment(session, d, plan)  # the debt and its ledger
    elif d.kind in DEBT_KINDS:
        debt_rulings.carry_out(session, d, actor_id=actor.id, today=today)
    services_plan.on_decision_issued(session, d.id)  # the number goes back onto the plan
    handover = add_handover(session, kind=DocumentKind.DECISION, document_id=d.id,
                            person_id=d.person_id,
                            title=f"Decyzja nr {d.number} — {KIND_TITLES[d.kind]}: "
                                  f"{label(d.benefit_kind)}")
    session.flush()
    return IssuedDecision(d.id, d.number, handover.id)
