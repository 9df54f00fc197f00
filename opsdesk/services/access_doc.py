"""The written access matrix (docs/access.md), generated from ROLE_PERMISSIONS so the
document the head reads and the check the services make can never say different things.

    python -m opsdesk.services.access_doc > docs/access.md

A test compares the file with this output; another runs every service operation as every
role and checks the refusal against the same matrix."""

from __future__ import annotations

from dataclasses import dataclass

from opsdesk.labels import label
from opsdesk.models.enums import Role
from opsdesk.services.permissions import (
    ROLE_PERMISSIONS,
    SIGNER_CONDUCTS,
    SIGNING,
    Permission,
)

P = Permission
ROLE_ORDER = (Role.FIRST_CONTACT, Role.BENEFITS, Role.SOCIAL_WORK, Role.HEAD, Role.ADMIN)


@dataclass(frozen=True)
class RecordAccess:
    """A kind of record and the permissions that let a role see it, add one, change one."""

    record: str
    see: frozenset[Permission]
    create: frozenset[Permission] = frozenset()
    change: frozenset[Permission] = frozenset()
    note: str = ""


def _r(record: str, see: set[Permission], create: set[Permission] | None = None,
       change: set[Permission] | None = None, note: str = "") -> RecordAccess:
    return RecordAccess(record, frozenset(see), frozenset(create or ()),
                        frozenset(change or ()), note)


RECORDS: tuple[RecordAccess, ...] = (
    _r("Osoba: dane osobowe", {P.PERSON_READ}, {P.PERSON_WRITE}, {P.PERSON_WRITE},
       "Otwarcie kartoteki zapisuje się w dzienniku (odczyt)."),
    _r("Gospodarstwo domowe", {P.PERSON_READ}, {P.PERSON_WRITE}, {P.PERSON_WRITE}),
    _r("Zgłoszenie (opis sytuacji, skierowanie)", {P.INTAKE_READ}, {P.INTAKE_WRITE},
       {P.INTAKE_WRITE}),
    _r("Wniosek i sprawa (znak, stan, prowadzący)", {P.CASE_READ, P.APPLICATION_REGISTER},
       {P.APPLICATION_REGISTER}, {P.CASE_WORK, P.CASE_ASSIGN},
       "Pierwszy kontakt widzi tylko znak i stan sprawy, by pokierować klienta."),
    _r("Wywiad środowiskowy i dochody", {P.INCOME_READ}, {P.CASE_WORK}, {P.CASE_WORK},
       "Dochody widzą tylko świadczenia i kierownik."),
    _r("Decyzja", {P.CASE_READ}, {P.CASE_WORK}, {P.DECISION_APPROVE},
       "Projekt przygotowują świadczenia, zatwierdza i podpisuje kierownik albo pracownik "
       "przez niego upoważniony; wydana decyzja nie jest już zmieniana."),
    _r("Wydruk decyzji i zawiadomień do wydania", {P.DOCUMENT_PRINT}),
    _r("Wypłaty i listy wypłat", {P.PAYOUT_PREPARE, P.CASE_READ}, {P.PAYOUT_PREPARE},
       {P.PAYOUT_APPROVE}, "Listę przygotowują świadczenia, zatwierdza kierownik."),
    _r("Dowód „Kasa wypłaci”", {P.RECEIPT_ISSUE}, {P.RECEIPT_ISSUE}),
    _r("Zaświadczenie i rejestr zaświadczeń", {P.CERTIFICATE_ISSUE}, {P.CERTIFICATE_ISSUE}),
    _r("Dokumenty „Do odbioru” i ich wydanie", {P.HANDOVER}, set(), {P.HANDOVER}),
    _r("Termin spotkania", {P.APPOINTMENT_WRITE}, {P.APPOINTMENT_WRITE}, {P.APPOINTMENT_WRITE}),
    _r("Komunikaty formalne (skierowanie, informacje, opinie)", {P.MESSAGE_READ},
       {P.MESSAGE_TO_SOCIAL_WORK, P.MESSAGE_TO_BENEFITS}, set(),
       "Skierowanie piszą świadczenia, informacje i opinie — praca socjalna; wysłany "
       "komunikat się nie zmienia."),
    _r("Praca socjalna: sprawa, etapy, plan pracy", {P.SOCIAL_WORK_READ},
       {P.SOCIAL_WORK_WRITE}, {P.SOCIAL_WORK_WRITE, P.CASE_ASSIGN}),
    _r("Notatki pracownika socjalnego", {P.SOCIAL_WORK_READ}, {P.SOCIAL_WORK_WRITE}, set(),
       "Nigdy dla świadczeń ani pierwszego kontaktu."),
    _r("Kontrakt socjalny", {P.SOCIAL_WORK_READ}, {P.SOCIAL_WORK_WRITE}, {P.SOCIAL_WORK_WRITE}),
    _r("Usługi i inne zadania (Niebieska Karta, asystent rodziny…)", {P.SOCIAL_WORK_READ},
       {P.SOCIAL_WORK_WRITE}, {P.SOCIAL_WORK_WRITE}),
    _r("Katalog usług ośrodka", {P.SOCIAL_WORK_READ, P.SERVICE_CATALOG_EDIT},
       {P.SERVICE_CATALOG_EDIT}, {P.SERVICE_CATALOG_EDIT}),
    _r("Pracownicy, role i hasła", {P.USER_ADMIN}, {P.USER_ADMIN}, {P.USER_ADMIN},
       "Imiona i nazwiska współpracowników widzi każdy (wybór prowadzącego); własne hasło "
       "zmienia każdy."),
    _r("Dane ośrodka (nagłówek pism, godziny, blokada ekranu)", {P.OFFICE_SETTINGS}, set(),
       {P.OFFICE_SETTINGS}, "Nagłówek pism widzi każdy na wydrukach."),
    _r("Kopie zapasowe bazy", {P.BACKUP}, {P.BACKUP}, {P.BACKUP},
       "Zmiana oznacza przywrócenie bazy z kopii."),
    _r("Dziennik zdarzeń", {P.AUDIT_READ}, set(), set(),
       "Wpisy dodaje sam program; nikt nie może ich zmienić ani usunąć (blokuje to także "
       "baza danych)."),
    _r("Informacja o danych osoby (art. 15 RODO), przegląd okresu przechowywania",
       {P.PRIVACY}, {P.PRIVACY}, set(), "Każde sporządzenie informacji zapisuje się w "
       "dzienniku (eksport); program niczego nie usuwa sam."),
    _r("Statystyki i sprawozdania", {P.STATISTICS}),
    _r("Składki ZUS: lista miesięczna, zgłoszenia ZZA/ZWUA, deklaracje (plik KEDU)",
       {P.PAYOUT_PREPARE}, {P.PAYOUT_PREPARE}, set(),
       "Ubezpieczenie z innego tytułu zapisuje się w wywiadzie; dane płatnika zmienia "
       "ustawiający dane ośrodka."),
    _r("Dane ośrodka jako płatnika składek (NIP, REGON)", {P.OFFICE_SETTINGS}, set(),
       {P.OFFICE_SETTINGS}),
    _r("Sprawdzenia w rejestrach centralnych i ich wydruki", {P.CASE_READ}, {P.CASE_WORK},
       set(), "Każde otwarcie wydruku zapisuje się w dzienniku (odczyt)."),
    _r("Niebieska Karta: procedura, grupa diagnostyczno-pomocowa, posiedzenia",
       {P.BLUE_CARD_READ}, {P.BLUE_CARD_WRITE}, {P.BLUE_CARD_WRITE},
       "Tylko praca socjalna i kierownik; każde otwarcie procedury zapisuje się "
       "w dzienniku."),
)

PERMISSION_TEXT: dict[Permission, str] = {
    P.PERSON_READ: "wyszukiwanie osób, kartoteka osoby",
    P.PERSON_WRITE: "dodawanie i poprawianie danych osoby i gospodarstwa",
    P.INTAKE_WRITE: "przyjmowanie zgłoszeń i kierowanie ich dalej",
    P.INTAKE_READ: "odczyt zgłoszeń",
    P.APPLICATION_REGISTER: "rejestracja wniosku (nadanie znaku sprawy)",
    P.CERTIFICATE_ISSUE: "wydawanie zaświadczeń",
    P.APPOINTMENT_WRITE: "umawianie spotkań",
    P.HANDOVER: "„Do odbioru”: wydawanie dokumentów klientom",
    P.CASE_READ: "odczyt spraw świadczeniowych i decyzji",
    P.CASE_WORK: "prowadzenie sprawy: wywiad, projekt decyzji",
    P.CASE_ASSIGN: "przydzielanie spraw pracownikom",
    P.INCOME_READ: "odczyt dochodów z wywiadu",
    P.DECISION_APPROVE: "zatwierdzanie i podpisywanie decyzji",
    P.PAYOUT_PREPARE: "przygotowanie list wypłat",
    P.PAYOUT_APPROVE: "zatwierdzanie list wypłat",
    P.RECEIPT_ISSUE: "dowody „Kasa wypłaci”",
    P.DOCUMENT_PRINT: "wydruk decyzji i zawiadomień do wydania",
    P.MESSAGE_READ: "odczyt komunikatów formalnych",
    P.MESSAGE_TO_SOCIAL_WORK: "skierowanie do pracy socjalnej",
    P.MESSAGE_TO_BENEFITS: "informacje i opinie dla świadczeń",
    P.SOCIAL_WORK_READ: "odczyt pracy socjalnej z notatkami",
    P.SOCIAL_WORK_WRITE: "prowadzenie pracy socjalnej, kontrakty, usługi",
    P.SERVICE_CATALOG_EDIT: "zmiana katalogu usług",
    P.USER_ADMIN: "konta pracowników, role, hasła",
    P.OFFICE_SETTINGS: "dane ośrodka",
    P.AUDIT_READ: "przeglądanie dziennika zdarzeń",
    P.PRIVACY: "informacja art. 15 RODO, przegląd okresu przechowywania",
    P.BACKUP: "kopie zapasowe i przywracanie",
    P.STATISTICS: "statystyki i sprawozdania",
    P.BLUE_CARD_READ: "odczyt procedur „Niebieska Karta”",
    P.BLUE_CARD_WRITE: "prowadzenie procedur „Niebieska Karta”",
}

ACTIONS = (("odczyt", "see"), ("dodawanie", "create"), ("zmiana", "change"))

_INTRO = """\
# Kto co może — macierz dostępu

Ten plik jest generowany z tabeli uprawnień programu (`opsdesk/services/permissions.py`,
`ROLE_PERMISSIONS`) poleceniem `python -m opsdesk.services.access_doc > docs/access.md`;
test sprawdza, że plik i program mówią to samo. Uprawnienie sprawdza warstwa usług przy każdej
czynności, niezależnie od tego, co pokazuje ekran; odmowa kończy się komunikatem „Twoja rola
nie pozwala na tę czynność.” i zapisem w dzienniku zdarzeń. Pracownik z kilkoma rolami ma
sumę ich uprawnień.

## Zasady rozdziału informacji

- **Pierwszy kontakt** widzi tyle, ile trzeba, by pokierować klienta i wydać mu dokumenty:
  dane osoby, zgłoszenia, znak i stan sprawy. Nie widzi dochodów ani notatek pracy socjalnej.
- **Świadczenia** widzą formalne komunikaty i opinie pracy socjalnej, nigdy jej notatek.
- **Praca socjalna i usługi** nie widzi dochodów ani akt postępowania świadczeniowego.
- **Kierownik** widzi wszystko; każde otwarcie kartoteki, wydruk i eksport zapisuje się
  w dzienniku zdarzeń, który przegląda tylko kierownik.
- **Administrator** zakłada konta, ustawia dane ośrodka i robi kopie zapasowe — nie widzi
  danych klientów ani dziennika zdarzeń.

## Rodzaje zapisów

"""

_AFTER = """
## Sesja, hasła, dane osobowe

- Okno blokuje się po bezczynności (domyślnie 10 minut, ustawienie ośrodka) i wymaga hasła
  tego samego pracownika; to, co było na ekranie, zostaje.
- Pięć błędnych haseł z rzędu blokuje konto na 15 minut. Każda nieudana próba zapisuje się
  w dzienniku.
- Pracownik, który odchodzi, jest wyłączany, nigdy usuwany — jego nazwisko zostaje
  w historii.
- Pliki PDF trafiają tylko do folderu eksportu z ustawień stanowiska, kopie — do folderu
  kopii; plik ustawień nie zawiera haseł.
- Zapisy klientów bez aktywności dłużej niż okres przechowywania (domyślnie 10 lat) program
  tylko wskazuje kierownikowi do przeglądu — nic nie usuwa sam.
"""


def cell(record: RecordAccess, role: Role) -> str:
    granted = ROLE_PERMISSIONS[role]
    words = [word for word, attr in ACTIONS if getattr(record, attr) & granted]
    return ", ".join(words) if words else "—"


def _row(values: list[str]) -> str:
    return "| " + " | ".join(values) + " |"


def _signing() -> str:
    """The signer rule, in words, from the table the gate uses (permissions.SIGNING)."""
    granted = ", ".join(f"`{p.value}`" for p in sorted(SIGNING))
    return (f"- Decyzje podpisuje kierownik (art. 110 ust. 7 ustawy o pomocy społecznej) albo "
            f"pracownik przez niego upoważniony (art. 110 ust. 8) — upoważnienie zaznacza się "
            f"przy koncie pracownika w Administracji. Pracownikowi, którego role dają "
            f"`{SIGNER_CONDUCTS.value}`, upoważnienie dodaje {granted}.\n")


def render_markdown() -> str:
    header = ["Rodzaj zapisu", *(label(r) for r in ROLE_ORDER), "Uwagi"]
    lines = [_row(header), _row(["---"] * len(header))]
    for record in RECORDS:
        lines.append(_row([record.record, *(cell(record, r) for r in ROLE_ORDER), record.note]))
    perms = [_row(["Uprawnienie", "Co pozwala robić", *(label(r) for r in ROLE_ORDER)]),
             _row(["---"] * (2 + len(ROLE_ORDER)))]
    for permission in Permission:
        perms.append(_row([f"`{permission.value}`", PERMISSION_TEXT[permission],
                           *("tak" if permission in ROLE_PERMISSIONS[r] else "—"
                             for r in ROLE_ORDER)]))
    return (_INTRO + "\n".join(lines) + "\n\n## Uprawnienia ról\n\n" + "\n".join(perms) + "\n"
            + "\n" + _signing() + _AFTER)


if __name__ == "__main__":
    print(render_markdown(), end="")
