"""What the law says about each benefit: its article, how it is paid, which income test
applies, the grounds of a refusal and the titles of the decision kinds — the catalogue every
other part of the proceeding reads."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from opsdesk.models.enums import BenefitKind, DecisionKind

SIGNED_BY_HEAD = "art. 110 ust. 7"  # the head signs on the mayor's authority
SIGNED_BY_WORKER = "art. 110 ust. 8"  # another worker authorised at the head's request
MAX_INSTALMENTS = 60
OKRESOWY_MONTHS = 3  # the editor's default period of a zasiłek okresowy


class Payment(StrEnum):
    MONTHLY = "MONTHLY"  # a cash benefit per calendar month, prorated where partial
    ONE_OFF = "ONE_OFF"  # paid once, never prorated
    IN_KIND = "IN_KIND"  # given, not paid to the party


class IncomeTest(StrEnum):
    STALY = "STALY"  # art. 37: own income (and per person) below the threshold
    OKRESOWY = "OKRESOWY"  # art. 38: below the threshold, amount within a range
    WITHIN = "WITHIN"  # art. 8: income does not exceed the threshold
    ABOVE = "ABOVE"  # art. 41: only for income above the threshold
    NONE = "NONE"  # regardless of income


@dataclass(frozen=True)
class BenefitSpec:
    accusative: str  # "Przyznaję stronie <accusative>"
    genitive: str  # "w sprawie przyznania <genitive>"
    article: str  # "art. 38 ust. 1 pkt {n};…": ";"-separated, {n} 1 single / 2 family
    payment: Payment
    income_test: IncomeTest
    purpose_label: str = ""  # the editor's label of ``purpose`` when it is required
    open_ended: bool = False  # may be granted na czas nieokreślony
    once: bool = False  # given on one day, no period (sprawienie pogrzebu)


BENEFITS: dict[BenefitKind, BenefitSpec] = {
    BenefitKind.ZASILEK_STALY: BenefitSpec(
        "zasiłek stały", "zasiłku stałego", "art. 37 ust. 1 pkt {n};art. 37 ust. 2 pkt {n}",
        Payment.MONTHLY, IncomeTest.STALY,
        open_ended=True),
    BenefitKind.ZASILEK_OKRESOWY: BenefitSpec(
        "zasiłek okresowy", "zasiłku okresowego",
        "art. 38 ust. 1 pkt {n};art. 38 ust. 2 pkt {n};art. 38 ust. 3 pkt {n};art. 38 ust. 5",
        Payment.MONTHLY,
        IncomeTest.OKRESOWY),
    BenefitKind.ZASILEK_CELOWY: BenefitSpec(
        "zasiłek celowy", "zasiłku celowego", "art. 39 ust. 1", Payment.ONE_OFF, IncomeTest.WITHIN,
        "Przeznaczenie (na co)"),
    BenefitKind.ZASILEK_CELOWY_39A: BenefitSpec(
        "zasiłek celowy", "zasiłku celowego", "art. 39a ust. 1", Payment.ONE_OFF, IncomeTest.NONE,
        "Przeznaczenie (na co)"),
    BenefitKind.ZASILEK_CELOWY_40: BenefitSpec(
        "zasiłek celowy", "zasiłku celowego", "art. 40 ust. 1;art. 40 ust. 2",
        Payment.ONE_OFF,
        IncomeTest.NONE, "Zdarzenie losowe i przeznaczenie"),
    BenefitKind.SPECJALNY_ZASILEK_CELOWY: BenefitSpec(
        "specjalny zasiłek celowy", "specjalnego zasiłku celowego", "art. 41 pkt 1",
        Payment.ONE_OFF, IncomeTest.ABOVE, "Przeznaczenie (na co)"),
    BenefitKind.ZASILEK_ZWROTNY: BenefitSpec(
        "zasiłek celowy pod warunkiem zwrotu", "zasiłku celowego pod warunkiem zwrotu",
        "art. 41 pkt 2", Payment.ONE_OFF, IncomeTest.ABOVE, "Przeznaczenie (na co)"),
    BenefitKind.POSILEK: BenefitSpec(
        "pomoc w formie posiłku", "pomocy w formie posiłku", "art. 48 ust. 1;art. 48b ust. 1",
        Payment.IN_KIND, IncomeTest.NONE, "Zakres (np. jeden gorący posiłek dziennie)"),
    BenefitKind.USLUGI_OPIEKUNCZE: BenefitSpec(
        "usługi opiekuńcze", "usług opiekuńczych",
        "art. 50 ust. 1;art. 50 ust. 2;art. 50 ust. 3;art. 50 ust. 6", Payment.IN_KIND,
        IncomeTest.NONE, "Zakres, liczba godzin i odpłatność", open_ended=True),
    BenefitKind.SPECJALISTYCZNE_USLUGI_OPIEKUNCZE: BenefitSpec(
        "specjalistyczne usługi opiekuńcze", "specjalistycznych usług opiekuńczych",
        "art. 50 ust. 4;art. 50 ust. 6", Payment.IN_KIND, IncomeTest.NONE,
        "Zakres, liczba godzin i odpłatność", open_ended=True),
    BenefitKind.SPRAWIENIE_POGRZEBU: BenefitSpec(
        "sprawienie pogrzebu", "sprawienia pogrzebu", "art. 44", Payment.IN_KIND,
        IncomeTest.NONE, "Czyj pogrzeb i w jakim zakresie", once=True),
    BenefitKind.SKLADKA_ZDROWOTNA: BenefitSpec(
        "opłacanie składki na ubezpieczenie zdrowotne",
        "opłacania składki na ubezpieczenie zdrowotne", "art. 17 ust. 1", Payment.IN_KIND,
        IncomeTest.NONE, "Podstawa objęcia ubezpieczeniem", open_ended=True),
    BenefitKind.SKLADKA_SPOLECZNA: BenefitSpec(
        "opłacanie składek na ubezpieczenia emerytalne i rentowe",
        "opłacania składek na ubezpieczenia emerytalne i rentowe", "art. 42",
        Payment.IN_KIND, IncomeTest.NONE, "Za kogo i od kiedy", open_ended=True),
    BenefitKind.DPS: BenefitSpec(
        "skierowanie do domu pomocy społecznej", "skierowania do domu pomocy społecznej",
        "art. 54 ust. 1;art. 59 ust. 1", Payment.IN_KIND, IncomeTest.NONE,
        "Rodzaj domu i odpłatność", open_ended=True),
    BenefitKind.OSRODEK_WSPARCIA: BenefitSpec(
        "pobyt w ośrodku wsparcia", "pobytu w ośrodku wsparcia", "art. 51 ust. 1;art. 51 ust. 4",
        Payment.IN_KIND, IncomeTest.NONE, "Ośrodek, zakres i odpłatność", open_ended=True),
}


class RefusalGround(StrEnum):
    INCOME = "INCOME"
    ART_11 = "ART_11"
    INTERVIEW_REFUSED = "INTERVIEW_REFUSED"
    OTHER = "OTHER"


REFUSAL_GROUNDS: dict[RefusalGround, tuple[str, str]] = {
    RefusalGround.INCOME: (
        "art. 8 ust. 1 pkt {n}", "dochód przekracza kryterium dochodowe (art. 8 ust. 1 "
                                 "ustawy o pomocy społecznej)"),
    RefusalGround.ART_11: (
        "art. 11 ust. 2", "brak współdziałania z pracownikiem socjalnym, odmowa zawarcia lub "
                          "niedotrzymanie kontraktu socjalnego, odmowa podjęcia pracy albo "
                          "leczenia (art. 11 ust. 2 ustawy o pomocy społecznej)"),
    RefusalGround.INTERVIEW_REFUSED: (
        "art. 107 ust. 4a", "odmowa przeprowadzenia rodzinnego wywiadu środowiskowego lub "
                            "złożenia oświadczenia o dochodach (art. 107 ust. 4a ustawy o "
                            "pomocy społecznej)"),
    RefusalGround.OTHER: ("", "niespełnienie przesłanek przyznania świadczenia"),
}

KIND_TITLES: dict[DecisionKind, str] = {
    DecisionKind.GRANTING: "przyznanie",
    DecisionKind.REFUSING: "odmowa przyznania",
    DecisionKind.CHANGING: "zmiana decyzji",
    DecisionKind.REVOKING: "uchylenie decyzji",
    DecisionKind.SUSPENDING: "wstrzymanie wypłaty",
    DecisionKind.RESUMING: "wznowienie wypłaty",
    DecisionKind.REPAYMENT: "zwrot nienależnie pobranych świadczeń",
    DecisionKind.DEBT_WRITE_OFF: "umorzenie należności",
    DecisionKind.DEBT_INSTALMENTS: "rozłożenie należności na raty",
    DecisionKind.DEBT_DEFERRAL: "odroczenie terminu płatności należności",
}
