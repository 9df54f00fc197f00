"""Aneks do kontraktu socjalnego: a change of a contract in force agreed by both parties,
kept as an annex of its own (numbered within the contract) so the contract as signed stays
readable beside what was changed later."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from opsdesk import clock
from opsdesk.errors import ValidationError
from opsdesk.formatting import format_date
from opsdesk.models import ContractAction, ContractAnnex
from opsdesk.models.enums import ContractStatus
from opsdesk.services import validation as check
from opsdesk.services.permissions import Permission
from opsdesk.services.security import Actor, operation
from opsdesk.services.socialwork.caseload import TEXT_MAX
from opsdesk.services.socialwork.contracts import _contract, _review_dates, parse_actions


@dataclass(frozen=True)
class AnnexForm:
    contract_id: int
    changes: str  # what the parties agreed to change
    new_period_to: date | None = None  # the contract prolonged or shortened
    actions: str = ""  # new actions, one a line: "działanie; kto; dd.mm.rrrr"
    made_on: date | None = None  # today when not given


@operation(Permission.SOCIAL_WORK_WRITE)
def annex_contract(session: Session, form: AnnexForm, *, actor: Actor,
                   today: date | None = None, expected_version: int | None = None) -> int:
    """Aneks nr N to a contract in force: its text, optionally a new end and new actions
    (dated within the period as it stands after the annex)."""
    today = today or clock.today()
    contract = _contract(session, form.contract_id, expected_version)
    if contract.status is not ContractStatus.ACTIVE:
        raise ValidationError(f"Kontrakt nr {contract.number} jest już zakończony — aneks "
                              "zawiera się tylko do kontraktu obowiązującego.", field="status")
    made = form.made_on or today
    check.past_date(made, field="made_on", label="Data aneksu", today=today)
    if not contract.concluded_on <= made <= contract.period_to:
        raise ValidationError(f"Aneks można zawrzeć w okresie obowiązywania kontraktu "
                              f"({format_date(contract.concluded_on)} r. – "
                              f"{format_date(contract.period_to)} r.).", field="made_on")
    changes = check.text(form.changes, field="changes", label="Treść zmian (aneksu)",
                         max_len=TEXT_MAX)
    old_end, end = contract.period_to, form.new_period_to or contract.period_to
    if form.new_period_to is not None:
        if end == old_end:
            raise ValidationError("Nowy termin obowiązywania jest taki sam jak dotychczasowy — "
                                  "zostaw pole puste albo podaj inny.", field="new_period_to")
        if end < max(made, contract.period_from):
            raise ValidationError(f"Nowy koniec kontraktu ({format_date(end)} r.) nie może być "
                                  "wcześniejszy niż aneks ani początek kontraktu.",
                                  field="new_period_to")
        later = [d for d in (*(a.due_on for a in contract.actions), *_review_dates(contract))
                 if d > end]
        if later:
            raise ValidationError(f"Kontrakt ma działania lub terminy oceny po "
                                  f"{format_date(end)} r. (np. {format_date(min(later))} r.) — "
                                  "nie można go skrócić przed nimi.", field="new_period_to")
    steps = parse_actions(form.actions, made, end) if form.actions.strip() else []
    number = (session.scalar(select(func.max(ContractAnnex.number)).where(
        ContractAnnex.contract_id == contract.id)) or 0) + 1
    annex = ContractAnnex(contract_id=contract.id, number=number, made_on=made,
                          changes=changes, new_period_to=form.new_period_to,
                          old_period_to=old_end)
    session.add(annex)
    session.flush()
    position = max((a.position for a in contract.actions), default=0)
    for i, (what, who, due) in enumerate(steps, start=1):
        contract.actions.append(ContractAction(position=position + i, what=what, who=who,
                                               due_on=due, annex_id=annex.id))
    contract.period_to = end
    session.flush()
    return annex.id
