"""The acts a decision cites, with the Dz.U. reference of their consolidated text in force
on the decision's date (``legal_acts``, seeded by migration 0010dec). The head adds a row
when a new consolidated text is announced; a decision issued before keeps the one it
printed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from opsdesk.errors import ConflictError, NotFound, ValidationError
from opsdesk.models import LegalAct
from opsdesk.services import validation as check
from opsdesk.services.permissions import Permission
from opsdesk.services.security import Actor, operation


class Act(StrEnum):
    UPS = "UPS"  # ustawa o pomocy społecznej
    KPA = "KPA"  # Kodeks postępowania administracyjnego
    THRESHOLDS = "THRESHOLDS"  # rozporządzenie o zweryfikowanych kryteriach dochodowych
    USOZ = "USOZ"  # ustawa o świadczeniach opieki zdrowotnej (art. 54 decisions)
    CONTRACT_MODEL = "CONTRACT_MODEL"  # the model of the kontrakt socjalny (art. 108 ust. 4)


ACT_NAMES: dict[Act, str] = {
    Act.UPS: "ustawa o pomocy społecznej",
    Act.KPA: "Kodeks postępowania administracyjnego",
    Act.THRESHOLDS: "rozporządzenie w sprawie kryteriów dochodowych",
    Act.USOZ: "ustawa o świadczeniach opieki zdrowotnej",
    Act.CONTRACT_MODEL: "rozporządzenie w sprawie wzoru kontraktu socjalnego",
}

# Used only when the table has no row for a date (a database before 0010dec cannot be
# opened, so this is a last resort, not a second table).
FALLBACK_TITLES: dict[Act, str] = {
    Act.UPS: "ustawy z dnia 12 marca 2004 r. o pomocy społecznej",
    Act.KPA: "ustawy z dnia 14 czerwca 1960 r. – Kodeks postępowania administracyjnego",
    Act.THRESHOLDS: "rozporządzenia Rady Ministrów w sprawie zweryfikowanych kryteriów "
                    "dochodowych oraz kwot świadczeń pieniężnych z pomocy społecznej",
    Act.USOZ: "ustawy z dnia 27 sierpnia 2004 r. o świadczeniach opieki zdrowotnej "
              "finansowanych ze środków publicznych",
    Act.CONTRACT_MODEL: "rozporządzenia Ministra Pracy i Polityki Społecznej z dnia 8 listopada "
                        "2010 r. w sprawie wzoru kontraktu socjalnego",
}


@dataclass(frozen=True)
class Citation:
    """An act as a decision cites it: "ustawy z dnia … (Dz.U. z 2025 r. poz. 1214)"."""

    title: str
    journal: str

    def __str__(self) -> str:
        return f"{self.title} ({self.journal})" if self.journal else self.title


@dataclass(frozen=True)
class LegalActRow:
    id: int
    act: Act
    valid_from: date
    title: str
    journal: str
    note: str
    version: int


def citation(session: Session, act: Act, on: date) -> Citation:
    """The act's citation in force on ``on`` (its earliest one for an older day)."""
    rows = list(session.scalars(select(LegalAct).where(LegalAct.act == act.value)
                                .order_by(LegalAct.valid_from)))
    if not rows:
        return Citation(FALLBACK_TITLES[act], "")
    current = rows[0]
    for row in rows:
        if row.valid_from <= on:
            current = row
    return Citation(current.title, current.journal)


def all_citations(session: Session, act: Act) -> list[Citation]:
    return [Citation(r.title, r.journal) for r in session.scalars(
        select(LegalAct).where(LegalAct.act == act.value))]


def recite(session: Session, basis: str, on: date) -> str:
    """``basis`` with every act's citation replaced by the one in force on ``on``: a draft
    written before a new consolidated text is issued under the new one."""
    for act in Act:
        current = str(citation(session, act, on))
        for old in all_citations(session, act):
            if str(old) != current:
                basis = basis.replace(str(old), current)
    return basis


@operation(Permission.CASE_READ)
def legal_acts(session: Session, *, actor: Actor) -> list[LegalActRow]:
    return [LegalActRow(r.id, Act(r.act), r.valid_from, r.title, r.journal, r.note, r.version)
            for r in session.scalars(select(LegalAct).order_by(LegalAct.act,
                                                                LegalAct.valid_from))]


@operation(Permission.DECISION_APPROVE)
def save_legal_act(session: Session, *, actor: Actor, act: Act, valid_from: date, title: str,
                   journal: str, note: str = "", act_id: int | None = None,
                   expected_version: int | None = None) -> int:
    """The head records a new consolidated text (or corrects one): from ``valid_from`` the
    decisions cite it."""
    title = check.text(title, field="title", label="Tytuł aktu (w dopełniaczu)", max_len=400)
    journal = check.text(journal, field="journal", label="Publikator", max_len=120)
    if not journal.startswith("Dz.U."):
        raise ValidationError("Podaj publikator w postaci „Dz.U. z 2025 r. poz. 1214”.",
                              field="journal")
    note = check.text(note, field="note", label="Uwagi", max_len=400, required=False)
    clash = session.scalar(select(LegalAct).where(
        LegalAct.act == act.value, LegalAct.valid_from == valid_from,
        LegalAct.id != (act_id or 0)))
    if clash is not None:
        raise ValidationError(f"Od {valid_from:%d.%m.%Y} r. obowiązuje już wpis "
                              f"{clash.journal} — popraw go zamiast dodawać nowy.",
                              field="valid_from")
    if act_id is None:
        row = LegalAct(act=act.value)
        session.add(row)
    else:
        found = session.get(LegalAct, act_id)
        if found is None:
            raise NotFound("Nie ma takiego wpisu.")
        if expected_version is not None and found.version != expected_version:
            raise ConflictError({"journal": (found.journal, journal)})
        row = found
    row.act, row.valid_from, row.title, row.journal, row.note = (
        act.value, valid_from, title, journal, note)
    session.flush()
    return row.id
