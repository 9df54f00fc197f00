"""Shared set-up of the benefits tests: persons, households, applications and completed
interviews, all made through the services the workers use. Expected figures are counted
by hand from docs/law.md in each test."""

from __future__ import annotations

import io
import re
from datetime import date
from decimal import Decimal

from pypdf import PdfReader
from sqlalchemy import select

from opsdesk.models import Case
from opsdesk.models.enums import BenefitKind, IncomeSource, Relation
from opsdesk.services import intake, interviews, queue
from opsdesk.services.intake import ApplicationForm
from opsdesk.services.interviews import IncomeEntry, InterviewForm, MemberEntry
from opsdesk.services.people import PersonForm
from tests import factories
from tests.factories import interview_version

D = Decimal
FILED = date(2026, 11, 3)  # a Tuesday; the income month is October 2026
WORKDAY = factories.WORKDAY

ZOFIA = PersonForm(first_name="Zofia", last_name="Źdźbło-Gąsiorowska", pesel="85030412362",
                   street="ul. Łąkowa 3", postal_code="66-210", city="Zbąszynek",
                   bank_account="61 1090 1014 0000 0712 1981 2874")
JERZY = PersonForm(first_name="Jerzy", last_name="Gąsiorowski", pesel="80010112357",
                   street="ul. Łąkowa 3", postal_code="66-210", city="Zbąszynek")
JAŚ = PersonForm(first_name="Jaś", last_name="Gąsiorowski", pesel="15211523493",
                 street="ul. Łąkowa 3", postal_code="66-210", city="Zbąszynek")


def person(db, staff, form: PersonForm = ZOFIA) -> int:
    return factories.person(db, staff, form, today=WORKDAY, allow_similar=True)


def family(db, staff) -> tuple[int, int, int]:
    """Zofia (applicant), her husband Jerzy and their son Jaś: a household of three."""
    zofia, jerzy, jas = person(db, staff), person(db, staff, JERZY), person(db, staff, JAŚ)
    for pid, relation in ((jerzy, Relation.SPOUSE), (jas, Relation.CHILD)):
        factories.join_household(db, staff.desk, zofia, pid, relation)
    return zofia, jerzy, jas


def application(db, staff, person_id: int, kind: BenefitKind = BenefitKind.ZASILEK_OKRESOWY,
                filed_on: date = FILED, urgent: bool = False) -> int:
    """A wniosek registered at the desk, the case taken by the benefits worker."""
    form = ApplicationForm(person_id=person_id, benefit_kind=kind, filed_on=filed_on,
                           description="Wniosek o przyznanie pomocy.", urgent=urgent)
    sign = db.write(lambda s: intake.register_application(s, form, actor=staff.desk,
                                                          today=filed_on))
    case_id = db.read(lambda s: s.scalar(select(Case.id).where(Case.sign == sign)))
    db.write(lambda s: queue.take_case(s, case_id, actor=staff.benefits))
    return case_id


def income(person_id: int, gross: str, source: IncomeSource = IncomeSource.EMPLOYMENT,
           tax: str = "0", contributions: str = "0", alimony: str = "0") -> IncomeEntry:
    return IncomeEntry(person_id, source, D(gross), D(tax), D(contributions), D(alimony))


def interview_form(members: tuple[MemberEntry, ...], incomes: tuple[IncomeEntry, ...] = (),
                   *, month: date = date(2026, 10, 1), carried: date = date(2026, 11, 6),
                   hectares: str = "0", **kw) -> InterviewForm:
    values = dict(carried_out_on=carried, income_month=month, farm_hectares=D(hectares),
                  reasons=("UBOSTWO", "BEZROBOCIE"),
                  needs="Brak środków na żywność i opał; zaległości w opłatach za prąd.",
                  diagnosis="Bezrobocie i ubóstwo; rodzina nie ma innych źródeł utrzymania.",
                  plan="Zasiłek okresowy, skierowanie do PUP, rozmowa o pracy socjalnej.",
                  members=members, incomes=incomes)
    values.update(kw)
    return InterviewForm(**values)


def new_income(db, staff, pid, case_id, gross, today):
    """An update of the interview (part IV) after the party reported a change."""
    iid = db.write(lambda s: interviews.start_interview(s, case_id, actor=staff.benefits,
                                                        today=today))
    db.write(lambda s: interviews.save_interview(s, iid, interview_form(
        (MemberEntry(pid, Relation.HEAD),), (income(pid, gross),),
        month=interviews.right_income_month(today, income_lost=False), carried=today),
        actor=staff.benefits, today=today, expected_version=interview_version(s, iid)))
    db.write(lambda s: interviews.complete_interview(
        s, iid, actor=staff.benefits, today=today, expected_version=interview_version(s, iid)))


def done_interview(db, staff, case_id: int, form: InterviewForm,
                   today: date = WORKDAY) -> int:
    """Start, fill and complete the interview of a case."""
    iid = db.write(lambda s: interviews.start_interview(s, case_id, actor=staff.benefits,
                                                        today=today))
    db.write(lambda s: interviews.save_interview(
        s, iid, form, actor=staff.benefits, today=today,
        expected_version=interview_version(s, iid)))
    db.write(lambda s: interviews.complete_interview(
        s, iid, actor=staff.benefits, today=today, expected_version=interview_version(s, iid)))
    return iid


def single_case(db, staff, gross: str = "0", kind: BenefitKind = BenefitKind.ZASILEK_OKRESOWY,
                filed_on: date = FILED, who: PersonForm = ZOFIA, **kw) -> tuple[int, int]:
    """A person living alone (Zofia unless ``who``), with the given income in the month
    before the application."""
    pid = person(db, staff, who)
    case_id = application(db, staff, pid, kind, filed_on=filed_on)
    incomes = (income(pid, gross),) if D(gross) else ()
    month = interviews.right_income_month(filed_on, income_lost=False)
    carried = kw.pop("carried", filed_on)
    done_interview(db, staff, case_id, interview_form(
        (MemberEntry(pid, Relation.HEAD),), incomes, month=month, carried=carried, **kw),
        today=max(carried, WORKDAY))
    return pid, case_id


# ----------------------------------------------------------------------------- PDFs


def pdf_text(data: bytes) -> str:
    """The text of every page with line breaks and no-break spaces folded into spaces."""
    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    return re.sub(r"\s+", " ", text.replace("\u00a0", " "))


def pdf_pages(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)
