"""Screenshots of every tab (and its inner pages) on the demo database, as a worker sees them:
run under a real X server with a window manager (issue 15: looked at on a 1366×768 screen).

    Xvfb :5 -screen 0 1366x768x24 & DISPLAY=:5 openbox &
    DISPLAY=:5 python -m tools.screenshots OUT_DIR [--login kierownik]

The whole screen is grabbed (the window's frame and the screen's edge show what fits); the
program's settings are kept in a temporary folder, so the window opens as on a first start.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--login", action="append")
    args = parser.parse_args(argv)
    home = tempfile.mkdtemp(prefix="opsdesk-shots-")
    os.environ["HOME"] = os.environ["XDG_CONFIG_HOME"] = os.environ["XDG_DATA_HOME"] = home
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QTableView, QTabWidget

    from opsdesk.app import make_demo
    from opsdesk.demo import DEMO_PASSWORD
    from opsdesk.services import security
    from opsdesk.settings import Settings
    from opsdesk.startup import open_database
    from opsdesk.ui.application import main_window, make_app
    from opsdesk.ui.context import AppContext

    path = Path(home) / "demo.sqlite"
    if failure := make_demo(path, size="small", seed=2026):
        print(failure, file=sys.stderr)
        return 1
    app = make_app()
    db = open_database(str(path))
    args.out.mkdir(parents=True, exist_ok=True)
    for login in args.login or ["kierownik"]:
        actor = db.write(lambda s, who=login: security.authenticate(
            s, login=who, password=DEMO_PASSWORD))
        window = main_window(AppContext(db=db, actor=actor, settings=Settings()))
        QTest.qWait(800)

        def grab(name: str, window=window, login=login) -> None:  # type: ignore[no-untyped-def]
            for view in window.findChildren(QTableView):
                if view.isVisible() and view.model() and view.model().rowCount() \
                        and not view.selectionModel().hasSelection():
                    view.selectRow(0)
            QTest.qWait(400)
            screen = QGuiApplication.primaryScreen()
            screen.grabWindow(0).save(str(args.out / f"{login}-{name}.png"))

        for index in range(window.tabs.count()):
            window.tabs.setCurrentIndex(index)
            page = window.tabs.widget(index)
            QTest.qWait(300)
            grab(f"{index}")
            for inner in page.findChildren(QTabWidget):
                for n in range(1, inner.count()):
                    if inner.isVisible():
                        inner.setCurrentIndex(n)
                        grab(f"{index}-{inner.objectName()}-{n}")
                inner.setCurrentIndex(0)
        window.close()
        app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
