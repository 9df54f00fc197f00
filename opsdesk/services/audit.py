"""The audit log: every change is recorded automatically at flush (who, when, which record,
what changed); reads, prints and exports are recorded by the operations that do them."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import inspect
from sqlalchemy.orm import Session

from opsdesk import clock
from opsdesk.models import AuditEntry
from opsdesk.models.enums import AuditAction
from opsdesk.services import audit_chain

MAX_VALUE = 120
# Free text that may hold sensitive detail: the log says it changed, not what it says.
_REDACTED = {"password_hash", "text", "body", "problem", "diagnosis", "notes", "needs", "plan",
             "goals", "evaluation", "description"}


def write_audit(session: Session, user_id: int | None, action: AuditAction, entity: str,
                entity_id: int | None, details: dict[str, Any]) -> None:
    audit_chain.append(session.connection(), [dict(
        at=clock.now(), user_id=user_id, action=action.value, entity=entity,
        entity_id=entity_id, details=json.dumps(details, ensure_ascii=False, default=str))])


def _value(key: str, value: Any) -> Any:
    if key in _REDACTED:
        return "…"
    if value is None or isinstance(value, (int, bool)):
        return value
    text = str(value)
    return text if len(text) <= MAX_VALUE else text[:MAX_VALUE] + "…"


def _changes(obj: Any) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    for attr in inspect(obj).mapper.column_attrs:
        hist = inspect(obj).attrs[attr.key].history
        if hist.has_changes() and attr.key != "version":
            old = hist.deleted[0] if hist.deleted else None
            new = hist.added[0] if hist.added else None
            changes[attr.key] = [_value(attr.key, old), _value(attr.key, new)]
    return changes


def record_changes(session: Session, _ctx: Any) -> None:
    """After each flush: what it created, changed and deleted (a session hook,
    ``hooks.install``)."""
    user_id = session.info.get("actor_id")
    rows = []
    now = clock.now()
    for action, objs in ((AuditAction.CREATE, session.new), (AuditAction.UPDATE, session.dirty),
                         (AuditAction.DELETE, session.deleted)):
        for obj in objs:
            if isinstance(obj, AuditEntry):
                continue
            changes = _changes(obj) if action is not AuditAction.DELETE else {}
            if action is AuditAction.UPDATE and not changes:
                continue
            ident = inspect(obj).mapper.primary_key_from_instance(obj)
            rows.append({"at": now, "user_id": user_id, "action": action.value,
                         "entity": type(obj).__name__,
                         "entity_id": ident[0] if ident and len(ident) == 1
                         and isinstance(ident[0], int) else None,
                         "details": json.dumps(changes, ensure_ascii=False, default=str)})
    if rows:
        audit_chain.append(session.connection(), rows)
