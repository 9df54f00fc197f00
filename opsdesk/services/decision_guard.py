"""The guard: an issued decision is final, whatever the caller — a session hook
(``hooks.install``). It sits beside the decisions package, not in it: opening the database,
before the login window, installs it without loading the whole proceeding."""

from __future__ import annotations

from typing import Any

from sqlalchemy import inspect
from sqlalchemy.orm import Session

from opsdesk.errors import ValidationError
from opsdesk.models import Decision
from opsdesk.models.enums import DecisionStatus

# The delivery register and finality are recorded after issue; the content never changes.
_CHANGEABLE_AFTER_ISSUE = frozenset({"delivered_on", "delivery_method", "appeal_waived_on",
                                     "appeal_lodged_on", "awaits_finality", "version",
                                     "appeal_forwarded_on", "appeal_outcome",
                                     "appeal_ruled_on", "appeal_ruling_sign",
                                     "appeal_ruling_delivered_on", "appeal_effect_ends_on"})


def issued_decisions_are_final(session: Session, _ctx: Any, _instances: Any) -> None:
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
