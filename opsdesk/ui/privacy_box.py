"""RODO and session settings on screen: the head's retention review (a list to go through —
the program deletes nothing), and the office's idle lock and retention period. The art. 15
copy itself is in ``dossier``."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from opsdesk.changes import Changes
from opsdesk.formatting import format_date, plural_pl
from opsdesk.services import privacy
from opsdesk.services.permissions import Permission
from opsdesk.services.privacy import RetentionRow
from opsdesk.services.sessions import (
    IDLE_MINUTES,
    RETENTION_YEARS,
    SecuritySettings,
    save_security_settings,
    security_settings,
)
from opsdesk.ui.context import AppContext
from opsdesk.ui.dossier import export_dossier
from opsdesk.ui.export import export_button
from opsdesk.ui.person_file import PersonFileDialog
from opsdesk.ui.tables import Column, RowsModel, make_table, selected_row
from opsdesk.ui.widgets import FormDialog, push


def _spin(value: int, bounds: tuple[int, int], suffix: str, object_name: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(*bounds)
    spin.setValue(value)
    spin.setSuffix(suffix)
    spin.setObjectName(object_name)
    return spin


class SecuritySettingsDialog(FormDialog):
    def __init__(self, ctx: AppContext, current: SecuritySettings,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, "Blokada okna i okres przechowywania", parent)
        self.version = current.version
        self.add("idle_lock_minutes", "Blokada okna po bezczynności",
                 _spin(current.idle_lock_minutes, IDLE_MINUTES, " min", "idle_lock_minutes"))
        self.add("retention_years", "Okres przechowywania zapisów klientów (w latach)",
                 _spin(current.retention_years, RETENTION_YEARS, "", "retention_years"))
        note = QLabel("Nowy czas blokady działa od razu na tym stanowisku, na pozostałych — od "
                      "następnego uruchomienia programu.")
        note.setWordWrap(True)
        self.form.addRow(note)
        self.resize(520, 180)
        self.mark_pristine()

    def submit(self) -> None:
        minutes = self.field("idle_lock_minutes").value()  # type: ignore[attr-defined]
        years = self.field("retention_years").value()  # type: ignore[attr-defined]
        ok, _ = self.run_write(lambda s: save_security_settings(
            s, actor=self.ctx.actor, idle_lock_minutes=minutes, retention_years=years,
            expected_version=self.version), changed=Changes.OFFICE)
        if ok:
            self.accept()


class RetentionDialog(QDialog):
    """Clients with no activity past the retention period, for the head to review."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("retentionDialog")
        self.setWindowTitle("Przegląd okresu przechowywania")
        self.resize(760, 480)
        self.info = QLabel()
        self.info.setObjectName("retentionInfo")
        self.info.setWordWrap(True)
        self.model: RowsModel[RetentionRow] = RowsModel([
            Column("Osoba", lambda r: r.full_name),
            Column("PESEL", lambda r: r.pesel),
            Column("Ostatnia aktywność", lambda r: format_date(r.last_activity),
                   sort_key=lambda r: r.last_activity),
            Column("Okres minął", lambda r: format_date(r.review_from),
                   sort_key=lambda r: r.review_from),
        ], self)
        self.view = make_table(self.model, object_name="retentionList")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        actions = QHBoxLayout()
        actions.addWidget(push("Otwórz kartotekę…", object_name="retentionOpen",
                               slot=self.open_file))
        actions.addWidget(push("Dane osoby (art. 15 RODO)…", object_name="retentionCopy",
                               slot=self.copy))
        actions.addWidget(export_button(self.ctx, self, self.view, "Przegląd okresu "
                                                                   "przechowywania"))
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addWidget(self.view, 1)
        layout.addLayout(actions)
        layout.addWidget(buttons)
        self.refresh()

    def refresh(self) -> None:
        rows = self.ctx.read(self, lambda s: privacy.retention_review(s, actor=self.ctx.actor))
        rows = rows or []
        self.model.set_rows(rows)
        count = len(rows)
        self.info.setText(
            f"{count} {plural_pl(count, 'osoba', 'osoby', 'osób')} bez aktywności dłużej niż "
            "okres przechowywania. Program niczego nie usuwa: przejrzyj zapisy zgodnie "
            "z instrukcją kancelaryjną i archiwalną ośrodka.")

    def open_file(self) -> None:
        row = selected_row(self.view)
        if row is not None:
            PersonFileDialog(self.ctx, row.person_id, self).exec()

    def copy(self) -> None:
        row = selected_row(self.view)
        if row is not None:
            export_dossier(self.ctx, self, row.person_id)


class PrivacyBox(QGroupBox):
    """Administracja: the idle lock and retention period (the head and the administrator),
    the retention review (the head)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("Blokada okna i dane osobowe (RODO)", parent)
        self.ctx = ctx
        self.setObjectName("privacyBox")
        self.info = QLabel()
        self.info.setObjectName("privacyInfo")
        buttons = QHBoxLayout()
        if ctx.actor.can(Permission.OFFICE_SETTINGS):
            buttons.addWidget(push("Ustawienia…", object_name="securitySettings",
                                   slot=self.edit_settings))
        if ctx.actor.can(Permission.PRIVACY):
            buttons.addWidget(push("Przegląd okresu przechowywania…", object_name="retention",
                                   slot=lambda: RetentionDialog(ctx, self).exec()))
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        current = self.ctx.read(self, security_settings)
        if current is not None:
            years = current.retention_years
            self.info.setText(f"Blokada okna po {current.idle_lock_minutes} min bezczynności · "
                              f"okres przechowywania zapisów klientów: {years} "
                              f"{plural_pl(years, 'rok', 'lata', 'lat')}")

    def edit_settings(self) -> None:
        current = self.ctx.read(self, security_settings)
        if current is not None and SecuritySettingsDialog(self.ctx, current, self).exec():
            self.refresh()
