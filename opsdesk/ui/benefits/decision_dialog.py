"""The decision draft, pre-filled from the law and the interview, and the art. 36 kpa
notice of a late case."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QSpinBox,
    QWidget,
)

from opsdesk import clock
from opsdesk.changes import Changes
from opsdesk.formatting import format_date, format_money
from opsdesk.labels import label
from opsdesk.models.enums import (
    BenefitKind,
    DecisionKind,
    PayoutMethod,
)
from opsdesk.services import decisions, payouts, queue
from opsdesk.services.decisions import (
    BENEFITS,
    REFUSAL_GROUNDS,
    DecisionForm,
    Payment,
)
from opsdesk.services.decisions.debt_rulings import DEBT_KINDS
from opsdesk.services.queue import QueueRow
from opsdesk.ui.benefits.amounts import typed_amount
from opsdesk.ui.context import AppContext
from opsdesk.ui.widgets import (
    FormDialog,
    amount_error,
    checkbox,
    date_edit,
    enum_combo,
    html_text,
    line,
    push,
    text_box,
    to_date,
)


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
        # Decisions on a debt's requests are drafted from the request (services/debts).
        kinds = [k for k in DecisionKind if k not in DEBT_KINDS]
        self.add("kind", "Rodzaj decyzji", enum_combo(kinds, object_name="kind"))
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
        self.field("amount").setText(typed_amount(f.amount))
        self.field("requested_amount").setText(typed_amount(f.requested_amount))
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
                self.field("amount").setText(typed_amount(d.rule.computed))
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
