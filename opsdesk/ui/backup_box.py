"""The head's "Utwórz kopię" and "Przywróć z kopii"."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from opsdesk.backup import backup_file, list_backups, restore_file
from opsdesk.errors import UserFacingError
from opsdesk.services.permissions import Permission
from opsdesk.services.security import require
from opsdesk.ui.context import AppContext
from opsdesk.ui.errors import confirm, show_error
from opsdesk.ui.widgets import push


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
        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        folder = self.ctx.settings.backup_folder()
        copies = list_backups(folder)
        newest = (datetime.fromtimestamp(copies[0].stat().st_mtime).strftime("%d.%m.%Y %H:%M")
                  if copies else "brak")
        self.info.setText(f"Folder kopii: {folder}<br>Kopii: {len(copies)}, najnowsza: {newest}"
                          "<br>Zachowywane są kopie z 14 ostatnich dni i 12 ostatnich miesięcy.")

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
        self.refresh()
        QMessageBox.information(self, "opsdesk", f"Przywrócono bazę z kopii {name}.\n"
                                f"Poprzedni stan zachowano w {safety.name}.")
