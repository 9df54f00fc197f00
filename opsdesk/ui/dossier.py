"""The art. 15 RODO copy of a person's data, from the person's file and from the head's
retention review."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton, QWidget

from opsdesk.services import privacy
from opsdesk.services.permissions import Permission
from opsdesk.ui.context import AppContext
from opsdesk.ui.pdf import save_and_open
from opsdesk.ui.widgets import push


def export_dossier(ctx: AppContext, parent: QWidget, person_id: int) -> None:
    """The art. 15 RODO copy as a PDF in the export folder, opened for printing; the file
    is named by the record's number, not the person's name."""
    actor = ctx.actor
    data = ctx.read(parent, lambda s: privacy.dossier_pdf(s, person_id, actor=actor))
    if data is not None:
        save_and_open(parent, ctx.settings.export_folder(), f"art15_RODO_osoba_{person_id}",
                      data)


def dossier_button(ctx: AppContext, parent: QWidget, person_id: int) -> QPushButton:
    """"Dane osoby (art. 15 RODO)…" for the person's file; shown to the head only."""
    button = push("Dane osoby (art. 15 RODO)…", object_name="privacyCopy",
                  slot=lambda: export_dossier(ctx, parent, person_id))
    button.setVisible(ctx.actor.can(Permission.PRIVACY))
    return button
