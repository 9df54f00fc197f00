"""Reasons that carry the ruling (issue 16, item 3): the justification a draft starts from is
built from the records — household, each income by source with its deductions, the
threshold, the computation, the statutory conditions and the ground — nothing meant for the
worker is printed, and "w całości" is said only when the ruling grants what was applied for.
Each test reads the issued decision's PDF back."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from opsdesk.errors import ValidationError
from opsdesk.models.enums import BenefitKind, DecisionKind, IncomeSource, PayoutMethod, Relation
from opsdesk.services import decisions, interviews
from opsdesk.services.decisions.catalogue import RefusalGround
from opsdesk.services.decisions.views import DecisionForm
from opsdesk.services.interviews import MemberEntry
from opsdesk.services.people import PersonForm
from tests.factories import (
    FILED,
    WORKDAY,
    D,
    application,
    done_interview,
    family,
    income,
    interview_form,
    interview_version,
    person,
    single_case,
)
from tests.factories import draft_decision as draft
from tests.factories import issue_decision as issued
from tests.pdf_helpers import pdf_text

OKRESOWY, STALY = BenefitKind.ZASILEK_OKRESOWY, BenefitKind.ZASILEK_STALY
HALINA = PersonForm(first_name="Halina", last_name="Żółkiewska", pesel="50061512345",
                    street="ul. Dworcowa 9", postal_code="66-210", city="Zbąszynek")


def defaults(db, staff, case_id, kind=DecisionKind.GRANTING, benefit=OKRESOWY, **kw):
    return db.write(lambda s: decisions.decision_defaults(
        s, actor=staff.benefits, case_id=case_id, kind=kind, benefit_kind=benefit,
        today=WORKDAY, **kw))


def printed(db, staff, form: DecisionForm) -> str:
    result = issued(db, staff, form)
    return pdf_text(db.write(lambda s: decisions.decision_pdf(s, result.id, actor=staff.desk)))


def test_okresowy_for_a_family_names_each_income_and_why_this_share(db, staff):
    zofia, jerzy, jas = family(db, staff)
    case_id = application(db, staff, zofia)
    done_interview(db, staff, case_id, interview_form(
        (MemberEntry(zofia, Relation.HEAD), MemberEntry(jerzy, Relation.SPOUSE),
         MemberEntry(jas, Relation.CHILD)),
        (income(jerzy, "1500.00", tax="60.00", contributions="205.65"),
         income(zofia, "300.00", IncomeSource.FAMILY_BENEFITS))))
    d = defaults(db, staff, case_id)
    # 3 × 823 = 2469; income 1500 − 60 − 205.65 + 300 = 1534.35; difference 934.65
    assert d.rule.least == D("467.33") and d.rule.most == D("934.65")
    text = printed(db, staff, DecisionForm(
        case_id=case_id, kind=DecisionKind.GRANTING, benefit_kind=OKRESOWY, amount=D("467.33"),
        period_from=d.period_from, period_to=d.period_to, payout_method=PayoutMethod.CASH,
        justification=d.justification))
    for element in (
        "Rodzina strony liczy 3 osoby: Zofia Źdźbło-Gąsiorowska (strona), Jerzy Gąsiorowski "
        "(mąż) i Jaś Gąsiorowski (syn).",
        "na okres od 01.11.2026 r. do 31.01.2027 r. Wysokość i okres",
        "w październiku 2026 r. wyniósł łącznie 1 534,35 zł, tj. 511,45 zł na osobę w rodzinie",
        "Jerzy Gąsiorowski — wynagrodzenie: 1 500,00 zł pomniejszone o podatek dochodowy "
        "60,00 zł i składki na ubezpieczenia 205,65 zł, tj. 1 234,35 zł netto",
        "Zofia Źdźbło-Gąsiorowska — świadczenia rodzinne: 300,00 zł",
        "a dla rodziny 2 469,00 zł (art. 8 ust. 1 pkt 2",
        "wynosi 934,65 zł. Zasiłek okresowy nie może być niższy niż 467,33 zł (50% różnicy, "
        "art. 38 ust. 3 pkt 2",
        "(art. 38 ust. 5), biorąc pod uwagę ustalone w wywiadzie potrzeby strony („Brak "
        "środków na żywność i opał",
        "uzasadniające udzielenie pomocy: ubóstwo i bezrobocie (art. 7 pkt 1 i 4",
        "art. 38 ust. 1 pkt 2, ust. 2 pkt 2, ust. 3 pkt 2 i ust. 5",
    ):
        assert element in text, element
    assert "uzupełnij" not in text and "rozważ" not in text
    assert "uwzględnia w całości" in text  # applied for, granted without a requested amount


def test_staly_states_the_age_and_works_the_amount_out(db, staff):
    pid, case_id = single_case(db, staff, "400.00", kind=STALY, who=HALINA)
    d = defaults(db, staff, case_id, benefit=STALY)
    # 130 % × 1010 = 1313.00; 1313 − 400 = 913.00
    assert d.rule.computed == D("913.00")
    text = printed(db, staff, DecisionForm(
        case_id=case_id, kind=DecisionKind.GRANTING, benefit_kind=STALY, amount=D("913.00"),
        period_from=d.period_from, payout_method=PayoutMethod.CASH,
        justification=d.justification))
    for element in (
        "urodzona 15.06.1950 r., ukończyła 76 lat i jest osobą niezdolną do pracy z tytułu "
        "wieku",
        "różnicy między 130% kryterium dochodowego (1 313,00 zł) a dochodem strony (400,00 zł) "
        "(art. 37 ust. 2 pkt 1",
        "1 313,00 zł − 400,00 zł = 913,00 zł, nie więcej niż 1 229,00 zł i nie mniej niż "
        "100,00 zł",
        "art. 37 ust. 1 pkt 1 i ust. 2 pkt 1",
    ):
        assert element in text, element


def test_staly_without_the_age_asks_the_worker_and_is_not_sent_on_so(db, staff):
    pid, case_id = single_case(db, staff, "400.00", kind=STALY)  # Zofia, 41
    d = defaults(db, staff, case_id, benefit=STALY)
    assert "[uzupełnij: orzeczenie" in d.justification
    form = DecisionForm(case_id=case_id, kind=DecisionKind.GRANTING, benefit_kind=STALY,
                        amount=D("913.00"), period_from=d.period_from,
                        payout_method=PayoutMethod.CASH, justification=d.justification)
    did = draft(db, staff, form)  # a draft may be saved with the marks
    with pytest.raises(ValidationError, match="miejsca do uzupełnienia"):
        db.write(lambda s: decisions.submit_draft(s, did, actor=staff.benefits, today=WORKDAY))
    filled = d.justification.replace(
        "[uzupełnij: orzeczenie — organ, data, numer, stopień lub treść]",
        "orzeczenie Powiatowego Zespołu do Spraw Orzekania o Niepełnosprawności w Świebodzinie "
        "z dnia 02.02.2026 r. o znacznym stopniu niepełnosprawności")
    draft(db, staff, replace(form, justification=filled), decision_id=did)
    db.write(lambda s: decisions.submit_draft(s, did, actor=staff.benefits, today=WORKDAY))


def test_refusal_for_income_states_the_excess_and_the_ground(db, staff):
    pid, case_id = single_case(db, staff, "1200.00")
    d = defaults(db, staff, case_id, kind=DecisionKind.REFUSING,
                 refusal_ground=RefusalGround.INCOME)
    text = printed(db, staff, DecisionForm(
        case_id=case_id, kind=DecisionKind.REFUSING, benefit_kind=OKRESOWY,
        refusal_ground=RefusalGround.INCOME, justification=d.justification))
    for element in (
        "W dniu 03.11.2026 r. strona złożyła wniosek o przyznanie zasiłku okresowego.",
        "Strona prowadzi jednoosobowe gospodarstwo domowe",
        "Dochód przekracza o 190,00 zł kryterium dochodowe.",
        "nie jest spełniony ustawowy warunek przyznania zasiłku okresowego (art. 38 ust. 1 pkt 1",
        "Na podstawie art. 8 ust. 1 pkt 1, art. 38 ust. 1 pkt 1, art. 106 ust. 1 i art. 110 "
        "ust. 7",
    ):
        assert element in text, element
    assert "uwzględnia w całości" not in text and "od 305" not in text


def test_refused_interview_refusal_is_reasoned(db, staff):
    case_id = application(db, staff, person(db, staff))
    iid = db.write(lambda s: interviews.start_interview(s, case_id, actor=staff.benefits,
                                                        today=WORKDAY))
    db.write(lambda s: interviews.record_refusal(
        s, iid, actor=staff.benefits, expected_version=interview_version(s, iid),
        on=date(2026, 11, 5), today=WORKDAY, note="Strona odmówiła wpuszczenia pracownika."))
    d = defaults(db, staff, case_id, kind=DecisionKind.REFUSING,
                 refusal_ground=RefusalGround.INTERVIEW_REFUSED)
    text = printed(db, staff, DecisionForm(
        case_id=case_id, kind=DecisionKind.REFUSING, benefit_kind=OKRESOWY,
        refusal_ground=RefusalGround.INTERVIEW_REFUSED, justification=d.justification))
    for element in ("W dniu 05.11.2026 r. strona odmówiła przeprowadzenia rodzinnego wywiadu "
                    "środowiskowego",
                    "art. 106 ust. 4", "art. 107 ust. 4a", "pouczona o skutkach odmowy"):
        assert element in text, element


def test_a_grant_of_another_benefit_than_applied_for_is_not_in_full(db, staff):
    pid, case_id = single_case(db, staff, "400.00", kind=BenefitKind.POSILEK)
    d = defaults(db, staff, case_id)  # the worker grants a zasiłek okresowy instead
    assert "o przyznanie pomocy w formie posiłku" in d.justification
    assert "rozstrzyga odrębna decyzja" in d.justification
    form = DecisionForm(case_id=case_id, kind=DecisionKind.GRANTING, benefit_kind=OKRESOWY,
                        amount=D("305.00"), period_from=date(2026, 11, 1),
                        period_to=date(2027, 1, 31), payout_method=PayoutMethod.CASH)
    with pytest.raises(ValidationError, match="Uzasadnienie jest wymagane"):
        draft(db, staff, form)
    text = printed(db, staff, replace(form, justification=d.justification))
    assert "uwzględnia w całości" not in text
    assert "po rozpatrzeniu wniosku z dnia 03.11.2026 r. o przyznanie pomocy w formie posiłku" \
        in text


def test_the_editors_hint_never_reaches_print(db, staff):
    pid, case_id = single_case(db, staff, "1200.00", kind=BenefitKind.ZASILEK_CELOWY)
    d = defaults(db, staff, case_id, benefit=BenefitKind.ZASILEK_CELOWY)
    assert "Rozważ specjalny zasiłek celowy" in d.rule.hint
    assert "ozważ" not in d.rule.note and "ozważ" not in d.justification
    with pytest.raises(ValidationError, match="Rozważ specjalny zasiłek celowy"):
        draft(db, staff, DecisionForm(
            case_id=case_id, kind=DecisionKind.GRANTING, benefit_kind=BenefitKind.ZASILEK_CELOWY,
            amount=D("200.00"), period_from=FILED, payout_method=PayoutMethod.CASH,
            purpose="leki"))


def test_a_repayment_states_its_own_ground_not_a_change(db, staff):
    pid, case_id = single_case(db, staff, "400.00")
    root = issued(db, staff, DecisionForm(
        case_id=case_id, kind=DecisionKind.GRANTING, benefit_kind=OKRESOWY, amount=D("305.00"),
        period_from=date(2026, 11, 1), period_to=date(2027, 1, 31),
        payout_method=PayoutMethod.CASH))
    d = defaults(db, staff, case_id, kind=DecisionKind.REPAYMENT,
                 corrects_decision_id=root.id)
    assert f"Decyzją nr {root.number} z dnia 10.11.2026 r. przyznano stronie zasiłek " \
        "okresowy" in d.justification
    assert "art. 6 pkt 16" in d.justification and "art. 98 ust. 1" in d.justification
    assert "art. 106 ust. 5" not in d.justification
    assert "[uzupełnij: w jakim okresie i dlaczego" in d.justification
