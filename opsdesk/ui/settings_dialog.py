"""Ustawienia stanowiska: where this workstation finds the database, where backups and
printed documents go. Stored in the settings file, which never holds a password."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from opsdesk import settings as settings_mod
from opsdesk.errors import UserFacingError
from opsdesk.settings import Settings
from opsdesk.ui.errors import show_error
from opsdesk.ui.widgets import line, push


class SettingsDialog(QDialog):
    def __init__(self, current: Settings, parent: QWidget | None = None, *,
                 path: Path | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle("Ustawienia stanowiska")
        self.path = path
        self.database = line(current.database, object_name="database")
        self.database.setPlaceholderText(str(settings_mod.data_dir() / "opsdesk.sqlite"))
        self.backup_dir = line(current.backup_dir, object_name="backup_dir")
        self.backup_dir.setPlaceholderText(str(current.backup_folder()))
        self.export_dir = line(current.export_dir, object_name="export_dir")
        self.export_dir.setPlaceholderText(str(current.export_folder()))
        form = QFormLayout()
        form.addRow("Plik bazy danych lub adres serwera",
                    self._with_browse(self.database, folder=False))
        form.addRow("Folder kopii zapasowych", self._with_browse(self.backup_dir, folder=True))
        form.addRow("Folder dokumentów (PDF)", self._with_browse(self.export_dir, folder=True))
        hint = QLabel("Wspólna baza w biurze: ten sam plik na dysku sieciowym na każdym "
                      "stanowisku, np. Z:\\OPS\\opsdesk.sqlite lub \\\\serwer\\ops\\opsdesk.sqlite."
                      " Zmiana bazy działa po ponownym uruchomieniu programu.")
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.resize(720, 220)
        self.saved: Settings | None = None

    def _with_browse(self, edit: QLineEdit, *, folder: bool) -> QWidget:
        def browse() -> None:
            if folder:
                chosen = QFileDialog.getExistingDirectory(self, "Wybierz folder", edit.text())
            else:
                chosen, _ = QFileDialog.getOpenFileName(self, "Wskaż plik bazy", edit.text(),
                                                        "Baza opsdesk (*.sqlite);;Wszystkie (*)")
            if chosen:
                edit.setText(str(Path(chosen)))

        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(edit, 1)
        row.addWidget(push("Wybierz…", slot=browse))
        return box

    def values(self) -> Settings:
        return Settings(database=self.database.text().strip(),
                        backup_dir=self.backup_dir.text().strip(),
                        export_dir=self.export_dir.text().strip())

    def save(self) -> None:
        values = self.values()
        try:
            settings_mod.save(values, self.path)
        except UserFacingError as exc:  # a server address with a password in it
            show_error(self, exc)
            return
        self.saved = values
        self.accept()
