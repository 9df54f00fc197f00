"""The copy of personal data processed about a person (art. 15 RODO)."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from opsdesk.formatting import format_date
from opsdesk.reports import layout as L
from opsdesk.reports.views import DossierView

TITLE = "Informacja o przetwarzanych danych osobowych (art. 15 RODO)"


def art15_information(view: DossierView) -> list[str]:
    """What art. 15 ust. 1 lit. a–h RODO requires beside the copy of the data."""
    office = view.office
    return [
        "Cele przetwarzania (lit. a): realizacja zadań ośrodka pomocy społecznej — "
        "prowadzenie postępowań w sprawie świadczeń, praca socjalna, wypłata świadczeń, "
        "sprawozdawczość — na podstawie art. 6 ust. 1 lit. c i e oraz art. 9 ust. 2 lit. b, g "
        "i h RODO w związku z ustawą z dnia 12 marca 2004 r. o pomocy społecznej.",
        "Kategorie danych (lit. b): dane identyfikacyjne i adresowe, dane o rodzinie i "
        "gospodarstwie domowym, o dochodach i sytuacji majątkowej, o stanie zdrowia i "
        "niepełnosprawności, o przyznanych świadczeniach — w zakresie przedstawionym powyżej.",
        "Odbiorcy (lit. c): podmioty uprawnione na podstawie przepisów prawa (m.in. "
        "samorządowe kolegium odwoławcze, wojewoda, sądy, Zakład Ubezpieczeń Społecznych, "
        "Narodowy Fundusz Zdrowia, urząd gminy), bank wykonujący przelewy świadczeń oraz "
        "podmioty przetwarzające dane na zlecenie ośrodka (dostawcy usług informatycznych). "
        "Dane nie są przekazywane do państw trzecich ani organizacji międzynarodowych.",
        "Okres przechowywania (lit. d): przez czas prowadzenia sprawy, a następnie przez okres "
        "określony w jednolitym rzeczowym wykazie akt ośrodka, zgodnie z ustawą z dnia 14 "
        "lipca 1983 r. o narodowym zasobie archiwalnym i archiwach.",
        "Prawa osoby, której dane dotyczą (lit. e): prawo żądania sprostowania danych, ich "
        "usunięcia lub ograniczenia przetwarzania oraz prawo wniesienia sprzeciwu — w "
        "granicach określonych w art. 16–18 i 21 RODO; usunięcie danych nie jest możliwe, gdy "
        "ich przetwarzanie jest wymagane przepisami prawa.",
        "Skarga (lit. f): przysługuje prawo wniesienia skargi do Prezesa Urzędu Ochrony "
        "Danych Osobowych (ul. Stawki 2, 00-193 Warszawa).",
        "Źródło danych (lit. g): dane pochodzą od osoby, której dotyczą, od członków jej "
        "rodziny, z rodzinnego wywiadu środowiskowego oraz z rejestrów publicznych i od "
        "instytucji, z których ośrodek pozyskuje je na podstawie art. 105 ust. 4 ustawy o "
        "pomocy społecznej.",
        "Zautomatyzowane podejmowanie decyzji (lit. h): dane nie służą do zautomatyzowanego "
        "podejmowania decyzji ani profilowania; decyzje wydaje upoważniony pracownik.",
        f"Administrator danych: {office.name}, {office.address}"
        + (f", e-mail: {office.email}" if office.email else "") + ".",
    ]


def render_dossier(view: DossierView) -> bytes:
    st = L.styles()
    width = L.frame_width()
    office = view.office
    story: list[Flowable] = L.letterhead(office, town_date=view.generated_on, width=width)
    story += L.title_block("INFORMACJA O PRZETWARZANYCH DANYCH OSOBOWYCH",
                           f"(art. 15 RODO) — dotyczy: <b>{L.markup(view.person_name)}</b>")
    story.append(L.para(
        "Na podstawie art. 15 ust. 1 i 3 rozporządzenia Parlamentu Europejskiego i Rady (UE) "
        "2016/679 z dnia 27 kwietnia 2016 r. (RODO) administrator danych — "
        f"{L.markup(office.name)}, {L.markup(office.address)} — przekazuje kopię danych osobowych "
        "przetwarzanych na temat osoby, której dane dotyczą.", st.body, raw=True))
    for section in view.sections:
        table = L.key_value_table(section.rows or (("—", "brak danych"),), width=width,
                                  key_ratio=0.3)
        story.append(KeepTogether([L.para(section.title, st.section), table]))
    items = L.numbered(art15_information(view), st.body)
    story.append(KeepTogether([L.para("Informacje, o których mowa w art. 15 ust. 1 RODO",
                                      st.section), items[0]]))
    story += items[1:]
    story.append(Spacer(1, 6 * mm))
    story.append(L.para(
        f"Sporządził(a): {L.markup(view.generated_by)}, dnia {format_date(view.generated_on)} r.",
        st.small, raw=True))
    story.extend(L.signature_block(view.generated_by, "", width=width, space_mm=10))
    return L.build_pdf(story, title=f"{TITLE} — {view.person_name}", office=office,
                       footer_left=f"Informacja art. 15 RODO · {view.person_name}")
