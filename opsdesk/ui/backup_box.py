"""The head's "Utwórz kopię" and "Przywróć z kopii"."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from opsdesk.backup import (
    BackupEntry,
    backup_entries,
    backup_file,
    database_identity,
    list_backups,
    restore_file,
)
from opsdesk.errors import UserFacingError
from opsdesk.services.permissions import Permission
from opsdesk.services.security import require
from opsdesk.ui.context import AppContext
from opsdesk.ui.errors import confirm, show_error
from opsdesk.ui.tables import Column, RowsModel, make_table
from opsdesk.ui.widgets import push


def size_text(size: int) -> str:
    """A copy's size as the head reads it: "12,4 MB"."""
    for unit, scale in (("GB", 1 << 30), ("MB", 1 << 20), ("kB", 1 << 10)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}".replace(".", ",")
    return f"{size} B"


class BackupBox(QGroupBox):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("Kopie bazy danych", parent)
        self.ctx = ctx
        self.info = QLabel()
        self.info.setObjectName("backupInfo")
        self.info.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(push("Utwórz kopię", object_name="makeBackup", slot=self.make_backup))
        buttons.addWidget(push("Przywróć z kopii…", object_name="restoreBackup",
                               slot=self.restore))
        buttons.addStretch(1)
        self.copies: RowsModel[BackupEntry] = RowsModel([
            Column("Data", lambda e: e.made_at.strftime("%d.%m.%Y %H:%M:%S")),
            Column("Rodzaj", lambda e: e.kind),
            Column("Rozmiar", lambda e: size_text(e.size), align_right=True),
            Column("Plik", lambda e: e.path.name),
        ], self)
        self.copy_view = make_table(self.copies, object_name="backupList")
        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addWidget(self.copy_view)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        folder = self.ctx.settings.backup_folder()
        copies = backup_entries(folder)
        newest = copies[0].made_at.strftime("%d.%m.%Y %H:%M") if copies else "brak"
        self.info.setText(f"Folder kopii: {folder}<br>Kopii: {len(copies)}, najnowsza: {newest}"
                          "<br>Kopie dzienne: z 14 ostatnich dni i 12 ostatnich miesięcy; "
                          "kopie ręczne i bezpieczeństwa są zachowywane zawsze.")
        self.copies.set_rows(copies)

    def _database_file(self):  # type: ignore[no-untyped-def]
        require(self.ctx.actor, Permission.BACKUP, "backup")
        if self.ctx.db.path is None:
            raise UserFacingError("Baza na serwerze PostgreSQL: kopie wykonuje administrator "
                                  "serwera (pg_dump).")
        return self.ctx.db.path

    def make_backup(self) -> None:
        try:
            copy = backup_file(self._database_file(), self.ctx.settings.backup_folder(),
                               reason="reczna")
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
            return
        self.refresh()
        QMessageBox.information(self, "opsdesk", f"Kopia zapisana:\n{copy}")

    def restore(self) -> None:
        try:
            path = self._database_file()
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
            return
        copies = list_backups(self.ctx.settings.backup_folder())
        if not copies:
            show_error(self, UserFacingError("W folderze kopii nie ma jeszcze żadnej kopii."))
            return
        names = [c.name for c in copies]
        name, ok = QInputDialog.getItem(self, "Przywróć z kopii", "Wybierz kopię:", names, 0,
                                        False)
        if not ok or not confirm(self, "Przywrócić bazę z kopii? Bieżący stan zostanie "
                                       "najpierw zapisany jako kopia. Pozostałe stanowiska "
                                       "muszą w tym czasie zamknąć program."):
            return
        self.ctx.db.dispose()
        try:
            safety = restore_file(copies[names.index(name)], path,
                                  self.ctx.settings.backup_folder())
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
            return
        # This workstation made the restore: it goes on with the restored data's identity
        # (the others are told at their next action).
        self.ctx.db.identity = database_identity(path)
        self.refresh()
        QMessageBox.information(self, "opsdesk", f"Przywrócono bazę z kopii {name}.\n"
                                f"Poprzedni stan zachowano w {safety.name}.")
