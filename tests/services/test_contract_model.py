"""Kontrakt socjalny after the regulation's model (issue 16 item 7): the situation, the
actions with who and by when, annexes numbered per contract, the PDF in the model's order."""

import io
from datetime import date

import pytest
from pypdf import PdfReader

from opsdesk.errors import PermissionDenied, ValidationError
from opsdesk.models.enums import ContractStatus
from opsdesk.services import messages, socialwork
from opsdesk.services.socialwork import AnnexForm
from tests.factories import KASIA, MONDAY, application, conclude, contract_form, person, refer


@pytest.fixture
def met(db, staff):
    """A referred client accepted by the social worker and met on the referral's day."""
    case_id = application(db, staff, person(db, staff, KASIA), filed_on=MONDAY)
    message_id = refer(db, staff, case_id)
    sw_id = db.read(lambda s: messages.referral_case_of(s, message_id))
    db.write(lambda s: socialwork.accept(s, sw_id, actor=staff.social))
    db.write(lambda s: socialwork.record_first_meeting(s, sw_id, actor=staff.social,
                                                       met_on=MONDAY, today=MONDAY))
    return sw_id


def refused(db, staff, sw_id, **changes) -> str:
    with pytest.raises(ValidationError) as exc:
        conclude(db, staff, contract_form(sw_id, **changes))
    return exc.value.message


def contract_of(db, staff, sw_id):
    return db.read(lambda s: socialwork.detail(s, sw_id, actor=staff.social)).contracts[0]


def test_the_situation_is_required(db, staff, met):
    assert refused(db, staff, met, situation="  ") == \
        "Pole „Ocena sytuacji osoby (rodziny)” jest wymagane."


def test_actions_are_parsed_with_who_and_by_when(db, staff, met):
    conclude(db, staff, contract_form(met))
    contract = contract_of(db, staff, met)
    assert [(s.what, s.who, s.due_on) for s in contract.steps] == [
        ("Rejestracja w PUP", "klientka", date(2026, 11, 30)),
        ("Przygotowanie CV", "pracownik socjalny", date(2026, 12, 15)),
        ("Kurs zawodowy", "Powiatowy Urząd Pracy w Zbąszynku", date(2027, 2, 26))]
    assert contract.situation.startswith("Klientka bez pracy")


@pytest.mark.parametrize("actions, message", [
    ("", "Pole „Działania” jest wymagane."),
    ("Rejestracja w PUP; klientka; 30.11.2026\nKurs zawodowy; 26.02.2027",
     "Działanie w wierszu 2 („Kurs zawodowy; 26.02.2027”): wpisz trzy części oddzielone "
     "średnikami — działanie; kto odpowiada; termin dd.mm.rrrr."),
    ("Rejestracja w PUP; ; 30.11.2026",
     "Działanie w wierszu 1 („Rejestracja w PUP; ; 30.11.2026”): wpisz trzy części oddzielone "
     "średnikami — działanie; kto odpowiada; termin dd.mm.rrrr."),
    ("Rejestracja w PUP; klientka; 31.11.2026",
     "Działanie w wierszu 1 („Rejestracja w PUP; klientka; 31.11.2026”): Nie ma takiej daty: "
     "„31.11.2026”."),
    ("Rejestracja w PUP; klientka; jutro",
     "Działanie w wierszu 1 („Rejestracja w PUP; klientka; jutro”): Nieprawidłowa data "
     "„jutro”: podaj datę w formacie dd.mm.rrrr."),
    ("\n\nKurs; klientka; 31.03.2027",
     "Działanie w wierszu 3 („Kurs; klientka; 31.03.2027”): termin 31.03.2027 r. wypada poza "
     "okresem obowiązywania kontraktu (23.11.2026 r. – 28.02.2027 r.)."),
    ("Kurs; klientka; 20.11.2026",
     "Działanie w wierszu 1 („Kurs; klientka; 20.11.2026”): termin 20.11.2026 r. wypada poza "
     "okresem obowiązywania kontraktu (23.11.2026 r. – 28.02.2027 r.)."),
])
def test_a_bad_action_line_is_named_in_polish(db, staff, met, actions, message):
    assert refused(db, staff, met, actions=actions) == message


def test_only_social_work_concludes_and_annexes(db, staff, met):
    with pytest.raises(PermissionDenied):
        db.write(lambda s: socialwork.conclude_contract(s, contract_form(met),
                                                        actor=staff.benefits, today=MONDAY))
    contract_id = conclude(db, staff, contract_form(met))
    with pytest.raises(PermissionDenied):
        db.write(lambda s: socialwork.annex_contract(
            s, AnnexForm(contract_id, "Zmiana."), actor=staff.benefits, today=MONDAY))


def annex(db, staff, contract_id, today=date(2026, 12, 10), **kw):
    form = AnnexForm(contract_id=contract_id, **{"changes": "Zmiana terminu kursu.", **kw})
    return db.write(lambda s: socialwork.annex_contract(s, form, actor=staff.social,
                                                        today=today))


def test_annexes_are_numbered_per_contract_and_may_prolong_and_add_actions(db, staff, met):
    contract_id = conclude(db, staff, contract_form(met))
    annex(db, staff, contract_id)
    annex(db, staff, contract_id, changes="Przedłużenie kontraktu o miesiąc.",
          new_period_to=date(2027, 3, 31),
          actions="Staż zawodowy; klientka i PUP w Zbąszynku; 31.03.2027")
    contract = contract_of(db, staff, met)
    assert [(a.number, a.made_on, a.new_period_to, a.old_period_to) for a in contract.annexes] \
        == [(1, date(2026, 12, 10), None, date(2027, 2, 28)),
            (2, date(2026, 12, 10), date(2027, 3, 31), date(2027, 2, 28))]
    assert contract.period_to == date(2027, 3, 31)
    assert (contract.steps[-1].what, contract.steps[-1].annex_number) == ("Staż zawodowy", 2)
    # A second contract's annexes start again from 1.
    db.write(lambda s: socialwork.end_contract(
        s, contract_id, ContractStatus.FULFILLED, "Zrealizowany.", actor=staff.social,
        ended_on=date(2026, 12, 11), today=date(2026, 12, 11)))
    second = conclude(db, staff, contract_form(
        met, period_from=date(2026, 12, 14), concluded_on=date(2026, 12, 11),
        actions="Kurs; klientka; 15.01.2027"), today=date(2026, 12, 11))
    annex(db, staff, second, today=date(2026, 12, 14))
    assert contract_of(db, staff, met).annexes[0].number == 1


@pytest.mark.parametrize("kw, message", [
    ({"changes": ""}, "Pole „Treść zmian (aneksu)” jest wymagane."),
    ({"new_period_to": date(2027, 2, 28)},
     "Nowy termin obowiązywania jest taki sam jak dotychczasowy — zostaw pole puste albo "
     "podaj inny."),
    ({"new_period_to": date(2027, 1, 15)},
     "Kontrakt ma działania lub terminy oceny po 15.01.2027 r. (np. 29.01.2027 r.) — nie można "
     "go skrócić przed nimi."),
    ({"actions": "Staż; klientka; 31.03.2027"},
     "Działanie w wierszu 1 („Staż; klientka; 31.03.2027”): termin 31.03.2027 r. wypada poza "
     "okresem obowiązywania kontraktu (10.12.2026 r. – 28.02.2027 r.)."),
])
def test_bad_annexes_are_refused_in_polish(db, staff, met, kw, message):
    contract_id = conclude(db, staff, contract_form(met))
    with pytest.raises(ValidationError) as exc:
        annex(db, staff, contract_id, **kw)
    assert exc.value.message == message
    assert contract_of(db, staff, met).annexes == ()


def test_an_ended_contract_takes_no_annex(db, staff, met):
    contract_id = conclude(db, staff, contract_form(met))
    db.write(lambda s: socialwork.end_contract(
        s, contract_id, ContractStatus.ENDED, "Wyprowadzka.", actor=staff.social,
        ended_on=date(2026, 12, 1), today=date(2026, 12, 1)))
    with pytest.raises(ValidationError, match="jest już zakończony"):
        annex(db, staff, contract_id)


def pdf_text(db, staff, contract_id) -> str:
    data = db.write(lambda s: socialwork.contract_pdf(s, contract_id, actor=staff.social))
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


def flat(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def test_the_pdf_follows_the_model(db, staff, met):
    contract_id = conclude(db, staff, contract_form(met))
    annex(db, staff, contract_id, changes="Przedłużenie kontraktu o miesiąc.",
          new_period_to=date(2027, 3, 31), actions="Staż zawodowy; klientka; 31.03.2027")
    text = flat(pdf_text(db, staff, contract_id))
    order = ["KONTRAKT SOCJALNY nr KS.1.2026", "Pracownik socjalny",
             "Józef Ćwikła, Pracownik socjalny", "Katarzyna Żółkiewska, zam. ul. Łąkowa 3",
             "według wzoru stanowiącego załącznik do rozporządzenia Ministra Pracy i Polityki "
             "Społecznej z dnia 8 listopada 2010 r. w sprawie wzoru kontraktu socjalnego "
             "(Dz.U. z 2010 r. Nr 218, poz. 1439)",
             "Kontrakt zawarto na okres od 23.11.2026 r. do 31.03.2027 r. (termin zmieniony "
             "aneksem nr 1)",
             "I. Ocena sytuacji osoby (rodziny)", "Klientka bez pracy od 2025 r.",
             "II. Cele kontraktu", "Cel główny: Podjęcie zatrudnienia.",
             "Cele szczegółowe:", "Uregulowanie zaległości czynszowych.",
             "III. Działania, osoby odpowiedzialne i terminy realizacji",
             "Osoba odpowiedzialna", "Termin realizacji",
             "Rejestracja w PUP klientka 30.11.2026 r.",
             "Przygotowanie CV pracownik socjalny 15.12.2026 r.",
             "Staż zawodowy (aneks nr 1) klientka 31.03.2027 r.",
             "IV. Zobowiązania stron", "Osoba (rodzina) zawierająca kontrakt zobowiązuje się do:",
             "Pracownik socjalny (ośrodek) zobowiązuje się do:", "Pomoc w przygotowaniu CV.",
             "V. Ocena realizacji kontraktu", "15.12.2026 r., 29.01.2027 r.",
             "Postanowienia końcowe",
             "odmowy przyznania świadczenia, uchylenia decyzji o przyznaniu świadczenia lub "
             "wstrzymania świadczeń pieniężnych z pomocy społecznej (art. 11 ust. 2 ustawy o "
             "pomocy społecznej)",
             "podpis osoby zawierającej kontrakt", "podpis pracownika socjalnego",
             "ANEKS nr 1", "do kontraktu socjalnego nr KS.1.2026 z dnia 23.11.2026 r.",
             "Przedłużenie kontraktu o miesiąc.", "Kontrakt obowiązuje do dnia 31.03.2027 r.",
             "Pozostałe postanowienia kontraktu pozostają bez zmian."]
    at = 0
    for part in order:
        found = text.find(part, at)
        assert found >= 0, (part, text[at:at + 400])
        at = found + len(part)


def test_the_consequences_are_an_editable_text_with_a_sample(db, staff):
    """The head edits the consequences' wording like the other fixed texts; the preview is
    a contract with her text in its place."""
    from opsdesk.services import template_samples

    wording = ("Niedotrzymanie kontraktu może skutkować odmową przyznania świadczenia albo "
               "wstrzymaniem świadczeń (art. 11 ust. 2 ustawy o pomocy społecznej).")
    data = db.write(lambda s: template_samples.preview_pdf(
        s, "contract.consequences", MONDAY, wording, actor=staff.head))
    text = flat("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages))
    assert "KONTRAKT SOCJALNY nr WZÓR" in text and wording in text


def test_the_rodo_copy_holds_the_contracts_situation_actions_and_annexes(db, staff, met):
    from opsdesk.services import privacy

    contract_id = conclude(db, staff, contract_form(met))
    annex(db, staff, contract_id, changes="Zmiana terminu kursu.")
    pid = db.read(lambda s: socialwork.detail(s, met, actor=staff.social).row.person_id)
    view = db.write(lambda s: privacy.dossier_view(s, pid, actor=staff.head, today=MONDAY))
    rows = dict(row for section in view.sections for row in section.rows)
    held = rows["kontrakt KS.1.2026"]
    assert "ocena sytuacji: Klientka bez pracy od 2025 r." in held
    assert "Przygotowanie CV (pracownik socjalny, do 15.12.2026" in held
    assert "aneks nr 1 z 10.12.2026" in held and "Zmiana terminu kursu." in held
