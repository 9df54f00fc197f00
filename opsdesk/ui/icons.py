"""Icons where they help a worker find the action: drawn as SVG (sharp at any scaling),
packaged in opsdesk/resources/icons, put on the main actions by their object names — one
table here instead of an icon argument in every module that makes a button."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QAbstractButton, QTabWidget, QWidget

FOLDER = Path(__file__).resolve().parent.parent / "resources" / "icons"

# A button's object name → its icon's file name.
BUTTONS = {
    "saveText": "save", "savePlan": "save", "preview": "pdf", "previewDecision": "pdf",
    "previewTextPdf": "pdf", "printList": "print", "printReceipts": "print",
    "printFigures": "print", "approveDecision": "approve", "approveList": "approve",
    "approveText": "approve", "returnDecision": "return", "submitDecision": "send",
    "routeBenefits": "send", "routeSocial": "send", "routeBoth": "send",
    "newPerson": "person-add", "addWorker": "person-add", "newIntake": "document-new",
    "newApplication": "document-new", "newDecision": "document-new", "interview": "interview",
    "logout": "logout", "refresh": "refresh", "makeBackup": "backup", "restoreBackup": "backup",
    "exportSheet": "export", "changePassword": "key", "workstationSettings": "settings",
    "approvals": "approve",
}
# A role tab's title → its icon.
TABS = {"Stanowisko pierwszego kontaktu": "person", "Świadczenia": "money",
        "Praca socjalna i usługi": "interview", "Kierownik": "approve",
        "Administracja": "settings"}


@cache
def icon(name: str) -> QIcon:
    """The named icon (QIcon renders the SVG at the screen's own pixel density)."""
    return QIcon(str(FOLDER / f"{name}.svg"))


def decorate(root: QWidget) -> None:
    """Put the icons on the main actions and on the role tabs under ``root``."""
    for button in root.findChildren(QAbstractButton):
        name = BUTTONS.get(button.objectName())
        if name and button.icon().isNull():
            button.setIcon(icon(name))
    for tabs in root.findChildren(QTabWidget):
        for index in range(tabs.count()):
            name = TABS.get(tabs.tabText(index).replace("&", ""))
            if name:
                tabs.setTabIcon(index, icon(name))
