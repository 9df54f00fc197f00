"""The signing dialog driven as the head drives it: a certificate file and its password."""

from __future__ import annotations

from pathlib import Path

from opsdesk.services import signatures, signing
from opsdesk.ui.signing_dialog import SignDialog
from tests import factories
from tests.benefits_helpers import single_case
from tests.signing_helpers import PASSPHRASE, make_ca, make_signer_p12
from tests.ui_helpers import click_ok, type_text

SHOTS = Path("/tmp/shots20")


def test_the_head_signs_with_a_certificate_file(qtbot, db, staff, make_ctx, ui_env, tmp_path):
    _, case_id = single_case(db, staff)
    decision = factories.issue_decision(db, staff, factories.grant(case_id, "505.00"))
    ca = make_ca()
    p12 = make_signer_p12(ca, tmp_path / "kierownik.p12", given="Grażyna", surname="Wiśniewska")
    dialog = SignDialog(make_ctx(staff.head), decision.id, decision.number)
    qtbot.addWidget(dialog)
    dialog.resize(560, 260)
    dialog.show()
    dialog.path.setText(str(p12))
    type_text(dialog.secret, "złe hasło")
    click_ok(dialog)
    assert dialog.error_label.text().startswith("Nie udało się otworzyć pliku certyfikatu: "
                                                "złe hasło")
    assert dialog.isVisible()
    if SHOTS.is_dir():
        dialog.grab().save(str(SHOTS / "sign-dialog.png"))
    dialog.secret.clear()
    type_text(dialog.secret, PASSPHRASE)
    click_ok(dialog)
    assert not dialog.isVisible()
    assert dialog.result_value.signer_name == "Grażyna Wiśniewska"
    kept = db.write(lambda s: signatures.signed_decision_pdf(s, decision.id, actor=staff.head))
    assert signing.check_signed_pdf(kept, trust_roots=(ca.root,)).trusted
