"""The decision as a document: the numbered points of its ruling, worded from what the
draft says, and the view the report renders."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from opsdesk import clock
from opsdesk.errors import PermissionDenied
from opsdesk.formatting import amount_in_words, format_date, format_money
from opsdesk.models import Application, Decision, Person
from opsdesk.models.enums import (
    AuditAction,
    BenefitKind,
    DecisionKind,
    DecisionStatus,
    PayoutMethod,
)
from opsdesk.reports import texts as T
from opsdesk.reports.decision import render_decision
from opsdesk.reports.payout_list import format_account
from opsdesk.reports.views import DecisionView
from opsdesk.services import rules
from opsdesk.services.audit import write_audit
from opsdesk.services.decisions import debt_rulings
from opsdesk.services.decisions.amounts import instalment_plan, join_and
from opsdesk.services.decisions.catalogue import BENEFITS, BenefitSpec, Payment
from opsdesk.services.decisions.debt_rulings import DEBT_KINDS
from opsdesk.services.decisions.lookups import get_decision
from opsdesk.services.interviews import first_of_month, month_label
from opsdesk.services.office import get_office, office_view, signer_position
from opsdesk.services.payouts.schedule import last_of_month
from opsdesk.services.permissions import Permission
from opsdesk.services.security import Actor, operation
from opsdesk.services.templates import decision_instructions, texts_in_force


def _money_words(amount: Decimal) -> str:
    return f"{format_money(amount)} (słownie: {amount_in_words(amount)})"


def _d(day: date | None) -> str:
    return f"{format_date(day)} r." if day else ""


def _words(session: Session, d: Decision) -> dict[str, str]:
    """The head's ruling formulas in force on the decision's day (issue 20)."""
    return texts_in_force(session, "ruling.", d.issued_on or clock.today())


def _payment_text(session: Session, method: PayoutMethod | None, account: str,
                  what: str, words: dict[str, str]) -> str:
    if method is PayoutMethod.TRANSFER:
        return T.text(words, "ruling.transfer", co=what, rachunek=format_account(account))
    return T.text(words, "ruling.cash", co=what, pokoj=get_office(session).room)


def _full_stop(text: str) -> str:
    """One full stop at the end, also after a date that ends in "r."."""
    return text.rstrip(".") + "."


def ruling(session: Session, d: Decision) -> tuple[str, ...]:
    """The numbered points after "orzekam:"."""
    return tuple(_full_stop(p) for p in _ruling(session, d))


def _ruling(session: Session, d: Decision) -> tuple[str, ...]:
    if d.kind in DEBT_KINDS:
        return debt_rulings.ruling_points(session, d, clock.today())
    spec = BENEFITS[d.benefit_kind]
    root = session.get(Decision, d.corrects_decision_id) if d.corrects_decision_id else None
    ref = (f"decyzję nr {root.number} z dnia {_d(root.issued_on)} w sprawie przyznania "
           f"{spec.genitive}") if root else ""
    if d.kind is DecisionKind.GRANTING:
        return _granting_ruling(session, d, spec)
    words = _words(session, d)
    if d.kind is DecisionKind.REFUSING:
        return (T.text(words, "ruling.refusing", swiadczenie_dopelniacz=spec.genitive),)
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
                f"{join_and(changes)}.",)
    granted = {"od_dnia": _d(d.effective_from), "swiadczenie_dopelniacz": spec.genitive,
               "numer_decyzji": root.number if root else "",
               "data_decyzji": _d(root.issued_on if root else None)}
    if d.kind is DecisionKind.REVOKING:
        return (T.text(words, "ruling.revoking", decyzja=ref, **granted),)
    if d.kind is DecisionKind.SUSPENDING:
        return (T.text(words, "ruling.suspending", **granted),)
    if d.kind is DecisionKind.RESUMING:
        return (T.text(words, "ruling.resuming", **granted),)
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
        first_end = last_of_month(d.period_from)
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
                                    "Świadczenie będzie wypłacane co miesiąc",
                                    _words(session, d)))
    elif spec.payment is Payment.ONE_OFF:
        assert d.amount is not None
        points.append(f"Przyznaję stronie {spec.accusative} w wysokości "
                      f"{_money_words(d.amount)}{purpose}.")
        points.append(_payment_text(session, d.payout_method, d.bank_account,
                                    f"Zasiłek zostanie wypłacony od dnia {_d(d.period_from)}",
                                    _words(session, d)))
        if d.benefit_kind is BenefitKind.ZASILEK_ZWROTNY:
            points.append(T.text(_words(session, d), "ruling.returnable",
                                 termin_zwrotu=_d(d.period_to)))
    else:
        amount = f" w wysokości {_money_words(d.amount)}" if d.amount is not None else ""
        points.append(f"Przyznaję stronie {spec.accusative}{scope}{amount}{period}.")
    return tuple(points)


def _repayment_ruling(session: Session, d: Decision, root: Decision | None
                      ) -> tuple[str, ...]:
    assert d.amount is not None and d.period_from is not None and root is not None
    spec = BENEFITS[d.benefit_kind]
    points = [f"Ustalam, że strona nienależnie pobrała {spec.accusative} przyznany decyzją "
              f"nr {root.number} z dnia {_d(root.issued_on)} za okres od dnia "
              f"{_d(d.undue_from)} do dnia {_d(d.undue_to)} w kwocie "
              f"{_money_words(d.amount)}."]
    plan = instalment_plan(d.amount, d.repayment_instalments or 1, d.period_from)
    if len(plan) == 1:
        points.append(f"Zobowiązuję stronę do zwrotu kwoty {format_money(d.amount)} w terminie "
                      f"do dnia {_d(d.period_from)}.")
    else:
        parts = "; ".join(f"{n}) do dnia {_d(due)} — {format_money(part)}"
                          for n, (due, part) in enumerate(plan, start=1))
        points.append(f"Na wniosek strony z dnia {_d(d.instalments_requested_on)} rozkładam "
                      f"należność na raty i zobowiązuję stronę do zwrotu kwoty "
                      f"{format_money(d.amount)} w {len(plan)} ratach miesięcznych: {parts} "
                      "(art. 104 ust. 4 ustawy o pomocy społecznej).")
    # Taken into the decision at issue; a draft shows the office's account of today.
    account = d.bank_account or get_office(session).bank_account
    points.append(T.text(_words(session, d), "ruling.repayment_account",
                         rachunek=format_account(account)))
    return tuple(points)


def proceeding_text(session: Session, d: Decision) -> str:
    """ "po rozpatrzeniu wniosku z dnia … o przyznanie …" — the application the decision
    answers, filed by the day it was issued — or "z urzędu" for a decision without one."""
    on = d.issued_on or clock.today()
    texts = texts_in_force(session, "decision.", on)  # the head's words of the issue day
    if d.kind in DEBT_KINDS:
        return debt_rulings.proceeding(session, d)
    if d.kind in (DecisionKind.GRANTING, DecisionKind.REFUSING):
        application = session.scalar(
            select(Application).where(Application.case_id == d.case_id,
                                      Application.filed_on <= on)
            .order_by(Application.filed_on.desc(), Application.id.desc()).limit(1))
        if application is not None:
            return T.text(texts, "decision.on_application",
                          data_wniosku=_d(application.filed_on),
                          swiadczenie_dopelniacz=BENEFITS[application.benefit_kind].genitive)
    return T.text(texts, "decision.ex_officio")


def decision_view(session: Session, d: Decision) -> DecisionView:
    office = get_office(session)
    person = session.get(Person, d.person_id)
    assert person is not None
    issued = d.status is DecisionStatus.ISSUED
    # The head's texts in force on the issue day (issue 20): a reprint says the same.
    texts = texts_in_force(session, "decision.", d.issued_on or clock.today())
    return DecisionView(
        office=office_view(session, d.issued_on), number=d.number if issued else "— (projekt)",
        case_sign=d.case.sign, issued_on=d.issued_on or clock.today(),
        title=T.text(texts, "decision.title", office_view(session, d.issued_on)), texts=texts,
        party_name=d.party_name if issued else person.full_name,
        party_address=d.party_address if issued else person.address,
        party_pesel=person.pesel or "", legal_basis=d.legal_basis, ruling=ruling(session, d),
        party_delivery_note=d.no_address_reason if issued or not person.has_delivery_address
        else "",
        justification=d.justification, granted_in_full=d.granted_in_full,
        immediate_enforcement_reason=d.immediate_enforcement_reason,
        signatory_name=d.signatory_name if issued else office.head_name,
        signatory_position=d.signatory_position if issued
        else signer_position(office, office.head_position),
        on_behalf=True, recipients=("Adresat", "a/a"),
        proceeding=proceeding_text(session, d),
        # The head's texts in force on the issue day (issue 20): a reprint says the same.
        instructions=decision_instructions(session, d.issued_on or clock.today(),
                                           office_view(session, d.issued_on)))


NOT_READY = ("Ta decyzja nie została jeszcze wydana — do wydania stronie drukuje się tylko "
             "decyzje wydane (podpisane).")


def reads_drafts(actor: Actor) -> bool:
    """Who may print a draft to read it: the worker who conducts the case and the signer."""
    return actor.can(Permission.CASE_WORK) or actor.can(Permission.DECISION_APPROVE)


@operation(Permission.DOCUMENT_PRINT)
def decision_pdf(session: Session, decision_id: int, *, actor: Actor) -> bytes:
    """The decision as issued (a draft prints as "projekt" for the approver to read). The
    desk hands decisions over, so it prints only an issued one: a draft, with its
    justification, is not a document to give anyone."""
    d = get_decision(session, decision_id)
    if d.status is not DecisionStatus.ISSUED and not reads_drafts(actor):
        raise PermissionDenied(NOT_READY, actor_id=actor.id, what="decisions.decision_pdf")
    write_audit(session, actor.id, AuditAction.PRINT, "Decision", d.id, {})
    return render_decision(decision_view(session, d))
