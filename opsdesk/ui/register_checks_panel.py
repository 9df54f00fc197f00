"""Sprawdzenia w rejestrach, in a case's detail: the checks made (CBB, ZUS, CEIDG, księgi
wieczyste…) with their printouts, a new check with its printout attached, the case's list of
evidence, and the data owed to the CBB as a file."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from opsdesk import clock
from opsdesk.changes import Changes
from opsdesk.errors import ValidationError
from opsdesk.services import register_checks
from opsdesk.services.permissions import Permission
from opsdesk.services.register_checks import (
    MAX_PRINTOUT,
    REGISTER_LABELS,
    CheckForm,
    CheckRow,
    Register,
)
from opsdesk.ui import pdf
from opsdesk.ui.context import AppContext
from opsdesk.ui.tables import Column, RowsModel, make_table, row_actions, selected_row
from opsdesk.ui.widgets import FormDialog, date_edit, line, push, text_box, to_date

AREA = Changes.REGISTER_CHECKS

CHECK_COLUMNS: list[Column[CheckRow]] = [
    Column("Data", lambda r: f"{r.checked_at:%d.%m.%Y %H:%M}", lambda r: r.checked_at),
    Column("Rejestr", lambda r: r.register_text),
    Column("Sprawdził(a)", lambda r: r.checked_by),
    Column("Zapytanie", lambda r: r.query.replace("\n", " ")),
    Column("Ustalenia", lambda r: r.result.replace("\n", " ")),
    Column("Wydruk", lambda r: r.printout_name if r.has_printout else "—"),
]


class CheckDialog(FormDialog):
    """What was asked of which register and what was found, with the printout (a PDF or an
    image file); the file is read here and checked by the service."""

    def __init__(self, ctx: AppContext, case_id: int, title: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, f"Sprawdzenie w rejestrze — {title}", parent)
        self.case_id = case_id
        self.register = QComboBox()
        for register in Register:
            self.register.addItem(REGISTER_LABELS[register], register.value)
        self.add("register", "Rejestr", self.register)
        self.add("register_name", "Nazwa rejestru (gdy inny)", line(max_len=120))
        self.add("checked_on", "Data sprawdzenia", date_edit())
        self.add("query", "O co zapytano", text_box())
        self.add("result", "Co ustalono", text_box())
        self.path = line(object_name="printoutPath")
        choose = push("Wybierz plik…", object_name="choosePrintout", slot=self.choose_file)
        row = QWidget()
        row_layout = QHBoxLayout(row)
        row_layout.setContentsMargins(0, 0, 0, 0)
        row_layout.addWidget(self.path, 1)
        row_layout.addWidget(choose)
        self.add("printout", "Wydruk (PDF, PNG, JPEG)", row)
        self.mark_pristine()

    def choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Wydruk ze sprawdzenia", "",
                                              "Wydruki (*.pdf *.png *.jpg *.jpeg)")
        if name:
            self.path.setText(name)

    def _printout(self) -> tuple[bytes | None, str]:
        text = self.path.text().strip()
        if not text:
            return None, ""
        path = Path(text)
        try:
            with path.open("rb") as handle:
                # One byte over the limit is enough for the service to refuse it.
                return handle.read(MAX_PRINTOUT + 1), path.name
        except OSError as exc:
            raise ValidationError(f"Nie można odczytać pliku {path.name}: {exc.strerror}.",
                                  field="printout") from None

    def submit(self) -> None:
        try:
            data, name = self._printout()
        except ValidationError as exc:
            self.show_field_error(exc.message, exc.field)
            return
        day = to_date(self.field("checked_on"))  # type: ignore[arg-type]
        now = clock.now()
        checked_at = now if day == now.date() else datetime.combine(day, datetime.min.time())
        form = CheckForm(
            case_id=self.case_id, register=Register(self.register.currentData()),
            query=self.field("query").toPlainText(),  # type: ignore[attr-defined]
            result=self.field("result").toPlainText(),  # type: ignore[attr-defined]
            checked_at=checked_at,
            register_name=self.field("register_name").text(),  # type: ignore[attr-defined]
            printout=data, printout_name=name)
        self.save(lambda s: register_checks.add_check(s, form, actor=self.ctx.actor),
                  changed=AREA)


class RegisterChecksPanel(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("registerChecks")
        self.case_id: int | None = None
        self.title = ""
        self.model: RowsModel[CheckRow] = RowsModel(CHECK_COLUMNS, self)
        self.view = make_table(self.model, object_name="checkList")
        self.view.setMaximumHeight(120)
        self.add_button = push("Sprawdzenie w rejestrze…", object_name="addCheck",
                               slot=self.add_check)
        self.open_button = push("Otwórz wydruk", object_name="openPrintout",
                                slot=self.open_printout)
        self.evidence_button = push("Wykaz dowodów (PDF)", object_name="evidenceList",
                                    slot=self.evidence_list)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.open_button, self.evidence_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("<b>Sprawdzenia w rejestrach (CBB, ZUS, CEIDG, księgi "
                                "wieczyste…)</b>"))
        layout.addWidget(self.view)
        layout.addLayout(buttons)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._buttons())
        # Enter or the right button on a row: the same actions as the buttons.
        row_actions(self.view, lambda: [self.open_button, self.evidence_button])
        ctx.listen(AREA, self.refresh)

    def show_case(self, case_id: int | None, title: str = "") -> None:
        self.case_id, self.title = case_id, title
        self.refresh()

    def refresh(self) -> None:
        case_id = self.case_id
        rows = self.ctx.read(self, lambda s: register_checks.checks_of_case(
            s, case_id, actor=self.ctx.actor)) if case_id is not None else []
        self.model.set_rows(rows or [])
        self._buttons()

    def _buttons(self) -> None:
        row = selected_row(self.view)
        self.open_button.setEnabled(isinstance(row, CheckRow) and row.has_printout)
        self.add_button.setVisible(self.ctx.actor.can(Permission.CASE_WORK))

    def add_check(self) -> None:
        if self.case_id is not None:
            CheckDialog(self.ctx, self.case_id, self.title, self).exec()

    def open_printout(self) -> None:
        row = selected_row(self.view)
        if not isinstance(row, CheckRow):
            return
        found = self.ctx.write(self, lambda s: register_checks.printout(
            s, row.id, actor=self.ctx.actor))[1]
        if found is not None:
            pdf.save_and_open(self, self.ctx.settings.export_folder(),
                              f"wydruk-{row.register}-{row.checked_at:%Y%m%d}", found.data,
                              suffix=found.suffix, what="wydruku")

    def evidence_list(self) -> None:
        case_id = self.case_id
        if case_id is not None:
            self.ctx.show_document(self, "wykaz-dowodow", lambda s: register_checks.
                                   evidence_list_pdf(s, case_id, actor=self.ctx.actor))


def cbb_period_dialog(ctx: AppContext, parent: QWidget | None) -> Path | None:
    """"Dane dla CBB": the decisions of a period as a CSV file in the export folder."""
    dialog = FormDialog(ctx, "Dane dla Centralnej Bazy Beneficjentów", parent)
    start, end = date_edit(clock.today().replace(day=1)), date_edit()
    dialog.add("start", "Decyzje wydane od", start)
    dialog.add("end", "do", end)
    note = QLineEdit("Plik w układzie programu — nie jest formatem CBB.")
    note.setReadOnly(True)
    dialog.add("note", "Uwaga", note)
    saved: list[Path] = []

    def submit() -> None:
        ok, data = dialog.run_write(lambda s: register_checks.cbb_export(
            s, actor=ctx.actor, start=to_date(start), end=to_date(end)))
        if ok and data:
            path = pdf.save_file(dialog, ctx.settings.export_folder(), "dane-CBB", data,
                                 suffix="csv", what="pliku")
            if path is not None:
                saved.append(path)
            dialog.accept()

    dialog.submit = submit  # type: ignore[method-assign]
    dialog.mark_pristine()
    dialog.exec()
    return saved[0] if saved else None
