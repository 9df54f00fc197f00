"""Debts (należności) from art. 98 repayment decisions: the party's requests and the
decisions on them (``requests``) and what the workers do (``operations``). The ledger
(``services.debt_ledger``) and the deduction from payouts (``services.debt_deductions``)
live beside the package: the decisions and the payouts book into them.

This package re-exports the area's public face under the name the permission table gives
it (``debts.take_cash``). Modules inside the package import from one another, never from
here."""

from opsdesk.services.debts.operations import (
    DebtDetail,
    DebtRow,
    DeskDebt,
    LedgerLine,
    RequestRow,
    cash_receipt_pdf,
    debt_detail,
    desk_debts,
    list_debts,
    record_transfer,
    set_deduction,
    take_cash,
)
from opsdesk.services.debts.requests import (
    RequestForm,
    RulingForm,
    draft_request_decision,
    record_request,
)

__all__ = [
    "DebtDetail", "DebtRow", "DeskDebt", "LedgerLine", "RequestForm", "RequestRow",
    "RulingForm", "cash_receipt_pdf", "debt_detail", "desk_debts", "draft_request_decision",
    "list_debts", "record_request", "record_transfer", "set_deduction", "take_cash",
]
