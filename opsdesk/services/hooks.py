"""The session hooks every unit of work runs, whatever service made the change: the guard
that keeps an issued decision final, the refusal of control characters and invisible-only
text, the audit log of what a flush wrote, a person's name copied to the long lists, and
what is noted at each flush and worked out again before the commit: the case deadlines,
the payout lists' counts and totals.

``install`` attaches them to a database's session factories when it is opened (``Database``);
nothing is attached by importing a module. Rows written past the ORM (Core inserts, a
migration) pass none of them: see ``deadline_store.rebuild``, ``name_copies.fill`` and
``payout_totals.rebuild``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session, sessionmaker

from opsdesk.services import audit, deadline_store, decision_guard, name_copies, text_guard
from opsdesk.services import payout_totals as totals

HOOKS: tuple[tuple[str, Callable[..., Any]], ...] = (
    ("before_flush", decision_guard.issued_decisions_are_final),
    ("before_flush", text_guard.refuse_bad_text),
    ("before_flush", name_copies.name_new_rows),
    ("after_flush", audit.record_changes),
    ("after_flush", deadline_store.note_changed),
    ("after_flush", name_copies.copy_renamed),
    ("after_flush", totals.note_payouts),
    ("before_commit", deadline_store.refresh_noted),
    ("before_commit", totals.count_noted_lists),
)


def install(factory: sessionmaker[Session]) -> None:
    """Attach every hook to the sessions ``factory`` makes (once, however often called).

    What is attached is read from a session's own listeners, not from ``event.contains``:
    SQLAlchemy's registry keys a target by its ``id()``, so a factory made where a collected
    one lay was taken for it and left without hooks — the audit and the final-decision
    guard missing, now and then, from a database opened afresh."""
    present = installed(factory)
    for name, hook in HOOKS:
        if f"{name}:{hook.__name__}" not in present:
            event.listen(factory, name, hook)


def installed(factory: sessionmaker[Session]) -> list[str]:
    """The hooks attached to ``factory``, by name (a session is made, never connected)."""
    with factory() as session:
        return [f"{name}:{hook.__name__}" for name, hook in HOOKS
                if hook in list(getattr(session.dispatch, name))]
