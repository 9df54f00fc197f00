"""Amounts in the benefit forms: shown blank when there is none, typed as a clerk types
them."""

from __future__ import annotations

from decimal import Decimal

from opsdesk.formatting import format_money


def money_or_blank(value: object) -> str:
    return format_money(value) if isinstance(value, Decimal) else ""  # type: ignore[arg-type]


def typed_amount(amount: Decimal | str | None) -> str:
    """An amount as a clerk would type it: "305,00"."""
    return "" if amount is None else f"{Decimal(amount):.2f}".replace(".", ",")
