"""The client's own process in social work: taking and assigning a client, the first meeting
(or that they did not come), notes, the work plan and its stages, a letter to Świadczenia,
a refusal to cooperate, closing the work — and a client of the worker's own initiative."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from opsdesk.formatting import format_date
from opsdesk.labels import label
from opsdesk.models.enums import Role, SocialWorkMethod
from opsdesk.services import socialwork, users
from opsdesk.services.socialwork import PlanForm
from opsdesk.ui.action_dialog import ActionDialog
from opsdesk.ui.errors import confirm
from opsdesk.ui.inbox import MessageDialog
from opsdesk.ui.person_dialog import choose_person
from opsdesk.ui.socialwork.actions import TabActions, combo
from opsdesk.ui.widgets import date_edit, enum_combo, line, text_box


class ClientActions(TabActions):
    """The buttons under the client: each for the client selected in the caseload."""

    def own_client(self) -> None:
        person = choose_person(self.ctx, self.tab)
        if person is not None:
            self.write(lambda s: socialwork.open_own_case(s, person.id, actor=self.ctx.actor))

    def accept_client(self) -> None:
        row = self.tab.current()
        if row is not None:
            self.write(lambda s: socialwork.accept(s, row.id, actor=self.ctx.actor,
                                                   expected_version=row.version))

    def assign_client(self) -> None:
        row = self.tab.current()
        if row is None:
            return
        workers = self.ctx.read(self.tab,
                                lambda s: users.list_workers(s, role=Role.SOCIAL_WORK))
        self.dialog(f"Przydział klienta — {row.person_name}",
                    [("worker", "Pracownik socjalny",
                      combo([(w.full_name, w.id) for w in workers or []]))],
                    lambda d: lambda s: socialwork.assign(
                        s, row.id, d.value("worker"), actor=self.ctx.actor,
                        expected_version=row.version))

    def first_meeting(self) -> None:
        row = self.tab.current()
        if row is not None:
            self.dialog(f"Pierwsze spotkanie — {row.person_name}",
                        [("met_on", "Data spotkania", date_edit(object_name="met_on"))],
                        lambda d: lambda s: socialwork.record_first_meeting(
                            s, row.id, actor=self.ctx.actor, met_on=d.value("met_on")))

    def not_came(self) -> None:
        row = self.tab.current()
        if row is not None and confirm(self.tab, f"Odnotować, że {row.person_name} nie "
                                                 "zgłosił(a) się w terminie? Świadczenia "
                                                 "dostaną informację."):
            self.write(lambda s: socialwork.record_not_came(s, row.id, actor=self.ctx.actor,
                                                            expected_version=row.version))

    def add_note(self) -> None:
        row = self.tab.current()
        if row is not None:
            self.dialog(f"Notatka ({label(row.stage)}) — {row.person_name}",
                        [("text", "Treść", text_box(object_name="noteText")),
                         ("written_on", "Data", date_edit())],
                        lambda d: lambda s: socialwork.add_note(
                            s, row.id, d.value("text"), actor=self.ctx.actor,
                            written_on=d.value("written_on")))

    def save_plan(self) -> None:
        row, d0 = self.tab.current(), self.tab.detail_data
        if row is None or d0 is None:
            return
        method = enum_combo(list(SocialWorkMethod))
        method.set_value(d0.method)
        self.dialog(f"Plan pracy — {row.person_name}", [
            ("method", "Metoda", method),
            ("tools", "Narzędzia", line(d0.tools, max_len=300)),
            ("goals", "Cele uzgodnione z klientem (jeden w wierszu)", text_box(d0.goals)),
            ("goals_agreed_on", "Data uzgodnienia celów", date_edit(d0.goals_agreed_on)),
            ("evaluation_due", "Termin oceny planu", date_edit(d0.evaluation_due))],
            lambda d: lambda s: socialwork.save_plan(s, row.id, PlanForm(
                method=d.value("method"), tools=d.value("tools"), goals=d.value("goals"),
                goals_agreed_on=d.value("goals_agreed_on"),
                evaluation_due=d.value("evaluation_due")), actor=self.ctx.actor,
                expected_version=row.version))

    def next_stage(self) -> None:
        row = self.tab.current()
        if row is not None:
            self.dialog(f"{self.tab.stage_button.text()} — {row.person_name}",
                        [("on", "Od dnia", date_edit())],
                        lambda d: lambda s: socialwork.advance_stage(
                            s, row.id, actor=self.ctx.actor, on=d.value("on"),
                            expected_version=row.version))

    def write_letter(self) -> None:
        row = self.tab.current()
        if row is None:
            return
        dialog = MessageDialog(self.ctx, person_id=row.person_id, person_name=row.person_name,
                               social_work_id=row.id, case_id=row.case_id, parent=self.tab)
        if dialog.exec():
            self.tab.sections.setCurrentWidget(self.tab.letters)

    def refusal(self) -> None:
        row = self.tab.current()
        if row is not None:
            self.dialog(f"Odmowa współpracy — {row.person_name}", [
                ("facts", "Okoliczności odmowy", text_box()),
                ("client_statement", "Stanowisko klienta", text_box())],
                lambda d: lambda s: socialwork.record_refusal(
                    s, row.id, actor=self.ctx.actor, facts=d.value("facts"),
                    client_statement=d.value("client_statement"),
                    expected_version=row.version))

    def close_work(self) -> None:
        row = self.tab.current()
        if row is None:
            return

        def action(d: ActionDialog) -> Callable[[Session], Any] | None:
            on = d.value("closed_on")
            if not confirm(d, f"Zakończyć pracę socjalną z klientem: {row.person_name}, z dniem "
                              f"{format_date(on)}? Nowych notatek ani etapów już nie będzie."):
                return None
            return lambda s: socialwork.close_work(s, row.id, d.value("outcome"),
                                                   actor=self.ctx.actor, on=on,
                                                   expected_version=row.version)

        self.dialog(f"Zakończenie pracy socjalnej — {row.person_name}", [
            ("outcome", "Efekt pracy socjalnej", text_box()),
            ("closed_on", "Data zakończenia", date_edit())], action)
