"""Logging in, and the first start, which creates the head's account."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from opsdesk.db import Database
from opsdesk.errors import UserFacingError, ValidationError
from opsdesk.services import security
from opsdesk.services.security import Actor
from opsdesk.ui import operations
from opsdesk.ui.errors import show_error
from opsdesk.ui.widgets import FormDialog, line


def password_line(object_name: str) -> QLineEdit:
    edit = line(object_name=object_name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class LoginDialog(FormDialog):
    def __init__(self, db: Database, office_name: str, parent: QWidget | None = None, *,
                 hint: str = "") -> None:
        super().__init__(None, "Logowanie — opsdesk", parent)  # type: ignore[arg-type]
        self.db = db
        self.actor: Actor | None = None
        self.setWindowTitle(f"Logowanie — {office_name}")
        heading = QLabel(f"<h3>{office_name}</h3>" + (f"<p>{hint}</p>" if hint else ""))
        heading.setWordWrap(True)
        self.form.insertRow(0, heading)
        self.add("login", "Login", line(max_len=40))
        self.add("password", "Hasło", password_line("password"))
        self.resize(420, 200)
        self.field("login").setFocus()
        self.mark_pristine()

    def reject(self) -> None:
        self.done(0)

    def submit(self) -> None:
        login, password = self.field("login").text(), self.field("password").text()
        try:
            self.actor = operations.call(lambda: self.db.write(
                lambda s: security.authenticate(s, login=login, password=password)))
        except UserFacingError as exc:
            self.show_field_error(exc.message, "password")
            self.field("password").clear()
            return
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
            return
        self.accept()


class FirstHeadDialog(FormDialog):
    """The very first start: the head (kierownik) creates her own account."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(None, "Pierwsze uruchomienie — konto kierownika", parent)  # type: ignore[arg-type]
        self.db = db
        self.actor: Actor | None = None
        self.add("full_name", "Imię i nazwisko kierownika", line(max_len=120))
        self.add("login", "Login", line(max_len=40))
        self.add("password", "Hasło (co najmniej 8 znaków)", password_line("password"))
        self.add("password2", "Powtórz hasło", password_line("password2"))
        self.mark_pristine()

    def reject(self) -> None:
        self.done(0)

    def submit(self) -> None:
        name, login = self.field("full_name").text(), self.field("login").text()
        password = self.field("password").text()
        if password != self.field("password2").text():
            self.show_field_error("Hasła się różnią.", "password2")
            return
        try:
            self.actor = operations.call(lambda: self.db.write(
                lambda s: security.create_first_head(s, login=login, full_name=name,
                                                     password=password)))
        except ValidationError as exc:
            self.show_field_error(exc.message, exc.field)
            return
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
            return
        self.accept()
