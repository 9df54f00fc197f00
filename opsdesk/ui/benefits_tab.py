"""Świadczenia: the queue of benefit cases and the proceeding of the selected one — the
family interview, decision drafts, approval and issue, corrections, the art. 36 notice —
and the payout lists with their "Kasa wypłaci" receipts and the file for the bank.

Thin: every rule is in the services; a form shows a service's Polish message at its field
and keeps what was typed."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from opsdesk import clock
from opsdesk.changes import Changes
from opsdesk.errors import UserFacingError
from opsdesk.formatting import amount_in_words, format_date, format_money
from opsdesk.labels import label
from opsdesk.models.enums import (
    BenefitKind,
    DecisionKind,
    DecisionStatus,
    IncomeSource,
    PayoutListStatus,
    PayoutMethod,
    Relation,
)
from opsdesk.services import decisions, interviews, messages, payouts, queue
from opsdesk.services.actions import Action
from opsdesk.services.decisions import (
    BENEFITS,
    REFUSAL_GROUNDS,
    DecisionForm,
    DecisionRow,
    Payment,
)
from opsdesk.services.interviews import (
    ART7_REASONS,
    IncomeEntry,
    InterviewForm,
    MemberEntry,
)
from opsdesk.services.payouts import PayoutListRow
from opsdesk.services.permissions import Permission
from opsdesk.services.queue import QueueRow
from opsdesk.ui.context import AppContext
from opsdesk.ui.contributions_panel import ContributionsPanel
from opsdesk.ui.errors import confirm, show_error
from opsdesk.ui.export import export_button
from opsdesk.ui.finality_panel import FinalityPanel
from opsdesk.ui.health_care_panel import HealthCarePanel
from opsdesk.ui.inbox import EvidencePanel, ReferralDialog
from opsdesk.ui.other_tasks_panel import OtherTasksPanel
from opsdesk.ui.pdf import save_file
from opsdesk.ui.person_dialog import choose_person
from opsdesk.ui.register_checks_panel import RegisterChecksPanel
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
    ActionPanel,
    FormDialog,
    amount_error,
    button_row,
    checkbox,
    date_edit,
    enum_combo,
    html_text,
    line,
    push,
    scrolling,
    text_box,
    to_date,
)

# What the queue shows: a message (an opinion, a referral) answers a case too.
CASE_AREAS = (Changes.CASES | Changes.INTAKES | Changes.DECISIONS | Changes.INTERVIEWS
              | Changes.PAYOUTS | Changes.MESSAGES)


def deadline_text(row: QueueRow, today: date) -> str:
    """Colour is never the only signal: an overdue item says so in words."""
    return row.deadline.text(today) if row.deadline else ""


def _money(value: object) -> str:
    return format_money(value) if isinstance(value, Decimal) else ""  # type: ignore[arg-type]


def _typed(amount: Decimal | str | None) -> str:
    """An amount as a clerk would type it: "305,00"."""
    return "" if amount is None else f"{Decimal(amount):.2f}".replace(".", ",")


# --- the family interview ---------------------------------------------------------------


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
                self.field(name).setText(_typed(value))
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


# --- the decision editor -----------------------------------------------------------------


class DecisionDialog(FormDialog):
    """The decision draft, pre-filled from the law and the interview; only the fields the
    kind of decision uses are shown."""

    def __init__(self, ctx: AppContext, case_id: int, *, kind: DecisionKind,
                 benefit: BenefitKind, decision_id: int | None = None,
                 corrects: int | None = None, info: queue.CaseInfo | None = None,
                 grants: list[decisions.GrantRow] | None = None,
                 parent: QWidget | None = None) -> None:
        """``info`` and ``grants``: what the caller has read already (read here if not)."""
        super().__init__(ctx, "Projekt decyzji", parent)
        self.case_id = case_id
        self.decision_id = decision_id
        self.version: int | None = None
        if info is None:
            info = ctx.read(self, lambda s: queue.case_info(s, case_id, actor=ctx.actor))
        self.has_address = info.has_address if info else True
        if grants is None:
            grants = ctx.read(self, lambda s: decisions.grants_of_person(
                s, info.person_id, actor=ctx.actor)) or [] if info else []
        self.add("kind", "Rodzaj decyzji", enum_combo(list(DecisionKind), object_name="kind"))
        self.add("benefit_kind", "Świadczenie",
                 enum_combo(list(BenefitKind), object_name="benefit_kind"))
        root = QComboBox()
        root.setObjectName("corrects_decision_id")
        for g in grants:
            root.addItem(f"{g.number} z {format_date(g.issued_on)} — {label(g.benefit_kind)}"
                         f"{' ' + format_money(g.amount) if g.amount is not None else ''}",
                         g.decision_id)
        self.add("corrects_decision_id", "Dotyczy decyzji", root)
        self.add("effective_from", "Obowiązuje od", date_edit(object_name="effective_from"))
        ground = QComboBox()
        ground.setObjectName("refusal_ground")
        for g, (_art, text) in REFUSAL_GROUNDS.items():
            ground.addItem(text, g)
        self.add("refusal_ground", "Podstawa odmowy", ground)
        self.add("amount", "Kwota (zł)", line(object_name="amount"))
        self.check("amount", lambda text: amount_error(text, required=False))
        self.rule_label = QLabel()
        self.rule_label.setObjectName("amountRule")
        self.rule_label.setWordWrap(True)
        self.form.addRow("", self.rule_label)
        self.add("requested_amount", "Kwota, o którą wnioskowano (zł)",
                 line(object_name="requested_amount"))
        self.add("period_from", "Od dnia / termin wypłaty", date_edit(object_name="period_from"))
        self.add("period_to", "Do dnia", date_edit(object_name="period_to"))
        self.add("open_ended", "", checkbox("bez daty końcowej (na czas nieokreślony)",
                                            object_name="open_ended"))
        self.add("change_end", "", checkbox("zmień koniec okresu", object_name="change_end"))
        self.add("change_method", "", checkbox("zmień formę wypłaty",
                                               object_name="change_method"))
        self.add("payout_method", "Forma wypłaty",
                 enum_combo(list(PayoutMethod), object_name="payout_method"))
        self.add("bank_account", "Nr rachunku strony", line(object_name="bank_account"))
        self.add("purpose", "Przeznaczenie / zakres", line(object_name="purpose", max_len=300))
        instalments = QSpinBox()
        instalments.setRange(1, decisions.MAX_INSTALMENTS)
        self.add("undue_from", "Pobrane nienależnie od", date_edit(object_name="undue_from"))
        self.add("undue_to", "Pobrane nienależnie do", date_edit(object_name="undue_to"))
        self.add("repayment_instalments", "Liczba rat", instalments)
        self.add("instalments_requested", "", checkbox(
            "raty na wniosek strony (art. 104 ust. 4)", object_name="instalments_requested"))
        self.add("instalments_requested_on", "Data wniosku o raty",
                 date_edit(object_name="instalments_requested_on"))
        self.add("no_address_reason", "Brak adresu — powód i miejsce doręczenia",
                 line(object_name="no_address_reason", max_len=300))
        self.field("no_address_reason").setPlaceholderText(
            "np. osoba bezdomna, doręczenie w siedzibie ośrodka (art. 39 kpa)")
        self.add("legal_basis", "Podstawa prawna", text_box(object_name="legal_basis"))
        self.add("justification", "Uzasadnienie", text_box(object_name="justification"))
        self.add("immediate_enforcement_reason", "Rygor natychmiastowej wykonalności — dlaczego",
                 text_box(object_name="immediate_enforcement_reason"))
        self.field("immediate_enforcement_reason").setMaximumHeight(60)
        self.refill_button = push("Wypełnij z wywiadu i przepisów", object_name="refill",
                                  slot=self.refill)
        self.buttons.addButton(self.refill_button, self.buttons.ButtonRole.ActionRole)
        self.ok_button.setText("Zapisz projekt")
        self.field("kind").set_value(kind)
        self.field("benefit_kind").set_value(benefit)
        if corrects is not None:
            root.setCurrentIndex(max(0, root.findData(corrects)))
        self.field("kind").currentIndexChanged.connect(lambda _i: self._show_fields())
        for name in ("open_ended", "change_end", "change_method", "instalments_requested"):
            self.field(name).toggled.connect(lambda _c: self._show_fields())
        self.field("benefit_kind").currentIndexChanged.connect(lambda _i: self._show_fields())
        self.field("payout_method").currentIndexChanged.connect(lambda _i: self._show_fields())
        if decision_id is not None:
            self._load(decision_id)
        else:
            self.refill()
        self._show_fields()
        self.resize(720, 860)
        self.mark_pristine()

    def _load(self, decision_id: int) -> None:
        detail = self.ctx.read(self, lambda s: decisions.decision_detail(
            s, decision_id, actor=self.ctx.actor))
        if detail is None:
            return
        f = detail.form
        self.version = detail.row.version
        self.field("kind").set_value(f.kind)
        self.field("benefit_kind").set_value(f.benefit_kind)
        self.field("amount").setText(_typed(f.amount))
        self.field("requested_amount").setText(_typed(f.requested_amount))
        for name in ("period_from", "period_to", "effective_from", "undue_from", "undue_to",
                     "instalments_requested_on"):
            value = getattr(f, name)
            if value is not None:
                self.field(name).setDate(value)
        self.field("open_ended").setChecked(f.period_to is None)
        self.field("change_end").setChecked(f.period_to is not None)
        self.field("change_method").setChecked(f.payout_method is not None)
        if f.payout_method is not None:
            self.field("payout_method").set_value(f.payout_method)
        self.field("bank_account").setText(f.bank_account)
        self.field("purpose").setText(f.purpose)
        if f.refusal_ground is not None:
            combo = self.field("refusal_ground")
            combo.setCurrentIndex(combo.findData(f.refusal_ground))
        if f.corrects_decision_id is not None:
            combo = self.field("corrects_decision_id")
            combo.setCurrentIndex(max(0, combo.findData(f.corrects_decision_id)))
        self.field("repayment_instalments").setValue(f.repayment_instalments or 1)
        self.field("instalments_requested").setChecked(f.instalments_requested_on is not None)
        self.field("legal_basis").setPlainText(f.legal_basis)
        self.field("justification").setPlainText(f.justification)
        self.field("immediate_enforcement_reason").setPlainText(f.immediate_enforcement_reason)
        self.field("no_address_reason").setText(f.no_address_reason)
        if detail.computed_amount is not None:
            self.rule_label.setText(f"Kwota wyliczona: {format_money(detail.computed_amount)}")

    def refill(self) -> None:
        """The legal basis, amount, period, method and a justification from the services."""
        kind, benefit = self.field("kind").value(), self.field("benefit_kind").value()
        corrects = self.field("corrects_decision_id").currentData()
        ground = self.field("refusal_ground").currentData()
        d = self.ctx.read(self, lambda s: decisions.decision_defaults(
            s, actor=self.ctx.actor, case_id=self.case_id, kind=kind, benefit_kind=benefit,
            corrects_decision_id=corrects if kind not in (
                DecisionKind.GRANTING, DecisionKind.REFUSING) else None,
            refusal_ground=ground if kind is DecisionKind.REFUSING else None))
        if d is None:
            return
        self.field("legal_basis").setPlainText(d.legal_basis)
        self.field("justification").setPlainText(d.justification)
        if d.rule is not None:
            self.rule_label.setText(html_text(" ".join(filter(None, (d.rule.note,
                                                                   d.rule.hint)))))
            if d.rule.computed is not None and kind is DecisionKind.GRANTING:
                self.field("amount").setText(_typed(d.rule.computed))
        if d.period_from is not None:
            self.field("period_from").setDate(d.period_from)
            self.field("effective_from").setDate(d.period_from)
        if d.period_to is not None:
            self.field("period_to").setDate(d.period_to)
        self.field("open_ended").setChecked(d.period_to is None)
        if d.payout_method is not None:
            self.field("payout_method").set_value(d.payout_method)
        self.field("bank_account").setText(d.bank_account)
        self._show_fields()

    def _show_fields(self) -> None:
        kind = self.field("kind").value()
        spec = BENEFITS[self.field("benefit_kind").value()]
        granting, changing = kind is DecisionKind.GRANTING, kind is DecisionKind.CHANGING
        correction = kind in payouts.CORRECTIONS
        cash = spec.payment is not Payment.IN_KIND
        method = cash and (granting or (changing and self.field("change_method").isChecked()))
        visible = {
            "corrects_decision_id": correction or kind is DecisionKind.REPAYMENT,
            "effective_from": correction,
            "refusal_ground": kind is DecisionKind.REFUSING,
            "amount": granting or changing or kind is DecisionKind.REPAYMENT,
            "requested_amount": granting,
            "period_from": granting or kind is DecisionKind.REPAYMENT,
            "period_to": self._sends_end(),
            "open_ended": granting,
            "change_end": changing,
            "change_method": changing and cash,
            "payout_method": method,
            "bank_account": method and self.field("payout_method").value()
            is PayoutMethod.TRANSFER,
            "purpose": granting and bool(spec.purpose_label),
            "repayment_instalments": kind is DecisionKind.REPAYMENT,
            "undue_from": kind is DecisionKind.REPAYMENT,
            "undue_to": kind is DecisionKind.REPAYMENT,
            "instalments_requested": kind is DecisionKind.REPAYMENT,
            "instalments_requested_on": kind is DecisionKind.REPAYMENT
            and self.field("instalments_requested").isChecked(),
            "no_address_reason": not self.has_address,
        }
        for name, shown in visible.items():
            self.form.setRowVisible(self.field(name), shown)
        purpose_caption = self.form.labelForField(self.field("purpose"))
        if isinstance(purpose_caption, QLabel) and spec.purpose_label:
            purpose_caption.setText(spec.purpose_label)
        self.form.setRowVisible(self.rule_label, granting or changing)

    def _sends_end(self) -> bool:
        kind = self.field("kind").value()
        if kind is DecisionKind.GRANTING:
            return not self.field("open_ended").isChecked()
        return kind is DecisionKind.CHANGING and self.field("change_end").isChecked()

    def form_value(self) -> DecisionForm:
        kind = self.field("kind").value()
        keeps_method = kind is DecisionKind.CHANGING and not self.field(
            "change_method").isChecked()
        return DecisionForm(
            case_id=self.case_id, kind=kind, benefit_kind=self.field("benefit_kind").value(),
            amount=self.field("amount").text(),
            requested_amount=self.field("requested_amount").text(),
            period_from=to_date(self.field("period_from")),
            period_to=to_date(self.field("period_to")) if self._sends_end() else None,
            payout_method=None if keeps_method else self.field("payout_method").value(),
            bank_account=self.field("bank_account").text(),
            purpose=self.field("purpose").text(),
            refusal_ground=self.field("refusal_ground").currentData(),
            legal_basis=self.field("legal_basis").toPlainText(),
            justification=self.field("justification").toPlainText(),
            immediate_enforcement_reason=self.field("immediate_enforcement_reason")
            .toPlainText(),
            corrects_decision_id=self.field("corrects_decision_id").currentData(),
            effective_from=to_date(self.field("effective_from")),
            repayment_instalments=self.field("repayment_instalments").value(),
            undue_from=to_date(self.field("undue_from")),
            undue_to=to_date(self.field("undue_to")),
            instalments_requested_on=to_date(self.field("instalments_requested_on"))
            if self.field("instalments_requested").isChecked() else None,
            no_address_reason=self.field("no_address_reason").text()
            if not self.has_address else "")

    def submit(self) -> None:
        form = self.form_value()
        self.save(lambda s: decisions.save_draft(
            s, form, actor=self.ctx.actor, decision_id=self.decision_id,
            expected_version=self.version), changed=Changes.DECISIONS)


class NoticeDialog(FormDialog):
    """Zawiadomienie (kpa art. 36): why the case is late and the new date."""

    def __init__(self, ctx: AppContext, row: QueueRow, parent: QWidget | None = None) -> None:
        super().__init__(ctx, f"Zawiadomienie o niezałatwieniu sprawy — {row.sign}", parent)
        self.row = row
        self.add("reason", "Przyczyna zwłoki", text_box(object_name="reason"))
        due = row.deadline.due if row.deadline else clock.today()
        self.add("new_deadline", "Nowy termin", date_edit(due, object_name="new_deadline"))
        self.mark_pristine()

    def submit(self) -> None:
        reason, new = self.field("reason").toPlainText(), to_date(self.field("new_deadline"))
        # "cases" also refreshes the "Do odbioru" list (first contact reacts to it).
        self.save(lambda s: decisions.issue_deadline_notice(
            s, self.row.case_id, actor=self.ctx.actor, reason=reason, new_deadline=new),
            changed=Changes.CASES)


# --- payout lists ------------------------------------------------------------------------


class NewListDialog(FormDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "Nowa lista wypłat", parent)
        self.add("payout_date", "Data wypłaty", date_edit(object_name="payout_date"))
        self.add("method", "Forma", enum_combo(list(PayoutMethod), object_name="method"))
        self.mark_pristine()

    def submit(self) -> None:
        on, method = to_date(self.field("payout_date")), self.field("method").value()
        self.save(lambda s: payouts.prepare_payout_list(
            s, actor=self.ctx.actor, payout_date=on, method=method), changed=Changes.PAYOUTS)


class PaidDialog(FormDialog):
    """The cashier's or bank's report: paid on a day, except the positions given."""

    def __init__(self, ctx: AppContext, row: PayoutListRow, parent: QWidget | None = None) -> None:
        super().__init__(ctx, f"Rozliczenie listy {row.number}", parent)
        self.row = row
        self.add("paid_on", "Data wypłaty", date_edit(object_name="paid_on"))
        self.add("not_paid", "Nie wypłacono (lp., po przecinku)", line(object_name="not_paid"))
        self.mark_pristine()

    def submit(self) -> None:
        text = self.field("not_paid").text().replace(" ", "")
        positions: list[Any] = []
        if text:  # all paid: the positions need not be read
            detail = self.ctx.read(self, lambda s: payouts.payout_list_detail(
                s, self.row.id, actor=self.ctx.actor))
            if detail is None:
                return
            positions = list(detail.payouts)
        try:
            lps = {int(p) for p in text.split(",") if p}
        except ValueError:
            self.show_field_error("Podaj numery pozycji (lp.) oddzielone przecinkami.",
                                  "not_paid")
            return
        not_paid = tuple(p.id for n, p in enumerate(positions, start=1) if n in lps)
        on = to_date(self.field("paid_on"))
        self.save(lambda s: payouts.record_list_paid(
            s, self.row.id, actor=self.ctx.actor, paid_on=on, not_paid=not_paid,
            expected_version=self.row.version), changed=Changes.PAYOUTS)


LIST_COLUMNS: list[Column[PayoutListRow]] = [
    Column("Numer", lambda r: r.number, sort_key=lambda r: r.id),
    Column("Data wypłaty", lambda r: format_date(r.payout_date), sort_key=lambda r: r.payout_date),
    Column("Forma", lambda r: label(r.method)),
    Column("Stan", lambda r: label(r.status)),
    Column("Pozycji", lambda r: str(r.count), sort_key=lambda r: r.count, align_right=True),
    Column("Razem", lambda r: format_money(r.total), sort_key=lambda r: r.total,
           align_right=True),
]
DECISION_COLUMNS: list[Column[DecisionRow]] = [
    Column("Decyzja", lambda r: r.number or "projekt", sort_key=lambda r: r.id),
    Column("Rodzaj", lambda r: decisions.KIND_TITLES[r.kind]),
    Column("Świadczenie", lambda r: label(r.benefit_kind)),
    Column("Stan", lambda r: label(r.status)),
    Column("Kwota", lambda r: _money(r.amount), align_right=True),
]


# --- the tab -------------------------------------------------------------------------------


def issue_question(decision: DecisionRow, person: str) -> str:
    """What "Zatwierdź i wydaj" will do, asked once: the decision, for whom, how much."""
    number = f" nr {decision.number}" if decision.number else ""
    amount = f" na kwotę {format_money(decision.amount)}" if decision.amount is not None else ""
    return (f"Wydać decyzję{number} ({label(decision.kind)} — {label(decision.benefit_kind)}) "
            f"dla {person}{amount}? Po wydaniu nie można jej zmienić; czeka na stanowisku "
            "pierwszego kontaktu („Do odbioru”).")


class BenefitsTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("benefitsTab")
        self.model: RowsModel[QueueRow] = RowsModel([
            Column("Znak sprawy", lambda r: r.sign),
            Column("Osoba", lambda r: r.person_name),
            Column("Termin", lambda r: deadline_text(r, clock.today()),
                   sort_key=lambda r: r.deadline.due if r.deadline else date.max,
                   color=lambda r: deadline_color(r.deadline, clock.today())),
            Column("Stan", lambda r: label(r.status)),
            Column("Prowadzi", lambda r: r.assigned_to),
            Column("Pilne", lambda r: "PILNE" if r.urgent else ""),
        ], self)
        self.view = make_table(self.model, object_name="benefitsQueue")
        self.mine = checkbox("tylko moje", object_name="mineOnly")
        self.overdue = checkbox("tylko po terminie", object_name="overdueOnly")
        for box in (self.mine, self.overdue):
            box.toggled.connect(lambda _c: self.refresh())
        self.lists: RowsModel[PayoutListRow] = RowsModel(LIST_COLUMNS, self)
        self.list_view = make_table(self.lists, object_name="payoutLists")
        self.decisions: RowsModel[DecisionRow] = RowsModel(DECISION_COLUMNS, self)
        self.decision_view = make_table(self.decisions, object_name="caseDecisions")
        self.decision_view.setMaximumHeight(150)

        queue_page = QWidget()
        queue_layout = QVBoxLayout(queue_page)
        queue_layout.addLayout(button_row(self.mine, self.overdue,  # type: ignore[arg-type]
                                          export_button(ctx, self, self.view, "Kolejka spraw")))
        queue_layout.addWidget(self.view)
        lists_page = QWidget()
        lists_layout = QVBoxLayout(lists_page)
        self.new_list = push("Nowa lista wypłat…", object_name="newPayoutList",
                             slot=self.prepare_list)
        lists_layout.addLayout(button_row(self.new_list, export_button(ctx, self, self.list_view,
                                                                       "Listy wypłat")))
        lists_layout.addWidget(self.list_view)
        self.pages = QTabWidget()
        self.pages.setObjectName("benefitsPages")
        self.pages.addTab(queue_page, "Kolejka spraw")
        self.pages.addTab(lists_page, "Listy wypłat")
        # Issue 16: decisions waiting for delivery and finality (kpa art. 129, 130).
        self.pages.addTab(FinalityPanel(ctx, self), "Ostateczność decyzji")
        # Seed 001: the team's other tasks (interviews for other centres, DPS, courts…).
        self.pages.addTab(OtherTasksPanel(ctx, self), "Inne zadania")
        if ctx.actor.can(Permission.PAYOUT_PREPARE):  # issue 19: health and art. 42 ZUS
            self.pages.addTab(ContributionsPanel(ctx, self), "Składki ZUS")
        # Issue 19 item 2: the art. 54 uśoz decision on the right to health care.
        self.pages.addTab(HealthCarePanel(ctx, self), "Świadczenia zdrowotne")

        self.detail = QLabel("Wybierz sprawę z kolejki.")
        self.detail.setObjectName("caseDetail")
        self.detail.setWordWrap(True)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.take = push("Biorę tę sprawę", object_name="takeCase", slot=self.take_case)
        self.interview = push("Wywiad…", object_name="interview", slot=self.open_interview)
        self.new_decision = push("Projekt decyzji…", object_name="newDecision",
                                 slot=lambda: self.draft(DecisionKind.GRANTING))
        self.correct = push("Zmiana / uchylenie / wstrzymanie / wznowienie…",
                            object_name="correctDecision",
                            slot=lambda: self.draft(DecisionKind.CHANGING))
        self.repay = push("Zwrot nienależnie pobranych (art. 98)…", object_name="repayment",
                          slot=lambda: self.draft(DecisionKind.REPAYMENT))
        self.notice = push("Zawiadomienie o zwłoce (art. 36 kpa)…", object_name="notice",
                           slot=self.issue_notice)
        self.edit_decision = push("Edytuj projekt…", object_name="editDecision",
                                  slot=self.edit_draft)
        self.submit = push("Przekaż do zatwierdzenia", object_name="submitDecision",
                           slot=self.submit_draft)
        self.approve = push("Zatwierdź i wydaj decyzję", object_name="approveDecision",
                            slot=self.approve_decision)
        self.send_back = push("Zwróć do poprawy", object_name="returnDecision",
                              slot=self.return_draft)
        self.preview = push("Podgląd decyzji", object_name="previewDecision",
                            slot=self.preview_decision)
        # Signing and e-Doręczenia under one button: four actions of an issued decision.
        self.electronic = push("Podpis, e-Doręczenia ▾",
                               object_name="electronicDecision")
        menu = QMenu(self.electronic)
        self.sign = menu.addAction("Podpisz elektronicznie…", self.sign_decision)
        self.load_signed = menu.addAction("Wczytaj plik podpisany poza programem…",
                                          self.load_signed_decision)
        menu.addSeparator()
        self.e_send = menu.addAction("Paczka do wysłania przez e-Doręczenia…",
                                     self.e_delivery_package)
        self.e_proof = menu.addAction("Wczytaj dowód doręczenia (UPO)…",
                                      self.e_delivery_proof)
        self.electronic.setMenu(menu)
        self.refer = push("Skieruj do pracownika socjalnego…", object_name="referToSocial",
                          slot=self.refer_to_social_work)
        self.case_buttons = [self.take, self.interview, self.refer, self.new_decision,
                             self.correct, self.repay, self.notice]
        self.cite = push("Powołaj zaznaczone pismo w uzasadnieniu…", object_name="citeMessage",
                         slot=self.cite_message)
        self.decision_buttons = [self.edit_decision, self.cite, self.submit, self.approve,
                                 self.send_back, self.preview, self.electronic]
        self.check_list = push("Sprawdziłem listę", object_name="checkList",
                               slot=self.check_payout_list)
        self.approve_list = push("Zatwierdź listę", object_name="approveList",
                                 slot=self.approve_payout_list)
        self.print_list = push("Drukuj listę", object_name="printList", slot=self.print_payout_list)
        self.print_receipts = push("Drukuj dowody „Kasa wypłaci”", object_name="printReceipts",
                                   slot=self.print_kw)
        self.export = push("Plik dla banku (CSV)", object_name="exportTransfers",
                           slot=self.export_csv)
        self.paid = push("Rozliczono…", object_name="listPaid", slot=self.record_paid)
        self.list_buttons = [self.check_list, self.approve_list, self.print_list,
                             self.print_receipts, self.export, self.paid]

        # The case's particulars scroll; its actions stay put below them (issue 15).
        particulars = QWidget()
        right_layout = QVBoxLayout(particulars)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.detail)
        self.decisions_caption = QLabel("<b>Decyzje w sprawie</b>")
        right_layout.addWidget(self.decisions_caption)
        right_layout.addWidget(self.decision_view)
        # The social worker's informacje and opinie: evidence in this proceeding.
        self.evidence_caption = QLabel("<b>Pisma w sprawie (dowody, art. 75 § 1 kpa)</b>")
        self.evidence = EvidencePanel(ctx, self)
        right_layout.addWidget(self.evidence_caption)
        right_layout.addWidget(self.evidence)
        self.register_checks = RegisterChecksPanel(ctx, self)
        right_layout.addWidget(self.register_checks)
        right_layout.addStretch(1)
        self.case_panel = ActionPanel(self.case_buttons + self.decision_buttons,
                                      object_name="caseActions")
        self.list_panel = ActionPanel(self.list_buttons, object_name="listActions")
        right = QWidget()
        right_box = QVBoxLayout(right)
        right_box.addWidget(scrolling(particulars), 1)
        right_box.addWidget(self.case_panel)
        right_box.addWidget(self.list_panel)
        splitter = QSplitter()
        splitter.addWidget(self.pages)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        QVBoxLayout(self).addWidget(splitter)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self.update_detail())
        self.decision_view.selectionModel().selectionChanged.connect(
            lambda *_: self.update_buttons())
        self.list_view.selectionModel().selectionChanged.connect(lambda *_: self.update_detail())
        self.pages.currentChanged.connect(self._page_changed)
        # Enter or the right button on a row: the same actions as the panel's buttons.
        row_actions(self.view, lambda: self.case_buttons)
        row_actions(self.decision_view, lambda: self.decision_buttons)
        row_actions(self.list_view, lambda: self.list_buttons)
        ctx.listen(CASE_AREAS, self.refresh)
        self.refresh()

    # -- data

    def refresh(self) -> None:
        mine, overdue = self.mine.isChecked(), self.overdue.isChecked()
        selected, selected_list = selected_row(self.view), selected_row(self.list_view)
        rows = self.ctx.read(self, lambda s: queue.benefits_queue(
            s, actor=self.ctx.actor, mine_only=mine, overdue_only=overdue))
        self.model.set_rows(rows or [])
        # What was selected stays selected, with its fresh data (shown by the selection).
        shown = isinstance(selected, QueueRow) and reselect(
            self.view, lambda r: r.case_id == selected.case_id)
        if not self.refresh_lists(selected_list) and not shown:
            self.update_detail()

    def _page_changed(self, _index: int) -> None:
        if not self.refresh_lists():
            self.update_detail()

    def refresh_lists(self, selected: Any = None) -> bool:
        """The payout lists, read only while their page is shown: ten years of them need
        not be read each time the queue is. True when a list was selected again."""
        if self.pages.currentIndex() != 1 or not self.ctx.actor.can(Permission.PAYOUT_PREPARE):
            return False
        selected = selected or selected_row(self.list_view)
        self.lists.set_rows(self.ctx.read(self, lambda s: payouts.payout_lists(
            s, actor=self.ctx.actor)) or [])
        return isinstance(selected, PayoutListRow) and reselect(
            self.list_view, lambda r: r.id == selected.id)

    def current_case(self) -> QueueRow | None:
        row = selected_row(self.view)
        return row if isinstance(row, QueueRow) and self.pages.currentIndex() == 0 else None

    def current_decision(self) -> DecisionRow | None:
        row = selected_row(self.decision_view)
        return row if isinstance(row, DecisionRow) else None

    def current_list(self) -> PayoutListRow | None:
        row = selected_row(self.list_view)
        return row if isinstance(row, PayoutListRow) and self.pages.currentIndex() == 1 else None

    # -- the detail on the right

    def update_detail(self) -> None:
        row = self.current_case()
        plist = self.current_list()
        if plist is not None:
            self.decisions.set_rows([])
            self._show_list(plist)
        elif row is not None:
            # One unit of work (on a network drive, one opening of the file) for the three.
            found = self.ctx.read(self, lambda s: (
                decisions.decisions_of_case(s, row.case_id, actor=self.ctx.actor),
                interviews.interviews_of_case(s, row.case_id, actor=self.ctx.actor),
                payouts.payouts_of_person(s, row.person_id, actor=self.ctx.actor)))
            case_decisions, case_interviews, paid = found or ([], [], [])
            self.decisions.set_rows(case_decisions)
            self._show_case(row, case_interviews, paid)
        else:
            self.decisions.set_rows([])
            self.detail.setText({0: "Wybierz sprawę z kolejki.",
                                 1: "Wybierz listę wypłat."}.get(self.pages.currentIndex(), ""))
        self.update_buttons()

    def refer_to_social_work(self) -> None:
        case = self.current_case()
        if case is not None and ReferralDialog(self.ctx, case.case_id,
                                               f"{case.sign} — {case.person_name}",
                                               self).exec():
            self.evidence.refresh()  # the referral is one of the case's letters now

    def _show_case(self, row: QueueRow, case_interviews: list[interviews.InterviewRow],
                   paid: list[payouts.PayoutView]) -> None:
        self.evidence.show_case(row.case_id)
        self.register_checks.show_case(row.case_id, f"{row.sign} — {row.person_name}")
        today = clock.today()
        lines = [f"<h3>{row.sign} — {html_text(row.person_name)}</h3>",
                 f"<p>Stan: {label(row.status)}<br>Prowadzi: {row.assigned_to or '—'}"]
        for d in row.deadlines:
            qcolor = deadline_color(d, today)
            color = qcolor.name() if qcolor is not None else ""
            text = html_text(d.text(today))
            lines.append(f"<br>Termin: <span style='color:{color}'>{text}</span>" if color
                         else f"<br>Termin: {text}")
        if not row.deadlines:
            lines.append("<br>Termin: —")
        lines.append(f"</p><p>{html_text(row.subject)}</p>")
        for i in case_interviews:
            state = ("odmowa" if i.refused else "zakończony" if i.completed else "w toku")
            when = format_date(i.carried_out_on) if i.carried_out_on else "—"
            lines.append(f"<p>{label(i.kind).capitalize()}: {when} ({state})</p>")
        if paid:
            lines.append("<p><b>Wypłaty</b><br>" + "<br>".join(
                f"{p.period_text}: {format_money(p.amount)} — {label(p.status)}"
                f"{' (' + p.list_number + ')' if p.list_number else ''}"
                for p in paid[-12:]) + "</p>")  # the latest twelve
        self.detail.setText("".join(lines))

    def _show_list(self, row: PayoutListRow) -> None:
        approved = (f"<br>Zatwierdził(a): {row.approved_by}, {format_date(row.approved_on)}"
                    if row.approved_on else "")
        self.detail.setText(
            f"<h3>Lista wypłat nr {row.number}</h3><p>Data wypłaty: "
            f"{format_date(row.payout_date)}<br>Forma: {label(row.method)}<br>Stan: "
            f"{label(row.status)}<br>Sporządził(a): {row.prepared_by}{approved}</p>"
            f"<p>Pozycji: {row.count}<br>Razem: <b>{format_money(row.total)}</b><br>słownie: "
            f"{amount_in_words(row.total)}</p>")

    def update_buttons(self) -> None:
        case, decision, plist = self.current_case(), self.current_decision(), \
            self.current_list()
        works = self.ctx.actor.can(Permission.CASE_WORK)
        signs = self.ctx.actor.can(Permission.DECISION_APPROVE)
        page = self.pages.currentIndex()
        # Who may act decides what is shown; the row's state only what is enabled.
        self.case_panel.setVisible(page == 0)
        self.list_panel.setVisible(page == 1)
        for button in self.case_buttons + [self.edit_decision, self.cite, self.submit]:
            button.setVisible(works)
            button.setEnabled(case is not None)
        for button in (self.approve, self.send_back):
            button.setVisible(signs)
        if case is not None:
            self.take.setEnabled(case.assigned_to_id != self.ctx.actor.id)
            self.notice.setEnabled(case.notice_due)
        # What may be done with the decision, as the service allows it.
        allowed = decision.actions if decision else frozenset()
        self.edit_decision.setEnabled(Action.EDIT in allowed)
        self.cite.setEnabled(Action.EDIT in allowed)
        self.submit.setEnabled(Action.SUBMIT in allowed)
        self.approve.setEnabled(Action.APPROVE in allowed)
        self.send_back.setEnabled(Action.RETURN in allowed)
        self.preview.setEnabled(Action.PRINT in allowed)
        issued = decision is not None and decision.status is DecisionStatus.ISSUED
        self.sign.setVisible(signs)
        self.sign.setEnabled(issued)
        self.load_signed.setVisible(works or signs)
        self.load_signed.setEnabled(issued and Action.PRINT in allowed)
        for button in (self.e_send, self.e_proof, self.electronic):
            button.setVisible(works or signs)
            button.setEnabled(issued and Action.PRINT in allowed)
        self.decision_view.setVisible(case is not None)
        self.decisions_caption.setVisible(case is not None)
        self.evidence.setVisible(case is not None)
        self.evidence_caption.setVisible(case is not None)
        self.register_checks.setVisible(case is not None)
        head = self.ctx.actor.can(Permission.PAYOUT_APPROVE)
        self.approve_list.setVisible(head)
        self.approve_list.setEnabled(plist is not None
                                     and plist.status is PayoutListStatus.PREPARED)
        self.check_list.setVisible(self.ctx.actor.can(Permission.PAYOUT_PREPARE))
        self.check_list.setEnabled(plist is not None
                                   and plist.status is PayoutListStatus.PREPARED)
        self.print_list.setEnabled(plist is not None)
        self.print_receipts.setEnabled(plist is not None and plist.method is PayoutMethod.CASH
                                       and plist.status is not PayoutListStatus.PREPARED)
        self.export.setEnabled(plist is not None and plist.method is PayoutMethod.TRANSFER
                               and plist.status is not PayoutListStatus.PREPARED)
        self.paid.setEnabled(plist is not None and plist.status is PayoutListStatus.APPROVED)
        self.new_list.setVisible(self.ctx.actor.can(Permission.PAYOUT_PREPARE))

    # -- case actions

    def take_case(self) -> None:
        row = self.current_case()
        if row is not None:
            self.ctx.write(self, lambda s: queue.take_case(s, row.case_id, actor=self.ctx.actor,
                                                           expected_version=row.version),
                           changed=Changes.CASES)

    def open_interview(self) -> InterviewDialog | None:
        row = self.current_case()
        if row is None:
            return None
        ok, iid = self.ctx.write(self, lambda s: interviews.start_interview(
            s, row.case_id, actor=self.ctx.actor), changed=Changes.CASES)
        if not ok or iid is None:
            return None
        # start_interview returns an open interview (or a new one), never a completed one.
        dialog = InterviewDialog(self.ctx, iid, self)
        dialog.exec()
        return dialog

    def draft(self, kind: DecisionKind) -> None:
        row = self.current_case()
        if row is None:
            return
        info = self.ctx.read(self, lambda s: queue.case_info(s, row.case_id,
                                                             actor=self.ctx.actor))
        benefit = info.benefit_kind if info and info.benefit_kind else \
            BenefitKind.ZASILEK_OKRESOWY
        corrects, grants = None, None
        if kind is not DecisionKind.GRANTING:
            grants = self.ctx.read(self, lambda s: decisions.grants_of_person(
                s, row.person_id, actor=self.ctx.actor)) or []
            if not grants:
                QMessageBox.information(self, "opsdesk", "Ta osoba nie ma wydanej decyzji "
                                        "przyznającej, której mogłaby dotyczyć ta decyzja.")
                return
            corrects, benefit = grants[0].decision_id, grants[0].benefit_kind
        DecisionDialog(self.ctx, row.case_id, kind=kind, benefit=benefit, corrects=corrects,
                       info=info, grants=grants, parent=self).exec()

    def issue_notice(self) -> None:
        row = self.current_case()
        if row is not None:
            NoticeDialog(self.ctx, row, self).exec()

    # -- decision actions

    def edit_draft(self) -> None:
        case, decision = self.current_case(), self.current_decision()
        if case is not None and decision is not None:
            DecisionDialog(self.ctx, case.case_id, kind=decision.kind,
                           benefit=decision.benefit_kind, decision_id=decision.id,
                           parent=self).exec()

    def cite_message(self) -> None:
        """"Uwzględniono w decyzji": mark the social worker's message and open the draft with
        the citation added to its justification."""
        case, decision = self.current_case(), self.current_decision()
        message = self.evidence.list.current()
        if case is None or decision is None:
            return
        if message is None:
            show_error(self, UserFacingError("Zaznacz pismo na liście „Pisma w sprawie”."))
            return
        ok, citation = self.ctx.write(self, lambda s: messages.cite_in_decision(
            s, message.id, decision.id, actor=self.ctx.actor), changed=Changes.MESSAGES)
        if not ok or not citation:
            return
        dialog = DecisionDialog(self.ctx, case.case_id, kind=decision.kind,
                                benefit=decision.benefit_kind, decision_id=decision.id,
                                parent=self)
        box = dialog.field("justification")
        box.setPlainText((box.toPlainText().rstrip() + "\n\n" + citation).strip())
        dialog.exec()
        self.evidence.refresh()

    def submit_draft(self) -> None:
        decision = self.current_decision()
        if decision is not None:
            self.ctx.write(self, lambda s: decisions.submit_draft(
                s, decision.id, actor=self.ctx.actor, expected_version=decision.version),
                changed=Changes.DECISIONS)

    def approve_decision(self) -> None:
        decision, case = self.current_decision(), self.current_case()
        if decision is None or case is None:
            return
        if not confirm(self, issue_question(decision, case.person_name), yes_default=True):
            return
        ok, issued = self.ctx.write(self, lambda s: decisions.approve_and_issue(
            s, decision.id, actor=self.ctx.actor, expected_version=decision.version),
            changed=Changes.DECISIONS)
        # "decisions" alone: every screen that reloads on "handovers" or "payouts" (first
        # contact, this tab) reloads on "decisions" too.
        if ok and issued is not None:
            QMessageBox.information(self, "opsdesk", f"Wydano decyzję nr {issued.number}. "
                                    "Czeka na stanowisku pierwszego kontaktu („Do odbioru”).")

    def return_draft(self) -> None:
        decision = self.current_decision()
        if decision is not None:
            self.ctx.write(self, lambda s: decisions.return_draft(
                s, decision.id, actor=self.ctx.actor, expected_version=decision.version),
                changed=Changes.DECISIONS)

    def preview_decision(self) -> None:
        decision = self.current_decision()
        if decision is None:
            return
        self.ctx.show_document(self, f"decyzja-{decision.number or 'projekt'}",
                               lambda s: decisions.decision_pdf(s, decision.id,
                                                                actor=self.ctx.actor))

    # Signing and e-Doręczenia import pyHanko (~0.7 s): only when a worker uses them, not
    # while the window opens.

    def sign_decision(self) -> None:
        from opsdesk.ui.signing_dialog import SignDialog

        decision = self.current_decision()
        if decision is not None:
            SignDialog(self.ctx, decision.id, decision.number, self).exec()

    def load_signed_decision(self) -> None:
        from opsdesk.ui.signing_dialog import import_signed_file

        decision = self.current_decision()
        if decision is not None:
            import_signed_file(self.ctx, self, decision.id)

    def e_delivery_package(self) -> None:
        from opsdesk.ui.e_delivery_actions import export_package

        decision = self.current_decision()
        if decision is not None:
            export_package(self.ctx, self, decision.id)

    def e_delivery_proof(self) -> None:
        from opsdesk.ui.e_delivery_actions import import_proof

        import_proof(self.ctx, self)

    # -- payout list actions

    def prepare_list(self) -> None:
        dialog = NewListDialog(self.ctx, self)
        if dialog.exec() and dialog.result_value is not None:
            self.pages.setCurrentIndex(1)
            reselect(self.list_view, lambda r: r.id == dialog.result_value)

    def approve_payout_list(self) -> None:
        plist = self.current_list()
        if plist is None:
            return
        if not confirm(self, f"Zatwierdzić listę wypłat nr {plist.number} na "
                       f"{format_date(plist.payout_date)}: {plist.count} poz., razem "
                       f"{format_money(plist.total)}?", yes_default=True):
            return
        ok, receipts = self.ctx.write(self, lambda s: payouts.approve_payout_list(
            s, plist.id, actor=self.ctx.actor, expected_version=plist.version),
            changed=Changes.PAYOUTS)  # first contact reloads its "Do odbioru" on "payouts" too
        if ok:
            if receipts:
                QMessageBox.information(self, "opsdesk", f"Zatwierdzono listę {plist.number}. "
                                        f"Dowody „Kasa wypłaci” ({len(receipts)}) czekają na "
                                        "stanowisku pierwszego kontaktu.")

    def check_payout_list(self) -> None:
        """"Sprawdził": a second worker's check before the head approves."""
        plist = self.current_list()
        if plist is not None:
            self.ctx.write(self, lambda s: payouts.check_payout_list(
                s, plist.id, actor=self.ctx.actor, expected_version=plist.version),
                changed=Changes.PAYOUTS)

    def print_payout_list(self) -> None:
        plist = self.current_list()
        if plist is None:
            return
        self.ctx.show_document_in_background(
            self, self.print_list, f"lista-wyplat-{plist.number}",
            lambda s: payouts.payout_list_pdf(s, plist.id, actor=self.ctx.actor),
            waiting="Przygotowuję listę…")

    def print_kw(self) -> None:
        plist = self.current_list()
        if plist is None:
            return
        # One document, a sheet a receipt.
        self.ctx.show_document_in_background(
            self, self.print_receipts, f"kasa-wyplaci-{plist.number}",
            lambda s: payouts.receipts_of_list_pdf(s, plist.id, actor=self.ctx.actor),
            waiting="Przygotowuję dowody…")

    def export_csv(self) -> None:
        plist = self.current_list()
        if plist is None:
            return
        data = self.ctx.read(self, lambda s: payouts.transfer_csv(s, plist.id,
                                                                  actor=self.ctx.actor))
        if data is None:
            return
        path = save_file(self, self.ctx.settings.export_folder(), f"przelewy-{plist.number}",
                         data, suffix="csv", what="pliku dla banku")
        if path is not None:
            QMessageBox.information(self, "opsdesk", f"Zapisano plik dla banku:\n{path}")

    def record_paid(self) -> None:
        plist = self.current_list()
        if plist is not None:
            PaidDialog(self.ctx, plist, self).exec()
