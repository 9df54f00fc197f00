"""The window a clerk lives in: one search for persons, a tab for each of the worker's roles,
and a status bar that says where the database is and whether it can be reached."""

from __future__ import annotations

import logging
from collections.abc import Callable
from importlib import import_module
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from opsdesk import __version__
from opsdesk.backup import copied_today, ensure_daily_backup, last_backup_time
from opsdesk.db import RETRY_MESSAGE, Database
from opsdesk.errors import UserFacingError
from opsdesk.labels import label
from opsdesk.models.enums import DecisionStatus, Role
from opsdesk.services import person_search
from opsdesk.services.permissions import Permission
from opsdesk.ui import icons, operations, pdf
from opsdesk.ui.about import show_about
from opsdesk.ui.approvals import ApprovalsButton, Waiting, may_approve
from opsdesk.ui.change_watch import ChangeWatch, follow_changes
from opsdesk.ui.context import AppContext, run_in_background
from opsdesk.ui.idle_lock import install_idle_lock, office_idle_minutes, quit_application
from opsdesk.ui.inbox import InboxButton
from opsdesk.ui.password_dialog import change_password_button
from opsdesk.ui.person_dialog import choose_person
from opsdesk.ui.person_file import PersonFileDialog
from opsdesk.ui.settings_dialog import SettingsDialog
from opsdesk.ui.tables import reselect
from opsdesk.ui.widgets import fit_to_screen, hint_screen, keyboard_hints, push, scrolling

log = logging.getLogger(__name__)

BACKUP_RUNNING = "Trwa dzienna kopia bazy…"
LOADING = "Wczytywanie z bazy…"

# (role that shows the tab, title, "module:Class"); the head sees every team's tab.
TABS: list[tuple[Role, str, str]] = [
    (Role.FIRST_CONTACT, "Stanowisko pierwszego kontaktu",
     "opsdesk.ui.first_contact:FirstContactTab"),
    (Role.BENEFITS, "Świadczenia", "opsdesk.ui.benefits.tab:BenefitsTab"),
    (Role.SOCIAL_WORK, "Praca socjalna i usługi", "opsdesk.ui.socialwork.tab:SocialWorkTab"),
    (Role.HEAD, "Kierownik", "opsdesk.ui.head_tab:HeadTab"),
    (Role.ADMIN, "Administracja", "opsdesk.ui.admin_tab:AdminTab"),
]


def tabs_for(roles: frozenset[Role]) -> list[tuple[str, str]]:
    if Role.HEAD in roles:
        return [(title, target) for _role, title, target in TABS]
    return [(title, target) for role, title, target in TABS if role in roles]


def _load(target: str) -> Callable[..., QWidget]:
    module, name = target.split(":")
    return getattr(import_module(module), name)  # type: ignore[no-any-return]


class MainWindow(QMainWindow):
    # "Wyloguj": the window closes and the login window comes back (a shared desk PC).
    logged_out = Signal()

    def __init__(self, ctx: AppContext, *, database_label: str, shared: bool,
                 demo: bool = False) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName("mainWindow")
        title = "opsdesk" + (" — BAZA DEMONSTRACYJNA" if demo else "")
        self.setWindowTitle(title)
        self.search = QLineEdit()
        self.search.setObjectName("globalSearch")
        self.search.addAction(icons.icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.setPlaceholderText("Szukaj osoby: nazwisko, PESEL, adres…  (Ctrl+F)")
        self.search.returnPressed.connect(self.open_search)
        # The administrator keeps accounts and backups and sees no client, so no search.
        self.search.setVisible(ctx.actor.can(Permission.PERSON_READ))
        roles = ", ".join(label(r) for r in sorted(ctx.actor.roles))
        self.user_label = QLabel(f"{ctx.actor.full_name} ({roles})")
        self.user_label.setObjectName("userLabel")
        top = QHBoxLayout()
        top.addWidget(self.search, 2)
        top.addStretch(1)
        if may_approve(ctx):
            self.approvals: ApprovalsButton | None = ApprovalsButton(ctx, self, self.open_waiting)
            top.addWidget(self.approvals)
        if ctx.actor.can(Permission.MESSAGE_READ):
            top.addWidget(InboxButton(ctx, self))
        top.addWidget(self.user_label)
        top.addWidget(change_password_button(ctx, self))
        top.addWidget(push("Ustawienia stanowiska…", object_name="workstationSettings",
                           slot=self.workstation_settings))
        top.addWidget(push("Wyloguj", object_name="logout", slot=self.log_out,
                           shortcut="Ctrl+Shift+L"))
        # Alt-letters for the bar's buttons; each tab's own avoid these (keyboard_hints).
        self._bar_letters = keyboard_hints(
            [w for i in range(top.count()) if isinstance(w := top.itemAt(i).widget(),
                                                         QPushButton)], set())
        self.tabs = QTabWidget()
        self.tabs.setObjectName("roleTabs")
        self._unbuilt: dict[QWidget, str] = {}
        for title_text, target in tabs_for(ctx.actor.roles):
            page = QWidget()
            QVBoxLayout(page).setContentsMargins(0, 0, 0, 0)
            self._unbuilt[page] = target
            self.tabs.addTab(page, title_text)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)

        self.db_label = QLabel()
        self.db_label.setObjectName("dbStatus")
        # A long network path must not widen the window past the screen: cut, whole in the tip.
        self.db_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._db_text = f"Baza: {database_label}" + (" (wspólna)" if shared else "")
        self.statusBar().addWidget(self.db_label, 1)
        # "Podgląd" says where the PDF went and offers its folder (no viewer may open).
        self.saved_label = QLabel()
        self.saved_label.setObjectName("savedFile")
        self.open_folder = push("Otwórz folder", object_name="openFolder",
                                slot=self._open_saved_folder)
        self.open_folder.hide()
        self._saved: Path | None = None
        pdf.announcer.saved.connect(self._file_saved)
        self.statusBar().addPermanentWidget(self.saved_label)
        self.statusBar().addPermanentWidget(self.open_folder)
        self.statusBar().addPermanentWidget(QLabel(f"wersja {__version__}"))
        self._connected: bool | None = None
        self.set_connected(True)
        ctx.events.connection_changed.connect(self.set_connected)
        operations.activity.loading.connect(self._loading)
        # Emitted on the database worker while it waits for a lock: shown in this thread.
        ctx.events.busy_retrying.connect(self._retrying, Qt.ConnectionType.QueuedConnection)
        # The daily copy: at start-up, then checked every hour (a window left open for days).
        self._backup_running = False
        self._backup_timer = QTimer(self)
        self._backup_timer.setInterval(3_600_000)
        self._backup_timer.timeout.connect(self.daily_backup)
        self._backup_timer.start()
        QTimer.singleShot(0, self.daily_backup)
        QShortcut(QKeySequence("Ctrl+F"), self, activated=self.search.setFocus)
        self._restore()
        icons.decorate(self)
        self.change_watch = ChangeWatch(ctx, self)
        self.tabs.currentChanged.connect(self._build_tab)
        self.tabs.currentChanged.connect(lambda _i: self._remember_tab())
        self._build_tab(self.tabs.currentIndex())
        self.idle_lock = install_idle_lock(self, ctx, office_idle_minutes(ctx, self))
        # A worker switched off by the head is logged out at the next action (the message
        # was shown by ``AppContext.failed``).
        ctx.events.account_closed.connect(lambda: quit_application(self))
        help_menu = self.menuBar().addMenu("Pomoc")
        help_menu.setObjectName("helpMenu")
        about = help_menu.addAction("O programie")
        about.setObjectName("aboutAction")
        about.triggered.connect(lambda: show_about(self, ctx, shared=shared))

    def _build_tab(self, index: int) -> None:
        """A tab is built, and its lists read, when it is first opened: the head's five
        tabs would otherwise all be read before her window could show."""
        page = self.tabs.widget(index)
        target = self._unbuilt.pop(page, None)
        if target is not None:
            tab = _load(target)(self.ctx, page)
            # A tab taller or wider than the screen scrolls rather than push the window
            # (and its status bar) past the screen's edge.
            page.layout().addWidget(scrolling(tab, fill=True))
            hint_screen(tab, self._bar_letters)
            icons.decorate(tab)
            if hasattr(tab, "refresh"):
                follow_changes(self.ctx, tab)

    def log_out(self) -> None:
        """Close this worker's window (open forms ask before throwing typed text away) and
        hand the desk to the login window, without ending the program."""
        if self.close():
            self.logged_out.emit()

    def open_waiting(self, row: Waiting) -> None:
        """A decision or a list waiting for approval, shown in Świadczenia with its actions."""
        from opsdesk.ui.benefits.tab import BenefitsTab

        titles = [self.tabs.tabText(i) for i in range(self.tabs.count())]
        if "Świadczenia" not in titles:
            return
        self.tabs.setCurrentIndex(titles.index("Świadczenia"))
        tab = self.tabs.currentWidget().findChild(BenefitsTab)
        if row.list_id is not None:
            tab.pages.setCurrentIndex(1)
            reselect(tab.payout_lists.list_view, lambda r: r.id == row.list_id)
            tab.payout_lists.list_view.setFocus()
        else:
            tab.pages.setCurrentIndex(0)
            reselect(tab.view, lambda r: r.case_id == row.case_id)
            reselect(tab.decision_view, lambda d: d.status is DecisionStatus.AWAITING_APPROVAL)
            tab.decision_view.setFocus()

    def daily_backup(self) -> None:
        """A copy a day to the local backup folder; a failure is said, never fatal.

        The copy is made on a background thread: copying a large database takes a second
        or more, which froze the window at the day's first start. Only one copy at a time
        (the hourly check may come while one runs). The copy stays consistent: the backup
        API reads the database in one read transaction (``backup_file``)."""
        source = self.ctx.db.path
        if source is None or self._backup_running:
            return
        folder = self.ctx.settings.backup_folder()
        if copied_today(folder):
            return  # the hourly check on a day that has its copy: nothing to start
        target = self.ctx.db.target

        def copy_and_tidy() -> Path | None:
            copy = ensure_daily_backup(source, folder)
            if copy is not None:  # the day's first: the search index made whole again
                # On a connection of its own, as a colleague's would be: one taken from
                # the window's pool beside the worker's could stay in the kept one's place,
                # its cache lost and the screens read again for nobody's change.
                apart = Database(target)
                try:
                    person_search.tidy(apart)
                finally:
                    apart.dispose()
            return copy

        self._backup_running = True
        self.statusBar().showMessage(BACKUP_RUNNING)
        # Not a daemon: closing the program mid-copy waits for it rather than leave half
        # a file that would pass for today's copy.
        run_in_background(copy_and_tidy, self._daily_backup_done, name="opsdesk-backup",
                          daemon=False)

    def _daily_backup_done(self, copy: Path | None, error: Exception | None) -> None:
        if not isValid(self):  # the window was deleted while the copy ran
            return
        self._backup_running = False
        bar = self.statusBar()
        if bar.currentMessage() == BACKUP_RUNNING:
            bar.clearMessage()
        if error is not None:
            if isinstance(error, UserFacingError):
                reason = error.message
            else:
                log.error("daily backup failed", exc_info=error)
                reason = str(error)
            bar.showMessage(f"Nie udało się wykonać dziennej kopii: {reason}")
            return
        if copy is not None and self._connected:
            self._show_connected()

    def _file_saved(self, path: Path) -> None:
        if not isValid(self):
            return
        self._saved = path
        self.saved_label.setText(f"Zapisano: {path.name}")
        self.saved_label.setToolTip(str(path))
        self.open_folder.setToolTip(str(path.parent))
        self.open_folder.show()

    def _open_saved_folder(self) -> None:
        if self._saved is not None:
            pdf.opener(self._saved.parent)

    def _retrying(self, _attempt: int) -> None:
        self.statusBar().showMessage(RETRY_MESSAGE, 3000)

    def _loading(self, on: bool) -> None:
        """The database answers slowly (the drive, the VPN): say so until it has."""
        bar = self.statusBar()
        if on:
            bar.showMessage(LOADING)
        elif bar.currentMessage() == LOADING:
            bar.clearMessage()

    def set_connected(self, ok: bool) -> None:
        if ok == self._connected:
            return
        self._connected = ok
        if ok:
            self._show_connected()
        else:
            self.db_label.setText("Brak połączenia z bazą — zmiany czekają w otwartych "
                                  "formularzach. " + self._db_text)
            self.db_label.setStyleSheet("color: white; background: #B34700; padding: 2px;")

    def _show_connected(self) -> None:
        """The database and when it was last copied."""
        backup = last_backup_time(self.ctx.settings.backup_folder())
        when = backup.strftime("%d.%m.%Y %H:%M") if backup else "brak"
        self.db_label.setText(f"{self._db_text} · ostatnia kopia: {when}")
        self.db_label.setToolTip(self.db_label.text())
        self.db_label.setStyleSheet("")

    def open_search(self) -> None:
        """Search from any tab: choose a person, open the file (kartoteka)."""
        person = choose_person(self.ctx, self, query=self.search.text())
        if person is not None:
            dialog = PersonFileDialog(self.ctx, person.id, self)
            # Gone when closed, not kept as the window's child for the rest of the day.
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.exec()

    def workstation_settings(self) -> None:
        dialog = SettingsDialog(self.ctx.settings, self)
        if dialog.exec() and dialog.saved is not None:
            self.ctx.settings.backup_dir = dialog.saved.backup_dir
            self.ctx.settings.export_dir = dialog.saved.export_dir
            if dialog.saved.database != self.ctx.settings.database:
                QMessageBox.information(self, "opsdesk", "Nowa lokalizacja bazy zacznie "
                                        "obowiązywać po ponownym uruchomieniu programu.")

    def _restore(self) -> None:
        settings = QSettings()
        geometry = settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        fit_to_screen(self)  # the first start, or a geometry saved on a larger screen
        # Each worker's own last tab: the head and a clerk may share a desk PC.
        last = settings.value(self._tab_key()) or settings.value("window/tab")
        for index in range(self.tabs.count()):
            if self.tabs.tabText(index) == last:
                self.tabs.setCurrentIndex(index)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        self._remember_tab()
        super().closeEvent(event)

    def _tab_key(self) -> str:
        return f"window/tab/{self.ctx.actor.login}"

    def _remember_tab(self) -> None:
        QSettings().setValue(self._tab_key(), self.tabs.tabText(self.tabs.currentIndex()))

