"""The signing dialog driven as the head drives it: a certificate file and its password."""

from __future__ import annotations

from pathlib import Path

from opsdesk import clock
from opsdesk.services import signatures, signing
from opsdesk.ui.signing_dialog import SignDialog
from tests import factories
from tests.factories import single_case
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


def test_an_issued_decision_offers_signing_and_e_delivery(qtbot, db, staff, make_ctx, ui_env):
    from opsdesk.ui.benefits.tab import BenefitsTab
    from opsdesk.ui.main_window import MainWindow
    from tests.ui_helpers import open_tab, select_row_where

    clock.set_today(factories.WORKDAY)  # the queue as on the data's day; the fixture resets it
    _, case_id = single_case(db, staff)
    decision = factories.issue_decision(db, staff, factories.grant(case_id, "505.00"))
    w = MainWindow(make_ctx(staff.head), database_label="x", shared=False)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    with qtbot.waitExposed(w):
        w.show()
    open_tab(w, "Świadczenia")
    tab = w.findChild(BenefitsTab)
    assert select_row_where(tab.view, lambda r: r.case_id == case_id) >= 0
    assert select_row_where(tab.decision_view, lambda r: r.id == decision.id) >= 0
    assert tab.electronic.button.isVisibleTo(tab)
    menu = tab.electronic
    for action in (menu.sign, menu.load_signed, menu.e_send, menu.e_proof):
        assert action.isVisible(), action.text()
    if SHOTS.is_dir():
        w.grab().save(str(SHOTS / "benefits-issued-decision.png"))
    # A benefits worker imports and sends, but signs nothing.
    w2 = MainWindow(make_ctx(staff.benefits), database_label="x", shared=False)
    qtbot.addWidget(w2)
    open_tab(w2, "Świadczenia")
    tab2 = w2.findChild(BenefitsTab)
    assert select_row_where(tab2.view, lambda r: r.case_id == case_id) >= 0
    assert select_row_where(tab2.decision_view, lambda r: r.id == decision.id) >= 0
    assert tab2.electronic.button.isVisibleTo(tab2)
    menu = tab2.electronic
    assert not menu.sign.isVisible()
    assert menu.load_signed.isVisible() and menu.e_send.isVisible() and menu.e_proof.isVisible()


def test_a_chosen_file_is_read_whole_and_a_missing_one_is_said(qtbot, tmp_path, monkeypatch,
                                                                staff, make_ctx):
    from PySide6.QtWidgets import QFileDialog, QWidget

    from opsdesk.ui.widgets import read_chosen_file

    ctx, parent = make_ctx(staff.benefits), QWidget()
    qtbot.addWidget(parent)
    shown: list[str] = []
    monkeypatch.setattr(ctx, "failed", lambda _parent, exc: shown.append(exc.message))
    signed = tmp_path / "Decyzja podpisana ąę.pdf"
    signed.write_bytes(b"%PDF-1.7 podpisana")
    for chosen, expected in ((str(signed), b"%PDF-1.7 podpisana"), ("", None),
                             (str(tmp_path / "nie ma.pdf"), None)):
        monkeypatch.setattr(QFileDialog, "getOpenFileName",
                            staticmethod(lambda *_a, c=chosen: (c, "")))
        assert read_chosen_file(ctx, parent, "Wczytaj", "PDF (*.pdf)") == expected
    assert shown == ["Nie można odczytać pliku nie ma.pdf: nie ma go już w tym miejscu."]
