"""Decisions through the services on a real SQLite file: the law's amounts and ranges,
justification, approval and numbering, the PDF read back, corrections that move future
payouts, repayment, and the art. 36 notice. Figures are counted by hand from docs/law.md
(the 2025 row is in force in 2026)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select

from opsdesk.errors import PermissionDenied, ValidationError
from opsdesk.models import Case, Decision, Handover, Payout, RepaymentInstalment
from opsdesk.models.enums import (
    BenefitKind,
    CaseStatus,
    DecisionKind,
    DecisionStatus,
    DocumentKind,
    IncomeSource,
    PayoutMethod,
    PayoutStatus,
    Relation,
    Role,
)
from opsdesk.services import decisions, desk, interviews, payouts, queue, security, users
from opsdesk.services.decisions import finality
from opsdesk.services.decisions.catalogue import RefusalGround
from opsdesk.services.decisions.views import DecisionForm
from opsdesk.services.interviews import MemberEntry
from tests.conftest import PASSWORD
from tests.factories import (
    JERZY,
    WORKDAY,
    D,
    application,
    correction,
    done_interview,
    family,
    grant,
    income,
    interview_form,
    interview_version,
    new_income,
    person,
    single_case,
)
from tests.factories import approve_decision as issue
from tests.factories import draft_decision as draft
from tests.factories import issue_decision as issued
from tests.pdf_helpers import pdf_text

OKRESOWY = BenefitKind.ZASILEK_OKRESOWY
STALY = BenefitKind.ZASILEK_STALY


def planned(db, decision_ids):
    return db.read(lambda s: [(p.period_from, p.period_to, p.amount) for p in s.scalars(
        select(Payout).where(Payout.decision_id.in_(decision_ids),
                             Payout.status != PayoutStatus.CANCELLED)
        .order_by(Payout.period_from))])


# --------------------------------------------------------------- zasiłek okresowy


def test_defaults_prefill_basis_amount_period_and_method(db, staff):
    pid, case_id = single_case(db, staff, "400.00")
    dflt = db.write(lambda s: decisions.decision_defaults(
        s, actor=staff.benefits, case_id=case_id, kind=DecisionKind.GRANTING,
        benefit_kind=OKRESOWY, today=WORKDAY))
    # 1010 − 400 = 610: at least 50 % (305.00), at most 610.00
    assert (dflt.rule.computed, dflt.rule.least, dflt.rule.most) == (D("305.00"), D("305.00"),
                                                                     D("610.00"))
    assert dflt.period_from == date(2026, 11, 1) and dflt.period_to == date(2027, 1, 31)
    assert dflt.payout_method is PayoutMethod.TRANSFER  # the person has an account on file
    assert dflt.bank_account == "61109010140000071219812874"
    assert dflt.legal_basis.startswith("art. 7 pkt 1 i 4, art. 8 ust. 1 pkt 1, art. 38 ust. 1 "
                                       "pkt 1, ust. 2 pkt 1, ust. 3 pkt 1 i ust. 5, art. 106 "
                                       "ust. 1 i 3 oraz art. 110 ust. 7 ustawy z dnia 12 marca "
                                       "2004 r. o pomocy społecznej (Dz.U. z 2025 r. poz. 1214) "
                                       "oraz art. 104 ustawy z dnia 14 czerwca 1960 r.")
    assert "w październiku 2026 r." in dflt.justification
    assert "1 010,00" in dflt.justification.replace("\u00a0", " ")


def test_granting_in_full_issues_numbers_schedules_and_waits_at_the_desk(db, staff):
    pid, case_id = single_case(db, staff, "400.00")
    result = issued(db, staff, grant(case_id))
    assert result.number == "GOPS.8311.DEC.1.2026"
    assert planned(db, [result.id]) == [
        (date(2026, 11, 1), date(2026, 11, 30), D("305.00")),
        (date(2026, 12, 1), date(2026, 12, 31), D("305.00")),
        (date(2027, 1, 1), date(2027, 1, 31), D("305.00"))]
    waiting = db.read(lambda s: desk.waiting_documents(s, actor=staff.desk))
    assert [(w.kind, w.document_id) for w in waiting] == [(DocumentKind.DECISION, result.id)]
    assert "GOPS.8311.DEC.1.2026" in waiting[0].title
    detail = db.read(lambda s: decisions.decision_detail(s, result.id, actor=staff.benefits))
    assert detail.row.status is DecisionStatus.ISSUED and detail.granted_in_full
    assert not detail.justification_required
    assert db.read(lambda s: s.get(Decision, result.id).case.status) is CaseStatus.DECIDED
    # The desk hands it over: the delivery from which the 14-day appeal period runs.
    db.write(lambda s: desk.hand_over(s, waiting[0].id, actor=staff.desk,
                                      handed_to="Zofia Źdźbło-Gąsiorowska", on=date(2026, 11, 12)))
    row = db.read(lambda s: decisions.decisions_of_case(s, case_id, actor=staff.benefits))[0]
    assert row.delivered_on == date(2026, 11, 12)
    assert row.appeal_deadline == date(2026, 11, 26)
    second = issued(db, staff, grant(single_case(db, staff, "0", who=JERZY)[1],
                                     period_from=date(2027, 2, 1), period_to=date(2027, 2, 28),
                                     amount="505.00"), today=WORKDAY)
    assert second.number == "GOPS.8311.DEC.2.2026"


def test_partial_first_month_is_prorated_in_ruling_and_payouts(db, staff):
    pid, case_id = single_case(db, staff, "400.00")
    result = issued(db, staff, grant(case_id, period_from=date(2026, 11, 15),
                                     period_to=date(2027, 1, 10)))
    # 305 / 30 × 16 = 162.666… → 162.67; 305 / 31 × 10 = 98.387… → 98.39
    assert planned(db, [result.id]) == [
        (date(2026, 11, 15), date(2026, 11, 30), D("162.67")),
        (date(2026, 12, 1), date(2026, 12, 31), D("305.00")),
        (date(2027, 1, 1), date(2027, 1, 10), D("98.39"))]
    text = " ".join(db.read(lambda s: decisions.decision_detail(
        s, result.id, actor=staff.benefits)).ruling).replace("\u00a0", " ")
    assert "Za niepełny miesiąc listopad 2026 r." in text and "162,67 zł" in text
    assert "Za niepełny miesiąc styczeń 2027 r." in text and "98,39 zł" in text


@pytest.mark.parametrize(("amount", "message"), [
    ("610.01", "przekracza maksimum dopuszczalne prawem (610,00"),
    ("304.99", "niższa od minimum wymaganego prawem (305,00"),
])
def test_amount_outside_the_legal_range_is_refused(db, staff, amount, message):
    pid, case_id = single_case(db, staff, "400.00")
    with pytest.raises(ValidationError) as err:
        draft(db, staff, grant(case_id, amount))
    assert err.value.field == "amount"
    assert message in err.value.message.replace("\u00a0", " ")


def test_more_than_computed_needs_a_justification(db, staff):
    pid, case_id = single_case(db, staff, "400.00")
    with pytest.raises(ValidationError, match="Przyznajesz więcej niż kwota wyliczona") as err:
        draft(db, staff, grant(case_id, "610.00"))
    assert err.value.field == "justification"
    did = draft(db, staff, grant(case_id, "610.00", justification=(
        "Strona ponosi wysokie koszty leczenia; przyznano pełną różnicę.")))
    assert db.read(lambda s: s.get(Decision, did).computed_amount) == D("305.00")


def test_less_than_requested_is_not_in_full_and_needs_a_justification(db, staff):
    pid, case_id = single_case(db, staff, "400.00")
    with pytest.raises(ValidationError, match=r"art\. 107 § 4"):
        draft(db, staff, grant(case_id, requested_amount=D("500.00")))
    did = draft(db, staff, grant(case_id, requested_amount=D("500.00"),
                                 justification="Przyznano kwotę gwarantowaną."))
    detail = db.read(lambda s: decisions.decision_detail(s, did, actor=staff.benefits))
    assert not detail.granted_in_full and detail.justification_required


def test_income_equal_to_threshold_gives_no_zasilek_okresowy(db, staff):
    pid, case_id = single_case(db, staff, "1010.00")
    with pytest.raises(ValidationError, match="Zasiłek okresowy nie przysługuje"):
        draft(db, staff, grant(case_id, "20.00"))


def test_period_ending_before_it_starts_is_refused(db, staff):
    pid, case_id = single_case(db, staff, "400.00")
    with pytest.raises(ValidationError, match="Koniec okresu nie może być wcześniejszy") as err:
        draft(db, staff, grant(case_id, period_from=date(2026, 12, 1),
                               period_to=date(2026, 11, 30)))
    assert err.value.field == "period_to"


def test_period_overlapping_the_same_benefit_is_refused(db, staff):
    pid, case_id = single_case(db, staff, "400.00")
    first = issued(db, staff, grant(case_id))
    second_case = application(db, staff, pid, filed_on=date(2026, 11, 5))
    done_interview(db, staff, second_case, interview_form(
        (MemberEntry(pid, Relation.HEAD),), (income(pid, "400.00"),)))
    with pytest.raises(ValidationError) as err:
        draft(db, staff, grant(second_case, period_from=date(2027, 1, 1),
                               period_to=date(2027, 3, 31)))
    assert "nakłada się" in err.value.message and first.number in err.value.message
    # The day after the first ends is fine.
    draft(db, staff, grant(second_case, period_from=date(2027, 2, 1),
                           period_to=date(2027, 3, 31)))


def test_period_before_the_month_of_the_application_is_refused(db, staff):
    pid, case_id = single_case(db, staff, "400.00")
    with pytest.raises(ValidationError, match="od miesiąca złożenia wniosku"):
        draft(db, staff, grant(case_id, period_from=date(2026, 10, 1)))


def test_transfer_needs_a_valid_account(db, staff):
    pid, case_id = single_case(db, staff, "400.00")
    with pytest.raises(ValidationError, match="podaj numer rachunku"):
        draft(db, staff, grant(case_id, payout_method=PayoutMethod.TRANSFER))
    with pytest.raises(ValidationError, match="Nieprawidłowy numer rachunku"):
        draft(db, staff, grant(case_id, payout_method=PayoutMethod.TRANSFER,
                               bank_account="61 1090 1014 0000 0712 1981 2875"))


def test_no_decision_without_the_interview(db, staff):
    pid = person(db, staff)
    case_id = application(db, staff, pid)
    with pytest.raises(ValidationError, match="rodzinny wywiad środowiskowy"):
        draft(db, staff, grant(case_id))


# --------------------------------------------------------------------- zasiłek stały


@pytest.mark.parametrize(("own", "expected"), [
    ("300.00", "1013.00"),  # 1313.00 − 300
    ("0", "1229.00"),  # 1313.00 capped at 1229 for a single person
    ("1009.99", "303.01"),  # just below the threshold: 1313.00 − 1009.99
])
def test_zasilek_staly_single_is_the_amount_of_the_law(db, staff, own, expected):
    pid, case_id = single_case(db, staff, own, kind=STALY)
    dflt = db.write(lambda s: decisions.decision_defaults(
        s, actor=staff.benefits, case_id=case_id, kind=DecisionKind.GRANTING,
        benefit_kind=STALY, today=WORKDAY))
    assert dflt.rule.computed == D(expected) and dflt.period_to is None
    form = grant(case_id, expected, kind=STALY, period_to=None)
    for wrong, message in ((D(expected) + D("0.01"), "przekracza maksimum"),
                           (D(expected) - D("0.01"), "niższa od minimum")):
        with pytest.raises(ValidationError, match=message):
            draft(db, staff, replace(form, amount=wrong))
    result = issued(db, staff, form)
    months = planned(db, [result.id])
    # Open-ended: scheduled twelve months ahead, extended when lists are drawn up.
    assert months[0][:2] == (date(2026, 11, 1), date(2026, 11, 30))
    assert months[-1][:2] == (date(2027, 10, 1), date(2027, 10, 31))
    assert {m[2] for m in months} == {D(expected)}
    pdf = pdf_text(db.write(lambda s: decisions.decision_pdf(s, result.id, actor=staff.head)))
    assert "na czas nieokreślony" in pdf


def test_zasilek_staly_in_a_family(db, staff):
    zofia, jerzy, jas = family(db, staff)
    case_id = application(db, staff, zofia, STALY)
    done_interview(db, staff, case_id, interview_form(
        (MemberEntry(zofia, Relation.HEAD), MemberEntry(jerzy, Relation.SPOUSE),
         MemberEntry(jas, Relation.CHILD)),
        (income(zofia, "200.00", IncomeSource.PENSION), income(jerzy, "1000.00"))))
    dflt = db.write(lambda s: decisions.decision_defaults(
        s, actor=staff.benefits, case_id=case_id, kind=DecisionKind.GRANTING,
        benefit_kind=STALY, today=WORKDAY))
    # per person 1200 / 3 = 400 < 823 and own 200 < 823: 1069.90 − 400 = 669.90
    assert dflt.rule.computed == D("669.90")


def test_zasilek_staly_not_due_when_own_income_is_not_below(db, staff):
    pid, case_id = single_case(db, staff, "1010.00", kind=STALY)
    with pytest.raises(ValidationError, match="Zasiłek stały nie przysługuje"):
        draft(db, staff, grant(case_id, "100.00", kind=STALY, period_to=None))


# ------------------------------------------------------------------ zasiłki celowe


def test_zasilek_celowy_one_payout_never_prorated(db, staff):
    pid, case_id = single_case(db, staff, "900.00", kind=BenefitKind.ZASILEK_CELOWY)
    form = DecisionForm(case_id=case_id, kind=DecisionKind.GRANTING,
                        benefit_kind=BenefitKind.ZASILEK_CELOWY, amount=D("450.00"),
                        period_from=date(2026, 11, 17), payout_method=PayoutMethod.CASH)
    with pytest.raises(ValidationError, match="Przeznaczenie"):
        draft(db, staff, form)
    result = issued(db, staff, replace(form, purpose="zakup opału na zimę"))
    assert planned(db, [result.id]) == [(date(2026, 11, 17), date(2026, 11, 17), D("450.00"))]
    text = " ".join(db.read(lambda s: decisions.decision_detail(
        s, result.id, actor=staff.benefits)).ruling).replace("\u00a0", " ")
    assert "zasiłek celowy w wysokości 450,00 zł (słownie: czterysta pięćdziesiąt złotych " \
           "00/100) z przeznaczeniem na: zakup opału na zimę" in text


def test_celowy_above_threshold_points_to_art_41_and_specjalny_is_capped(db, staff):
    pid, case_id = single_case(db, staff, "1200.00", kind=BenefitKind.ZASILEK_CELOWY)
    base = DecisionForm(case_id=case_id, kind=DecisionKind.GRANTING,
                        benefit_kind=BenefitKind.ZASILEK_CELOWY, amount=D("300.00"),
                        period_from=date(2026, 11, 17), payout_method=PayoutMethod.CASH,
                        purpose="leki")
    with pytest.raises(ValidationError, match="art. 41"):
        draft(db, staff, base)
    special = replace(base, benefit_kind=BenefitKind.SPECJALNY_ZASILEK_CELOWY,
                      justification="Szczególnie uzasadniony przypadek: koszty leczenia.")
    with pytest.raises(ValidationError, match="przekracza maksimum dopuszczalne prawem"):
        draft(db, staff, replace(special, amount=D("1010.01")))  # up to the single threshold
    assert draft(db, staff, replace(special, amount=D("1010.00")))


def test_art_39a_and_40_regardless_of_income(db, staff):
    pid, case_id = single_case(db, staff, "5000.00", kind=BenefitKind.ZASILEK_CELOWY_40)
    form = DecisionForm(case_id=case_id, kind=DecisionKind.GRANTING,
                        benefit_kind=BenefitKind.ZASILEK_CELOWY_40, amount=D("2000.00"),
                        period_from=date(2026, 11, 12), payout_method=PayoutMethod.CASH,
                        purpose="pożar budynku mieszkalnego — odzież i żywność")
    did = draft(db, staff, form)
    basis = db.read(lambda s: s.get(Decision, did).legal_basis)
    assert "art. 40 ust. 1" in basis and "art. 8," not in basis


def test_in_kind_benefits_have_no_payouts(db, staff):
    pid, case_id = single_case(db, staff, "1500.00", kind=BenefitKind.USLUGI_OPIEKUNCZE)
    form = DecisionForm(case_id=case_id, kind=DecisionKind.GRANTING,
                        benefit_kind=BenefitKind.USLUGI_OPIEKUNCZE,
                        period_from=date(2026, 12, 1), period_to=date(2027, 5, 31),
                        purpose="2 godziny dziennie w dni robocze; odpłatność 10% kosztu godziny")
    result = issued(db, staff, form)
    assert planned(db, [result.id]) == []
    text = " ".join(db.read(lambda s: decisions.decision_detail(
        s, result.id, actor=staff.benefits)).ruling)
    assert "Przyznaję stronie usługi opiekuńcze w zakresie: 2 godziny dziennie" in text


# ---------------------------------------------------------------------- refusals


def refusal(case_id, ground, **kw):
    return DecisionForm(case_id=case_id, kind=DecisionKind.REFUSING, benefit_kind=OKRESOWY,
                        refusal_ground=ground, **kw)


def test_refusal_for_income_needs_a_justification_and_a_true_ground(db, staff):
    pid, case_id = single_case(db, staff, "1500.00")
    with pytest.raises(ValidationError, match="Uzasadnienie jest wymagane"):
        draft(db, staff, refusal(case_id, RefusalGround.INCOME))
    result = issued(db, staff, refusal(case_id, RefusalGround.INCOME,
                                       justification="Dochód strony przekracza kryterium."))
    detail = db.read(lambda s: decisions.decision_detail(s, result.id, actor=staff.benefits))
    assert detail.ruling == ("Odmawiam przyznania stronie zasiłku okresowego.",)
    assert detail.form.legal_basis.startswith(
        "art. 8 ust. 1 pkt 1, art. 38 ust. 1 pkt 1, art. 106 ust. 1 i art. 110 ust. 7 ustawy")
    assert planned(db, [result.id]) == []
    _, eligible_case = single_case(db, staff, "100.00", who=JERZY)
    with pytest.raises(ValidationError, match="bezpodstawna"):
        draft(db, staff, refusal(eligible_case, RefusalGround.INCOME, justification="x"))


def test_interview_refused_ground_needs_the_refusal_on_file(db, staff):
    _, case_id = single_case(db, staff, "100.00")
    with pytest.raises(ValidationError, match="nie ma odmowy przeprowadzenia wywiadu"):
        draft(db, staff, refusal(case_id, RefusalGround.INTERVIEW_REFUSED, justification="x"))


def test_refused_interview_allows_only_a_refusal(db, staff):
    pid = person(db, staff)
    case_id = application(db, staff, pid)
    iid = db.write(lambda s: interviews.start_interview(s, case_id, actor=staff.benefits,
                                                        today=WORKDAY))
    db.write(lambda s: interviews.record_refusal(
            s, iid, actor=staff.benefits, expected_version=interview_version(s, iid),
                                                 on=date(2026, 11, 5), today=WORKDAY,
                                                 note="Strona odmówiła wpuszczenia pracownika."))
    with pytest.raises(ValidationError, match="tylko decyzję odmowną"):
        draft(db, staff, grant(case_id))
    with pytest.raises(ValidationError, match="dochodu nie ustalono"):
        draft(db, staff, refusal(case_id, RefusalGround.INCOME, justification="x"))
    did = draft(db, staff, refusal(case_id, RefusalGround.INTERVIEW_REFUSED,
                                   justification="Strona odmówiła przeprowadzenia wywiadu."))
    assert "art. 107 ust. 4a" in db.read(lambda s: s.get(Decision, did).legal_basis)


# -------------------------------------------------------------- approval and issue


def test_only_the_head_or_an_authorised_worker_approves(db, staff):
    pid, case_id = single_case(db, staff, "400.00")
    did = draft(db, staff, grant(case_id))
    with pytest.raises(PermissionDenied):
        issue(db, staff, did, actor=staff.benefits)
    with pytest.raises(PermissionDenied):
        issue(db, staff, did, actor=staff.social)
    db.write(lambda s: users.add_worker(s, actor=staff.head, login="zastepca",
                                        full_name="Łukasz Ząbek", password=PASSWORD,
                                        roles={Role.BENEFITS}, position="Zastępca kierownika",
                                        may_sign_decisions=True))
    deputy = db.write(lambda s: security.authenticate(s, login="zastepca", password=PASSWORD))
    result = issue(db, staff, did, actor=deputy)
    d = db.read(lambda s: s.get(Decision, result.id))
    assert "art. 110 ust. 8" in d.legal_basis and "art. 110 ust. 7" not in d.legal_basis
    assert (d.signatory_name, d.signatory_position) == ("Łukasz Ząbek", "Zastępca kierownika")


def test_draft_flow_submit_return_and_no_edit_while_waiting(db, staff):
    pid, case_id = single_case(db, staff, "400.00")
    did = draft(db, staff, grant(case_id))
    db.write(lambda s: decisions.submit_draft(s, did, actor=staff.benefits, today=WORKDAY))
    assert db.read(lambda s: s.get(Decision, did).case.status) is CaseStatus.AWAITING_APPROVAL
    with pytest.raises(ValidationError, match="czeka na zatwierdzenie"):
        draft(db, staff, grant(case_id, "400.00", justification="x"), decision_id=did)
    db.write(lambda s: decisions.return_draft(s, did, actor=staff.head))
    draft(db, staff, grant(case_id, "400.00", justification="Koszty leczenia."), decision_id=did)
    db.write(lambda s: decisions.discard_draft(s, did, actor=staff.benefits))
    assert db.read(lambda s: s.get(Decision, did)) is None


def test_issued_decision_is_never_edited(db, staff):
    pid, case_id = single_case(db, staff, "400.00")
    result = issued(db, staff, grant(case_id))
    with pytest.raises(ValidationError, match="nie może być zmieniana") as err:
        draft(db, staff, grant(case_id, "400.00", justification="x"), decision_id=result.id)
    assert "zmieniającą, uchylającą" in err.value.message
    with pytest.raises(ValidationError, match="została już wydana|nie może być zmieniana"):
        issue(db, staff, result.id)

    def tamper(s):
        s.get(Decision, result.id).amount = D("610.00")
        s.flush()
    with pytest.raises(ValidationError, match="nie może być zmieniana ani usuwana"):
        db.write(tamper)

    def delete(s):
        s.delete(s.get(Decision, result.id))
        s.flush()
    with pytest.raises(ValidationError, match="nie może być zmieniana ani usuwana"):
        db.write(delete)
    assert db.read(lambda s: s.get(Decision, result.id).amount) == D("305.00")


def test_decision_pdf_has_every_element_of_kpa_107(db, staff, tmp_path):
    pid, case_id = single_case(db, staff, "400.00")
    result = issued(db, staff, grant(case_id, requested_amount=D("500.00"), justification=(
        "Dochód strony w październiku 2026 r. wyniósł 400,00 zł. Przyznano kwotę gwarantowaną.")))
    data = db.write(lambda s: decisions.decision_pdf(s, result.id, actor=staff.desk))
    (tmp_path / "decyzja.pdf").write_bytes(data)
    text = pdf_text(data)
    for element in (
        "Gminny Ośrodek Pomocy Społecznej w Zbąszynku",  # the organ's office
        "Zbąszynek, dnia 10.11.2026 r.",  # date
        "DECYZJA nr GOPS.8311.DEC.1.2026", "Znak sprawy: GOPS.8311.1.2026",
        "Zofia Źdźbło-Gąsiorowska", "85030412362",  # the party
        "Na podstawie art. 7 pkt 1 i 4, art. 8 ust. 1 pkt 1, art. 38 ust. 1 pkt 1, ust. 2 "
        "pkt 1, ust. 3 pkt 1 i ust. 5, art. 106 ust. 1 i 3 oraz art. 110 ust. 7 ustawy z "
        "dnia 12 marca 2004 r. o pomocy społecznej (Dz.U. z 2025 r. poz. 1214) oraz art. "
        "104 ustawy z dnia 14 czerwca 1960 r. – Kodeks postępowania administracyjnego "
        "(Dz.U. z 2024 r. poz. 572) w związku z rozporządzeniem Rady Ministrów z dnia 10 "
        "lipca 2024 r.",  # legal basis, the consolidated texts in force
        "(Dz.U. z 2024 r. poz. 1044), po rozpatrzeniu wniosku z dnia 03.11.2026 r. o "
        "przyznanie zasiłku okresowego,",
        "orzekam:",
        "305,00 zł (słownie: trzysta pięć złotych 00/100) miesięcznie na okres od dnia "
        "01.11.2026 r. do dnia 31.01.2027 r.",  # ruling, amount in figures and words
        "w kasie ośrodka na podstawie dowodu wypłaty „Kasa wypłaci”",
        "UZASADNIENIE", "Przyznano kwotę gwarantowaną.",  # justification
        "POUCZENIE", "odwołanie do Samorządowego Kolegium Odwoławczego w Zielonej Górze",
        "za pośrednictwem Kierownika", "w terminie 14 dni od dnia jej doręczenia",
        "zrzec się prawa do wniesienia odwołania", "staje się ostateczna i prawomocna",
        "art. 109 ustawy z dnia 12 marca 2004 r. o pomocy społecznej",
        "z upoważnienia Burmistrza Zbąszynka", "Grażyna Wiśniewska",  # signature
        "Otrzymują:", "Adresat",
    ):
        assert element in text, element


def test_draft_prints_as_a_draft_for_the_approver(db, staff):
    pid, case_id = single_case(db, staff, "400.00")
    did = draft(db, staff, grant(case_id))
    text = pdf_text(db.write(lambda s: decisions.decision_pdf(s, did, actor=staff.head)))
    assert "(projekt)" in text and "orzekam:" in text


# ------------------------------------------------------------------- corrections


def test_changing_decision_corrects_only_future_payouts(db, staff):
    pid, case_id = single_case(db, staff, "400.00")
    root = issued(db, staff, grant(case_id))
    today = date(2026, 11, 20)
    new_income(db, staff, pid, case_id, "200.00", today)  # 1010 − 200 = 810: 405.00–810.00
    change = correction(case_id, root.id, DecisionKind.CHANGING, date(2026, 12, 15),
                        amount=D("405.00"))
    result = issued(db, staff, change, today=today)
    # 305 × 14/31 = 137.74 (1–14 Dec), 405 × 17/31 = 222.10 (15–31 Dec)
    assert planned(db, [root.id, result.id]) == [
        (date(2026, 11, 1), date(2026, 11, 30), D("305.00")),
        (date(2026, 12, 1), date(2026, 12, 14), D("137.74")),
        (date(2026, 12, 15), date(2026, 12, 31), D("222.10")),
        (date(2027, 1, 1), date(2027, 1, 31), D("405.00"))]
    text = " ".join(db.read(lambda s: decisions.decision_detail(
        s, result.id, actor=staff.benefits)).ruling).replace("\u00a0", " ")
    assert f"Zmieniam decyzję nr {root.number} z dnia 10.11.2026 r." in text
    assert "od dnia 15.12.2026 r. świadczenie wynosi 405,00 zł" in text
    # The root itself stays as it was issued.
    assert db.read(lambda s: s.get(Decision, root.id).amount) == D("305.00")


def test_change_for_the_past_or_below_the_10_percent_rule_is_refused(db, staff):
    pid, case_id = single_case(db, staff, "400.00")
    root = issued(db, staff, grant(case_id))
    today = date(2026, 11, 20)
    with pytest.raises(ValidationError, match="tylko na przyszłość"):
        draft(db, staff, correction(case_id, root.id, DecisionKind.REVOKING,
                                    date(2026, 11, 19)), today=today)
    new_income(db, staff, pid, case_id, "350.00", today)  # 50 zł ≤ 10 % of 1010
    with pytest.raises(ValidationError, match="art. 106 ust. 3a"):
        draft(db, staff, correction(case_id, root.id, DecisionKind.CHANGING, date(2026, 12, 1),
                                    amount=D("330.00")), today=today)
    with pytest.raises(ValidationError, match="musi coś zmieniać"):
        draft(db, staff, correction(case_id, root.id, DecisionKind.CHANGING, date(2026, 12, 1)),
              today=today)
    with pytest.raises(ValidationError, match="poza okresem"):
        draft(db, staff, correction(case_id, root.id, DecisionKind.REVOKING, date(2027, 2, 1)),
              today=today)


def test_revoking_waits_for_finality_then_cancels_from_its_day(db, staff):
    pid, case_id = single_case(db, staff, "400.00")
    root = issued(db, staff, grant(case_id))
    before = planned(db, [root.id])
    result = issued(db, staff, correction(case_id, root.id, DecisionKind.REVOKING,
                                          date(2026, 12, 15)), today=date(2026, 11, 25))
    # kpa art. 130 § 1: against the party, not carried out before it is final.
    assert planned(db, [root.id, result.id]) == before
    assert db.read(lambda s: s.get(Decision, result.id).awaits_finality)
    # Handed over at the desk on Friday 27.11: the appeal period ends on 11.12.
    db.write(lambda s: desk.hand_over(s, result.handover_id, actor=staff.desk,
                                      handed_to="Zofia Źdźbło-Gąsiorowska",
                                      on=date(2026, 11, 27)))
    assert db.write(lambda s: finality.carry_out_final(s, today=date(2026, 12, 11))) == []
    assert db.write(lambda s: finality.carry_out_final(s, today=date(2026, 12, 12))) == \
        [result.id]
    # 305 × 14/31 = 137.74 for 1–14 Dec; January no longer paid
    assert planned(db, [root.id, result.id]) == [
        (date(2026, 11, 1), date(2026, 11, 30), D("305.00")),
        (date(2026, 12, 1), date(2026, 12, 14), D("137.74"))]
    assert f"Uchylam decyzję nr {root.number}" in db.read(lambda s: decisions.decision_detail(
        s, result.id, actor=staff.benefits)).ruling[0]
    grants = db.read(lambda s: decisions.grants_of_person(s, pid, actor=staff.benefits,
                                                         on=date(2026, 12, 20)))
    assert grants[0].end == date(2026, 12, 14) and not grants[0].active


def test_suspending_and_resuming(db, staff):
    pid, case_id = single_case(db, staff, "400.00")
    root = issued(db, staff, grant(case_id))
    with pytest.raises(ValidationError, match="wstrzymano"):
        draft(db, staff, correction(case_id, root.id, DecisionKind.RESUMING, date(2026, 12, 1)),
              today=date(2026, 11, 20))
    # With rygor natychmiastowej wykonalności (kpa art. 108) it is carried out at once.
    stop = issued(db, staff, correction(
        case_id, root.id, DecisionKind.SUSPENDING, date(2026, 12, 1),
        immediate_enforcement_reason="Strona nie współdziała; dalsza wypłata naraziłaby "
                                     "ośrodek na straty trudne do naprawienia."),
        today=date(2026, 11, 20))
    assert planned(db, [root.id]) == [(date(2026, 11, 1), date(2026, 11, 30), D("305.00"))]
    assert "Wstrzymuję od dnia 01.12.2026 r. wypłatę zasiłku okresowego" in \
        db.read(lambda s: decisions.decision_detail(s, stop.id, actor=staff.benefits)).ruling[0]
    with pytest.raises(ValidationError, match="wypłacane w dniu"):
        draft(db, staff, correction(case_id, root.id, DecisionKind.SUSPENDING,
                                    date(2026, 12, 10)), today=date(2026, 11, 20))
    # A resumption is in the party's favour: carried out at once.
    issued(db, staff, correction(case_id, root.id, DecisionKind.RESUMING, date(2027, 1, 1)),
           today=date(2026, 12, 20))
    assert planned(db, [root.id]) == [(date(2026, 11, 1), date(2026, 11, 30), D("305.00")),
                                      (date(2027, 1, 1), date(2027, 1, 31), D("305.00"))]


def test_paid_month_cannot_be_corrected_and_is_recovered_by_art_98(db, staff):
    pid, case_id = single_case(db, staff, "400.00")
    root = issued(db, staff, grant(case_id))
    list_id = db.write(lambda s: payouts.prepare_payout_list(
        s, actor=staff.benefits, payout_date=date(2026, 11, 12), method=PayoutMethod.CASH,
        today=WORKDAY))
    db.write(lambda s: payouts.approve_payout_list(s, list_id, actor=staff.head,
                                                   today=date(2026, 11, 12)))
    db.write(lambda s: payouts.record_list_paid(s, list_id, actor=staff.benefits,
                                                paid_on=date(2026, 11, 12),
                                                today=date(2026, 11, 12)))
    with pytest.raises(ValidationError, match="została już wypłacona") as err:
        draft(db, staff, correction(case_id, root.id, DecisionKind.REVOKING,
                                    date(2026, 11, 20)), today=date(2026, 11, 20))
    assert "01.12.2026" in err.value.message and "art. 98" in err.value.message
    repay = DecisionForm(case_id=case_id, kind=DecisionKind.REPAYMENT, benefit_kind=OKRESOWY,
                         corrects_decision_id=root.id, amount=D("305.01"),
                         period_from=date(2026, 12, 15), repayment_instalments=3,
                         undue_from=date(2026, 11, 1), undue_to=date(2026, 11, 30),
                         instalments_requested_on=date(2026, 11, 18),
                         justification="Strona podjęła pracę i nie poinformowała ośrodka.")
    # The grant is revoked for the future first (art. 106 ust. 5).
    issued(db, staff, correction(case_id, root.id, DecisionKind.REVOKING, date(2026, 12, 1)),
           today=date(2026, 11, 20))
    with pytest.raises(ValidationError, match="przekracza kwotę wypłaconą"):
        draft(db, staff, repay, today=date(2026, 11, 20))
    with pytest.raises(ValidationError, match="Uzasadnienie jest wymagane"):
        draft(db, staff, replace(repay, amount=D("305.00"), justification=""),
              today=date(2026, 11, 20))
    result = issued(db, staff, replace(repay, amount=D("305.00")), today=date(2026, 11, 20))
    plan = db.read(lambda s: [(i.due_on, i.amount) for i in s.scalars(
        select(RepaymentInstalment).where(RepaymentInstalment.decision_id == result.id)
        .order_by(RepaymentInstalment.due_on))])
    # 305 / 3 = 101.666…: two of 101.66, the last 101.68
    assert plan == [(date(2026, 12, 15), D("101.66")), (date(2027, 1, 15), D("101.66")),
                    (date(2027, 2, 15), D("101.68"))]
    detail = db.read(lambda s: decisions.decision_detail(s, result.id, actor=staff.benefits))
    text = " ".join(detail.ruling).replace("\u00a0", " ")
    assert "w 3 ratach miesięcznych: 1) do dnia 15.12.2026 r. — 101,66 zł" in text
    assert detail.form.legal_basis.startswith(
        "art. 6 pkt 16, art. 98 ust. 1, art. 104 ust. 1 i 4 oraz art. 110 ust. 7 ustawy")


# ---------------------------------------------------------- the art. 36 notice


def test_missed_deadline_notice_moves_the_deadline_and_prints(db, staff):
    pid = person(db, staff)
    case_id = application(db, staff, pid)
    rows = db.read(lambda s: queue.benefits_queue(s, actor=staff.benefits, today=WORKDAY))
    assert rows[0].deadline.label == "wywiad"
    late = date(2026, 12, 4)  # kpa art. 35: a month from 03.11.2026 is 03.12.2026
    with pytest.raises(ValidationError, match="Nowy termin musi być późniejszy"):
        db.write(lambda s: decisions.issue_deadline_notice(
            s, case_id, actor=staff.benefits, reason="Oczekiwanie na zaświadczenie z PUP.",
            new_deadline=date(2026, 12, 3), today=late))
    with pytest.raises(ValidationError, match="Przyczyna zwłoki"):
        db.write(lambda s: decisions.issue_deadline_notice(
            s, case_id, actor=staff.benefits, reason="", new_deadline=date(2026, 12, 18),
            today=late))
    nid = db.write(lambda s: decisions.issue_deadline_notice(
        s, case_id, actor=staff.benefits, reason="Oczekiwanie na zaświadczenie z Powiatowego "
        "Urzędu Pracy w Świebodzinie.", new_deadline=date(2026, 12, 18), today=late))
    waiting = db.read(lambda s: s.scalars(select(Handover).where(
        Handover.document_kind == DocumentKind.NOTICE)).all())
    assert [h.document_id for h in waiting] == [nid]
    text = pdf_text(db.write(lambda s: decisions.notice_pdf(s, nid, actor=staff.desk)))
    for element in ("ZAWIADOMIENIE", "art. 36 § 1", "w sprawie przyznania zasiłku okresowego",
                    "03.12.2026 r.", "18.12.2026 r.", "Powiatowego Urzędu Pracy w Świebodzinie",
                    "ponaglenia", "z upoważnienia Burmistrza Zbąszynka",
                    "Zofia Źdźbło-Gąsiorowska"):
        assert element in text, element
    deadline = db.read(lambda s: decisions.decision_deadline_of(s, s.get(Case, case_id)))
    assert deadline == date(2026, 12, 18)


def test_the_desk_prints_what_waits_at_do_odbioru(db, staff):
    from opsdesk.services.documents import document_pdf

    pid, case_id = single_case(db, staff, "400.00")
    result = issued(db, staff, grant(case_id))
    list_id = db.write(lambda s: payouts.prepare_payout_list(
        s, actor=staff.benefits, payout_date=date(2026, 11, 12), method=PayoutMethod.CASH,
        today=WORKDAY))
    db.write(lambda s: payouts.approve_payout_list(s, list_id, actor=staff.head, today=WORKDAY))
    other = application(db, staff, person(db, staff, JERZY))
    db.write(lambda s: decisions.issue_deadline_notice(
        s, other, actor=staff.benefits, reason="Choroba pracownika prowadzącego sprawę.",
        new_deadline=date(2026, 12, 18), today=date(2026, 12, 1)))
    waiting = db.read(lambda s: desk.waiting_documents(s, actor=staff.desk))
    assert {w.kind for w in waiting} == {DocumentKind.DECISION, DocumentKind.RECEIPT,
                                         DocumentKind.NOTICE}
    for w in waiting:
        text = pdf_text(db.read(lambda s, w=w: document_pdf(s, w.kind, w.document_id,
                                                            actor=staff.desk)))
        expected = {DocumentKind.DECISION: result.number, DocumentKind.RECEIPT: "KASA WYPŁACI",
                    DocumentKind.NOTICE: "ZAWIADOMIENIE"}[w.kind]
        assert expected in text
    with pytest.raises(PermissionDenied):
        db.read(lambda s: decisions.decision_pdf(s, result.id, actor=staff.social))
