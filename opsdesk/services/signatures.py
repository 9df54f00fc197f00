"""Signing an issued decision electronically, and keeping the signed original.

The signatory signs in the program with a certificate file or a card (``signing``); or the
decision's PDF goes out to another program and comes back signed, and the file is taken only
when it carries an intact signature of the decision's signatory. Either way the signed PDF is
stored as it is: it is the original sent by e-Doręczenia, and it is never rendered again.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from pyhanko.sign.signers import Signer
from sqlalchemy import select
from sqlalchemy.orm import Session

from opsdesk import clock
from opsdesk.errors import NotFound, ValidationError
from opsdesk.models import Decision, SignedDocument
from opsdesk.models.enums import AuditAction, DecisionStatus
from opsdesk.reports.decision import render_decision
from opsdesk.services import signing
from opsdesk.services.audit import write_audit
from opsdesk.services.decisions.wording import decision_view
from opsdesk.services.office import get_office
from opsdesk.services.permissions import Permission
from opsdesk.services.security import Actor, operation


@dataclass(frozen=True)
class SignedInfo:
    """What the screen shows of a decision's signed original."""

    decision_id: int
    signer_name: str
    signed_at: datetime
    imported: bool


def _issued(session: Session, decision_id: int) -> Decision:
    d = session.get(Decision, decision_id)
    if d is None:
        raise NotFound("Nie ma takiej decyzji.")
    if d.status is not DecisionStatus.ISSUED:
        raise ValidationError("Podpisać elektronicznie można tylko wydaną decyzję.")
    return d


def _store(session: Session, d: Decision, pdf: bytes, check: signing.SignatureCheck, *,
           actor: Actor, imported: bool) -> SignedInfo:
    signed_at = clock.now().replace(tzinfo=None)
    session.add(SignedDocument(
        decision_id=d.id, pdf=pdf, sha256=hashlib.sha256(pdf).hexdigest(),
        signer_name=check.signer.name, signer_pesel=check.signer.pesel,
        issuer=check.signer.issuer, signed_at=signed_at, imported=imported,
        stored_by=actor.id))
    write_audit(session, actor.id, AuditAction.UPDATE, "Decision", d.id,
                {"signed": "imported" if imported else "in_program"})
    session.flush()
    return SignedInfo(d.id, check.signer.name, signed_at, imported)


@operation(Permission.DECISION_APPROVE)
def sign_decision(session: Session, decision_id: int, *, actor: Actor, signer: Signer
                  ) -> SignedInfo:
    """Sign the issued decision as its signatory: the certificate must name the person the
    decision names as signing it (a colleague's card signs nothing here)."""
    d = _issued(session, decision_id)
    pdf = render_decision(decision_view(session, d))
    signed = signing.sign_pdf(pdf, signer, reason=f"Decyzja nr {d.number}",
                              location=get_office(session).town, signed_at=clock.now())
    check = signing.require_signature_of(signed, name=d.signatory_name)
    return _store(session, d, signed, check, actor=actor, imported=False)


@operation(Permission.DOCUMENT_PRINT)
def import_signed_decision(session: Session, decision_id: int, *, actor: Actor, pdf: bytes
                           ) -> SignedInfo:
    """Take a decision signed in an outside program: the signature must be intact, cover the
    whole file and be the decision's signatory's; anything else is refused with the reason."""
    d = _issued(session, decision_id)
    check = signing.require_signature_of(pdf, name=d.signatory_name)
    return _store(session, d, pdf, check, actor=actor, imported=True)


def latest_signed(session: Session, decision_id: int) -> SignedDocument | None:
    return session.scalar(select(SignedDocument).where(
        SignedDocument.decision_id == decision_id).order_by(SignedDocument.id.desc()).limit(1))


@operation(Permission.CASE_READ)
def signed_info(session: Session, decision_id: int, *, actor: Actor) -> SignedInfo | None:
    row = latest_signed(session, decision_id)
    return None if row is None else SignedInfo(row.decision_id, row.signer_name,
                                               row.signed_at, row.imported)


@operation(Permission.DOCUMENT_PRINT)
def signed_decision_pdf(session: Session, decision_id: int, *, actor: Actor) -> bytes:
    """The signed original, byte for byte as it was signed."""
    row = latest_signed(session, decision_id)
    if row is None:
        raise NotFound("Ta decyzja nie została jeszcze podpisana elektronicznie.")
    write_audit(session, actor.id, AuditAction.EXPORT, "Decision", decision_id,
                {"signed_pdf": row.id})
    return row.pdf
