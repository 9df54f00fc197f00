"""The month's ZUS declarations laid out as the printed forms: ZUS ZZA, ZUA, ZWUA, RCA and
DRA, a page each, their blocks and numbered fields as on paper — the same data as the KEDU
file (``reports/kedu.py``), for a centre that enters them by hand or keeps a paper copy."""

from __future__ import annotations

from decimal import Decimal

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer

from opsdesk.formatting import format_date
from opsdesk.reports import layout as L
from opsdesk.reports.kedu import InsuredView, KeduView, Registration, ReportLine
from opsdesk.reports.views import OfficeView

FORM_TITLES = {
    "ZZA": "ZUS ZZA — ZGŁOSZENIE DO UBEZPIECZENIA ZDROWOTNEGO",
    "ZUA": "ZUS ZUA — ZGŁOSZENIE DO UBEZPIECZEŃ",
    "ZWUA": "ZUS ZWUA — WYREJESTROWANIE Z UBEZPIECZEŃ",
    "RCA": "ZUS RCA — IMIENNY RAPORT MIESIĘCZNY O NALEŻNYCH SKŁADKACH",
    "DRA": "ZUS DRA — DEKLARACJA ROZLICZENIOWA",
}


def _amount(value: Decimal) -> str:
    return f"{value:.2f}".replace(".", ",")


def _block(title: str, fields: list[tuple[str, str, str]], width: float) -> list[Flowable]:
    """A block of the form: its heading, then numbered boxes ("01 NIP | 1234567890")."""
    st = L.styles()
    data = [[L.para(number, st.small_center), L.para(label, st.cell),
             L.para(value or "", st.cell_bold)] for number, label, value in fields]
    table = L.table(data, [width * 0.06, width * 0.44, width * 0.5],
                    [("GRID", (0, 0), (-1, -1), 0.4, L.GREY),
                     ("BACKGROUND", (0, 0), (1, -1), L.LIGHT_GREY)])
    return [L.para(title, st.section), table]


def _payer(view: KeduView, width: float) -> list[Flowable]:
    p = view.payer
    return _block("II. DANE IDENTYFIKACYJNE PŁATNIKA SKŁADEK",
                  [("01", "NIP", p.nip), ("02", "REGON", p.regon),
                   ("06", "Nazwa skrócona", p.short_name)], width)


def _insured(who: InsuredView, width: float) -> list[Flowable]:
    return _block("III. DANE IDENTYFIKACYJNE OSOBY UBEZPIECZONEJ",
                  [("01", "PESEL", who.pesel), ("05", "Nazwisko", who.last_name.upper()),
                   ("06", "Imię pierwsze", who.first_name.upper()),
                   ("07", "Data urodzenia", format_date(who.birth_date)
                    if who.birth_date else "")], width)


def _code(code: str) -> str:
    return f"{code[:4]} {code[4:5]} {code[5:6]}"


def _registration(reg: Registration, view: KeduView, width: float) -> list[Flowable]:
    story = _payer(view, width) + _insured(reg.insured, width)
    if reg.form == "ZWUA":
        story += _block("IV. DANE O WYREJESTROWANIU",
                        [("01", "Kod tytułu ubezpieczenia", _code(reg.title_code)),
                         ("02", "Data wyrejestrowania", format_date(reg.effective_on)),
                         ("03", "Kod przyczyny wyrejestrowania", reg.reason_code)], width)
        return story
    story += _block("V. TYTUŁ UBEZPIECZENIA", [("01", "Kod tytułu ubezpieczenia",
                                                _code(reg.title_code))], width)
    if reg.form == "ZZA":
        story += _block("VI. DANE O OBOWIĄZKU UBEZPIECZENIA ZDROWOTNEGO",
                        [("01", "Data powstania obowiązku", format_date(reg.effective_on)),
                         ("02", "Kod oddziału NFZ", view.payer.nfz_branch)], width)
    else:
        story += _block("VI. DANE O UBEZPIECZENIACH SPOŁECZNYCH",
                        [("01", "Data powstania obowiązku ubezpieczeń",
                          format_date(reg.effective_on)),
                         ("02", "Ubezpieczenie emerytalne", "X"),
                         ("03", "Ubezpieczenie rentowe", "X"),
                         ("04", "Ubezpieczenie chorobowe", ""),
                         ("05", "Ubezpieczenie wypadkowe", "")], width)
    return story


def _period(view: KeduView) -> str:
    return f"01 {view.month:%m/%Y}"


def _rca_line(n: int, line: ReportLine, width: float) -> list[Flowable]:
    who = line.insured
    fields = [("", "Nazwisko i imię", f"{who.last_name.upper()} {who.first_name.upper()}"),
              ("", "PESEL", who.pesel),
              ("B01", "Kod tytułu ubezpieczenia", _code(line.title_code))]
    if line.pension_basis:
        fields += [("B04", "Podstawa wymiaru składek na ubezpieczenie emerytalne",
                    _amount(line.pension_basis)),
                   ("B05", "Podstawa wymiaru składek na ubezpieczenie rentowe",
                    _amount(line.pension_basis)),
                   ("B07", "Kwota składki na ubezpieczenie emerytalne", _amount(line.pension)),
                   ("B08", "Kwota składki na ubezpieczenie rentowe", _amount(line.disability)),
                   ("B29", "Łączna kwota składek na ubezpieczenia społeczne",
                    _amount(line.social))]
    if line.health_basis:
        fields += [("C01", "Podstawa wymiaru składki na ubezpieczenie zdrowotne",
                    _amount(line.health_basis)),
                   ("C04", "Kwota składki na ubezpieczenie zdrowotne", _amount(line.health))]
    return _block(f"III. DANE O NALEŻNYCH SKŁADKACH — ubezpieczony {n}", fields, width)


def _dra(view: KeduView, width: float) -> list[Flowable]:
    pension = sum((x.pension for x in view.lines), Decimal("0.00"))
    disability = sum((x.disability for x in view.lines), Decimal("0.00"))
    health = sum((x.health for x in view.lines), Decimal("0.00"))
    story = _block("I. DANE ORGANIZACYJNE",
                   [("01", "Kod terminu przesyłania deklaracji", view.payer.deadline_code),
                    ("02", "Identyfikator deklaracji", _period(view))], width)
    story += _payer(view, width)
    story += _block("III. INFORMACJE O LICZBIE UBEZPIECZONYCH",
                    [("01", "Liczba ubezpieczonych", str(len(view.lines)))], width)
    story += _block("IV. ZESTAWIENIE NALEŻNYCH SKŁADEK NA UBEZPIECZENIA SPOŁECZNE",
                    [("02", "Emerytalne — finansowane przez płatnika", _amount(pension)),
                     ("05", "Rentowe — finansowane przez płatnika", _amount(disability)),
                     ("37", "Łączna kwota składek na ubezpieczenia społeczne",
                      _amount(pension + disability))], width)
    story += _block("VI. ZESTAWIENIE NALEŻNYCH SKŁADEK NA UBEZPIECZENIE ZDROWOTNE",
                    [("02", "Kwota należnych składek", _amount(health)),
                     ("07", "Kwota składek do zapłaty", _amount(health))], width)
    story += _block("IX. KWOTA DO ZAPŁATY",
                    [("02", "Kwota do zapłaty", _amount(pension + disability + health))],
                    width)
    return story


def render_forms(view: KeduView, office: OfficeView) -> bytes:
    st = L.styles()
    width = L.frame_width()
    pages: list[list[Flowable]] = []
    for reg in view.registrations:
        pages.append([L.para(FORM_TITLES[reg.form], st.heading)]
                     + _registration(reg, view, width))
    if view.lines:
        rca: list[Flowable] = [L.para(FORM_TITLES["RCA"], st.heading)]
        rca += _block("I. DANE ORGANIZACYJNE", [("01", "Identyfikator raportu", _period(view))],
                      width)
        rca += _payer(view, width)
        for n, line in enumerate(view.lines, start=1):
            rca += _rca_line(n, line, width)
        pages.append(rca)
        if view.include_dra:
            pages.append([L.para(FORM_TITLES["DRA"], st.heading)] + _dra(view, width))
    story: list[Flowable] = []
    for i, page in enumerate(pages):
        if i:
            story.append(PageBreak())
        story += page
        story.append(Spacer(1, 6 * mm))
        story.append(L.para(f"Data wypełnienia: {format_date(view.filled_on)} r. — wydruk "
                            "danych z programu opsdesk w układzie formularza; dokumentem "
                            "dla ZUS jest deklaracja wysłana z programu Płatnik.", st.tiny))
        story += L.signature_block("", "podpis płatnika składek lub osoby upoważnionej",
                                   width=width, space_mm=10)
    return L.build_pdf(story, title=f"Deklaracje ZUS — {view.month:%m/%Y}", office=office,
                       footer_left=f"Deklaracje ZUS za {view.month:%m/%Y}")
