"""Errors a user may see. Each carries a Polish message safe to show as it is; any other
exception is a bug, logged with its traceback and shown as "Wystąpił nieoczekiwany błąd"."""

from __future__ import annotations

from collections.abc import Mapping


class UserFacingError(Exception):
    """A known failure with a Polish message for the person at the screen."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class RuleError(UserFacingError, ValueError):
    """A rule refused a value: the law's table (``services.rules``) or the reading of what
    was typed (``formatting``). Its Polish message is shown as it is, not as a bug; it is
    still a ValueError, for a caller that tries a value and catches the refusal."""


class RecordedFailure(UserFacingError):
    """A refusal whose record must survive it (a failed login counts towards the lockout):
    the unit of work commits what was written before raising it."""


class ValidationError(UserFacingError):
    """Bad input; ``field`` names the form field the message belongs to."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class NotFound(UserFacingError):
    pass


class PermissionDenied(UserFacingError):
    """Refused by the access matrix; the attempt is audited by the unit of work."""

    def __init__(self, message: str = "Twoja rola nie pozwala na tę czynność.", *,
                 actor_id: int | None = None, what: str = "") -> None:
        super().__init__(message)
        self.actor_id = actor_id
        self.what = what

    @classmethod
    def for_actor(cls, actor_id: int, what: str) -> PermissionDenied:
        return cls(actor_id=actor_id, what=what)


class AccountClosed(PermissionDenied):
    """The worker's account was switched off while the program was open: the window closes
    at this action (the UI logs out), and the attempt is audited like any refusal."""

    def __init__(self, *, actor_id: int | None = None) -> None:
        super().__init__("Twoje konto zostało wyłączone przez kierownika ośrodka — nie możesz "
                         "dalej pracować w programie. Program zostanie zamknięty.",
                         actor_id=actor_id, what="account closed")


class ConflictError(UserFacingError):
    """Someone else saved the record after this user opened it."""

    def __init__(self, changes: Mapping[str, tuple[object, object]] | None = None) -> None:
        super().__init__("Ktoś inny zmienił ten rekord, gdy go edytowałeś(-aś). "
                         "Twoje wpisy są zachowane — sprawdź zmiany i zapisz ponownie.")
        self.changes = dict(changes or {})


class DatabaseBusy(UserFacingError):
    def __init__(self) -> None:
        super().__init__("Baza jest zajęta przez inne stanowisko — spróbuj ponownie za chwilę. "
                         "Twoje wpisy są zachowane.")


class DatabaseUnavailable(UserFacingError):
    def __init__(self, detail: str = "") -> None:
        super().__init__("Brak połączenia z bazą danych (dysk sieciowy niedostępny, serwer "
                         "wyłączony lub brak uprawnień). Twoje wpisy są zachowane — spróbuj "
                         "ponownie, gdy połączenie wróci.")
        self.detail = detail


class DatabaseInMaintenance(UserFacingError):
    """The head took the database out of use (a restore from a copy): nothing is written
    until it is back; what the worker typed stays in the form."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"Baza jest chwilowo wyłączona z użytku: {reason}. Nic nie zostało "
                         "zapisane — Twoje wpisy są zachowane w formularzu; zapisz je ponownie, "
                         "gdy kierownik zakończy tę czynność.")
        self.reason = reason


class DatabaseRestored(UserFacingError):
    """The database was restored from a copy after this program read it: what the screen
    shows and a form prepared before may belong to the replaced data."""

    def __init__(self) -> None:
        super().__init__("Baza została przywrócona z kopii na innym stanowisku. Dane na "
                         "ekranie pochodzą sprzed przywrócenia, dlatego nic nie zapisano — "
                         "odśwież widok, otwórz formularz ponownie i wprowadź zmiany jeszcze "
                         "raz (Twoje wpisy są widoczne w otwartym formularzu).")
