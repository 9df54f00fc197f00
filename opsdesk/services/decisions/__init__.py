"""Proceedings and administrative decisions on benefits.

The benefits worker drafts a decision; the editor is pre-filled with the legal basis, the
amount the law gives (``rules``) counted from the case's family interview, the period and
the payout method. The head — or a worker authorised under art. 110 ust. 8 ups
(``may_sign_decisions``) — approves it, and only then is it numbered (inside the write
transaction), issued, scheduled for payment and put on the desk's "Do odbioru" list, whose
hand-over date is its delivery.

An issued decision is never edited (a flush guard refuses it even to a buggy
caller): a change, revocation, suspension or resumption is a new decision that refers to
the granting one and corrects the payouts from its effective day, only for the future
(art. 106 ust. 5 ups). Unduly taken benefits are recovered by an art. 98 decision, in
instalments if so decided (art. 104 ust. 4). A case that will not be settled within the
kpa art. 35 deadline gets an art. 36 notice with a new date.

The rooms: ``catalogue`` (what the law says about each benefit), ``views`` (the plain data
that crosses to the screens), ``amounts`` (amounts, legal basis, instalments), ``lookups``,
``queries`` (reading), ``drafting`` (the editor's defaults and form), ``checks`` (every legal
check of a draft), ``workflow`` (save → submit → approve and issue), ``wording`` (the ruling
and the document) and ``notices`` (the deadline and the art. 36 notice). The guard that keeps
an issued decision final is a session hook beside the package (``decision_guard``).

This package re-exports the area's public face: its operations under the name the
permission table and the audit log give them (``decisions.save_draft``) and the data the
screens read. Modules inside the package import from one another, never from here.
"""

from opsdesk.services.decisions.appeals import (
    SKO_RULINGS,
    record_forwarding,
    record_self_revision,
    record_sko_delivery,
    record_sko_ruling,
)
from opsdesk.services.decisions.catalogue import (
    BENEFITS,
    KIND_TITLES,
    MAX_INSTALMENTS,
    REFUSAL_GROUNDS,
    Payment,
    RefusalGround,
)
from opsdesk.services.decisions.drafting import decision_defaults
from opsdesk.services.decisions.finality import (
    FinalityRow,
    awaiting_finality,
    record_appeal,
    record_delivery,
    record_waiver,
)
from opsdesk.services.decisions.notices import (
    decision_deadline_of,
    issue_deadline_notice,
    notice_pdf,
)
from opsdesk.services.decisions.queries import decision_detail, decisions_of_case, grants_of_person
from opsdesk.services.decisions.views import (
    DecisionDefaults,
    DecisionDetail,
    DecisionForm,
    DecisionRow,
    GrantRow,
    IssuedDecision,
)
from opsdesk.services.decisions.wording import decision_pdf
from opsdesk.services.decisions.workflow import (
    approve_and_issue,
    discard_draft,
    return_draft,
    save_draft,
    submit_draft,
)

__all__ = [
    "BENEFITS", "KIND_TITLES", "MAX_INSTALMENTS", "REFUSAL_GROUNDS", "DecisionDefaults",
    "DecisionDetail", "DecisionForm", "DecisionRow", "GrantRow", "IssuedDecision", "Payment",
    "RefusalGround", "approve_and_issue", "decision_deadline_of", "decision_defaults",
    "decision_detail", "decision_pdf", "decisions_of_case", "discard_draft",
    "grants_of_person", "issue_deadline_notice", "notice_pdf", "return_draft", "save_draft",
    "submit_draft",
    # issue 16: delivery and finality
    "FinalityRow", "awaiting_finality", "record_appeal", "record_delivery", "record_waiver",
    # issue 16: the appeal's path to the SKO
    "SKO_RULINGS", "record_forwarding", "record_self_revision", "record_sko_delivery",
    "record_sko_ruling",
]
