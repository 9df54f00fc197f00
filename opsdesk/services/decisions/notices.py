"""The decision deadline (kpa art. 35) and the art. 36 notice that moves it."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from opsdesk import clock
from opsdesk.errors import NotFound, ValidationError
from opsdesk.formatting import addressed, format_date
from opsdesk.models import Case, Person
from opsdesk.models.benefits import DeadlineNotice
from opsdesk.models.enums import AuditAction, CaseStatus, DocumentKind
from opsdesk.reports.notice import render_notice
from opsdesk.reports.views import NoticeView
from opsdesk.services import rules
from opsdesk.services import validation as check
from opsdesk.services.audit import write_audit
from opsdesk.services.decisions.catalogue import BENEFITS
from opsdesk.services.decisions.lookups import (
    delivery_note,
    get_case,
    is_settled,
    latest_application,
)
from opsdesk.services.desk import add_handover
from opsdesk.services.numbering import next_number
from opsdesk.services.office import get_office, office_view, signer_position
from opsdesk.services.permissions import Permission
from opsdesk.services.security import Actor, operation
from opsdesk.services.templates import texts_in_force


def decision_deadline_of(session: Session, case: Case) -> date:
    """kpa art. 35, or the new date of the latest art. 36 notice."""
    return decision_deadlines_of(session, [case])[case.id]


_IN_LIMIT = 20_000


def decision_deadlines_of(session: Session, cases: list[Any]) -> dict[int, date]:
    """``decision_deadline_of`` for many cases (or rows with their id, started_on and
    complicated) with one query: a queue, not a query a row."""
    notices: dict[int, date] = {}
    ids = [c.id for c in cases]
    # Parts of 20 000: SQLite takes at most 32 766 values in one statement (the evaluation
    # asks for a year and a half of cases); a queue is one part.
    for part in range(0, max(len(ids), 1), _IN_LIMIT):
        for case_id, new in session.execute(select(
                DeadlineNotice.case_id, DeadlineNotice.new_deadline).where(
                DeadlineNotice.case_id.in_(ids[part:part + _IN_LIMIT]))
                .order_by(DeadlineNotice.id)):
            notices[case_id] = new  # the latest notice wins (a query even for none: see queue)
    return {c.id: notices.get(c.id) or rules.decision_deadline(c.started_on,
                                                               complicated=c.complicated)
            for c in cases}


@operation(Permission.CASE_WORK)
def issue_deadline_notice(session: Session, case_id: int, *, actor: Actor, reason: str,
                          new_deadline: date, today: date | None = None) -> int:
    """Zawiadomienie (kpa art. 36): the reason for the delay and a new date; it waits at the
    desk for the party and moves the case's decision deadline."""
    today = today or clock.today()
    case = get_case(session, case_id)
    if is_settled(session, case_id) or case.status is CaseStatus.CLOSED:
        raise ValidationError("Sprawa jest już załatwiona — zawiadomienie o zwłoce jest zbędne.",
                              field="case")
    original = decision_deadline_of(session, case)
    reason = check.text(reason, field="reason", label="Przyczyna zwłoki", max_len=4000)
    if new_deadline <= max(original, today):
        raise ValidationError(f"Nowy termin musi być późniejszy niż dotychczasowy "
                              f"({format_date(original)} r.) i niż dzień dzisiejszy.",
                              field="new_deadline")
    if not rules.is_working_day(new_deadline):
        raise ValidationError(f"Nowy termin {format_date(new_deadline)} r. przypada na dzień "
                              "wolny od pracy — wskaż dzień roboczy (najbliższy: "
                              f"{format_date(rules.working_days_after(new_deadline, 1))} r.).",
                              field="new_deadline")
    office = get_office(session)
    seq = next_number(session, "NOTICE", today.year)
    notice = DeadlineNotice(number=f"{office.case_symbol}.ZAW.{seq}.{today.year}",
                            year=today.year, seq=seq, case_id=case.id, issued_on=today,
                            original_deadline=original, new_deadline=new_deadline,
                            reason=reason, signatory_name=office.head_name,
                            signatory_position=signer_position(office, office.head_position),
                            issued_by_id=actor.id)
    session.add(notice)
    session.flush()
    add_handover(session, kind=DocumentKind.NOTICE, document_id=notice.id,
                 person_id=case.person_id,
                 title=f"Zawiadomienie nr {notice.number} o niezałatwieniu sprawy w terminie")
    return notice.id


@operation(Permission.DOCUMENT_PRINT)
def notice_pdf(session: Session, notice_id: int, *, actor: Actor) -> bytes:
    notice = session.get(DeadlineNotice, notice_id)
    if notice is None:
        raise NotFound("Nie ma takiego zawiadomienia.")
    case = notice.case
    person = session.get(Person, case.person_id)
    assert person is not None
    application = latest_application(session, case.id)
    subject = (f"przyznania {BENEFITS[application.benefit_kind].genitive}" if application
               else case.subject[:120])
    write_audit(session, actor.id, AuditAction.PRINT, "DeadlineNotice", notice.id, {})
    return render_notice(NoticeView(
        office=office_view(session, notice.issued_on), number=notice.number, case_sign=case.sign,
        issued_on=notice.issued_on, party_name=person.full_name, party_address=person.address,
        subject=f"w sprawie {subject}", original_deadline=notice.original_deadline,
        new_deadline=notice.new_deadline, reason=notice.reason,
        signatory_name=notice.signatory_name, signatory_position=notice.signatory_position,
        party_accusative=addressed(person.sex.value if person.sex else None, "accusative"),
        delivery_note=delivery_note(session, person),
        texts=texts_in_force(session, "notice.", notice.issued_on)))
