"""One button for the four electronic actions of an issued decision: sign it, load a file
signed outside the program, make the e-Doręczenia package, load its proof of delivery (UPO).

Signing and e-Doręczenia import pyHanko (~0.7 s): only when a worker uses them, not while
the window opens."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMenu, QPushButton, QWidget

from opsdesk.models.enums import DecisionStatus
from opsdesk.services.actions import Action
from opsdesk.services.decisions import DecisionRow
from opsdesk.ui.context import AppContext
from opsdesk.ui.widgets import push


class ElectronicActions:
    """The button (``button``) and its menu's actions, for the decision ``current`` gives."""

    def __init__(self, ctx: AppContext, parent: QWidget,
                 current: Callable[[], DecisionRow | None]) -> None:
        self.ctx, self.parent, self.current = ctx, parent, current
        self.button: QPushButton = push("Podpis, e-Doręczenia ▾",
                                        object_name="electronicDecision")
        menu = QMenu(self.button)
        self.sign = menu.addAction("Podpisz elektronicznie…", self.sign_decision)
        self.load_signed = menu.addAction("Wczytaj plik podpisany poza programem…",
                                          self.load_signed_decision)
        menu.addSeparator()
        self.e_send = menu.addAction("Paczka do wysłania przez e-Doręczenia…",
                                     self.e_delivery_package)
        self.e_proof = menu.addAction("Wczytaj dowód doręczenia (UPO)…",
                                      self.e_delivery_proof)
        self.button.setMenu(menu)

    def update(self, decision: DecisionRow | None, *, works: bool, signs: bool) -> None:
        """Shown to who may act; enabled for an issued decision that may be printed."""
        allowed = decision.actions if decision else frozenset()
        issued = decision is not None and decision.status is DecisionStatus.ISSUED
        printable = issued and Action.PRINT in allowed
        self.sign.setVisible(signs)
        self.sign.setEnabled(issued)
        self.load_signed.setVisible(works or signs)
        self.load_signed.setEnabled(printable)
        for action in (self.e_send, self.e_proof):
            action.setVisible(works or signs)
            action.setEnabled(printable)
        self.button.setVisible(works or signs)
        self.button.setEnabled(printable)

    def sign_decision(self) -> None:
        from opsdesk.ui.signing_dialog import SignDialog

        decision = self.current()
        if decision is not None:
            SignDialog(self.ctx, decision.id, decision.number, self.parent).exec()

    def load_signed_decision(self) -> None:
        from opsdesk.ui.signing_dialog import import_signed_file

        decision = self.current()
        if decision is not None:
            import_signed_file(self.ctx, self.parent, decision.id)

    def e_delivery_package(self) -> None:
        from opsdesk.ui.e_delivery_actions import export_package

        decision = self.current()
        if decision is not None:
            export_package(self.ctx, self.parent, decision.id)

    def e_delivery_proof(self) -> None:
        from opsdesk.ui.e_delivery_actions import import_proof

        import_proof(self.ctx, self.parent)
