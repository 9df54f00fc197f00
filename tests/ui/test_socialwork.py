"""The separation model through real widgets: the benefits worker refers a client; the
social worker accepts, meets and writes an opinion; the benefits worker finds it in the
inbox and as evidence in the proceeding; a second client does not come and the
information reaches the benefits worker without anyone doing anything."""

from datetime import timedelta

from opsdesk import clock
from opsdesk.models.enums import MessageKind, SocialWorkStatus
from opsdesk.services import messages, socialwork
from opsdesk.services.messages import ReferralForm
from opsdesk.ui.action_dialog import ActionDialog
from opsdesk.ui.inbox import EvidencePanel, InboxButton, InboxDialog, MessageDialog, ReferralDialog
from opsdesk.ui.socialwork.tab import SocialWorkTab
from tests.factories import JAN, KASIA, MONDAY, application, person
from tests.ui_helpers import Modal, click, click_ok, select_row_where, type_text


def shown(qtbot, widget):
    qtbot.addWidget(widget)
    with qtbot.waitExposed(widget):
        widget.show()
    return widget


def test_referral_opinion_evidence_and_the_client_who_did_not_come(qtbot, qtmodeltester, db,
                                                                   staff, make_ctx, ui_env):
    benefits, social = make_ctx(staff.benefits), make_ctx(staff.social)
    modal = Modal(qtbot)
    kasia = person(db, staff, KASIA)
    case_id = application(db, staff, kasia, filed_on=MONDAY)

    # Świadczenia: the referral "w celu ustalenia możliwości", required parts first.
    referral = ReferralDialog(benefits, case_id, "Żółkiewska Katarzyna")
    qtbot.addWidget(referral)
    type_text(referral.field("part:resources"), "Zdolność do pracy, brak rejestracji w PUP.")
    click_ok(referral)
    assert referral.error_label.text() == (
        "Pismo „Skierowanie w celu ustalenia możliwości” nie ma wymaganej części: „Co należy "
        "ustalić”. Uzupełnij i wyślij ponownie.")
    assert referral.field("part:resources").toPlainText().startswith("Zdolność do pracy")
    type_text(referral.field("part:question"), "Czy może podjąć zatrudnienie?")
    click_ok(referral)
    assert referral.result_value is not None, referral.error_label.text()

    # Praca socjalna: the client waits to be taken; the worker takes, meets, notes.
    tab = shown(qtbot, SocialWorkTab(social))
    assert tab.model.rowCount() == 0  # "moi klienci": nobody yet
    tab.scope.setCurrentIndex(tab.scope.findData("waiting"))
    assert select_row_where(tab.view, lambda r: r.person_id == kasia) >= 0
    assert "czeka na przyjęcie" in tab.header.text()
    qtmodeltester.check(tab.model)
    click(qtbot, tab.accept_button)
    tab.scope.setCurrentIndex(tab.scope.findData("mine"))
    assert select_row_where(tab.view, lambda r: r.person_id == kasia) >= 0
    assert tab.current().worker_name == "Józef Ćwikła"
    assert tab.accept_button.isVisible() and not tab.accept_button.isEnabled()

    modal(click_ok)
    click(qtbot, tab.meeting_button)
    modal.check()
    assert tab.current().status is SocialWorkStatus.ACTIVE
    assert tab.note_button.isEnabled() and tab.stage_button.text() == "Następny etap: plan"

    def write_note(dialog):
        type_text(dialog.field("text"), "Diagnoza: długotrwałe bezrobocie, chęć zmiany.")
        click_ok(dialog)

    modal(write_note)
    click(qtbot, tab.note_button)
    modal.check()
    assert "Diagnoza: długotrwałe bezrobocie" in tab.process.toPlainText()

    # The opinion for the benefits worker, tied to the proceeding of the referral.
    def write_opinion(dialog):
        assert isinstance(dialog, MessageDialog)
        assert dialog.current_kind() is MessageKind.OPINION_POSSIBILITIES
        assert dialog.field("case").currentData() == case_id
        type_text(dialog.field("part:facts"), "Klientka przyszła w terminie, dwie rozmowy.")
        type_text(dialog.field("part:possibilities"), "Kurs krawiecki w PUP od stycznia.")
        type_text(dialog.field("part:conclusion"), "Opiniuję zasiłek okresowy na 3 miesiące.")
        click_ok(dialog)

    modal(write_opinion)
    click(qtbot, tab.letter_button)
    modal.check()
    assert tab.sections.currentWidget() is tab.letters
    assert [r.kind for r in tab.letters.model.rows()] == [
        MessageKind.OPINION_POSSIBILITIES, MessageKind.REFERRAL]

    # Świadczenia: the envelope counts it, the inbox shows it, "przeczytano".
    envelope = InboxButton(benefits)
    qtbot.addWidget(envelope)
    assert envelope.text() == "✉ 1"
    inbox = shown(qtbot, InboxDialog(benefits))
    assert select_row_where(inbox.list.view,
                            lambda r: r.kind is MessageKind.OPINION_POSSIBILITIES) == 0
    assert "Wnioski dla postępowania: Opiniuję zasiłek okresowy na 3 miesiące." in \
        inbox.list.text.toPlainText()
    assert "Diagnoza" not in inbox.list.text.toPlainText()  # the notes stay in social work
    click(qtbot, inbox.list.mark)
    assert inbox.list.current().read_by_name == "Anna Nowak"
    assert envelope.text() == "✉ 0"  # the envelope follows by itself

    # ... and as evidence in the proceeding, with its PDF.
    evidence = shown(qtbot, EvidencePanel(benefits))
    evidence.show_case(case_id)
    assert [r.kind for r in evidence.list.model.rows()] == [
        MessageKind.REFERRAL, MessageKind.OPINION_POSSIBILITIES]
    assert select_row_where(evidence.list.view, lambda r: r.is_evidence) == 1
    click(qtbot, evidence.list.preview)
    assert ui_env[-1].name.startswith("pismo_PS.1.") and ui_env[-1].read_bytes()[:4] == b"%PDF"
    qtmodeltester.check(evidence.list.model)

    # A second client, referred a month ago, never came: nobody has to do anything.
    jan = person(db, staff, JAN)
    jan_case = application(db, staff, jan, filed_on=MONDAY)
    month_ago = clock.today() - timedelta(days=30)
    db.write(lambda s: messages.refer_for_possibilities(
        s, ReferralForm(case_id=jan_case, resources="Prawo do dodatku mieszkaniowego.",
                        question="Czy złoży wniosek o dodatek?"),
        actor=staff.benefits, today=month_ago))
    envelope.refresh()
    assert envelope.text() == "✉ 1"
    inbox.refresh()
    row = inbox.list.model.rows()[0]
    assert (row.kind, row.automatic, row.person_name, row.case_id) == (
        MessageKind.NOT_REPORTED, True, "Łęcki Jan", jan_case)
    assert inbox.list.model.data(inbox.list.model.index(0, 2)) == (
        "Informacja o niezgłoszeniu się do pracownika socjalnego (automatycznie)")
    tab.scope.setCurrentIndex(tab.scope.findData("all"))
    assert select_row_where(tab.view, lambda r: r.person_id == jan) == -1
    tab.show_closed.setChecked(True)
    assert select_row_where(tab.view, lambda r: r.person_id == jan) >= 0
    assert tab.current().status is SocialWorkStatus.NOT_REPORTED
    assert tab.meeting_button.isEnabled()  # he may still come late


def test_bad_contract_input_is_shown_at_its_field_and_nothing_typed_is_lost(qtbot, db, staff,
                                                                            make_ctx):
    social = make_ctx(staff.social)
    kasia = person(db, staff, KASIA)
    tab = shown(qtbot, SocialWorkTab(social))

    db.write(lambda s: socialwork.open_own_case(s, kasia, actor=staff.social))
    tab.refresh()
    assert select_row_where(tab.view, lambda r: r.person_id == kasia) >= 0
    seen = {}
    modal = Modal(qtbot)

    def fill(dialog):
        assert isinstance(dialog, ActionDialog)
        dialog.field("period_to").setDate(clock.today() - timedelta(days=1))
        type_text(dialog.field("situation"), "Bezrobocie, zaległości czynszowe.")
        type_text(dialog.field("goals"), "Podjęcie pracy.")
        type_text(dialog.field("actions"), "Rejestracja w PUP; klientka; "
                  + (clock.today() + timedelta(days=7)).strftime("%d.%m.%Y"))
        type_text(dialog.field("client_commitments"), "Rejestracja w PUP.")
        type_text(dialog.field("worker_commitments"), "Pomoc w CV.")
        type_text(dialog.field("review_dates"), "31.02.2027")
        click_ok(dialog)
        seen["first"] = dialog.error_label.text()
        dialog.field("review_dates").clear()
        type_text(dialog.field("review_dates"), (clock.today() + timedelta(days=5))
                  .strftime("%d.%m.%Y"))
        click_ok(dialog)
        seen["second"] = dialog.error_label.text()
        seen["goals"] = dialog.field("goals").toPlainText()
        dialog.field("period_to").setDate(clock.today() + timedelta(days=90))
        click_ok(dialog)

    tab.sections.setCurrentIndex(1)
    modal(fill)
    click(qtbot, tab.contract_new)
    modal.check()
    assert seen["first"] == "Nie ma takiej daty: „31.02.2027”."
    assert seen["second"].startswith("Koniec kontraktu (")
    assert seen["second"].endswith("nie może być wcześniejszy niż jego początek "
                                   f"({clock.today():%d.%m.%Y} r.).")
    assert seen["goals"] == "Podjęcie pracy."
    assert "Kontrakt nr KS.1." in tab.contracts.toPlainText()
    assert tab.contract_review.isEnabled() and not tab.contract_new.isEnabled()
