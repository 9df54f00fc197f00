"""The head's view of the audit log: browsing and filtering who did what, when, to which
record. Reading the log is itself recorded. Nothing here — nor anywhere in the program —
changes or deletes an entry; the database refuses it as well (migration 0002).

Kept apart from ``services.audit``, which ``security`` imports to record logins: an
operation defined there would make the two modules import each other."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from opsdesk.errors import ValidationError
from opsdesk.models import AuditEntry, User
from opsdesk.models.enums import AuditAction
from opsdesk.services import audit_chain
from opsdesk.services.audit import write_audit
from opsdesk.services.permissions import Permission
from opsdesk.services.security import Actor, operation

PAGE_SIZE = 100
MAX_PAGE_SIZE = 500
DETAILS_MAX = 300

# Polish names of the records the log speaks of (the ORM class names it stores).
ENTITY_LABELS: dict[str, str] = {
    "Person": "osoba", "Household": "gospodarstwo domowe",
    "HouseholdMember": "członek gospodarstwa", "Intake": "zgłoszenie", "Case": "sprawa",
    "Application": "wniosek", "Certificate": "zaświadczenie", "Appointment": "spotkanie",
    "Handover": "do odbioru", "Decision": "decyzja", "PayoutList": "lista wypłat",
    "Payout": "wypłata", "CashReceipt": "dowód „Kasa wypłaci”",
    "DeadlineNotice": "zawiadomienie (art. 36 kpa)", "RepaymentInstalment": "rata zwrotu",
    "Interview": "wywiad środowiskowy", "InterviewMember": "osoba w wywiadzie",
    "Income": "dochód", "CaseMessage": "komunikat formalny",
    "SocialWorkCase": "praca socjalna", "SocialWorkNote": "notatki pracy socjalnej",
    "SocialContract": "kontrakt socjalny", "ServiceCatalogItem": "katalog usług",
    "ServicePlan": "plan usług", "SocialTask": "zadanie pracy socjalnej",
    "User": "pracownik", "UserRole": "rola pracownika", "Office": "dane ośrodka",
    "Counter": "numeracja", "Operation": "czynność", "AuditLog": "dziennik zdarzeń",
    "RetentionReview": "przegląd okresu przechowywania",
}


def entity_label(entity: str) -> str:
    return ENTITY_LABELS.get(entity, entity)


@dataclass(frozen=True)
class AuditFilter:
    worker_id: int | None = None
    action: AuditAction | None = None
    entity: str | None = None
    date_from: date | None = None
    date_to: date | None = None  # inclusive


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime
    worker: str  # the name, kept in the history after the worker left
    action: AuditAction
    entity: str
    entity_label: str
    entity_id: int | None
    details: str


@dataclass(frozen=True)
class AuditPage:
    rows: tuple[AuditRow, ...]
    total: int
    page: int
    page_size: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))


@dataclass(frozen=True)
class WorkerChoice:
    id: int
    full_name: str
    active: bool


def describe(details: str, action: AuditAction | None = None) -> str:
    """The stored JSON as one readable line: "pole: stara → nowa; …" for a change, the
    filled-in fields only for a new record."""
    try:
        data: Any = json.loads(details) if details else {}
    except ValueError:
        return details[:DETAILS_MAX]
    if not isinstance(data, dict):
        return str(data)[:DETAILS_MAX]
    parts = []
    for key, value in data.items():
        if isinstance(value, list) and len(value) == 2:
            old, new = value
            if action is AuditAction.CREATE:
                if new not in (None, ""):
                    parts.append(f"{key}: {new}")
                continue
            parts.append(f"{key}: {'—' if old is None else old} → {'—' if new is None else new}")
        else:
            parts.append(f"{key}: {value}")
    text = "; ".join(parts)
    return text if len(text) <= DETAILS_MAX else text[:DETAILS_MAX] + "…"


def _conditions(flt: AuditFilter) -> list[Any]:
    if flt.date_from and flt.date_to and flt.date_from > flt.date_to:
        raise ValidationError("Data „od” jest późniejsza niż data „do”.", field="date_from")
    conditions: list[Any] = []
    if flt.worker_id is not None:
        conditions.append(AuditEntry.user_id == flt.worker_id)
    if flt.action is not None:
        conditions.append(AuditEntry.action == flt.action)
    if flt.entity:
        conditions.append(AuditEntry.entity == flt.entity)
    if flt.date_from:
        conditions.append(AuditEntry.at >= datetime.combine(flt.date_from, time()))
    if flt.date_to:
        conditions.append(AuditEntry.at < datetime.combine(flt.date_to + timedelta(days=1),
                                                           time()))
    return conditions


def _filter_record(flt: AuditFilter, page: int) -> dict[str, Any]:
    record: dict[str, Any] = {k: v for k, v in (
        ("worker_id", flt.worker_id), ("action", flt.action), ("entity", flt.entity),
        ("from", flt.date_from), ("to", flt.date_to)) if v is not None}
    if page:
        record["page"] = page + 1
    return record


@operation(Permission.AUDIT_READ)
def browse_audit(session: Session, *, actor: Actor, flt: AuditFilter = AuditFilter(),
                 page: int = 0, page_size: int = PAGE_SIZE) -> AuditPage:
    """One page of the log, newest first. The head's reading is logged too, with the
    filter she used, so even browsing the log leaves a trace."""
    if page < 0 or not 1 <= page_size <= MAX_PAGE_SIZE:
        raise ValidationError("Nieprawidłowa strona dziennika.", field="page")
    conditions = _conditions(flt)
    total = session.scalar(select(func.count(AuditEntry.id)).where(*conditions)) or 0
    stmt = (select(AuditEntry, User.full_name)
            .outerjoin(User, AuditEntry.user_id == User.id)
            .where(*conditions)
            .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
            .offset(page * page_size).limit(page_size))
    rows = tuple(
        AuditRow(id=e.id, at=e.at, worker=name or "—", action=e.action, entity=e.entity,
                 entity_label=entity_label(e.entity), entity_id=e.entity_id,
                 details=describe(e.details, e.action))
        for e, name in session.execute(stmt))
    write_audit(session, actor.id, AuditAction.READ, "AuditLog", None,
                _filter_record(flt, page))
    return AuditPage(rows, total, page, page_size)


@operation(Permission.AUDIT_READ)
def audit_workers(session: Session, *, actor: Actor) -> list[WorkerChoice]:
    """Every worker who ever had an account, those who left too: their entries stay."""
    stmt = select(User.id, User.full_name, User.active).order_by(User.full_name)
    return [WorkerChoice(i, n, a) for i, n, a in session.execute(stmt)]


@operation(Permission.AUDIT_READ)
def audit_entities(session: Session, *, actor: Actor) -> list[tuple[str, str]]:
    """The kinds of record the log mentions, as (stored name, Polish label)."""
    names = session.scalars(select(AuditEntry.entity).distinct()).all()
    return sorted(((n, entity_label(n)) for n in names), key=lambda p: p[1])


@operation(Permission.AUDIT_READ)
def check_audit_chain(session: Session, *, actor: Actor) -> str:
    """The head's check of the log's hash chain, as one Polish line: sound with its count,
    or the first entry where the chain breaks (the check is itself logged)."""
    report = audit_chain.verify(session.connection())
    write_audit(session, actor.id, AuditAction.READ, "AuditLog", None,
                {"chain_check": report.broken_at or "ok"})
    if not report.sound:
        return audit_chain.broken_message(report)
    return f"Łańcuch dziennika nienaruszony — sprawdzono {report.entries} wpisów."
