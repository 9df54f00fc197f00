"""Składki ZUS: the month's list of contributions the centre pays (who, basis, amount, what
was paid against what the decisions give), the registrations due with their 7 days, and the
files — the KEDU XML for Płatnik, the forms' layout and the accountant's statement."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QLabel,
    QMainWindow,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from opsdesk import clock
from opsdesk.changes import Changes
from opsdesk.formatting import format_date, format_money
from opsdesk.services import contributions
from opsdesk.services.contributions import (
    KIND_LABELS,
    MonthlyStatement,
    PayerForm,
    RegistrationRow,
    StatementRow,
)
from opsdesk.services.permissions import Permission
from opsdesk.ui import pdf
from opsdesk.ui.context import AppContext
from opsdesk.ui.errors import confirm
from opsdesk.ui.person_dialog import choose_person
from opsdesk.ui.tables import RED, Column, RowsModel, make_table
from opsdesk.ui.widgets import FormDialog, button_row, checkbox, line, push, to_date

AREA = Changes.CONTRIBUTIONS

STATEMENT_COLUMNS: list[Column[StatementRow]] = [
    Column("Osoba", lambda r: r.person_name),
    Column("PESEL", lambda r: r.pesel),
    Column("Rodzaj", lambda r: KIND_LABELS[r.kind]),
    Column("Podstawa", lambda r: format_money(r.basis), lambda r: r.basis, True),
    Column("Zdrowotna", lambda r: format_money(r.health), lambda r: r.health, True),
    Column("Emerytalna", lambda r: format_money(r.pension), lambda r: r.pension, True),
    Column("Rentowa", lambda r: format_money(r.disability), lambda r: r.disability, True),
    Column("Należne za miesiąc", lambda r: format_money(r.due_for_month)
           if r.kind == contributions.HEALTH else "—", align_right=True),
    Column("Uzgodnienie z wypłatami", lambda r: r.note),
]


def registration_columns(today: date) -> list[Column[RegistrationRow]]:
    return [
        Column("Druk", lambda r: r.form),
        Column("Osoba", lambda r: r.person_name),
        Column("Od dnia", lambda r: format_date(r.effective_on), lambda r: r.effective_on),
        Column("Wysłać do", lambda r: format_date(r.due)
               + (" — po terminie" if r.overdue(today) else ""), lambda r: r.due,
               color=lambda r: RED if r.overdue(today) else None),
        Column("Kod tytułu", lambda r: r.title_code),
        Column("Kod przyczyny", lambda r: r.reason_code),
    ]


class PayerDialog(FormDialog):
    """The centre as płatnik składek: NIP, REGON, the short name of ZUS forms."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "Dane ośrodka jako płatnika składek", parent)
        form, self.version = ctx.read(self, contributions.payer_form) or (
            PayerForm("", "", ""), 0)
        self.add("nip", "NIP", line(form.nip, max_len=13))
        self.add("regon", "REGON", line(form.regon, max_len=14))
        self.add("short_name", "Nazwa skrócona (jak w ZUS)", line(form.short_name, max_len=31))
        self.add("deadline_code", "Kod terminu przesyłania deklaracji",
                 line(form.deadline_code, max_len=1))
        self.add("nfz_branch", "Kod oddziału NFZ", line(form.nfz_branch, max_len=3))
        self.mark_pristine()

    def text(self, name: str) -> str:
        return self.field(name).text()  # type: ignore[attr-defined]

    def submit(self) -> None:
        form = PayerForm(self.text("nip"), self.text("regon"), self.text("short_name"),
                         self.text("deadline_code"), self.text("nfz_branch"))
        self.save(lambda s: contributions.save_payer(s, form, actor=self.ctx.actor,
                                                     expected_version=self.version),
                  changed=AREA)


class InsuranceDialog(FormDialog):
    """The interview's answer: does the person have another title to health insurance?"""

    def __init__(self, ctx: AppContext, person_id: int, name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, f"Ubezpieczenie zdrowotne z innego tytułu — {name}", parent)
        self.person_id = person_id
        self.add("insured_elsewhere", "Ubezpieczona z innego tytułu",
                 checkbox("tak (praca, emerytura, renta, członek rodziny…)"))
        self.add("note", "Tytuł ubezpieczenia / uwagi", line(max_len=200))
        self.mark_pristine()

    def submit(self) -> None:
        elsewhere = self.field("insured_elsewhere").isChecked()  # type: ignore[attr-defined]
        note = self.field("note").text()  # type: ignore[attr-defined]
        self.save(lambda s: contributions.record_health_insurance(
            s, self.person_id, actor=self.ctx.actor, insured_elsewhere=elsewhere, note=note),
            changed=AREA)


class ContributionsPanel(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("contributionsPanel")
        self.statement: MonthlyStatement | None = None
        self.last_saved: Path | None = None  # the KEDU file written last
        today = clock.today()
        self.month = QDateEdit(QDate(today.year, today.month, 1))
        self.month.setObjectName("contributionMonth")
        self.month.setDisplayFormat("MM.yyyy")
        self.month.setCalendarPopup(True)
        self.include_dra = checkbox("z deklaracją DRA", object_name="includeDra")
        self.include_dra.setChecked(True)
        self.compute_button = push("Policz", object_name="computeContributions",
                                   slot=self.compute)
        self.statement_button = push("Zestawienie dla księgowości (PDF)",
                                     object_name="contributionStatement",
                                     slot=self.statement_pdf)
        self.forms_button = push("Druki ZUS (PDF)", object_name="zusForms",
                                 slot=self.forms_pdf)
        self.kedu_button = push("Plik KEDU dla Płatnika", object_name="keduFile",
                                slot=self.kedu)
        self.sent_button = push("Odnotuj wysłanie do ZUS", object_name="recordSent",
                                slot=self.record_sent)
        self.insurance_button = push("Ubezpieczenie z wywiadu…", object_name="healthInsurance",
                                     slot=self.record_insurance)
        self.payer_button = push("Dane płatnika…", object_name="payerData",
                                 slot=lambda: PayerDialog(ctx, self).exec())
        self.payer_button.setVisible(ctx.actor.can(Permission.OFFICE_SETTINGS))
        self.model: RowsModel[StatementRow] = RowsModel(STATEMENT_COLUMNS, self)
        self.view = make_table(self.model, object_name="contributionRows")
        self.registrations: RowsModel[RegistrationRow] = RowsModel(
            registration_columns(clock.today()), self)
        self.registration_view = make_table(self.registrations, object_name="registrations")
        self.summary = QLabel("Wybierz miesiąc i kliknij „Policz”.")
        self.summary.setObjectName("contributionSummary")
        self.summary.setWordWrap(True)
        self.warnings = QLabel()
        self.warnings.setObjectName("contributionWarnings")
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet("color: #8F6400;")
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(QLabel("<b>Zgłoszenia (ZZA, ZUA) i wyrejestrowania (ZWUA)</b>"))
        lower_layout.addWidget(self.registration_view)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.view)
        splitter.addWidget(lower)
        layout = QVBoxLayout(self)
        layout.addLayout(button_row(QLabel("Miesiąc:"), self.month, self.compute_button,
                                    self.include_dra, self.insurance_button, self.payer_button))
        layout.addWidget(self.summary)
        layout.addWidget(self.warnings)
        layout.addWidget(splitter, 1)
        layout.addLayout(button_row(self.statement_button, self.forms_button, self.kedu_button,
                                    self.sent_button))
        ctx.listen(AREA, self._on_changed)
        self._show(None)

    def chosen_month(self) -> date:
        return to_date(self.month).replace(day=1)

    def _on_changed(self) -> None:
        if self.statement is not None:
            self.compute()

    def compute(self) -> None:
        month = self.chosen_month()
        self._show(self.ctx.read(self, lambda s: contributions.monthly_statement(
            s, actor=self.ctx.actor, month=month)))

    def _show(self, statement: MonthlyStatement | None) -> None:
        self.statement = statement
        self.model.set_rows(statement.rows if statement else [])
        self.registrations.set_rows(statement.registrations if statement else [])
        ready = statement is not None and bool(statement.reported or statement.registrations)
        for button in (self.statement_button, self.forms_button, self.kedu_button,
                       self.sent_button):
            button.setEnabled(ready)
        self.statement_button.setEnabled(statement is not None)
        if statement is None:
            self.warnings.setText("")
            return
        sent = (f" Wysłano już {statement.sent_packages} — kolejny plik będzie korektą."
                if statement.sent_packages else "")
        self.summary.setText(
            f"Razem do zapłaty: <b>{format_money(statement.total)}</b> (zdrowotna "
            f"{format_money(statement.health)}, emerytalna {format_money(statement.pension)}, "
            f"rentowa {format_money(statement.disability)}); termin: "
            f"{format_date(statement.payment_due)} r.{sent}")
        self.warnings.setText("\n".join(statement.warnings))

    def _name(self, what: str) -> str:
        return f"{what}-{self.chosen_month():%Y-%m}"

    def statement_pdf(self) -> None:
        month = self.chosen_month()
        self.ctx.show_document(self, self._name("skladki-zestawienie"),
                               lambda s: contributions.statement_pdf(s, actor=self.ctx.actor,
                                                                     month=month))

    def forms_pdf(self) -> None:
        month, dra = self.chosen_month(), self.include_dra.isChecked()
        self.ctx.show_document(self, self._name("druki-ZUS"),
                               lambda s: contributions.forms_pdf(s, actor=self.ctx.actor,
                                                                 month=month, include_dra=dra))

    def kedu(self) -> None:
        month, dra = self.chosen_month(), self.include_dra.isChecked()
        data = self.ctx.read(self, lambda s: contributions.kedu_file(
            s, actor=self.ctx.actor, month=month, include_dra=dra))
        if not data:
            return
        path = pdf.save_file(self, self.ctx.settings.export_folder(), self._name("KEDU"), data,
                             suffix="xml", what="pliku KEDU")
        window = self.window()
        if path is not None and isinstance(window, QMainWindow):
            window.statusBar().showMessage(f"Zapisano plik KEDU (zaimportuj go w programie "
                                           f"Płatnik): {path}", 15000)
        self.last_saved = path

    def record_sent(self) -> None:
        month, dra = self.chosen_month(), self.include_dra.isChecked()
        if confirm(self, f"Odnotować, że deklaracje za {month:%m.%Y} wysłano do ZUS? "
                         "Zgłoszenia z tego pliku nie będą proponowane ponownie."):
            self.ctx.write(self, lambda s: contributions.record_sent(
                s, actor=self.ctx.actor, month=month, include_dra=dra), changed=AREA)

    def record_insurance(self) -> None:
        person = choose_person(self.ctx, self)
        if person is not None:
            InsuranceDialog(self.ctx, person.id, person.full_name, self).exec()
