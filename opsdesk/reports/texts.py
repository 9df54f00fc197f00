"""The documents' fixed texts as the program ships them, and how a text is filled.

The head's versions (``services/templates.py``) take a text's place from their date; the
services hand a report the texts in force on the document's date in its view's ``texts``,
and a key missing there prints the program's own wording below. Fields are written
``{name}`` and only the names offered in the editor's list are ever filled: no code runs.

Migration 0017tpl puts this wording in the table as the first version of every text, so
rewording a default here changes only new databases; an office's database gets a new
wording as a dated version (a migration), and its issued documents keep theirs."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from xml.sax.saxutils import escape

from opsdesk.reports import layout as L
from opsdesk.reports.views import OfficeView

_KPA = "Kodeksu postępowania administracyjnego"
_UPS = "ustawy o pomocy społecznej"

DEFAULTS: dict[str, str] = {
    # --- the decision (kpa art. 107 § 1) ---
    "decision.title": "DECYZJA",
    "decision.basis": "Na podstawie {przepisy}, {tryb},",
    "decision.on_application": "po rozpatrzeniu wniosku z dnia {data_wniosku} o przyznanie "
                               "{swiadczenie_dopelniacz}",
    "decision.ex_officio": "po przeprowadzeniu postępowania wszczętego z urzędu",
    "decision.orzekam": "orzekam:",
    "decision.rygor": "Decyzji nadaje się rygor natychmiastowej wykonalności na podstawie "
                      f"art. 108 § 1 {_KPA}.",
    "decision.rygor_reasons": "Rygor natychmiastowej wykonalności nadano decyzji z "
                              "następujących przyczyn:",
    "decision.in_full": L.IN_FULL,
    "decision.appeal": "Od niniejszej decyzji służy stronie odwołanie do {kolegium_dopelniacz} "
                       "za pośrednictwem {za_posrednictwem}, w terminie 14 dni od dnia jej "
                       "doręczenia (art. 127 § 1 i 2 oraz art. 129 § 1 i 2 Kodeksu "
                       "postępowania administracyjnego).",
    "decision.waiver": "W trakcie biegu terminu do wniesienia odwołania strona może zrzec się "
                       "prawa do wniesienia odwołania wobec organu, który wydał decyzję "
                       "(art. 127a § 1 Kodeksu postępowania administracyjnego). Z dniem "
                       "doręczenia organowi oświadczenia o zrzeczeniu się prawa do wniesienia "
                       "odwołania przez ostatnią ze stron postępowania decyzja staje się "
                       "ostateczna i prawomocna (art. 127a § 2), co oznacza, że nie można jej "
                       "zaskarżyć odwołaniem ani skargą do sądu administracyjnego.",
    "decision.art109": "Zgodnie z art. 109 ustawy z dnia 12 marca 2004 r. o pomocy społecznej "
                       "osoby i rodziny korzystające ze świadczeń z pomocy społecznej są "
                       "obowiązane niezwłocznie poinformować organ, który przyznał "
                       "świadczenie, o każdej zmianie w ich sytuacji osobistej, dochodowej "
                       "i majątkowej, która wiąże się z podstawą do przyznania świadczeń.",
    "decision.extra": "",
    # --- the ruling's formulas (kpa art. 107 § 1 pkt 5), the figures filled in ---
    "ruling.refusing": "Odmawiam przyznania stronie {swiadczenie_dopelniacz}.",
    "ruling.revoking": "Uchylam {decyzja} od dnia {od_dnia}.",
    "ruling.suspending": "Wstrzymuję od dnia {od_dnia} wypłatę {swiadczenie_dopelniacz} "
                         "przyznanego decyzją nr {numer_decyzji} z dnia {data_decyzji}.",
    "ruling.resuming": "Wznawiam od dnia {od_dnia} wypłatę {swiadczenie_dopelniacz} "
                       "przyznanego decyzją nr {numer_decyzji} z dnia {data_decyzji}.",
    "ruling.transfer": "{co} przelewem na rachunek bankowy strony nr {rachunek}.",
    "ruling.cash": "{co} w kasie ośrodka na podstawie dowodu wypłaty „Kasa wypłaci”, do "
                   "odbioru w pokoju nr {pokoj}.",
    "ruling.returnable": "Przyznany zasiłek podlega zwrotowi w terminie do dnia "
                         "{termin_zwrotu} (art. 41 pkt 2 ustawy o pomocy społecznej).",
    "ruling.repayment_account": "Kwotę należy wpłacić na rachunek bankowy ośrodka nr "
                                "{rachunek} albo w kasie ośrodka; należność może zostać "
                                "potrącona z wypłacanych świadczeń.",
    # --- the boilerplate of a justification (the draft starts from it; kpa art. 107 § 3) ---
    "justification.refusal_income": "Dochód przekracza kryterium dochodowe, a zatem nie jest "
                                    "spełniony ustawowy warunek przyznania "
                                    "{swiadczenie_dopelniacz} ({przepis}). Z tego względu "
                                    "orzeczono jak w sentencji.",
    "justification.refusal_interview": (
        f"Zgodnie z art. 106 ust. 4 {_UPS} decyzja o przyznaniu lub odmowie przyznania "
        "świadczenia wymaga uprzedniego przeprowadzenia rodzinnego wywiadu środowiskowego; bez "
        "niego ośrodek nie może ustalić sytuacji osobistej, rodzinnej, dochodowej i majątkowej "
        "strony ani tego, czy spełnia ona warunki przyznania {swiadczenie_dopelniacz}.\n\n"
        f"Stosownie do art. 107 ust. 4a {_UPS} odmowa przeprowadzenia wywiadu lub złożenia "
        "oświadczenia o dochodach i stanie majątkowym stanowi podstawę do wydania decyzji o "
        "odmowie przyznania świadczenia. Strona została pouczona o skutkach odmowy."),
    "justification.refusal_art11": (
        f"Zgodnie z art. 11 ust. 2 {_UPS} brak współdziałania osoby lub rodziny z pracownikiem "
        "socjalnym w rozwiązywaniu trudnej sytuacji życiowej, odmowa zawarcia kontraktu "
        "socjalnego lub niedotrzymanie jego postanowień, nieuzasadniona odmowa podjęcia pracy "
        "albo leczenia mogą stanowić podstawę do odmowy przyznania świadczenia."),
    "justification.suspending": (
        f"Zgodnie z art. 11 ust. 2 {_UPS} okoliczności te mogą stanowić podstawę do "
        "wstrzymania świadczenia. Wstrzymanie trwa do czasu ustania jego przyczyn."),
    "justification.repayment": (
        f"Zgodnie z art. 98 ust. 1 {_UPS} osoba, która pobrała nienależnie świadczenia, jest "
        "obowiązana do ich zwrotu; kwotę ustala się decyzją (art. 104 ust. 1). Rozłożenie "
        "należności na raty następuje wyłącznie na wniosek strony (art. 104 ust. 4)."),
    "justification.change": (
        f"Zgodnie z art. 106 ust. 5 {_UPS} decyzję administracyjną, na mocy której strona "
        "nabyła prawo do świadczenia, można bez jej zgody uchylić lub zmienić na niekorzyść "
        "strony, jeżeli zmieniły się przepisy prawa, sytuacja osobista, dochodowa lub "
        "majątkowa strony albo świadczenie zostało pobrane nienależnie; zmiana następuje "
        "wyłącznie na przyszłość."),
    # --- the certificate (kpa art. 217) ---
    "certificate.basis": "Na podstawie art. 217 § 1 i § 2 pkt 2 ustawy z dnia 14 czerwca "
                         "1960 r. – Kodeks postępowania administracyjnego",
    "certificate.intro": "{jednostka} zaświadcza, że:",
    "certificate.on_request": "Zaświadczenie wydaje się na wniosek osoby zainteresowanej.",
    # --- the notice of a case not settled on time (kpa art. 36, 37) ---
    "notice.body": "Na podstawie art. 36 § 1 ustawy z dnia 14 czerwca 1960 r. – Kodeks "
                   "postępowania administracyjnego zawiadamiam {strona_biernik}, że "
                   "postępowanie {sprawa} (znak sprawy: {znak_sprawy}) nie zostanie "
                   "zakończone w przewidzianym terminie, tj. do dnia {termin}",
    # kpa art. 36: a notice given after the deadline speaks of it as past.
    "notice.body_past": "Na podstawie art. 36 § 1 ustawy z dnia 14 czerwca 1960 r. – Kodeks "
                        "postępowania administracyjnego zawiadamiam {strona_biernik}, że "
                        "postępowanie {sprawa} (znak sprawy: {znak_sprawy}) nie zostało "
                        "zakończone w przewidzianym terminie, który upłynął w dniu {termin}",
    "notice.new_deadline": "Nowy termin załatwienia sprawy wyznaczam na dzień {nowy_termin}",
    "notice.ponaglenie": (
        f"Zgodnie z art. 37 § 1 {_KPA} stronie służy prawo do wniesienia ponaglenia, jeżeli "
        "nie załatwiono sprawy w terminie określonym w art. 35 lub w przepisach szczególnych "
        "ani w terminie wskazanym zgodnie z art. 36 § 1 (bezczynność) albo postępowanie jest "
        "prowadzone dłużej, niż jest to niezbędne do załatwienia sprawy (przewlekłość). "
        "Ponaglenie wnosi się do {kolegium_dopelniacz} za pośrednictwem {za_posrednictwem} "
        f"(art. 37 § 3 pkt 1 {_KPA}). Ponaglenie zawiera uzasadnienie (art. 37 § 2)."),
    # --- the centre's letters to other institutions (pismo przewodnie) ---
    "letter.interview": "{w_odpowiedzi} przekazuję rodzinny wywiad środowiskowy "
                        "przeprowadzony w dniu {data_wywiadu} r. Osoba, której dotyczy wywiad: "
                        "{osoba}.\n\nUstalenia:\n{ustalenia}",
    "letter.dps": "Przekazuję dokumenty w sprawie skierowania do domu pomocy społecznej ({dom}) "
                  "osoby: {osoba}.{umieszczenie}\n\nOdpłatność za pobyt ustalono zgodnie z "
                  "art. 61 ustawy o pomocy społecznej: mieszkaniec wnosi opłatę nie wyższą niż "
                  "70% swojego dochodu, pozostałą część kosztu pokrywają zobowiązani członkowie "
                  "rodziny, a dalej gmina (zestawienie poniżej).\n\n{ustalenia}",
    "letter.guardian": "{w_odpowiedzi} w sprawie wskazania kandydata na opiekuna "
                       "{opieka_nad}: {osoba} — wskazuję:\n\n{ustalenia}",
    "letter.actual_care": "{w_odpowiedzi} potwierdzam, na podstawie ustaleń pracownika "
                          "socjalnego, sprawowanie opieki faktycznej nad osobą uprawnioną do "
                          "renty socjalnej: {osoba}.\n\n{ustalenia}",
    "letter.preparatory": "Przekazuję ustalenia postępowania przygotowawczego w sprawie prawa "
                          "do świadczenia: {swiadczenie}. Osoba, której dotyczy postępowanie: "
                          "{osoba}. Sprawa wymaga rozpatrzenia przez organ właściwy."
                          "\n\n{ustalenia}",
    # --- the kontrakt socjalny (art. 108 ups; the model of its regulation) ---
    "contract.consequences": (
        "Osoba (rodzina) zawierająca kontrakt została poinformowana, że odmowa zawarcia "
        "kontraktu socjalnego, niedotrzymanie jego postanowień lub nieuzasadniona odmowa "
        "współpracy z pracownikiem socjalnym mogą stanowić podstawę do odmowy przyznania "
        "świadczenia, uchylenia decyzji o przyznaniu świadczenia lub wstrzymania świadczeń "
        f"pieniężnych z pomocy społecznej (art. 11 ust. 2 {_UPS})."),
    # --- the workers' informations and opinions (evidence, kpa art. 75 § 1) ---
    "message.evidence": "Dokument stanowi dowód w postępowaniu administracyjnym (art. 75 § 1 "
                        f"{_KPA}) i zostaje włączony do akt sprawy.",
    "message.automatic": "Informacja sporządzona automatycznie przez program na podstawie "
                         "danych zapisanych w aktach; nie wymaga podpisu.",
}

# The program's POUCZENIE of a decision, in print order.
INSTRUCTION_KEYS = ("decision.appeal", "decision.waiver", "decision.art109", "decision.extra")

FIELD_RE = re.compile(r"\{([^{}]*)\}")


def office_values(office: OfficeView) -> dict[str, str]:
    """What each of the office's fields prints on a document of the identity's date."""
    return {"organ": office.mayor_title, "organ_dopelniacz": office.mayor_genitive,
            "jednostka": office.name, "jednostka_dopelniacz": L.office_genitive(office),
            "kolegium": office.sko_name, "kolegium_dopelniacz": L.sko_genitive(office),
            "za_posrednictwem": L.appeal_via(office), "miejscowosc": office.town}


def _tidy(text: str) -> str:
    """An empty field leaves no double space, no space before a comma or full stop and no
    doubled comma."""
    return re.sub(r",{2,}", ",", re.sub(r" +([,.;:])", r"\1", re.sub(r" {2,}", " ", text)))


def fill(text: str, values: Mapping[str, str]) -> str:
    return _tidy(FIELD_RE.sub(lambda m: values.get(m.group(1), m.group(0)), text))


def text(texts: Mapping[str, str], key: str, office: OfficeView | None = None, /,
         **values: str) -> str:
    """The text of ``key`` in force (``texts``) or the program's, filled."""
    known = office_values(office) if office is not None else {}
    return fill(texts.get(key, DEFAULTS[key]), known | values)


def markup_text(texts: Mapping[str, str], key: str, office: OfficeView, /, *,
                bold: Collection[str] = (), **values: str) -> str:
    """As ``text``, escaped for a Paragraph, with the ``bold`` fields in bold."""
    known = office_values(office) | values
    parts = FIELD_RE.split(texts.get(key, DEFAULTS[key]))
    out = []
    for i, part in enumerate(parts):
        if i % 2 == 0:
            out.append(escape(part).replace("\n", "<br/>"))
        elif part in known:
            value = escape(known[part])
            out.append(f"<b>{value}</b>" if part in bold else value)
        else:
            out.append(escape(f"{{{part}}}"))
    return _tidy("".join(out)).strip()
