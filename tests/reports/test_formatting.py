"""Polish money, dates, amounts in words and plural forms."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from opsdesk.formatting import (
    NBSP,
    addressed,
    amount_in_words,
    format_date,
    format_money,
    in_month,
    parse_date,
    parse_money,
    plural_pl,
)

# ------------------------------------------------------------------ plural_pl


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (0, "spraw"),
        (1, "sprawa"),
        (2, "sprawy"),
        (3, "sprawy"),
        (4, "sprawy"),
        (5, "spraw"),
        (11, "spraw"),
        (12, "spraw"),
        (13, "spraw"),
        (14, "spraw"),
        (15, "spraw"),
        (21, "spraw"),
        (22, "sprawy"),
        (24, "sprawy"),
        (25, "spraw"),
        (101, "spraw"),
        (102, "sprawy"),
        (112, "spraw"),
        (1000, "spraw"),
        (1002, "sprawy"),
        (-2, "sprawy"),
    ],
)
def test_plural_pl(n: int, expected: str) -> None:
    assert plural_pl(n, "sprawa", "sprawy", "spraw") == expected


# --------------------------------------------------------------- format_money


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        ("0", "0,00 zł"),
        ("0.01", "0,01 zł"),
        ("5", "5,00 zł"),
        ("999.99", "999,99 zł"),
        ("1000", "1 000,00 zł"),
        ("1234.56", "1 234,56 zł"),
        ("1234.5", "1 234,50 zł"),
        ("1000000.00", "1 000 000,00 zł"),
        ("12345678.9", "12 345 678,90 zł"),
        ("-1234.56", "-1 234,56 zł"),
        ("0.005", "0,01 zł"),  # half up, as in accounting
    ],
)
def test_format_money(amount: str, expected: str) -> None:
    assert format_money(Decimal(amount)) == expected.replace(" ", NBSP)


def test_format_money_never_breaks_a_line() -> None:
    text = format_money(Decimal("1234567.89"))
    assert " " not in text
    assert text.count(NBSP) == 3
    assert text.endswith(f"{NBSP}zł")


def test_format_money_without_currency() -> None:
    assert format_money(Decimal("1234.5"), currency=False) == f"1{NBSP}234,50"


def test_format_money_refuses_float() -> None:
    with pytest.raises(TypeError):
        format_money(0.1)  # type: ignore[arg-type]


# ------------------------------------------------------------------- dates


def test_format_date() -> None:
    assert format_date(date(2026, 11, 23)) == "23.11.2026"
    assert format_date(date(2026, 1, 5)) == "05.01.2026"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("23.11.2026", date(2026, 11, 23)),
        ("05.01.2026", date(2026, 1, 5)),
        ("5.1.2026", date(2026, 1, 5)),
        ("  29.02.2028 ", date(2028, 2, 29)),
        ("23.11.2026 r.", date(2026, 11, 23)),
    ],
)
def test_parse_date(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["", "   ", "2026-11-23", "23/11/2026", "23.11.26", "jutro",
                                  "32.01.2026", "29.02.2027", "00.01.2026", "1.13.2026"])
def test_parse_date_rejects_with_polish_message(text: str) -> None:
    with pytest.raises(ValueError) as info:
        parse_date(text)
    message = str(info.value)
    assert "dat" in message  # "datę" / "daty"
    assert message[0].isupper() and message.endswith(".")


def test_parse_date_round_trip() -> None:
    d = date(2026, 12, 24)
    assert parse_date(format_date(d)) == d


# ------------------------------------------------------------------ parse_money


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 234,56", "1234.56"),
        ("1234.56", "1234.56"),
        ("1234,5 zł", "1234.50"),
        ("1234,5zł", "1234.50"),
        ("1\u00a0234,56\u00a0zł", "1234.56"),
        ("1 000 000", "1000000.00"),
        ("0,01", "0.01"),
        ("0", "0.00"),
        ("  12 ", "12.00"),
        ("+12", "12.00"),
        ("719,00 ZŁ", "719.00"),
    ],
)
def test_parse_money(text: str, expected: str) -> None:
    value = parse_money(text)
    assert value == Decimal(expected)
    assert value.as_tuple().exponent == -2


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "Podaj kwotę"),
        ("zł", "Podaj kwotę"),
        ("abc", "Nieprawidłowa kwota"),
        ("12a", "Nieprawidłowa kwota"),
        ("1,234.56", "Nieprawidłowa kwota"),
        ("1234,", "Nieprawidłowa kwota"),
        ("12 34", "grupuj po trzy"),
        ("1234,567", "dwa miejsca po przecinku"),
        ("0,001", "dwa miejsca po przecinku"),
        ("-5", "ujemna"),
        ("- 5,00 zł", "ujemna"),
        ("\u22125", "ujemna"),
    ],
)
def test_parse_money_rejects_with_polish_message(text: str, fragment: str) -> None:
    with pytest.raises(ValueError, match=fragment):
        parse_money(text)


def test_parse_money_round_trip() -> None:
    amount = Decimal("1234567.89")
    assert parse_money(format_money(amount)) == amount


# ---------------------------------------------------------------- amount_in_words


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        ("1", "jeden złoty 00/100"),
        ("2", "dwa złote 00/100"),
        ("4", "cztery złote 00/100"),
        ("5", "pięć złotych 00/100"),
        ("12", "dwanaście złotych 00/100"),
        ("13", "trzynaście złotych 00/100"),
        ("22", "dwadzieścia dwa złote 00/100"),
        ("25", "dwadzieścia pięć złotych 00/100"),
        ("0", "zero złotych 00/100"),
        ("0.01", "zero złotych 01/100"),
        ("0.5", "zero złotych 50/100"),
        ("101", "sto jeden złotych 00/100"),
        ("411.50", "czterysta jedenaście złotych 50/100"),
        ("1000", "jeden tysiąc złotych 00/100"),
        ("1234.56", "jeden tysiąc dwieście trzydzieści cztery złote 56/100"),
        ("2000", "dwa tysiące złotych 00/100"),
        ("5000", "pięć tysięcy złotych 00/100"),
        ("21000.10", "dwadzieścia jeden tysięcy złotych 10/100"),
        ("1000000.00", "jeden milion złotych 00/100"),
        ("1001000", "jeden milion jeden tysiąc złotych 00/100"),
        ("2000002", "dwa miliony dwa złote 00/100"),
    ],
)
def test_amount_in_words(amount: str, expected: str) -> None:
    assert amount_in_words(Decimal(amount)) == expected


def test_amount_in_words_rounds_to_grosz() -> None:
    assert amount_in_words(Decimal("1.005")) == "jeden złoty 01/100"
    assert amount_in_words(Decimal("1.999")) == "dwa złote 00/100"


def test_amount_in_words_rejects_negative() -> None:
    with pytest.raises(ValueError):
        amount_in_words(Decimal("-1"))


def test_formatting_imports_no_gui_or_pdf_library() -> None:
    import ast
    import inspect

    import opsdesk.formatting as module

    tree = ast.parse(inspect.getsource(module))
    imported = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import)
                for alias in node.names}
    imported |= {node.module.split(".")[0] for node in ast.walk(tree)
                 if isinstance(node, ast.ImportFrom) and node.module}
    assert not imported & {"reportlab", "PySide6", "sqlalchemy"}


@pytest.mark.parametrize(("day", "text"), [
    (date(2026, 10, 5), "w październiku 2026 r."), (date(2027, 2, 1), "w lutym 2027 r."),
    (date(2026, 11, 30), "w listopadzie 2026 r."), (date(2026, 9, 1), "we wrześniu 2026 r."),
])
def test_a_month_in_the_locative(day, text):
    assert in_month(day) == text


def test_the_party_addressed_by_sex():
    assert (addressed("K", "dative"), addressed("M", "dative")) == ("Pani", "Panu")
    assert (addressed("K", "accusative"), addressed("M", "accusative")) == ("Panią", "Pana")
    assert addressed(None, "dative") == ""
