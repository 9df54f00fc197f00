"""Decisions on the party's requests about a debt (art. 104 ust. 4 ups, applied to unduly
received benefits by art. 98): umorzenie in whole or in part, rozłożenie na raty, odroczenie
terminu płatności — each granted or refused by a decision of its own, drafted from the request
(``DebtRequest.decision_id``) and going the decisions' usual way (draft → approval → issue).

What the ruling grants takes effect when the decision is issued: it is favourable to the
party, who asked for it (kpa art. 130 § 4 for a grant in full; a partial grant takes nothing
from the party either). A refusal changes nothing in the debt."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from opsdesk.errors import ValidationError
from opsdesk.formatting import (
    amount_in_words,
    format_date,
    format_money,
    plural_pl,
)
from opsdesk.models import Decision
from opsdesk.models.debts import Debt, DebtEntry, DebtInstalment, DebtRequest
from opsdesk.models.enums import DebtEntryKind, DebtRequestKind, DecisionKind
from opsdesk.reports.payout_list import format_account
from opsdesk.services import rules
from opsdesk.services.debt_ledger import (
    book,
    replace_schedule,
    standing,
    trim_schedule,
)
from opsdesk.services.decisions.amounts import compose_basis, instalment_plan, kpa_articles
from opsdesk.services.decisions.catalogue import BENEFITS, MAX_INSTALMENTS, SIGNED_BY_HEAD
from opsdesk.services.legal_acts import Act, citation
from opsdesk.services.office import get_office

KIND_OF_REQUEST: dict[DebtRequestKind, DecisionKind] = {
    DebtRequestKind.WRITE_OFF: DecisionKind.DEBT_WRITE_OFF,
    DebtRequestKind.INSTALMENTS: DecisionKind.DEBT_INSTALMENTS,
    DebtRequestKind.DEFERRAL: DecisionKind.DEBT_DEFERRAL,
}
DEBT_KINDS = frozenset(KIND_OF_REQUEST.values())
# "o umorzenie należności" — what the party asked for, after "wniosku … o".
ASKED_FOR: dict[DebtRequestKind, str] = {
    DebtRequestKind.WRITE_OFF: "umorzenie należności",
    DebtRequestKind.INSTALMENTS: "rozłożenie należności na raty",
    DebtRequestKind.DEFERRAL: "odroczenie terminu płatności należności",
}
# Art. 104 ust. 4, applied to unduly received benefits by art. 98 ust. 1 *(the paragraph of
# art. 98 that refers to it is unverified against the consolidated text)*.
UPS_BASIS = ["art. 98 ust. 1", "art. 104 ust. 4", SIGNED_BY_HEAD]


def debt_basis(session: Session, on: date) -> str:
    return compose_basis(UPS_BASIS, kpa_articles(False),
                         ups_act=str(citation(session, Act.UPS, on)),
                         kpa_act=str(citation(session, Act.KPA, on)))


def request_of(session: Session, d: Decision) -> DebtRequest:
    found = session.scalar(select(DebtRequest).where(DebtRequest.decision_id == d.id))
    if found is None:
        raise ValidationError("Decyzja w sprawie należności wydaje się na wniosek strony — "
                              "zarejestruj wniosek w panelu „Należności”.", field="kind")
    return found


def _debt(session: Session, request: DebtRequest) -> Debt:
    debt = session.get(Debt, request.debt_id)
    assert debt is not None
    return debt


def working_plan(total: Decimal, n: int, first_due: date) -> list[tuple[date, Decimal]]:
    """Monthly instalments, each due date moved to the next working day (a due date on a
    Saturday or a holiday passes to the next working day, kpa art. 57 § 4 by analogy)."""
    return [(rules.on_or_after_working_day(due), part)
            for due, part in instalment_plan(total, n, first_due)]


def check_debt_ruling(session: Session, d: Decision, today: date) -> None:
    """What the law and the ledger allow the ruling to grant."""
    request = request_of(session, d)
    if not request.granted:
        return
    s = standing(session, _debt(session, request), today)
    if s.payable <= 0:
        raise ValidationError("Należność jest spłacona albo w całości objęta potrąceniem — "
                              "nie ma czego umorzyć, rozłożyć ani odroczyć.", field="granted")
    if request.kind is DebtRequestKind.WRITE_OFF:
        if request.granted_amount is not None and request.granted_amount > s.payable:
            raise ValidationError(f"Umorzyć można najwyżej pozostałą należność "
                                  f"({format_money(s.payable)}).", field="granted_amount")
    elif request.kind is DebtRequestKind.INSTALMENTS:
        n = request.granted_instalments or 0
        if not 2 <= n <= MAX_INSTALMENTS:
            raise ValidationError(f"Liczba rat: od 2 do {MAX_INSTALMENTS}.",
                                  field="granted_instalments")
        if s.payable < Decimal("0.01") * n:
            raise ValidationError("Rata nie może być mniejsza niż 1 grosz.",
                                  field="granted_instalments")
        if request.granted_due_on is None or request.granted_due_on < today:
            raise ValidationError("Termin pierwszej raty nie może być wcześniejszy niż dzień "
                                  "wydania decyzji.", field="granted_due_on")
    else:
        if request.granted_due_on is None or request.granted_due_on < today:
            raise ValidationError("Nowy termin płatności nie może być wcześniejszy niż dzień "
                                  "wydania decyzji.", field="granted_due_on")
        if s.next_due_on is not None and request.granted_due_on <= s.next_due_on:
            raise ValidationError(f"Odroczony termin musi być późniejszy niż obecny termin "
                                  f"płatności ({format_date(s.next_due_on)} r.).",
                                  field="granted_due_on")


def _money_words(amount: Decimal) -> str:
    return f"{format_money(amount)} (słownie: {amount_in_words(amount)})"


def _d(day: date | None) -> str:
    return f"{format_date(day)} r." if day else ""


def ruling_points(session: Session, d: Decision, today: date) -> tuple[str, ...]:
    """The ruling: from what was booked at issue for an issued decision (a reprint years
    later says the same), from the ledger of today for a draft."""
    request = request_of(session, d)
    debt = _debt(session, request)
    repayment = session.get(Decision, debt.decision_id)
    assert repayment is not None
    what = (f"należności z tytułu nienależnie pobranego świadczenia "
            f"({BENEFITS[repayment.benefit_kind].accusative}) ustalonej decyzją nr "
            f"{repayment.number} z dnia {_d(repayment.issued_on)}")
    debt_acc = (f"należność z tytułu nienależnie pobranego świadczenia "
                f"({BENEFITS[repayment.benefit_kind].accusative}) ustaloną decyzją nr "
                f"{repayment.number} z dnia {_d(repayment.issued_on)}")
    if not request.granted:
        verb = {DebtRequestKind.WRITE_OFF: "umorzenia",
                DebtRequestKind.INSTALMENTS: "rozłożenia na raty",
                DebtRequestKind.DEFERRAL: "odroczenia terminu płatności"}[request.kind]
        return (f"Odmawiam {verb} {what}.",)
    balance = request.granted_amount if d.issued_on is not None and \
        request.kind is not DebtRequestKind.WRITE_OFF else None
    if balance is None:
        balance = standing(session, debt, today).payable
    account = format_account(d.bank_account or get_office(session).bank_account)
    pay_into = f"Wpłaty należy dokonywać na rachunek bankowy ośrodka nr {account}."
    if request.kind is DebtRequestKind.WRITE_OFF:
        amount = request.granted_amount
        left = _left_after_write_off(session, debt, d) if d.issued_on is not None else None
        if left is not None and amount is not None:
            balance = amount + left
        if amount is None or amount >= balance:
            return (f"Umarzam w całości {debt_acc}, w kwocie pozostałej do spłaty "
                    f"{_money_words(amount or balance)}.",)
        return (f"Umarzam w części, w kwocie {_money_words(amount)}, {debt_acc}.",
                f"Pozostała część należności, w kwocie {format_money(balance - amount)}, "
                "podlega zwrotowi w dotychczasowych terminach.", pay_into)
    if request.kind is DebtRequestKind.INSTALMENTS:
        plan = _issued_plan(session, d) or working_plan(
            balance, request.granted_instalments or 2, request.granted_due_on or today)
        parts = "; ".join(f"{n}) do dnia {_d(due)} — {format_money(part)}"
                          for n, (due, part) in enumerate(plan, start=1))
        n = len(plan)
        return (f"Rozkładam na {n} {plural_pl(n, 'ratę', 'raty', 'rat')} {debt_acc}, "
                f"pozostałą do spłaty w kwocie {_money_words(balance)}, płatnych w "
                f"następujących terminach: {parts}.",
                pay_into)
    due = rules.on_or_after_working_day(request.granted_due_on or today)
    return (f"Odraczam termin płatności {what}, pozostałej do spłaty w kwocie "
            f"{_money_words(balance)}, do dnia {_d(due)}.", pay_into)


def _issued_plan(session: Session, d: Decision) -> list[tuple[date, Decimal]]:
    return [(i.due_on, i.amount) for i in session.scalars(select(DebtInstalment).where(
        DebtInstalment.set_by_decision_id == d.id).order_by(DebtInstalment.due_on))]


def proceeding(session: Session, d: Decision) -> str:
    request = request_of(session, d)
    return (f"po rozpatrzeniu wniosku strony z dnia {_d(request.received_on)} o "
            f"{ASKED_FOR[request.kind]}")


def carry_out(session: Session, d: Decision, *, actor_id: int, today: date) -> None:
    """The issued decision's effect on the debt: a write-off booked, instalments or a new due
    date in place of the old terms. A refusal leaves the debt as it was."""
    request = request_of(session, d)
    if not request.granted:
        return
    debt = _debt(session, request)
    s = standing(session, debt, today)
    if request.kind is DebtRequestKind.WRITE_OFF:
        amount = min(request.granted_amount or s.payable, s.payable)
        request.granted_amount = amount
        book(session, debt, kind=DebtEntryKind.WRITE_OFF, amount=amount, booked_on=today,
             actor_id=actor_id, today=today, reference=f"decyzja nr {d.number}",
             decision_id=d.id)
        trim_schedule(session, debt, amount, d.id)
        return
    request.granted_amount = s.balance
    if request.kind is DebtRequestKind.INSTALMENTS:
        plan = working_plan(s.balance, request.granted_instalments or 2,
                            request.granted_due_on or today)
    else:
        plan = [(rules.on_or_after_working_day(request.granted_due_on or today), s.balance)]
    replace_schedule(session, debt, plan, d.id)


def _left_after_write_off(session: Session, debt: Debt, d: Decision) -> Decimal | None:
    """What remained owed right after the issued decision's write-off was booked."""
    entry = session.scalar(select(DebtEntry).where(DebtEntry.decision_id == d.id))
    if entry is None:
        return None
    booked = sum((e.amount for e in session.scalars(select(DebtEntry).where(
        DebtEntry.debt_id == debt.id, DebtEntry.id <= entry.id,
        DebtEntry.booked_on.is_not(None)))), Decimal("0.00"))
    return debt.amount - booked
