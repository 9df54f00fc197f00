"""The head's management of workers: accounts, roles, passwords, deactivation."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from opsdesk.errors import NotFound, PermissionDenied, UserFacingError, ValidationError
from opsdesk.labels import label
from opsdesk.models import User, UserRole
from opsdesk.models.enums import AuditAction, Role
from opsdesk.services.audit import write_audit
from opsdesk.services.permissions import Permission
from opsdesk.services.security import (
    Actor,
    _new_user,
    hash_password,
    operation,
)
from opsdesk.services.sessions import verify_own_password
from opsdesk.services.versions import check_version, touch


@dataclass(frozen=True)
class WorkerRow:
    id: int
    login: str
    full_name: str
    position: str
    roles: frozenset[Role]
    active: bool
    may_sign_decisions: bool
    version: int = 0


def _row(u: User) -> WorkerRow:
    return WorkerRow(u.id, u.login, u.full_name, u.position, u.role_set, u.active,
                     u.may_sign_decisions, u.version)


def worker_name(session: Session, user_id: int | None) -> str:
    """A worker's name for a list line. The workers (a handful of rows) are read once per
    unit of work: a list of a thousand lines must not cost a query for each."""
    if not user_id:
        return ""
    names = session.info.get("worker_names")
    if names is None:
        names = session.info["worker_names"] = {
            i: name for i, name in session.execute(select(User.id, User.full_name))}
    return names.get(user_id, "")  # type: ignore[no-any-return]


def list_workers(session: Session, *, role: Role | None = None,
                 active_only: bool = True) -> list[WorkerRow]:
    """Names for pickers; every logged-in worker may see who their colleagues are."""
    stmt = select(User).order_by(User.full_name)
    if active_only:
        stmt = stmt.where(User.active.is_(True))
    if role is not None:
        stmt = stmt.where(User.roles.any(UserRole.role == role))
    return [_row(u) for u in session.scalars(stmt)]


HEAD_ONLY = "Rolę kierownika nadaje i odbiera tylko kierownik ośrodka."
HEAD_ACCOUNT = "Konto kierownika może zmieniać tylko kierownik ośrodka."
LAST_HEAD = ("To jedyne aktywne konto kierownika — najpierw nadaj rolę kierownika innemu "
             "pracownikowi.")


def _refuse(actor: Actor, message: str, what: str) -> None:
    raise PermissionDenied(message, actor_id=actor.id, what=what)


def _other_active_heads(session: Session, user_id: int) -> int:
    return session.scalar(select(func.count(User.id)).where(
        User.active.is_(True), User.id != user_id,
        User.roles.any(UserRole.role == Role.HEAD))) or 0


def _guard_head_account(session: Session, actor: Actor, user: User, what: str) -> None:
    """Separation of duties: the administrator keeps accounts, but a head's account (and so
    the audit log and the notes it reads) is the head's alone to change."""
    if Role.HEAD in user.role_set and not actor.has_role(Role.HEAD):
        _refuse(actor, HEAD_ACCOUNT, what)


def _audit_roles(session: Session, actor: Actor, user: User, before: frozenset[Role],
                 before_sign: bool) -> None:
    """The roles are rows of their own; the log says what the account had and has now."""
    write_audit(session, actor.id, AuditAction.UPDATE, "User", user.id, {
        "roles": [", ".join(sorted(before)), ", ".join(sorted(user.role_set))],
        "may_sign_decisions": [before_sign, user.may_sign_decisions]})


@operation(Permission.USER_ADMIN)
def add_worker(session: Session, *, actor: Actor, login: str, full_name: str, password: str,
               roles: set[Role], position: str = "", may_sign_decisions: bool = False) -> int:
    if Role.HEAD in roles and not actor.has_role(Role.HEAD):
        _refuse(actor, HEAD_ONLY, "users.add_worker")
    user = _new_user(session, login=login, full_name=full_name, password=password,
                     position=position, roles=roles)
    user.may_sign_decisions = may_sign_decisions
    session.flush()
    return user.id


@operation(Permission.USER_ADMIN)
def set_roles(session: Session, user_id: int, roles: set[Role], *, actor: Actor,
              expected_version: int, may_sign_decisions: bool = False) -> None:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("Nie ma takiego pracownika.")
    check_version(user, expected_version, {
        "roles": (", ".join(label(r) for r in Role if r in user.role_set),
                  ", ".join(label(r) for r in Role if r in roles)),
        "may_sign": ("tak" if user.may_sign_decisions else "nie",
                     "tak" if may_sign_decisions else "nie")})
    if not roles:
        raise ValidationError("Wybierz co najmniej jedną rolę.", field="roles")
    before, before_sign = user.role_set, user.may_sign_decisions
    if (Role.HEAD in before) != (Role.HEAD in roles) and not actor.has_role(Role.HEAD):
        _refuse(actor, HEAD_ONLY, "users.set_roles")
    _guard_head_account(session, actor, user, "users.set_roles")
    if user.id == actor.id and Role.HEAD in user.role_set and Role.HEAD not in roles:
        raise UserFacingError("Nie możesz odebrać sobie roli kierownika.")
    if Role.HEAD in before and Role.HEAD not in roles and user.active \
            and not _other_active_heads(session, user.id):
        raise UserFacingError(LAST_HEAD)
    user.roles = [UserRole(role=r) for r in sorted(roles)]
    user.may_sign_decisions = may_sign_decisions
    touch(user)
    session.flush()
    _audit_roles(session, actor, user, before, before_sign)


@operation(Permission.USER_ADMIN)
def deactivate_worker(session: Session, user_id: int, *, actor: Actor) -> None:
    """A worker who leaves is deactivated, never deleted: the history keeps the name."""
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("Nie ma takiego pracownika.")
    if user.id == actor.id:
        raise UserFacingError("Nie możesz wyłączyć własnego konta.")
    if Role.HEAD in user.role_set and user.active and not _other_active_heads(session, user.id):
        raise UserFacingError(LAST_HEAD)
    _guard_head_account(session, actor, user, "users.deactivate_worker")
    user.active = False
    session.flush()


@operation(Permission.USER_ADMIN)
def reset_password(session: Session, user_id: int, new_password: str, *, actor: Actor) -> None:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("Nie ma takiego pracownika.")
    # A head's password set by the administrator would let him log in as the head.
    _guard_head_account(session, actor, user, "users.reset_password")
    user.password_hash = hash_password(new_password)
    user.failed_logins = 0
    user.locked_until = None
    session.flush()


def change_own_password(session: Session, *, actor: Actor, old_password: str,
                        new_password: str) -> None:
    """Any worker may change their own password, knowing the old one; a wrong old one
    counts as a failed login."""
    user = session.get(User, actor.id)
    if user is None:
        raise NotFound("Nie ma takiego pracownika.")
    new_hash = hash_password(new_password)
    if old_password and old_password == new_password:
        raise ValidationError("Nowe hasło musi się różnić od obecnego.", field="new_password")
    verify_own_password(session, actor, old_password, field="old_password")
    user.password_hash = new_hash
    session.flush()
