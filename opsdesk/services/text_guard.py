"""Text hygiene in one place: no record is written with a control character (NUL and the
like, which also break the xlsx export) or with text made only of invisible characters (a
surname of zero-width spaces). A session hook checks every String and Text column of what
a flush writes, whatever service set it; ``validation.text`` says it earlier, at its field."""

from __future__ import annotations

import unicodedata
from typing import Any

from sqlalchemy import String, inspect
from sqlalchemy.orm import Session

from opsdesk.errors import ValidationError

# Line breaks and tabs are text; every other control character is not (C0, DEL, C1).
_ALLOWED_CONTROLS = {"\n", "\r", "\t"}
# Characters that take no room on screen: format characters (zero-width space and joiners,
# the byte-order mark, word joiner, soft hyphen) and the whitespace around them.
_INVISIBLE_CATEGORIES = {"Cf", "Zs", "Zl", "Zp", "Mn"}

CONTROL_MESSAGE = ("Pole „{label}” zawiera niedozwolone znaki sterujące (np. znak NUL, często "
                   "wklejony z innego programu) — usuń je i zapisz ponownie.")
INVISIBLE_MESSAGE = ("Pole „{label}” zawiera same niewidoczne znaki (np. spacje o zerowej "
                     "szerokości) — wpisz tekst albo zostaw pole puste.")


def problem(value: str) -> str | None:
    """What is wrong with ``value`` (a message template), or None."""
    if any(unicodedata.category(ch) == "Cc" and ch not in _ALLOWED_CONTROLS for ch in value):
        return CONTROL_MESSAGE
    if value and not value.isspace() and all(
            ch.isspace() or unicodedata.category(ch) in _INVISIBLE_CATEGORIES for ch in value):
        return INVISIBLE_MESSAGE
    return None


def check(value: str, *, field: str, label: str) -> None:
    found = problem(value)
    if found:
        raise ValidationError(found.format(label=label), field=field)


def text_columns(obj: Any) -> list[str]:
    """The attributes of ``obj``'s class stored as String or Text (Text is a String)."""
    return [attr.key for attr in inspect(type(obj)).column_attrs
            if any(isinstance(c.type, String) for c in attr.columns)]


# Polish names of the fields most often typed; any other column is named by its key.
LABELS = {"first_name": "Imię", "last_name": "Nazwisko", "street": "Ulica i numer",
          "city": "Miejscowość", "postal_code": "Kod pocztowy", "phone": "Telefon",
          "full_name": "Imię i nazwisko", "position": "Stanowisko", "name": "Nazwa",
          "description": "Opis", "notes": "Uwagi", "text": "Treść", "body": "Treść",
          "subject": "Temat", "address": "Adres", "no_pesel_reason": "Powód braku PESEL"}


def check_record(obj: Any) -> None:
    for key in text_columns(obj):
        value = getattr(obj, key, None)
        if isinstance(value, str):
            check(value, field=key, label=LABELS.get(key, key))


def refuse_bad_text(session: Session, _ctx: Any, _instances: Any) -> None:
    """Before each flush (a session hook, ``hooks.install``): what is new or changed."""
    for obj in (*session.new, *session.dirty):
        check_record(obj)
