"""Every renderer: PDF bytes read back with pypdf, Polish text intact, fonts embedded."""

from __future__ import annotations

import io
import re
import time
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from pypdf import PdfReader

from opsdesk.formatting import amount_in_words, format_money
from opsdesk.reports.certificate import render_certificate
from opsdesk.reports.contract import render_contract
from opsdesk.reports.decision import render_decision
from opsdesk.reports.dossier import render_dossier
from opsdesk.reports.message import render_message
from opsdesk.reports.notice import render_notice
from opsdesk.reports.payout_list import render_payout_list
from opsdesk.reports.receipt import render_receipt
from opsdesk.reports.table_report import render_table_report
from opsdesk.reports.views import (
    CertificateView,
    ContractView,
    DecisionView,
    DossierSection,
    DossierView,
    MessageView,
    NoticeView,
    OfficeView,
    PayoutListView,
    PayoutRow,
    ReceiptView,
    TableReportView,
)

# ----------------------------------------------------------- sample data (synthetic people)

OFFICE = OfficeView(
    name="Gminny Ośrodek Pomocy Społecznej w Zbąszynku",
    address="ul. Rynek 1, 66-210 Zbąszynek",
    phone="68 384 00 00",
    town="Zbąszynek",
    gmina="Zbąszynek",
    mayor_title="Burmistrz Zbąszynka",
    mayor_genitive="Burmistrza Zbąszynka",
    head_name="Małgorzata Wiśniewska-Żółtek",
    head_position="Kierownik Gminnego Ośrodka Pomocy Społecznej",
    sko_name="Samorządowe Kolegium Odwoławcze w Zielonej Górze",
)

PARTY = "Łucja Źdźbło-Gąsiorowska"
PARTY_ADDRESS = "ul. Świerczewskiego 12 m. 4, 66-210 Zbąszynek"


def certificate_view() -> CertificateView:
    return CertificateView(
        office=OFFICE,
        number="GOPS.5130.7.2026",
        issued_on=date(2026, 11, 23),
        person_name="Bożena Ćwikła-Ślęzak",
        pesel="58030512345",
        address="ul. Żeromskiego 7, 66-210 Zbąszynek",
        purpose="przedłożenia w Spółdzielni Mieszkaniowej „Zgoda” w Zbąszynku",
        content=(
            "korzysta ze świadczeń pomocy społecznej udzielanych przez Gminny Ośrodek Pomocy "
            "Społecznej w Zbąszynku w formie zasiłku stałego w wysokości 719,00 zł miesięcznie, "
            "przyznanego na okres od 01.01.2026 r. na czas nieokreślony."
        ),
        issued_by_name="Małgorzata Wiśniewska-Żółtek",
        issued_by_position="Kierownik Gminnego Ośrodka Pomocy Społecznej",
    )


def decision_view(**changes: object) -> DecisionView:
    view = DecisionView(
        office=OFFICE,
        number="GOPS.8311.DEC.142.2026",
        case_sign="GOPS.8311.57.2026",
        issued_on=date(2026, 11, 23),
        title="DECYZJA",
        party_name=PARTY,
        party_address=PARTY_ADDRESS,
        party_pesel="85071512348",
        legal_basis=(
            "art. 7 pkt 1 i 5, art. 8, art. 38, art. 106 ust. 1 i art. 110 ust. 7 ustawy z dnia 12 "
            "marca 2004 r. o pomocy społecznej oraz art. 104 ustawy z dnia 14 czerwca 1960 r. – "
            "Kodeks postępowania administracyjnego, po rozpatrzeniu wniosku Pani Łucji "
            "Źdźbło-Gąsiorowskiej z dnia 3 listopada 2026 r."
        ),
        ruling=(
            "Przyznaję Pani Łucji Źdźbło-Gąsiorowskiej zasiłek okresowy w wysokości 411,50 zł "
            "(słownie: czterysta jedenaście złotych 50/100) miesięcznie na okres od 01.11.2026 r. "
            "do 31.01.2027 r.",
            "Zasiłek będzie wypłacany przelewem na rachunek bankowy wskazany przez stronę do dnia "
            "10 każdego miesiąca.",
        ),
        justification=(
            "W dniu 3 listopada 2026 r. Pani Łucja Źdźbło-Gąsiorowska złożyła wniosek o przyznanie "
            "zasiłku okresowego z powodu bezrobocia.\n\n"
            "Z rodzinnego wywiadu środowiskowego przeprowadzonego w dniu 5 listopada 2026 r. "
            "wynika, że strona prowadzi jednoosobowe gospodarstwo domowe, a jej dochód w "
            "październiku 2026 r. wyniósł 187,00 zł. Kryterium dochodowe osoby samotnie "
            "gospodarującej wynosi 1010,00 zł; różnica wynosi 823,00 zł, a zasiłek przyznano w "
            "wysokości 50 % tej różnicy."
        ),
        granted_in_full=False,
        immediate_enforcement_reason="",
        signatory_name="Małgorzata Wiśniewska-Żółtek",
        signatory_position="Kierownik Gminnego Ośrodka Pomocy Społecznej",
        on_behalf=True,
        recipients=("Adresat", "a/a"),
    )
    return replace(view, **changes)


def receipt_view(amount: Decimal = Decimal("1234.56")) -> ReceiptView:
    return ReceiptView(
        office=OFFICE,
        number="KW/318/2026",
        place="Zbąszynek",
        issued_on=date(2026, 11, 25),
        recipient_name="Grzegorz Brzęczyszczykiewicz",
        recipient_address="Łęgowo 14, 66-210 Zbąszynek",
        recipient_pesel="72120387654",
        benefit_label="zasiłek celowy na zakup opału",
        period_text="listopad 2026 r.",
        decision_number="GOPS.8311.DEC.139.2026",
        decision_date=date(2026, 11, 18),
        amount=amount,
        drawn_up_by="Agnieszka Żak",
        approved_by="Małgorzata Wiśniewska-Żółtek",
    )


_FIRST = ["Łucja", "Żaneta", "Świętosław", "Bożena", "Ździsław", "Ągata", "Jędrzej", "Małgorzata",
          "Ćwirek"]
_LAST = ["Gąsiorowska", "Żółkiewska", "Ślęzak", "Wójcik-Dąbrowska", "Kołłątaj", "Jóźwiak", "Pęczek"]


def payout_view(n: int = 1000, method: str = "TRANSFER") -> PayoutListView:
    rows = tuple(
        PayoutRow(
            lp=i,
            name=f"{_FIRST[i % len(_FIRST)]} {_LAST[i % len(_LAST)]}",
            address=f"ul. Łąkowa {i % 97 + 1}" + (" m. 3" if i % 4 == 0 else "") + ", 66-210 "
                                                                                   "Zbąszynek",
            pesel=f"{80010100000 + i * 37:011d}",
            decision_number=f"GOPS.8311.DEC.{i}.2026",
            decision_date=date(2026, 10, 1 + i % 28),
            benefit_label="zasiłek okresowy" if i % 3 else "zasiłek stały",
            period_text="listopad 2026 r.",
            amount=Decimal(100 + (i * 137) % 900) + Decimal(i % 100) / 100,
            account_number=f"{i:02d}1020542100000{i:011d}"[-26:] if method == "TRANSFER" else "",
        )
        for i in range(1, n + 1)
    )
    return PayoutListView(
        office=OFFICE,
        number="LW/11/2026",
        payout_date=date(2026, 11, 28),
        method=method,
        title="Lista wypłat zasiłków okresowych i stałych za listopad 2026 r.",
        rows=rows,
        drawn_up_by="Agnieszka Żak",
        checked_by="Józef Pękała",
        approved_by="Małgorzata Wiśniewska-Żółtek",
    )


def notice_view() -> NoticeView:
    return NoticeView(
        office=OFFICE,
        number="GOPS.8311.ZAW.4.2026",
        case_sign="GOPS.8311.61.2026",
        issued_on=date(2026, 12, 2),
        party_name="Jędrzej Kołłątaj",
        party_address="ul. Kościuszki 3, 66-210 Zbąszynek",
        subject="przyznania specjalnego zasiłku celowego",
        original_deadline=date(2026, 12, 4),
        new_deadline=date(2026, 12, 18),
        reason="Oczekiwanie na zaświadczenie Powiatowego Urzędu Pracy w Świebodzinie o statusie "
               "strony, niezbędne do ustalenia dochodu rodziny.",
        signatory_name="Małgorzata Wiśniewska-Żółtek",
        signatory_position="Kierownik Gminnego Ośrodka Pomocy Społecznej",
    )


def message_view() -> MessageView:
    return MessageView(
        office=OFFICE,
        kind_label="Opinia pracownika socjalnego",
        number="GOPS.OPS.12.2026",
        written_on=date(2026, 11, 20),
        author_name="Żaneta Ślusarczyk",
        author_position="starszy pracownik socjalny",
        addressee="Pani Agnieszka Żak, inspektor ds. świadczeń",
        client_name=PARTY,
        client_address=PARTY_ADDRESS,
        case_sign="GOPS.8311.57.2026",
        body="Strona realizuje postanowienia kontraktu socjalnego nr KS/9/2026: zarejestrowała się "
             "w Powiatowym Urzędzie Pracy w Świebodzinie i uczestniczy w kursie obsługi wózków "
             "widłowych.\n\nOpiniuję pozytywnie przyznanie zasiłku celowego na podstawie art. 39a "
             "ustawy o pomocy społecznej na pokrycie kosztów dojazdu na kurs.",
        cited_in_decision="decyzja nr GOPS.8311.DEC.142.2026 z dnia 23.11.2026 r.",
    )


def contract_view() -> ContractView:
    return ContractView(
        office=OFFICE,
        number="KS/9/2026",
        concluded_on=date(2026, 10, 15),
        client_name=PARTY,
        client_address=PARTY_ADDRESS,
        worker_name="Żaneta Ślusarczyk",
        worker_position="starszy pracownik socjalny",
        period_from=date(2026, 10, 15),
        period_to=date(2027, 1, 31),
        goals=("Podjęcie zatrudnienia.", "Uregulowanie zaległości czynszowych wobec spółdzielni."),
        client_commitments=(
            "Zarejestrowanie się w Powiatowym Urzędzie Pracy w Świebodzinie do dnia 22.10.2026 r.",
            "Udział w kursie zawodowym i przedstawienie zaświadczenia o jego ukończeniu.",
            "Zawarcie ze spółdzielnią porozumienia w sprawie spłaty zadłużenia w ratach.",
        ),
        worker_commitments=(
            "Pomoc w przygotowaniu dokumentów aplikacyjnych (CV, list motywacyjny).",
            "Rozważenie przyznania zasiłku celowego na dojazdy na kurs (art. 39a ustawy o pomocy "
            "społecznej).",
        ),
        review_dates=(date(2026, 11, 16), date(2026, 12, 15), date(2027, 1, 29)),
        evaluation="Strona zarejestrowała się w urzędzie pracy w terminie i rozpoczęła kurs.",
        outcome="kontrakt realizowany",
    )


def dossier_view() -> DossierView:
    return DossierView(
        office=OFFICE,
        person_name=PARTY,
        generated_on=date(2026, 12, 1),
        generated_by="Agnieszka Żak",
        sections=(
            DossierSection("Dane identyfikacyjne", (
                ("Imię i nazwisko", PARTY), ("PESEL", "85071512348"), ("Adres", PARTY_ADDRESS),
            )),
            DossierSection("Sprawy", (
                ("GOPS.8311.57.2026", "zasiłek okresowy — decyzja przyznająca z dnia 23.11.2026 "
                                      "r."),
            )),
            DossierSection("Wywiady środowiskowe", (
                ("05.11.2026", "wywiad — część I, pracownik socjalny Ż. Ślusarczyk"),
            )),
        ),
    )


def table_view() -> TableReportView:
    return TableReportView(
        office=OFFICE,
        title="Świadczenia przyznane decyzją — I półrocze 2026 r.",
        subtitle="Zestawienie pomocnicze do sprawozdania MRPiPS-03",
        columns=("Forma pomocy", "Liczba osób", "Liczba świadczeń", "Kwota "
                                                                    "świadczeń", "Liczba rodzin",
                 "Liczba osób w rodzinach"),
        rows=(
            ("Zasiłek stały", "14", "82", "58 432,00\u00a0zł", "14", "19"),
            ("Zasiłek okresowy", "23", "97", "41 306,50\u00a0zł", "21", "58"),
            ("Zasiłek celowy i w naturze — ogółem", "61", "118", "37 990,00\u00a0zł", "55", "143"),
            ("Specjalny zasiłek celowy", "7", "9", "4 120,00\u00a0zł", "7", "22"),
        ),
        generated_on=date(2026, 7, 10),
        generated_by="Agnieszka Żak",
    )


# ------------------------------------------------------------------------- helpers


def pdf_text(data: bytes) -> str:
    """All the text of a PDF, whitespace (including no-break spaces) normalised."""
    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    return re.sub(r"[ \u00a0\t]+", " ", text)


def flat(data: bytes) -> str:
    """The text with line breaks folded into spaces, for phrases that may wrap."""
    return re.sub(r"\s+", " ", pdf_text(data))


def font_names(data: bytes) -> set[str]:
    reader = PdfReader(io.BytesIO(data))
    names: set[str] = set()
    for page in reader.pages:
        fonts = page["/Resources"].get("/Font", {})
        for ref in fonts.values():
            names.add(str(ref.get_object()["/BaseFont"]))
    return names


def assert_pdf_basics(data: bytes, title_fragment: str) -> None:
    assert data.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(data))
    assert title_fragment in (reader.metadata.title or "")
    names = font_names(data)
    assert names and all("LiberationSans" in n for n in names), names
    # Embedded (a font file is present), not merely referenced.
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            descriptor = descriptor.get_object()
            assert any(k in descriptor for k in ("/FontFile2", "/FontFile", "/FontFile3"))


def money(amount: Decimal) -> str:
    return format_money(amount).replace("\u00a0", " ")


# --------------------------------------------------------------------------- tests


def test_certificate_keeps_polish_letters() -> None:
    data = render_certificate(certificate_view())
    assert_pdf_basics(data, "Zaświadczenie nr GOPS.5130.7.2026")
    text = flat(data)
    assert "ZAŚWIADCZENIE" in text
    assert "Bożena Ćwikła-Ślęzak" in text
    for word in ("Gminny Ośrodek Pomocy Społecznej w Zbąszynku", "ul. Żeromskiego 7", "719,00 zł",
                 "Cel wydania zaświadczenia: przedłożenia w Spółdzielni Mieszkaniowej „Zgoda” w "
                 "Zbąszynku."):
        assert word in text
    assert "Zbąszynek, dnia 23.11.2026 r." in text


def test_certificate_renders_every_polish_letter() -> None:
    data = render_certificate(replace(certificate_view(), person_name="Ąćęłńóśźż ĄĆĘŁŃÓŚŹŻ"))
    assert "Ąćęłńóśźż ĄĆĘŁŃÓŚŹŻ" in pdf_text(data)


def test_decision_has_every_element_of_kpa_107() -> None:
    data = render_decision(decision_view())
    assert_pdf_basics(data, "DECYZJA nr GOPS.8311.DEC.142.2026")
    text = flat(data)
    # organ and date
    assert "Gminny Ośrodek Pomocy Społecznej w Zbąszynku" in text
    assert "Zbąszynek, dnia 23.11.2026 r." in text
    assert "Znak sprawy: GOPS.8311.57.2026" in text
    # party
    assert PARTY in text and "ul. Świerczewskiego 12 m. 4" in text
    assert f"Strona: {PARTY}, PESEL 85071512348, zam. {PARTY_ADDRESS}" in text
    # legal basis and ruling
    assert "Na podstawie art. 7 pkt 1 i 5" in text
    assert "orzekam:" in text
    assert "411,50 zł (słownie: czterysta jedenaście złotych 50/100)" in text
    assert "1. Przyznaję" in text and "2. Zasiłek będzie wypłacany" in text
    # justification
    assert "UZASADNIENIE" in text and "rodzinnego wywiadu środowiskowego" in text
    # appeal instruction
    assert "POUCZENIE" in text
    assert "odwołanie do Samorządowego Kolegium Odwoławczego w Zielonej Górze" in text
    assert "za pośrednictwem Kierownika Gminnego Ośrodka Pomocy Społecznej w Zbąszynku" in text
    assert "14 dni od dnia jej doręczenia" in text
    # waiver (art. 127a kpa) and its effect
    assert "zrzec się prawa do wniesienia odwołania" in text
    assert "decyzja staje się ostateczna i prawomocna" in text
    # art. 109 ups
    assert "art. 109 ustawy z dnia 12 marca 2004 r. o pomocy społecznej" in text
    assert "o każdej zmianie w ich sytuacji osobistej, dochodowej i majątkowej" in text
    # signature and distribution
    assert "z upoważnienia Burmistrza Zbąszynka" in text
    assert "Małgorzata Wiśniewska-Żółtek" in text
    assert "Kierownik Gminnego Ośrodka Pomocy Społecznej" in text
    assert "Otrzymują:" in text and "1. Adresat" in text and "2. a/a" in text
    # no rygor unless given
    assert "rygor natychmiastowej wykonalności" not in text


def test_decision_granted_in_full_may_skip_justification() -> None:
    data = render_decision(decision_view(granted_in_full=True, justification=""))
    text = flat(data)
    assert "UZASADNIENIE" not in text
    assert "POUCZENIE" in text
    assert "art. 130 § 4" in text


def test_decision_refusal_always_has_justification_heading() -> None:
    text = flat(render_decision(decision_view(granted_in_full=False, justification="")))
    assert "UZASADNIENIE" in text


def test_decision_with_immediate_enforcement() -> None:
    reason = "Strona pozostaje bez środków na zakup żywności i leków."
    data = render_decision(decision_view(granted_in_full=True, justification="",
                                         immediate_enforcement_reason=reason))
    text = flat(data)
    assert "rygor natychmiastowej wykonalności" in text and "art. 108 § 1" in text
    assert "UZASADNIENIE" in text and reason in text


def test_decision_signed_by_the_organ_itself() -> None:
    text = flat(render_decision(decision_view(on_behalf=False, signatory_name="Jan Żółć",
                                              signatory_position="Burmistrz Zbąszynka")))
    assert "z upoważnienia" not in text
    assert "Jan Żółć" in text


def test_receipt_two_copies_on_one_page() -> None:
    view = receipt_view()
    data = render_receipt(view)
    assert_pdf_basics(data, "Kasa wypłaci nr KW/318/2026")
    assert len(PdfReader(io.BytesIO(data)).pages) == 1
    text = flat(data)
    assert text.count("KASA WYPŁACI") == 2
    assert "Oryginał" in text and "Kopia" in text
    assert text.count("1 234,56 zł") == 2
    assert text.count("jeden tysiąc dwieście trzydzieści cztery złote 56/100") == 2
    for fragment in ("Grzegorz Brzęczyszczykiewicz", "Łęgowo 14", "72120387654",
                     "zasiłek celowy na zakup opału", "listopad 2026 r.",
                     "decyzja nr GOPS.8311.DEC.139.2026 z dnia 18.11.2026 r.",
                     "Zbąszynek, dnia 25.11.2026 r.", "sporządził", "zatwierdził", "kasjer",
                     "Otrzymałem(am)", "Agnieszka Żak", "seria i nr"):
        assert fragment in text, fragment


@pytest.mark.parametrize("method", ["TRANSFER", "CASH"])
def test_payout_list_of_1000_rows(method: str) -> None:
    view = payout_view(1000, method)
    started = time.perf_counter()
    data = render_payout_list(view)
    elapsed = time.perf_counter() - started
    assert_pdf_basics(data, "Lista wypłat nr LW/11/2026")
    reader = PdfReader(io.BytesIO(data))
    pages = len(reader.pages)
    assert pages > 1
    text = flat(data)
    total = sum((r.amount for r in view.rows), Decimal("0"))
    assert f"Ogółem do wypłaty: {money(total)}" in text
    assert amount_in_words(total) in text
    # the running total on the last page equals the sum too
    assert f"Narastająco: {money(total)}" in text
    # every row is there, header repeated on every page, pages numbered
    assert "1000." in text and "Wójcik-Dąbrowska" in text
    assert text.count("Imię i nazwisko") == pages
    assert f"strona {pages} z {pages}" in text
    if method == "CASH":
        assert "Podpis odbierającego" in text and "Data odbioru" in text and "kasjer" in text
        assert "Nr rachunku" not in text
    else:
        assert "Nr rachunku" in text and "Podpis odbierającego" not in text
        assert "kasjer" not in text
    # a generous bound for a loaded CI machine; the budget on a workstation is about 1 s
    assert elapsed < 4.0, f"{elapsed:.2f} s"


def test_payout_list_page_sums_add_up() -> None:
    view = payout_view(120, "CASH")
    text = flat(render_payout_list(view))
    page_sums = re.findall(r"Suma na stronie: ([\d ]+,\d\d) zł", text)
    assert len(page_sums) > 1
    as_decimal = [Decimal(s.replace(" ", "").replace(",", ".")) for s in page_sums]
    assert sum(as_decimal) == sum(r.amount for r in view.rows)


def test_payout_list_single_row_and_empty() -> None:
    one = payout_view(1, "CASH")
    text = flat(render_payout_list(one))
    assert "Lista obejmuje 1 pozycję." in text
    assert "Lista obejmuje 22 pozycje." in flat(render_payout_list(payout_view(22, "CASH")))
    empty = replace(one, rows=())
    text = flat(render_payout_list(empty))
    assert "Ogółem do wypłaty: 0,00 zł" in text and "Lista obejmuje 0 pozycji." in text


def test_payout_list_rejects_unknown_method() -> None:
    with pytest.raises(ValueError):
        render_payout_list(replace(payout_view(2), method="CHEQUE"))


def test_notice_art_36() -> None:
    data = render_notice(notice_view())
    assert_pdf_basics(data, "Zawiadomienie nr GOPS.8311.ZAW.4.2026")
    text = flat(data)
    for fragment in ("ZAWIADOMIENIE", "o niezałatwieniu sprawy w terminie", "art. 36 § 1",
                     "Jędrzej Kołłątaj", "04.12.2026", "18.12.2026", "Powiatowego Urzędu Pracy w "
                                                                     "Świebodzinie",
                     "ponaglenia", "art. 37", "do Samorządowego Kolegium Odwoławczego w Zielonej "
                                              "Górze",
                     "z upoważnienia Burmistrza Zbąszynka"):
        assert fragment in text, fragment


def test_message_is_signed_evidence() -> None:
    data = render_message(message_view())
    assert_pdf_basics(data, "Opinia pracownika socjalnego nr GOPS.OPS.12.2026")
    text = flat(data)
    assert len(PdfReader(io.BytesIO(data)).pages) == 1
    for fragment in ("OPINIA PRACOWNIKA SOCJALNEGO", "Żaneta "
                                                     "Ślusarczyk", "starszy pracownik socjalny",
                     "Pani Agnieszka Żak", PARTY, "GOPS.8311.57.2026", "art. 39a", "art. 75 § 1",
                     "decyzja nr GOPS.8311.DEC.142.2026 z dnia 23.11.2026 r."):
        assert fragment in text, fragment


def test_contract_has_both_signatures() -> None:
    data = render_contract(contract_view())
    assert_pdf_basics(data, "Kontrakt socjalny nr KS/9/2026")
    text = flat(data)
    for fragment in ("KONTRAKT SOCJALNY nr KS/9/2026", "art. 108", "Podjęcie zatrudnienia.",
                     "Zarejestrowanie się w Powiatowym Urzędzie Pracy", "Pomoc w przygotowaniu "
                                                                        "dokumentów",
                     "16.11.2026 r., 15.12.2026 r., 29.01.2027 r.", "podpis osoby zawierającej "
                                                                    "kontrakt",
                     "podpis pracownika socjalnego", "art. 11 ust. 2", "kontrakt realizowany"):
        assert fragment in text, fragment


def test_dossier_art_15() -> None:
    data = render_dossier(dossier_view())
    assert_pdf_basics(data, "Informacja o przetwarzanych danych osobowych (art. 15 RODO)")
    text = flat(data)
    for fragment in ("INFORMACJA O PRZETWARZANYCH DANYCH OSOBOWYCH", "art. 15 RODO", PARTY,
                     "Dane identyfikacyjne", "Wywiady środowiskowe", "85071512348", "Agnieszka "
                                                                                    "Żak"):
        assert fragment in text, fragment


def test_table_report() -> None:
    data = render_table_report(table_view())
    assert_pdf_basics(data, "Świadczenia przyznane decyzją")
    text = flat(data)
    for fragment in ("Forma pomocy", "Liczba osób w rodzinach", "Zasiłek celowy i w naturze — "
                                                                "ogółem",
                     "58 432,00 zł", "MRPiPS-03", "Agnieszka Żak"):
        assert fragment in text, fragment
    empty = render_table_report(replace(table_view(), rows=()))
    assert "Brak danych do wyświetlenia." in flat(empty)


def test_renderers_are_deterministic_in_content() -> None:
    first = flat(render_certificate(certificate_view()))
    second = flat(render_certificate(certificate_view()))
    assert first == second


def test_user_text_is_escaped() -> None:
    view = replace(certificate_view(), content="dochód < 500 zł & brak <b>zaległości</b>")
    assert "dochód < 500 zł & brak <b>zaległości</b>" in flat(render_certificate(view))


def test_paginate_keeps_the_closing_block_with_rows() -> None:
    from opsdesk.reports.payout_list import paginate

    assert paginate([], first=100, later=100, tail=10) == [range(0, 0)]
    assert paginate([10] * 5, first=100, later=100, tail=10) == [range(0, 5)]
    assert paginate([10] * 25, first=100, later=100, tail=10) == [range(0, 10), range(10, 20),
                                                                  range(20, 25)]
    # the last page is full: two rows move to a new page with the totals and signatures
    assert paginate([10] * 20, first=100, later=100, tail=30) == [range(0, 10), range(10, 18),
                                                                  range(18, 20)]
    # a row taller than the page still gets a page of its own instead of looping forever
    assert paginate([500, 10], first=100, later=100, tail=0) == [range(0, 1), range(1, 2)]
