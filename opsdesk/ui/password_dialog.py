"""Zmień hasło: any worker changes their own password, knowing the current one."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton, QWidget

from opsdesk.services import users
from opsdesk.services.security import MIN_PASSWORD
from opsdesk.ui.context import AppContext
from opsdesk.ui.login import password_line
from opsdesk.ui.widgets import FormDialog, push


class ChangePasswordDialog(FormDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, f"Zmiana hasła — {ctx.actor.full_name}", parent)
        self.add("old_password", "Obecne hasło", password_line("old_password"))
        self.add("new_password", f"Nowe hasło (co najmniej {MIN_PASSWORD} znaków)",
                 password_line("new_password"))
        self.add("new_password2", "Powtórz nowe hasło", password_line("new_password2"))
        self.resize(460, 180)
        self.mark_pristine()

    def submit(self) -> None:
        old, new = self.field("old_password").text(), self.field("new_password").text()
        if new != self.field("new_password2").text():
            self.show_field_error("Nowe hasła się różnią.", "new_password2")
            return
        actor = self.ctx.actor
        ok, _ = self.run_write(lambda s: users.change_own_password(
            s, actor=actor, old_password=old, new_password=new))
        if ok:
            self.accept()


def change_password_button(ctx: AppContext, parent: QWidget) -> QPushButton:
    """"Zmień hasło…" for the top bar, next to the worker's name."""
    return push("Zmień hasło…", object_name="changePassword",
                slot=lambda: ChangePasswordDialog(ctx, parent).exec())
