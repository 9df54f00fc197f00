"""The head's MRPiPS-03 statistics from known records (``centre`` in tests/factories.py),
every figure counted by hand; the drill-down gives each figure back; bad periods give a
Polish message and an empty report; the PDF and the xlsx carry the same figures; and one
figure is cross-checked with a raw SQL count on the demo database."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from sqlalchemy import text

from opsdesk.demo import generate
from opsdesk.errors import PermissionDenied, ValidationError
from opsdesk.models import Decision
from opsdesk.models.enums import BenefitKind, DecisionKind, PayoutMethod
from opsdesk.services import statistics
from opsdesk.services.decisions.views import DecisionForm
from opsdesk.services.statistics import TOTAL, Period
from tests.factories import centre, issue_decision, pay_list
from tests.pdf_helpers import pdf_text

D = Decimal
ACCOUNT = "61109010140000071219812874"
NOV = (date(2026, 11, 1), date(2026, 11, 30))
NOV_DEC = (date(2026, 11, 1), date(2026, 12, 31))
LATER = date(2027, 3, 1)  # "today" for reports of finished periods


def report(db, staff, period, today=LATER, actor=None):
    return db.read(lambda s: statistics.statistics_report(
        s, actor=actor or staff.head, start=period[0], end=period[1], today=today))


def rows(rep) -> dict[str, tuple]:
    return {r.key: (r.persons, r.benefits, r.amount, r.families, r.family_persons)
            for r in rep.rows}


def drill(db, staff, period, key, today=LATER):
    return db.read(lambda s: statistics.statistics_decisions(
        s, actor=staff.head, start=period[0], end=period[1], row_key=key, today=today))


def test_november_counted_by_hand(db, staff):
    c = centre(db, staff)
    rep = report(db, staff, NOV)
    assert rep.message == "" and rep.period == Period(*NOV)
    got = rows(rep)
    # Zofia (family of 3): okresowy 1234.50 and celowy 500.00; Marek: stały 1229.00; Halina:
    # posiłek in kind (no amount); Tomasz: nothing paid in November.
    assert got[TOTAL] == (3, 4, D("2963.50"), 3, 5)
    assert got["ZASILEK_STALY"] == (1, 1, D("1229.00"), 1, 1)
    assert got["ZASILEK_STALY.SINGLE"] == (1, 1, D("1229.00"), 1, 1)
    assert got["ZASILEK_STALY.FAMILY"] == (0, 0, D("0.00"), 0, 0)
    assert got["ZASILEK_OKRESOWY"] == (1, 1, D("1234.50"), 1, 3)
    assert got["ZASILEK_OKRESOWY.BEZROBOCIE"] == (1, 1, D("1234.50"), 1, 3)
    assert got["ZASILEK_OKRESOWY.CHOROBA"] == (0, 0, D("0.00"), 0, 0)
    assert got["CELOWE"] == (1, 1, D("500.00"), 1, 3)
    assert got["CELOWE.SPECJALNY"] == (0, 0, D("0.00"), 0, 0)
    assert got["POSILEK"] == (1, 1, None, 1, 1)
    assert got["USLUGI_OPIEKUNCZE"] == (0, 0, None, 0, 0)
    assert [r.label for r in rep.rows][:3] == [
        "OGÓŁEM", "Zasiłki stałe", "– w tym dla osoby samotnie gospodarującej"]
    assert {r.key for r in rep.rows} == {TOTAL, *(f.key for f in statistics.FORMS)}
    assert c.tomasz not in {x.person_id for x in drill(db, staff, NOV, TOTAL)}


def test_two_months_and_a_planned_payout_that_was_never_paid(db, staff):
    centre(db, staff)
    got = rows(report(db, staff, NOV_DEC))
    assert got[TOTAL] == (3, 6, D("5427.00"), 3, 5)
    assert got["ZASILEK_OKRESOWY"] == (1, 2, D("2469.00"), 1, 3)  # Tomasz's stays planned
    assert got["ZASILEK_STALY"] == (1, 2, D("2458.00"), 1, 1)
    assert got["POSILEK"] == (1, 1, None, 1, 1)
    # January: nothing paid yet, the meals ended in December — zeros, and they are right.
    january = rows(report(db, staff, (date(2027, 1, 1), date(2027, 1, 31))))
    assert january[TOTAL] == (0, 0, D("0.00"), 0, 0)


def test_every_figure_drills_down_to_its_decisions(db, staff):
    c = centre(db, staff)
    rep = report(db, staff, NOV_DEC)
    for row in rep.rows:
        found = drill(db, staff, NOV_DEC, row.key)
        again = statistics.figures(statistics._BY_KEY[row.key], found)
        assert again == row, row.key
    okresowy = drill(db, staff, NOV_DEC, "ZASILEK_OKRESOWY")
    assert [(x.decision_id, x.benefits, x.amount, x.person_name, x.family_size)
            for x in okresowy] == [(c.okresowy, 2, D("2469.00"), "Źdźbło-Gąsiorowska Zofia", 3)]
    assert okresowy[0].number.startswith("GOPS.8311.DEC.")
    assert {x.decision_id for x in drill(db, staff, NOV_DEC, TOTAL)} == {
        c.okresowy, c.celowy, c.staly, c.posilek}


def test_a_change_and_a_suspension_follow_the_decisions(db, staff):
    c = centre(db, staff, december=False)
    # Issued on 20.11, only for the future (art. 106 ust. 5 ups): from December Halina's
    # meals are suspended, and Zofia is paid by transfer — under the changing decision.
    on = date(2026, 11, 20)
    # The suspension is against the party: carried out at once only with rygor (kpa art. 108).
    rygor = {"immediate_enforcement_reason": "Strona marnotrawi przyznane posiłki."}
    changes = ((c.posilek, BenefitKind.POSILEK, DecisionKind.SUSPENDING, rygor),
               (c.okresowy, BenefitKind.ZASILEK_OKRESOWY, DecisionKind.CHANGING,
                {"payout_method": PayoutMethod.TRANSFER, "bank_account": ACCOUNT}))
    for root, benefit, kind, extra in changes:
        case_id = db.read(lambda s, r=root: s.get(Decision, r).case_id)
        form = DecisionForm(case_id=case_id, kind=kind, benefit_kind=benefit,
                            corrects_decision_id=root, effective_from=date(2026, 12, 1),
                            justification="Zmiana sytuacji strony.", **extra)
        issue_decision(db, staff, form, today=on)
    pay_list(db, staff, date(2026, 12, 10), leave_out=c.tomasz)
    pay_list(db, staff, date(2026, 12, 10), method=PayoutMethod.TRANSFER)
    december = (date(2026, 12, 1), date(2026, 12, 31))
    got = rows(report(db, staff, december))
    assert got["POSILEK"] == (0, 0, None, 0, 0)
    assert got["ZASILEK_OKRESOWY"] == (1, 1, D("1234.50"), 1, 3)
    assert [x.decision_id for x in drill(db, staff, december, "ZASILEK_OKRESOWY")] == [
        c.okresowy]
    assert rows(report(db, staff, NOV))["POSILEK"] == (1, 1, None, 1, 1)


@pytest.mark.parametrize(("start", "end", "message"), [
    (None, date(2026, 11, 30), "Podaj początek i koniec okresu."),
    (date(2026, 11, 30), date(2026, 11, 1),
     "Koniec okresu nie może być wcześniejszy niż jego początek."),
    (date(2025, 1, 1), date(2025, 12, 31),
     "Okres 01.01.2025–31.12.2025 jest wcześniejszy niż pierwsze dane w programie (wydane "
     "decyzje od 10.11.2026 r.) — nie ma z czego liczyć."),
    (date(2027, 6, 1), date(2027, 6, 30),
     "Okres 01.06.2027–30.06.2027 jeszcze się nie rozpoczął — nie ma danych do zestawienia."),
])
def test_bad_periods_give_a_message_and_an_empty_report(db, staff, start, end, message):
    centre(db, staff)
    rep = report(db, staff, (start, end))
    assert rep.message == message
    assert rep.rows == () and rep.empty
    with pytest.raises(ValidationError) as err:
        db.write(lambda s: statistics.statistics_pdf(s, actor=staff.head, start=start,
                                                     end=end, today=LATER))
    assert err.value.message == message
    with pytest.raises(ValidationError):
        drill(db, staff, (start, end), TOTAL)


def test_no_decisions_at_all(db, staff):
    rep = report(db, staff, NOV)
    assert rep.message == "W programie nie ma jeszcze żadnych danych: wydane decyzje."
    assert rep.rows == ()


def test_a_period_reaching_into_the_future_says_so(db, staff):
    centre(db, staff)
    rep = report(db, staff, (date(2026, 11, 1), date(2026, 12, 31)), today=date(2026, 12, 15))
    assert rep.notes[0] == "Okres obejmuje dni przyszłe — dane do dnia 15.12.2026 r."
    assert rows(rep)[TOTAL] == (3, 6, D("5427.00"), 3, 5)


def test_only_the_head_counts(db, staff):
    for actor in (staff.benefits, staff.desk, staff.social, staff.admin):
        with pytest.raises(PermissionDenied):
            report(db, staff, NOV, actor=actor)


def test_pdf_and_xlsx_carry_the_figures(db, staff, tmp_path):
    centre(db, staff)
    pdf = db.write(lambda s: statistics.statistics_pdf(s, actor=staff.head, start=NOV[0],
                                                       end=NOV[1], today=LATER))
    (tmp_path / "statystyka.pdf").write_bytes(pdf)
    words = pdf_text(pdf)
    assert "Świadczenia przyznane decyzją (układ sprawozdania MRPiPS-03, część I)" in words
    assert "Okres sprawozdawczy: 01.11.2026–30.11.2026" in words
    assert "OGÓŁEM 3 4 2 963,50 3 5" in words
    assert "Posiłek 1 1 — 1 1" in words
    data = db.write(lambda s: statistics.statistics_xlsx(s, actor=staff.head, start=NOV[0],
                                                         end=NOV[1], today=LATER))
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet["A1"].value == "MRPiPS-03 cz. I — 01.11.2026–30.11.2026"
    assert [c.value for c in sheet[3]] == list(statistics.COLUMNS)
    rep = report(db, staff, NOV)
    for n, row in enumerate(rep.rows, start=4):
        got = [c.value for c in sheet[n]]
        amount = None if got[3] is None else D(str(got[3])).quantize(D("0.01"))
        assert (got[0], got[1], got[2], amount, got[4], got[5]) == (
            row.label, row.persons, row.benefits, row.amount, row.families,
            row.family_persons), row.key
    assert sheet.cell(row=4 + len(rep.rows) + 1, column=1).value == statistics.NOTES[0]


# ------------------------------------------------------------ cross-check on the demo database

RAW_OKRESOWY = """
SELECT count(p.id), count(DISTINCT p.person_id), coalesce(sum(p.amount), 0)
FROM payouts p
JOIN decisions d ON d.id = p.decision_id
LEFT JOIN decisions r ON r.id = d.corrects_decision_id
WHERE p.status = 'PAID' AND p.paid_on BETWEEN :start AND :end
  AND coalesce(r.benefit_kind, d.benefit_kind) = :kind
"""


def test_cross_check_with_raw_sql_on_the_demo_database(db):
    """The demo office (opsdesk.demo.generate), with the known decisions added on top; the
    figures of a row compared with an independent count straight from the tables."""
    generate(db, persons=40, seed=7, today=date(2026, 11, 10))
    staff = _demo_staff(db)
    centre(db, staff)
    rep = report(db, staff, NOV_DEC)
    for kind, key in ((BenefitKind.ZASILEK_OKRESOWY, "ZASILEK_OKRESOWY"),
                      (BenefitKind.ZASILEK_STALY, "ZASILEK_STALY")):
        count, persons, amount = db.read(lambda s, k=kind: s.execute(text(RAW_OKRESOWY), {
            "start": NOV_DEC[0], "end": NOV_DEC[1], "kind": k.value}).one())
        row = next(r for r in rep.rows if r.key == key)
        assert (row.benefits, row.persons, row.amount) == (
            count, persons, D(str(amount)).quantize(D("0.01")))


def _demo_staff(db):
    """The demo's own head and benefits worker, logged in with the demo password."""
    from types import SimpleNamespace

    from opsdesk.demo import DEMO_PASSWORD
    from opsdesk.services import security

    def login(name):
        return db.write(lambda s: security.authenticate(s, login=name, password=DEMO_PASSWORD))

    return SimpleNamespace(head=login("kierownik"), benefits=login("swiadczenia"),
                           desk=login("pierwszy"), social=login("socjalny"))

