"""Świadczenia driven through real widgets, the whole path: application at the desk →
family interview → decision draft → approval by the head → decision PDF → "Do odbioru" →
payouts → cash list and its "Kasa wypłaci" receipt."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from opsdesk import clock
from opsdesk.models.enums import (
    BenefitKind,
    DecisionStatus,
    DocumentKind,
    PayoutListStatus,
    PayoutMethod,
)
from opsdesk.services import people
from opsdesk.services.people import PersonRow
from opsdesk.ui.benefits.decision_dialog import DecisionDialog
from opsdesk.ui.benefits.interview import InterviewDialog
from opsdesk.ui.benefits.tab import BenefitsTab
from opsdesk.ui.first_contact import ApplicationDialog, FirstContactTab
from opsdesk.ui.main_window import MainWindow
from opsdesk.ui.widgets import FormDialog
from tests.factories import WORKDAY, ZOFIA
from tests.pdf_helpers import pdf_text
from tests.ui_helpers import (
    Modal,
    answer_yes,
    click,
    click_ok,
    close_message,
    open_tab,
    select_row_where,
    type_text,
)


def window(qtbot, make_ctx, actor) -> MainWindow:
    w = MainWindow(make_ctx(actor), database_label="x", shared=False)
    qtbot.addWidget(w)
    with qtbot.waitExposed(w):  # on screen: only a shown button can be clicked
        w.show()
    return w


def test_whole_path_from_application_to_cash_receipt(qtbot, db, staff, make_ctx, ui_env,
                                                      qtmodeltester):
    clock.set_today(WORKDAY)  # a working day: a list is approved on one; the fixture resets it
    modal = Modal(qtbot)
    pid = db.write(lambda s: people.register_person(s, ZOFIA, actor=staff.desk))
    person = PersonRow(pid, "Źdźbło-Gąsiorowska Zofia", ZOFIA.pesel, None, "", 1)

    # 1. The application, registered at the desk.
    app_dialog = ApplicationDialog(make_ctx(staff.desk), person)
    qtbot.addWidget(app_dialog)
    app_dialog.field("benefit_kind").set_value(BenefitKind.ZASILEK_OKRESOWY)
    type_text(app_dialog.field("description"), "Proszę o zasiłek okresowy — utrata pracy.")
    click_ok(app_dialog)
    sign = app_dialog.result_value
    assert sign, app_dialog.error_label.text()

    # 2. The benefits worker takes the case and carries out the interview.
    benefits = window(qtbot, make_ctx, staff.benefits).findChild(BenefitsTab)
    qtmodeltester.check(benefits.model)
    assert select_row_where(benefits.view, lambda r: r.sign == sign) >= 0
    assert "wywiad do" in benefits.detail.text()
    click(qtbot, benefits.take)
    assert select_row_where(benefits.view, lambda r: r.sign == sign) >= 0
    assert "Anna Nowak" in benefits.detail.text()

    def fill_income(dialog: FormDialog) -> None:
        type_text(dialog.field("gross"), "400,00")
        click_ok(dialog)

    def fill_interview(dialog: InterviewDialog) -> None:
        assert "Wywiad" in dialog.windowTitle()
        modal(fill_income)
        click(qtbot, dialog.findChild(type(benefits.take), "addIncome"))
        modal.check()
        assert dialog.income_model.rowCount() == 1
        for code in ("UBOSTWO", "BEZROBOCIE"):  # the space bar ticks a check box
            qtbot.keyClick(dialog.reason_boxes[code], Qt.Key.Key_Space)
        assert dialog.form_value().reasons == ("UBOSTWO", "BEZROBOCIE")
        type_text(dialog.field("needs"), "Brak środków na żywność i opał.")
        type_text(dialog.field("diagnosis"), "Bezrobocie; dochód poniżej kryterium.")
        # Completing without segment J shows the service's message at the field.
        click(qtbot, dialog.complete_button)
        assert "Segment J (plan pomocy) jest obowiązkowy" in dialog.error_label.text()
        type_text(dialog.field("plan"), "Zasiłek okresowy; rejestracja w urzędzie pracy.")
        click(qtbot, dialog.complete_button)
        assert dialog.result_value == "completed", dialog.error_label.text()

    modal(fill_interview)
    click(qtbot, benefits.interview)
    modal.check()
    assert select_row_where(benefits.view, lambda r: r.sign == sign) >= 0
    assert "zakończony" in benefits.detail.text()
    assert "decyzja do" in benefits.detail.text()

    # 3. The draft: amount pre-filled from the law (1010 − 400 = 610: at least 305.00).
    def fill_decision(dialog: DecisionDialog) -> None:
        assert dialog.field("amount").text() == "305,00"
        assert "od 305,00" in dialog.rule_label.text().replace("\u00a0", " ")
        assert dialog.field("legal_basis").toPlainText().startswith("art. 7 pkt 1 i 4, art. 8")
        # The account on file suggests a transfer; she wants cash at the desk.
        assert dialog.field("payout_method").value() is PayoutMethod.TRANSFER
        assert dialog.field("bank_account").isVisibleTo(dialog)
        dialog.field("payout_method").set_value(PayoutMethod.CASH)
        assert not dialog.field("bank_account").isVisibleTo(dialog)
        assert not dialog.field("purpose").isVisibleTo(dialog)  # only for zasiłki celowe
        dialog.field("benefit_kind").set_value(BenefitKind.ZASILEK_CELOWY)
        assert dialog.field("purpose").isVisibleTo(dialog)
        dialog.field("benefit_kind").set_value(BenefitKind.ZASILEK_OKRESOWY)
        dialog.field("amount").clear()
        type_text(dialog.field("amount"), "700,00")
        click_ok(dialog)
        assert "przekracza maksimum" in dialog.error_label.text()
        assert dialog.field("amount").text() == "700,00"  # what was typed is kept
        dialog.field("amount").clear()
        type_text(dialog.field("amount"), "305,00")
        click_ok(dialog)

    modal(fill_decision)
    click(qtbot, benefits.new_decision)
    modal.check()
    qtmodeltester.check(benefits.decisions)
    assert select_row_where(benefits.decision_view,
                            lambda r: r.status is DecisionStatus.DRAFT) >= 0
    click(qtbot, benefits.submit)
    assert benefits.decisions.rows()[0].status is DecisionStatus.AWAITING_APPROVAL
    assert not benefits.approve.isVisibleTo(benefits)  # a benefits worker may not sign

    # 4. The head approves and issues it; the PDF has every kpa art. 107 element.
    head_window = window(qtbot, make_ctx, staff.head)
    open_tab(head_window, "Świadczenia")
    head = head_window.findChild(BenefitsTab)
    assert select_row_where(head.view, lambda r: r.sign == sign) >= 0
    assert select_row_where(head.decision_view, lambda r: True) >= 0
    assert head.approve.isVisibleTo(head)
    asked: list[str] = []
    answer_yes(modal, then=lambda: close_message(modal), asked=asked)
    click(qtbot, head.approve)
    modal.check()
    assert asked == ["Wydać decyzję (przyznająca — zasiłek okresowy) dla Źdźbło-Gąsiorowska "
                     "Zofia na kwotę 305,00\u00a0zł? Po wydaniu nie można jej zmienić; czeka na "
                     "stanowisku pierwszego kontaktu („Do odbioru”)."]
    assert select_row_where(head.decision_view,
                            lambda r: r.status is DecisionStatus.ISSUED) >= 0
    number = head.current_decision().number
    assert number.startswith("GOPS.8311.DEC.1.")
    click(qtbot, head.preview)
    text = pdf_text(ui_env[-1].read_bytes())
    for element in (f"DECYZJA nr {number}", "Zofia Źdźbło-Gąsiorowska", "Na podstawie art. 7",
                    "orzekam:", "305,00 zł (słownie: trzysta pięć złotych 00/100)",
                    "POUCZENIE", "Samorządowego Kolegium Odwoławczego", "14 dni",
                    "z upoważnienia Burmistrza Zbąszynka", "Otrzymują:"):
        assert element in text, element

    # 5. It waits at "Do odbioru"; the desk prints it and hands it over.
    desk = window(qtbot, make_ctx, staff.desk).findChild(FirstContactTab)
    desk.lists.setCurrentWidget(desk.handover_view)
    assert select_row_where(desk.handover_view,
                            lambda r: r.kind is DocumentKind.DECISION) >= 0
    click(qtbot, desk.preview)
    assert number in pdf_text(ui_env[-1].read_bytes())

    def hand(dialog: FormDialog) -> None:
        type_text(dialog.field("id_document"), "ABC 123456")
        click_ok(dialog)

    modal(hand)
    click(qtbot, desk.hand_over_button)
    modal.check()
    assert select_row_where(desk.handover_view,
                            lambda r: r.kind is DocumentKind.DECISION) == -1

    # 6. The payouts it created show in the case.
    benefits.refresh()
    assert select_row_where(benefits.view, lambda r: r.sign == sign) >= 0
    assert "Wypłaty" in benefits.detail.text()
    assert "305,00" in benefits.detail.text().replace("\u00a0", " ")

    # 7. The cash list: prepared by the worker, approved by the head, printed.
    benefits.pages.setCurrentIndex(1)

    def new_list(dialog: FormDialog) -> None:
        assert dialog.field("payout_date").date().toPython() == clock.today()
        click_ok(dialog)
        assert dialog.result_value is not None, dialog.error_label.text()

    modal(new_list)
    click(qtbot, benefits.payout_lists.new_list)
    modal.check()
    qtmodeltester.check(benefits.payout_lists.lists)
    assert benefits.payout_lists.current() is not None
    assert benefits.payout_lists.current().status is PayoutListStatus.PREPARED
    assert "Razem: <b>305,00" in benefits.detail.text().replace("\u00a0", " ")
    head.refresh()
    head.pages.setCurrentIndex(1)
    assert select_row_where(head.payout_lists.list_view, lambda r: True) >= 0
    answer_yes(modal, then=lambda: close_message(modal))
    click(qtbot, head.payout_lists.approve_list)
    modal.check()
    assert select_row_where(head.payout_lists.list_view,
                            lambda r: r.status is PayoutListStatus.APPROVED) >= 0
    opened = len(ui_env)
    click(qtbot, head.payout_lists.print_list)
    qtbot.waitUntil(lambda: len(ui_env) > opened)  # the list is made in the background
    text = pdf_text(ui_env[-1].read_bytes())
    assert "LISTA WYPŁAT nr LW/1/" in text and "Podpis odbierającego" in text
    assert "słownie: trzysta pięć złotych 00/100" in text

    # 8. The "Kasa wypłaci" receipt waits at the desk: two copies on one page.
    desk.refresh()
    assert select_row_where(desk.handover_view, lambda r: r.kind is DocumentKind.RECEIPT) >= 0
    click(qtbot, desk.preview)
    text = pdf_text(ui_env[-1].read_bytes())
    assert text.count("KASA WYPŁACI") == 2 and "Zofia Źdźbło-Gąsiorowska" in text
    assert "trzysta pięć złotych 00/100" in text
    assert QApplication.activeModalWidget() is None


def test_a_list_approved_meanwhile_cannot_be_approved_again(qtbot, db, staff, make_ctx,
                                                             ui_env, monkeypatch):
    """Two screens open: the second approval is refused with a Polish message, and once
    the list is fresh on screen there is no approve button at all."""
    from opsdesk.services import payouts
    from tests.factories import prepare, two_clients

    clock.set_today(WORKDAY)  # the lists' data's day, a working day; the fixture resets it
    two_clients(db, staff)
    list_id = prepare(db, staff)
    head_window = window(qtbot, make_ctx, staff.head)
    open_tab(head_window, "Świadczenia")
    head = head_window.findChild(BenefitsTab)
    head.pages.setCurrentIndex(1)
    assert select_row_where(head.payout_lists.list_view, lambda r: r.id == list_id) >= 0
    assert head.payout_lists.approve_list.isVisibleTo(head)
    db.write(lambda s: payouts.approve_payout_list(s, list_id, actor=staff.head))
    shown: list[str] = []
    monkeypatch.setattr("opsdesk.ui.context.show_error",
                        lambda parent, exc: shown.append(exc.message))
    modal = Modal(qtbot)
    answer_yes(modal)
    click(qtbot, head.payout_lists.approve_list)
    modal.check()
    assert shown == ["Ktoś inny zmienił ten rekord, gdy go edytowałeś(-aś). Twoje wpisy są "
                     "zachowane — sprawdź zmiany i zapisz ponownie."]
    head.refresh()
    assert head.payout_lists.current().status is PayoutListStatus.APPROVED
    assert not head.payout_lists.approve_list.isEnabled()


def test_the_interview_form_shows_a_colleagues_save_and_keeps_what_was_typed(
        qtbot, db, staff, make_ctx, ui_env):
    from dataclasses import replace

    from opsdesk.models.enums import Relation
    from opsdesk.services import interviews
    from opsdesk.services.interviews import MemberEntry
    from tests.factories import WORKDAY, application, interview_form, interview_version, person

    pid = person(db, staff)
    case_id = application(db, staff, pid)
    iid = db.write(lambda s: interviews.start_interview(s, case_id, actor=staff.benefits,
                                                        today=WORKDAY))
    dialog = InterviewDialog(make_ctx(staff.benefits), iid)
    qtbot.addWidget(dialog)
    # A colleague saves her diagnosis while the form is open.
    db.write(lambda s: interviews.save_interview(
        s, iid, replace(interview_form((MemberEntry(pid, Relation.HEAD),)),
                        diagnosis="Diagnoza koleżanki."), actor=staff.head,
        expected_version=interview_version(s, iid), today=WORKDAY))
    type_text(dialog.field("diagnosis"), "Moja diagnoza.")
    click_ok(dialog)
    assert "Ktoś inny zmienił ten rekord" in dialog.error_label.text()
    assert "„Diagnoza koleżanki.”" in dialog.error_label.text()
    assert dialog.field("diagnosis").toPlainText().endswith("Moja diagnoza.")
    assert db.read(lambda s: interviews.interview_detail(
        s, iid, actor=staff.benefits)).form.diagnosis == "Diagnoza koleżanki."
