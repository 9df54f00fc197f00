"""Świadczenia zdrowotne (art. 54 uśoz): the applications for the decision confirming the
right to publicly funded health care, their decisions and 90-day periods, the rights about
to end or ended (to close), the early end when the person becomes insured. The case's
interview is carried out in the queue, like any other case's."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QVBoxLayout, QWidget

from opsdesk import clock
from opsdesk.changes import Changes
from opsdesk.formatting import format_date
from opsdesk.models.health_care import Requester
from opsdesk.services import health_care
from opsdesk.services.health_care import ApplicationForm, DecisionForm, HealthCareRow, State
from opsdesk.services.permissions import Permission
from opsdesk.ui.context import AppContext
from opsdesk.ui.contributions_panel import InsuranceDialog
from opsdesk.ui.errors import confirm
from opsdesk.ui.person_dialog import choose_person
from opsdesk.ui.tables import RED, Column, RowsModel, make_table, row_actions, selected_row
from opsdesk.ui.widgets import (
    FormDialog,
    button_row,
    checkbox,
    date_edit,
    enum_combo,
    line,
    push,
    text_box,
    to_date,
)

# A decision changes its case (status, the queue's deadlines) as well as the right.
AREA = Changes.HEALTH_CARE | Changes.CASES
ATTENTION = (State.EXPIRING, State.EXPIRED)


def _period(r: HealthCareRow) -> str:
    if r.period_from is None or r.period_to is None:
        return "—"
    end = f" (wygasło {format_date(r.ended_on)})" if r.ended_on else ""
    return f"{format_date(r.period_from)}–{format_date(r.period_to)}{end}"


COLUMNS: list[Column[HealthCareRow]] = [
    Column("Znak sprawy", lambda r: r.case_sign),
    Column("Osoba", lambda r: r.person_name),
    Column("Wnioskodawca", lambda r: r.requester),
    Column("Wniosek z dnia", lambda r: format_date(r.applied_on), lambda r: r.applied_on),
    Column("Decyzja do", lambda r: format_date(r.decision_due) if r.decision_due else "",
           lambda r: r.decision_due or date.max),
    Column("Decyzja nr", lambda r: r.number),
    Column("Okres prawa", _period, lambda r: r.period_to or date.max),
    Column("Stan", lambda r: r.state_text,
           color=lambda r: RED if r.state in ATTENTION else None),
]


class ApplicationDialog(FormDialog):
    """The application: the person's own, or a hospital's after treating them."""

    def __init__(self, ctx: AppContext, person_id: int, name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, f"Wniosek o potwierdzenie prawa do świadczeń — {name}", parent)
        self.person_id = person_id
        self.requester = enum_combo(list(Requester), object_name="requestedBy")
        self.provider = line(object_name="providerName", max_len=200)
        self.treated_on = date_edit(clock.today(), object_name="treatedOn")
        self.applied_on = date_edit(clock.today(), object_name="appliedOn")
        self.urgent = checkbox("tak (stan nagły)", object_name="urgent")
        self.add("requested_by", "Wnioskodawca", self.requester)
        self.add("provider_name", "Nazwa szpitala lub przychodni", self.provider)
        self.add("treated_on", "Data udzielenia świadczenia", self.treated_on)
        self.add("applied_on", "Data wpływu wniosku", self.applied_on)
        self.add("urgent", "Sprawa pilna", self.urgent)
        self.requester.currentIndexChanged.connect(self._show_provider)
        self._show_provider()
        self.mark_pristine()

    def _by_provider(self) -> bool:
        return self.requester.value() is Requester.PROVIDER

    def _show_provider(self) -> None:
        self.provider.setEnabled(self._by_provider())
        self.treated_on.setEnabled(self._by_provider())

    def submit(self) -> None:
        provider = self._by_provider()
        form = ApplicationForm(
            person_id=self.person_id, applied_on=to_date(self.applied_on),
            requested_by=self.requester.value(),
            provider_name=self.provider.text() if provider else "",
            treated_on=to_date(self.treated_on) if provider else None,
            urgent=self.urgent.isChecked())
        self.save(lambda s: health_care.register_application(s, form, actor=self.ctx.actor),
                  changed=AREA)


class DecisionDialog(FormDialog):
    """The decision: the right confirmed for 90 days from the day named, or refused; the
    justification is built from the case's interview, what is typed here is added."""

    def __init__(self, ctx: AppContext, row: HealthCareRow, parent: QWidget | None = None) -> None:
        super().__init__(ctx, f"Decyzja — {row.person_name} ({row.case_sign})", parent)
        self.row = row
        self.grant = checkbox("potwierdzić prawo (bez zaznaczenia: odmowa)",
                              object_name="grant")
        self.grant.setChecked(True)
        self.period_from = date_edit(row.applied_on, object_name="periodFrom")
        self.reason = line(object_name="refusalReason", max_len=1000)
        self.notes = text_box(object_name="notes")
        self.add("grant", "Rozstrzygnięcie", self.grant)
        self.add("period_from", "Prawo od dnia", self.period_from)
        self.add("reason", "Przyczyna odmowy (gdy nie wynika z wywiadu)", self.reason)
        self.add("notes", "Uzupełnienie uzasadnienia", self.notes)
        self.mark_pristine()

    def submit(self) -> None:
        grant = self.grant.isChecked()
        form = DecisionForm(grant=grant, period_from=to_date(self.period_from) if grant else None,
                            reason=self.reason.text(), notes=self.notes.toPlainText())
        rid, version = self.row.id, self.row.version
        self.save(lambda s: health_care.issue_decision(s, rid, form, actor=self.ctx.actor,
                                                       expected_version=version),
                  changed=AREA)


class EndDialog(FormDialog):
    """The person became insured: the right ends (wygasa) that day."""

    def __init__(self, ctx: AppContext, row: HealthCareRow, parent: QWidget | None = None) -> None:
        super().__init__(ctx, f"Wygaśnięcie prawa — {row.person_name}", parent)
        self.row = row
        self.insured_on = date_edit(clock.today(), object_name="insuredOn")
        self.title = line(object_name="insuranceTitle", max_len=300)
        self.add("insured_on", "Objęta ubezpieczeniem od dnia", self.insured_on)
        self.add("reason", "Tytuł ubezpieczenia", self.title)
        self.mark_pristine()

    def submit(self) -> None:
        on, reason = to_date(self.insured_on), self.title.text()
        rid, version = self.row.id, self.row.version
        self.save(lambda s: health_care.end_early(s, rid, actor=self.ctx.actor, insured_on=on,
                                                  reason=reason, expected_version=version),
                  changed=AREA)


class HealthCarePanel(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("healthCarePanel")
        self.model: RowsModel[HealthCareRow] = RowsModel(COLUMNS, self)
        self.view = make_table(self.model, object_name="healthCareRows")
        self.new_button = push("Nowy wniosek…", object_name="newHealthCare",
                               slot=self.new_application)
        self.decide_button = push("Wydaj decyzję…", object_name="decideHealthCare",
                                  slot=lambda: self._with_row(DecisionDialog))
        self.end_button = push("Objęcie ubezpieczeniem…", object_name="endHealthCare",
                               slot=lambda: self._with_row(EndDialog))
        self.close_button = push("Zamknij sprawę", object_name="closeHealthCare",
                                 slot=self.close_selected)
        self.insurance_button = push("Ubezpieczenie z wywiadu…", object_name="healthInsurance",
                                     slot=self.record_insurance)
        self.pdf_button = push("Decyzja (PDF)", object_name="healthCarePdf",
                               slot=self.show_pdf)
        self.all_box = checkbox("pokaż także zamknięte", object_name="healthCareAll")
        self.all_box.toggled.connect(self.refresh)
        can = ctx.actor.can
        self.new_button.setVisible(can(Permission.APPLICATION_REGISTER))
        self.decide_button.setVisible(can(Permission.DECISION_APPROVE))
        self.end_button.setVisible(can(Permission.CASE_WORK))
        self.close_button.setVisible(can(Permission.CASE_WORK))
        self.insurance_button.setVisible(can(Permission.CASE_WORK))
        layout = QVBoxLayout(self)
        layout.addLayout(button_row(self.new_button, self.decide_button, self.end_button,
                                    self.close_button, self.insurance_button, self.pdf_button,
                                    self.all_box))
        layout.addWidget(self.view)
        # Enter or the right button on a row: the same actions as the buttons.
        row_actions(self.view, lambda: [self.decide_button, self.end_button, self.close_button,
                                        self.insurance_button, self.pdf_button])
        # CONTRIBUTIONS: the interview's answer on insurance (InsuranceDialog) is sent as such.
        ctx.listen(Changes.HEALTH_CARE | Changes.CASES | Changes.INTERVIEWS
                   | Changes.CONTRIBUTIONS, self.refresh)
        self.refresh()

    def refresh(self) -> None:
        open_only = not self.all_box.isChecked()
        rows = self.ctx.read(self, lambda s: health_care.list_decisions(
            s, actor=self.ctx.actor, open_only=open_only))
        self.model.set_rows(rows or [])

    def selected(self) -> HealthCareRow | None:
        row = selected_row(self.view)
        return row if isinstance(row, HealthCareRow) else None

    def _with_row(self, dialog: type[DecisionDialog] | type[EndDialog]) -> None:
        row = self.selected()
        if row is not None:
            dialog(self.ctx, row, self).exec()

    def new_application(self) -> None:
        person = choose_person(self.ctx, self)
        if person is not None:
            ApplicationDialog(self.ctx, person.id, person.full_name, self).exec()

    def record_insurance(self) -> None:
        """The interview's answer to "insured from another title?", which a grant needs."""
        row = self.selected()
        if row is not None:
            InsuranceDialog(self.ctx, row.person_id, row.person_name, self).exec()

    def close_selected(self) -> None:
        row = self.selected()
        if row is not None and confirm(self, f"Zamknąć sprawę {row.case_sign} "
                                             f"({row.person_name})?"):
            self.ctx.write(self, lambda s: health_care.close(
                s, row.id, actor=self.ctx.actor, expected_version=row.version), changed=AREA)

    def show_pdf(self) -> None:
        row = self.selected()
        if row is not None:
            self.ctx.show_document(self, f"decyzja-art54-{row.case_sign}",
                                   lambda s: health_care.decision_pdf(s, row.id,
                                                                      actor=self.ctx.actor))
