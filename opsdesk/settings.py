"""Per-workstation settings: where the database lives and where backups and exports go.

Office data shared by all workstations lives in the database (services.office); window
state lives in QSettings (ui). This file never holds a password."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from urllib.parse import urlsplit

from platformdirs import user_config_dir, user_data_dir, user_documents_dir

from opsdesk.errors import UserFacingError, ValidationError

APP = "opsdesk"


def data_dir() -> Path:
    return Path(user_data_dir(APP, appauthor=False))


def config_path() -> Path:
    return Path(user_config_dir(APP, appauthor=False)) / "settings.json"


@dataclass
class Settings:
    # A path (local, a mapped Z:\OPS\opsdesk.sqlite or a UNC \\serwer\ops\opsdesk.sqlite)
    # or an SQLAlchemy URL (postgresql+psycopg://…) for a server.
    database: str = ""
    backup_dir: str = ""
    export_dir: str = ""

    def database_target(self) -> str:
        return self.database or str(data_dir() / "opsdesk.sqlite")

    def backup_folder(self) -> Path:
        return Path(self.backup_dir) if self.backup_dir else data_dir() / "kopie"

    def export_folder(self) -> Path:
        return Path(self.export_dir) if self.export_dir else Path(user_documents_dir()) / APP


class SettingsError(UserFacingError):
    """The settings file is there but cannot be used: the program says what is wrong with it
    and opens no database — falling back to the defaults would quietly make a new, empty
    local database while the office's shared one waits on the network drive."""

    def __init__(self, path: Path, problem: str) -> None:
        super().__init__(f"Plik ustawień stanowiska jest błędny:\n{path}\n\n{problem}\n\n"
                         "Popraw go (np. w Notatniku) i uruchom program ponownie. Program nie "
                         "otworzy żadnej bazy, dopóki ten plik jest błędny.")
        self.path = path
        self.problem = problem


# json's messages, as a clerk or the office's IT person would understand them.
_JSON_PROBLEMS = {
    "Invalid \\escape": "niedozwolony znak po ukośniku odwrotnym (\\)",
    "Invalid \\uXXXX escape": "niedozwolony znak po ukośniku odwrotnym (\\)",
    "Expecting property name enclosed in double quotes": "nazwa pola musi stać w cudzysłowie "
                                                         "(\") — albo po ostatnim polu jest "
                                                         "zbędny przecinek",
    "Expecting ',' delimiter": "brak przecinka między polami",
    "Expecting ':' delimiter": "brak dwukropka między nazwą pola a wartością",
    "Expecting value": "brak wartości (albo plik jest pusty)",
    "Unterminated string starting at": "niezamknięty cudzysłów",
    "Invalid control character at": "znak sterujący (np. Enter) wewnątrz cudzysłowu",
    "Extra data": "tekst po zamykającym nawiasie }",
    # Python 3.13's words for what 3.11 calls a missing property name.
    "Illegal trailing comma before end of object": "zbędny przecinek po ostatnim polu",
    "Illegal trailing comma before end of array": "zbędny przecinek po ostatnim elemencie",
}
BACKSLASH_HINT = ("W tym pliku każdy ukośnik odwrotny trzeba napisać podwójnie, np.:\n"
                  '    "database": "Z:\\\\OPS\\\\opsdesk.sqlite"\n'
                  '    "database": "\\\\\\\\serwer\\\\ops\\\\opsdesk.sqlite"\n'
                  'albo użyć zwykłych ukośników: "Z:/OPS/opsdesk.sqlite". Plik zapisze '
                  "poprawnie także instalator programu (instaluj.cmd), pytając o ścieżkę "
                  "bazy.")


def _json_problem(exc: json.JSONDecodeError) -> str:
    problem = _JSON_PROBLEMS.get(exc.msg, f"błąd składni ({exc.msg})")
    where = f"Wiersz {exc.lineno}, kolumna {exc.colno}: {problem}."
    return f"{where}\n{BACKSLASH_HINT}" if "escape" in exc.msg else where


def _value_problem(key: str, value: object) -> str | None:
    """A value json accepted that is still no path: single backslashes that json read as
    escapes ("Z:\\nowa" holds a line break) or a share that lost one of its two."""
    if not isinstance(value, str):
        return f"Pole \"{key}\" musi być tekstem w cudzysłowie."
    if any(ch in value for ch in "\n\r\t\b\f"):
        return f"Pole \"{key}\" zawiera znak sterujący.\n{BACKSLASH_HINT}"
    if value.startswith("\\") and not value.startswith("\\\\"):
        return (f"Pole \"{key}\" zaczyna się jednym ukośnikiem odwrotnym; ścieżka sieciowa "
                f"zaczyna się dwoma (\\\\serwer\\…).\n{BACKSLASH_HINT}")
    return None


def load(path: Path | None = None) -> Settings:
    """The settings; the defaults when there is no file. SettingsError when the file is
    there but wrong — never the defaults in its place."""
    path = path or config_path()
    try:
        # utf-8-sig: Notepad may save the file with a byte-order mark.
        raw = json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        return Settings()
    except UnicodeDecodeError as exc:
        raise SettingsError(path, "Plik nie jest zapisany w kodowaniu UTF-8. W Notatniku: "
                                  "Plik → Zapisz jako… → Kodowanie: UTF-8.") from exc
    except json.JSONDecodeError as exc:
        raise SettingsError(path, _json_problem(exc)) from exc
    except OSError as exc:
        raise SettingsError(path, f"Nie można odczytać pliku: {exc.strerror or exc}.") from exc
    if not isinstance(raw, dict):
        raise SettingsError(path, "Plik powinien zawierać pola w nawiasach klamrowych, np. "
                                  "{\"database\": \"Z:\\\\OPS\\\\opsdesk.sqlite\"}.")
    known = {f.name for f in fields(Settings)}
    values: dict[str, str] = {}
    for key, value in raw.items():
        if key not in known:
            continue  # an old or foreign key (never a password: see save)
        if value is None:
            value = ""
        problem = _value_problem(key, value)
        if problem:
            raise SettingsError(path, problem)
        values[key] = value
    return Settings(**values)


def save(settings: Settings, path: Path | None = None) -> None:
    if "://" in settings.database and urlsplit(settings.database).password:
        raise ValidationError("Adres serwera nie może zawierać hasła: plik ustawień nie "
                              "przechowuje haseł. Hasło do serwera zapisz w pliku pgpass.conf "
                              "(%APPDATA%\\postgresql) i podaj adres bez niego.",
                              field="database")
    path = path or config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(asdict(settings), ensure_ascii=False, indent=2), encoding="utf-8")
    tmp.replace(path)
