"""Icons (issue 15 item 6): every SVG loads offscreen (QtSvg's image plugin, in
PySide6-Essentials), is sharp at 125 % and 200 %, is packaged, and the main actions show them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QPushButton

from opsdesk.ui import icons
from opsdesk.ui.main_window import MainWindow
from tests.ui_helpers import open_tab

ROOT = Path(__file__).resolve().parents[2]


def test_every_icon_loads_and_renders_at_high_dpi(qapp):
    used = set(icons.BUTTONS.values()) | set(icons.TABS.values())
    files = {p.stem for p in icons.FOLDER.glob("*.svg")}
    assert used <= files, used - files
    for name in files:
        icon = icons.icon(name)
        assert not icon.isNull(), name
        for ratio in (1.25, 2.0):
            image = icon.pixmap(QSize(16, 16), ratio).toImage()
            assert image.width() == int(16 * ratio), (name, ratio)
            assert any(image.pixelColor(x, y).alpha() for x in range(image.width())
                       for y in range(image.height())), f"{name} draws nothing"


def test_the_icons_are_packaged():
    """As setuptools reads setup.cfg (a value of several lines is split by lines, not by
    commas: a pattern written "a, b," on one line of several matched nothing and the wheel
    lost its newer migrations)."""
    from setuptools.config.setupcfg import read_configuration

    patterns = read_configuration(ROOT / "setup.cfg")["options"]["package_data"]["opsdesk"]
    assert "resources/icons/*.svg" in patterns
    assert "migrations/versions/*.py" in patterns


def test_the_main_actions_and_tabs_show_icons(qtbot, db, staff, make_ctx):
    window = MainWindow(make_ctx(staff.head), database_label="x", shared=False)
    qtbot.addWidget(window)
    window.show()
    assert all(not window.tabs.tabIcon(i).isNull() for i in range(window.tabs.count()))
    for name in ("logout", "changePassword", "workstationSettings"):
        assert not window.findChild(QPushButton, name).icon().isNull(), name
    open_tab(window, "Świadczenia")
    shown = [b for b in window.findChildren(QPushButton) if b.isVisible() and not b.icon().isNull()]
    assert len(shown) >= 5
