"""One start-up, run in its own process by ``bench.run``: the real start path up to the main
window shown, or (``--bare``) an empty PySide6 window — the floor nothing can beat.

The parent times from starting the process to the line this prints, so the interpreter and
every import are counted. Printed: ``ready <peak RSS in kB> <SQL statements>``."""

from __future__ import annotations

import os
import sys

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
    print(f"ready {peak_kb()} 0", flush=True)


def opsdesk(target: str, login: str, password: str, folder: str) -> None:
    """What ``opsdesk.ui.application.run`` does, with the login dialog answered: open the
    database, check there are users, log in, build the window, show it."""
    from sqlalchemy import Engine, event

    from opsdesk.services import security
    from opsdesk.settings import Settings
    from opsdesk.startup import open_database
    from opsdesk.ui.application import is_shared, make_app, settle
    from opsdesk.ui.context import AppContext
    from opsdesk.ui.main_window import MainWindow

    statements = [0]
    event.listen(Engine, "before_cursor_execute",
                 lambda *_a: statements.__setitem__(0, statements[0] + 1))
    app = make_app(sys.argv[:1])
    settings = Settings(database=target, backup_dir=os.path.join(folder, "kopie"),
                        export_dir=os.path.join(folder, "pdf"))
    db = open_database(target, backup_dir=settings.backup_folder())
    if not db.read(security.has_users):
        raise SystemExit("the database has no users")
    actor = db.write(lambda s: security.authenticate(s, login=login, password=password))
    ctx = AppContext(db=db, actor=actor, settings=settings)
    window = MainWindow(ctx, database_label=db.target, shared=is_shared(db.target))
    window.show()
    settle()
    app.processEvents()
    print(f"ready {peak_kb()} {statements[0]}", flush=True)


def main(argv: list[str]) -> None:
    if argv[:1] == ["--bare"]:
        bare()
    else:
        opsdesk(*argv[:4])
    # No teardown: the parent has its figure; leaving at once keeps runs independent.
    os._exit(0)


if __name__ == "__main__":
    main(sys.argv[1:])
