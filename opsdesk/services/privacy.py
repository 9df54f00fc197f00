"""RODO for the head: the copy of everything the centre holds about one person (art. 15
RODO) and the list of clients whose records have outlived the retention period.

Nothing here deletes: the retention list is for the head to review under the office's
archival rules, record by record."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from opsdesk import clock
from opsdesk.errors import NotFound
from opsdesk.formatting import format_date, format_money
from opsdesk.labels import label
from opsdesk.models import (
    Application,
    Appointment,
    AuditEntry,
    Case,
    CaseMessage,
    CashReceipt,
    Certificate,
    Decision,
    Handover,
    HouseholdMember,
    Income,
    Intake,
    Interview,
    Payout,
    Person,
    RepaymentInstalment,
    ServicePlan,
    SocialContract,
    SocialTask,
    SocialWorkCase,
    SocialWorkNote,
    User,
)
from opsdesk.models.benefits import DeadlineNotice
from opsdesk.models.enums import AuditAction, CaseStatus, Sex, SocialWorkStatus
from opsdesk.models.other_tasks import OtherTask
from opsdesk.reports.dossier import render_dossier
from opsdesk.reports.payout_list import format_account
from opsdesk.reports.views import DossierSection, DossierView
from opsdesk.services.audit import write_audit
from opsdesk.services.audit_log import entity_label
from opsdesk.services.office import get_office, office_view
from opsdesk.services.permissions import Permission
from opsdesk.services.security import Actor, operation

Rows = list[tuple[str, str]]


def _d(value: date | datetime | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, datetime):
        return f"{format_date(value.date())} {value:%H:%M}"
    return format_date(value)


def _money(value: object) -> str:
    return format_money(value) if value is not None else "—"  # type: ignore[arg-type]


_SEX = {Sex.FEMALE: "kobieta", Sex.MALE: "mężczyzna"}


def _person_rows(p: Person) -> Rows:
    identity = p.pesel or f"brak numeru PESEL ({p.no_pesel_reason})"
    return [("Imię i nazwisko", p.full_name), ("PESEL", identity),
            ("Data urodzenia", _d(p.birth_date)), ("Płeć", _SEX.get(p.sex, "—")),
            ("Adres", p.address or "—"), ("Telefon", p.phone or "—"),
            ("Rachunek bankowy", format_account(p.bank_account) or "—"),
            ("W kartotece od", _d(p.created_at))]


def _household_rows(p: Person) -> Rows:
    # Other members' names and relations only: a copy must not disclose their own data
    # (art. 15 ust. 4 RODO).
    if p.membership is None:
        return []
    return [(m.person.full_name, label(m.relation))
            for m in p.membership.household.members if m.person_id != p.id]


def _records_of(session: Session, person_id: int) -> dict[str, list[int]]:
    """Ids of the person's records by the entity name the audit log uses."""
    def ids(model: type, column: object = None) -> list[int]:
        col = column if column is not None else model.person_id  # type: ignore[attr-defined]
        return list(session.scalars(select(model.id).where(col == person_id)))  # type: ignore[attr-defined]

    records = {"Person": [person_id], "Intake": ids(Intake), "Case": ids(Case),
               "Application": ids(Application), "Decision": ids(Decision),
               "Interview": ids(Interview), "Certificate": ids(Certificate),
               "Handover": ids(Handover), "CaseMessage": ids(CaseMessage),
               "SocialWorkCase": ids(SocialWorkCase), "SocialContract": ids(SocialContract),
               "ServicePlan": ids(ServicePlan), "SocialTask": ids(SocialTask),
               "Appointment": ids(Appointment)}
    # The log records a reading of the notes against their social-work case.
    records["SocialWorkNote"] = records["SocialWorkCase"]
    records["CashReceipt"] = list(session.scalars(
        select(CashReceipt.id).join(Payout, CashReceipt.payout_id == Payout.id)
        .where(Payout.person_id == person_id)))
    return records


def _audit_rows(session: Session, records: dict[str, list[int]]) -> Rows:
    who_read = or_(*[and_(AuditEntry.entity == entity, AuditEntry.entity_id.in_(ids))
                     for entity, ids in records.items() if ids])
    stmt = (select(AuditEntry, User.full_name).outerjoin(User, AuditEntry.user_id == User.id)
            .where(AuditEntry.action.in_([AuditAction.READ, AuditAction.PRINT,
                                          AuditAction.EXPORT]), who_read)
            .order_by(AuditEntry.at, AuditEntry.id))
    return [(_d(e.at), f"{name or '—'}: {label(e.action)} — {entity_label(e.entity)}")
            for e, name in session.execute(stmt)]


def _sections(session: Session, p: Person) -> list[DossierSection]:
    pid = p.id

    def rows(model: type, order: object) -> list:  # noqa: ANN401 - ORM rows
        return list(session.scalars(select(model).where(
            model.person_id == pid).order_by(order)))  # type: ignore[attr-defined]

    cases = rows(Case, Case.started_on)
    case_ids = [c.id for c in cases]
    decisions = rows(Decision, Decision.id)
    sw_cases = rows(SocialWorkCase, SocialWorkCase.referred_on)
    intake_rows: Rows = [
        (_d(i.received_at), f"{label(i.channel)}, zgłaszający: {label(i.reporter_kind)}; "
                            f"{label(i.status)}. {i.problem}" + (f" — {i.outcome}" if i.outcome
                                                                  else ""))
        for i in rows(Intake, Intake.received_at)]
    case_rows: Rows = []
    for c in cases:
        case_rows.append((c.sign, f"{label(c.kind)}, {label(c.status)}, od {_d(c.started_on)}"
                          + (f" do {_d(c.closed_on)}" if c.closed_on else "")
                          + (f"; {c.subject}" if c.subject else "")))
        for a in c.applications:
            case_rows.append(("wniosek", f"z dnia {_d(a.filed_on)}: {label(a.benefit_kind)}"
                              + (f" — {a.description}" if a.description else "")))
    for t in session.scalars(select(OtherTask).where(OtherTask.case_id.in_(case_ids))
                             .order_by(OtherTask.received_on)):
        case_rows.append((f"{t.case.sign}: {t.institution}", "; ".join(filter(None, [
            f"z dnia {_d(t.received_on)}", t.request, t.dps_name,
            f"odpłatność osoby {_money(t.resident_fee)}" if t.resident_fee is not None else "",
            f"załatwiono {_d(t.done_on)}: {t.outcome}" if t.done_on else ""]))))
    for n in session.scalars(select(DeadlineNotice).where(DeadlineNotice.case_id.in_(case_ids))
                             .order_by(DeadlineNotice.issued_on)):
        case_rows.append((f"zawiadomienie {n.number}", f"z dnia {_d(n.issued_on)}: nowy termin "
                          f"{_d(n.new_deadline)} — {n.reason}"))
    interview_rows: Rows = []
    for iv in rows(Interview, Interview.id):
        interview_rows.append((f"wywiad {_d(iv.carried_out_on)}", "; ".join(filter(None, [
            label(iv.kind), "odmowa" if iv.refused else "",
            f"sytuacja: {iv.needs}" if iv.needs else "",
            f"ocena: {iv.diagnosis}" if iv.diagnosis else "",
            f"plan: {iv.plan}" if iv.plan else "", iv.notes]))))
    for inc in session.scalars(select(Income).where(Income.person_id == pid)
                               .order_by(Income.id)):
        interview_rows.append(("dochód", f"{label(inc.source)}: netto {_money(inc.net)}"
                               + (f" ({inc.note})" if inc.note else "")))
    decision_rows: Rows = [
        (d.number or "projekt", f"{label(d.kind)}: {label(d.benefit_kind)}, {label(d.status)}"
         + (f", wydana {_d(d.issued_on)}" if d.issued_on else "")
         + (f", doręczona {_d(d.delivered_on)}" if d.delivered_on else "")
         + (f", kwota {_money(d.amount)}" if d.amount is not None else "")
         + (f", okres {_d(d.period_from)}–{_d(d.period_to)}" if d.period_from else ""))
        for d in decisions]
    for r in session.scalars(select(RepaymentInstalment).where(
            RepaymentInstalment.decision_id.in_([d.id for d in decisions]))
            .order_by(RepaymentInstalment.due_on)):
        decision_rows.append(("rata zwrotu", f"{_money(r.amount)} do {_d(r.due_on)}, "
                              f"spłacona: {_d(r.paid_on)}"))
    payout_rows: Rows = [
        (_d(py.due_on), f"{_money(py.amount)}, {label(py.method)}, {label(py.status)}"
         + (f", wypłacono {_d(py.paid_on)}" if py.paid_on else ""))
        for py in rows(Payout, Payout.due_on)]
    for cr in session.scalars(select(CashReceipt).join(Payout).where(Payout.person_id == pid)
                              .order_by(CashReceipt.issued_on)):
        payout_rows.append((f"dowód {cr.number}", f"„Kasa wypłaci” z dnia {_d(cr.issued_on)}"))
    document_rows: Rows = [(c.number, f"z dnia {_d(c.issued_on)}, cel: {c.purpose}")
                           for c in rows(Certificate, Certificate.issued_on)]
    document_rows += [(h.title, f"wydano {_d(h.handed_on)} ({h.handed_to})" if h.handed_on
                       else "czeka na odbiór") for h in rows(Handover, Handover.id)]
    message_rows: Rows = [(f"{m.number}, {_d(m.written_on)}", f"{label(m.kind)}: {m.body}")
                          for m in rows(CaseMessage, CaseMessage.written_on)]
    sw_rows: Rows = []
    for w in sw_cases:
        sw_rows.append((f"od {_d(w.referred_on)}", "; ".join(filter(None, [
            label(w.status), label(w.stage), f"cele: {w.goals}" if w.goals else "",
            f"zakończono {_d(w.closed_on)}: {w.outcome}" if w.closed_on else ""]))))
        for note in session.scalars(select(SocialWorkNote).where(
                SocialWorkNote.social_work_id == w.id).order_by(SocialWorkNote.written_on)):
            sw_rows.append((f"notatka {_d(note.written_on)}", note.text))
    for k in rows(SocialContract, SocialContract.concluded_on):
        sw_rows.append((f"kontrakt {k.number}", f"{_d(k.period_from)}–{_d(k.period_to)}, "
                        f"{label(k.status)}; ocena sytuacji: {k.situation or '—'}; "
                        f"cele: {k.goals}; zobowiązania klienta: {k.client_commitments}; "
                        "działania: " + "; ".join(
                            f"{a.what} ({a.who}, do {_d(a.due_on)})" for a in k.actions)
                        + "".join(f"; aneks nr {a.number} z {_d(a.made_on)}: {a.changes}"
                                  for a in k.annexes)))
    for sp in rows(ServicePlan, ServicePlan.period_from):
        sw_rows.append(("usługa", f"{sp.catalog_item.name}, {_d(sp.period_from)}–"
                        f"{_d(sp.period_to)}, {sp.units} {sp.unit_name}, {label(sp.status)}"))
    for t in rows(SocialTask, SocialTask.started_on):
        sw_rows.append((label(t.kind), f"od {_d(t.started_on)}, {label(t.status)}"
                        + (f": {t.description}" if t.description else "")))
    appointment_rows: Rows = [
        (_d(a.starts_at), f"{a.purpose} — {a.worker.full_name}, {label(a.status)}")
        for a in rows(Appointment, Appointment.starts_at)]
    return [
        DossierSection("1. Dane osobowe", tuple(_person_rows(p))),
        DossierSection("2. Gospodarstwo domowe", tuple(_household_rows(p))),
        DossierSection("3. Zgłoszenia", tuple(intake_rows)),
        DossierSection("4. Sprawy i wnioski", tuple(case_rows)),
        DossierSection("5. Wywiady środowiskowe i dochody", tuple(interview_rows)),
        DossierSection("6. Decyzje", tuple(decision_rows)),
        DossierSection("7. Wypłaty", tuple(payout_rows)),
        DossierSection("8. Zaświadczenia i dokumenty wydane", tuple(document_rows)),
        DossierSection("9. Komunikaty formalne", tuple(message_rows)),
        DossierSection("10. Praca socjalna, notatki, kontrakty, usługi", tuple(sw_rows)),
        DossierSection("11. Spotkania", tuple(appointment_rows)),
        DossierSection("12. Kto zapoznawał się z danymi (dziennik zdarzeń)",
                       tuple(_audit_rows(session, _records_of(session, pid)))),
    ]


@operation(Permission.PRIVACY)
def dossier_view(session: Session, person_id: int, *, actor: Actor,
                 today: date | None = None) -> DossierView:
    """Everything held about the person, section by section. Recorded as an EXPORT before
    it is gathered, so the copy itself lists that it was made."""
    person = session.get(Person, person_id)
    if person is None:
        raise NotFound("Nie ma takiej osoby w kartotece.")
    write_audit(session, actor.id, AuditAction.EXPORT, "Person", person.id,
                {"document": "art. 15 RODO"})
    return DossierView(office=office_view(session), person_name=person.full_name,
                       generated_on=today or clock.today(), generated_by=actor.full_name,
                       sections=tuple(_sections(session, person)))


@operation(Permission.PRIVACY)
def dossier_pdf(session: Session, person_id: int, *, actor: Actor,
                today: date | None = None) -> bytes:
    return render_dossier(dossier_view(session, person_id, actor=actor, today=today))


# --- the retention review -------------------------------------------------------------------

@dataclass(frozen=True)
class RetentionRow:
    person_id: int
    full_name: str
    pesel: str
    last_activity: date
    review_from: date  # the day the retention period ended


def retention_ends(last_activity: date, years: int) -> date:
    """The period runs in whole calendar years from 1 January of the year after the matter
    ended, as archival rules count it."""
    return date(last_activity.year + 1 + years, 1, 1)


def _last_dates(session: Session) -> dict[int, date]:
    """Each person's latest dated trace, from every kind of record about them."""
    sources: Iterable[tuple[object, object]] = (
        (Person.id, Person.created_at), (Intake.person_id, Intake.received_at),
        (Case.person_id, Case.started_on), (Case.person_id, Case.closed_on),
        (Application.person_id, Application.filed_on),
        (Interview.person_id, Interview.carried_out_on),
        (Decision.person_id, Decision.issued_on), (Decision.person_id, Decision.delivered_on),
        (Payout.person_id, Payout.due_on), (Payout.person_id, Payout.paid_on),
        (Certificate.person_id, Certificate.issued_on),
        (Handover.person_id, Handover.created_at), (Handover.person_id, Handover.handed_on),
        (Appointment.person_id, Appointment.starts_at),
        (CaseMessage.person_id, CaseMessage.written_on),
        (SocialWorkCase.person_id, SocialWorkCase.referred_on),
        (SocialWorkCase.person_id, SocialWorkCase.closed_on),
        (SocialContract.person_id, SocialContract.period_to),
        (SocialContract.person_id, SocialContract.ended_on),
        (ServicePlan.person_id, ServicePlan.period_to),
        (SocialTask.person_id, SocialTask.started_on),
        (SocialTask.person_id, SocialTask.ended_on),
    )
    last: dict[int, date] = {}
    for person_col, when in sources:
        for pid, value in session.execute(select(person_col, func.max(when))
                                          .group_by(person_col)):
            if value is None:
                continue
            day = _as_date(value)
            if pid not in last or day > last[pid]:
                last[pid] = day
    for pid, value in session.execute(
            select(SocialWorkCase.person_id, func.max(SocialWorkNote.written_on))
            .join(SocialWorkNote, SocialWorkNote.social_work_id == SocialWorkCase.id)
            .group_by(SocialWorkCase.person_id)):
        if value is not None and _as_date(value) > last.get(pid, date.min):
            last[pid] = _as_date(value)
    return last


def _as_date(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def _still_open(session: Session) -> set[int]:
    """Persons with a matter in progress — never due for review, however old."""
    open_ids: set[int] = set()
    open_ids.update(session.scalars(select(Case.person_id).where(
        Case.status != CaseStatus.CLOSED, Case.closed_on.is_(None))))
    open_ids.update(session.scalars(select(SocialWorkCase.person_id).where(
        SocialWorkCase.status.in_([SocialWorkStatus.REFERRED, SocialWorkStatus.ACTIVE]))))
    open_ids.update(session.scalars(select(Decision.person_id).join(
        RepaymentInstalment, RepaymentInstalment.decision_id == Decision.id).where(
        RepaymentInstalment.paid_on.is_(None))))
    return open_ids


@operation(Permission.PRIVACY)
def retention_review(session: Session, *, actor: Actor,
                     today: date | None = None) -> list[RetentionRow]:
    """Clients with no activity past the office's retention period, oldest first. A member
    of a household shares its latest activity: their data serve the others' matters too."""
    today = today or clock.today()
    years = get_office(session).retention_years
    last = _last_dates(session)
    households: dict[int, list[int]] = defaultdict(list)
    for household_id, pid in session.execute(select(HouseholdMember.household_id,
                                                    HouseholdMember.person_id)):
        households[household_id].append(pid)
    for members in households.values():
        shared = max(last.get(pid, date.min) for pid in members)
        for pid in members:
            last[pid] = shared
    open_ids = _still_open(session)
    for members in households.values():
        if open_ids.intersection(members):
            open_ids.update(members)
    due = {pid: day for pid, day in last.items()
           if pid not in open_ids and retention_ends(day, years) <= today}
    people = session.scalars(select(Person).where(Person.id.in_(due))) if due else []
    rows = [RetentionRow(p.id, f"{p.last_name} {p.first_name}", p.pesel or "", due[p.id],
                         retention_ends(due[p.id], years)) for p in people]
    rows.sort(key=lambda r: (r.last_activity, r.full_name))
    write_audit(session, actor.id, AuditAction.READ, "RetentionReview", None,
                {"years": years, "listed": len(rows)})
    return rows
