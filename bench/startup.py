"""One start-up, run in its own process by ``bench.run``: the real start path, or
(``--bare``) an empty PySide6 window — the floor nothing can beat.

The program's path, as ``opsdesk.ui.application.run`` takes it: open the database, show the
login window (the first usable window) and print when it stands; wait as a worker typing the
password would until the main window's modules have been imported behind it (``preload``),
then type the login and password, press "Zaloguj" and print when the main window stands with
its lists filled. The parent reads the wall-clock stamps, so the interpreter and every import
are counted. Printed lines, each with the SQL statements since the line before:
``login <stamp> <statements>``, ``typed <stamp> <statements>``, ``ready <stamp> <peak RSS in
kB> <statements>``."""

from __future__ import annotations

import gc
import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def peak_kb() -> int:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def bare() -> None:
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    print(f"ready {time.time()} {peak_kb()} 0", flush=True)


class Statements:
    """The SQL statements issued since the last ``since()``."""

    def __init__(self) -> None:
        from sqlalchemy import Engine, event

        self.count = self.seen = 0
        event.listen(Engine, "before_cursor_execute", self._one)

    def _one(self, *_args: object) -> None:
        self.count += 1

    def since(self) -> int:
        new, self.seen = self.count - self.seen, self.count
        return new


def opsdesk(target: str, login: str, password: str, folder: str) -> None:
    # As ``opsdesk.app.main`` does: no garbage collection until the window stands; then
    # opsdesk.ui (and the domain it imports first) before PySide6.
    gc.disable()
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QDialogButtonBox

    from opsdesk.settings import Settings
    from opsdesk.startup import open_database
    from opsdesk.ui import preload
    from opsdesk.ui.application import login_window, main_window, make_app
    from opsdesk.ui.context import AppContext

    statements = Statements()
    # Qt's settings (window size, last tab) in the run's folder, not the developer's own.
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope,
                      os.path.join(folder, "qt"))
    app = make_app(sys.argv[:1])
    settings = Settings(database=target, backup_dir=os.path.join(folder, "kopie"),
                        export_dir=os.path.join(folder, "pdf"))
    db = open_database(target, backup_dir=settings.backup_folder())
    dialog = login_window(db)
    dialog.show()
    app.processEvents()
    print(f"login {time.time()} {statements.since()}", flush=True)

    preload.main_window_class()  # the worker is still typing
    print(f"typed {time.time()} {statements.since()}", flush=True)
    dialog.field("login").setText(login)
    dialog.field("password").setText(password)
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    QTest.mouseClick(ok, Qt.MouseButton.LeftButton)
    if dialog.actor is None:
        raise SystemExit("the login was refused")
    window = main_window(AppContext(db=db, actor=dialog.actor, settings=settings))
    app.processEvents()
    if not window.isVisible():
        raise SystemExit("the main window did not show")
    print(f"ready {time.time()} {peak_kb()} {statements.since()}", flush=True)


def main(argv: list[str]) -> None:
    if argv[:1] == ["--bare"]:
        bare()
    else:
        opsdesk(*argv[:4])
    # No teardown: the parent has its figure; leaving at once keeps runs independent.
    os._exit(0)


if __name__ == "__main__":
    main(sys.argv[1:])
