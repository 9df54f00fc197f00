"""The guard: an issued decision is final, whatever the caller."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from opsdesk.models import Decision
from opsdesk.models.enums import DecisionStatus
from opsdesk.services.errors import ValidationError

_CHANGEABLE_AFTER_ISSUE = frozenset({"delivered_on", "version"})


@event.listens_for(Session, "before_flush")
def _issued_decisions_are_final(session: Session, _ctx: Any, _instances: Any) -> None:
    """Whatever the caller, an issued decision's content never changes; only its delivery
    date is recorded later (at the desk's hand-over)."""
    for obj in session.dirty | session.deleted:
        if not isinstance(obj, Decision):
            continue
        state = inspect(obj)
        status = state.attrs.status.history
        was_issued = (status.deleted[0] if status.deleted else obj.status) is \
            DecisionStatus.ISSUED
        if not was_issued:
            continue
        changed = {a.key for a in state.mapper.column_attrs
                   if state.attrs[a.key].history.has_changes()} - _CHANGEABLE_AFTER_ISSUE
        if obj in session.deleted or changed:
            raise ValidationError(
                f"Decyzja nr {obj.number} została wydana i nie może być zmieniana ani usuwana — "
                "zmianę wprowadza się nową decyzją.", field="status")
