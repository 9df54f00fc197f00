"""e-Doręczenia offline: the package of a signed decision for a party with an ADE, and the
delivery confirmation that sets the day of delivery (from which the appeal period runs)."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from datetime import date, timedelta
from pathlib import Path

import pytest

from opsdesk import clock
from opsdesk.errors import NotFound, ValidationError
from opsdesk.models import Decision
from opsdesk.models.enums import DeliveryMethod
from opsdesk.services import e_delivery, rules, signatures, signing
from tests import factories
from tests.factories import single_case
from tests.signing_helpers import PASSPHRASE, make_ca, make_signer_p12

ADE = "AE:PL-12345-67890-ABCDE-12"


def proof(number: str, when: str = "2026-11-12T12:00:00+01:00") -> bytes:
    """A confirmation as assumed here (the service's real schema is not at hand)."""
    return (f'<?xml version="1.0" encoding="UTF-8"?>'
            f'<DowodDoreczenia xmlns="urn:przyklad:e-doreczenia"><Przesylka>'
            f"<Tytul>Decyzja nr {number}</Tytul><Adresat>{ADE}</Adresat></Przesylka>"
            f"<DataDoreczenia>{when}</DataDoreczenia></DowodDoreczenia>").encode()


@pytest.fixture
def sent(db, staff, tmp_path):  # type: ignore[no-untyped-def]
    pid, case_id = single_case(db, staff)
    issued = factories.issue_decision(db, staff, factories.grant(case_id, "505.00"))
    return pid, issued


def _sign(db, staff, decision_id: int, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    p12 = make_signer_p12(make_ca(), tmp_path / "k.p12", given="Grażyna", surname="Wiśniewska")
    signer = signing.load_pkcs12_signer(p12, PASSPHRASE)
    db.write(lambda s: signatures.sign_decision(s, decision_id, actor=staff.head, signer=signer))


def test_the_package_holds_the_signed_original_and_what_the_mailbox_asks(db, staff, sent,
                                                                         tmp_path):
    pid, issued = sent

    def export() -> e_delivery.Package:
        return db.write(lambda s: e_delivery.export_package(s, issued.id, actor=staff.benefits))

    with pytest.raises(ValidationError, match="nie ma adresu do doręczeń elektronicznych"):
        export()
    with pytest.raises(ValidationError, match="ma postać AE:PL-12345-67890-ABCDE-12"):
        db.write(lambda s: e_delivery.set_e_delivery_address(s, pid, "AE:PL-1",
                                                             actor=staff.benefits))
    assert db.write(lambda s: e_delivery.set_e_delivery_address(
        s, pid, " ae:pl-12345-67890-abcde-12 ", actor=staff.benefits)) == ADE
    with pytest.raises(ValidationError, match="najpierw podpisać"):
        export()
    _sign(db, staff, issued.id, tmp_path)
    package = export()
    assert package.file_name == f"e-doreczenie-{issued.number}.zip"
    with zipfile.ZipFile(io.BytesIO(package.data)) as archive:
        assert sorted(archive.namelist()) == sorted([f"{issued.number}.pdf", "przesylka.json"])
        pdf = archive.read(f"{issued.number}.pdf")
        meta = json.loads(archive.read("przesylka.json"))
    kept = db.write(lambda s: signatures.signed_decision_pdf(s, issued.id, actor=staff.head))
    assert pdf == kept
    assert meta["format"] == "opsdesk-e-doreczenia/1"
    party = db.read(lambda s: s.get(Decision, issued.id).party_name)
    assert meta["adresat"] == {"nazwa": party, "adres_do_doreczen": ADE}
    assert meta["tytul"] == f"Decyzja nr {issued.number}"
    assert meta["pliki"] == [{"nazwa": f"{issued.number}.pdf",
                              "sha256": hashlib.sha256(pdf).hexdigest()}]


def test_the_confirmation_sets_the_day_of_delivery(db, staff, sent, tmp_path, clock_at_today):
    pid, issued = sent
    db.write(lambda s: e_delivery.set_e_delivery_address(s, pid, ADE, actor=staff.benefits))
    _sign(db, staff, issued.id, tmp_path)
    with pytest.raises(ValidationError, match="nie wysłano przez e-Doręczenia"):
        db.write(lambda s: e_delivery.record_delivery_proof(s, proof(issued.number),
                                                            actor=staff.benefits))
    db.write(lambda s: e_delivery.export_package(s, issued.id, actor=staff.benefits))
    clock_at_today.shift(timedelta(days=5))
    # Tomorrow as the program sees it, whatever day the suite runs on (OPSDESK_TEST_NOW).
    tomorrow = clock.today() + timedelta(days=1)
    issued_on = db.read(lambda s: s.get(Decision, issued.id).issued_on)
    with pytest.raises(ValidationError, match="sprzed wydania decyzji albo z przyszłości"):
        db.write(lambda s: e_delivery.record_delivery_proof(
            s, proof(issued.number, tomorrow.isoformat()), actor=staff.benefits))
    with pytest.raises(ValidationError, match="sprzed wydania decyzji albo z przyszłości"):
        db.write(lambda s: e_delivery.record_delivery_proof(
            s, proof(issued.number, (issued_on - timedelta(days=1)).isoformat()),
            actor=staff.benefits))
    got = db.write(lambda s: e_delivery.record_delivery_proof(s, proof(issued.number),
                                                              actor=staff.benefits))
    assert (got.decision_number, got.delivered_on) == (issued.number, date(2026, 11, 12))
    delivered, method = db.read(lambda s: (s.get(Decision, issued.id).delivered_on,
                                           s.get(Decision, issued.id).delivery_method))
    assert (delivered, method) == (date(2026, 11, 12), DeliveryMethod.E_DORECZENIA)
    assert rules.appeal_deadline(delivered) == date(2026, 11, 26)


def test_what_a_confirmation_must_say():
    assert e_delivery.read_delivery_proof(proof("GOPS.8311.DEC.7.2026", "2026-11-12")) == (
        "GOPS.8311.DEC.7.2026", date(2026, 11, 12))
    with pytest.raises(ValidationError, match="nie jest poprawnym dokumentem XML"):
        e_delivery.read_delivery_proof(b"<a>")
    with pytest.raises(ValidationError, match="nie ma numeru decyzji"):
        e_delivery.read_delivery_proof(b"<a><DataDoreczenia>2026-11-12</DataDoreczenia></a>")
    with pytest.raises(ValidationError, match="nie ma daty doręczenia"):
        e_delivery.read_delivery_proof(b"<a><Tytul>Decyzja nr X.1.2026</Tytul></a>")


def test_an_unknown_decision_is_refused(db, staff):
    with pytest.raises(NotFound, match="Nie ma wydanej decyzji nr NIEMA.1.2026"):
        db.write(lambda s: e_delivery.record_delivery_proof(s, proof("NIEMA.1.2026"),
                                                            actor=staff.benefits))
