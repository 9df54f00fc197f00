"""e-Doręczenia from the decision list: export the package to send, take the confirmation."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

from opsdesk.changes import Changes
from opsdesk.formatting import format_date
from opsdesk.services import e_delivery, rules
from opsdesk.ui.context import AppContext
from opsdesk.ui.pdf import save_file
from opsdesk.ui.widgets import read_chosen_file


def export_package(ctx: AppContext, parent: QWidget, decision_id: int) -> Path | None:
    """Ask for the party's ADE when it has none, then save the package in the export folder."""
    party = ctx.read(parent, lambda s: e_delivery.party_of(s, decision_id))
    if party is None:
        return None
    person_id, address = party
    if not address:
        typed, ok = QInputDialog.getText(
            parent, "e-Doręczenia", "Adres do doręczeń elektronicznych strony "
            "(AE:PL-12345-67890-ABCDE-12):", QLineEdit.EchoMode.Normal, "")
        if not ok:
            return None
        done, _ = ctx.write(parent, lambda s: e_delivery.set_e_delivery_address(
            s, person_id, typed, actor=ctx.actor), changed=Changes.PERSONS)
        if not done:
            return None
    ok, package = ctx.write(parent, lambda s: e_delivery.export_package(
        s, decision_id, actor=ctx.actor), changed=Changes.DECISIONS)
    if not ok or package is None:
        return None
    path = save_file(parent, ctx.settings.export_folder(), package.file_name.removesuffix(".zip"),
                     package.data, suffix="zip", what="paczki e-Doręczeń")
    if path is not None:
        QMessageBox.information(parent, "opsdesk", "Paczka gotowa do wysłania ze skrzynki "
                                f"e-Doręczeń ośrodka:\n{path}")
    return path


def import_proof(ctx: AppContext, parent: QWidget) -> None:
    """The UPO / dowód doręczenia (XML) downloaded from the mailbox sets the delivery day."""
    data = read_chosen_file(ctx, parent, "Wczytaj dowód doręczenia", "Dowód doręczenia (*.xml)")
    if data is None:
        return
    ok, got = ctx.write(parent, lambda s: e_delivery.record_delivery_proof(
        s, data, actor=ctx.actor), changed=Changes.DECISIONS)
    if ok and got is not None:
        QMessageBox.information(
            parent, "opsdesk", f"Decyzja nr {got.decision_number}: doręczona "
            f"{format_date(got.decision_delivered_on)} r.; termin na odwołanie upływa "
            f"{format_date(rules.appeal_deadline(got.decision_delivered_on))} r.")
