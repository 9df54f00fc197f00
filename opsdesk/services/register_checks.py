"""Checks in central registers — CBB, ZUS (PUE), CEIDG, księgi wieczyste, CEPiK and any the
worker names — recorded in the case: who checked, when, what was asked, what was found, and
the printout (a PDF or an image, at most ``MAX_PRINTOUT`` bytes). They are evidence: the
case's list of evidence (``evidence_list_pdf``) prints them with the interviews and the
letters of the proceedings.

The CBB (Centralna Baza Beneficjentów) takes its data from the centre's software through a
connection this program does not have, in a format not published where it could be read
here. ``cbb_export`` therefore writes the data the centre owes — who got which benefit, by
which decision, for which period, how much — as a CSV file of this program's own layout
(described in its header line), ready to be carried over once the format is known. It is
not the CBB's own format.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from opsdesk import clock
from opsdesk.errors import NotFound, ValidationError
from opsdesk.labels import label
from opsdesk.models import (
    Case,
    CaseMessage,
    Decision,
    HealthCareDecision,
    Interview,
    Person,
    RegisterCheck,
    User,
)
from opsdesk.models.enums import AuditAction, DecisionStatus
from opsdesk.reports.evidence_list import EvidenceItem, EvidenceListView, render_evidence_list
from opsdesk.services import validation as check
from opsdesk.services.audit import write_audit
from opsdesk.services.office import office_view
from opsdesk.services.permissions import Permission
from opsdesk.services.security import Actor, operation

MAX_PRINTOUT = 5 * 1024 * 1024  # 5 MB: a scanned page or a saved PDF, not a film
TEXT_MAX = 4000


class Register(StrEnum):
    CBB = "CBB"
    ZUS = "ZUS"
    CEIDG = "CEIDG"
    KW = "KW"
    CEPIK = "CEPIK"
    OTHER = "OTHER"


REGISTER_LABELS: dict[str, str] = {
    Register.CBB: "Centralna Baza Beneficjentów (CBB)",
    Register.ZUS: "ZUS (PUE / eZUS)",
    Register.CEIDG: "CEIDG",
    Register.KW: "Księgi wieczyste (EKW)",
    Register.CEPIK: "CEPiK (pojazdy)",
    Register.OTHER: "inny rejestr",
}

# The file types a printout may be, recognised by their first bytes (never by the name).
_SIGNATURES = ((b"%PDF-", "application/pdf"), (b"\x89PNG\r\n\x1a\n", "image/png"),
               (b"\xff\xd8\xff", "image/jpeg"))


def printout_type(data: bytes) -> str:
    for signature, mime in _SIGNATURES:
        if data.startswith(signature):
            return mime
    raise ValidationError("Wydruk musi być plikiem PDF albo zdjęciem (PNG, JPEG).",
                          field="printout")


@dataclass(frozen=True)
class CheckForm:
    case_id: int
    register: Register
    query: str
    result: str
    checked_at: datetime | None = None  # None: now
    register_name: str = ""  # for OTHER
    printout: bytes | None = None
    printout_name: str = ""


@dataclass(frozen=True)
class CheckRow:
    id: int
    case_id: int
    register: str
    register_text: str
    checked_at: datetime
    checked_by: str
    query: str
    result: str
    printout_name: str
    printout_size: int

    @property
    def has_printout(self) -> bool:
        return self.printout_size > 0


def _register_text(register: str, name: str) -> str:
    return name if register == Register.OTHER else REGISTER_LABELS.get(register, register)


def _size_text(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB".replace(".", ",")


@operation(Permission.CASE_WORK)
def add_check(session: Session, form: CheckForm, *, actor: Actor,
              now: datetime | None = None) -> int:
    now = now or clock.now()
    case = session.get(Case, form.case_id)
    if case is None:
        raise NotFound("Nie ma takiej sprawy.")
    try:
        register = Register(form.register)
    except ValueError:
        raise ValidationError("Wybierz rejestr.", field="register") from None
    name = check.text(form.register_name, field="register_name", label="Nazwa rejestru",
                      max_len=120, required=register is Register.OTHER)
    query = check.text(form.query, field="query", label="O co zapytano", max_len=TEXT_MAX)
    result = check.text(form.result, field="result", label="Co ustalono", max_len=TEXT_MAX)
    checked_at = form.checked_at or now
    if checked_at > now:
        raise ValidationError("Sprawdzenie nie może mieć daty przyszłej.", field="checked_at")
    row = RegisterCheck(case_id=case.id, person_id=case.person_id, register=register.value,
                        register_name=name, checked_at=checked_at, checked_by_id=actor.id,
                        query=query, result=result)
    if form.printout:
        if len(form.printout) > MAX_PRINTOUT:
            raise ValidationError(f"Wydruk jest za duży — najwyżej {_size_text(MAX_PRINTOUT)}. "
                                  "Zapisz go w mniejszej rozdzielczości albo jako PDF.",
                                  field="printout")
        row.printout_type = printout_type(form.printout)
        row.printout = form.printout
        row.printout_size = len(form.printout)
        row.printout_name = check.text(form.printout_name or "wydruk", field="printout",
                                       label="Nazwa pliku", max_len=200)
    session.add(row)
    session.flush()
    return row.id


def _rows(session: Session, *where) -> list[CheckRow]:  # noqa: ANN002 - SQL conditions
    stmt = (select(RegisterCheck.id, RegisterCheck.case_id, RegisterCheck.register,
                   RegisterCheck.register_name, RegisterCheck.checked_at, User.full_name,
                   RegisterCheck.query, RegisterCheck.result, RegisterCheck.printout_name,
                   RegisterCheck.printout_size)
            .join(User, User.id == RegisterCheck.checked_by_id)
            .where(*where).order_by(RegisterCheck.checked_at, RegisterCheck.id))
    return [CheckRow(r.id, r.case_id, r.register, _register_text(r.register, r.register_name),
                     r.checked_at, r.full_name, r.query, r.result, r.printout_name,
                     r.printout_size) for r in session.execute(stmt)]


@operation(Permission.CASE_READ)
def checks_of_case(session: Session, case_id: int, *, actor: Actor) -> list[CheckRow]:
    return _rows(session, RegisterCheck.case_id == case_id)


@dataclass(frozen=True)
class Printout:
    name: str
    mime: str
    data: bytes

    @property
    def suffix(self) -> str:
        return {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}[self.mime]


@operation(Permission.CASE_READ)
def printout(session: Session, check_id: int, *, actor: Actor) -> Printout:
    """The printout itself (the opening is recorded)."""
    row = session.get(RegisterCheck, check_id)
    if row is None:
        raise NotFound("Nie ma takiego sprawdzenia.")
    if not row.printout:
        raise ValidationError("Do tego sprawdzenia nie dołączono wydruku.", field="printout")
    write_audit(session, actor.id, AuditAction.READ, "RegisterCheck", row.id, {})
    return Printout(row.printout_name, row.printout_type, row.printout)


# --- the case's list of evidence -----------------------------------------------------------


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if text.endswith((".", "?", "!")) else f"{text}."


def _evidence(session: Session, case: Case) -> list[EvidenceItem]:
    items: list[EvidenceItem] = []
    for i in session.scalars(select(Interview).where(
            Interview.case_id == case.id, Interview.carried_out_on.is_not(None))):
        state = "odmowa przeprowadzenia" if i.refused else \
            "zakończony" if i.completed else "w toku"
        items.append(EvidenceItem(i.carried_out_on, f"Rodzinny wywiad środowiskowy — "
                                                    f"{label(i.kind)} ({state})", ""))
    for m in session.scalars(select(CaseMessage).where(CaseMessage.case_id == case.id)):
        items.append(EvidenceItem(m.written_on, f"{label(m.kind).capitalize()} nr {m.number}",
                                  "art. 75 § 1 kpa"))
    for r in _rows(session, RegisterCheck.case_id == case.id):
        attached = f"wydruk: {r.printout_name}" if r.has_printout else "bez wydruku"
        items.append(EvidenceItem(
            r.checked_at.date(), f"Sprawdzenie w rejestrze: {r.register_text} — "
                                 f"{r.checked_by}. Zapytanie: {_sentence(r.query)} "
                                 f"Ustalono: {_sentence(r.result)}", attached))
    for d in session.scalars(select(Decision).where(
            Decision.case_id == case.id, Decision.status == DecisionStatus.ISSUED)):
        items.append(EvidenceItem(d.issued_on, f"Decyzja nr {d.number} — "
                                               f"{label(d.kind)}, {label(d.benefit_kind)}", ""))
    for h in session.scalars(select(HealthCareDecision).where(
            HealthCareDecision.case_id == case.id, HealthCareDecision.issued_on.is_not(None))):
        ruling = "potwierdzenie" if h.granted else "odmowa potwierdzenia"
        items.append(EvidenceItem(h.issued_on, f"Decyzja nr {h.number} — {ruling} prawa do "
                                               "świadczeń opieki zdrowotnej (art. 54 uśoz)", ""))
    items.sort(key=lambda x: (x.day or date.min, x.what))
    return items


@operation(Permission.CASE_READ)
def evidence_list_pdf(session: Session, case_id: int, *, actor: Actor,
                      today: date | None = None) -> bytes:
    """"Wykaz dowodów w aktach sprawy": interviews, letters, register checks, decisions."""
    today = today or clock.today()
    case = session.get(Case, case_id)
    if case is None:
        raise NotFound("Nie ma takiej sprawy.")
    person = session.get(Person, case.person_id)
    assert person is not None
    write_audit(session, actor.id, AuditAction.PRINT, "Case", case.id, {"evidence": True})
    return render_evidence_list(EvidenceListView(
        office=office_view(session), case_sign=case.sign, person_name=person.full_name,
        items=tuple(_evidence(session, case)), generated_on=today,
        generated_by=actor.full_name))


# --- the data owed to the CBB ----------------------------------------------------------------

CBB_COLUMNS = ("PESEL", "nazwisko", "imie", "swiadczenie", "podstawa_prawna", "decyzja_nr",
               "decyzja_data", "okres_od", "okres_do", "kwota", "znak_sprawy")


@operation(Permission.CASE_READ)
def cbb_export(session: Session, *, actor: Actor, start: date, end: date) -> bytes:
    """The decisions issued in the period, one line each, as UTF-8 CSV with a header line.
    Not the CBB's own format (see the module's note)."""
    check.period(start, end)
    stmt = (select(Decision, Person, Case.sign).join(Person, Person.id == Decision.person_id)
            .join(Case, Case.id == Decision.case_id)
            .where(Decision.status == DecisionStatus.ISSUED, Decision.issued_on >= start,
                   Decision.issued_on <= end).order_by(Decision.issued_on, Decision.id))
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(CBB_COLUMNS)
    count = 0
    for d, p, sign in session.execute(stmt):
        writer.writerow([p.pesel or "", p.last_name, p.first_name, d.benefit_kind.value,
                         d.legal_basis.replace("\n", " ")[:300], d.number or "",
                         d.issued_on.isoformat() if d.issued_on else "",
                         d.period_from.isoformat() if d.period_from else "",
                         d.period_to.isoformat() if d.period_to else "",
                         f"{d.amount:.2f}" if d.amount is not None else "", sign])
        count += 1
    write_audit(session, actor.id, AuditAction.EXPORT, "CBB", None,
                {"from": start.isoformat(), "to": end.isoformat(), "rows": count})
    return buffer.getvalue().encode("utf-8")


__all__ = ["CheckForm", "CheckRow", "MAX_PRINTOUT", "REGISTER_LABELS", "Register",
           "add_check", "cbb_export", "checks_of_case", "evidence_list_pdf", "printout"]
