"""The month's ZUS declarations as a KEDU file for Płatnik (and ePłatnik) to import.

Pure: a ``KeduView`` in, the XML's bytes out (ElementTree, UTF-8, no network, no schema at
run time). The layout follows KEDU schema 5.7 (namespace ``http://www.zus.pl/2026/KEDU_5_7``,
in force from 25 April 2026) as ZUS publishes it: the test suite validates the file against
that schema when it is given one (``OPSDESK_KEDU_XSD``); the schema is not shipped.

The schema fixes the structure only; what each positional field ``pN`` means comes from the
printed forms. Where a field's meaning could not be confirmed here, the mapping follows the
files a commercial payroll program exports for Płatnik (noted at the field *(unverified)*):

* ZUSZZA — II payer (p1 NIP, p2 REGON, p6 nazwa skrócona); III the insured (p1 PESEL,
  p5 nazwisko, p6 imię, p7 data urodzenia); IV p4 płeć; V p1 kod tytułu ubezpieczenia;
  VI p1 data powstania obowiązku ubezpieczenia zdrowotnego, p2 kod oddziału NFZ;
  XI p1 data wypełnienia.
* ZUSZUA — II, III, IV as above; V p1 the title; VI p1 data powstania obowiązku
  ubezpieczeń społecznych, p2 emerytalne, p3 rentowe, p4 chorobowe, p5 wypadkowe.
* ZUSZWUA — II, III; IV p1 the title, p2 data wyrejestrowania, p3 kod przyczyny; VI p1 date.
* ZUSRCA — I p1 (p1 identyfikator raportu "01", p2 the month RRRR-MM); II payer; one III
  block per person: A (p1 nazwisko, p2 imię, p3 "P", p4 PESEL), B (p1 the title; p4/p5
  podstawa emerytalna/rentowa, p7/p8 the contributions, p29 their sum), C (p1 podstawa
  zdrowotna, p4 the health contribution *(which financing column: unverified)*);
  IV p1 data wypełnienia.
* ZUSDRA — I p1 kod terminu przesyłania, p2 (p1 "01", p2 RRRR-MM); II payer; III p1 the
  number of insured; IV the social contributions in the columns the payroll program uses
  *(unverified)*; VI the health contributions (p2, p5, p7 *(unverified)*); IX p2 the total to
  pay; XIII p1 data wypełnienia.

ZUS RZA (health-only insured) was withdrawn: schema 5.7 has no ZUSRZA, so a zasiłek stały
recipient is reported in ZUSRCA with the health block only.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

NAMESPACE = "http://www.zus.pl/2026/KEDU_5_7"
SCHEMA_FILE = "kedu_5_7.xsd"
_ZERO = Decimal("0.00")


@dataclass(frozen=True)
class PayerView:
    nip: str
    regon: str
    short_name: str
    deadline_code: str  # DRA I p1
    nfz_branch: str


@dataclass(frozen=True)
class InsuredView:
    pesel: str
    last_name: str
    first_name: str
    birth_date: date | None
    sex: str  # "K" / "M" / ""


@dataclass(frozen=True)
class Registration:
    """A ZZA, ZUA or ZWUA: ``effective_on`` is the day the obligation arises, or the day
    of deregistration."""

    form: str
    insured: InsuredView
    title_code: str
    effective_on: date
    reason_code: str = ""


@dataclass(frozen=True)
class ReportLine:
    """One person's contributions in the month (a block III of ZUSRCA)."""

    insured: InsuredView
    title_code: str
    health_basis: Decimal = _ZERO
    health: Decimal = _ZERO
    pension_basis: Decimal = _ZERO
    pension: Decimal = _ZERO
    disability: Decimal = _ZERO

    @property
    def social(self) -> Decimal:
        return self.pension + self.disability


@dataclass(frozen=True)
class KeduView:
    payer: PayerView
    month: date  # the first day of the settled month
    filled_on: date
    program_version: str
    registrations: tuple[Registration, ...]
    lines: tuple[ReportLine, ...]
    include_dra: bool = True
    declaration_no: str = "01"


def _money(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.01')):f}"


def _el(parent: ET.Element, tag: str, text: object = None) -> ET.Element:
    element = ET.SubElement(parent, f"{{{NAMESPACE}}}{tag}")
    if text is not None:
        element.text = text if isinstance(text, str) else str(text)
    return element


def _fields(parent: ET.Element, tag: str, values: Mapping[str, object]) -> ET.Element:
    """A block with its ``pN`` fields in the order given; None values are left out."""
    block = _el(parent, tag)
    for name, value in values.items():
        if value is not None and value != "":
            if isinstance(value, Decimal):
                value = _money(value)
            elif isinstance(value, date):
                value = value.isoformat()
            elif isinstance(value, bool):
                value = "true" if value else "false"
            _el(block, name, value)
    return block


def _title(parent: ET.Element, tag: str, code: str) -> ET.Element:
    """kod tytułu ubezpieczenia: 4 digits, the pension right and the disability degree."""
    return _fields(parent, tag, {"p1": code[:4], "p2": code[4:5] or "0", "p3": code[5:6] or "0"})


def _payer(parent: ET.Element, payer: PayerView) -> None:
    _fields(parent, "II", {"p1": payer.nip, "p2": payer.regon, "p6": payer.short_name[:31]})


def _insured(parent: ET.Element, who: InsuredView) -> None:
    _fields(parent, "III", {"p1": who.pesel, "p5": who.last_name[:31].upper(),
                            "p6": who.first_name[:22].upper(), "p7": who.birth_date})


def _document(root: ET.Element, tag: str, number: int) -> ET.Element:
    document = _el(root, tag)
    document.set("id_dokumentu", str(number))
    return document


def _registration(root: ET.Element, reg: Registration, number: int, view: KeduView) -> None:
    if reg.form == "ZWUA":
        doc = _document(root, "ZUSZWUA", number)
        _payer(doc, view.payer)
        _insured(doc, reg.insured)
        block = _el(doc, "IV")
        _title(block, "p1", reg.title_code)
        _el(block, "p2", reg.effective_on.isoformat())
        _el(block, "p3", reg.reason_code)
        _fields(doc, "VI", {"p1": view.filled_on})
        return
    tag = "ZUSZZA" if reg.form == "ZZA" else "ZUSZUA"
    doc = _document(root, tag, number)
    _payer(doc, view.payer)
    _insured(doc, reg.insured)
    _fields(doc, "IV", {"p4": reg.insured.sex})
    _title(_el(doc, "V"), "p1", reg.title_code)
    if reg.form == "ZZA":
        _fields(doc, "VI", {"p1": reg.effective_on, "p2": view.payer.nfz_branch})
        _fields(doc, "XI", {"p1": view.filled_on})
    else:
        _fields(doc, "VI", {"p1": reg.effective_on, "p2": True, "p3": True, "p4": False,
                            "p5": False})


def _period(parent: ET.Element, tag: str, view: KeduView) -> None:
    _fields(parent, tag, {"p1": view.declaration_no, "p2": f"{view.month:%Y-%m}"})


def _rca(root: ET.Element, number: int, view: KeduView) -> None:
    doc = _document(root, "ZUSRCA", number)
    _period(_el(doc, "I"), "p1", view)
    _payer(doc, view.payer)
    for block_no, line in enumerate(view.lines, start=1):
        block = _el(doc, "III")
        block.set("id_bloku", str(block_no))
        _fields(block, "A", {"p1": line.insured.last_name[:31].upper(),
                             "p2": line.insured.first_name[:22].upper(), "p3": "P",
                             "p4": line.insured.pesel})
        social = _el(block, "B")
        _title(social, "p1", line.title_code)
        for name, value in (("p4", line.pension_basis), ("p5", line.pension_basis),
                            ("p7", line.pension), ("p8", line.disability),
                            ("p29", line.social)):
            _el(social, name, _money(value))
        if line.health_basis:
            _fields(block, "C", {"p1": line.health_basis, "p4": line.health})
    _fields(doc, "IV", {"p1": view.filled_on})


def _dra(root: ET.Element, number: int, view: KeduView) -> None:
    doc = _document(root, "ZUSDRA", number)
    head = _el(doc, "I")
    _el(head, "p1", view.payer.deadline_code)
    _period(head, "p2", view)
    _payer(doc, view.payer)
    _fields(doc, "III", {"p1": len(view.lines)})
    pension = sum((x.pension for x in view.lines), _ZERO)
    disability = sum((x.disability for x in view.lines), _ZERO)
    social = pension + disability
    health = sum((x.health for x in view.lines), _ZERO)
    # The payer finances every contribution here: the insured's and the sickness columns
    # stay zero (columns as the payroll program's files fill them — unverified).
    columns = {f"p{n}": _ZERO for n in range(1, 38)}
    columns.update({"p2": pension, "p3": pension, "p5": disability, "p6": disability,
                    "p9": social, "p20": pension, "p21": pension, "p23": disability,
                    "p24": disability, "p37": social})
    _fields(doc, "IV", columns)
    _fields(doc, "VI", {"p1": _ZERO, "p2": health, "p3": _ZERO, "p4": _ZERO, "p5": health,
                        "p6": _ZERO, "p7": health})
    _fields(doc, "IX", {"p2": social + health})
    _fields(doc, "XIII", {"p1": view.filled_on})


def render_kedu(view: KeduView) -> bytes:
    """The KEDU XML of the month: the registrations first, then RCA and DRA."""
    ET.register_namespace("", NAMESPACE)
    root = ET.Element(f"{{{NAMESPACE}}}KEDU", {"wersja_schematu": "1"})
    header = _el(root, "naglowek.KEDU")
    program = _el(header, "program")
    _el(program, "producent", "opsdesk")
    _el(program, "symbol", "opsdesk")
    _el(program, "wersja", view.program_version)
    _el(header, "data_utworzenia_KEDU", view.filled_on.isoformat())
    number = 0
    for reg in view.registrations:
        number += 1
        _registration(root, reg, number, view)
    if view.lines:
        number += 1
        _rca(root, number, view)
        if view.include_dra:
            number += 1
            _dra(root, number, view)
    if number == 0:
        raise ValueError("a KEDU file needs at least one document")
    ET.indent(root)
    document: bytes = ET.tostring(root, encoding="UTF-8", xml_declaration=True)
    return document
