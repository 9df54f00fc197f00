"""The organ's identity from a date: the versions so far and a new one, prepared ahead."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from opsdesk.changes import Changes
from opsdesk.formatting import format_date
from opsdesk.services import identity
from opsdesk.services.identity import IdentityForm, IdentityRow
from opsdesk.ui.context import AppContext
from opsdesk.ui.widgets import FormDialog, date_edit, line, to_date

_ORGAN_NAMES = {"WOJT": "wójt", "BURMISTRZ": "burmistrz", "PREZYDENT": "prezydent miasta"}
_UNIT_NAMES = {"OPS": "ośrodek pomocy społecznej (OPS)",
               "CUS": "centrum usług społecznych (CUS)"}


def _combo(items: dict[str, str], object_name: str) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(object_name)
    for key, text in items.items():
        combo.addItem(text, key)
    return combo


def history_text(rows: list[IdentityRow]) -> str:
    if not rows:
        return "Dotąd bez zmian: pisma biorą dane z „Dane ośrodka…”."
    return "<br>".join(f"od {format_date(r.valid_from)}: {r.name}; {r.organ_title}"
                       + (f" ({r.source})" if r.source else "") for r in rows)


class IdentityDialog(FormDialog):
    """Each field as the documents print it; the organ's genitive ("z upoważnienia …") is
    made from its kind, shown before saving."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "Organ i jednostka — zmiana od dnia", parent)
        rows = ctx.read(self, identity.identity_history) or []
        history = QLabel(history_text(rows))
        history.setObjectName("identityHistory")
        history.setWordWrap(True)
        self.form.addRow("Wersje:", history)
        self.valid_from = date_edit(object_name="valid_from")
        self.add("valid_from", "Obowiązuje od", self.valid_from)
        self.unit_kind = _combo(_UNIT_NAMES, "unit_kind")
        self.add("unit_kind", "Jednostka", self.unit_kind)
        self.texts: dict[str, QLineEdit] = {}
        self._text("name", "Nazwa jednostki")
        self.organ_kind = _combo(_ORGAN_NAMES, "organ_kind")
        self.add("organ_kind", "Organ", self.organ_kind)
        self._text("organ_of", "…czego/kogo (dopełniacz)")
        self._text("town", "Miejscowość (w datach pism)")
        self._text("sko_name", "Kolegium odwoławcze", "Samorządowe Kolegium Odwoławcze w ")
        self._text("head_position", "Stanowisko kierownika (puste: z nazwy)")
        self._text("source", "Podstawa zmiany (uchwała, zarządzenie)")
        self.preview = QLabel()
        self.preview.setObjectName("organPreview")
        self.form.addRow("Na pismach:", self.preview)
        self.texts["organ_of"].textChanged.connect(self.show_forms)
        self.organ_kind.currentIndexChanged.connect(self.show_forms)
        self.show_forms()
        self.resize(640, 480)
        self.mark_pristine()

    def _text(self, name: str, caption: str, text: str = "") -> None:
        self.texts[name] = line(text, max_len=200)
        self.add(name, caption, self.texts[name])

    def show_forms(self) -> None:
        kind = self.organ_kind.currentData()
        title, genitive = identity.organ_forms(kind, self.texts["organ_of"].text())
        self.preview.setText(f"{title} · z upoważnienia {genitive}")

    def submit(self) -> None:
        form = IdentityForm(
            valid_from=to_date(self.valid_from), unit_kind=self.unit_kind.currentData(),
            organ_kind=self.organ_kind.currentData(),
            **{k: edit.text() for k, edit in self.texts.items()})
        self.save(lambda s: identity.record_identity(s, form, actor=self.ctx.actor),
                  changed=Changes.OFFICE)
