"""Money: the payouts decisions create, payout lists, "Kasa wypłaci" receipts and the
transfer file for the bank.

The rooms: ``schedule`` (what the decisions say is to be paid, kept in step by
``sync_payouts``), ``reading`` (a person's payouts, those due for a list), ``lists`` (payout
lists from drawing up to paid, the receipts they issue) and ``documents`` (the list's PDF,
the bank file, the receipts' PDF).

This package re-exports the area's public face: its operations under the name the
permission table and the audit log give them (``payouts.prepare_payout_list``) and the data
the screens read. Modules inside the package import from one another, never from here.
"""

from opsdesk.services.payouts.documents import (
    payout_list_pdf,
    receipt_pdf,
    receipts_of_list_pdf,
    transfer_csv,
)
from opsdesk.services.payouts.lists import (
    PayoutListDetail,
    PayoutListRow,
    approve_payout_list,
    check_payout_list,
    payout_list_detail,
    payout_lists,
    prepare_payout_list,
    record_list_paid,
    remove_from_list,
)
from opsdesk.services.payouts.reading import PayoutView, payouts_due, payouts_of_person
from opsdesk.services.payouts.schedule import CORRECTIONS

__all__ = [
    "CORRECTIONS", "PayoutListDetail", "PayoutListRow", "PayoutView", "approve_payout_list",
    "payout_list_detail", "payout_list_pdf", "payout_lists", "payouts_due", "payouts_of_person",
    "prepare_payout_list", "receipt_pdf", "receipts_of_list_pdf", "record_list_paid",
    "remove_from_list", "transfer_csv", "check_payout_list",
]
