"""Inne zadania Świadczeń (seed 001): interviews for other centres, DPS, a court's request
for a guardian candidate, confirmation of actual care, preparatory proceedings. A list of
the tasks with their deadlines on the left, the task on the right, the next step as the
first button — the same shape as every tab, so it fits the benefits worker's tab as well
as the head's."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from opsdesk import clock
from opsdesk.changes import Changes
from opsdesk.formatting import format_date, format_money
from opsdesk.models.enums import CaseKind
from opsdesk.services import other_tasks
from opsdesk.services.other_tasks import OTHER_KINDS, SPECS, TaskDetail, TaskForm, TaskRow
from opsdesk.services.people import PersonRow
from opsdesk.ui.context import AppContext
from opsdesk.ui.export import export_button
from opsdesk.ui.person_dialog import choose_person
from opsdesk.ui.tables import (
    Column,
    RowsModel,
    deadline_color,
    make_table,
    reselect,
    row_actions,
    selected_row,
)
from opsdesk.ui.widgets import (
    FormDialog,
    checkbox,
    date_edit,
    html_text,
    line,
    push,
    text_box,
    to_date,
)

K = CaseKind


class NewTaskDialog(FormDialog):
    """What was asked, by whom and by when; the kind decides which choices it needs."""

    def __init__(self, ctx: AppContext, person: PersonRow, today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, f"Nowe zadanie — {person.full_name}", parent)
        self.person = person
        self.today = today
        kind = QComboBox()
        for k in OTHER_KINDS:
            kind.addItem(SPECS[k].title, k)
        self.add("kind", "Rodzaj zadania", kind)
        self.add("subject_kind", "Czego dotyczy", QComboBox())
        self.add("institution", "Kto prosi / adresat odpowiedzi", line(max_len=300))
        self.add("institution_address", "Adres", line(max_len=300))
        self.add("their_reference", "Znak pisma / sygnatura akt", line(max_len=100))
        self.add("received_on", "Data wpływu", date_edit(today, object_name="received_on"))
        self.add("has_due", "", checkbox("termin wyznaczony przez zlecającego",
                                         object_name="has_due"))
        self.add("due_on", "Termin", date_edit(today, object_name="due_on"))
        self.add("request", "Czego dotyczy prośba", text_box())
        self.add("urgent", "", checkbox("sprawa pilna"))
        kind.currentIndexChanged.connect(self._kind_changed)
        self.field("has_due").toggled.connect(self.field("due_on").setEnabled)
        self.field("due_on").setEnabled(False)
        self._kind_changed()
        self.mark_pristine()

    def kind(self) -> CaseKind:
        """Qt hands the item's data back as a plain str: make it the kind again."""
        return CaseKind(self.field("kind").currentData())

    def _kind_changed(self) -> None:
        kind = self.kind()
        choices = self.field("subject_kind")
        choices.clear()
        labels = (other_tasks.PREPARATORY_LABELS if kind is K.PREPARATORY else
                  other_tasks.GUARDIANSHIP_LABELS if kind is K.GUARDIAN_CANDIDATE else {})
        if labels:
            choices.addItem("— wybierz —", "")
        for value, text in labels.items():
            choices.addItem(text, str(value))
        choices.setEnabled(bool(labels))
        self.form.labelForField(self.field("institution")).setText(
            SPECS[kind].institution_label)

    def submit(self) -> None:
        f = self.field
        form = TaskForm(kind=self.kind(), person_id=self.person.id,
                        institution=f("institution").text(),
                        institution_address=f("institution_address").text(),
                        their_reference=f("their_reference").text(),
                        received_on=to_date(f("received_on")),
                        due_on=to_date(f("due_on")) if f("has_due").isChecked() else None,
                        subject_kind=f("subject_kind").currentData() or "",
                        request=f("request").toPlainText(), urgent=f("urgent").isChecked())
        self.save(lambda s: other_tasks.register_task(
            s, form, actor=self.ctx.actor, today=self.today), changed=Changes.CASES)


class InterviewDialog(FormDialog):
    def __init__(self, ctx: AppContext, row: TaskRow, today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, f"Wywiad dla: {row.institution}", parent)
        self.row, self.today = row, today
        self.add("carried_out_on", "Data wywiadu", date_edit(today,
                                                             object_name="carried_out_on"))
        self.add("findings", SPECS[K.INTERVIEW_FOR_OTHER_OFFICE].outcome_label, text_box())
        self.mark_pristine()

    def submit(self) -> None:
        on, findings = to_date(self.field("carried_out_on")), \
            self.field("findings").toPlainText()
        self.save(lambda s: other_tasks.record_interview(
            s, self.row.id, actor=self.ctx.actor, carried_out_on=on, findings=findings,
            today=self.today, expected_version=self.row.version), changed=Changes.CASES)


class DpsFeesDialog(FormDialog):
    """The home and who pays its cost (art. 61 ups)."""

    def __init__(self, ctx: AppContext, row: TaskRow, today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, f"Odpłatność za DPS — {row.person_name}", parent)
        self.row, self.today = row, today
        self.add("dps_name", "Dom pomocy społecznej", line(max_len=200))
        self.add("monthly_cost", "Średni miesięczny koszt utrzymania (zł)", line(max_len=20))
        self.add("resident_income", "Dochód mieszkańca (zł)", line(max_len=20))
        self.add("family_income", "Dochód rodziny zobowiązanej (zł, puste — brak)",
                 line(max_len=20))
        persons = QSpinBox()
        persons.setRange(0, 20)
        self.add("family_persons", "Liczba osób w tej rodzinie", persons)
        self.mark_pristine()

    def submit(self) -> None:
        f = self.field
        values = dict(dps_name=f("dps_name").text(), monthly_cost=f("monthly_cost").text(),
                      resident_income=f("resident_income").text(),
                      family_income=f("family_income").text() or None,
                      family_persons=f("family_persons").value() or None)
        self.save(lambda s: other_tasks.save_dps_fees(
            s, self.row.id, actor=self.ctx.actor, today=self.today,
            expected_version=self.row.version, **values),
            changed=Changes.CASES)


class PlacementDialog(FormDialog):
    def __init__(self, ctx: AppContext, row: TaskRow, today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, f"Umieszczenie w DPS — {row.person_name}", parent)
        self.row, self.today = row, today
        self.add("placed_on", "Data umieszczenia", date_edit(today, object_name="placed_on"))
        self.mark_pristine()

    def submit(self) -> None:
        on = to_date(self.field("placed_on"))
        self.save(lambda s: other_tasks.record_placement(
            s, self.row.id, actor=self.ctx.actor, placed_on=on, today=self.today,
            expected_version=self.row.version), changed=Changes.CASES)


class CompleteDialog(FormDialog):
    """The answer sent: the case closes, the letter is ready to print."""

    def __init__(self, ctx: AppContext, detail: TaskDetail, today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, f"Odpowiedź — {detail.row.sign}", parent)
        self.detail, self.today = detail, today
        self.add("outcome", SPECS[detail.row.kind].outcome_label, text_box(detail.outcome))
        self.add("done_on", "Data wysłania", date_edit(today, object_name="done_on"))
        self.mark_pristine()

    def submit(self) -> None:
        outcome, on = self.field("outcome").toPlainText(), to_date(self.field("done_on"))
        self.save(lambda s: other_tasks.complete_task(
            s, self.detail.row.id, actor=self.ctx.actor, outcome=outcome, done_on=on,
            today=self.today, expected_version=self.detail.row.version), changed=Changes.CASES)


def _deadline_text(row: TaskRow, today: date) -> str:
    if row.done_on is not None:
        return f"zakończone {format_date(row.done_on)}"
    return row.deadline.text(today) if row.deadline else "bez terminu"


class OtherTasksPanel(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("otherTasks")
        self.model: RowsModel[TaskRow] = RowsModel([
            Column("Termin", lambda r: _deadline_text(r, clock.today()),
                   lambda r: r.due_on or date.max,
                   color=lambda r: deadline_color(r.deadline, clock.today())),
            Column("Znak sprawy", lambda r: r.sign),
            Column("Rodzaj", lambda r: SPECS[r.kind].title),
            Column("Osoba", lambda r: r.person_name),
            Column("Od kogo / do kogo", lambda r: r.institution),
            Column("Wpłynęło", lambda r: format_date(r.received_on), lambda r: r.received_on),
            Column("Prowadzi", lambda r: r.assigned_to),
        ], self)
        self.view = make_table(self.model, object_name="otherTaskList")
        self.show_done = checkbox("pokaż też zakończone", object_name="showDone")
        self.show_done.toggled.connect(lambda _c: self.refresh())
        self.detail_label = QLabel("Wybierz zadanie z listy.")
        self.detail_label.setObjectName("otherTaskDetail")
        self.detail_label.setWordWrap(True)
        self.detail_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail: TaskDetail | None = None
        self.buttons = {
            "interview": push("Zapisz wywiad…", object_name="recordInterview",
                              slot=lambda: self._dialog(InterviewDialog)),
            "fees": push("Odpłatność za DPS…", object_name="dpsFees",
                         slot=lambda: self._dialog(DpsFeesDialog)),
            "placement": push("Umieszczenie w DPS…", object_name="dpsPlacement",
                              slot=lambda: self._dialog(PlacementDialog)),
            "complete": push("Odpowiedź i zakończenie…", object_name="completeTask",
                             slot=self.complete),
            "letter": push("Pismo (podgląd)", object_name="taskLetter", slot=self.letter),
        }
        top = QHBoxLayout()
        top.addWidget(push("Nowe zadanie…", object_name="newTask", slot=self.new_task))
        top.addWidget(self.show_done)
        top.addStretch(1)
        top.addWidget(export_button(ctx, self, self.view, "inne-zadania-swiadczen"))
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.detail_label, 1)
        for button in self.buttons.values():
            right_layout.addWidget(button)
        splitter = QSplitter()
        splitter.addWidget(self.view)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self.update_detail())
        # Enter or the right button on a row: the same actions as the buttons.
        row_actions(self.view, lambda: list(self.buttons.values()))
        ctx.listen(Changes.CASES, self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Reload the list, keeping the task that was selected (if it is still listed)."""
        was = self._row().id if self._row() else None
        open_only = not self.show_done.isChecked()
        self.model.set_rows(self.ctx.read(self, lambda s: other_tasks.task_list(
            s, actor=self.ctx.actor, open_only=open_only)) or [])
        # Selecting the task again shows the detail through the selection signal.
        if not reselect(self.view, lambda r: r.id == was):
            self.update_detail()

    def update_detail(self) -> None:
        row: TaskRow | None = selected_row(self.view)
        self.detail = self.ctx.read(self, lambda s: other_tasks.task_detail(
            s, row.id, actor=self.ctx.actor)) if row else None
        d = self.detail
        for button in self.buttons.values():
            button.setVisible(False)
        if d is None:
            self.detail_label.setText("Wybierz zadanie z listy.")
            return
        r = d.row
        open_ = r.done_on is None
        self.buttons["interview"].setVisible(open_ and r.kind is K.INTERVIEW_FOR_OTHER_OFFICE)
        self.buttons["fees"].setVisible(open_ and r.kind is K.DPS)
        self.buttons["placement"].setVisible(open_ and r.kind is K.DPS
                                             and d.fees is not None)
        self.buttons["complete"].setVisible(open_)
        self.buttons["letter"].setVisible(not open_)
        lines = [f"<h3>{SPECS[r.kind].title}{': ' + d.subject_text if d.subject_text else ''}"
                 f"</h3><p>Sprawa <b>{r.sign}</b> — {html_text(r.person_name)}<br>"
                 f"{html_text(r.institution)}"
                 f"{', ' + html_text(d.institution_address) if d.institution_address else ''}"
                 f"{'<br>Znak: ' + html_text(d.their_reference) if d.their_reference else ''}<br>"
                 f"Wpłynęło {format_date(r.received_on)}; {_deadline_text(r, clock.today())}</p>"]
        if d.request:
            lines.append(f"<p><i>{html_text(d.request)}</i></p>")
        if d.interview_on:
            lines.append(f"<p>Wywiad przeprowadzono {format_date(d.interview_on)}.</p>")
        if d.fees is not None:
            lines.append(f"<p>{html_text(d.dps_name)} — koszt {format_money(d.fees.monthly_cost)}: "
                         f"mieszkaniec {format_money(d.fees.resident)}, rodzina "
                         f"{format_money(d.fees.family)}, gmina {format_money(d.fees.gmina)}"
                         + (f"<br>Umieszczono {format_date(d.placed_on)}." if d.placed_on
                            else "") + "</p>")
        if d.outcome:
            lines.append(f"<p>{html_text(d.outcome)}</p>")
        self.detail_label.setText("".join(lines))

    def _row(self) -> TaskRow | None:
        return self.detail.row if self.detail else None

    def _dialog(self, dialog_type: type[FormDialog]) -> None:
        row = self._row()
        if row is not None:
            dialog_type(self.ctx, row, clock.today(), self).exec()  # type: ignore[call-arg]

    def new_task(self) -> None:
        person = choose_person(self.ctx, self)
        if person is not None:
            NewTaskDialog(self.ctx, person, clock.today(), self).exec()

    def complete(self) -> None:
        if self.detail is not None:
            CompleteDialog(self.ctx, self.detail, clock.today(), self).exec()

    def letter(self) -> None:
        row = self._row()
        if row is None:
            return
        self.ctx.show_document(self, f"pismo-{row.sign}", lambda s: other_tasks.letter_pdf(
            s, row.id, actor=self.ctx.actor))
