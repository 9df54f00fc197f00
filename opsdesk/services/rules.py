"""The law's arithmetic: dated legal figures, benefit amounts and deadlines.

Every legal figure lives in ``LEGAL_FIGURES``, one dated table; a benefit for a
month uses the row in force in that month. Money is ``Decimal``, dates are
``datetime.date``. No Qt, no database: plain functions, easy to test.

Sources: ustawa o pomocy spolecznej ("ups"), Kodeks postepowania
administracyjnego ("kpa"), rozporzadzenie w sprawie rodzinnego wywiadu
srodowiskowego (Dz.U. 2021 poz. 893); see docs/law.md.
"""

from __future__ import annotations

import calendar
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from datetime import date, timedelta
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from functools import cache
from typing import Any

import holidays

from opsdesk.errors import RuleError

__all__ = [
    "LEGAL_FIGURES",
    "LegalFigures",
    "add_months",
    "appeal_deadline",
    "decision_deadline",
    "farm_hectare_income",
    "farm_income",
    "figures_on",
    "income_change_is_material",
    "household_threshold",
    "income_threshold",
    "interview_deadline",
    "is_large_one_off",
    "next_interview_update",
    "one_off_income_monthly",
    "prorate",
    "with_entries",
    "with_local_thresholds",
    "ENTERABLE_FIGURES",
    "working_days_after",
    "on_or_after_working_day",
    "zasilek_okresowy_range",
    "zasilek_staly",
    # contributions, Niebieska Karta, reports (issue 19)
    "BLUE_CARD_PERIODS",
    "CONTRIBUTION_FIGURES",
    "REPORT_DUES",
    "ContributionFigures",
    "art42_basis",
    "art42_contributions",
    "art42_eligibility",
    "contribution_figures_on",
    "health_contribution",
    "report_due",
]


@dataclass(frozen=True)
class LegalFigures:
    """The legal figures in force from ``valid_from`` until the next row."""

    valid_from: date
    # art. 8 ust. 1 ups: kryterium dochodowe
    single_threshold: Decimal
    family_threshold_per_person: Decimal
    # art. 8 ust. 9 ups: monthly income from 1 ha przeliczeniowy
    hectare_income: Decimal
    # art. 37 ust. 2-3 ups: zasilek staly = factor x threshold - income, within [min, max]
    staly_factor: Decimal
    staly_max: Decimal  # single person only (art. 37 ust. 2 pkt 1)
    staly_min: Decimal
    # art. 38 ups: zasilek okresowy
    okresowy_floor: Decimal
    okresowy_single_half_cap: Decimal
    okresowy_min_share: Decimal
    # art. 106 ust. 3a ups: a change of at most this share of the threshold is not material
    material_change_share: Decimal
    # art. 8 ust. 11 ups: a one-off income above this multiple of the threshold is spread
    large_one_off_multiple: Decimal
    verified: bool = True
    note: str = ""


_CAP_418_NOTE = (
    "okresowy_single_half_cap 418 zl: in force until the change to 823 zl; "
    "the date of that change is unverified"
)

# Sorted by valid_from; each row is complete, so a row never borrows from another.
LEGAL_FIGURES: tuple[LegalFigures, ...] = (
    LegalFigures(
        valid_from=date(2018, 10, 1),
        single_threshold=Decimal("701.00"),
        family_threshold_per_person=Decimal("528.00"),
        hectare_income=Decimal("308.00"),
        staly_factor=Decimal("1.00"),
        staly_max=Decimal("645.00"),
        staly_min=Decimal("30.00"),
        okresowy_floor=Decimal("20.00"),
        okresowy_single_half_cap=Decimal("418.00"),
        okresowy_min_share=Decimal("0.50"),
        material_change_share=Decimal("0.10"),
        large_one_off_multiple=Decimal("5"),
        verified=False,
        note=_CAP_418_NOTE,
    ),
    LegalFigures(
        valid_from=date(2022, 1, 1),
        single_threshold=Decimal("776.00"),
        family_threshold_per_person=Decimal("600.00"),
        hectare_income=Decimal("345.00"),
        staly_factor=Decimal("1.00"),
        staly_max=Decimal("719.00"),
        staly_min=Decimal("30.00"),
        okresowy_floor=Decimal("20.00"),
        okresowy_single_half_cap=Decimal("418.00"),
        okresowy_min_share=Decimal("0.50"),
        material_change_share=Decimal("0.10"),
        large_one_off_multiple=Decimal("5"),
        verified=False,
        note=_CAP_418_NOTE,
    ),
    # Same thresholds as 2022; zasilek staly counted from 130 % of the threshold.
    LegalFigures(
        valid_from=date(2024, 1, 1),
        single_threshold=Decimal("776.00"),
        family_threshold_per_person=Decimal("600.00"),
        hectare_income=Decimal("345.00"),
        staly_factor=Decimal("1.30"),
        staly_max=Decimal("1000.00"),
        staly_min=Decimal("100.00"),
        okresowy_floor=Decimal("20.00"),
        okresowy_single_half_cap=Decimal("418.00"),
        okresowy_min_share=Decimal("0.50"),
        material_change_share=Decimal("0.10"),
        large_one_off_multiple=Decimal("5"),
        verified=False,
        note=_CAP_418_NOTE,
    ),
    LegalFigures(
        valid_from=date(2025, 1, 1),
        single_threshold=Decimal("1010.00"),
        family_threshold_per_person=Decimal("823.00"),
        hectare_income=Decimal("459.00"),
        staly_factor=Decimal("1.30"),
        staly_max=Decimal("1229.00"),
        staly_min=Decimal("100.00"),
        okresowy_floor=Decimal("20.00"),
        okresowy_single_half_cap=Decimal("823.00"),
        okresowy_min_share=Decimal("0.50"),
        material_change_share=Decimal("0.10"),
        large_one_off_multiple=Decimal("5"),
        verified=False,
        note="okresowy_single_half_cap 823 zl: assumed from 2025-01-01, the date is unverified",
    ),
)

# Procedural periods. They have not changed over the span of LEGAL_FIGURES, so they are
# plain named constants rather than dated rows.
INTERVIEW_WORKING_DAYS = 14  # rozporzadzenie 2021 (Dz.U. 2021 poz. 893)
URGENT_INTERVIEW_WORKING_DAYS = 2  # same, urgent cases
DECISION_MONTHS = 1  # kpa art. 35 § 3
COMPLICATED_DECISION_MONTHS = 2  # kpa art. 35 § 3, particularly complicated case
APPEAL_DAYS = 14  # kpa art. 129 § 2
# kpa art. 132–133: within 7 days of receiving the appeal the organ revises its own decision
# or sends the appeal with the files to the SKO.
FORWARD_APPEAL_DAYS = 7
INTERVIEW_UPDATE_MONTHS = 6  # update at least every 6 months on a permanent form of help
ONE_OFF_SPREAD_MONTHS = 12  # art. 8 ust. 11 ups
FARM_MIN_HECTARES = Decimal("1")  # art. 8 ups: a farm under 1 ha przeliczeniowy is not counted

_GROSZ = Decimal("0.01")
_ZERO = Decimal("0.00")
_VALID_FROM: tuple[date, ...] = tuple(row.valid_from for row in LEGAL_FIGURES)


# --- the dated table ---------------------------------------------------------------


def figures_on(on: date) -> LegalFigures:
    """The row of legal figures in force on ``on``."""
    index = bisect_right(_VALID_FROM, on) - 1
    if index < 0:
        raise RuleError(f"Brak danych prawnych dla daty {on:%d.%m.%Y} r.")
    return LEGAL_FIGURES[index]


def with_local_thresholds(
    figures: LegalFigures,
    single: Decimal | None = None,
    per_person: Decimal | None = None,
) -> LegalFigures:
    """``figures`` with thresholds raised by a resolution of the rada gminy (art. 8 ust. 2 ups)."""
    if single is None and per_person is None:
        return figures
    note = "; ".join(part for part in (figures.note, "local thresholds (uchwala rady gminy)")
                     if part)
    return replace(
        figures, note=note,
        single_threshold=figures.single_threshold if single is None
        else _local_threshold(single, figures.single_threshold),
        family_threshold_per_person=figures.family_threshold_per_person if per_person is None
        else _local_threshold(per_person, figures.family_threshold_per_person))


ENTERABLE_FIGURES: tuple[str, ...] = tuple(
    f.name for f in fields(LegalFigures) if f.type in ("Decimal", Decimal))


def with_entries(figures: LegalFigures,
                 entries: Iterable[tuple[date, str, Decimal]]) -> LegalFigures:
    """``figures`` with the values entered ahead (date in force, field, value) that are in
    force: for each field the latest dated value wins, so a row shipped later than an entry
    replaces it and an entry later than the shipped row replaces that."""
    latest: dict[str, tuple[date, Decimal]] = {}
    for valid_from, name, value in entries:
        if name not in ENTERABLE_FIGURES:
            raise RuleError(f"Nieznany wskaźnik prawny: {name}.")
        if valid_from >= figures.valid_from and (
                name not in latest or valid_from > latest[name][0]):
            latest[name] = (valid_from, value)
    if not latest:
        return figures
    note = "; ".join(part for part in (figures.note, "entered ahead: " + ", ".join(
        f"{name} from {when.isoformat()}" for name, (when, _) in sorted(latest.items())))
        if part)
    changes: dict[str, Any] = {name: value for name, (_, value) in latest.items()}
    return replace(figures, note=note, **changes)


def _local_threshold(value: Decimal, statutory: Decimal) -> Decimal:
    amount = _money(value, "Kryterium dochodowe nie może być ujemne.")
    # The rada gminy may only raise a threshold, never lower it.
    if amount < statutory:
        raise RuleError(
            f"Lokalne kryterium dochodowe ({amount} zł) nie może być niższe "
            f"od ustawowego ({statutory} zł)."
        )
    return amount


def _resolve(on: date, figures: LegalFigures | None) -> LegalFigures:
    return figures if figures is not None else figures_on(on)


# --- thresholds and income -------------------------------------------------------------


def income_threshold(on: date, *, single: bool, figures: LegalFigures | None = None) -> Decimal:
    """Single-person threshold, or the per-person threshold in a family, in force on ``on``."""
    row = _resolve(on, figures)
    return row.single_threshold if single else row.family_threshold_per_person


def farm_hectare_income(on: date) -> Decimal:
    """Monthly income from 1 ha przeliczeniowy (art. 8 ust. 9 ups)."""
    return figures_on(on).hectare_income


def farm_income(on: date, hectares: Decimal, *, figures: LegalFigures | None = None
                ) -> Decimal:
    """Monthly farm income: hectares przeliczeniowe x the 1 ha amount; nothing for a farm
    under 1 ha przeliczeniowy (art. 8 ups, see docs/law.md)."""
    area = _money(hectares, "Powierzchnia gospodarstwa nie może być ujemna.")
    if area < FARM_MIN_HECTARES:
        return _ZERO
    return _to_grosz(area * _resolve(on, figures).hectare_income)


def household_threshold(on: date, *, persons: int, figures: LegalFigures | None = None) -> Decimal:
    """The threshold of the whole household: the single threshold for one person, else the
    per-person threshold x persons (art. 8 ust. 1 ups)."""
    return _household_threshold(_resolve(on, figures), persons)


def one_off_income_monthly(amount: Decimal) -> Decimal:
    """A one-off income spread over 12 months (art. 8 ust. 11 ups), to the grosz."""
    total = _money(amount, "Kwota dochodu nie może być ujemna.")
    return _to_grosz(total / ONE_OFF_SPREAD_MONTHS)


def is_large_one_off(
    on: date, amount: Decimal, *, persons: int, figures: LegalFigures | None = None
) -> bool:
    """Whether a one-off income exceeds 5 x the (single or family) threshold (art. 8 ust. 11)."""
    total = _money(amount, "Kwota dochodu nie może być ujemna.")
    row = _resolve(on, figures)
    return total > row.large_one_off_multiple * _household_threshold(row, persons)


def income_change_is_material(
    on: date,
    *,
    old_income: Decimal,
    new_income: Decimal,
    persons: int,
    figures: LegalFigures | None = None,
) -> bool:
    """Whether an income change alters a benefit being paid (art. 106 ust. 3a ups).

    Incomes are of the household (a single person's own, or the family's), compared with the
    matching threshold; a change of at most 10 % of it leaves the benefit unchanged.
    """
    old = _money(old_income, "Dochód nie może być ujemny.")
    new = _money(new_income, "Dochód nie może być ujemny.")
    row = _resolve(on, figures)
    return abs(new - old) > row.material_change_share * _household_threshold(row, persons)


# --- benefits --------------------------------------------------------------------------


def zasilek_staly(
    on: date,
    *,
    single: bool,
    own_income: Decimal,
    income_per_person: Decimal | None = None,
    figures: LegalFigures | None = None,
) -> Decimal:
    """Monthly zasilek staly (art. 37 ups); ``0.00`` when the income rule excludes the person.

    ``income_per_person`` is required for a person in a family and ignored for a single one.
    """
    row = _resolve(on, figures)
    own = _money(own_income, "Dochód własny nie może być ujemny.")
    per_person: Decimal | None = None
    if income_per_person is not None:
        per_person = _money(income_per_person, "Dochód na osobę w rodzinie nie może być ujemny.")
    if single:
        threshold = row.single_threshold
        income = own
        eligible = own < threshold  # art. 37 ust. 1 pkt 1: "below" the threshold
    else:
        if per_person is None:
            raise RuleError("Dla osoby w rodzinie trzeba podać dochód na osobę w rodzinie.")
        threshold = row.family_threshold_per_person
        income = per_person
        eligible = own < threshold and per_person < threshold  # art. 37 ust. 1 pkt 2
    if not eligible:
        return _ZERO
    # From 2024 the amount is counted from 130 % of the threshold (staly_factor).
    amount = _to_grosz(threshold * row.staly_factor) - income
    if single:
        amount = min(amount, row.staly_max)  # art. 37 ust. 2 pkt 1: cap for a single person
    # Eligible means income < threshold <= base, so the amount is positive here; art. 37
    # ust. 3 pays the minimum when the difference is smaller.
    amount = max(amount, row.staly_min)
    return _to_grosz(amount)


def zasilek_okresowy_range(
    on: date,
    *,
    persons: int,
    family_income: Decimal,
    figures: LegalFigures | None = None,
) -> tuple[Decimal, Decimal]:
    """The least and the most a zasilek okresowy decision may grant per month (art. 38 ups).

    ``(0.00, 0.00)`` when the income is not below the threshold.
    """
    row = _resolve(on, figures)
    income = _money(family_income, "Dochód nie może być ujemny.")
    threshold = _household_threshold(row, persons)
    if income >= threshold:
        return (_ZERO, _ZERO)
    difference = threshold - income
    floor = _to_grosz(row.okresowy_floor)
    # art. 38 ust. 4: the benefit is never less than 20 zl. When the whole difference is
    # smaller than that, the floor is both the least and the most the decision may grant.
    if difference < floor:
        return (floor, floor)
    half = difference * row.okresowy_min_share
    if persons == 1:
        half = min(half, row.okresowy_single_half_cap)
    # The least is rounded up so it never falls below the legal minimum; the most is
    # rounded down so it never exceeds the difference.
    least = max(_to_grosz(half, ROUND_CEILING), floor)
    most = _to_grosz(difference, ROUND_FLOOR)
    return (least, most)


def prorate(monthly: Decimal, first_day: date, last_day: date | None = None) -> Decimal:
    """The part of a monthly amount for the days ``first_day``..``last_day`` (art. 106 ust. 3 ups).

    Both days must be in one calendar month; ``last_day`` ``None`` means its last day.
    A full month returns ``monthly`` unchanged.
    """
    amount = _money(monthly, "Kwota miesięczna nie może być ujemna.")
    days_in_month = calendar.monthrange(first_day.year, first_day.month)[1]
    if last_day is None:
        last_day = first_day.replace(day=days_in_month)
    if (last_day.year, last_day.month) != (first_day.year, first_day.month):
        raise RuleError("Okres niepełnego miesiąca musi mieścić się w jednym miesiącu "
                        "kalendarzowym.")
    if last_day < first_day:
        raise RuleError("Data końcowa nie może być wcześniejsza niż data początkowa.")
    days_covered = (last_day - first_day).days + 1
    if days_covered == days_in_month:
        return amount
    return _to_grosz(amount * days_covered / days_in_month)


# --- dates and deadlines ---------------------------------------------------------------


def add_months(d: date, months: int) -> date:
    """``d`` moved by ``months``: the matching day, or the last day of a shorter month
    (kpa art. 57 § 3)."""
    month_index = d.year * 12 + (d.month - 1) + months
    year, month0 = divmod(month_index, 12)
    month = month0 + 1
    day = min(d.day, calendar.monthrange(year, month)[1])
    return date(year, month, day)


def working_days_after(start: date, n: int) -> date:
    """The ``n``-th working day after ``start`` (weekends and Polish public holidays excluded)."""
    if n < 0:
        raise RuleError("Liczba dni roboczych nie może być ujemna.")
    current = start
    counted = 0
    while counted < n:
        current += timedelta(days=1)
        if is_working_day(current):
            counted += 1
    return current


def interview_deadline(learned_on: date, *, urgent: bool = False) -> date:
    """Last day for the family interview after learning of the need (Dz.U. 2021 poz. 893)."""
    days = URGENT_INTERVIEW_WORKING_DAYS if urgent else INTERVIEW_WORKING_DAYS
    return working_days_after(learned_on, days)


def decision_deadline(started_on: date, *, complicated: bool = False) -> date:
    """Last day to settle the case (kpa art. 35 § 3), moved per kpa art. 57 § 3-4."""
    months = COMPLICATED_DECISION_MONTHS if complicated else DECISION_MONTHS
    return _on_or_after_working_day(add_months(started_on, months))


def appeal_deadline(delivered_on: date) -> date:
    """Last day to appeal: 14 days from delivery, the delivery day not counted
    (kpa art. 57 § 1, 129 § 2)."""
    return _on_or_after_working_day(delivered_on + timedelta(days=APPEAL_DAYS))


def appeal_forward_deadline(lodged_on: date) -> date:
    """Last day to send an appeal with the files to the SKO (or to revise the decision under
    art. 132): 7 days from its receipt, moved off a Saturday or a holiday (kpa art. 57 § 4,
    art. 133)."""
    return _on_or_after_working_day(lodged_on + timedelta(days=FORWARD_APPEAL_DAYS))


def next_interview_update(last_interview: date) -> date:
    """When the interview must be updated at the latest for a permanent form of help."""
    return add_months(last_interview, INTERVIEW_UPDATE_MONTHS)


# --- helpers ---------------------------------------------------------------------------


def _money(value: Decimal | int, message: str) -> Decimal:
    """``value`` as a finite, non-negative Decimal; ``message`` is the Polish error for
    negatives."""
    # Money must never pass through float; an int (whole zloty) is exact, so it is allowed.
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise TypeError(f"money must be Decimal, got {type(value).__name__}")
    amount = Decimal(value)
    if not amount.is_finite():
        raise RuleError("Kwota musi być liczbą skończoną.")
    if amount < 0:
        raise RuleError(message)
    return amount


def _to_grosz(value: Decimal, rounding: str = ROUND_HALF_UP) -> Decimal:
    return value.quantize(_GROSZ, rounding=rounding)


def _household_threshold(row: LegalFigures, persons: int) -> Decimal:
    """The single threshold for one person, else per-person threshold x persons (art. 8 ust. 1)."""
    if isinstance(persons, bool) or not isinstance(persons, int):
        raise TypeError(f"persons must be int, got {type(persons).__name__}")
    if persons < 1:
        raise RuleError("Liczba osób w rodzinie musi wynosić co najmniej 1.")
    if persons == 1:
        return row.single_threshold
    return row.family_threshold_per_person * persons


@cache
def _public_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("PL", years=year).keys())


def is_working_day(d: date) -> bool:
    """Not a weekend, not a Polish public holiday (24 December included from 2025)."""
    return d.weekday() < 5 and d not in _public_holidays(d.year)


def last_working_day(d: date) -> date:
    """``d`` itself if it is a working day, else the working day before it."""
    while not is_working_day(d):
        d -= timedelta(days=1)
    return d


def _on_or_after_working_day(d: date) -> date:
    # kpa art. 57 § 4: a period ending on a Saturday or a public holiday (Sunday is one)
    # ends on the next working day.
    while not is_working_day(d):
        d += timedelta(days=1)
    return d


def on_or_after_working_day(d: date) -> date:
    """``d`` itself if it is a working day, else the next working day: where a due date
    falling on a day off passes to."""
    return _on_or_after_working_day(d)


# --- contributions the centre pays (ZUS) -------------------------------------------------
#
# Sources, as far as they could be checked here (docs/law.md, "Checked in December 2026"):
# * uśoz = ustawa o świadczeniach opieki zdrowotnej finansowanych ze środków publicznych:
#   art. 66 ust. 1 pkt 26 (a zasiłek stały recipient with no other title is insured),
#   art. 79 ust. 1 (9 %, monthly and "niepodzielna" — never divided by days; quoted on a
#   forum of OPS workers), the basis being the zasiłek paid *(paragraph unverified)*.
# * usus = ustawa o systemie ubezpieczeń społecznych: art. 22 ust. 1 pkt 1–2 (emerytalne
#   19,52 %, rentowe 8 %) *(recalled, not read here: unverified)*; art. 47 ust. 1 pkt 1
#   (a budget unit sends and pays by the 5th of the next month) *(unverified)*.
# * ups art. 42: pension and disability contributions for a person who gave up work to
#   care for a family member — ust. 2: the family's income per person at most 150 % of
#   the per-person threshold, not insured from another title, no emerytura or renta;
#   ust. 3: the basis at most the minimum wage *(recalled, the act's text not read here:
#   unverified)*.
# * Minimum wage: the yearly rozporządzenia Rady Ministrów *(amounts recalled: unverified)*.
# * Title and deregistration codes: the ZUS code list (kody tytułu ubezpieczenia, kody
#   przyczyny wyrejestrowania). 250 = "wydanie decyzji o zaprzestaniu opłacania składki za
#   osobę pobierającą zasiłek stały" is quoted from a payroll vendor's code table; the
#   title codes could not be confirmed *(unverified — check them in Płatnik)*.


@dataclass(frozen=True)
class ContributionFigures:
    """The contribution rates, caps and ZUS codes in force from ``valid_from``."""

    valid_from: date
    health_rate: Decimal  # uśoz art. 79 ust. 1
    pension_rate: Decimal  # usus art. 22 ust. 1 pkt 1
    disability_rate: Decimal  # usus art. 22 ust. 1 pkt 2
    minimum_wage: Decimal  # ups art. 42 ust. 3: the most an art. 42 basis may be
    art42_income_share: Decimal  # ups art. 42 ust. 2: × the per-person threshold
    health_title_code: str  # kod tytułu ubezpieczenia (6 characters) of a zasiłek stały
    pension_title_code: str  # … of an art. 42 carer
    health_end_code: str  # kod przyczyny wyrejestrowania when the zasiłek stały ends
    pension_end_code: str  # … when the art. 42 contributions end
    payment_day: int  # usus art. 47 ust. 1 pkt 1: a budget unit, by this day next month
    verified: bool = False
    note: str = ""


_CONTRIBUTION_NOTE = (
    "9 % (art. 79 ust. 1 uśoz) and the basis = the zasiłek stały paid in the month; "
    "19,52 % + 8 % (usus art. 22) unverified; art. 42 ups conditions (150 %, no other "
    "title, no pension) and the minimum-wage cap recalled, unverified; minimum wage "
    "amounts unverified; title codes 0411xx/1240xx unverified (check in Płatnik); "
    "deregistration code 250 from a vendor's code table, 100 generic; DRA by the 5th "
    "(usus art. 47 ust. 1 pkt 1) unverified")


def _contribution_row(valid_from: date, minimum_wage: str) -> ContributionFigures:
    return ContributionFigures(
        valid_from=valid_from, health_rate=Decimal("0.09"), pension_rate=Decimal("0.1952"),
        disability_rate=Decimal("0.08"), minimum_wage=Decimal(minimum_wage),
        art42_income_share=Decimal("1.50"), health_title_code="041100",
        pension_title_code="124000", health_end_code="250", pension_end_code="100",
        payment_day=5, verified=False, note=_CONTRIBUTION_NOTE)


# One row per change of the minimum wage; every other figure is repeated, so a row never
# borrows from another.
CONTRIBUTION_FIGURES: tuple[ContributionFigures, ...] = (
    _contribution_row(date(2022, 1, 1), "3010.00"),
    _contribution_row(date(2023, 1, 1), "3490.00"),
    _contribution_row(date(2023, 7, 1), "3600.00"),
    _contribution_row(date(2024, 1, 1), "4242.00"),
    _contribution_row(date(2024, 7, 1), "4300.00"),
    _contribution_row(date(2025, 1, 1), "4666.00"),
    _contribution_row(date(2026, 1, 1), "4806.00"),
)
_CONTRIBUTIONS_FROM: tuple[date, ...] = tuple(r.valid_from for r in CONTRIBUTION_FIGURES)


def contribution_figures_on(on: date) -> ContributionFigures:
    """The contribution figures in force on ``on``."""
    index = bisect_right(_CONTRIBUTIONS_FROM, on) - 1
    if index < 0:
        raise RuleError(f"Brak stawek składek dla daty {on:%d.%m.%Y} r.")
    return CONTRIBUTION_FIGURES[index]


def health_contribution(on: date, basis: Decimal) -> Decimal:
    """9 % of the zasiłek stały paid in the month, to the grosz; the contribution is
    monthly and never divided by days (art. 79 ust. 1 uśoz), so a partial month's
    contribution is 9 % of what was paid for it."""
    amount = _money(basis, "Podstawa wymiaru składki nie może być ujemna.")
    return _to_grosz(amount * contribution_figures_on(on).health_rate)


def art42_basis(on: date, requested: Decimal | None = None) -> Decimal:
    """The basis of art. 42 contributions: what the decision names, never more than the
    minimum wage in force (art. 42 ust. 3 ups, unverified); the minimum wage when none."""
    cap = contribution_figures_on(on).minimum_wage
    if requested is None:
        return cap
    return min(_money(requested, "Podstawa wymiaru składek nie może być ujemna."), cap)


def art42_contributions(on: date, basis: Decimal) -> tuple[Decimal, Decimal]:
    """(emerytalne, rentowe) on ``basis``, both paid in full by the centre."""
    amount = _money(basis, "Podstawa wymiaru składek nie może być ujemna.")
    row = contribution_figures_on(on)
    return _to_grosz(amount * row.pension_rate), _to_grosz(amount * row.disability_rate)


def art42_eligibility(on: date, *, income_per_person: Decimal, insured_elsewhere: bool,
                      has_pension: bool, figures: LegalFigures | None = None
                      ) -> tuple[bool, tuple[str, ...]]:
    """Whether the centre may pay art. 42 contributions, with the Polish reasons when not:
    the family's income per person at most 150 % of the per-person threshold, no
    compulsory pension insurance from another title, no emerytura or renta (art. 42
    ust. 2 ups, recalled — unverified)."""
    income = _money(income_per_person, "Dochód na osobę w rodzinie nie może być ujemny.")
    limit = _to_grosz(_resolve(on, figures).family_threshold_per_person
                      * contribution_figures_on(on).art42_income_share)
    reasons: list[str] = []
    if income > limit:
        reasons.append(f"dochód na osobę w rodzinie ({income} zł) przekracza 150% kryterium "
                       f"({limit} zł)")
    if insured_elsewhere:
        reasons.append("osoba podlega ubezpieczeniom emerytalnemu i rentowym z innego tytułu")
    if has_pension:
        reasons.append("osoba ma ustalone prawo do emerytury lub renty")
    return not reasons, tuple(reasons)


# --- Niebieska Karta (ustawa o przeciwdziałaniu przemocy domowej, from 22.06.2023) ---------
#
# Rozporządzenie Rady Ministrów z 6 września 2023 r. w sprawie procedury "Niebieskie
# Karty" (Dz.U. 2023 poz. 1870); its § 2 ust. 1 (NK-A starts the procedure) was read here.
# The periods below come from a secondary summary of § 7–8 *(the regulation's text of § 7–8
# not read here: unverified)*; from which day the first meeting is counted is our reading.

BLUE_CARD_PERIODS: dict[str, int] = {
    "to_chair": 5,  # § 7: NK-A to the przewodniczący zespołu interdyscyplinarnego, working days
    "to_group": 3,  # § 8: the przewodniczący hands it to the grupa diagnostyczno-pomocowa
    "first_meeting": 5,  # § 8: the group meets, counted from the chair's receipt
}
BLUE_CARD_NOTE = ("NK periods (5/3/5 working days) from a secondary summary of Dz.U. 2023 "
                  "poz. 1870 § 7–8, unverified; NK-C is filled at the first meeting with the "
                  "person experiencing violence (§ 11), NK-D with the suspected person "
                  "(§ 12) — no separate period for either known here")


# --- the reporting calendar ------------------------------------------------------------------

@dataclass(frozen=True)
class ReportDue:
    """When a yearly report is due: (month, day) of the year after the period, or of the
    same year for ``same_year``."""

    month: int
    day: int
    same_year: bool
    basis: str
    verified: bool = False


REPORT_DUES: dict[str, ReportDue] = {
    # Sprawozdanie MRPiPS-03 through CAS *(dates unverified: set by the ministry's
    # instructions for the reporting year)*.
    "MRPIPS03_H1": ReportDue(7, 31, True, "sprawozdanie MRPiPS-03 za I półrocze"),
    "MRPIPS03_YEAR": ReportDue(1, 31, False, "sprawozdanie MRPiPS-03 roczne"),
    # art. 16a ust. 4 ups: the ocena zasobów pomocy społecznej by 30 April (date as in
    # docs/law.md's brief; the paragraph number unverified).
    "OZPS": ReportDue(4, 30, False, "art. 16a ups — ocena zasobów pomocy społecznej",
                      verified=True),
    # art. 110 ust. 9 ups: the head's yearly report to the rada gminy; the act sets no day,
    # the rada gminy does *(31 March assumed: unverified)*.
    "RADA_GMINY": ReportDue(3, 31, False, "art. 110 ust. 9 ups — sprawozdanie kierownika "
                                          "dla rady gminy"),
}


def report_due(key: str, period_year: int) -> date:
    """The day the report for ``period_year`` is due, moved to the next working day
    (kpa art. 57 § 4 by analogy)."""
    due = REPORT_DUES[key]
    year = period_year if due.same_year else period_year + 1
    return _on_or_after_working_day(date(year, due.month, due.day))


# --- the right to health care of an uninsured person (art. 54 uśoz) -------------------------
#
# uśoz = ustawa z 27 sierpnia 2004 r. o świadczeniach opieki zdrowotnej finansowanych ze
# środków publicznych. From docs/law.md ("Checked in December 2026") and a legal commentary
# (prawo.pl, "Decyzja potwierdzająca prawo do świadczeń opieki zdrowotnej"): the wójt's
# decision confirms the right of a person who is not insured and meets the income threshold
# of art. 8 ups, after a family interview; the right lasts 90 days from the day the decision
# names and ends (wygasa) when the person becomes insured. The paragraph numbers (ust. 1 and
# 3 for the grant and the interview, ust. 2 for the 90 days, ust. 6 for the early end) and
# the 30 days for a decision on a provider's application after treatment in a stan nagły
# (ust. 5) are recalled, not read in the act here *(unverified)*.


@dataclass(frozen=True)
class HealthCareFigures:
    """The art. 54 uśoz periods in force from ``valid_from``."""

    valid_from: date
    period_days: int  # the right lasts this many days from the day the decision names
    provider_decision_days: int  # a provider's application after a stan nagły: decide within
    verified: bool = False
    note: str = ""


HEALTH_CARE_FIGURES: tuple[HealthCareFigures, ...] = (
    HealthCareFigures(
        valid_from=date(2012, 1, 1), period_days=90, provider_decision_days=30,
        note="90 days (art. 54 ust. 2 uśoz, docs/law.md); paragraph numbers and the 30 days "
             "on a provider's application after a stan nagły recalled, unverified; the start "
             "date of this row is not a date the act names (unverified)"),
)
_HEALTH_CARE_FROM: tuple[date, ...] = tuple(r.valid_from for r in HEALTH_CARE_FIGURES)


def health_care_figures_on(on: date) -> HealthCareFigures:
    index = bisect_right(_HEALTH_CARE_FROM, on) - 1
    if index < 0:
        raise RuleError(f"Brak przepisów o prawie do świadczeń zdrowotnych dla daty "
                        f"{on:%d.%m.%Y} r.")
    return HEALTH_CARE_FIGURES[index]


def health_care_period_end(start: date) -> date:
    """The last day of the right: "przez okres 90 dni od dnia określonego w decyzji" — the
    named day is the first of the 90."""
    return start + timedelta(days=health_care_figures_on(start).period_days - 1)


def health_care_decision_deadline(applied_on: date, *, by_provider: bool) -> date:
    """kpa art. 35 (one month); on a provider's application after treatment, at most the
    act's shorter period (30 days), whichever comes first."""
    due = decision_deadline(applied_on)
    if by_provider:
        days = health_care_figures_on(applied_on).provider_decision_days
        due = min(due, _on_or_after_working_day(applied_on + timedelta(days=days)))
    return due
