"""The session hooks every unit of work runs, whatever service made the change: the guard
that keeps an issued decision final, the audit log of what a flush wrote, and the case
deadlines noted at each flush and worked out again before the commit.

``install`` attaches them to a database's session factories when it is opened (``Database``);
nothing is attached by importing a module. Rows written past the ORM (Core inserts, a
migration) pass none of them: see ``deadline_store.rebuild``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session, sessionmaker

from opsdesk.services import audit, deadline_store, decision_guard

HOOKS: tuple[tuple[str, Callable[..., Any]], ...] = (
    ("before_flush", decision_guard.issued_decisions_are_final),
    ("after_flush", audit.record_changes),
    ("after_flush", deadline_store.note_changed),
    ("before_commit", deadline_store.refresh_noted),
)


def install(factory: sessionmaker[Session]) -> None:
    """Attach every hook to the sessions ``factory`` makes (once, however often called)."""
    for name, hook in HOOKS:
        if not event.contains(factory, name, hook):
            event.listen(factory, name, hook)


def installed(factory: sessionmaker[Session]) -> list[str]:
    """The hooks attached to ``factory``, by name: what a test checks."""
    return [f"{name}:{hook.__name__}" for name, hook in HOOKS
            if event.contains(factory, name, hook)]
