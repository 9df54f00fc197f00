"""Login, password hashes, the acting user and the permission check on every operation."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Concatenate, ParamSpec, TypeVar

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from opsdesk import clock
from opsdesk.errors import (
    AccountClosed,
    PermissionDenied,
    RecordedFailure,
    UserFacingError,
    ValidationError,
)
from opsdesk.models import User, UserRole
from opsdesk.models.enums import AuditAction, Role
from opsdesk.services.audit import write_audit
from opsdesk.services.permissions import REFUSALS, Permission, permissions_of

P = ParamSpec("P")
R = TypeVar("R")

MAX_FAILED_LOGINS = 5
LOCKOUT = timedelta(minutes=15)
MIN_PASSWORD = 8

_hasher = PasswordHasher()


@dataclass(frozen=True)
class Actor:
    """The logged-in worker, as plain data that outlives any session."""

    id: int
    login: str
    full_name: str
    position: str
    roles: frozenset[Role]
    may_sign_decisions: bool = False

    @property
    def permissions(self) -> frozenset[Permission]:
        return permissions_of(self.roles, authorised_to_sign=self.may_sign_decisions)

    def can(self, permission: Permission) -> bool:
        return permission in self.permissions

    def has_role(self, role: Role) -> bool:
        return role in self.roles


# Every service operation and the permission it needs; the access tests are generated from it.
OPERATIONS: dict[str, Permission] = {}


def operation(permission: Permission) -> Callable[
        [Callable[Concatenate[Session, P], R]], Callable[Concatenate[Session, P], R]]:
    """Mark a service function as a user action needing ``permission``: the check runs in
    the service, whatever the UI shows, and the acting user is recorded for the audit."""

    def wrap(fn: Callable[Concatenate[Session, P], R]) -> Callable[Concatenate[Session, P], R]:
        name = f"{area_of(fn.__module__)}.{fn.__name__}"
        OPERATIONS[name] = permission

        @functools.wraps(fn)
        def inner(session: Session, *args: P.args, **kwargs: P.kwargs) -> R:
            actor = kwargs.get("actor")
            if not isinstance(actor, Actor):
                raise TypeError(f"{name} needs actor=Actor")
            actor = kwargs["actor"] = live_actor(session, actor)
            require(actor, permission, name)
            session.info["actor_id"] = actor.id
            return fn(session, *args, **kwargs)

        return inner

    return wrap


def live_actor(session: Session, actor: Actor) -> Actor:
    """The worker as the account stands now, read once per unit of work: a role removed
    or an account switched off by the head takes effect at the worker's next action, not
    at the next login. A switched-off account is refused (AccountClosed)."""
    cache: dict[int, Actor] = session.info.setdefault("live_actors", {})
    if actor.id in cache:
        return cache[actor.id]
    row = session.execute(select(User.active, User.may_sign_decisions, User.full_name,
                                 User.position).where(User.id == actor.id)).one_or_none()
    if row is None or not row.active:
        raise AccountClosed(actor_id=actor.id)
    roles = frozenset(session.scalars(select(UserRole.role).where(
        UserRole.user_id == actor.id)))
    cache[actor.id] = replace(actor, roles=roles, may_sign_decisions=row.may_sign_decisions,
                              full_name=row.full_name, position=row.position)
    return cache[actor.id]


def area_of(module: str) -> str:
    """The area an operation belongs to, as the permission table and the audit log name it:
    ``opsdesk.services.decisions.workflow`` and ``opsdesk.services.queue`` give ``decisions``
    and ``queue`` (a package's ``__init__`` re-exports its operations under that name)."""
    return module.removeprefix("opsdesk.services.").split(".")[0]


def require(actor: Actor, permission: Permission, what: str = "") -> None:
    if not actor.can(permission):
        refusal = REFUSALS.get(permission)
        if refusal:
            raise PermissionDenied(refusal, actor_id=actor.id, what=what or permission.value)
        raise PermissionDenied.for_actor(actor.id, what or permission.value)


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise ValidationError(f"Hasło musi mieć co najmniej {MIN_PASSWORD} znaków.",
                              field="password")
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    if not password:
        return False
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def actor_of(user: User) -> Actor:
    return Actor(id=user.id, login=user.login, full_name=user.full_name, position=user.position,
                 roles=user.role_set, may_sign_decisions=user.may_sign_decisions)


def has_users(session: Session) -> bool:
    # The table, not the mapped class: at the login window the ORM's mappers are not yet
    # configured (ui/preload.py does it behind the window).
    return session.scalar(select(User.__table__.c.id).limit(1)) is not None


def create_first_head(session: Session, *, login: str, full_name: str, password: str,
                      position: str = "Kierownik") -> Actor:
    """The first start: the head's account, allowed only while there is no user at all."""
    if has_users(session):
        raise PermissionDenied("Konto kierownika już istnieje — zaloguj się.")
    user = _new_user(session, login=login, full_name=full_name, password=password,
                     position=position, roles={Role.HEAD})
    user.may_sign_decisions = True
    session.flush()
    write_audit(session, user.id, AuditAction.CREATE, "User", user.id, {"first_head": True})
    return actor_of(user)


def _new_user(session: Session, *, login: str, full_name: str, password: str, position: str,
              roles: set[Role]) -> User:
    login = login.strip().lower()
    if not login or len(login) > 40 or not login.replace(".", "").replace("_", "").isalnum():
        raise ValidationError("Login: litery, cyfry, kropka lub podkreślnik, do 40 znaków.",
                              field="login")
    if not full_name.strip():
        raise ValidationError("Podaj imię i nazwisko pracownika.", field="full_name")
    if not roles:
        raise ValidationError("Wybierz co najmniej jedną rolę.", field="roles")
    if session.scalar(select(User.id).where(User.login == login)) is not None:
        raise ValidationError(f"Login „{login}” jest już zajęty.", field="login")
    user = User(login=login, full_name=full_name.strip(), position=position.strip(),
                password_hash=hash_password(password),
                roles=[UserRole(role=r) for r in sorted(roles)])
    session.add(user)
    return user


def authenticate(session: Session, *, login: str, password: str,
                 now: datetime | None = None) -> Actor:
    """Check a password; five wrong ones in a row lock the account for a while."""
    now = now or clock.now()
    user = session.scalar(select(User).where(User.login == login.strip().lower()))
    if user is None or not user.active:
        write_audit(session, None, AuditAction.LOGIN_FAILED, "User", None, {"login": login[:40]})
        raise RecordedFailure("Nieprawidłowy login lub hasło.")
    if user.locked_until and user.locked_until > now:
        raise UserFacingError("Konto jest zablokowane po kilku błędnych hasłach — spróbuj "
                              f"ponownie po {user.locked_until:%H:%M}.")
    if not verify_password(user.password_hash, password):
        user.failed_logins += 1
        if user.failed_logins >= MAX_FAILED_LOGINS:
            user.locked_until = now + LOCKOUT
            user.failed_logins = 0
        write_audit(session, user.id, AuditAction.LOGIN_FAILED, "User", user.id, {})
        raise RecordedFailure("Nieprawidłowy login lub hasło.")
    user.failed_logins = 0
    user.locked_until = None
    write_audit(session, user.id, AuditAction.LOGIN, "User", user.id, {})
    return actor_of(user)


