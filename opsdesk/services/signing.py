"""Electronic signatures of the office's PDFs: PAdES with pyHanko, and the check of a file
signed in an outside program.

Since e-Doręczenia is the main channel of delivery, a decision sent electronically must carry a
qualified electronic signature (kpa art. 14 § 1a, art. 107 § 1 pkt 8). The signer is a
certificate file (PKCS#12, .p12/.pfx) or a smart card behind a PKCS#11 library; either way the
signature is PAdES (ETSI.CAdES.detached) with a visible block in the room left to sign. No Qt
and no database here: bytes in, bytes out.
"""

from __future__ import annotations

import io
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from asn1crypto import x509 as asn1_x509
from pkcs11.exceptions import PKCS11Error
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfReadError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko.stamp import StaticStampStyle
from pyhanko_certvalidator import ValidationContext

from opsdesk.errors import ValidationError
from opsdesk.reports.layout import SIGNATURE_SPOT_KEY
from opsdesk.reports.signature_stamp import render_signature_stamp

FIELD_NAME = "PodpisOrganu"
_SPOT_RE = re.compile(re.escape(SIGNATURE_SPOT_KEY) + r"=(\d+):([\d.]+),([\d.]+),([\d.]+),([\d.]+)")
# Bottom right of the last page, above the footer: where a document without a room to sign
# (an outside PDF, an older print) gets the block.
_FALLBACK_BOX = (330.0, 70.0, 540.0, 120.0)
# ETSI EN 319 412-1 § 5.1.3: a natural person's semantic identifier, "PNOPL-" + PESEL.
_PESEL_ID_RE = re.compile(r"(?:PNOPL-)?(\d{11})$")


@dataclass(frozen=True)
class SignerIdentity:
    """Who a certificate names: as printed, and the PESEL when the certificate carries one."""

    name: str
    pesel: str
    issuer: str


@dataclass(frozen=True)
class SignatureCheck:
    """What the validation of a signed PDF found (the signature that covers the file)."""

    signer: SignerIdentity
    signed_at: datetime | None
    intact: bool
    covers_whole_file: bool
    trusted: bool  # the chain reaches one of the trust roots given to the check


def load_pkcs12_signer(path: Path, passphrase: str) -> signers.Signer:
    """A signer from a certificate file; a wrong password or a bad file is the user's to fix."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ValidationError(f"Nie można odczytać pliku certyfikatu: {exc.strerror}.") from exc
    try:
        return signers.SimpleSigner.load_pkcs12_data(
            data, other_certs=(), passphrase=passphrase.encode() if passphrase else None)
    except ValueError as exc:
        raise ValidationError("Nie udało się otworzyć pliku certyfikatu: złe hasło albo plik "
                              "nie jest certyfikatem PKCS#12 (.p12, .pfx).") from exc


def open_card_signer(library: Path, pin: str, *, token_label: str | None = None
                     ) -> signers.Signer:
    """A signer on a smart card through its PKCS#11 library (the card maker's .dll/.so):
    the first certificate on the card, with the key of the same id — a qualified signature
    card holds one signing certificate. Tested here with SoftHSM only, never a real card."""
    from pkcs11 import Attribute, ObjectClass, TokenFlag
    from pkcs11 import lib as pkcs11_lib
    from pyhanko.sign import pkcs11

    try:
        if token_label is None:
            # A reader may offer empty slots too: take the first card that is set up.
            tokens = [slot.get_token() for slot in pkcs11_lib(str(library)).get_slots(
                token_present=True)]
            token_label = next((t.label for t in tokens
                                if t.flags & TokenFlag.TOKEN_INITIALIZED), None)
        session = pkcs11.open_pkcs11_session(
            str(library), token_criteria=pkcs11.TokenCriteria(label=token_label)
            if token_label else None, user_pin=pin or pkcs11.PROTECTED_AUTH)
        certificates = list(session.get_objects({Attribute.CLASS: ObjectClass.CERTIFICATE}))
    except (PKCS11Error, OSError, RuntimeError) as exc:
        raise ValidationError("Nie udało się otworzyć karty kryptograficznej (czytnik, "
                              f"biblioteka, PIN): {type(exc).__name__}.") from exc
    if not certificates:
        session.close()
        raise ValidationError("Na karcie nie ma certyfikatu do podpisu.")
    cert_id = certificates[0][Attribute.ID]
    # The raw mechanisms (hashing done here): what every card offers, unlike the combined
    # hash-and-sign ones some cards (and SoftHSM for ECDSA) lack.
    return pkcs11.PKCS11Signer(session, cert_id=cert_id, key_id=cert_id,
                               use_raw_mechanism=True)


def identity_of(cert: asn1_x509.Certificate) -> SignerIdentity:
    """The name and PESEL a (Polish qualified) certificate gives its holder."""
    subject = cert.subject.native
    name = subject.get("common_name") or " ".join(
        part for part in (subject.get("given_name", ""), subject.get("surname", "")) if part)
    match = _PESEL_ID_RE.search(str(subject.get("serial_number", "")))
    return SignerIdentity(name=str(name), pesel=match.group(1) if match else "",
                          issuer=str(cert.issuer.native.get("common_name", "")))


def _box(reader: PdfFileReader) -> tuple[int, tuple[float, float, float, float]]:
    info = reader.trailer_view.get("/Info")
    keywords = str(info.get_object().get("/Keywords", "")) if info is not None else ""
    match = _SPOT_RE.search(keywords)
    pages = int(reader.root["/Pages"]["/Count"])
    if match is None:
        return pages - 1, _FALLBACK_BOX
    page = min(int(match.group(1)), pages) - 1
    x1, y1, x2, y2 = (float(match.group(i)) for i in range(2, 6))
    return page, (x1, y1, x2, y2)


def sign_pdf(pdf: bytes, signer: signers.Signer, *, reason: str, location: str,
             signed_at: datetime) -> bytes:
    """The PDF with a PAdES signature and a visible block (who signed, when) in the room to
    sign. ``signed_at`` is the office clock's time printed in the block; the signing time in
    the signature itself is the machine's (no time-stamping authority offline)."""
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    except PdfReadError as exc:
        raise ValidationError("Plik nie jest poprawnym dokumentem PDF.") from exc
    page, box = _box(writer.prev)
    if signer.signing_cert is None:
        raise ValidationError("Brak certyfikatu podpisującego.")
    who = identity_of(signer.signing_cert)
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME, reason=reason, location=location, name=who.name,
        subfilter=fields.SigSeedSubFilter.PADES)
    spec = fields.SigFieldSpec(sig_field_name=FIELD_NAME, on_page=page,
                               box=(round(box[0]), round(box[1]), round(box[2]), round(box[3])))
    stamp = render_signature_stamp(box[2] - box[0], box[3] - box[1], signer=who.name,
                                   signed_at=signed_at, issuer=who.issuer)
    out = io.BytesIO()
    # pyHanko imports a stamp page from a file only (and on Windows a file open for writing
    # cannot be read again), hence a directory of its own.
    with tempfile.TemporaryDirectory(prefix="opsdesk-") as folder:
        stamp_file = Path(folder) / "stamp.pdf"
        stamp_file.write_bytes(stamp)
        style = StaticStampStyle.from_pdf_file(str(stamp_file), border_width=0)
        try:
            signers.PdfSigner(meta, signer=signer, stamp_style=style,
                              new_field_spec=spec).sign_pdf(writer, output=out)
        except PKCS11Error as exc:
            raise ValidationError("Karta nie podpisała dokumentu (wyjęta z czytnika, "
                                  f"zablokowana?): {type(exc).__name__}.") from exc
    return out.getvalue()


def check_signed_pdf(pdf: bytes, *, trust_roots: tuple[asn1_x509.Certificate, ...] = ()
                     ) -> SignatureCheck:
    """Validate the last signature of a PDF: intact, covering the whole file, and — when trust
    roots are given — issued under one of them. Refuses a file with no signature."""
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        signatures = reader.embedded_regular_signatures
    except (PdfReadError, ValueError, KeyError) as exc:
        raise ValidationError("Plik nie jest poprawnym dokumentem PDF.") from exc
    if not signatures:
        raise ValidationError("Plik nie zawiera podpisu elektronicznego.")
    embedded = signatures[-1]
    context = ValidationContext(trust_roots=list(trust_roots), allow_fetching=False)
    status = validate_pdf_signature(embedded, context)
    return SignatureCheck(
        signer=identity_of(status.signing_cert), signed_at=status.signer_reported_dt,
        intact=bool(status.intact and status.valid),
        covers_whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
        trusted=bool(status.trusted))


def _folded(text: str) -> str:
    """A name compared without case, accents or extra spaces ("Łucja" = "LUCJA")."""
    text = unicodedata.normalize("NFKD", text.replace("ł", "l").replace("Ł", "L"))
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).casefold().split())


def require_signature_of(pdf: bytes, *, name: str, pesel: str = "",
                         trust_roots: tuple[asn1_x509.Certificate, ...] = ()) -> SignatureCheck:
    """The check of a file signed outside the program: a valid signature over the whole file,
    made by the expected person (PESEL when both sides have one, else the name)."""
    check = check_signed_pdf(pdf, trust_roots=trust_roots)
    if not check.intact:
        raise ValidationError("Podpis elektroniczny w pliku jest nieważny: dokument zmieniono "
                              "po podpisaniu albo podpis jest uszkodzony.")
    if not check.covers_whole_file:
        raise ValidationError("Podpis nie obejmuje całego pliku: po podpisaniu dopisano do "
                              "niego treść.")
    if trust_roots and not check.trusted:
        raise ValidationError("Certyfikat podpisu nie pochodzi od zaufanego wystawcy.")
    same = (check.signer.pesel == pesel) if (pesel and check.signer.pesel) else (
        _folded(check.signer.name) == _folded(name))
    if not same:
        raise ValidationError(f"Plik podpisała inna osoba ({check.signer.name}), a nie "
                              f"{name}.")
    return check
