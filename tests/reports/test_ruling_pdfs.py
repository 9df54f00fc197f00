"""Issue 16 item 8: every ruling kind printed and read back — the organ, number and date,
the party, the legal basis with ust./pkt and the Dz.U. reference, the ruling, the reasons,
the pouczenie and the signer "z upoważnienia". (Granting: test_decisions; repayment:
test_repayment.)"""

from __future__ import annotations

from datetime import date

import pytest

from opsdesk.models.enums import BenefitKind, DecisionKind
from opsdesk.services import decisions
from opsdesk.services.decisions import DecisionForm, RefusalGround
from tests.factories import correction, grant, single_case
from tests.factories import issue_decision as issued
from tests.pdf_helpers import pdf_text

RYGOR = "Strona wyjechała za granicę na stałe; dalsza wypłata byłaby nienależna."


def _decision(db, staff, kind):
    _pid, case_id = single_case(db, staff, "400.00")
    if kind is DecisionKind.REFUSING:
        return issued(db, staff, DecisionForm(
            case_id=case_id, kind=kind, benefit_kind=BenefitKind.ZASILEK_OKRESOWY,
            refusal_ground=RefusalGround.ART_11,
            justification="Strona odmówiła zawarcia kontraktu socjalnego 5.11.2026 r."),
            today=date(2026, 11, 10))
    root = issued(db, staff, grant(case_id), today=date(2026, 11, 10))
    if kind is DecisionKind.RESUMING:
        issued(db, staff, correction(case_id, root.id, DecisionKind.SUSPENDING,
                                     date(2026, 12, 1), immediate_enforcement_reason=RYGOR),
               today=date(2026, 11, 20))
    extra = {"period_to": date(2027, 3, 31)} if kind is DecisionKind.CHANGING else {}
    if kind in (DecisionKind.REVOKING, DecisionKind.SUSPENDING):
        extra = {"immediate_enforcement_reason": RYGOR}
    return issued(db, staff, correction(case_id, root.id, kind, date(2027, 1, 1), **extra),
                  today=date(2026, 11, 24))


@pytest.mark.parametrize("kind, ruling", [
    (DecisionKind.REFUSING, "odmawiam"), (DecisionKind.CHANGING, "zmieniam"),
    (DecisionKind.REVOKING, "uchylam"), (DecisionKind.SUSPENDING, "wstrzymuję"),
    (DecisionKind.RESUMING, "wznawiam")])
def test_every_ruling_kind_prints_every_element(db, staff, tmp_path, kind, ruling):
    result = _decision(db, staff, kind)
    data = db.write(lambda s: decisions.decision_pdf(s, result.id, actor=staff.desk))
    (tmp_path / f"{kind.value}.pdf").write_bytes(data)
    text = pdf_text(data)
    for element in ("Gminny Ośrodek Pomocy Społecznej w Zbąszynku", f"DECYZJA nr {result.number}",
                    "Zofia Źdźbło-Gąsiorowska", "85030412362", "ust.",
                    "o pomocy społecznej (Dz.U. z 2025 r. poz. 1214)",
                    "Kodeks postępowania administracyjnego (Dz.U. z 2024 r. poz. 572)",
                    "UZASADNIENIE", "POUCZENIE", "Samorządowego Kolegium Odwoławczego",
                    "z upoważnienia Burmistrza Zbąszynka", "Grażyna Wiśniewska"):
        assert element in text, element
    assert ruling in text.lower(), text[:3000]
