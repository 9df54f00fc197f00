"""Świadczenia: the queue of benefit cases and the proceeding of the selected one — the
family interview, decision drafts, approval and issue, corrections, the art. 36 notice —
and the payout lists with their "Kasa wypłaci" receipts and the file for the bank.

Thin: every rule is in the services; a form shows a service's Polish message at its field
and keeps what was typed."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QLabel,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from opsdesk import clock
from opsdesk.changes import Changes
from opsdesk.errors import UserFacingError
from opsdesk.formatting import format_money
from opsdesk.labels import label
from opsdesk.models.enums import (
    BenefitKind,
    DecisionKind,
)
from opsdesk.services import decisions, interviews, messages, payouts, queue
from opsdesk.services.actions import Action
from opsdesk.services.decisions import (
    DecisionRow,
)
from opsdesk.services.permissions import Permission
from opsdesk.services.queue import QueueRow
from opsdesk.ui.benefits.case_detail import DECISION_COLUMNS, case_html, deadline_text
from opsdesk.ui.benefits.debts_panel import DebtsPanel
from opsdesk.ui.benefits.decision_dialog import DecisionDialog, NoticeDialog
from opsdesk.ui.benefits.electronic import ElectronicActions
from opsdesk.ui.benefits.interview import InterviewDialog
from opsdesk.ui.benefits.payout_lists import PayoutListsPage
from opsdesk.ui.context import AppContext
from opsdesk.ui.contributions_panel import ContributionsPanel
from opsdesk.ui.errors import confirm, show_error
from opsdesk.ui.export import export_button
from opsdesk.ui.finality_panel import FinalityPanel
from opsdesk.ui.health_care_panel import HealthCarePanel
from opsdesk.ui.inbox import EvidencePanel, ReferralDialog
from opsdesk.ui.other_tasks_panel import OtherTasksPanel
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
from opsdesk.ui.templates_panel import TemplatesPanel
from opsdesk.ui.widgets import (
    ActionPanel,
    button_row,
    checkbox,
    push,
    scrolling,
)

# What the queue shows: a message (an opinion, a referral) answers a case too.
CASE_AREAS = (Changes.CASES | Changes.INTAKES | Changes.DECISIONS | Changes.INTERVIEWS
              | Changes.PAYOUTS | Changes.MESSAGES)


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
        self.decisions: RowsModel[DecisionRow] = RowsModel(DECISION_COLUMNS, self)
        self.decision_view = make_table(self.decisions, object_name="caseDecisions")
        self.decision_view.setMaximumHeight(150)

        queue_page = QWidget()
        queue_layout = QVBoxLayout(queue_page)
        queue_layout.addLayout(button_row(self.mine, self.overdue,  # type: ignore[arg-type]
                                          export_button(ctx, self, self.view, "Kolejka spraw")))
        queue_layout.addWidget(self.view)
        self.pages = QTabWidget()
        self.pages.setObjectName("benefitsPages")
        self.payout_lists = PayoutListsPage(
            ctx, lambda: self.pages.currentWidget() is self.payout_lists, self)
        self.pages.addTab(queue_page, "Kolejka spraw")
        self.pages.addTab(self.payout_lists, "Listy wypłat")
        # Issue 16: decisions waiting for delivery and finality (kpa art. 129, 130).
        self.pages.addTab(FinalityPanel(ctx, self), "Ostateczność decyzji")
        # Seed 001: the team's other tasks (interviews for other centres, DPS, courts…).
        self.pages.addTab(OtherTasksPanel(ctx, self), "Inne zadania")
        if ctx.actor.can(Permission.PAYOUT_PREPARE):  # issue 19: health and art. 42 ZUS
            self.pages.addTab(ContributionsPanel(ctx, self), "Składki ZUS")
        # Issue 19 item 3: debts of repayment decisions, their requests and payments.
        self.pages.addTab(DebtsPanel(ctx, self), "Należności")
        # Issue 19 item 2: the art. 54 uśoz decision on the right to health care.
        self.pages.addTab(HealthCarePanel(ctx, self), "Świadczenia zdrowotne")
        # Issue 20: a worker authorised to sign decisions approves the head's texts.
        if ctx.actor.can(Permission.DECISION_APPROVE) and \
                not ctx.actor.can(Permission.OFFICE_SETTINGS):
            self.pages.addTab(TemplatesPanel(ctx, self), "Teksty pism")

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
        self.electronic = ElectronicActions(ctx, self, self.current_decision)
        self.refer = push("Skieruj do pracownika socjalnego…", object_name="referToSocial",
                          slot=self.refer_to_social_work)
        self.case_buttons = [self.take, self.interview, self.refer, self.new_decision,
                             self.correct, self.repay, self.notice]
        self.cite = push("Powołaj zaznaczone pismo w uzasadnieniu…", object_name="citeMessage",
                         slot=self.cite_message)
        self.decision_buttons = [self.edit_decision, self.cite, self.submit, self.approve,
                                 self.send_back, self.preview, self.electronic.button]

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
        right = QWidget()
        right_box = QVBoxLayout(right)
        right_box.addWidget(scrolling(particulars), 1)
        right_box.addWidget(self.case_panel)
        right_box.addWidget(self.payout_lists.panel)
        splitter = QSplitter()
        splitter.addWidget(self.pages)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        QVBoxLayout(self).addWidget(splitter)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self.update_detail())
        self.decision_view.selectionModel().selectionChanged.connect(
            lambda *_: self.update_buttons())
        self.payout_lists.list_view.selectionModel().selectionChanged.connect(
            lambda *_: self.update_detail())
        self.pages.currentChanged.connect(self._page_changed)
        # Enter or the right button on a row: the same actions as the panel's buttons.
        row_actions(self.view, lambda: self.case_buttons)
        row_actions(self.decision_view, lambda: self.decision_buttons)
        ctx.listen(CASE_AREAS, self.refresh)
        self.refresh()

    # -- data

    def refresh(self) -> None:
        mine, overdue = self.mine.isChecked(), self.overdue.isChecked()
        selected = selected_row(self.view)
        selected_list = selected_row(self.payout_lists.list_view)
        rows = self.ctx.read(self, lambda s: queue.benefits_queue(
            s, actor=self.ctx.actor, mine_only=mine, overdue_only=overdue))
        self.model.set_rows(rows or [])
        # What was selected stays selected, with its fresh data (shown by the selection).
        shown = isinstance(selected, QueueRow) and reselect(
            self.view, lambda r: r.case_id == selected.case_id)
        if not self.payout_lists.refresh(selected_list) and not shown:
            self.update_detail()

    def _page_changed(self, _index: int) -> None:
        if not self.payout_lists.refresh():
            self.update_detail()

    def current_case(self) -> QueueRow | None:
        row = selected_row(self.view)
        return row if isinstance(row, QueueRow) and self.pages.currentIndex() == 0 else None

    def current_decision(self) -> DecisionRow | None:
        row = selected_row(self.decision_view)
        return row if isinstance(row, DecisionRow) else None

    # -- the detail on the right

    def update_detail(self) -> None:
        row = self.current_case()
        plist = self.payout_lists.current()
        if plist is not None:
            self.decisions.set_rows([])
            self.detail.setText(self.payout_lists.describe(plist))
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
        self.detail.setText(case_html(row, case_interviews, paid, clock.today()))

    def update_buttons(self) -> None:
        case, decision = self.current_case(), self.current_decision()
        works = self.ctx.actor.can(Permission.CASE_WORK)
        signs = self.ctx.actor.can(Permission.DECISION_APPROVE)
        page = self.pages.currentIndex()
        # Who may act decides what is shown; the row's state only what is enabled.
        self.case_panel.setVisible(page == 0)
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
        self.electronic.update(decision, works=works, signs=signs)
        self.decision_view.setVisible(case is not None)
        self.decisions_caption.setVisible(case is not None)
        self.evidence.setVisible(case is not None)
        self.evidence_caption.setVisible(case is not None)
        self.register_checks.setVisible(case is not None)
        self.payout_lists.update_buttons()

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
