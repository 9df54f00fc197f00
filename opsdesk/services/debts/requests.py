"""The party's requests about a debt (art. 104 ust. 4 ups): umorzenie, rozłożenie na raty,
odroczenie terminu płatności. A request opens proceedings of its own (a case with its sign
and kpa deadline) and is answered by a decision drafted here — the ruling (grant or refusal,
and what is granted) and reasons built from the records, which the worker edits — then sent
for approval and issued the decisions' usual way (``decisions.submit_draft``,
``decisions.approve_and_issue``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from opsdesk import clock
from opsdesk.errors import ConflictError, NotFound, ValidationError
from opsdesk.formatting import format_date, format_money
from opsdesk.models import Decision
from opsdesk.models.debts import Debt, DebtRequest
from opsdesk.models.enums import (
    AuditAction,
    CaseKind,
    DebtRequestKind,
    DecisionStatus,
    Team,
)
from opsdesk.services import validation as check
from opsdesk.services.audit import write_audit
from opsdesk.services.debt_ledger import get_debt, standing
from opsdesk.services.decisions.catalogue import BENEFITS, MAX_INSTALMENTS
from opsdesk.services.decisions.checks import check_draft
from opsdesk.services.decisions.debt_rulings import ASKED_FOR, KIND_OF_REQUEST, debt_basis
from opsdesk.services.decisions.reasons import to_fill
from opsdesk.services.intake import open_case
from opsdesk.services.interviews import assess, latest_interview
from opsdesk.services.permissions import Permission
from opsdesk.services.security import Actor, operation

UPS = "ustawy o pomocy społecznej"


@dataclass(frozen=True)
class RequestForm:
    debt_id: int
    kind: DebtRequestKind
    received_on: date
    asked_amount: Decimal | str | None = None  # a write-off in part; empty: the whole
    asked_instalments: int | None = None
    asked_due_on: date | None = None  # the first instalment's or the deferred due date
    party_reasons: str = ""


@dataclass(frozen=True)
class RulingForm:
    """What the decision on the request says: granted or refused, and what is granted."""

    grant: bool
    amount: Decimal | str | None = None  # a write-off in part; empty: the whole balance
    instalments: int | None = None
    due_on: date | None = None  # the first instalment's or the new due date
    justification: str = ""  # empty: built from the records


def _d(day: date | None) -> str:
    return f"{format_date(day)} r." if day else ""


def asked_text(r: DebtRequest) -> str:
    if r.kind is DebtRequestKind.WRITE_OFF:
        return (f"umorzenie w części, w kwocie {format_money(r.asked_amount)}"
                if r.asked_amount is not None else "umorzenie w całości")
    if r.kind is DebtRequestKind.INSTALMENTS:
        first = f", pierwsza do dnia {_d(r.asked_due_on)}" if r.asked_due_on else ""
        return f"rozłożenie na {r.asked_instalments} rat{first}"
    return f"odroczenie terminu płatności do dnia {_d(r.asked_due_on)}"


@operation(Permission.CASE_WORK)
def record_request(session: Session, form: RequestForm, *, actor: Actor,
                   today: date | None = None) -> int:
    """The party's request, with the day it came in; it opens proceedings of its own."""
    today = today or clock.today()
    debt = get_debt(session, form.debt_id)
    kind = DebtRequestKind(form.kind)
    if form.received_on > today:
        raise ValidationError("Data wniosku nie może być przyszła.", field="received_on")
    s = standing(session, debt, today)
    if s.balance <= 0:
        raise ValidationError("Należność jest spłacona — wniosek nie ma przedmiotu.",
                              field="debt_id")
    amount = None
    if kind is DebtRequestKind.WRITE_OFF and form.asked_amount not in (None, ""):
        amount = check.amount(form.asked_amount, field="asked_amount",
                              label="Kwota do umorzenia")
        if amount > s.balance:
            raise ValidationError(f"Wnioskowana kwota przekracza pozostałą należność "
                                  f"({format_money(s.balance)}).", field="asked_amount")
    instalments = None
    if kind is DebtRequestKind.INSTALMENTS:
        instalments = form.asked_instalments or 0
        if not 2 <= instalments <= MAX_INSTALMENTS:
            raise ValidationError(f"Liczba rat: od 2 do {MAX_INSTALMENTS}.",
                                  field="asked_instalments")
    if kind is DebtRequestKind.DEFERRAL and form.asked_due_on is None:
        raise ValidationError("Podaj termin, do którego strona prosi odroczyć płatność.",
                              field="asked_due_on")
    reasons = check.text(form.party_reasons, field="party_reasons",
                         label="Uzasadnienie wniosku (sytuacja strony)", max_len=4000,
                         required=False)
    case = open_case(session, person_id=debt.person_id, kind=CaseKind.BENEFIT,
                     team=Team.BENEFITS, started_on=form.received_on, registered_on=today,
                     subject=f"Wniosek o {ASKED_FOR[kind]} (art. 104 ust. 4 ups)")
    request = DebtRequest(debt_id=debt.id, case_id=case.id, kind=kind,
                          received_on=form.received_on, asked_amount=amount,
                          asked_instalments=instalments,
                          asked_due_on=form.asked_due_on if kind is not
                          DebtRequestKind.WRITE_OFF else None,
                          party_reasons=reasons, recorded_by_id=actor.id)
    session.add(request)
    session.flush()
    write_audit(session, actor.id, AuditAction.CREATE, "DebtRequest", request.id, {})
    return request.id


def get_request(session: Session, request_id: int,
                expected_version: int | None = None) -> DebtRequest:
    request = session.get(DebtRequest, request_id)
    if request is None:
        raise NotFound("Nie ma takiego wniosku.")
    if expected_version is not None and request.version != expected_version:
        raise ConflictError({"version": (request.version, expected_version)})
    return request


def _situation(session: Session, debt: Debt, today: date) -> str:
    interview = latest_interview(session, person_id=debt.person_id)
    if interview is None or interview.refused or interview.carried_out_on is None:
        return ("Sytuacja strony: " + to_fill("dochód, wydatki i sytuacja rodziny strony — "
                                              "skąd ośrodek je zna") + ".")
    a = assess(session, interview, today)
    return (f"Z rodzinnego wywiadu środowiskowego z dnia {_d(interview.carried_out_on)} "
            f"wynika: {a.summary()}")


def default_justification(session: Session, request: DebtRequest, ruling: RulingForm,
                          today: date) -> str:
    """The reasons from the records — the debt, what was booked, the request and the
    party's situation — and the law; the weighing is left to the worker to write."""
    debt = get_debt(session, request.debt_id)
    repayment = session.get(Decision, debt.decision_id)
    assert repayment is not None
    s = standing(session, debt, today)
    spec = BENEFITS[repayment.benefit_kind]
    lines = [
        f"Decyzją nr {repayment.number} z dnia {_d(repayment.issued_on)} zobowiązano stronę "
        f"do zwrotu nienależnie pobranego świadczenia ({spec.accusative}) za okres od dnia "
        f"{_d(repayment.undue_from)} do dnia {_d(repayment.undue_to)} w kwocie "
        f"{format_money(debt.amount)}.",
        (f"Na poczet należności zaksięgowano łącznie {format_money(s.booked)}; "
         if s.booked else "Na poczet należności nie dokonano dotychczas żadnej wpłaty; ")
        + f"według stanu na dzień {_d(today)} do spłaty pozostaje {format_money(s.balance)}"
        + (f", z czego {format_money(s.overdue)} po terminie płatności." if s.overdue
           else "."),
        f"Dnia {_d(request.received_on)} strona złożyła wniosek o {asked_text(request)}."
        + (f" We wniosku wskazała: {request.party_reasons.strip().rstrip('.')}."
           if request.party_reasons.strip() else ""),
        _situation(session, debt, today),
        "Zgodnie z art. 104 ust. 4 w związku z art. 98 ust. 1 " + UPS + " w przypadkach "
        "szczególnie uzasadnionych, zwłaszcza gdy żądanie zwrotu stanowiłoby dla osoby "
        "zobowiązanej nadmierne obciążenie lub niweczyłoby skutki udzielanej pomocy, organ "
        "może umorzyć należność w całości lub w części, odroczyć termin płatności albo "
        "rozłożyć należność na raty. Rozstrzygnięcie ma charakter uznaniowy.",
    ]
    if ruling.grant:
        lines.append("W ocenie organu w sprawie zachodzi szczególnie uzasadniony przypadek: "
                     + to_fill("dlaczego żądanie zwrotu w dotychczasowej formie byłoby dla "
                               "strony nadmiernym obciążeniem") + ".")
    else:
        lines.append("W ocenie organu w sprawie nie zachodzi szczególnie uzasadniony "
                     "przypadek: " + to_fill("dlaczego sytuacja strony pozwala na zwrot "
                                             "należności w ustalonym terminie") + ".")
    return "\n\n".join(lines)


def _apply_ruling(request: DebtRequest, ruling: RulingForm) -> None:
    request.granted = ruling.grant
    request.granted_amount = None
    request.granted_instalments = None
    request.granted_due_on = None
    if not ruling.grant:
        return
    if request.kind is DebtRequestKind.WRITE_OFF:
        if ruling.amount not in (None, ""):
            request.granted_amount = check.amount(ruling.amount, field="amount",
                                                  label="Kwota umorzenia")
    elif request.kind is DebtRequestKind.INSTALMENTS:
        request.granted_instalments = ruling.instalments
        request.granted_due_on = ruling.due_on
    else:
        request.granted_due_on = ruling.due_on


@operation(Permission.CASE_WORK)
def draft_request_decision(session: Session, request_id: int, ruling: RulingForm, *,
                           actor: Actor, expected_version: int | None = None,
                           today: date | None = None) -> int:
    """Draft (or redraft) the decision on the request. Returns the decision's id; it goes
    on for approval by ``decisions.submit_draft``."""
    today = today or clock.today()
    request = get_request(session, request_id, expected_version)
    debt = get_debt(session, request.debt_id)
    repayment = session.get(Decision, debt.decision_id)
    assert repayment is not None
    d = session.get(Decision, request.decision_id) if request.decision_id else None
    if d is not None and d.status is not DecisionStatus.DRAFT:
        raise ValidationError("Decyzja w sprawie tego wniosku czeka na zatwierdzenie albo "
                              "została wydana — zmienić można tylko projekt.", field="status")
    _apply_ruling(request, ruling)
    justification = check.text(ruling.justification, field="justification",
                               label="Uzasadnienie", max_len=20000, required=False) \
        or default_justification(session, request, ruling, today)
    if d is None:
        d = Decision(status=DecisionStatus.DRAFT, drafted_by_id=actor.id,
                     case_id=request.case_id, person_id=debt.person_id,
                     kind=KIND_OF_REQUEST[request.kind], benefit_kind=repayment.benefit_kind,
                     corrects_decision_id=repayment.id)
        session.add(d)
    d.legal_basis = debt_basis(session, today)
    d.justification = justification
    session.flush()
    request.decision_id = d.id
    session.flush()
    check_draft(session, d, today)
    write_audit(session, actor.id, AuditAction.UPDATE, "DebtRequest", request.id,
                {"decision_id": d.id, "granted": ruling.grant})
    return d.id
