"""The access matrix, tested for every cell: one test per (service operation × role, and a
benefits worker authorised to sign decisions), generated from OPERATIONS, ROLE_PERMISSIONS and
the signer rule — never written case by case — and the written matrix (docs/access.md)
compared with the code it documents."""

from __future__ import annotations

import importlib
import inspect
import json
import pkgutil
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

import opsdesk.services
from opsdesk.db import Database
from opsdesk.errors import PermissionDenied
from opsdesk.models import AuditEntry
from opsdesk.models.enums import AuditAction, Role
from opsdesk.services import security
from opsdesk.services.access_doc import PERMISSION_TEXT, RECORDS, render_markdown
from opsdesk.services.permissions import (
    REFUSALS,
    ROLE_PERMISSIONS,
    SIGNING,
    Permission,
    permissions_of,
)
from opsdesk.services.security import OPERATIONS, Actor
from opsdesk.startup import open_database
from tests.conftest import Staff

DOC = Path(__file__).resolve().parents[2] / "docs" / "access.md"
DENIED_MESSAGE = "Twoja rola nie pozwala na tę czynność."
# Functions taking the acting worker that are rightly not gated by the matrix.
UNGATED = {
    "users.change_own_password": "a worker's own account, guarded by the old password",
    "sessions.confirm_password": "unlocking one's own idle-locked window",
    "documents.document_pdf": "dispatches to the document's own gated operation",
}


def _service_modules() -> list[Any]:
    """Every services module (those inside an area's package too), imported, so every
    operation is registered before the parameters below are generated."""
    return [importlib.import_module(m.name)
            for m in pkgutil.walk_packages(opsdesk.services.__path__, "opsdesk.services.")]


MODULES = _service_modules()


def _function(name: str) -> Callable[..., Any]:
    module, fn = name.split(".")
    return getattr(importlib.import_module(f"opsdesk.services.{module}"), fn)  # type: ignore[no-any-return]


# Who is tried: each role, and a benefits worker the head authorised to sign decisions
# (art. 110 ust. 8 ups) — what the gate allows each of them, from the same rule.
SIGNER = "BENEFITS_AUTHORISED"
WHO: dict[str, frozenset[Permission]] = {
    **{role.value: ROLE_PERMISSIONS[role] for role in Role},
    SIGNER: permissions_of(frozenset({Role.BENEFITS}), authorised_to_sign=True),
}
CELLS = [(name, who) for name in sorted(OPERATIONS) for who in WHO]


@pytest.fixture(scope="module")
def matrix(migrated_template: Path, tmp_path_factory: pytest.TempPathFactory
           ) -> Iterator[tuple[Database, dict[str, Actor]]]:
    """One database and one worker per role for all the cells: the gate is checked before
    any body runs, so the cells need not start from an empty database each."""
    from argon2 import PasswordHasher

    path = tmp_path_factory.mktemp("matrix") / "opsdesk.sqlite"
    shutil.copyfile(migrated_template, path)
    db = open_database(str(path))
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(security, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024,
                                                       parallelism=1))
        staff = Staff(db)
        signer = staff.authorised_signer(db)
    yield db, {Role.FIRST_CONTACT.value: staff.desk, Role.BENEFITS.value: staff.benefits,
               Role.SOCIAL_WORK.value: staff.social, Role.HEAD.value: staff.head,
               Role.ADMIN.value: staff.admin,
               SIGNER: signer}
    db.dispose()


def _denials(db: Database, actor: Actor, name: str) -> int:
    rows = db.read(lambda s: s.scalars(select(AuditEntry.details).where(
        AuditEntry.action == AuditAction.DENIED, AuditEntry.user_id == actor.id)).all())
    return sum(1 for d in rows if json.loads(d).get("operation") == name)


@pytest.mark.parametrize(("name", "role"), CELLS, ids=[f"{n}-{r}" for n, r in CELLS])
def test_operation_follows_the_matrix(matrix: tuple[Database, dict[str, Actor]], name: str,
                                      role: str) -> None:
    db, actors = matrix
    actor = actors[role]
    fn = _function(name)
    allowed = OPERATIONS[name] in WHO[role]
    before = _denials(db, actor, name)
    try:
        db.write(lambda s: fn(s, actor=actor))
    except PermissionDenied as exc:
        if allowed and exc.what == name:
            pytest.fail(f"{role} may {OPERATIONS[name].value} but {name} refused it")
        if not allowed:
            assert exc.message == REFUSALS.get(OPERATIONS[name], DENIED_MESSAGE)
            assert exc.what == name
            assert _denials(db, actor, name) == before + 1, "the refusal was not audited"
            return
    except Exception:  # noqa: BLE001 - past the gate: missing arguments, NotFound, …
        if not allowed:
            pytest.fail(f"{role} lacks {OPERATIONS[name].value} but {name} let it in")
        return
    assert allowed, f"{role} lacks {OPERATIONS[name].value} but {name} ran"


def test_the_cells_cover_every_operation_and_role() -> None:
    assert len(OPERATIONS) >= 60  # the modules were imported, the operations registered
    assert len(CELLS) == len(OPERATIONS) * (len(Role) + 1)


def test_the_signer_rule() -> None:
    """Art. 110 ust. 7–8 ups: the head signs by her role; the authorisation lets a worker
    who conducts proceedings sign too — and approving is what ``approve_and_issue`` and
    ``return_draft`` are gated by, so the matrix above tries the rule itself."""
    assert SIGNING == {Permission.DECISION_APPROVE}
    assert {n for n, p in OPERATIONS.items() if p in SIGNING} >= {
        "decisions.approve_and_issue", "decisions.return_draft"}
    benefits = frozenset({Role.BENEFITS})
    assert WHO[SIGNER] - ROLE_PERMISSIONS[Role.BENEFITS] == SIGNING
    assert not SIGNING & ROLE_PERMISSIONS[Role.BENEFITS]
    assert permissions_of(benefits) == ROLE_PERMISSIONS[Role.BENEFITS]
    # An authorisation gives nothing to a worker who conducts no proceedings.
    for role in (Role.SOCIAL_WORK, Role.FIRST_CONTACT, Role.ADMIN):
        assert permissions_of(frozenset({role}), authorised_to_sign=True) == \
            ROLE_PERMISSIONS[role]
    assert SIGNING <= ROLE_PERMISSIONS[Role.HEAD]


def test_every_function_taking_the_actor_is_gated() -> None:
    """A service function that acts for a worker without @operation would skip the matrix."""
    ungated = []
    for module in MODULES:
        short = security.area_of(module.__name__)
        for fname, fn in vars(module).items():
            if (fname.startswith("_") or not inspect.isfunction(fn)
                    or fn.__module__ != module.__name__ or hasattr(fn, "__wrapped__")):
                continue
            param = inspect.signature(fn).parameters.get("actor")
            if param is not None and param.kind is inspect.Parameter.KEYWORD_ONLY:
                ungated.append(f"{short}.{fname}")
    assert sorted(set(ungated) - set(UNGATED)) == []


def test_the_written_matrix_is_the_one_the_program_enforces() -> None:
    assert DOC.read_text(encoding="utf-8") == render_markdown(), (
        "docs/access.md is out of date: python -m opsdesk.services.access_doc > docs/access.md")


def test_the_written_matrix_names_every_permission() -> None:
    assert set(PERMISSION_TEXT) == set(Permission)
    covered = set().union(*(r.see | r.create | r.change for r in RECORDS))
    assert covered == set(Permission)


def test_the_separation_of_information() -> None:
    """The issue's rules, stated once more against the matrix itself."""
    desk, benefits = ROLE_PERMISSIONS[Role.FIRST_CONTACT], ROLE_PERMISSIONS[Role.BENEFITS]
    social, head = ROLE_PERMISSIONS[Role.SOCIAL_WORK], ROLE_PERMISSIONS[Role.HEAD]
    # First contact routes and hands over: no income details, no notes, no messages.
    assert not desk & {Permission.INCOME_READ, Permission.SOCIAL_WORK_READ,
                       Permission.MESSAGE_READ, Permission.CASE_READ}
    # Benefits reads the formal messages and opinions, never the social-work notes.
    assert Permission.MESSAGE_READ in benefits
    assert Permission.SOCIAL_WORK_READ not in benefits
    # Social work does not read incomes or the benefit proceedings.
    assert not social & {Permission.INCOME_READ, Permission.CASE_READ}
    # The head reads everything there is to read, the audit log included.
    reading = {Permission.PERSON_READ, Permission.INTAKE_READ, Permission.CASE_READ,
               Permission.INCOME_READ, Permission.MESSAGE_READ, Permission.SOCIAL_WORK_READ,
               Permission.AUDIT_READ, Permission.PRIVACY, Permission.STATISTICS}
    assert reading <= head
    # The administrator: accounts, settings and backups — no client data, no audit log.
    assert ROLE_PERMISSIONS[Role.ADMIN] == {Permission.USER_ADMIN, Permission.OFFICE_SETTINGS,
                                            Permission.BACKUP}
    # Only the head reads the audit log and gives art. 15 copies.
    for role in Role:
        if role is not Role.HEAD:
            assert not ROLE_PERMISSIONS[role] & {Permission.AUDIT_READ, Permission.PRIVACY}
