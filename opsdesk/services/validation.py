"""Checks of what a worker types, each failing with a Polish message at the right field."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength
from stdnum.pl import pesel as stdnum_pesel

from opsdesk import clock
from opsdesk.errors import ValidationError
from opsdesk.services import text_guard

MAX_AMOUNT = Decimal("1000000")
# The plausible window of the office's own dates (filing, interviews, decisions' periods):
# nothing before 2000 — no centre keeps live matters from before it, and the attack's
# application "filed" on 1900-01-01 made a case sign GOPS.8311.1.1900 — and nothing more
# than YEARS_AHEAD years ahead (a decision "until 2100" is a typing slip).
EARLIEST_RECORD = date(2000, 1, 1)
EARLIEST_BIRTH = date(1900, 1, 1)
YEARS_AHEAD = 5


def text(value: str, *, field: str, label: str, max_len: int, required: bool = True) -> str:
    text_guard.check(value or "", field=field, label=label)
    value = (value or "").strip()
    if required and not value:
        raise ValidationError(f"Pole „{label}” jest wymagane.", field=field)
    if len(value) > max_len:
        raise ValidationError(
            f"Pole „{label}” jest za długie ({len(value)} znaków, najwyżej {max_len}).",
            field=field)
    return value


def pesel(value: str) -> tuple[str, date, str]:
    """A valid PESEL with the birth date and sex ('K' or 'M') it encodes."""
    value = (value or "").strip().replace(" ", "")
    try:
        number = stdnum_pesel.validate(value)
    except InvalidLength:
        raise ValidationError("PESEL musi mieć 11 cyfr.", field="pesel") from None
    except InvalidFormat:
        raise ValidationError("PESEL może zawierać tylko cyfry.", field="pesel") from None
    except InvalidChecksum:
        raise ValidationError("Nieprawidłowy PESEL — cyfra kontrolna się nie zgadza. "
                              "Sprawdź, czy nie ma literówki.", field="pesel") from None
    except InvalidComponent:
        raise ValidationError("Nieprawidłowy PESEL — zawiera niemożliwą datę urodzenia.",
                              field="pesel") from None
    born = stdnum_pesel.get_birth_date(number)
    sex = "K" if stdnum_pesel.get_gender(number) == "F" else "M"
    return number, born, sex


def past_date(value: date | None, *, field: str, label: str, today: date,
              required: bool = True, earliest: date = EARLIEST_RECORD) -> date | None:
    """A day that has come; an office's event not before EARLIEST_RECORD (a birth date
    passes ``earliest=EARLIEST_BIRTH``)."""
    if value is None:
        if required:
            raise ValidationError(f"Podaj datę: {label}.", field=field)
        return None
    if value > today:
        raise ValidationError(f"{label} nie może być datą przyszłą.", field=field)
    if value < earliest:
        raise ValidationError(f"{label}: data sprzed {earliest.year} roku jest "
                              "nieprawdopodobna — sprawdź rok.", field=field)
    return value


def latest_plausible(today: date) -> date:
    """The last day an office's date may name: YEARS_AHEAD years from ``today``."""
    try:
        return today.replace(year=today.year + YEARS_AHEAD)
    except ValueError:  # 29 February
        return today.replace(year=today.year + YEARS_AHEAD, day=28)


def plausible_date(value: date, *, field: str, label: str, today: date) -> date:
    """Within the office's window: not before EARLIEST_RECORD, not beyond YEARS_AHEAD."""
    if value < EARLIEST_RECORD:
        raise ValidationError(f"{label}: data sprzed {EARLIEST_RECORD.year} roku jest "
                              "nieprawdopodobna — sprawdź rok.", field=field)
    latest = latest_plausible(today)
    if value > latest:
        raise ValidationError(f"{label}: data późniejsza niż {latest.day:02d}.{latest.month:02d}."
                              f"{latest.year} r. (więcej niż {YEARS_AHEAD} lat naprzód) jest "
                              "nieprawdopodobna — sprawdź rok.", field=field)
    return value


def amount(value: Decimal | str | None, *, field: str, label: str,
           allow_zero: bool = False) -> Decimal:
    try:
        result = Decimal(str(value).replace(",", ".").replace(" ", "")) if value is not None \
            else None
    except InvalidOperation:
        result = None
    if result is None or not result.is_finite():
        raise ValidationError(f"{label}: podaj kwotę w złotych, np. 123,45.", field=field)
    if result < 0 or (result == 0 and not allow_zero):
        raise ValidationError(f"{label}: kwota musi być większa od zera.", field=field)
    if result > MAX_AMOUNT:
        raise ValidationError(f"{label}: kwota {result} zł jest nieprawdopodobnie wysoka.",
                              field=field)
    if result != result.quantize(Decimal("0.01")):
        raise ValidationError(f"{label}: najwyżej dwa miejsca po przecinku (grosze).",
                              field=field)
    return result.quantize(Decimal("0.01"))


def period(start: date | None, end: date | None, *, field: str = "period_to",
           today: date | None = None) -> None:
    if start is None or end is None:
        raise ValidationError("Podaj początek i koniec okresu.", field=field)
    if end < start:
        raise ValidationError("Koniec okresu nie może być wcześniejszy niż jego początek.",
                              field=field)
    today = today or clock.today()
    plausible_date(start, field="period_from", label="Początek okresu", today=today)
    plausible_date(end, field=field, label="Koniec okresu", today=today)


def bank_account(value: str) -> str:
    """A Polish NRB (26 digits) or an IBAN with PL; checked with the IBAN checksum."""
    from stdnum import iban

    digits = (value or "").replace(" ", "").upper()
    if not digits:
        return ""
    if digits.isdigit() and len(digits) == 26:
        digits = "PL" + digits
    if not iban.is_valid(digits):
        raise ValidationError("Nieprawidłowy numer rachunku bankowego (26 cyfr, suma kontrolna "
                              "się nie zgadza).", field="bank_account")
    return digits[2:] if digits.startswith("PL") else digits


# Adres do doręczeń elektronicznych, "AE:PL-12345-67890-ABCDE-12": five digits, five digits,
# five letters, two digits (the form the e-Doręczenia register gives; see e_delivery).
_ADE_RE = re.compile(r"AE:PL-\d{5}-\d{5}-[A-Z]{5}-\d{2}")


def e_delivery_address(value: str, *, field: str = "e_delivery_address") -> str:
    """An ADE as the register writes it, or a Polish refusal; empty stays empty."""
    cleaned = (value or "").strip().upper().replace(" ", "")
    if cleaned and not _ADE_RE.fullmatch(cleaned):
        raise ValidationError("Adres do doręczeń elektronicznych ma postać "
                              "AE:PL-12345-67890-ABCDE-12.", field=field)
    return cleaned
