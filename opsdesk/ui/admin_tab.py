"""Administracja (the head and the administrator): workers and their roles, the office's
settings for letterheads and decisions, backups, privacy and the head's event log — each on
its own page, chosen from a list on the left."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QListWidget,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from opsdesk.changes import Changes
from opsdesk.labels import label
from opsdesk.models.enums import Role
from opsdesk.services import users
from opsdesk.services.office import OfficeForm, office_form, save_office
from opsdesk.services.permissions import Permission
from opsdesk.services.users import WorkerRow
from opsdesk.ui.audit_view import AuditView
from opsdesk.ui.backup_box import BackupBox
from opsdesk.ui.context import AppContext
from opsdesk.ui.export import export_button
from opsdesk.ui.identity_dialog import IdentityDialog
from opsdesk.ui.login import password_line
from opsdesk.ui.privacy_box import PrivacyBox
from opsdesk.ui.tables import Column, RowsModel, make_table, row_actions, selected_row
from opsdesk.ui.widgets import FormDialog, checkbox, line, push

ROLE_ORDER = [Role.FIRST_CONTACT, Role.BENEFITS, Role.SOCIAL_WORK, Role.HEAD, Role.ADMIN]


class WorkerDialog(FormDialog):
    """A new worker, or the roles of an existing one."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 worker: WorkerRow | None = None) -> None:
        super().__init__(ctx, "Pracownik" if worker else "Nowy pracownik", parent)
        self.worker = worker
        if worker is None:
            self.add("full_name", "Imię i nazwisko", line(max_len=120))
            self.add("login", "Login", line(max_len=40))
            self.add("position", "Stanowisko", line("Pracownik socjalny", max_len=120))
            self.add("password", "Hasło początkowe", password_line("password"))
        for role in ROLE_ORDER:
            box = checkbox(label(role), object_name=f"role_{role.value}")
            box.setChecked(worker is not None and role in worker.roles)
            self.add(f"role_{role.value}", "Rola" if role is ROLE_ORDER[0] else "", box)
        sign = checkbox("upoważniony do podpisywania decyzji (art. 110 ust. 8 ups)",
                        object_name="may_sign")
        sign.setChecked(bool(worker and worker.may_sign_decisions))
        self.add("may_sign", "", sign)
        self.caption_compared(roles="Role", may_sign="Upoważnienie do podpisywania decyzji")
        self.mark_pristine()

    def submit(self) -> None:
        roles = {r for r in ROLE_ORDER if self.field(f"role_{r.value}").isChecked()}
        may_sign = self.field("may_sign").isChecked()
        actor = self.ctx.actor
        if self.worker is None:
            values = {k: self.field(k).text() for k in ("full_name", "login", "position",
                                                        "password")}
            ok, _ = self.run_write(lambda s: users.add_worker(
                s, actor=actor, roles=roles, may_sign_decisions=may_sign, **values),
                changed=Changes.WORKERS)
        else:
            wid, version = self.worker.id, self.worker.version
            ok, _ = self.run_write(lambda s: users.set_roles(
                s, wid, roles, actor=actor, may_sign_decisions=may_sign,
                expected_version=version), changed=Changes.WORKERS)
        if ok:
            self.accept()


class OfficeDialog(FormDialog):
    FIELDS = [("name", "Nazwa ośrodka"), ("address", "Adres"), ("phone", "Telefon"),
              ("town", "Miejscowość (w datach pism)"), ("gmina", "Gmina"),
              ("mayor_title", "Organ (np. Wójt Gminy Zbąszynek)"),
              ("mayor_genitive", "Organ w dopełniaczu (z upoważnienia …)"),
              ("head_name", "Kierownik ośrodka"), ("head_position", "Stanowisko kierownika"),
              ("sko_name", "Samorządowe Kolegium Odwoławcze"),
              ("room", "Pokój pierwszego kontaktu"), ("opens_at", "Otwarte od"),
              ("closes_at", "Otwarte do"), ("case_symbol", "Symbol znaku sprawy (JRWA)"),
              ("e_delivery_address", "Adres do doręczeń elektronicznych (AE:PL-…)"),
              ("bank_account", "Rachunek bankowy ośrodka (zwroty świadczeń)")]

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "Dane ośrodka", parent)
        loaded = ctx.read(self, office_form)
        form, self.version = loaded if loaded else (OfficeForm(name=""), 0)
        for name, caption in self.FIELDS:
            self.add(name, caption, line(getattr(form, name), max_len=200))
        self.resize(620, 520)
        self.mark_pristine()

    def submit(self) -> None:
        form = OfficeForm(**{name: self.field(name).text() for name, _ in self.FIELDS})
        self.save(lambda s: save_office(s, form, actor=self.ctx.actor,
                                        expected_version=self.version), changed=Changes.OFFICE)


class ResetPasswordDialog(FormDialog):
    def __init__(self, ctx: AppContext, worker: WorkerRow, parent: QWidget | None = None) -> None:
        super().__init__(ctx, f"Nowe hasło — {worker.full_name}", parent)
        self.worker = worker
        self.add("password", "Nowe hasło", password_line("password"))
        self.mark_pristine()

    def submit(self) -> None:
        password = self.field("password").text()
        self.save(lambda s: users.reset_password(s, self.worker.id, password,
                                                 actor=self.ctx.actor))


class AdminTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("adminTab")
        self.workers: RowsModel[WorkerRow] = RowsModel([
            Column("Imię i nazwisko", lambda r: r.full_name),
            Column("Login", lambda r: r.login),
            Column("Stanowisko", lambda r: r.position),
            Column("Role", lambda r: ", ".join(label(x) for x in ROLE_ORDER if x in r.roles)),
            Column("Stan", lambda r: "aktywny" if r.active else "wyłączony"),
        ], self)
        self.view = make_table(self.workers, object_name="workerList")
        self.worker_buttons: list[QPushButton] = []
        box = QGroupBox("Pracownicy")
        box_layout = QVBoxLayout(box)
        box_layout.addWidget(self.view)
        buttons = QHBoxLayout()
        for text, name, slot in (("Dodaj pracownika…", "addWorker", self.add_worker),
                                 ("Role…", "editRoles", self.edit_roles),
                                 ("Nowe hasło…", "resetPassword", self.reset_password),
                                 ("Wyłącz konto", "deactivate", self.deactivate),
                                 ("Dane ośrodka…", "officeSettings", self.office),
                                 ("Organ od dnia…", "officeIdentity", self.identity)):
            buttons.addWidget(button := push(text, object_name=name, slot=slot))
            if name in ("editRoles", "resetPassword", "deactivate"):
                self.worker_buttons.append(button)
        # The selected worker's actions also in a menu: the right button or Enter on the row.
        row_actions(self.view, lambda: self.worker_buttons)
        buttons.addWidget(export_button(ctx, self, self.view, "Pracownicy", staff=True))
        buttons.addStretch(1)
        box_layout.addLayout(buttons)
        # Pages chosen from a list on the left, not one long page: each fits a 768-pixel
        # screen whole, and a worker looking for backups does not scroll past the workers.
        self.pages = QListWidget()
        self.pages.setObjectName("adminPages")
        self.pages.setFixedWidth(220)
        self.stack = QStackedWidget()
        self.add_page("Pracownicy i uprawnienia", box)
        if ctx.actor.can(Permission.BACKUP):
            self.add_page("Kopie zapasowe i baza", BackupBox(ctx, self))
        self.add_page("Blokada okna i RODO", PrivacyBox(ctx, self))
        if ctx.actor.can(Permission.AUDIT_READ):
            audit = QGroupBox("Dziennik zdarzeń")
            QVBoxLayout(audit).addWidget(AuditView(ctx, audit))
            self.add_page("Dziennik zdarzeń", audit)
        self.pages.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.pages.setCurrentRow(0)
        layout = QHBoxLayout(self)
        layout.addWidget(self.pages)
        layout.addWidget(self.stack, 1)
        ctx.listen(Changes.WORKERS, self.refresh)
        self.refresh()

    def add_page(self, title: str, page: QWidget) -> None:
        self.pages.addItem(title)
        self.stack.addWidget(page)

    def show_page(self, title: str) -> None:
        """Open the page called ``title`` (as a click on it in the list does)."""
        titles = [self.pages.item(i).text() for i in range(self.pages.count())]
        self.pages.setCurrentRow(titles.index(title))

    def refresh(self) -> None:
        self.workers.set_rows(self.ctx.read(self, lambda s: users.list_workers(
            s, active_only=False)) or [])

    def add_worker(self) -> None:
        WorkerDialog(self.ctx, self).exec()

    def edit_roles(self) -> None:
        row = selected_row(self.view)
        if row is not None:
            WorkerDialog(self.ctx, self, worker=row).exec()

    def reset_password(self) -> None:
        row = selected_row(self.view)
        if row is not None:
            ResetPasswordDialog(self.ctx, row, self).exec()

    def deactivate(self) -> None:
        row = selected_row(self.view)
        if row is not None:
            self.ctx.write(self, lambda s: users.deactivate_worker(s, row.id,
                                                                   actor=self.ctx.actor),
                           changed=Changes.WORKERS)

    def office(self) -> None:
        OfficeDialog(self.ctx, self).exec()

    def identity(self) -> None:
        IdentityDialog(self.ctx, self).exec()
