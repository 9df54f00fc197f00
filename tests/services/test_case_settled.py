"""A case is settled (załatwiona) only when every benefit applied for in it is decided —
granted, refused, or partly both (issue 16 item 4); "w całości" only for a benefit the
party asked for, granted to the amount asked."""

from __future__ import annotations

from datetime import date

from opsdesk.models import Case, Decision
from opsdesk.models.enums import BenefitKind, CaseStatus, DecisionKind, PayoutMethod
from opsdesk.services import intake, queue
from opsdesk.services.decisions import DecisionForm, RefusalGround
from opsdesk.services.intake import ApplicationForm
from tests.factories import FILED, D, grant, single_case
from tests.factories import issue_decision as issued


def decision_due(db, staff, case_id):
    rows = db.read(lambda s: queue.benefits_queue(s, actor=staff.benefits,
                                                  today=date(2026, 11, 20)))
    row = next((r for r in rows if r.case_id == case_id), None)
    return [d for d in row.deadlines if d.label == "decyzja"] if row else []


def test_the_case_is_settled_when_the_last_benefit_applied_for_is_decided(db, staff):
    pid, case_id = single_case(db, staff, "400.00")  # asks for zasiłek okresowy
    db.write(lambda s: intake.register_application(s, ApplicationForm(
        person_id=pid, benefit_kind=BenefitKind.ZASILEK_CELOWY, filed_on=FILED,
        description="Na opał.", case_id=case_id), actor=staff.desk, today=FILED))
    first = issued(db, staff, grant(case_id), today=date(2026, 11, 10))
    assert db.read(lambda s: s.get(Case, case_id).status) is CaseStatus.IN_PROGRESS
    assert decision_due(db, staff, case_id)  # the zasiłek celowy is still to decide
    assert db.read(lambda s: s.get(Decision, first.id).granted_in_full)
    refusal = DecisionForm(case_id=case_id, kind=DecisionKind.REFUSING,
                           benefit_kind=BenefitKind.ZASILEK_CELOWY,
                           refusal_ground=RefusalGround.OTHER,
                           justification="Potrzeba zakupu opału została zaspokojona "
                                         "darowizną parafii w dniu 5 listopada 2026 r.")
    issued(db, staff, refusal, today=date(2026, 11, 12))
    assert db.read(lambda s: s.get(Case, case_id).status) is CaseStatus.DECIDED
    assert not decision_due(db, staff, case_id)


def test_in_full_only_for_what_was_asked(db, staff):
    pid, case_id = single_case(db, staff, "400.00")  # asks for zasiłek okresowy only
    celowy = issued(db, staff, DecisionForm(
        case_id=case_id, kind=DecisionKind.GRANTING, benefit_kind=BenefitKind.ZASILEK_CELOWY,
        amount=D("200.00"), period_from=date(2026, 11, 17), payout_method=PayoutMethod.CASH,
        purpose="leki", justification="Z urzędu: potrzeba zakupu leków."),
        today=date(2026, 11, 10))
    assert not db.read(lambda s: s.get(Decision, celowy.id).granted_in_full)
    assert db.read(lambda s: s.get(Case, case_id).status) is CaseStatus.IN_PROGRESS
