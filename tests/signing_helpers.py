"""A test certification authority and its signers, made in the test with ``cryptography``:
no certificate file is shipped with the suite."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

PASSPHRASE = "tajne-hasło"


@dataclass(frozen=True)
class SigningCa:
    key: ec.EllipticCurvePrivateKey
    cert: x509.Certificate

    @property
    def root(self) -> asn1_x509.Certificate:
        """The CA as pyHanko's validation takes a trust root."""
        return asn1_x509.Certificate.load(self.cert.public_bytes(serialization.Encoding.DER))


def _validity(builder: x509.CertificateBuilder) -> x509.CertificateBuilder:
    start = datetime(2020, 1, 1)
    return builder.not_valid_before(start).not_valid_after(start + timedelta(days=365 * 30))


def make_ca(name: str = "Testowe Centrum Certyfikacji") -> SigningCa:
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name),
                         x509.NameAttribute(NameOID.COUNTRY_NAME, "PL")])
    cert = _validity(x509.CertificateBuilder().subject_name(subject).issuer_name(subject)
                     .public_key(key.public_key()).serial_number(x509.random_serial_number())
                     ).add_extension(x509.BasicConstraints(ca=True, path_length=None),
                                     critical=True
                     ).add_extension(x509.KeyUsage(
                         digital_signature=True, content_commitment=False,
                         key_encipherment=False, data_encipherment=False, key_agreement=False,
                         key_cert_sign=True, crl_sign=True, encipher_only=False,
                         decipher_only=False), critical=True
                     ).sign(key, hashes.SHA256())
    return SigningCa(key, cert)


def make_signer_p12(ca: SigningCa, path: Path, *, given: str, surname: str, pesel: str = ""
                    ) -> Path:
    """A person's signing certificate with its key, in a PKCS#12 file under ``PASSPHRASE``."""
    key, cert = make_signer(ca, given=given, surname=surname, pesel=pesel)
    path.write_bytes(pkcs12.serialize_key_and_certificates(
        b"signer", key, cert, [ca.cert],
        serialization.BestAvailableEncryption(PASSPHRASE.encode())))
    return path


def make_signer(ca: SigningCa, *, given: str, surname: str, pesel: str = ""
                ) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    """A person's signing key and certificate, named as a qualified one names them: CN,
    givenName, surname, serialNumber PNOPL-<PESEL>."""
    key = ec.generate_private_key(ec.SECP256R1())
    attrs = [x509.NameAttribute(NameOID.COUNTRY_NAME, "PL"),
             x509.NameAttribute(NameOID.GIVEN_NAME, given),
             x509.NameAttribute(NameOID.SURNAME, surname),
             x509.NameAttribute(NameOID.COMMON_NAME, f"{given} {surname}")]
    if pesel:
        attrs.append(x509.NameAttribute(NameOID.SERIAL_NUMBER, f"PNOPL-{pesel}"))
    cert = _validity(x509.CertificateBuilder().subject_name(x509.Name(attrs))
                     .issuer_name(ca.cert.subject).public_key(key.public_key())
                     .serial_number(x509.random_serial_number())
                     ).add_extension(x509.KeyUsage(
                         digital_signature=True, content_commitment=True,
                         key_encipherment=False, data_encipherment=False, key_agreement=False,
                         key_cert_sign=False, crl_sign=False, encipher_only=False,
                         decipher_only=False), critical=True
                     ).sign(ca.key, hashes.SHA256())
    return key, cert
