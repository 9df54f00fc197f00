"""Registering and editing a person, and picking one by search as you type."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from opsdesk.changes import Changes
from opsdesk.errors import ConflictError, ValidationError
from opsdesk.formatting import format_date, parse_date
from opsdesk.services import people
from opsdesk.services.people import DuplicatePesel, PersonForm, PersonRow, SimilarPersonExists
from opsdesk.ui.context import AppContext
from opsdesk.ui.errors import confirm, show_error
from opsdesk.ui.tables import Column, RowsModel, make_table, selected_row
from opsdesk.ui.widgets import FormDialog, line, push

PERSON_COLUMNS: list[Column[PersonRow]] = [
    Column("Nazwisko i imię", lambda r: r.full_name),
    Column("PESEL", lambda r: r.pesel),
    Column("Data urodzenia", lambda r: format_date(r.birth_date) if r.birth_date else "",
           sort_key=lambda r: r.birth_date or date.min),
    Column("Adres", lambda r: r.address),
]


class PersonDialog(FormDialog):
    """New person, or edit of an existing one (with the version it was opened at)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 person_id: int | None = None, initial_name: str = "") -> None:
        super().__init__(ctx, "Dane osoby" if person_id else "Nowa osoba", parent)
        self.person_id = person_id
        self.version = 0
        # What a save confirmed after the "similar person" question registers.
        self._registering = PersonForm(first_name="", last_name="")
        form = PersonForm(first_name="", last_name="")
        if person_id is not None:
            file = ctx.read(self, lambda s: people.open_person(s, person_id, actor=ctx.actor))
            if file is not None:
                form, self.version = file.form, file.version
        elif initial_name:
            parts = initial_name.split()
            form = PersonForm(first_name=" ".join(parts[1:]), last_name=parts[0] if parts else "")
        self.add("first_name", "Imię", line(form.first_name, max_len=60))
        self.add("last_name", "Nazwisko", line(form.last_name, max_len=80))
        self.add("pesel", "PESEL", line(form.pesel, max_len=11))
        self.add("no_pesel_reason", "Powód braku PESEL", line(form.no_pesel_reason, max_len=200))
        self.add("birth_date", "Data urodzenia (dd.mm.rrrr)",
                 line(format_date(form.birth_date) if form.birth_date else ""))
        sex = QComboBox()
        for text, value in (("", ""), ("kobieta", "K"), ("mężczyzna", "M")):
            sex.addItem(text, value)
        sex.setCurrentIndex(max(0, sex.findData(form.sex)))
        self.add("sex", "Płeć", sex)
        self.add("street", "Ulica i numer", line(form.street, max_len=120))
        self.add("postal_code", "Kod pocztowy", line(form.postal_code, max_len=6))
        self.add("city", "Miejscowość", line(form.city, max_len=80))
        self.add("phone", "Telefon", line(form.phone, max_len=40))
        self.add("bank_account", "Nr rachunku bankowego", line(form.bank_account, max_len=34))
        self.field("pesel").setToolTip("Data urodzenia i płeć wynikają z numeru PESEL.")
        self.mark_pristine()

    def _text(self, name: str) -> str:
        widget = self.field(name)
        assert isinstance(widget, QLineEdit)
        return widget.text()

    def _form(self) -> PersonForm:
        born_text = self._text("birth_date").strip()
        born = None
        if born_text:
            try:
                born = parse_date(born_text)
            except ValueError as exc:
                raise ValidationError(str(exc), field="birth_date") from None
        sex = self.field("sex")
        assert isinstance(sex, QComboBox)
        return PersonForm(first_name=self._text("first_name"), last_name=self._text("last_name"),
                          pesel=self._text("pesel"), no_pesel_reason=self._text("no_pesel_reason"),
                          birth_date=born, sex=sex.currentData(), street=self._text("street"),
                          postal_code=self._text("postal_code"), city=self._text("city"),
                          phone=self._text("phone"), bank_account=self._text("bank_account"))

    def submit(self) -> None:
        try:
            form = self._form()
        except ValidationError as exc:
            self.show_field_error(exc.message, exc.field)
            return
        actor = self.ctx.actor
        if self.person_id is not None:
            pid = self.person_id
            ok, _ = self.run_write(lambda s: people.update_person(
                s, pid, form, actor=actor, expected_version=self.version), changed=Changes.PERSONS)
            if ok:
                self.result_value = pid
                self.accept()
            return
        self._register(form, allow_similar=False)

    def _register(self, form: PersonForm, *, allow_similar: bool) -> None:
        self._registering = form
        self.save(lambda s: people.register_person(s, form, actor=self.ctx.actor,
                                                   allow_similar=allow_similar),
                  changed=Changes.PERSONS)

    def on_validation_error(self, exc: ValidationError) -> None:
        """The PESEL on file opens that person; a similar one is added only when confirmed."""
        if isinstance(exc, DuplicatePesel):
            show_error(self, exc)
            self.result_value = exc.person_id
            self.accept()
        elif isinstance(exc, SimilarPersonExists):
            if confirm(self, exc.message):
                self._register(self._registering, allow_similar=True)
        else:
            super().on_validation_error(exc)

    def on_conflict(self, exc: ConflictError) -> None:
        """Show what the colleague changed and take it into the fields this user did not
        touch; what this user typed stays, and the next save goes over the fresh version."""
        super().on_conflict(exc)
        file = self.ctx.read(self, lambda s: people.open_person(s, self.person_id,
                                                                 actor=self.ctx.actor))
        if file is None:
            return
        self.version = file.version
        untouched = {name for name, before in self._pristine.items()
                     if isinstance(self.field(name), QLineEdit) and self._text(name) == before}
        for name in untouched & set(exc.changes):
            value = getattr(file.form, name)
            self.field(name).setText(format_date(value) if isinstance(value, date)
                                     else value or "")
            self._pristine[name] = self._text(name)


class PersonPicker(QWidget):
    """Search as you type over name, PESEL and address; Enter or double-click chooses."""

    person_chosen = Signal(object)  # PersonRow

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.search = line(object_name="personSearch")
        self.search.setPlaceholderText("Szukaj osoby: nazwisko, imię, PESEL, adres…")
        self.search.setClearButtonEnabled(True)
        self.model: RowsModel[PersonRow] = RowsModel(PERSON_COLUMNS, self)
        self.table = make_table(self.model, self, object_name="personResults")
        self.new_button = push("&Nowa osoba…", object_name="newPerson", slot=self.new_person)
        self.new_button.setToolTip("Alt+N: osoby nie ma w wynikach — zarejestruj ją")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.search.returnPressed.connect(self._enter)
        self.table.doubleClicked.connect(lambda _i: self._choose())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.table)
        layout.addWidget(self.new_button)

    def refresh(self) -> None:
        query = self.search.text()
        rows = self.ctx.read(self, lambda s: people.search_persons(s, query, actor=self.ctx.actor))
        self.model.set_rows(rows or [])
        if rows:
            self.table.selectRow(0)

    def _enter(self) -> None:
        self._timer.stop()
        self.refresh()
        self._choose()

    def _choose(self) -> None:
        row = selected_row(self.table)
        if row is not None:
            self.person_chosen.emit(row)

    def new_person(self) -> None:
        dialog = PersonDialog(self.ctx, self, initial_name=self.search.text())
        if dialog.exec() and dialog.result_value is not None:
            pid = dialog.result_value
            file = self.ctx.read(self, lambda s: people.open_person(s, pid, actor=self.ctx.actor))
            if file is not None:
                f = file.form
                self.person_chosen.emit(PersonRow(pid, f"{f.last_name} {f.first_name}", f.pesel,
                                                  f.birth_date, "", file.version))


def choose_person(ctx: AppContext, parent: QWidget | None, *,
                  query: str = "") -> PersonRow | None:
    """A small dialog around the person search; a new person can be added from it."""
    dialog = QDialog(parent)
    dialog.setObjectName("choosePerson")
    dialog.setWindowTitle("Wybierz osobę")
    dialog.resize(720, 420)
    picker = PersonPicker(ctx, dialog)
    chosen: list[PersonRow] = []

    def take(row: PersonRow) -> None:
        chosen.append(row)
        dialog.accept()

    picker.person_chosen.connect(take)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(picker)
    layout.addWidget(buttons)
    picker.search.setFocus()
    if query.strip():
        picker.search.setText(query)
        picker.refresh()
    dialog.exec()
    return chosen[0] if chosen else None
