"""PAdES signatures: a decision signed with a certificate made in the test validates, names its
signer and shows who signed and when; a file signed outside is taken only from the expected
person with an intact signature."""

from __future__ import annotations

import functools
import io
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader

from opsdesk.errors import ValidationError
from opsdesk.reports.signature_stamp import render_signature_stamp
from opsdesk.services import signatures, signing
from tests import factories
from tests.factories import single_case
from tests.pdf_helpers import pdf_text
from tests.signing_helpers import PASSPHRASE, SigningCa, make_ca, make_signer, make_signer_p12

SIGNED_AT = datetime(2026, 11, 10, 10, 5)


@pytest.fixture(scope="module")
def ca() -> SigningCa:
    return make_ca()


@pytest.fixture
def head_p12(ca: SigningCa, tmp_path: Path) -> Path:
    return make_signer_p12(ca, tmp_path / "kierownik.p12", given="Grażyna",
                           surname="Wiśniewska", pesel="70010112345")


@pytest.fixture
def issued(db, staff) -> int:  # type: ignore[no-untyped-def]
    _, case_id = single_case(db, staff)
    return factories.issue_decision(db, staff, factories.grant(case_id, "505.00")).id


def _decision_pdf(db, staff, decision_id: int) -> bytes:  # type: ignore[no-untyped-def]
    from opsdesk.services import decisions
    return db.write(lambda s: decisions.decision_pdf(s, decision_id, actor=staff.head))


def test_a_signed_decision_validates_and_names_its_signer(db, staff, issued, head_p12, ca):
    pdf = _decision_pdf(db, staff, issued)
    signer = signing.load_pkcs12_signer(head_p12, PASSPHRASE)
    signed = signing.sign_pdf(pdf, signer, reason="Decyzja", location="Zbąszynek",
                              signed_at=SIGNED_AT)
    check = signing.check_signed_pdf(signed, trust_roots=(ca.root,))
    assert check.intact and check.covers_whole_file and check.trusted
    assert check.signer == signing.SignerIdentity("Grażyna Wiśniewska", "70010112345",
                                                  "Testowe Centrum Certyfikacji")
    # The visible block, in the room to sign of the decision's last page.
    reader = PdfFileReader(io.BytesIO(signed))
    field = reader.embedded_regular_signatures[0].sig_field
    x1, y1, x2, y2 = (float(v) for v in field["/Rect"])
    assert x1 > 250 and 39 < y2 - y1 < 41  # right-hand half, the 14 mm left for the pen
    assert field["/P"] == reader.root["/Pages"]["/Kids"][-1]  # the last page
    assert field["/AP"]["/N"].get_object().data  # the appearance is drawn
    # Another CA's roots do not trust it.
    assert not signing.check_signed_pdf(signed, trust_roots=(make_ca("Obce CA").root,)).trusted


def test_the_visible_block_says_who_signed_and_when():
    stamp = render_signature_stamp(200, 40, signer="Grażyna Wiśniewska", signed_at=SIGNED_AT,
                                   issuer="Testowe CA")
    assert pdf_text(stamp).strip() == ("Dokument podpisany elektronicznie Grażyna Wiśniewska "
                                       "dnia 10.11.2026 r., godz. 10:05 certyfikat: Testowe CA")


def test_a_changed_file_or_another_signer_is_refused(db, staff, issued, head_p12, ca, tmp_path):
    pdf = _decision_pdf(db, staff, issued)
    signed = signing.sign_pdf(pdf, signing.load_pkcs12_signer(head_p12, PASSPHRASE),
                              reason="Decyzja", location="Zbąszynek", signed_at=SIGNED_AT)
    assert signing.require_signature_of(signed, name="GRAŻYNA  wiśniewska").intact
    assert signing.require_signature_of(signed, name="Ktoś Inny", pesel="70010112345")
    with pytest.raises(ValidationError, match=r"^Plik podpisała inna osoba \(Grażyna "
                                              r"Wiśniewska\), a nie Anna Nowak\.$"):
        signing.require_signature_of(signed, name="Anna Nowak")
    with pytest.raises(ValidationError, match="inna osoba"):
        signing.require_signature_of(signed, name="Grażyna Wiśniewska", pesel="80010112345")
    # A byte changed inside the signed range.
    at = signed.index(b"/Producer")
    forged = signed[:at] + b"/Producex" + signed[at + 9:]
    with pytest.raises(ValidationError, match="dokument zmieniono po podpisaniu"):
        signing.require_signature_of(forged, name="Grażyna Wiśniewska")
    # Something appended after the signature (an incremental update).
    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    writer.root["/Lang"] = writer.root["/Lang"] if "/Lang" in writer.root else None
    writer.update_root()
    appended = io.BytesIO()
    writer.write(appended)
    with pytest.raises(ValidationError, match="nie obejmuje całego pliku"):
        signing.require_signature_of(appended.getvalue(), name="Grażyna Wiśniewska")
    with pytest.raises(ValidationError, match="nie pochodzi od zaufanego"):
        signing.require_signature_of(signed, name="Grażyna Wiśniewska",
                                     trust_roots=(make_ca("Obce CA").root,))
    with pytest.raises(ValidationError, match="nie zawiera podpisu"):
        signing.require_signature_of(pdf, name="Grażyna Wiśniewska")
    with pytest.raises(ValidationError, match="nie jest poprawnym dokumentem PDF"):
        signing.require_signature_of(b"to nie jest PDF", name="Grażyna Wiśniewska")
    with pytest.raises(ValidationError, match="złe hasło"):
        signing.load_pkcs12_signer(head_p12, "złe")


def test_the_signatory_signs_and_the_signed_original_is_kept(db, staff, issued, head_p12, ca):
    signer = signing.load_pkcs12_signer(head_p12, PASSPHRASE)
    info = db.write(lambda s: signatures.sign_decision(s, issued, actor=staff.head,
                                                       signer=signer))
    assert (info.signer_name, info.imported) == ("Grażyna Wiśniewska", False)
    kept = db.write(lambda s: signatures.signed_decision_pdf(s, issued, actor=staff.head))
    check = signing.check_signed_pdf(kept, trust_roots=(ca.root,))
    assert check.intact and check.trusted
    assert "DECYZJA nr GOPS.8311.DEC.1.2026" in pdf_text(kept)
    assert db.write(lambda s: signatures.signed_info(s, issued, actor=staff.head)) == info


def test_a_file_signed_outside_is_taken_only_from_the_signatory(db, staff, issued, head_p12,
                                                                ca, tmp_path):
    pdf = _decision_pdf(db, staff, issued)
    other = make_signer_p12(ca, tmp_path / "inna.p12", given="Anna", surname="Nowak")
    by_other = signing.sign_pdf(pdf, signing.load_pkcs12_signer(other, PASSPHRASE),
                                reason="", location="", signed_at=SIGNED_AT)
    with pytest.raises(ValidationError, match="inna osoba"):
        db.write(lambda s: signatures.import_signed_decision(s, issued, actor=staff.benefits,
                                                             pdf=by_other))
    assert db.write(lambda s: signatures.signed_info(s, issued, actor=staff.head)) is None
    by_head = signing.sign_pdf(pdf, signing.load_pkcs12_signer(head_p12, PASSPHRASE),
                               reason="", location="", signed_at=SIGNED_AT)
    info = db.write(lambda s: signatures.import_signed_decision(s, issued, actor=staff.benefits,
                                                                pdf=by_head))
    assert info.imported
    assert db.write(lambda s: signatures.signed_decision_pdf(s, issued, actor=staff.head)) \
        == by_head


SOFTHSM = Path("/usr/lib/softhsm/libsofthsm2.so")


@pytest.mark.skipif(not SOFTHSM.is_file() or shutil.which("softhsm2-util") is None,
                    reason="SoftHSM (a software PKCS#11 token) is not installed")
def test_a_card_through_pkcs11_signs(ca, tmp_path, monkeypatch):
    """SoftHSM stands in for a card: the same PKCS#11 calls, no reader."""
    import pkcs11 as p11
    from cryptography.hazmat.primitives import serialization

    (tmp_path / "tokens").mkdir()
    conf = tmp_path / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {tmp_path / 'tokens'}\nobjectstore.backend = file\n")
    monkeypatch.setenv("SOFTHSM2_CONF", str(conf))
    run = functools.partial(subprocess.run, check=True, capture_output=True)
    run(["softhsm2-util", "--init-token", "--free", "--label", "karta", "--so-pin", "12345678",
         "--pin", "1234"])
    key, cert = make_signer(ca, given="Grażyna", surname="Wiśniewska", pesel="70010112345")
    pem = tmp_path / "key.pem"
    pem.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                      serialization.PrivateFormat.PKCS8,
                                      serialization.NoEncryption()))
    run(["softhsm2-util", "--import", str(pem), "--token", "karta", "--label", "podpis",
         "--id", "01", "--pin", "1234"])
    token = p11.lib(str(SOFTHSM)).get_token(token_label="karta")
    with token.open(rw=True, user_pin="1234") as session:
        session.create_object({
            p11.Attribute.CLASS: p11.ObjectClass.CERTIFICATE,
            p11.Attribute.CERTIFICATE_TYPE: p11.CertificateType.X_509,
            p11.Attribute.TOKEN: True, p11.Attribute.LABEL: "podpis",
            p11.Attribute.ID: b"\x01",
            p11.Attribute.SUBJECT: cert.subject.public_bytes(),
            p11.Attribute.VALUE: cert.public_bytes(serialization.Encoding.DER)})
    with pytest.raises(ValidationError, match="Nie udało się otworzyć karty"):
        signing.open_card_signer(SOFTHSM, "0000")
    signer = signing.open_card_signer(SOFTHSM, "1234")
    pdf = render_signature_stamp(300, 200, signer="x", signed_at=SIGNED_AT)
    signed = signing.sign_pdf(pdf, signer, reason="", location="", signed_at=SIGNED_AT)
    check = signing.check_signed_pdf(signed, trust_roots=(ca.root,))
    assert check.intact and check.trusted and check.signer.pesel == "70010112345"
