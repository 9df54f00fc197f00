"""The fixed texts of the documents, kept by the head: dated versions, placeholders from a
list, and the check that what kpa art. 107 § 1 requires is still said.

What is editable so far: the paragraphs of a decision's POUCZENIE (the appeal, its waiver,
art. 109 ups) and one more paragraph the kolegium may ask for. Each version is written as a
draft, approved, and in force from its date; an approved version is never changed, so a
decision printed again uses the words of the day it was issued. Without an approved version
the program's own wording applies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from opsdesk import clock
from opsdesk.errors import NotFound, ValidationError
from opsdesk.models import DocumentText
from opsdesk.models.enums import AuditAction
from opsdesk.reports import layout as L
from opsdesk.reports.decision import DEFAULT_INSTRUCTIONS, render_decision
from opsdesk.reports.views import DecisionView, OfficeView
from opsdesk.services.audit import write_audit
from opsdesk.services.office import office_view
from opsdesk.services.permissions import Permission
from opsdesk.services.security import Actor, operation

# What can be put in a text, and what it becomes on a document (from the office's identity
# in force on the document's date).
PLACEHOLDERS: dict[str, str] = {
    "organ": "organ w mianowniku (Burmistrz Zbąszynka)",
    "organ_dopelniacz": "organ w dopełniaczu (Burmistrza Zbąszynka)",
    "jednostka": "nazwa jednostki (Gminny Ośrodek Pomocy Społecznej w …)",
    "jednostka_dopelniacz": "nazwa jednostki w dopełniaczu",
    "kolegium": "kolegium w mianowniku",
    "kolegium_dopelniacz": "kolegium w dopełniaczu (do kogo odwołanie)",
    "za_posrednictwem": "za czyim pośrednictwem (Kierownika Gminnego Ośrodka …)",
    "miejscowosc": "miejscowość",
}


@dataclass(frozen=True)
class TextKind:
    """An editable text: its title, and what kpa art. 107 § 1 requires it to keep saying —
    placeholders and phrases (lower case, a word's stem) with the reason shown when missing."""

    title: str
    default: str
    placeholders: tuple[str, ...] = ()
    phrases: tuple[tuple[str, str], ...] = ()
    required: bool = True


KINDS: dict[str, TextKind] = {
    "decision.appeal": TextKind(
        "Decyzja — pouczenie o odwołaniu", DEFAULT_INSTRUCTIONS[0],
        ("kolegium_dopelniacz", "za_posrednictwem"),
        (("14 dni", "termin na odwołanie (art. 129 § 2 kpa)"),
         ("odwołani", "czy służy odwołanie (art. 107 § 1 pkt 7 kpa)"))),
    "decision.waiver": TextKind(
        "Decyzja — zrzeczenie się odwołania", DEFAULT_INSTRUCTIONS[1], (),
        (("zrzec", "prawo do zrzeczenia się odwołania (art. 107 § 1 pkt 7 kpa)"),
         ("ostateczn", "skutek zrzeczenia się: decyzja ostateczna (art. 127a § 2 kpa)"))),
    "decision.art109": TextKind(
        "Decyzja — obowiązek informowania (art. 109 ups)", DEFAULT_INSTRUCTIONS[2]),
    "decision.extra": TextKind(
        "Decyzja — dodatkowe pouczenie (np. na prośbę kolegium)", "", required=False),
}

_PLACEHOLDER_RE = re.compile(r"\{([^{}]*)\}")


@dataclass(frozen=True)
class VersionRow:
    id: int
    key: str
    valid_from: date
    text: str
    approved: bool


def check_text(key: str, text: str) -> str:
    """The text as saved, or a refusal naming what is missing or not allowed."""
    kind = KINDS.get(key)
    if kind is None:
        raise ValidationError("Nieznany rodzaj tekstu.", field="key")
    value = text.strip()
    if kind.required and not value:
        raise ValidationError("Ten tekst nie może być pusty.", field="text")
    if len(value) > 4000:
        raise ValidationError("Tekst jest za długi (najwyżej 4000 znaków).", field="text")
    used = _PLACEHOLDER_RE.findall(value)
    unknown = sorted({name for name in used if name not in PLACEHOLDERS})
    if unknown:
        raise ValidationError("Nieznane pola: " + ", ".join(f"{{{n}}}" for n in unknown)
                              + ". Wstaw pole z listy.", field="text")
    if _PLACEHOLDER_RE.sub("", value).count("{") or _PLACEHOLDER_RE.sub("", value).count("}"):
        raise ValidationError("Nawias klamrowy bez pola: pola wstawia się z listy.",
                              field="text")
    missing = [f"pole {{{name}}}" for name in kind.placeholders if name not in used]
    missing += [why for phrase, why in kind.phrases if phrase not in value.lower()]
    if missing:
        raise ValidationError("Brakuje elementów wymaganych przez art. 107 § 1 kpa: "
                              + "; ".join(missing) + ".", field="text")
    return value


def values_of(office: OfficeView) -> dict[str, str]:
    """What each placeholder becomes for ``office`` (the identity of the document's date)."""
    return {"organ": office.mayor_title, "organ_dopelniacz": office.mayor_genitive,
            "jednostka": office.name, "jednostka_dopelniacz": L.office_genitive(office),
            "kolegium": office.sko_name, "kolegium_dopelniacz": L.sko_genitive(office),
            "za_posrednictwem": L.appeal_via(office), "miejscowosc": office.town}


def fill(text: str, values: dict[str, str]) -> str:
    return _PLACEHOLDER_RE.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def _in_force(session: Session, key: str, on: date) -> str:
    version = session.scalar(select(DocumentText).where(
        DocumentText.key == key, DocumentText.valid_from <= on,
        DocumentText.approved_by.is_not(None)).order_by(DocumentText.valid_from.desc())
        .limit(1))
    return version.text if version is not None else KINDS[key].default


def decision_instructions(session: Session, on: date, office: OfficeView) -> tuple[str, ...]:
    """The POUCZENIE of a decision dated ``on``: the versions in force that day, filled."""
    values = values_of(office)
    texts = [fill(_in_force(session, key, on), values) for key in KINDS]
    return tuple(t for t in texts if t.strip())


def versions(session: Session, key: str) -> list[VersionRow]:
    return [VersionRow(v.id, v.key, v.valid_from, v.text, v.approved_by is not None)
            for v in session.scalars(select(DocumentText).where(DocumentText.key == key)
                                     .order_by(DocumentText.valid_from))]


@operation(Permission.OFFICE_SETTINGS)
def save_version(session: Session, key: str, valid_from: date, text: str, *, actor: Actor
                 ) -> VersionRow:
    """A draft from ``valid_from`` (today or later); a draft of the same day is rewritten,
    an approved one never."""
    value = check_text(key, text)
    if valid_from < clock.today():
        raise ValidationError("Nowa wersja nie może obowiązywać wstecz: wydane pisma "
                              "zachowują swoje brzmienie.", field="valid_from")
    version = session.scalar(select(DocumentText).where(
        DocumentText.key == key, DocumentText.valid_from == valid_from))
    if version is not None and version.approved_by is not None:
        raise ValidationError("Wersja z tego dnia jest już zatwierdzona; przygotuj wersję "
                              "od innego dnia.", field="valid_from")
    if version is None:
        version = DocumentText(key=key, valid_from=valid_from, text=value,
                               written_by=actor.id)
        session.add(version)
    else:
        version.text, version.written_by = value, actor.id
    session.flush()
    write_audit(session, actor.id, AuditAction.UPDATE, "DocumentText", version.id,
                {"key": key, "valid_from": valid_from.isoformat()})
    return VersionRow(version.id, key, valid_from, value, False)


@operation(Permission.OFFICE_SETTINGS)
def approve_version(session: Session, version_id: int, *, actor: Actor) -> VersionRow:
    """Approve a draft: from its date the documents use it (the switch needs no one)."""
    version = session.get(DocumentText, version_id)
    if version is None:
        raise NotFound("Nie ma takiej wersji tekstu.")
    if version.valid_from < clock.today():
        raise ValidationError("Tej wersji nie można już zatwierdzić: jej data minęła. "
                              "Zapisz ją od dzisiaj lub później.")
    check_text(version.key, version.text)
    version.approved_by, version.approved_at = actor.id, clock.now()
    session.flush()
    write_audit(session, actor.id, AuditAction.UPDATE, "DocumentText", version.id,
                {"approved": True})
    return VersionRow(version.id, version.key, version.valid_from, version.text, True)


@operation(Permission.OFFICE_SETTINGS)
def preview_pdf(session: Session, key: str, valid_from: date, text: str, *, actor: Actor
                ) -> bytes:
    """A sample decision printed with ``text`` in its place, before it is saved."""
    office = office_view(session, valid_from)
    values = values_of(office)
    texts = [fill(text if k == key else _in_force(session, k, valid_from), values)
             for k in KINDS]
    return render_decision(DecisionView(
        office=office, number="WZÓR", case_sign="—", issued_on=valid_from,
        title="DECYZJA", party_name="Jan Przykładowy", party_address="ul. Przykładowa 1",
        party_pesel="", legal_basis="art. … ustawy z dnia 12 marca 2004 r. o pomocy społecznej",
        ruling=("Przyznaję … (wzór treści).",), justification="(wzór uzasadnienia)",
        granted_in_full=False, immediate_enforcement_reason="",
        signatory_name=office.head_name, signatory_position=office.head_position,
        on_behalf=True, recipients=("Adresat", "a/a"),
        instructions=tuple(t for t in texts if t.strip())))


def placeholder_values(session: Session, on: date) -> dict[str, str]:
    """What the placeholders print on a document dated ``on`` (for the editor's preview)."""
    return values_of(office_view(session, on))


def text_in_force(session: Session, key: str, on: date) -> str:
    """The text a document dated ``on`` uses (an approved version or the program's own)."""
    return _in_force(session, key, on)
