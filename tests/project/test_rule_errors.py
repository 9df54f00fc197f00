"""A rule that refuses a value — the law's table (``services.rules``), the reading of what
was typed (``formatting``) — raises a RuleError: a UserFacingError whose Polish message the
window shows as it is, not the "unexpected error" box of a bug."""

from __future__ import annotations

import ast
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from opsdesk import formatting
from opsdesk.errors import RuleError, UserFacingError
from opsdesk.services import rules
from opsdesk.ui.errors import show_error
from tests.ui_helpers import Modal

ROOT = Path(__file__).resolve().parents[2] / "opsdesk"
REFUSALS: list[tuple[Callable[[], object], str]] = [
    (lambda: rules.figures_on(date(2018, 9, 30)), "Brak danych prawnych"),
    (lambda: rules.with_local_thresholds(rules.figures_on(date(2025, 1, 1)),
                                         single=Decimal("1")), "niższe od ustawowego"),
    (lambda: rules.zasilek_staly(date(2025, 1, 1), single=False, own_income=Decimal("100")),
     "dochód na osobę"),
    (lambda: rules.prorate(Decimal("1000"), date(2025, 1, 31), date(2025, 2, 1)),
     "jednym miesiącu"),
    (lambda: rules.working_days_after(date(2025, 1, 1), -1), "ujemna"),
    (lambda: rules.household_threshold(date(2025, 1, 1), persons=0), "co najmniej 1"),
    (lambda: formatting.parse_date("31.02.2026"), "Nie ma takiej daty"),
    (lambda: formatting.parse_date("jutro"), "dd.mm.rrrr"),
    (lambda: formatting.parse_money("-5"), "ujemna"),
    (lambda: formatting.parse_money("12,345"), "dwa miejsca"),
    (lambda: formatting.amount_in_words(Decimal("-1")), "ujemna"),
]


@pytest.mark.parametrize(("call", "message"), REFUSALS)
def test_a_refused_value_is_a_rule_error_with_its_polish_message(
        call: Callable[[], object], message: str) -> None:
    with pytest.raises(RuleError, match=message) as refused:
        call()
    assert isinstance(refused.value, UserFacingError) and isinstance(refused.value, ValueError)
    assert message in refused.value.message


@pytest.mark.parametrize("module", ["services/rules.py", "formatting.py"])
def test_the_rules_raise_no_bare_value_error(module: str) -> None:
    """A refusal written there later is a RuleError too, or the window shows it as a bug."""
    tree = ast.parse((ROOT / module).read_text(encoding="utf-8"))
    bare = [node.lineno for node in ast.walk(tree) if isinstance(node, ast.Raise)
            and isinstance(node.exc, ast.Call) and isinstance(node.exc.func, ast.Name)
            and node.exc.func.id == "ValueError"]
    assert bare == []


def test_the_window_shows_a_rule_error_as_a_message_not_a_bug(qtbot) -> None:  # type: ignore[no-untyped-def]
    seen: list[tuple[QMessageBox.Icon, str, str]] = []

    def look(box: QMessageBox) -> None:
        seen.append((box.icon(), box.text(), box.detailedText()))
        box.accept()

    modal = Modal(qtbot)
    modal(look)
    try:
        formatting.parse_date("31.02.2026")
    except RuleError as exc:
        show_error(None, exc)
    modal.check()
    assert seen == [(QMessageBox.Icon.Warning, "Nie ma takiej daty: „31.02.2026”.", "")]
