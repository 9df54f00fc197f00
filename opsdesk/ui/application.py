"""The Qt side of start-up: Polish Qt, the database (asking before creating one), login or
the first head's account, then the main window — whose modules are imported in the background
while the login window waits (``preload``), so the login window comes up first and fast."""

from __future__ import annotations

import gc
import sys

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox

from opsdesk.db import Database
from opsdesk.errors import UserFacingError
from opsdesk.schema import SchemaTooNew
from opsdesk.services.office import office_name
from opsdesk.services.security import has_users
from opsdesk.settings import Settings
from opsdesk.shared_location import is_shared
from opsdesk.startup import DatabaseMissing, open_database
from opsdesk.ui import crash, operations, preload
from opsdesk.ui.context import AppContext
from opsdesk.ui.login import FirstHeadDialog, LoginDialog
from opsdesk.ui.settings_dialog import SettingsDialog

ACCENT = "#0072B2"  # Okabe-Ito blue: read alike by colour-blind users, white text on it 5:1
# Unpadded tabs clip the accents of capitals (Ś, Ż) in the tab titles. The primary button
# (Enter's: "Zapisz", "OK") stands out by the accent colour, light on dark for every eye; a
# darker frame shows the keyboard's focus. No bold and one border width in every state: Qt
# sizes a button by its plain state, and a wider text or frame was clipped ("ıpisz proje").
STYLE = f"""
QTabBar::tab {{ padding: 5px 12px; }}
QPushButton:default {{ color: white; background: {ACCENT}; border: 2px solid {ACCENT};
    border-radius: 4px; padding: 3px 12px; }}
QPushButton:default:hover {{ background: #0065A0; border-color: #0065A0; }}
QPushButton:default:pressed {{ background: #005A8C; border-color: #005A8C; }}
QPushButton:default:focus {{ border-color: #002E4A; }}
QPushButton:default:disabled {{ color: #F0F0F0; background: #8FB3CC; border-color: #8FB3CC; }}
"""


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv)
    QCoreApplication.setOrganizationName("opsdesk")
    QCoreApplication.setApplicationName("opsdesk")
    polish = QLocale(QLocale.Language.Polish, QLocale.Country.Poland)
    QLocale.setDefault(polish)
    app.setStyleSheet(STYLE)
    translator = QTranslator(app)
    # Qt's own dialogs and buttons in Polish ("Anuluj", "Tak", "Nie").
    if translator.load(polish, "qtbase", "_",
                       QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(translator)
    return app  # type: ignore[return-value]


def open_with_dialogs(target: str, settings: Settings) -> tuple[Database, Settings] | None:
    """Open the database; when it cannot be reached, say so and let the user retry —
    never silently create an empty database where a network drive vanished."""
    first_local = not settings.database
    while True:
        try:
            return open_database(target, create=first_local,
                                 backup_dir=settings.backup_folder()), settings
        except DatabaseMissing as exc:
            box = QMessageBox(QMessageBox.Icon.Warning, "opsdesk", exc.message)
            retry = box.addButton("Spróbuj ponownie", QMessageBox.ButtonRole.AcceptRole)
            choose = box.addButton("Wskaż inny plik…", QMessageBox.ButtonRole.ActionRole)
            create = box.addButton("Utwórz nową, pustą bazę w tym miejscu",
                                   QMessageBox.ButtonRole.DestructiveRole)
            box.addButton("Zakończ", QMessageBox.ButtonRole.RejectRole)
            box.exec()
            if box.clickedButton() is create:
                first_local = True
            elif box.clickedButton() is choose:
                dialog = SettingsDialog(settings)
                if dialog.exec() and dialog.saved is not None:
                    settings = dialog.saved
                    target = settings.database_target()
            elif box.clickedButton() is not retry:
                return None
        except (UserFacingError, SchemaTooNew) as exc:
            message = exc.message if isinstance(exc, UserFacingError) else str(exc)
            answer = QMessageBox.warning(None, "opsdesk", message,
                                         QMessageBox.StandardButton.Retry
                                         | QMessageBox.StandardButton.Close)
            if answer != QMessageBox.StandardButton.Retry:
                return None
        except Exception as exc:  # noqa: BLE001 - a corrupt or foreign file
            answer = QMessageBox.critical(
                None, "opsdesk", "Nie można otworzyć bazy danych — plik jest uszkodzony albo "
                f"nie jest bazą opsdesk.\n\n{target}\n\nSzczegóły: {exc}\n\nPrzywróć bazę z "
                "kopii (opsdesk restore) lub wskaż inny plik w ustawieniach.",
                QMessageBox.StandardButton.Retry | QMessageBox.StandardButton.Close)
            if answer != QMessageBox.StandardButton.Retry:
                return None


def refuse_to_start(message: str) -> int:
    """Start-up stops before any database is opened (a broken settings file): say why."""
    make_app()
    box = QMessageBox(QMessageBox.Icon.Critical, "opsdesk", message)
    box.setObjectName("startupRefused")
    box.exec()
    return 1


def run(target: str, settings: Settings, *, demo: bool = False) -> int:
    app = make_app()
    crash.install()
    opened = open_with_dialogs(target, settings)
    if opened is None:
        return 1
    db, settings = opened
    while True:  # "Wyloguj" brings the login window back; closing the window ends
        dialog = login_window(db, demo=demo)
        if not dialog.exec() or dialog.actor is None:
            return 0
        # Held in this frame: the window lives while the event loop runs.
        window = main_window(AppContext(db=db, actor=dialog.actor, settings=settings),
                             demo=demo)
        logged_out: list[bool] = []
        window.logged_out.connect(  # type: ignore[attr-defined]
            lambda out=logged_out: out.append(True))
        code = app.exec()
        window.deleteLater()
        del window
        if not logged_out:
            return code


def login_window(db: Database, *, demo: bool = False) -> FirstHeadDialog | LoginDialog:
    """The first window (login, or the first head's account on an empty database); the main
    window's modules start importing behind it."""
    dialog: FirstHeadDialog | LoginDialog
    if not operations.call(lambda: db.read(has_users)):
        dialog = FirstHeadDialog(db)
    else:
        office = operations.call(lambda: db.read(office_name))
        hint = ("Baza demonstracyjna — konta: kierownik, pierwszy, swiadczenia, socjalny; "
                "hasło demo1234." if demo else "")
        dialog = LoginDialog(db, office, hint=hint)
    preload.start()
    return dialog


def main_window(ctx: AppContext, *, demo: bool = False) -> QMainWindow:
    """The logged-in worker's window, shown."""
    window = preload.main_window_class()(ctx, database_label=ctx.db.target,
                                         shared=is_shared(ctx.db.target), demo=demo)
    window.show()
    settle()
    return window


def settle() -> None:
    """What is alive once the window stands (modules, mappings, widgets) stays: leave it out
    of the garbage collector's full passes, which otherwise stop the window for 0.1–0.15 s
    now and then while a long list or a PDF is being made. And collect less often: reading
    a queue of two thousand cases allocates ~100 000 objects, which at Python's default of
    a pass every 700 meant ~60 passes and now and then a full one (≈10–25 ms each) within
    one click; measured on the large database, the queue's slowest refreshes went from
    ~240 ms to ~125 ms (docs/benchmarks.md). Off from the program's start (opsdesk.app),
    collection is then made by the window's event loop, never by Python on its own
    (``operations.collect_in_ui_thread``)."""
    gc.freeze()
    gc.set_threshold(50_000, 20, 10)
    operations.collect_in_ui_thread()
