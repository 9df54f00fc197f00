"""A worker's session: the idle lock's setting and unlocking the locked window with the
same worker's password, under the same lockout rules as logging in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from opsdesk import clock
from opsdesk.errors import (
    ConflictError,
    RecordedFailure,
    UserFacingError,
    ValidationError,
)
from opsdesk.models import User
from opsdesk.models.enums import AuditAction
from opsdesk.services.audit import write_audit
from opsdesk.services.office import get_office
from opsdesk.services.permissions import Permission
from opsdesk.services.security import Actor, authenticate, operation

IDLE_MINUTES = (1, 120)
RETENTION_YEARS = (1, 100)


@dataclass(frozen=True)
class SecuritySettings:
    idle_lock_minutes: int
    retention_years: int
    version: int


def security_settings(session: Session) -> SecuritySettings:
    """Every workstation reads the idle lock at start; it is not client data."""
    office = get_office(session)
    return SecuritySettings(office.idle_lock_minutes, office.retention_years, office.version)


@operation(Permission.OFFICE_SETTINGS)
def save_security_settings(session: Session, *, actor: Actor, idle_lock_minutes: int,
                           retention_years: int, expected_version: int) -> None:
    for value, (low, high), field, text in (
            (idle_lock_minutes, IDLE_MINUTES, "idle_lock_minutes",
             "Blokada ekranu po bezczynności: od {low} do {high} minut."),
            (retention_years, RETENTION_YEARS, "retention_years",
             "Okres przechowywania: od {low} do {high} lat.")):
        if not low <= value <= high:
            raise ValidationError(text.format(low=low, high=high), field=field)
    office = get_office(session)
    if office.version != expected_version:
        raise ConflictError({"idle_lock_minutes": (office.idle_lock_minutes, idle_lock_minutes),
                             "retention_years": (office.retention_years, retention_years)})
    office.idle_lock_minutes = idle_lock_minutes
    office.retention_years = retention_years
    session.flush()


class WrongPassword(RecordedFailure, ValidationError):
    """A wrong password of a worker already at the screen: shown at its field and, like a
    failed login, counted and audited although the action itself fails."""


class AccountLocked(RecordedFailure):
    """The last wrong password locked the account (or it was switched off meanwhile)."""


def verify_own_password(session: Session, actor: Actor, password: str, *, field: str,
                        now: datetime | None = None) -> None:
    """The logged-in worker's password checked as a login is — the same count of wrong
    ones and the same lockout — so a screen left open is no way round it."""
    now = now or clock.now()
    session.info["actor_id"] = actor.id
    if not password:
        write_audit(session, actor.id, AuditAction.LOGIN_FAILED, "User", actor.id,
                    {"empty": True})
        raise WrongPassword("Wpisz hasło.", field=field)
    try:
        authenticate(session, login=actor.login, password=password, now=now)
    except UserFacingError as exc:
        user = session.get(User, actor.id)
        if user is None or not user.active:
            raise AccountLocked("Konto zostało wyłączone.") from exc
        if user.locked_until and user.locked_until > now:
            raise AccountLocked(
                "Pięć błędnych haseł z rzędu — konto zostało zablokowane do "
                f"{user.locked_until:%H:%M}.") from exc
        raise WrongPassword("Nieprawidłowe hasło.", field=field) from exc


def confirm_password(session: Session, *, actor: Actor, password: str,
                     now: datetime | None = None) -> None:
    """Unlock an idle-locked window with the same worker's password."""
    verify_own_password(session, actor, password, field="password", now=now)
