"""The benefits worker's case detail: the referral to social work goes out from it, and the
proceeding's messages show there as evidence."""

from PySide6.QtCore import Qt

from opsdesk.models.enums import MessageKind
from opsdesk.ui.benefits_tab import BenefitsTab
from opsdesk.ui.inbox import EvidencePanel
from tests.socialwork_helpers import benefit_case, person
from tests.ui_helpers import click_ok, select_row_where, type_text, when_modal


def test_referral_from_the_case_detail_shows_as_evidence(qtbot, db, staff, make_ctx):
    pid = person(db, staff)
    case_id = benefit_case(db, staff, pid)
    tab = BenefitsTab(make_ctx(staff.benefits))
    qtbot.addWidget(tab)
    tab.show()
    assert select_row_where(tab.view, lambda r: r.case_id == case_id) >= 0
    assert tab.refer.isVisible()

    def fill(dialog):
        type_text(dialog.field("part:resources"), "Nie zarejestrowała się w urzędzie pracy.")
        type_text(dialog.field("part:question"), "Czy podejmie współpracę z doradcą?")
        click_ok(dialog)

    when_modal(qtbot, fill)
    qtbot.mouseClick(tab.refer, Qt.MouseButton.LeftButton)
    tab.update_detail()
    evidence = tab.findChild(EvidencePanel)
    kinds = [row.kind for row in evidence.list.model.rows()]
    assert kinds == [MessageKind.REFERRAL]
