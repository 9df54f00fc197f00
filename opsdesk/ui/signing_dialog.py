"""Signing an issued decision electronically, or taking one signed in another program."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QRadioButton,
    QWidget,
)

from opsdesk.changes import Changes
from opsdesk.errors import ValidationError
from opsdesk.services import signatures, signing
from opsdesk.ui.context import AppContext
from opsdesk.ui.widgets import FormDialog, line, push, read_chosen_file


class SignDialog(FormDialog):
    """The signatory's certificate: a file (.p12/.pfx) and its password, or a card's PKCS#11
    library and PIN. The key never leaves the file or the card; only the signature is kept."""

    def __init__(self, ctx: AppContext, decision_id: int, number: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, f"Podpis elektroniczny decyzji nr {number}", parent)
        self.decision_id = decision_id
        self.from_file = QRadioButton("Plik certyfikatu (.p12, .pfx)")
        self.from_file.setObjectName("fromFile")
        self.from_card = QRadioButton("Karta kryptograficzna (biblioteka PKCS#11)")
        self.from_card.setObjectName("fromCard")
        self.from_file.setChecked(True)
        self.form.addRow("Certyfikat:", self.from_file)
        self.form.addRow("", self.from_card)
        self.path = line(object_name="certificatePath")
        browse = push("Wybierz…", object_name="browseCertificate", slot=self.browse)
        row = QWidget()
        row_layout = QHBoxLayout(row)
        row_layout.setContentsMargins(0, 0, 0, 0)
        row_layout.addWidget(self.path, 1)
        row_layout.addWidget(browse)
        self.add("path", "Plik:", row)
        self._fields["path"] = self.path
        self.secret = line(object_name="certificateSecret")
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.add("secret", "Hasło / PIN:", self.secret)
        self.ok_button.setText("Podpisz")
        self.mark_pristine()

    def browse(self) -> None:
        pattern = ("Certyfikat (*.p12 *.pfx)" if self.from_file.isChecked()
                   else "Biblioteka PKCS#11 (*.dll *.so *.dylib)")
        chosen, _ = QFileDialog.getOpenFileName(self, "Wybierz plik", "", pattern)
        if chosen:
            self.path.setText(chosen)

    def submit(self) -> None:
        path = Path(self.path.text().strip())
        if not self.path.text().strip():
            self.show_field_error("Wskaż plik certyfikatu albo bibliotekę karty.", "path")
            return
        try:
            signer = (signing.load_pkcs12_signer(path, self.secret.text())
                      if self.from_file.isChecked()
                      else signing.open_card_signer(path, self.secret.text()))
        except ValidationError as exc:
            self.show_field_error(exc.message, "secret")
            return
        self.save(lambda s: signatures.sign_decision(s, self.decision_id, actor=self.ctx.actor,
                                                     signer=signer), changed=Changes.DECISIONS)


def import_signed_file(ctx: AppContext, parent: QWidget, decision_id: int) -> None:
    """"Wczytaj podpisany plik…": a PDF signed in another program, checked before it is kept."""
    data = read_chosen_file(ctx, parent, "Wczytaj podpisaną decyzję", "Dokument PDF (*.pdf)")
    if data is None:
        return
    ok, info = ctx.write(parent, lambda s: signatures.import_signed_decision(
        s, decision_id, actor=ctx.actor, pdf=data), changed=Changes.DECISIONS)
    if ok and info is not None:
        QMessageBox.information(parent, "opsdesk", f"Przyjęto plik podpisany przez "
                                f"{info.signer_name}.")
