"""Frozen input records of the document renderers.

The services build these from the database; a renderer never sees an ORM
object. Every text field holds what is printed, in Polish.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class OfficeView:
    """The centre, its organ and its appeal body, as printed on every document."""

    name: str  # "Gminny Ośrodek Pomocy Społecznej w Zbąszynku"
    address: str  # "ul. Rynek 1, 66-210 Zbąszynek"
    phone: str
    town: str  # "Zbąszynek" (place in "Zbąszynek, dnia …")
    gmina: str  # "Zbąszynek"
    mayor_title: str  # "Burmistrz Zbąszynka" (the organ)
    mayor_genitive: str  # "Burmistrza Zbąszynka" ("z upoważnienia …")
    head_name: str
    head_position: str  # "Kierownik Gminnego Ośrodka Pomocy Społecznej"
    sko_name: str  # "Samorządowe Kolegium Odwoławcze w Zielonej Górze"
    # Optional overrides of the derived grammatical forms (see layout.py):
    name_genitive: str = ""  # "Gminnego Ośrodka Pomocy Społecznej w Zbąszynku"
    sko_name_genitive: str = ""  # "Samorządowego Kolegium Odwoławczego w Zielonej Górze"
    appeal_via: str = ""  # "Kierownika Gminnego Ośrodka Pomocy Społecznej w Zbąszynku"
    email: str = ""


@dataclass(frozen=True)
class CertificateView:
    office: OfficeView
    number: str
    issued_on: date
    person_name: str
    pesel: str
    address: str
    purpose: str  # printed after "Cel wydania zaświadczenia: "
    content: str  # what is certified, a full sentence or more
    issued_by_name: str
    issued_by_position: str
    fee_note: str = ""  # e.g. a stamp-duty exemption line, printed small when given
    on_behalf: bool = False  # "z upoważnienia Kierownika <office in the genitive>"
    # The head's fixed texts in force on the document's date (reports/texts.py keys).
    texts: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class DecisionView:
    office: OfficeView
    number: str
    case_sign: str
    issued_on: date
    title: str  # "DECYZJA"
    party_name: str
    party_address: str
    party_pesel: str
    legal_basis: str  # follows "Na podstawie "
    ruling: tuple[str, ...]  # paragraphs after "orzekam:"
    justification: str  # paragraphs separated by blank lines
    granted_in_full: bool
    # Non-empty: rygor natychmiastowej wykonalności (art. 108 kpa).
    immediate_enforcement_reason: str
    signatory_name: str
    signatory_position: str
    on_behalf: bool  # "z upoważnienia <mayor_genitive>" (art. 110 ust. 7 ups)
    recipients: tuple[str, ...]  # "Adresat", "a/a"
    # The POUCZENIE's paragraphs as the head's texts in force give them; empty: the program's.
    instructions: tuple[str, ...] = ()
    # After the basis: "po rozpatrzeniu wniosku z dnia … o przyznanie …" or "z urzędu".
    proceeding: str = ""
    # A party without an address: why, and where the decision is delivered (art. 39 kpa).
    party_delivery_note: str = ""
    # The head's fixed texts in force on the document's date (reports/texts.py keys).
    texts: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ReceiptView:
    office: OfficeView
    number: str
    place: str
    issued_on: date
    recipient_name: str
    recipient_address: str
    recipient_pesel: str
    benefit_label: str  # "zasiłek okresowy"
    period_text: str  # "listopad 2026" or "01.11.2026–30.11.2026"
    decision_number: str
    decision_date: date
    amount: Decimal
    drawn_up_by: str
    approved_by: str


@dataclass(frozen=True)
class PayoutRow:
    lp: int
    name: str
    address: str
    pesel: str
    decision_number: str
    decision_date: date
    benefit_label: str
    period_text: str
    amount: Decimal  # to pay: the benefit less ``deduction``
    account_number: str = ""
    deduction: Decimal = Decimal("0.00")  # towards a debt (art. 104 ust. 2 ups)


@dataclass(frozen=True)
class PayoutListView:
    office: OfficeView
    number: str
    payout_date: date
    method: str  # "CASH" or "TRANSFER"
    title: str  # "Lista wypłat zasiłków okresowych za listopad 2026 r."
    rows: tuple[PayoutRow, ...]
    drawn_up_by: str
    checked_by: str
    approved_by: str


@dataclass(frozen=True)
class NoticeView:
    """kpa art. 36: notice that a case will not be settled on time."""

    office: OfficeView
    number: str
    case_sign: str
    issued_on: date
    party_name: str
    party_address: str
    subject: str  # "przyznania zasiłku okresowego" ("w sprawie" is added when missing)
    original_deadline: date
    new_deadline: date
    reason: str
    signatory_name: str
    signatory_position: str
    on_behalf: bool = True
    party_accusative: str = ""  # "Panią" / "Pana" by the party's sex, "" when unknown
    delivery_note: str = ""  # a party with no address: the recorded reason and place
    # The head's fixed texts in force on the document's date (reports/texts.py keys).
    texts: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class MessageView:
    """A formal information/opinion between workers (evidence, kpa art. 75 § 1)."""

    office: OfficeView
    kind_label: str  # "Informacja pracownika socjalnego", "Opinia pracownika socjalnego"
    number: str
    written_on: date
    author_name: str
    author_position: str
    addressee: str
    client_name: str
    client_address: str
    case_sign: str
    body: str
    cited_in_decision: str = ""  # "decyzja nr … z dnia …" when the decision relies on it
    automatic: bool = False  # drawn up by the program: signed as such, not by a worker
    # The head's fixed texts in force on the document's date (reports/texts.py keys).
    texts: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ContractStep:
    """III. Działania: what, who answers for it, by when (and the annex that added it)."""

    what: str
    who: str
    due_on: date
    annex_number: int | None = None


@dataclass(frozen=True)
class ContractAnnexView:
    number: int
    made_on: date
    changes: str
    new_period_to: date | None = None


@dataclass(frozen=True)
class ContractView:
    """Kontrakt socjalny (art. 108 ups) after the model of its regulation."""

    office: OfficeView
    number: str
    concluded_on: date
    client_name: str
    client_address: str
    worker_name: str
    worker_position: str
    period_from: date
    period_to: date
    goals: tuple[str, ...]
    client_commitments: tuple[str, ...]
    worker_commitments: tuple[str, ...]
    review_dates: tuple[date, ...]
    evaluation: str = ""
    outcome: str = ""
    situation: str = ""
    steps: tuple[ContractStep, ...] = ()
    annexes: tuple[ContractAnnexView, ...] = ()
    basis: str = ""  # the model's regulation with its Dz.U., from the acts' table
    texts: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class DossierSection:
    title: str
    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class DossierView:
    """The copy of personal data given on a request under art. 15 RODO."""

    office: OfficeView
    person_name: str
    generated_on: date
    generated_by: str
    sections: tuple[DossierSection, ...]


@dataclass(frozen=True)
class TableReportView:
    office: OfficeView
    title: str
    subtitle: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    generated_on: date
    generated_by: str
    numeric_columns: tuple[int, ...] = field(default=())  # right-aligned; guessed when empty
