"""Fictional Polish names and streets, with diacritics, and valid PESEL numbers."""

from __future__ import annotations

import random
from datetime import date

FEMALE = ["Anna", "Małgorzata", "Katarzyna", "Agnieszka", "Barbara", "Ewa", "Krystyna",
          "Elżbieta", "Zofia", "Jadwiga", "Łucja", "Bożena", "Grażyna", "Halina", "Marta",
          "Joanna", "Dorota", "Żaneta", "Urszula", "Wiesława", "Aleksandra", "Natalia", "Zuzanna",
          "Maja", "Lena", "Julia", "Oliwia", "Helena", "Stanisława", "Teresa"]
MALE = ["Jan", "Piotr", "Krzysztof", "Andrzej", "Tomasz", "Paweł", "Józef", "Marcin", "Michał",
        "Łukasz", "Grzegorz", "Zbigniew", "Jerzy", "Tadeusz", "Mieczysław", "Ryszard", "Wojciech",
        "Mateusz", "Jakub", "Szymon", "Kacper", "Antoni", "Stanisław", "Bartłomiej", "Zdzisław",
        "Henryk", "Kazimierz", "Dawid", "Wiktor", "Filip"]
# Surnames as (masculine, feminine).
SURNAMES = [("Nowak", "Nowak"), ("Kowalski", "Kowalska"), ("Wiśniewski", "Wiśniewska"),
            ("Wójcik", "Wójcik"), ("Kowalczyk", "Kowalczyk"), ("Kamiński", "Kamińska"),
            ("Lewandowski", "Lewandowska"), ("Zieliński", "Zielińska"), ("Szymański", "Szymańska"),
            ("Woźniak", "Woźniak"), ("Dąbrowski", "Dąbrowska"), ("Kozłowski", "Kozłowska"),
            ("Jankowski", "Jankowska"), ("Mazur", "Mazur"), ("Kwiatkowski", "Kwiatkowska"),
            ("Krawczyk", "Krawczyk"), ("Piotrowski", "Piotrowska"), ("Grabowski", "Grabowska"),
            ("Nowakowski", "Nowakowska"), ("Pawłowski", "Pawłowska"), ("Michalski", "Michalska"),
            ("Król", "Król"), ("Wieczorek", "Wieczorek"), ("Jabłoński", "Jabłońska"),
            ("Wróbel", "Wróbel"), ("Majewski", "Majewska"), ("Olszewski", "Olszewska"),
            ("Stępień", "Stępień"), ("Jaworski", "Jaworska"), ("Malinowski", "Malinowska"),
            ("Górski", "Górska"), ("Rutkowski", "Rutkowska"), ("Michałek", "Michałek"),
            ("Sikora", "Sikora"), ("Ostrowski", "Ostrowska"), ("Baran", "Baran"),
            ("Duda", "Duda"), ("Szewczyk", "Szewczyk"), ("Tomaszewski", "Tomaszewska"),
            ("Pietrzak", "Pietrzak"), ("Żak", "Żak"), ("Łukasik", "Łukasik"),
            ("Ćwikła", "Ćwikła"), ("Śliwiński", "Śliwińska"), ("Żółkiewski", "Żółkiewska"),
            ("Gałązka", "Gałązka"), ("Zając", "Zając"), ("Łęcki", "Łęcka")]
STREETS = ["ul. Dworcowa", "ul. Kościuszki", "ul. Żeromskiego", "ul. Mickiewicza",
           "ul. Słowackiego", "ul. Łąkowa", "ul. Źródlana", "ul. Ogrodowa", "ul. Szkolna",
           "ul. Kolejowa", "ul. Jana Pawła II", "ul. Wiśniowa", "ul. Sienkiewicza",
           "ul. Polna", "ul. Świerczewskiego", "os. Przyjaźni", "ul. Gęsia", "ul. Różana"]
TOWNS = [("66-210", "Zbąszynek"), ("66-210", "Kosieczyn"), ("66-210", "Nowa Wieś Zbąską"),
         ("66-210", "Chlastawa"), ("66-210", "Szczaniec"), ("66-210", "Dąbrówka Wielkopolska")]

_WEIGHTS = (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)


def pesel_for(born: date, female: bool, serial: int) -> str:
    """A valid PESEL: the date (months +20 for 2000–2099), a serial, sex digit, checksum."""
    month = born.month + (20 if born.year >= 2000 else 0)
    sex_digit = (serial % 5) * 2 + (0 if female else 1)
    body = f"{born.year % 100:02d}{month:02d}{born.day:02d}{serial % 1000:03d}{sex_digit}"
    check = (10 - sum(int(d) * w for d, w in zip(body, _WEIGHTS, strict=True)) % 10) % 10
    return body + str(check)


def random_person(rng: random.Random, *, born_from: int = 1940, born_to: int = 2007,
                  female: bool | None = None) -> tuple[str, str, date, bool]:
    if female is None:
        female = rng.random() < 0.55
    first = rng.choice(FEMALE if female else MALE)
    surname = rng.choice(SURNAMES)[1 if female else 0]
    born = date(rng.randint(born_from, born_to), rng.randint(1, 12), rng.randint(1, 28))
    return first, surname, born, female
