"""Tests for opsdesk.services.rules: expected values are computed by hand from docs/law.md."""

from __future__ import annotations

import ast
import dataclasses
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from opsdesk.services import rules
from opsdesk.services.rules import (
    LEGAL_FIGURES,
    LegalFigures,
    add_months,
    appeal_deadline,
    decision_deadline,
    farm_hectare_income,
    figures_on,
    income_change_is_material,
    income_threshold,
    interview_deadline,
    is_large_one_off,
    next_interview_update,
    one_off_income_monthly,
    prorate,
    with_local_thresholds,
    working_days_after,
    zasilek_okresowy_range,
    zasilek_staly,
)

D = Decimal
ZERO = D("0.00")


# --- the dated table ---------------------------------------------------------------


def test_table_is_sorted_and_starts_2018_10_01() -> None:
    starts = [row.valid_from for row in LEGAL_FIGURES]
    assert starts == sorted(starts)
    assert len(set(starts)) == len(starts)
    assert starts == [date(2018, 10, 1), date(2022, 1, 1), date(2024, 1, 1), date(2025, 1, 1)]


def test_table_money_is_decimal_and_rows_frozen() -> None:
    for row in LEGAL_FIGURES:
        for field in dataclasses.fields(row):
            value = getattr(row, field.name)
            assert not isinstance(value, float), field.name
        with pytest.raises(dataclasses.FrozenInstanceError):
            row.single_threshold = D("1")  # type: ignore[misc]


def test_unverified_rows_carry_a_note() -> None:
    for row in LEGAL_FIGURES:
        assert row.verified or row.note
    # The date the 418 zl cap changed to 823 zl is not confirmed by a source.
    assert not figures_on(date(2025, 1, 1)).verified
    assert "unverified" in figures_on(date(2025, 1, 1)).note


@pytest.mark.parametrize(
    ("on", "valid_from"),
    [
        (date(2018, 10, 1), date(2018, 10, 1)),
        (date(2021, 12, 31), date(2018, 10, 1)),
        (date(2022, 1, 1), date(2022, 1, 1)),
        (date(2023, 12, 31), date(2022, 1, 1)),
        (date(2024, 1, 1), date(2024, 1, 1)),
        (date(2024, 12, 31), date(2024, 1, 1)),
        (date(2025, 1, 1), date(2025, 1, 1)),
        (date(2031, 6, 30), date(2025, 1, 1)),
    ],
)
def test_figures_on_picks_the_row_in_force(on: date, valid_from: date) -> None:
    assert figures_on(on).valid_from == valid_from


def test_figures_on_before_the_table_is_refused_in_polish() -> None:
    with pytest.raises(ValueError, match="Brak danych prawnych dla daty 30.09.2018"):
        figures_on(date(2018, 9, 30))
    with pytest.raises(ValueError, match="Brak danych prawnych"):
        income_threshold(date(2010, 1, 1), single=True)


@pytest.mark.parametrize(
    ("on", "single", "per_person", "hectare"),
    [
        (date(2018, 10, 1), D("701"), D("528"), D("308")),
        (date(2021, 12, 31), D("701"), D("528"), D("308")),
        (date(2022, 1, 1), D("776"), D("600"), D("345")),
        (date(2024, 6, 1), D("776"), D("600"), D("345")),
        (date(2025, 1, 1), D("1010"), D("823"), D("459")),
    ],
)
def test_thresholds_and_hectare_income(
    on: date, single: Decimal, per_person: Decimal, hectare: Decimal
) -> None:
    assert income_threshold(on, single=True) == single
    assert income_threshold(on, single=False) == per_person
    assert farm_hectare_income(on) == hectare


@pytest.mark.parametrize(
    ("on", "single_base", "family_base"),
    [
        (date(2024, 1, 1), D("1008.80"), D("780.00")),  # 1.30 x 776, 1.30 x 600
        (date(2025, 1, 1), D("1313.00"), D("1069.90")),  # 1.30 x 1010, 1.30 x 823
    ],
)
def test_staly_130_percent_bases_match_law(on: date, single_base: Decimal,
                                           family_base: Decimal) -> None:
    row = figures_on(on)
    assert row.single_threshold * row.staly_factor == single_base
    assert row.family_threshold_per_person * row.staly_factor == family_base


@pytest.mark.parametrize(
    ("on", "hectares", "expected"),
    [
        (date(2025, 3, 1), D("0.9999"), D("0.00")),  # under 1 ha przeliczeniowy: not counted
        (date(2025, 3, 1), D("1"), D("459.00")),  # exactly 1 ha counts
        (date(2025, 3, 1), D("2.5"), D("1147.50")),  # 2.5 x 459
        (date(2024, 12, 31), D("2.5"), D("862.50")),  # 2.5 x 345
        (date(2021, 6, 1), D("1.3333"), D("410.66")),  # 1.3333 x 308 = 410.6564
        (date(2025, 3, 1), D("0"), D("0.00")),
    ],
)
def test_farm_income(on: date, hectares: Decimal, expected: Decimal) -> None:
    assert rules.farm_income(on, hectares) == expected


@pytest.mark.parametrize(
    ("on", "persons", "expected"),
    [
        (date(2025, 1, 1), 1, D("1010.00")),
        (date(2025, 1, 1), 2, D("1646.00")),
        (date(2024, 12, 31), 4, D("2400.00")),
        (date(2018, 10, 1), 3, D("1584.00")),
    ],
)
def test_household_threshold(on: date, persons: int, expected: Decimal) -> None:
    assert rules.household_threshold(on, persons=persons) == expected


def test_household_threshold_with_local_figures() -> None:
    local = with_local_thresholds(figures_on(date(2025, 1, 1)), per_person=D("900"))
    assert rules.household_threshold(date(2025, 1, 1), persons=3, figures=local) == D("2700")


# --- local thresholds ------------------------------------------------------------------


def test_with_local_thresholds_replaces_only_thresholds() -> None:
    base = figures_on(date(2025, 3, 1))
    local = with_local_thresholds(base, single=D("1100"), per_person=D("900"))
    assert local.single_threshold == D("1100")
    assert local.family_threshold_per_person == D("900")
    assert local.staly_max == base.staly_max
    assert local.valid_from == base.valid_from
    assert "rady gminy" in local.note
    assert base.single_threshold == D("1010.00")  # the table itself is untouched
    assert income_threshold(date(2025, 3, 1), single=True, figures=local) == D("1100")
    assert income_threshold(date(2025, 3, 1), single=False, figures=local) == D("900")


def test_with_local_thresholds_without_changes_returns_same_row() -> None:
    base = figures_on(date(2025, 3, 1))
    assert with_local_thresholds(base) is base


def test_local_threshold_cannot_be_lowered() -> None:
    base = figures_on(date(2025, 3, 1))
    with pytest.raises(ValueError, match="nie może być niższe od ustawowego"):
        with_local_thresholds(base, single=D("1000"))
    with pytest.raises(ValueError, match="nie może być ujemne"):
        with_local_thresholds(base, per_person=D("-1"))


# --- zasilek staly (art. 37) -----------------------------------------------------------


@pytest.mark.parametrize(
    ("on", "own_income", "expected"),
    [
        # 2018-10-01 row: 701 - income, max 645, min 30
        (date(2019, 5, 1), D("100"), D("601.00")),  # 701 - 100
        (date(2019, 5, 1), D("56"), D("645.00")),  # 701 - 56 = 645, exactly the max
        (date(2019, 5, 1), D("0"), D("645.00")),  # 701 > 645 -> max
        (date(2019, 5, 1), D("55.99"), D("645.00")),  # 645.01 -> max
        (date(2019, 5, 1), D("690"), D("30.00")),  # 11 -> min 30
        (date(2019, 5, 1), D("700.99"), D("30.00")),  # 0.01 -> min 30
        (date(2019, 5, 1), D("701"), ZERO),  # not below the threshold
        (date(2019, 5, 1), D("800"), ZERO),
        # 2022-01-01 row: 776 - income, max 719, min 30
        (date(2022, 1, 1), D("0"), D("719.00")),  # 776 > 719 -> max
        (date(2023, 12, 31), D("57"), D("719.00")),  # 776 - 57 = 719
        (date(2022, 7, 1), D("100"), D("676.00")),  # 776 - 100
        (date(2022, 7, 1), D("321.45"), D("454.55")),  # 776 - 321.45
        (date(2022, 7, 1), D("760"), D("30.00")),  # 16 -> min 30
        (date(2022, 7, 1), D("776"), ZERO),  # equal: ineligible
        # 2024-01-01 row: 1008.80 - income, max 1000, min 100
        (date(2024, 1, 1), D("0"), D("1000.00")),  # 1008.80 -> max
        (date(2024, 1, 1), D("8.80"), D("1000.00")),  # 1008.80 - 8.80 = 1000
        (date(2024, 1, 1), D("8.81"), D("999.99")),  # 1008.80 - 8.81
        (date(2024, 5, 1), D("500"), D("508.80")),  # 1008.80 - 500
        (date(2024, 5, 1), D("775.99"), D("232.81")),  # 1008.80 - 775.99, still below 776
        # The 130 % formula would give 232.80, but 776 is not below 776.
        (date(2024, 5, 1), D("776"), ZERO),
        # 2025-01-01 row: 1313.00 - income, max 1229, min 100
        (date(2025, 6, 15), D("0"), D("1229.00")),  # 1313 -> max
        (date(2025, 6, 15), D("84"), D("1229.00")),  # 1313 - 84 = 1229
        (date(2025, 6, 15), D("84.01"), D("1228.99")),  # 1313 - 84.01
        (date(2025, 6, 15), D("500"), D("813.00")),  # 1313 - 500
        (date(2025, 6, 15), D("1009.99"), D("303.01")),  # 1313 - 1009.99
        (date(2025, 6, 15), D("1010"), ZERO),  # equal: ineligible
    ],
)
def test_zasilek_staly_single(on: date, own_income: Decimal, expected: Decimal) -> None:
    result = zasilek_staly(on, single=True, own_income=own_income)
    assert result == expected
    assert result.as_tuple().exponent == -2


@pytest.mark.parametrize(
    ("on", "own_income", "per_person", "expected"),
    [
        # 2018 row: 528 - income per person, min 30, no max in a family
        (date(2020, 2, 1), D("200"), D("300"), D("228.00")),  # 528 - 300
        (date(2020, 2, 1), D("0"), D("0"), D("528.00")),  # 528 - 0
        (date(2020, 2, 1), D("100"), D("510"), D("30.00")),  # 18 -> min 30
        (date(2020, 2, 1), D("528"), D("300"), ZERO),  # own income not below 528
        (date(2020, 2, 1), D("100"), D("528"), ZERO),  # income per person not below 528
        # 2022 row: 600 - income per person
        (date(2022, 3, 1), D("50"), D("150"), D("450.00")),  # 600 - 150
        (date(2023, 3, 1), D("50"), D("588.50"), D("30.00")),  # 11.50 -> min 30
        (date(2022, 3, 1), D("600"), D("100"), ZERO),
        # 2024 row: 780.00 - income per person
        (date(2024, 2, 1), D("100"), D("300"), D("480.00")),  # 780 - 300
        (date(2024, 2, 1), D("100"), D("599.99"), D("180.01")),  # 780 - 599.99
        (date(2024, 2, 1), D("100"), D("600"), ZERO),  # per person equal to 600: ineligible
        (date(2024, 2, 1), D("650"), D("300"), ZERO),  # own income above 600
        # 2025 row: 1069.90 - income per person
        (date(2025, 2, 1), D("0"), D("0"), D("1069.90")),  # 1069.90 - 0
        (date(2025, 2, 1), D("400"), D("250.40"), D("819.50")),  # 1069.90 - 250.40
        (date(2025, 2, 1), D("400"), D("822.99"), D("246.91")),  # 1069.90 - 822.99
        (date(2025, 2, 1), D("823"), D("200"), ZERO),
    ],
)
def test_zasilek_staly_in_family(
    on: date, own_income: Decimal, per_person: Decimal, expected: Decimal
) -> None:
    assert (
        zasilek_staly(on, single=False, own_income=own_income, income_per_person=per_person)
        == expected
    )


def test_zasilek_staly_family_has_no_single_cap() -> None:
    # Local per-person threshold 1000 in 2025: 1.30 x 1000 = 1300 > 1229, not capped in a family.
    local = with_local_thresholds(figures_on(date(2025, 1, 1)), per_person=D("1000"))
    result = zasilek_staly(
        date(2025, 1, 1), single=False, own_income=D("0"), income_per_person=D("0"), figures=local
    )
    assert result == D("1300.00")


@pytest.mark.parametrize(
    ("on", "local_single", "own_income", "expected"),
    [
        # 2024: local single 1300 -> base 1.30 x 1300 = 1690; 1690 - 1250 = 440
        (date(2024, 4, 1), D("1300"), D("1250"), D("440.00")),
        # 2024: base 1690 - 1299.99 = 390.01 (income just below the local threshold)
        (date(2024, 4, 1), D("1300"), D("1299.99"), D("390.01")),
        # 2025: local single 1500 -> base 1950; 1950 - 1499.99 = 450.01
        (date(2025, 4, 1), D("1500"), D("1499.99"), D("450.01")),
        # 2025: 1500 is not below the local 1500 -> ineligible
        (date(2025, 4, 1), D("1500"), D("1500"), ZERO),
        # 2025: base 1950 - 0 -> capped at 1229
        (date(2025, 4, 1), D("1500"), D("0"), D("1229.00")),
    ],
)
def test_zasilek_staly_with_local_threshold(
    on: date, local_single: Decimal, own_income: Decimal, expected: Decimal
) -> None:
    local = with_local_thresholds(figures_on(on), single=local_single)
    assert zasilek_staly(on, single=True, own_income=own_income, figures=local) == expected


@pytest.mark.parametrize("on", [date(2024, 4, 1), date(2025, 4, 1)])
def test_zasilek_staly_minimum_100_from_2024(on: date) -> None:
    # With statutory figures the 130 % base keeps the amount above 100; a custom row with
    # factor 1.00 shows the 100 zl minimum applies: 1010 (or 776) - (threshold - 40) = 40 -> 100.
    row = dataclasses.replace(figures_on(on), staly_factor=D("1.00"))
    income = row.single_threshold - D("40")
    assert zasilek_staly(on, single=True, own_income=income, figures=row) == D("100.00")


def test_zasilek_staly_rounds_to_grosz_half_up() -> None:
    # 2025: 1313.00 - 500.005 = 812.995 -> 813.00
    assert zasilek_staly(date(2025, 1, 1), single=True, own_income=D("500.005")) == D("813.00")


def test_zasilek_staly_single_ignores_income_per_person() -> None:
    assert zasilek_staly(
        date(2025, 1, 1), single=True, own_income=D("500"), income_per_person=D("100")
    ) == D("813.00")


def test_zasilek_staly_family_needs_income_per_person() -> None:
    with pytest.raises(ValueError, match="dochód na osobę"):
        zasilek_staly(date(2025, 1, 1), single=False, own_income=D("100"))


# --- zasilek okresowy (art. 38) --------------------------------------------------------


@pytest.mark.parametrize(
    ("on", "persons", "income", "least", "most"),
    [
        # 2018 row: single 701, family 528 x persons
        (date(2020, 3, 1), 1, D("301"), D("200.00"), D("400.00")),  # diff 400, half 200
        (date(2020, 3, 1), 1, D("0"), D("350.50"), D("701.00")),  # diff 701, half 350.50
        (date(2020, 3, 1), 1, D("661"), D("20.00"), D("40.00")),  # diff 40, half 20
        (date(2020, 3, 1), 1, D("671"), D("20.00"), D("30.00")),  # diff 30, half 15 -> floor 20
        (date(2020, 3, 1), 1, D("690"), D("20.00"), D("20.00")),  # diff 11 < 20 -> 20 both
        (date(2020, 3, 1), 1, D("701"), ZERO, ZERO),  # equal: ineligible
        (date(2020, 3, 1), 3, D("1000"), D("292.00"), D("584.00")),  # 3 x 528 = 1584, diff 584
        # 2022 row: single 776, family 600 x persons
        (date(2022, 5, 1), 1, D("376.01"), D("200.00"), D("399.99")),  # half 199.995 -> up 200.00
        (date(2022, 5, 1), 4, D("1200"), D("600.00"), D("1200.00")),  # 4 x 600 = 2400, diff 1200
        (date(2022, 5, 1), 4, D("2399.99"), D("20.00"), D("20.00")),  # diff 0.01 -> 20 both
        (date(2022, 5, 1), 4, D("2400"), ZERO, ZERO),  # equal: ineligible
        (date(2022, 5, 1), 4, D("2500"), ZERO, ZERO),
        # 2024 row: same thresholds as 2022
        (date(2024, 8, 1), 1, D("500"), D("138.00"), D("276.00")),  # 776 - 500 = 276
        # 2 x 600 = 1200; 1200 - 700.01 = 499.99, half 249.995 -> 250.00
        (date(2024, 8, 1), 2, D("700.01"), D("250.00"), D("499.99")),
        # 2025 row: single 1010, family 823 x persons
        (date(2025, 1, 1), 1, D("0"), D("505.00"), D("1010.00")),  # half 505 (below the 823 cap)
        (date(2025, 1, 1), 1, D("510.01"), D("250.00"), D("499.99")),  # half 249.995 -> 250.00
        (date(2025, 1, 1), 1, D("1009.99"), D("20.00"), D("20.00")),  # diff 0.01 -> 20 both
        (date(2025, 1, 1), 1, D("1010"), ZERO, ZERO),  # equal: ineligible
        (date(2025, 1, 1), 2, D("1000.005"), D("323.00"), D("645.99")),  # 1646 - 1000.005 = 645.995
        # 5 x 823 = 4115, a family is not capped
        (date(2025, 1, 1), 5, D("0"), D("2057.50"), D("4115.00")),
    ],
)
def test_zasilek_okresowy_range(
    on: date, persons: int, income: Decimal, least: Decimal, most: Decimal
) -> None:
    assert zasilek_okresowy_range(on, persons=persons, family_income=income) == (least, most)


def test_okresowy_least_rounds_up_by_one_grosz() -> None:
    # 2025 single: 1010 - 9.998 = 1000.002; half 500.001 -> 500.01 (up, where half-up gives
    # 500.00); most 1000.002 -> 1000.00 (down)
    least, most = zasilek_okresowy_range(date(2025, 1, 1), persons=1, family_income=D("9.998"))
    assert (least, most) == (D("500.01"), D("1000.00"))
    # 2025 single: 1010 - 0.003 = 1009.997; half 504.9985 -> 505.00 up; most 1009.99 down
    least, most = zasilek_okresowy_range(date(2025, 1, 1), persons=1, family_income=D("0.003"))
    assert (least, most) == (D("505.00"), D("1009.99"))


@pytest.mark.parametrize(
    ("on", "local_single", "least", "most"),
    [
        # 2022: local single 1000, income 0 -> half 500 capped at 418
        (date(2022, 6, 1), D("1000"), D("418.00"), D("1000.00")),
        # 2024: same cap 418
        (date(2024, 6, 1), D("900"), D("418.00"), D("900.00")),  # half 450 -> 418
        # 2025: local single 2000 -> half 1000 capped at 823
        (date(2025, 6, 1), D("2000"), D("823.00"), D("2000.00")),
        # 2025: local single 1600 -> half 800, under the cap
        (date(2025, 6, 1), D("1600"), D("800.00"), D("1600.00")),
    ],
)
def test_okresowy_single_half_cap(
    on: date, local_single: Decimal, least: Decimal, most: Decimal
) -> None:
    local = with_local_thresholds(figures_on(on), single=local_single)
    assert zasilek_okresowy_range(on, persons=1, family_income=D("0"),
                                  figures=local) == (least, most)


def test_okresowy_half_cap_does_not_apply_to_a_family() -> None:
    # 2025: local per-person 1000 x 2 = 2000, income 0 -> half 1000, no cap for a family
    local = with_local_thresholds(figures_on(date(2025, 6, 1)), per_person=D("1000"))
    assert zasilek_okresowy_range(
        date(2025, 6, 1), persons=2, family_income=D("0"), figures=local
    ) == (D("1000.00"), D("2000.00"))


# --- prorate (art. 106 ust. 3) ---------------------------------------------------------


@pytest.mark.parametrize(
    ("monthly", "first", "last", "expected"),
    [
        (D("1000"), date(2025, 1, 15), None, D("548.39")),  # 1000 x 17 / 31 = 548.387...
        (D("1000"), date(2025, 1, 1), date(2025, 1, 15), D("483.87")),  # 1000 x 15 / 31 = 483.87
        (D("1000"), date(2024, 2, 10), None, D("689.66")),  # leap Feb: 1000 x 20 / 29 = 689.655...
        (D("1000"), date(2025, 2, 10), None, D("678.57")),  # 1000 x 19 / 28 = 678.571...
        (D("1000"), date(2024, 2, 29), date(2024, 2, 29), D("34.48")),  # 1000 / 29 = 34.482...
        (D("1000"), date(2025, 3, 31), date(2025, 3, 31), D("32.26")),  # first == last: 1000 / 31
        (D("1000"), date(2025, 12, 31), None, D("32.26")),  # last day of the year, 1 day of 31
        (D("1000"), date(2025, 4, 1), date(2025, 4, 29), D("966.67")),  # 1000 x 29 / 30 = 966.67
        (D("100.35"), date(2025, 4, 30), None, D("3.35")),  # 100.35 / 30 = 3.345 -> half up 3.35
        (D("0"), date(2025, 4, 10), None, D("0.00")),
    ],
)
def test_prorate_partial_month(
    monthly: Decimal, first: date, last: date | None, expected: Decimal
) -> None:
    assert prorate(monthly, first, last) == expected


@pytest.mark.parametrize(
    ("monthly", "first", "last"),
    [
        (D("1229.00"), date(2024, 2, 1), date(2024, 2, 29)),  # leap February, whole
        (D("1229.00"), date(2024, 2, 1), None),
        (D("813.33"), date(2025, 2, 1), None),  # 28-day February, whole
        (D("500.00"), date(2025, 1, 1), date(2025, 1, 31)),
    ],
)
def test_prorate_full_month_returns_monthly_exactly(
    monthly: Decimal, first: date, last: date | None
) -> None:
    assert prorate(monthly, first, last) == monthly


@pytest.mark.parametrize(
    ("first", "last", "message"),
    [
        (date(2025, 1, 31), date(2025, 2, 1), "jednym miesiącu"),  # month boundary
        (date(2024, 12, 31), date(2025, 1, 1), "jednym miesiącu"),  # year boundary
        (date(2025, 1, 20), date(2025, 1, 19), "wcześniejsza"),
    ],
)
def test_prorate_rejects_bad_periods(first: date, last: date, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        prorate(D("1000"), first, last)


# --- working days and deadlines --------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (date(2025, 6, 2), 0, date(2025, 6, 2)),
        (date(2025, 6, 2), 1, date(2025, 6, 3)),  # Mon -> Tue
        (date(2025, 6, 6), 1, date(2025, 6, 9)),  # Fri -> Mon over the weekend
        (date(2025, 6, 7), 1, date(2025, 6, 9)),  # Sat -> Mon
        (date(2025, 6, 18), 1, date(2025, 6, 20)),  # Wed -> Fri, Corpus Christi 19 Jun skipped
        (date(2025, 8, 14), 1, date(2025, 8, 18)),  # Thu -> Mon, 15 Aug (Fri) skipped
    ],
)
def test_working_days_after(start: date, n: int, expected: date) -> None:
    assert working_days_after(start, n) == expected


def test_working_days_after_rejects_negative() -> None:
    with pytest.raises(ValueError, match="ujemna"):
        working_days_after(date(2025, 1, 1), -1)


@pytest.mark.parametrize(
    ("learned_on", "urgent", "expected"),
    [
        # Mon 15 Dec 2025: 16-19 (4), 22-23 (6), 24-26 Dec holidays, 29-31 (9), 1 Jan holiday,
        # 2 Jan (10), 5 Jan (11), 6 Jan Epiphany, 7-9 Jan (14)
        (date(2025, 12, 15), False, date(2026, 1, 9)),
        # Thu 17 Apr 2025: 18 (1), Easter Monday 21 skipped, 22-25 (5), 28-30 (8), 1 May holiday,
        # 2 May (9), 5-9 May (14)
        (date(2025, 4, 17), False, date(2025, 5, 9)),
        # Fri 31 Oct 2025: 3-7 Nov (5), 10 (6), 11 Nov holiday, 12-14 (9), 17-21 (14)
        (date(2025, 10, 31), False, date(2025, 11, 21)),
        # urgent, over a plain weekend: Fri 10 Oct 2025 -> Mon 13 (1), Tue 14 (2)
        (date(2025, 10, 10), True, date(2025, 10, 14)),
        # urgent over Easter: Thu 17 Apr 2025 -> Fri 18 (1), Mon 21 holiday, Tue 22 (2)
        (date(2025, 4, 17), True, date(2025, 4, 22)),
        # urgent over 11 Nov: Fri 7 Nov 2025 -> Mon 10 (1), Tue 11 holiday, Wed 12 (2)
        (date(2025, 11, 7), True, date(2025, 11, 12)),
        # urgent: 24 Dec was a working day in 2024 -> Tue 24 (1), 25-26 holidays, Fri 27 (2)
        (date(2024, 12, 23), True, date(2024, 12, 27)),
        # urgent: 24 Dec is a holiday from 2025 -> 24-26 holidays, weekend, Mon 29 (1), Tue 30 (2)
        (date(2025, 12, 23), True, date(2025, 12, 30)),
    ],
)
def test_interview_deadline(learned_on: date, urgent: bool, expected: date) -> None:
    assert interview_deadline(learned_on, urgent=urgent) == expected


@pytest.mark.parametrize(
    ("started_on", "complicated", "expected"),
    [
        (date(2025, 3, 15), False, date(2025, 4, 15)),  # matching day, a Tuesday
        (date(2025, 1, 31), False, date(2025, 2, 28)),  # end of Feb, a Friday
        (date(2024, 1, 31), False, date(2024, 2, 29)),  # leap year, a Thursday
        (date(2026, 1, 31), False, date(2026, 3, 2)),  # 28 Feb 2026 is a Saturday -> Mon 2 Mar
        (date(2025, 12, 31), True, date(2026, 3, 2)),  # 2 months -> Sat 28 Feb -> Mon 2 Mar
        (date(2025, 10, 11), False, date(2025, 11, 12)),  # 11 Nov (Tue) holiday -> Wed 12 Nov
        (date(2025, 3, 21), False, date(2025, 4, 22)),  # Easter Monday 21 Apr -> Tue 22 Apr
        (date(2025, 10, 1), False, date(2025, 11, 3)),  # Sat 1 Nov holiday, Sun 2 -> Mon 3
        (date(2025, 6, 14), False, date(2025, 7, 14)),  # matching day, a Monday
        (date(2025, 5, 15), False, date(2025, 6, 16)),  # Sun 15 Jun -> Mon 16 Jun
        # 24 Dec 2025 holiday, 25-26 holidays, 27-28 weekend -> Mon 29 Dec
        (date(2025, 10, 24), True, date(2025, 12, 29)),
    ],
)
def test_decision_deadline(started_on: date, complicated: bool, expected: date) -> None:
    assert decision_deadline(started_on, complicated=complicated) == expected


@pytest.mark.parametrize(
    ("delivered_on", "expected"),
    [
        (date(2025, 6, 4), date(2025, 6, 18)),  # Wed + 14 = Wed
        (date(2025, 6, 5), date(2025, 6, 20)),  # 19 Jun Corpus Christi -> Fri 20
        (date(2025, 6, 7), date(2025, 6, 23)),  # ends Sat 21 Jun -> Mon 23
        (date(2025, 6, 1), date(2025, 6, 16)),  # ends Sun 15 Jun (Pentecost is 8 Jun) -> Mon 16
        (date(2025, 10, 28), date(2025, 11, 12)),  # ends 11 Nov -> Wed 12 Nov
        (date(2025, 10, 18), date(2025, 11, 3)),  # ends Sat 1 Nov (All Saints) -> Mon 3 Nov
        (date(2025, 12, 11), date(2025, 12, 29)),  # ends 25 Dec -> 26 holiday, weekend -> 29
        (date(2025, 12, 10), date(2025, 12, 29)),  # ends 24 Dec (holiday from 2025) -> 29
        (date(2024, 12, 10), date(2024, 12, 24)),  # 24 Dec 2024 was still a working day
        (date(2026, 3, 23), date(2026, 4, 7)),  # ends Easter Monday 6 Apr 2026 -> Tue 7
    ],
)
def test_appeal_deadline(delivered_on: date, expected: date) -> None:
    assert appeal_deadline(delivered_on) == expected


@pytest.mark.parametrize(
    ("d", "months", "expected"),
    [
        (date(2025, 1, 31), 1, date(2025, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2025, 3, 31), -1, date(2025, 2, 28)),
        (date(2025, 11, 30), 3, date(2026, 2, 28)),
        (date(2025, 5, 15), 0, date(2025, 5, 15)),
        (date(2025, 12, 15), 1, date(2026, 1, 15)),
        (date(2025, 1, 15), -13, date(2023, 12, 15)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2025, 5, 31), 1, date(2025, 6, 30)),
    ],
)
def test_add_months(d: date, months: int, expected: date) -> None:
    assert add_months(d, months) == expected


@pytest.mark.parametrize(
    ("last", "expected"),
    [
        (date(2025, 3, 15), date(2025, 9, 15)),
        (date(2025, 8, 31), date(2026, 2, 28)),
        (date(2023, 8, 31), date(2024, 2, 29)),
        (date(2025, 12, 31), date(2026, 6, 30)),
    ],
)
def test_next_interview_update(last: date, expected: date) -> None:
    assert next_interview_update(last) == expected


# --- income rules ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (D("1200"), D("100.00")),
        (D("1000"), D("83.33")),  # 83.333...
        (D("1000.06"), D("83.34")),  # 83.338...
        (D("100.14"), D("8.35")),  # 8.345 -> half up (half-even would give 8.34)
        (D("0"), D("0.00")),
    ],
)
def test_one_off_income_monthly(amount: Decimal, expected: Decimal) -> None:
    assert one_off_income_monthly(amount) == expected


@pytest.mark.parametrize(
    ("on", "persons", "amount", "expected"),
    [
        (date(2025, 1, 1), 1, D("5050"), False),  # 5 x 1010 = 5050, not above
        (date(2025, 1, 1), 1, D("5050.01"), True),
        (date(2025, 1, 1), 3, D("12345"), False),  # 5 x 3 x 823 = 12345
        (date(2025, 1, 1), 3, D("12345.01"), True),
        (date(2019, 1, 1), 1, D("3505"), False),  # 5 x 701 = 3505
        (date(2019, 1, 1), 1, D("3505.01"), True),
        (date(2022, 1, 1), 2, D("6000.01"), True),  # 5 x 2 x 600 = 6000
    ],
)
def test_is_large_one_off(on: date, persons: int, amount: Decimal, expected: bool) -> None:
    assert is_large_one_off(on, amount, persons=persons) is expected


@pytest.mark.parametrize(
    ("on", "persons", "old", "new", "expected"),
    [
        (date(2025, 1, 1), 1, D("500"), D("601"), False),  # change 101 = 10 % x 1010
        (date(2025, 1, 1), 1, D("500"), D("601.01"), True),
        (date(2025, 1, 1), 1, D("601.01"), D("500"), True),  # a fall counts the same
        (date(2025, 1, 1), 2, D("1000"), D("1164.60"), False),  # 10 % x 1646 = 164.60
        (date(2025, 1, 1), 2, D("1000"), D("1164.61"), True),
        (date(2022, 6, 1), 1, D("300"), D("377.60"), False),  # 10 % x 776 = 77.60
        (date(2022, 6, 1), 1, D("300"), D("377.61"), True),
        (date(2025, 1, 1), 1, D("500"), D("500"), False),
    ],
)
def test_income_change_is_material(
    on: date, persons: int, old: Decimal, new: Decimal, expected: bool
) -> None:
    assert (
        income_change_is_material(on, old_income=old, new_income=new, persons=persons)
        is expected
    )


# --- validation ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "call",
    [
        lambda: zasilek_staly(date(2025, 1, 1), single=True, own_income=D("-0.01")),
        lambda: zasilek_staly(
            date(2025, 1, 1), single=False, own_income=D("0"), income_per_person=D("-1")
        ),
        lambda: zasilek_okresowy_range(date(2025, 1, 1), persons=1, family_income=D("-5")),
        lambda: prorate(D("-1"), date(2025, 1, 1)),
        lambda: one_off_income_monthly(D("-12")),
        lambda: rules.farm_income(date(2025, 1, 1), D("-1")),
        lambda: is_large_one_off(date(2025, 1, 1), D("-1"), persons=1),
        lambda: income_change_is_material(
            date(2025, 1, 1), old_income=D("-1"), new_income=D("0"), persons=1
        ),
    ],
)
def test_negative_money_is_refused_in_polish(call) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match="nie może być ujemn"):
        call()


@pytest.mark.parametrize("persons", [0, -1])
def test_persons_below_one_is_refused(persons: int) -> None:
    with pytest.raises(ValueError, match="co najmniej 1"):
        zasilek_okresowy_range(date(2025, 1, 1), persons=persons, family_income=D("0"))
    with pytest.raises(ValueError, match="co najmniej 1"):
        is_large_one_off(date(2025, 1, 1), D("1"), persons=persons)
    with pytest.raises(ValueError, match="co najmniej 1"):
        income_change_is_material(
            date(2025, 1, 1), old_income=D("1"), new_income=D("1"), persons=persons
        )


def test_float_money_is_a_bug() -> None:
    with pytest.raises(TypeError):
        zasilek_staly(date(2025, 1, 1), single=True, own_income=500.0)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        prorate(1000.0, date(2025, 1, 2))  # type: ignore[arg-type]


def test_non_finite_money_is_refused() -> None:
    with pytest.raises(ValueError, match="skończoną"):
        one_off_income_monthly(D("NaN"))


def test_int_money_is_accepted_exactly() -> None:
    assert zasilek_okresowy_range(date(2025, 1, 1), persons=1, family_income=10) == (  # type: ignore[arg-type]
        D("500.00"),
        D("1000.00"),
    )


# --- layering --------------------------------------------------------------------------


def test_rules_imports_no_qt_and_no_database() -> None:
    tree = ast.parse(Path(rules.__file__).read_text(encoding="utf-8"))
    imported: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module.split(".")[0])
    assert not imported & {"PySide6", "PyQt5", "PyQt6", "sqlalchemy", "sqlite3"}
    assert isinstance(figures_on(date(2025, 1, 1)), LegalFigures)
