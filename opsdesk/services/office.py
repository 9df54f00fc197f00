"""The office's settings, shared by every workstation through the database."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from opsdesk import clock
from opsdesk.errors import ConflictError, ValidationError
from opsdesk.models import Office
from opsdesk.reports.views import OfficeView
from opsdesk.services import validation as check
from opsdesk.services.identity import identity_on
from opsdesk.services.permissions import Permission
from opsdesk.services.security import Actor, operation


@dataclass(frozen=True)
class OfficeForm:
    name: str
    address: str = ""
    phone: str = ""
    town: str = ""
    gmina: str = ""
    mayor_title: str = ""
    mayor_genitive: str = ""
    head_name: str = ""
    head_position: str = "Kierownik Gminnego Ośrodka Pomocy Społecznej"
    sko_name: str = ""
    room: str = "122"
    opens_at: str = "07:30"
    closes_at: str = "15:30"
    case_symbol: str = "GOPS.8311"
    e_delivery_address: str = ""
    bank_account: str = ""  # where a repayment (art. 98 ups) is paid into


_LABELS = {"name": "Nazwa ośrodka", "address": "Adres", "phone": "Telefon",
           "town": "Miejscowość (do dat pism)", "gmina": "Gmina",
           "mayor_title": "Organ (np. Wójt Gminy Zbąszynek)",
           "mayor_genitive": "Organ w dopełniaczu (z upoważnienia …)",
           "head_name": "Imię i nazwisko kierownika", "head_position": "Stanowisko kierownika",
           "sko_name": "Samorządowe Kolegium Odwoławcze", "room": "Pokój pierwszego kontaktu",
           "opens_at": "Godzina otwarcia", "closes_at": "Godzina zamknięcia",
           "case_symbol": "Symbol znaku sprawy",
           "e_delivery_address": "Adres do doręczeń elektronicznych ośrodka",
           "bank_account": "Rachunek bankowy ośrodka"}


DEFAULT_NAME = "Gminny Ośrodek Pomocy Społecznej"


def office_name(session: Session) -> str:
    """The name for the login window: read from the table, not the mapped class, since the
    ORM's mappers are not yet configured there (ui/preload.py does it behind the window)."""
    return session.scalar(select(Office.__table__.c.name).limit(1)) or DEFAULT_NAME


def get_office(session: Session) -> Office:
    office = session.scalar(select(Office).limit(1))
    if office is None:
        office = Office(name=DEFAULT_NAME)
        session.add(office)
        session.flush()
    return office


def office_form(session: Session) -> tuple[OfficeForm, int]:
    office = get_office(session)
    return OfficeForm(**{f.name: getattr(office, f.name) for f in fields(OfficeForm)}), \
        office.version


def office_view(session: Session, on: date | None = None) -> OfficeView:
    """The office as a document dated ``on`` (default today) prints it: the identity version
    in force that day (``identity``) over the office row."""
    o = get_office(session)
    view = OfficeView(name=o.name, address=o.address, phone=o.phone, town=o.town,
                      gmina=o.gmina, mayor_title=o.mayor_title, mayor_genitive=o.mayor_genitive,
                      head_name=o.head_name, head_position=o.head_position, sko_name=o.sko_name)
    version = identity_on(session, on or clock.today())
    if version is None:
        return view
    return replace(view, name=version.name, name_genitive=version.name_genitive,
                   town=version.town, mayor_title=version.organ_title,
                   mayor_genitive=version.organ_genitive, head_position=version.head_position,
                   sko_name=version.sko_name, sko_name_genitive=version.sko_name_genitive)


def _hour(value: str, field: str) -> str:
    parts = value.strip().split(":")
    if len(parts) != 2 or not all(p.isdigit() for p in parts) or not (
            0 <= int(parts[0]) < 24 and 0 <= int(parts[1]) < 60):
        raise ValidationError("Godzina w postaci GG:MM, np. 07:30.", field=field)
    return f"{int(parts[0]):02d}:{int(parts[1]):02d}"


@operation(Permission.OFFICE_SETTINGS)
def save_office(session: Session, form: OfficeForm, *, actor: Actor,
                expected_version: int) -> None:
    data = {k: check.text(v, field=k, label=_LABELS[k], max_len=200, required=k in (
        "name", "case_symbol")) for k, v in asdict(form).items()}
    data["opens_at"] = _hour(form.opens_at, "opens_at")
    data["closes_at"] = _hour(form.closes_at, "closes_at")
    if data["opens_at"] >= data["closes_at"]:
        raise ValidationError("Godzina zamknięcia musi być późniejsza niż otwarcia.",
                              field="closes_at")
    data["e_delivery_address"] = check.e_delivery_address(form.e_delivery_address)
    data["bank_account"] = check.bank_account(form.bank_account)
    if any(c.isspace() for c in data["case_symbol"]):
        raise ValidationError("Symbol znaku sprawy bez spacji, np. GOPS.8311.",
                              field="case_symbol")
    office = get_office(session)
    if office.version != expected_version:
        raise ConflictError({k: (getattr(office, k), v) for k, v in data.items()
                             if getattr(office, k) != v})
    for key, value in data.items():
        setattr(office, key, value)
    session.flush()


def signer_position(office: Office, position: str) -> str:
    """The signer's position with the office's place, as a decision prints it: "Kierownik
    Gminnego Ośrodka Pomocy Społecznej" becomes "… w Zbąszynku" (the " w …" of the office's
    name); a position that names its place already is left as it is."""
    position = position.strip()
    name = office.name.strip()
    names_unit = any(word in position for word in ("Ośrodka", "Centrum", "Centrów"))
    if not names_unit or " w " in position or " w " not in name:
        return position
    return f"{position} {name[name.rindex(' w ') + 1:]}"
