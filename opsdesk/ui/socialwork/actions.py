"""What the groups of the social-work tab's actions share: the area their saves change (the
tab listens to it and refreshes), a choice list, and one way to open a form and to save."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QComboBox, QWidget
from sqlalchemy.orm import Session

from opsdesk.changes import Changes
from opsdesk.ui.action_dialog import ActionDialog

if TYPE_CHECKING:
    from opsdesk.ui.socialwork.tab import SocialWorkTab

AREA = Changes.SOCIALWORK


def combo(items: list[tuple[str, Any]], *, object_name: str = "") -> QComboBox:
    """A choice list: each item's text and the value it stands for."""
    box = QComboBox()
    for text, data in items:
        box.addItem(text, data)
    if object_name:
        box.setObjectName(object_name)
    return box


class TabActions:
    """A group of the tab's buttons' actions, for what the tab has selected; a form's OK or a
    button saves through the services, and the tab refreshes on the change."""

    def __init__(self, tab: SocialWorkTab) -> None:
        self.tab = tab
        self.ctx = tab.ctx

    def write(self, fn: Callable[[Session], Any]) -> tuple[bool, Any]:
        return self.ctx.write(self.tab, fn, changed=AREA)

    def dialog(self, title: str, fields: list[tuple[str, str, QWidget]],
               action: Callable[[ActionDialog], Callable[[Session], Any] | None]) -> None:
        ActionDialog(self.ctx, title, fields, action, self.tab, changed=AREA).exec()
