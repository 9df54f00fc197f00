"""Every area of ``Changes`` is announced by some write and refreshes some screen: an area
nobody sends leaves a screen stale, an area nobody listens to is a refresh that never comes."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import opsdesk
from opsdesk.changes import Changes

UI = Path(opsdesk.__file__).parent / "ui"


def _areas(node: ast.AST, constants: dict[str, set[str]]) -> set[str]:
    """The members named in an expression such as ``Changes.CASES | AREA``."""
    found: set[str] = set()
    for sub in ast.walk(node):
        if (isinstance(sub, ast.Attribute) and isinstance(sub.value, ast.Name)
                and sub.value.id == "Changes"):
            found.add(sub.attr)
        elif isinstance(sub, ast.Name) and sub.id in constants:
            found |= constants[sub.id]
    return found


def senders_and_listeners() -> tuple[set[str], set[str]]:
    sent: set[str] = set()
    heard: set[str] = set()
    for path in UI.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        constants = {t.id: _areas(a.value, {}) for a in tree.body if isinstance(a, ast.Assign)
                     for t in a.targets if isinstance(t, ast.Name)}
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            for kw in node.keywords:
                if kw.arg == "changed":
                    sent |= _areas(kw.value, constants)
            name = node.func.attr if isinstance(node.func, ast.Attribute) else ""
            if name == "emit" and "data_changed" in ast.unparse(node.func):
                sent |= _areas(node, constants)
            if name == "listen" and node.args:
                heard |= _areas(node.args[0], constants)
    return sent, heard


def test_every_area_has_a_sender_and_a_listener():
    sent, heard = senders_and_listeners()
    areas = {m.name for m in Changes if m.name and m is not Changes.NOTHING}
    assert areas - sent == set(), "areas no write announces"
    assert areas - heard == set(), "areas no screen refreshes for"


@pytest.mark.parametrize(("sent", "refreshed"), [
    (Changes.MESSAGES, True), (Changes.CASES | Changes.OFFICE, True), (Changes.OFFICE, False),
    (Changes.NOTHING, False)])
def test_a_screen_refreshes_only_for_the_areas_it_shows(staff, make_ctx, sent, refreshed):
    ctx = make_ctx(staff.benefits)
    calls: list[int] = []
    ctx.listen(Changes.CASES | Changes.MESSAGES, lambda: calls.append(1))
    ctx.events.data_changed.emit(sent)
    assert bool(calls) is refreshed
