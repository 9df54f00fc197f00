"""e-Doręczenia, offline first: a signed decision for a party with an electronic delivery
address (ADE) is exported as a package ready for sending, and the delivery confirmation
downloaded later sets the day of delivery.

The program does not talk to the e-Doręczenia service (there is no connection from here, and
sending goes through the office's mailbox or its own client program). The package is the
program's own format, a ZIP the worker sends from the mailbox:

* ``<decision number>.pdf`` — the signed original, byte for byte (``signatures``);
* ``przesylka.json`` — what the mailbox form asks for: the sender's and the addressee's ADE,
  the addressee's name, the title ("Decyzja nr …"), the case sign, the issue date, and each
  file with its SHA-256, under ``"format": "opsdesk-e-doreczenia/1"``.

The confirmation is read from an XML file (UPO / dowód doręczenia). Its schema is assumed,
not checked against the service: the decision's number is taken from the title of the
consignment ("Decyzja nr …") or an element naming the decision, and the day from an element
whose name says delivery or receipt time; ISO dates, with or without a time and a zone.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from xml.etree import ElementTree

from sqlalchemy import select
from sqlalchemy.orm import Session

from opsdesk import clock
from opsdesk.errors import NotFound, ValidationError
from opsdesk.models import Decision, EDelivery, Person
from opsdesk.models.enums import AuditAction, DeliveryMethod
from opsdesk.services import validation as check
from opsdesk.services.audit import write_audit
from opsdesk.services.office import get_office
from opsdesk.services.permissions import Permission
from opsdesk.services.security import Actor, operation
from opsdesk.services.signatures import latest_signed

FORMAT = "opsdesk-e-doreczenia/1"
_NUMBER_RE = re.compile(r"\bnr\s+([\w./-]*\d[\w./-]*)", re.IGNORECASE)
_DAY_NAMES = {"datadoreczenia", "datadoręczenia", "dataodbioru", "deliverytime",
              "deliverydate", "eventtime", "receipttime", "dataczasdoreczenia"}
_NUMBER_NAMES = {"tytul", "tytuł", "title", "subject", "numerdecyzji", "identyfikatordokumentu"}


@dataclass(frozen=True)
class Package:
    file_name: str
    data: bytes


@dataclass(frozen=True)
class DeliveryRecorded:
    decision_number: str
    delivered_on: date
    decision_delivered_on: date  # the decision's delivery day now (one recorded before stays)


@operation(Permission.PERSON_WRITE)
def set_e_delivery_address(session: Session, person_id: int, address: str, *, actor: Actor
                           ) -> str:
    person = session.get(Person, person_id)
    if person is None:
        raise NotFound("Nie ma takiej osoby.")
    person.e_delivery_address = check.e_delivery_address(address)
    session.flush()
    return person.e_delivery_address


def _decision(session: Session, decision_id: int) -> tuple[Decision, str, date]:
    """An issued decision with its number and issue day."""
    d = session.get(Decision, decision_id)
    if d is None or d.number is None or d.issued_on is None:
        raise NotFound("Nie ma takiej wydanej decyzji.")
    return d, d.number, d.issued_on


@operation(Permission.DOCUMENT_PRINT)
def export_package(session: Session, decision_id: int, *, actor: Actor) -> Package:
    """The ZIP to send: only a signed decision, only to a party with an ADE."""
    d, number, issued_on = _decision(session, decision_id)
    person = session.get(Person, d.person_id)
    assert person is not None
    if not person.e_delivery_address:
        raise ValidationError("Strona nie ma adresu do doręczeń elektronicznych: wpisz go "
                              "albo doręcz decyzję na papierze.")
    signed = latest_signed(session, d.id)
    if signed is None:
        raise ValidationError("Decyzję wysyłaną przez e-Doręczenia trzeba najpierw podpisać "
                              "kwalifikowanym podpisem elektronicznym.")
    office = get_office(session)
    pdf_name = re.sub(r"[^\w.-]+", "_", number) + ".pdf"
    meta = {
        "format": FORMAT,
        "nadawca": {"nazwa": office.name, "adres_do_doreczen": office.e_delivery_address},
        "adresat": {"nazwa": d.party_name, "adres_do_doreczen": person.e_delivery_address},
        "tytul": f"Decyzja nr {number}", "znak_sprawy": d.case.sign,
        "data_wydania": issued_on.isoformat(), "podpisal": signed.signer_name,
        "pliki": [{"nazwa": pdf_name, "sha256": signed.sha256}],
        "utworzono": clock.now().isoformat(timespec="seconds"),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(pdf_name, signed.pdf)
        archive.writestr("przesylka.json", json.dumps(meta, ensure_ascii=False, indent=2))
    data = buffer.getvalue()
    session.add(EDelivery(decision_id=d.id, address=person.e_delivery_address,
                          package_sha256=hashlib.sha256(data).hexdigest(),
                          exported_by=actor.id))
    write_audit(session, actor.id, AuditAction.EXPORT, "Decision", d.id, {"e_delivery": True})
    session.flush()
    return Package(f"e-doreczenie-{pdf_name.removesuffix('.pdf')}.zip", data)


def _local_name(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].casefold()


def _day(text: str) -> date:
    value = text.strip().replace("Z", "+00:00")
    moment = datetime.fromisoformat(value)
    return (moment.astimezone() if moment.tzinfo else moment).date()


def read_delivery_proof(xml: bytes) -> tuple[str, date]:
    """(the decision's number, the day of delivery) from a confirmation file, or a Polish
    refusal saying what is missing."""
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError as exc:
        raise ValidationError("Plik nie jest poprawnym dokumentem XML.") from exc
    number = day = None
    for element in root.iter():
        name, text = _local_name(element.tag), (element.text or "").strip()
        if not text:
            continue
        if day is None and name in _DAY_NAMES:
            try:
                day = _day(text)
            except ValueError:
                continue
        if number is None and name in _NUMBER_NAMES:
            match = _NUMBER_RE.search(text)
            number = match.group(1) if match else (text if name == "numerdecyzji" else None)
    if number is None:
        raise ValidationError("W potwierdzeniu nie ma numeru decyzji (tytuł „Decyzja nr …”).")
    if day is None:
        raise ValidationError("W potwierdzeniu nie ma daty doręczenia.")
    return number, day


@operation(Permission.DOCUMENT_PRINT)
def record_delivery_proof(session: Session, xml: bytes, *, actor: Actor) -> DeliveryRecorded:
    """The confirmation's day becomes the decision's day of delivery in the register, by
    e-Doręczenia (the appeal period runs from it), unless a delivery was recorded before."""
    number, day = read_delivery_proof(xml)
    d = session.scalar(select(Decision).where(Decision.number == number))
    if d is None or d.issued_on is None:
        raise NotFound(f"Nie ma wydanej decyzji nr {number}.")
    sent = session.scalar(select(EDelivery).where(EDelivery.decision_id == d.id)
                          .order_by(EDelivery.id.desc()).limit(1))
    if sent is None:
        raise ValidationError(f"Decyzji nr {number} nie wysłano przez e-Doręczenia z tego "
                              "programu.")
    if not d.issued_on <= day <= clock.today():
        raise ValidationError(f"Data doręczenia {day:%d.%m.%Y} jest sprzed wydania decyzji "
                              "albo z przyszłości.")
    sent.delivered_on = day
    sent.proof_sha256 = hashlib.sha256(xml).hexdigest()
    sent.proof_recorded_by = actor.id
    if d.delivered_on is None:
        # The delivery register (decisions.finality, issue 16): the e-Doręczenia receipt's
        # day. A delivery recorded before (handed over at the desk) stays as recorded.
        d.delivered_on, d.delivery_method = day, DeliveryMethod.E_DORECZENIA
    write_audit(session, actor.id, AuditAction.UPDATE, "Decision", d.id,
                {"e_delivery_on": day.isoformat()})
    session.flush()
    return DeliveryRecorded(number, day, d.delivered_on)


def party_of(session: Session, decision_id: int) -> tuple[int, str]:
    """The party of a decision and its ADE (empty when none), for the screen to ask for one."""
    d = session.get(Decision, decision_id)
    if d is None:
        raise NotFound("Nie ma takiej decyzji.")
    person = session.get(Person, d.person_id)
    assert person is not None
    return person.id, person.e_delivery_address
