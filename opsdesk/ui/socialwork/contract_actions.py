"""The kontrakt socjalny of the selected client: concluding it, its reviews and annexes, its
end, reporting a broken one to Świadczenia (art. 11 ust. 2 ups) and its PDF."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from opsdesk.errors import ValidationError
from opsdesk.formatting import format_date, parse_date
from opsdesk.labels import label
from opsdesk.services import socialwork
from opsdesk.services.socialwork import ENDINGS, AnnexForm, ContractForm
from opsdesk.services.socialwork.contracts import ACTION_FORMAT
from opsdesk.ui.action_dialog import ActionDialog
from opsdesk.ui.errors import confirm
from opsdesk.ui.socialwork.actions import TabActions
from opsdesk.ui.widgets import date_edit, enum_combo, line, text_box


class ContractActions(TabActions):
    """The buttons of the Kontrakt socjalny section: the client's newest contract."""

    def conclude(self) -> None:
        row = self.tab.current()
        if row is None:
            return

        def action(d: ActionDialog) -> Callable[[Session], Any]:
            form = ContractForm(
                social_work_id=row.id, period_from=d.value("period_from"),
                period_to=d.value("period_to"), goals=d.value("goals"),
                client_commitments=d.value("client_commitments"),
                worker_commitments=d.value("worker_commitments"),
                review_dates=d.dates("review_dates"), situation=d.value("situation"),
                actions=d.value("actions"))
            return lambda s: socialwork.conclude_contract(s, form, actor=self.ctx.actor)

        self.dialog(f"Kontrakt socjalny — {row.person_name}", [
            ("period_from", "Obowiązuje od", date_edit(object_name="period_from")),
            ("period_to", "do", date_edit(object_name="period_to")),
            ("situation", "I. Ocena sytuacji: problemy, zasoby, ograniczenia",
             text_box(object_name="situation")),
            ("goals", "II. Cele (pierwszy — cel główny; jeden w wierszu)", text_box()),
            ("actions", f"III. Działania (w wierszu: {ACTION_FORMAT})",
             text_box(object_name="actions")),
            ("client_commitments", "Zobowiązania klienta (jedno w wierszu)", text_box()),
            ("worker_commitments", "Zobowiązania pracownika (jedno w wierszu)", text_box()),
            ("review_dates", "Terminy oceny (dd.mm.rrrr, po przecinku)",
             line(object_name="review_dates"))], action)

    def review(self) -> None:
        contract = self.tab.current_contract()
        if contract is not None:
            self.dialog(f"Ocena realizacji kontraktu nr {contract.number}", [
                ("evaluation", "Ocena", text_box()), ("on", "Data oceny", date_edit())],
                lambda d: lambda s: socialwork.review_contract(
                    s, contract.id, d.value("evaluation"), actor=self.ctx.actor,
                    on=d.value("on"), expected_version=contract.version))

    def annex(self) -> None:
        contract = self.tab.current_contract()
        if contract is None:
            return

        def action(d: ActionDialog) -> Callable[[Session], Any]:
            new_end = d.value("new_period_to").strip()
            try:
                end = parse_date(new_end) if new_end else None
            except ValueError as exc:
                raise ValidationError(str(exc), field="new_period_to") from None
            form = AnnexForm(contract_id=contract.id, changes=d.value("changes"),
                             new_period_to=end, actions=d.value("actions"),
                             made_on=d.value("made_on"))
            return lambda s: socialwork.annex_contract(s, form, actor=self.ctx.actor,
                                                       expected_version=contract.version)

        self.dialog(f"Aneks do kontraktu nr {contract.number}", [
            ("changes", "Co się zmienia", text_box(object_name="annexChanges")),
            ("new_period_to", "Nowy koniec kontraktu (dd.mm.rrrr, puste — bez zmiany)",
             line(object_name="new_period_to")),
            ("actions", f"Nowe działania (w wierszu: {ACTION_FORMAT}; nieobowiązkowe)",
             text_box(object_name="annexActions")),
            ("made_on", "Data aneksu", date_edit(object_name="made_on"))], action)

    def end(self) -> None:
        row, contract = self.tab.current(), self.tab.current_contract()
        if row is None or contract is None:
            return

        def action(d: ActionDialog) -> Callable[[Session], Any] | None:
            ending, on = d.value("status"), d.value("ended_on")
            if not confirm(d, f"Zakończyć kontrakt socjalny nr {contract.number} z klientem: "
                              f"{row.person_name} ({label(ending)}), z dniem {format_date(on)}?"):
                return None
            return lambda s: socialwork.end_contract(
                s, contract.id, ending, d.value("evaluation"), actor=self.ctx.actor,
                ended_on=on, expected_version=contract.version)

        self.dialog(f"Zakończenie kontraktu nr {contract.number}", [
            ("status", "Jak się zakończył", enum_combo(list(ENDINGS))),
            ("evaluation", "Ocena końcowa", text_box()),
            ("ended_on", "Data zakończenia", date_edit())], action)

    def report(self) -> None:
        contract = self.tab.current_contract()
        if contract is not None:
            self.dialog(f"Niedotrzymanie kontraktu nr {contract.number} — informacja dla "
                        "Świadczeń (art. 11 ust. 2 ups)",
                        [("facts", "Na czym polegało niedotrzymanie", text_box())],
                        lambda d: lambda s: socialwork.report_broken_contract(
                            s, contract.id, d.value("facts"), actor=self.ctx.actor))

    def show(self) -> None:
        contract = self.tab.current_contract()
        if contract is None:
            return
        self.ctx.show_document(self.tab, f"kontrakt_{contract.number}",
                               lambda s: socialwork.contract_pdf(s, contract.id,
                                                                 actor=self.ctx.actor))
