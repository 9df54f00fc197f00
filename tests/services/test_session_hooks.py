"""The session hooks (the audit log of changes, the final-decision guard, the case deadlines,
the names copied to the desk's lists)
are wired explicitly: installed on a database's session factories when it is opened, never
attached to SQLAlchemy's Session class by importing a module."""

from __future__ import annotations

import gc
import importlib
import pkgutil

from sqlalchemy import event, select
from sqlalchemy.orm import Session, sessionmaker

import opsdesk.services
from opsdesk.db import Database
from opsdesk.models import AuditEntry, CaseDeadline
from opsdesk.services import hooks

EVERY_HOOK = ["before_flush:issued_decisions_are_final", "before_flush:refuse_bad_text",
              "before_flush:name_new_rows",
              "after_flush:record_changes",
              "after_flush:note_changed", "after_flush:copy_renamed",
              "after_flush:note_payouts", "before_commit:refresh_noted",
              "before_commit:count_noted_lists"]


def test_opening_the_database_installs_every_hook(db: Database) -> None:
    assert hooks.installed(db._read) == EVERY_HOOK
    assert hooks.installed(db._write) == EVERY_HOOK


def test_each_hook_has_a_name_of_its_own() -> None:
    """``install`` knows a hook by its event and name: two alike would attach only one."""
    names = [f"{name}:{hook.__name__}" for name, hook in hooks.HOOKS]
    assert len(set(names)) == len(names), names


def test_installing_twice_attaches_each_hook_once(db: Database) -> None:
    hooks.install(db._write)
    with db._write() as session:
        assert len(session.dispatch.after_flush) == 4  # audit, deadlines, names, totals


def test_importing_the_services_attaches_nothing_to_the_session_class() -> None:
    for module in pkgutil.walk_packages(opsdesk.services.__path__, "opsdesk.services."):
        importlib.import_module(module.name)
    for name, hook in hooks.HOOKS:
        assert not event.contains(Session, name, hook), f"{hook.__name__} on every Session"


def test_a_session_of_the_database_runs_the_hooks(db, staff):
    """What a hook does, seen from a plain write: the audit entry and the case's deadlines
    appear with no service asking for them."""
    from tests.factories import application, person

    case_id = application(db, staff, person(db, staff))
    assert db.read(lambda s: s.scalars(select(AuditEntry.action).where(
        AuditEntry.entity == "Case", AuditEntry.entity_id == case_id)).all())
    assert db.read(lambda s: s.scalars(select(CaseDeadline.kind).where(
        CaseDeadline.case_id == case_id)).all())


def test_a_factory_made_where_a_collected_one_lay_gets_every_hook(db: Database) -> None:
    """SQLAlchemy's event registry keys a target by its id(): a new factory at a collected
    one's address looked as if it had the hooks already."""
    for _ in range(30):
        old = sessionmaker(db.engine)
        hooks.install(old)
        del old
        gc.collect()
        new = sessionmaker(db.engine)
        hooks.install(new)
        with new() as session:
            assert [hook for name, hook in hooks.HOOKS
                    if hook not in list(getattr(session.dispatch, name))] == []
