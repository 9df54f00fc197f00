"""Polish formatting and parsing of money, dates and counted nouns.

Pure helpers with no Qt or reportlab import: the UI, the services and the
reports all format the same way through this module.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from num2words import num2words

from opsdesk.errors import RuleError

NBSP = "\u00a0"
"""Non-breaking space: thousands separator and the gap before "zł", so an
amount never wraps across two lines (Liberation Sans has the glyph)."""

_GROSZ = Decimal("0.01")


def plural_pl(n: int, one: str, few: str, many: str) -> str:
    """Pick the Polish plural form: 1 sprawa, 2–4 sprawy, 5 spraw, 12–14 spraw, 22 sprawy."""
    n = abs(int(n))
    if n == 1:
        return one
    if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14):
        return few
    return many


def _quantize(amount: Decimal) -> Decimal:
    if not isinstance(amount, Decimal):
        # Money is Decimal everywhere; an int is accepted, a float never (binary rounding).
        if isinstance(amount, bool) or not isinstance(amount, int):
            raise TypeError(f"amount must be Decimal, not {type(amount).__name__}")
        amount = Decimal(amount)
    return amount.quantize(_GROSZ, rounding=ROUND_HALF_UP)


def _group_thousands(digits: str) -> str:
    groups: list[str] = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    groups.insert(0, digits)
    return NBSP.join(groups)


def format_money(amount: Decimal, *, currency: bool = True) -> str:
    """Format an amount the Polish way: "1 234,56 zł" (non-breaking spaces)."""
    value = _quantize(amount)
    sign = "-" if value < 0 else ""
    złote, grosze = f"{abs(value):.2f}".split(".")
    text = f"{sign}{_group_thousands(złote)},{grosze}"
    return f"{text}{NBSP}zł" if currency else text


def format_date(d: date) -> str:
    """Format a date as dd.mm.rrrr ("23.11.2026")."""
    return f"{d.day:02d}.{d.month:02d}.{d.year:04d}"


_DATE_RE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")


def parse_date(text: str) -> date:
    """Parse a date typed as dd.mm.rrrr; raise RuleError with a Polish message."""
    cleaned = (text or "").strip().rstrip(".").removesuffix(" r").strip()
    if not cleaned:
        raise RuleError("Podaj datę w formacie dd.mm.rrrr.")
    match = _DATE_RE.fullmatch(cleaned)
    if match is None:
        raise RuleError(f"Nieprawidłowa data „{text.strip()}”: podaj datę w formacie dd.mm.rrrr.")
    day, month, year = (int(g) for g in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        raise RuleError(f"Nie ma takiej daty: „{text.strip()}”.") from None


_MONEY_RE = re.compile(r"\d+(?:[.,]\d+)?")
_SPACED_RE = re.compile(r"[\s\u00a0\u202f]+")
_GROUPED_RE = re.compile(r"\d{1,3}(?:[\s\u00a0\u202f]\d{3})+(?:[.,]\d*)?")


def parse_money(text: str) -> Decimal:
    """Parse an amount typed by a user: "1 234,56", "1234.56", "1234,5 zł".

    Raise RuleError with a Polish message for anything else, more than two
    decimal places, or a negative amount.
    """
    original = (text or "").strip()
    cleaned = original
    if cleaned.lower().endswith("zł"):
        cleaned = cleaned[:-2]
    cleaned = cleaned.strip()
    if not cleaned:
        raise RuleError("Podaj kwotę.")
    if cleaned[0] in "-\u2212":
        raise RuleError("Kwota nie może być ujemna.")
    if cleaned[0] == "+":
        cleaned = cleaned[1:].lstrip()
    grouped = _SPACED_RE.search(cleaned) is not None
    # Spaces of any kind (normal, non-breaking, narrow) group thousands.
    compact = _SPACED_RE.sub("", cleaned)
    if not _MONEY_RE.fullmatch(compact):
        raise RuleError(f"Nieprawidłowa kwota „{original}”: podaj kwotę w złotych, np. 1234,56.")
    if grouped and not _GROUPED_RE.fullmatch(cleaned):
        raise RuleError(f"Nieprawidłowa kwota „{original}”: cyfry grupuj po trzy, np. 1 234,56.")
    cleaned = compact
    cleaned = cleaned.replace(",", ".")
    if "." in cleaned and len(cleaned.split(".")[1]) > 2:
        raise RuleError(f"Nieprawidłowa kwota „{original}”: najwyżej dwa miejsca po przecinku "
                        f"(grosze).")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:  # pragma: no cover - the regex already guards this
        raise RuleError(f"Nieprawidłowa kwota „{original}”.") from None
    return value.quantize(_GROSZ)


# num2words says "tysiąc", "milion" for a group of one; on payment documents
# the words are written out in full ("jeden tysiąc") so nothing can be prefixed.
_BARE_ONE_RE = re.compile(r"(?<![\wąćęłńóśźż])(tysiąc|milion|miliard|bilion)(?![\wąćęłńóśźż])")


def _integer_in_words(n: int) -> str:
    words = num2words(n, lang="pl")
    return _BARE_ONE_RE.sub(r"jeden \1", words)


def amount_in_words(amount: Decimal) -> str:
    """Write an amount in words: "jeden tysiąc dwieście trzydzieści cztery złote 56/100"."""
    value = _quantize(amount)
    if value < 0:
        raise RuleError("Kwota słownie: kwota nie może być ujemna.")
    złote = int(value)
    grosze = int((value - złote) * 100)
    # num2words' own currency mode reads an int as grosze (stack.md), so the
    # złote are spelled as a plain integer and the noun form is chosen here.
    noun = plural_pl(złote, "złoty", "złote", "złotych")
    return f"{_integer_in_words(złote)} {noun} {grosze:02d}/100"
