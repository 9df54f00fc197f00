"""The family interview (rodzinny wywiad środowiskowy) in Świadczenia: the household, each
member's incomes by source with their deductions, and a refused interview (art. 107 ust. 4a
ups)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QWidget,
)

from opsdesk.changes import Changes
from opsdesk.labels import label
from opsdesk.models.enums import (
    IncomeSource,
    Relation,
)
from opsdesk.services import interviews
from opsdesk.services.interviews import (
    ART7_REASONS,
    IncomeEntry,
    InterviewForm,
    MemberEntry,
)
from opsdesk.ui.benefits.amounts import typed_amount
from opsdesk.ui.context import AppContext
from opsdesk.ui.person_dialog import choose_person
from opsdesk.ui.tables import (
    Column,
    RowsModel,
    make_table,
    selected_row,
)
from opsdesk.ui.widgets import (
    FormDialog,
    amount_error,
    button_row,
    checkbox,
    date_edit,
    enum_combo,
    line,
    push,
    text_box,
    to_date,
)


class IncomeDialog(FormDialog):
    """One member's income from one source, with the deductions; the amounts are checked
    as they are typed, the rest when the interview is saved. ``entry``: a line to change."""

    def __init__(self, ctx: AppContext, members: list[tuple[int, str]],
                 parent: QWidget | None = None, *, entry: IncomeEntry | None = None) -> None:
        super().__init__(ctx, "Dochód członka gospodarstwa", parent)
        who = QComboBox()
        for person_id, name in members:
            who.addItem(name, person_id)
        self.add("person", "Osoba", who)
        self.add("source", "Źródło", enum_combo(list(IncomeSource)))
        self.add("gross", "Przychód brutto (zł)", line(object_name="gross"))
        self.add("tax", "Podatek dochodowy (zł)", line("0", object_name="tax"))
        self.add("contributions", "Składki na ubezpieczenia (zł)",
                 line("0", object_name="contributions"))
        self.add("alimony", "Alimenty płacone innym (zł)", line("0", object_name="alimony"))
        self.add("note", "Uwagi", line(max_len=200))
        self.check("gross", amount_error)
        for name in ("tax", "contributions", "alimony"):
            self.check(name, lambda text: amount_error(text, required=False))
        if entry is not None:
            who.setCurrentIndex(max(0, who.findData(entry.person_id)))
            self.field("source").set_value(entry.source)
            for name, value in (("gross", entry.gross), ("tax", entry.tax),
                                ("contributions", entry.contributions),
                                ("alimony", entry.alimony_paid)):
                self.field(name).setText(typed_amount(value))
            self.field("note").setText(entry.note)
        self.mark_pristine()

    def submit(self) -> None:
        self.result_value = IncomeEntry(
            person_id=self.field("person").currentData(), source=self.field("source").value(),
            gross=self.field("gross").text(), tax=self.field("tax").text() or "0",
            contributions=self.field("contributions").text() or "0",
            alimony_paid=self.field("alimony").text() or "0", note=self.field("note").text())
        self.accept()


MEMBER_COLUMNS: list[Column[tuple[int, str, Relation]]] = [
    Column("Osoba", lambda m: m[1]), Column("Relacja", lambda m: label(m[2]))]


class InterviewDialog(FormDialog):
    """Rodzinny wywiad środowiskowy: segment A (the household on the day, incomes for the
    art. 8 ust. 3 month), the art. 7 reasons, H (needs), I (diagnosis), J (plan)."""

    def __init__(self, ctx: AppContext, interview_id: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, "Rodzinny wywiad środowiskowy", parent)
        self.interview_id = interview_id
        view = ctx.read(self, lambda s: interviews.interview_detail(s, interview_id,
                                                                    actor=ctx.actor))
        assert view is not None
        self.view = view
        # The version this form was opened with: a colleague's save since is refused.
        self.version = view.version
        self.setWindowTitle(f"{label(view.kind).capitalize()} — {view.person_name} "
                            f"({view.case_sign})")
        self.members: list[tuple[int, str, Relation]] = [
            (m.person_id, m.name, m.relation) for m in view.members]
        self.incomes: list[IncomeEntry] = list(view.form.incomes)
        self.add("carried_out_on", "Data wywiadu",
                 date_edit(view.form.carried_out_on, object_name="carried_out_on"))
        month = date_edit(view.form.income_month or view.right_income_month,
                          object_name="income_month")
        month.setDisplayFormat("MM.yyyy")
        self.add("income_month", f"Miesiąc dochodu (właściwy: "
                 f"{interviews.month_label(view.right_income_month)})", month)
        lost = checkbox("Utrata dochodu — dochód z miesiąca złożenia wniosku",
                        object_name="income_lost")
        lost.setChecked(view.form.income_lost)
        self.add("income_lost", "", lost)
        self.member_model: RowsModel[tuple[int, str, Relation]] = RowsModel(MEMBER_COLUMNS, self)
        self.member_view = make_table(self.member_model, object_name="members")
        self.member_view.setMaximumHeight(110)
        self.add("members", "Gospodarstwo domowe (segment A)", self.member_view)
        self.form.addRow("", button_row(
            push("Dodaj osobę…", object_name="addMember", slot=self.add_member),
            push("Usuń osobę", object_name="removeMember", slot=self.remove_member)))
        self.income_model: RowsModel[IncomeEntry] = RowsModel([
            Column("Osoba", lambda i: self._name(i.person_id)),
            Column("Źródło", lambda i: label(i.source)),
            Column("Brutto", lambda i: str(i.gross), align_right=True),
            Column("Potrącenia", lambda i: f"{i.tax} / {i.contributions} / {i.alimony_paid}"),
        ], self)
        self.income_view = make_table(self.income_model, object_name="incomeList")
        self.income_view.setMaximumHeight(120)
        self.add("incomes", "Dochody", self.income_view)
        self.form.addRow("", button_row(
            push("Dodaj dochód…", object_name="addIncome", slot=self.add_income),
            push("Zmień dochód…", object_name="editIncome", slot=self.edit_income),
            push("Usuń dochód", object_name="removeIncome", slot=self.remove_income)))
        self.income_view.doubleClicked.connect(lambda _i: self.edit_income())
        self.add("farm_hectares", "Gospodarstwo rolne (ha przeliczeniowe)",
                 line(str(view.form.farm_hectares), object_name="farm_hectares"))
        reasons = QWidget()
        grid = QGridLayout(reasons)
        grid.setContentsMargins(0, 0, 0, 0)
        self.reason_boxes: dict[str, object] = {}
        for n, (code, (point, text)) in enumerate(ART7_REASONS.items()):
            box = checkbox(f"{text} (pkt {point})", object_name=f"reason_{code}")
            box.setChecked(code in view.form.reasons)
            self.reason_boxes[code] = box
            grid.addWidget(box, n // 2, n % 2)
        self.add("reasons", "Powody (art. 7)", reasons)
        self.add("needs", "Potrzeby (segment H)", text_box(view.form.needs, object_name="needs"))
        self.add("diagnosis", "Diagnoza i wnioski (segment I)",
                 text_box(view.form.diagnosis, object_name="diagnosis"))
        self.add("plan", "Plan pomocy (segment J)", text_box(view.form.plan, object_name="plan"))
        self.add("notes", "Uwagi", text_box(view.form.notes, object_name="notes"))
        self.ok_button.setText("Zapisz")
        self.complete_button = push("Zapisz i zakończ wywiad", object_name="completeInterview",
                                    slot=self.complete)
        self.buttons.addButton(self.complete_button, self.buttons.ButtonRole.ActionRole)
        self.refusal_button = push("Odmowa wywiadu…", object_name="refuseInterview",
                                   slot=self.refused)
        self.buttons.addButton(self.refusal_button, self.buttons.ButtonRole.ActionRole)
        self._reload_tables()
        self.resize(1180, 820)  # the art. 7 reasons in two columns; capped to the screen
        self.mark_pristine()

    def _name(self, person_id: int) -> str:
        return next((m[1] for m in self.members if m[0] == person_id), "?")

    def _reload_tables(self) -> None:
        self.member_model.set_rows(self.members)
        self.income_model.set_rows(self.incomes)

    def add_member(self) -> None:
        person = choose_person(self.ctx, self)
        if person is not None and all(m[0] != person.id for m in self.members):
            self.members.append((person.id, person.full_name, Relation.OTHER))
            self._reload_tables()

    def remove_member(self) -> None:
        row = selected_row(self.member_view)
        if row is not None:
            self.members.remove(row)
            self._reload_tables()

    def add_income(self) -> None:
        dialog = IncomeDialog(self.ctx, [(m[0], m[1]) for m in self.members], self)
        if dialog.exec() and dialog.result_value is not None:
            self.incomes.append(dialog.result_value)
            self._reload_tables()

    def edit_income(self) -> None:
        row = selected_row(self.income_view)
        if row is None:
            return
        dialog = IncomeDialog(self.ctx, [(m[0], m[1]) for m in self.members], self, entry=row)
        if dialog.exec() and dialog.result_value is not None:
            self.incomes[self.incomes.index(row)] = dialog.result_value
            self._reload_tables()

    def remove_income(self) -> None:
        row = selected_row(self.income_view)
        if row is not None:
            self.incomes.remove(row)
            self._reload_tables()

    def form_value(self) -> InterviewForm:
        return InterviewForm(
            carried_out_on=to_date(self.field("carried_out_on")),
            income_month=to_date(self.field("income_month")),
            income_lost=self.field("income_lost").isChecked(),
            farm_hectares=self.field("farm_hectares").text() or "0",
            reasons=tuple(c for c, box in self.reason_boxes.items()
                          if box.isChecked()),  # type: ignore[attr-defined]
            needs=self.field("needs").toPlainText(),
            diagnosis=self.field("diagnosis").toPlainText(),
            plan=self.field("plan").toPlainText(), notes=self.field("notes").toPlainText(),
            members=tuple(MemberEntry(m[0], m[2]) for m in self.members),
            incomes=tuple(self.incomes))

    def _save(self) -> bool:
        form, version = self.form_value(), self.version
        ok, saved = self.run_write(lambda s: interviews.save_interview(
            s, self.interview_id, form, actor=self.ctx.actor, expected_version=version),
            changed=Changes.INTERVIEWS)
        if ok and saved is not None:
            self.version = saved
        return ok

    def submit(self) -> None:
        if self._save():
            self.accept()

    def complete(self) -> None:
        if not self._save():
            return
        ok, _ = self.run_write(lambda s: interviews.complete_interview(
            s, self.interview_id, actor=self.ctx.actor, expected_version=self.version),
            changed=Changes.INTERVIEWS)
        if ok:
            self.result_value = "completed"
            self.accept()

    def refused(self) -> None:
        note = self.field("notes").toPlainText()
        on = to_date(self.field("carried_out_on"))
        version = self.version
        ok, _ = self.run_write(lambda s: interviews.record_refusal(
            s, self.interview_id, actor=self.ctx.actor, on=on, note=note,
            expected_version=version), changed=Changes.INTERVIEWS)
        if ok:
            self.result_value = "refused"
            self.accept()
