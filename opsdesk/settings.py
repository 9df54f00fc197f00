"""Per-workstation settings: where the database lives and where backups and exports go.

Office data shared by all workstations lives in the database (services.office); window
state lives in QSettings (ui). This file never holds a password."""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from urllib.parse import urlsplit

from platformdirs import user_config_dir, user_data_dir, user_documents_dir

from opsdesk.errors import ValidationError

log = logging.getLogger(__name__)
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


def load(path: Path | None = None) -> Settings:
    path = path or config_path()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings()
    except (OSError, ValueError):
        log.warning("settings file unreadable, using defaults")
        return Settings()
    known = {f.name for f in fields(Settings)}
    return Settings(**{k: str(v) for k, v in raw.items() if k in known})


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
