"""The office's identity as dated versions: the unit (OPS or CUS), its organ (wójt, burmistrz,
prezydent) with the forms the documents need, the town and the kolegium.

A gmina turns its OPS into a Centrum Usług Społecznych, a town gets city rights and a
burmistrz, the kolegium moves: each change is recorded with the date it takes effect (ahead,
if known), and every document prints the version in force on its own date — a decision of
last year is printed again as it was issued. A version never works backwards: the past is
what the documents already say.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from opsdesk import clock
from opsdesk.errors import ValidationError
from opsdesk.models import OfficeIdentity
from opsdesk.models.enums import AuditAction
from opsdesk.reports.polish_forms import unit_genitive
from opsdesk.services import validation as check
from opsdesk.services.audit import write_audit
from opsdesk.services.permissions import Permission
from opsdesk.services.security import Actor, operation

UNIT_KINDS = {"OPS": "ośrodek pomocy społecznej", "CUS": "centrum usług społecznych"}
# The organ's word in the nominative and in the genitive ("z upoważnienia Wójta …"); the
# rest of its name ("Gminy Zbąszynek", "Zbąszynka", "Miasta Gorzowa Wlkp.") is a genitive
# already and stays as typed.
ORGANS = {"WOJT": ("Wójt", "Wójta"), "BURMISTRZ": ("Burmistrz", "Burmistrza"),
          "PREZYDENT": ("Prezydent", "Prezydenta")}
HEAD_POSITIONS = {"OPS": "Kierownik", "CUS": "Dyrektor"}


@dataclass(frozen=True)
class IdentityForm:
    valid_from: date
    unit_kind: str
    name: str
    organ_kind: str
    organ_of: str
    town: str
    sko_name: str
    head_position: str = ""  # default: Kierownik/Dyrektor + the unit's name in the genitive
    name_genitive: str = ""
    sko_name_genitive: str = ""
    source: str = ""


@dataclass(frozen=True)
class IdentityRow:
    """A version as the documents use it, with the organ's forms made from the kind."""

    id: int
    valid_from: date
    unit_kind: str
    name: str
    name_genitive: str
    organ_title: str  # "Burmistrz Zbąszynka"
    organ_genitive: str  # "Burmistrza Zbąszynka"
    town: str
    head_position: str
    sko_name: str
    sko_name_genitive: str
    source: str


def organ_forms(kind: str, of: str) -> tuple[str, str]:
    """("Burmistrz Zbąszynka", "Burmistrza Zbąszynka") from BURMISTRZ and "Zbąszynka"."""
    nominative, genitive = ORGANS[kind]
    return f"{nominative} {of.strip()}", f"{genitive} {of.strip()}"


def _row(v: OfficeIdentity) -> IdentityRow:
    title, genitive = organ_forms(v.organ_kind, v.organ_of)
    return IdentityRow(v.id, v.valid_from, v.unit_kind, v.name, v.name_genitive, title,
                       genitive, v.town, v.head_position, v.sko_name, v.sko_name_genitive,
                       v.source)


def identity_on(session: Session, on: date) -> IdentityRow | None:
    """The version in force on ``on``; None before the first one (the office row applies)."""
    version = session.scalar(select(OfficeIdentity).where(OfficeIdentity.valid_from <= on)
                             .order_by(OfficeIdentity.valid_from.desc()).limit(1))
    return None if version is None else _row(version)


def identity_history(session: Session) -> list[IdentityRow]:
    return [_row(v) for v in session.scalars(select(OfficeIdentity).order_by(
        OfficeIdentity.valid_from))]


@operation(Permission.OFFICE_SETTINGS)
def record_identity(session: Session, form: IdentityForm, *, actor: Actor) -> IdentityRow:
    """A new version from ``valid_from`` (today or later: what was printed stays printed)."""
    if form.valid_from < clock.today():
        raise ValidationError("Zmiana danych organu nie może działać wstecz: wydane pisma "
                              "zachowują dane z dnia wydania. Podaj dzisiejszą lub "
                              "późniejszą datę.", field="valid_from")
    if form.unit_kind not in UNIT_KINDS:
        raise ValidationError("Wybierz rodzaj jednostki: OPS albo CUS.", field="unit_kind")
    if form.organ_kind not in ORGANS:
        raise ValidationError("Wybierz organ: wójt, burmistrz albo prezydent.",
                              field="organ_kind")
    if session.scalar(select(OfficeIdentity.id).where(
            OfficeIdentity.valid_from == form.valid_from)) is not None:
        raise ValidationError("Od tego dnia obowiązuje już inna wersja danych organu.",
                              field="valid_from")
    texts = {k: check.text(getattr(form, k), field=k, label=label, max_len=200,
                           required=required)
             for k, label, required in (
                 ("name", "Nazwa jednostki", True), ("organ_of", "Organ — czego/kogo", True),
                 ("town", "Miejscowość", True), ("sko_name", "Kolegium", True),
                 ("head_position", "Stanowisko kierownika", False),
                 ("name_genitive", "Nazwa w dopełniaczu", False),
                 ("sko_name_genitive", "Kolegium w dopełniaczu", False),
                 ("source", "Podstawa zmiany", False))}
    if not texts["head_position"]:
        texts["head_position"] = (f"{HEAD_POSITIONS[form.unit_kind]} "
                                  f"{texts['name_genitive'] or unit_genitive(texts['name'])}")
    version = OfficeIdentity(valid_from=form.valid_from, unit_kind=form.unit_kind,
                             organ_kind=form.organ_kind, entered_by=actor.id, **texts)
    session.add(version)
    session.flush()
    write_audit(session, actor.id, AuditAction.CREATE, "OfficeIdentity", version.id,
                {"valid_from": form.valid_from.isoformat()})
    return _row(version)
