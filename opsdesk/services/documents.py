"""The PDF of any document waiting at "Do odbioru", whichever area made it."""

from __future__ import annotations

from importlib import import_module

from sqlalchemy.orm import Session

from opsdesk.errors import NotFound
from opsdesk.models.enums import DocumentKind
from opsdesk.services.security import Actor

# Each kind's renderer: "module:function" taking (session, document_id, *, actor) -> bytes.
RENDERERS: dict[DocumentKind, str] = {
    DocumentKind.CERTIFICATE: "opsdesk.services.desk:certificate_pdf",
    DocumentKind.DECISION: "opsdesk.services.decisions.wording:decision_pdf",
    DocumentKind.RECEIPT: "opsdesk.services.payouts.documents:receipt_pdf",
    DocumentKind.NOTICE: "opsdesk.services.decisions.notices:notice_pdf",
}


def document_pdf(session: Session, kind: DocumentKind, document_id: int, *,
                 actor: Actor) -> bytes:
    target = RENDERERS.get(kind)
    if target is None:
        raise NotFound("Tego rodzaju dokumentu nie można jeszcze wydrukować.")
    module, name = target.split(":")
    return getattr(import_module(module), name)(session, document_id, actor=actor)
