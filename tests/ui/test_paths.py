"""The benefits worker's case detail: the referral to social work goes out from it, and the
proceeding's messages show there as evidence."""

from opsdesk.models.enums import MessageKind
from opsdesk.ui.benefits.tab import BenefitsTab
from opsdesk.ui.inbox import EvidencePanel
from tests.factories import KASIA, MONDAY, application, person
from tests.ui_helpers import Modal, click, click_ok, select_row_where, type_text


def test_referral_from_the_case_detail_shows_as_evidence(qtbot, db, staff, make_ctx):
    pid = person(db, staff, KASIA)
    case_id = application(db, staff, pid, filed_on=MONDAY)
    tab = BenefitsTab(make_ctx(staff.benefits))
    qtbot.addWidget(tab)
    tab.show()
    assert select_row_where(tab.view, lambda r: r.case_id == case_id) >= 0
    assert tab.refer.isVisible()

    def fill(dialog):
        type_text(dialog.field("part:resources"), "Nie zarejestrowała się w urzędzie pracy.")
        type_text(dialog.field("part:question"), "Czy podejmie współpracę z doradcą?")
        click_ok(dialog)

    modal = Modal(qtbot)
    modal(fill)
    click(qtbot, tab.refer)
    modal.check()
    evidence = tab.findChild(EvidencePanel)
    kinds = [row.kind for row in evidence.list.model.rows()]
    assert kinds == [MessageKind.REFERRAL]


def test_an_opinion_is_cited_in_the_draft_decisions_justification(qtbot, db, staff, make_ctx):
    from opsdesk.models import CaseMessage, Decision
    from opsdesk.services import decisions
    from tests.factories import WORKDAY, grant, send, single_case

    pid, case_id = single_case(db, staff, "0")
    message_id = send(db, staff.social, MessageKind.OPINION_POSSIBILITIES, pid, case_id)
    decision_id = db.write(lambda s: decisions.save_draft(
        s, grant(case_id, amount="505.00"), actor=staff.benefits, today=WORKDAY))
    tab = BenefitsTab(make_ctx(staff.benefits))
    qtbot.addWidget(tab)
    tab.show()
    assert select_row_where(tab.view, lambda r: r.case_id == case_id) >= 0
    assert select_row_where(tab.decision_view, lambda r: r.id == decision_id) >= 0
    assert select_row_where(tab.evidence.list.view, lambda r: r.id == message_id) >= 0
    seen: list[str] = []

    def save(dialog):
        seen.append(dialog.field("justification").toPlainText())
        click_ok(dialog)

    modal = Modal(qtbot)
    modal(save)
    click(qtbot, tab.cite)
    modal.check()
    cited = db.read(lambda s: s.get(CaseMessage, message_id).cited_in_decision_id)
    justification = db.read(lambda s: s.get(Decision, decision_id).justification)
    assert cited == decision_id
    assert seen and "Opinia o możliwościach rozwiązania problemów" in seen[0]
    assert "Opinia o możliwościach rozwiązania problemów" in justification


def test_the_benefits_worker_reaches_the_teams_other_tasks(qtbot, db, staff, make_ctx):
    from opsdesk.ui.other_tasks_panel import OtherTasksPanel

    tab = BenefitsTab(make_ctx(staff.benefits))
    qtbot.addWidget(tab)
    titles = [tab.pages.tabText(i) for i in range(tab.pages.count())]
    assert "Inne zadania" in titles
    tab.pages.setCurrentIndex(titles.index("Inne zadania"))
    assert isinstance(tab.pages.currentWidget(), OtherTasksPanel)
    assert tab.detail.text() == ""
