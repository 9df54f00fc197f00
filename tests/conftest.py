"""Shared fixtures: a real SQLite file per test (no ORM mocks) and one worker per role."""

import json
import os
import shutil
import tempfile

# Offscreen, on the commonest office screen (1366×768) rather than the plugin's 800×800:
# what does not fit there fails the tests that measure it (tests/ui/test_fit.py).
_SCREEN = os.path.join(tempfile.mkdtemp(prefix="opsdesk-screen-"), "screen.json")
with open(_SCREEN, "w", encoding="utf-8") as _file:
    json.dump({"screens": [{"name": "office", "x": 0, "y": 0, "width": 1366, "height": 768,
                            "logicalDpi": 96}]}, _file)
os.environ.setdefault("QT_QPA_PLATFORM", f"offscreen:configfile={_SCREEN}")

from collections.abc import Iterator  # noqa: E402
from datetime import datetime  # noqa: E402
from pathlib import Path  # noqa: E402
from zoneinfo import ZoneInfo  # noqa: E402

import pytest  # noqa: E402
import time_machine  # noqa: E402
from sqlalchemy import create_engine, make_url  # noqa: E402
from sqlalchemy.pool import NullPool  # noqa: E402

from opsdesk import clock  # noqa: E402
from opsdesk.db import Database  # noqa: E402
from opsdesk.models.enums import Role  # noqa: E402
from opsdesk.services import security, users  # noqa: E402
from opsdesk.services.office import OfficeForm, office_form, save_office  # noqa: E402
from opsdesk.services.security import Actor  # noqa: E402
from opsdesk.startup import open_database  # noqa: E402

PASSWORD = "haslo-testowe-1"
# The suite's one moment: every test's clock starts there, in the office's time zone (see
# ``clock_at_today``). CI runs the suite again on awkward days by setting OPSDESK_TEST_NOW
# ("2027-01-01T08:00", "2026-12-31T23:59", …).
OFFICE_TZ = ZoneInfo("Europe/Warsaw")
NOW = datetime.fromisoformat(os.environ.get("OPSDESK_TEST_NOW", "2026-11-10T10:00"))
TODAY = NOW.date()

OFFICE = OfficeForm(
    name="Gminny Ośrodek Pomocy Społecznej w Zbąszynku", address="ul. Dworcowa 5, 66-210 Zbąszynek",
    phone="68 384 93 00", town="Zbąszynek", gmina="Gmina Zbąszynek",
    mayor_title="Burmistrz Zbąszynka", mayor_genitive="Burmistrza Zbąszynka",
    head_name="Grażyna Wiśniewska", sko_name="Samorządowe Kolegium Odwoławcze w Zielonej Górze",
    bank_account="96102054020000120200123456")


# SQLite by default; a URL here runs the suite on a PostgreSQL server, each test in a
# database of its own made from a migrated template.
SERVER_URL = os.environ.get("OPSDESK_TEST_DATABASE_URL", "")


@pytest.fixture(autouse=True)
def clock_at_today() -> Iterator[time_machine.Traveller]:
    """Every test runs on the suite's day, whatever the wall clock says: the program's clock
    (``opsdesk.clock``) follows Python's, which time-machine moves, time running on from
    ``NOW``. A test that needs another moment moves the coordinates it is given."""
    with time_machine.travel(NOW.replace(tzinfo=OFFICE_TZ), tick=True) as coordinates:
        yield coordinates
    clock.set_today(None)  # a day a test set for the program (``--today``) ends with it


@pytest.fixture(autouse=True)
def fast_password_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2 with the production cost takes ~0.1 s a hash; tests hash hundreds."""
    from argon2 import PasswordHasher

    monkeypatch.setattr(security, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024,
                                                            parallelism=1))


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Migrate once through Alembic; each test starts from a copy of the result."""
    path = tmp_path_factory.mktemp("template") / "template.sqlite"
    open_database(str(path), create=True).dispose()
    return path


class ServerDatabases:
    """Databases on the test server, one per test. Measured on PostgreSQL 15: a copy of a
    migrated template (CREATE DATABASE … STRATEGY FILE_COPY) and its DROP take ~0.03 s,
    with WAL_LOG ~0.13 s; dropping the schema and migrating again ~0.37 s."""

    def __init__(self, url: str) -> None:
        self.url = make_url(url)
        self.admin = create_engine(self.url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
        # Of this process: a suite that runs the suite again in a child (test_fit's smaller
        # screens) must not drop its parent's template when the child ends.
        self.template = f"{self.url.database}_template_{os.getpid()}"
        self.count = 0

    def _run(self, sql: str) -> None:
        with self.admin.connect() as conn:
            conn.exec_driver_sql(sql)

    def create_template(self) -> None:
        self._run(f'DROP DATABASE IF EXISTS "{self.template}" WITH (FORCE)')
        self._run(f'CREATE DATABASE "{self.template}"')
        open_database(self.url_of(self.template)).dispose()

    def url_of(self, name: str) -> str:
        return self.url.set(database=name).render_as_string(hide_password=False)

    def create(self) -> str:
        self.count += 1
        name = f"{self.url.database}_{os.getpid()}_{self.count}"
        self._run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self._run(f'CREATE DATABASE "{name}" TEMPLATE "{self.template}" STRATEGY FILE_COPY')
        return name

    def drop(self, name: str) -> None:
        self._run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def server_databases() -> Iterator[ServerDatabases]:
    server = ServerDatabases(SERVER_URL)
    server.create_template()
    yield server
    server.drop(server.template)
    server.admin.dispose()


@pytest.fixture
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """A migrated database of the test's own: a copy of the template file, or on the server."""
    if SERVER_URL:
        server: ServerDatabases = request.getfixturevalue("server_databases")
        name = server.create()
        target = server.url_of(name)
    else:
        target = str(tmp_path / "opsdesk.sqlite")
        shutil.copyfile(request.getfixturevalue("migrated_template"), target)
    database = open_database(target)
    yield database
    database.dispose()
    if SERVER_URL:
        server.drop(name)


class Staff:
    """One worker per role, made through the same services the head uses."""

    def __init__(self, db: Database) -> None:
        self.head = db.write(lambda s: security.create_first_head(
            s, login="kierownik", full_name="Grażyna Wiśniewska", password=PASSWORD))
        db.write(lambda s: save_office(s, OFFICE, actor=self.head,
                                       expected_version=office_form(s)[1]))
        self.desk = self._add(db, "pierwszy", "Żaneta Łęcka", {Role.FIRST_CONTACT})
        self.benefits = self._add(db, "swiadczenia", "Anna Nowak", {Role.BENEFITS})
        self.social = self._add(db, "socjalny", "Józef Ćwikła", {Role.SOCIAL_WORK})
        self.admin = self._add(db, "admin", "Piotr Żak", {Role.ADMIN})

    def authorised_signer(self, db: Database) -> Actor:
        """A benefits worker the head authorised to sign decisions (art. 110 ust. 8 ups)."""
        return self._add(db, "upowazniony", "Urszula Podpisująca", {Role.BENEFITS},
                         may_sign_decisions=True)

    def _add(self, db: Database, login: str, name: str, roles: set[Role], *,
             may_sign_decisions: bool = False) -> Actor:
        db.write(lambda s: users.add_worker(s, actor=self.head, login=login, full_name=name,
                                            password=PASSWORD, roles=roles,
                                            position="Pracownik socjalny",
                                            may_sign_decisions=may_sign_decisions))
        return db.write(lambda s: security.authenticate(s, login=login, password=PASSWORD))


@pytest.fixture
def staff(db: Database) -> Staff:
    return Staff(db)


@pytest.fixture
def ui_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Qt settings in a temp folder, and PDFs 'opened' into a list instead of a viewer."""
    from PySide6.QtCore import QCoreApplication, QSettings

    from opsdesk.ui import pdf

    QCoreApplication.setOrganizationName("opsdesk-test")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qt"))
    opened: list[Path] = []
    monkeypatch.setattr(pdf, "opener", opened.append)
    return opened


@pytest.fixture
def make_ctx(db: Database, tmp_path: Path, ui_env: list[Path]):  # type: ignore[no-untyped-def]
    """An AppContext for a logged-in actor, with backups and exports in the temp folder."""
    from opsdesk.settings import Settings
    from opsdesk.ui.context import AppContext

    def make(actor: Actor) -> AppContext:
        return AppContext(db=db, actor=actor, settings=Settings(
            backup_dir=str(tmp_path / "kopie"), export_dir=str(tmp_path / "pdf")))

    return make


@pytest.fixture(autouse=True)
def own_user_folders(tmp_path_factory: pytest.TempPathFactory,
                     monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The program's data folder, settings file and log in a temporary folder: a test never
    reads or writes the user's own (``app.main`` starts the log, the defaults point there)."""
    from opsdesk import logs, settings

    home = tmp_path_factory.mktemp("user")
    # XDG's variables, which a test may set again (test_backup's cli_home); read here on
    # every system, Windows' own folders being asked of the system, not of the environment.
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setattr(settings, "data_dir",
                        lambda: Path(os.environ["XDG_DATA_HOME"]) / "opsdesk")
    monkeypatch.setattr(settings, "config_path", lambda: Path(
        os.environ["XDG_CONFIG_HOME"]) / "opsdesk" / "settings.json")
    yield home
    logs.shutdown()


@pytest.fixture(autouse=True)
def close_windows_after_test() -> Iterator[None]:
    """A window a test left open keeps its idle-lock timer; close every one, so no lock
    dialog can pop up in the middle of a later test; and free them now, as the program's
    own event loop would, not inside a later test's wait for the database."""
    yield
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is not None:
        for widget in QApplication.topLevelWidgets():
            widget.close()
            widget.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        # Python does not collect on its own once the database worker runs; the window's
        # event loop does, and a test's own stretch without one ends here.
        from opsdesk.ui import operations

        operations.collect_garbage()
