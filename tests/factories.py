"""The builders the tests share, each written once, grouped by theme: persons and households,
applications and interviews, decisions, payout lists, debts, ZUS contributions, the art. 54
health-care decision, social work (services, contracts, messages, Niebieska Karta), other
tasks, and the head's known centre. Everything goes through the services the workers use,
so a builder obeys every rule the program has; expected figures are counted by hand from
docs/law.md in each test."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from opsdesk.demo.names import pesel_for
from opsdesk.models import Case, HealthCareDecision, Interview
from opsdesk.models.enums import (
    BenefitKind,
    ContractStatus,
    DecisionKind,
    IncomeSource,
    MessageKind,
    PayoutMethod,
    ProviderKind,
    Relation,
    TaskKind,
)
from opsdesk.services import (
    blue_card,
    contributions,
    debts,
    decisions,
    health_care,
    intake,
    interviews,
    messages,
    other_tasks,
    payouts,
    people,
    queue,
    services_plan,
    socialwork,
)
from opsdesk.services.blue_card import CardForm
from opsdesk.services.contributions import PayerForm
from opsdesk.services.decisions.views import DecisionForm, IssuedDecision
from opsdesk.services.intake import ApplicationForm
from opsdesk.services.interviews import IncomeEntry, InterviewForm, MemberEntry
from opsdesk.services.messages import MESSAGE_KINDS, MessageForm, ReferralForm
from opsdesk.services.other_tasks import TaskForm
from opsdesk.services.people import PersonForm
from opsdesk.services.security import Actor
from opsdesk.services.services_plan import ServicePlanForm
from opsdesk.services.socialwork.contracts import ContractForm

D = Decimal
B = BenefitKind
OKRESOWY = BenefitKind.ZASILEK_OKRESOWY
# The day the builders' workers act: their data's day, fixed so that the figures the tests
# count by hand hold; the program's clock (``conftest.TODAY``) may stand on another day.
WORKDAY = date(2026, 11, 10)
# The social-work and desk data's day: a Monday, two weeks after WORKDAY.
MONDAY = date(2026, 11, 23)
FILED = date(2026, 11, 3)  # a Tuesday; the income month is October 2026


# ---------------------------------------------------------------------------------------- persons

ZOFIA = PersonForm(first_name="Zofia", last_name="Źdźbło-Gąsiorowska", pesel="85030412362",
                   street="ul. Łąkowa 3", postal_code="66-210", city="Zbąszynek",
                   bank_account="61 1090 1014 0000 0712 1981 2874")
JERZY = PersonForm(first_name="Jerzy", last_name="Gąsiorowski", pesel="80010112357",
                   street="ul. Łąkowa 3", postal_code="66-210", city="Zbąszynek")
JAŚ = PersonForm(first_name="Jaś", last_name="Gąsiorowski", pesel="15211523493",
                 street="ul. Łąkowa 3", postal_code="66-210", city="Zbąszynek")
# Social work's clients (Kasia has Zofia's PESEL: the two never meet in one test).
KASIA = PersonForm(first_name="Katarzyna", last_name="Żółkiewska", pesel="85030412362",
                   street="ul. Łąkowa 3", postal_code="66-210", city="Zbąszynek")
JAN = PersonForm(first_name="Jan", last_name="Łęcki", pesel="80010112357",
                 street="ul. Polna 7", postal_code="66-210", city="Zbąszynek")
# The head's centre (below).
MAREK = PersonForm(first_name="Marek", last_name="Żak",
                   pesel=pesel_for(date(1961, 3, 4), False, 11), street="ul. Polna 1",
                   postal_code="66-210", city="Zbąszynek")
HALINA = PersonForm(first_name="Halina", last_name="Łęcka",
                    pesel=pesel_for(date(1948, 5, 6), True, 12), street="ul. Polna 2",
                    postal_code="66-210", city="Zbąszynek")
TOMASZ = PersonForm(first_name="Tomasz", last_name="Ćwik",
                    pesel=pesel_for(date(1990, 7, 8), False, 13), street="ul. Polna 3",
                    postal_code="66-210", city="Zbąszynek")


def person(db, staff, form: PersonForm = ZOFIA) -> int:
    """A person registered at the desk (Zofia unless ``form``), a similar one allowed (the
    families share surnames); their id."""
    return db.write(lambda s: people.register_person(
        s, form, actor=staff.desk, allow_similar=True, today=WORKDAY))


def someone(db, staff, first, last, serial, female=False):
    """A person of the evaluation's records, their PESEL made from ``serial``."""
    form = PersonForm(first_name=first, last_name=last,
                      pesel=pesel_for(date(1970 + serial % 20, 1 + serial % 12, 3), female,
                                      serial), street="ul. Polna 9", postal_code="66-210",
                      city="Zbąszynek")
    return person(db, staff, form)


def join_household(db, actor: Actor, head_id: int, person_id: int, relation) -> int:  # type: ignore[no-untyped-def]
    """Add to the head's household as the person file does, with the version it shows."""
    return db.write(lambda s: people.add_to_household(  # type: ignore[no-any-return]
        s, actor=actor, head_id=head_id, person_id=person_id, relation=relation,
        expected_version=people.household_version(s, head_id)))


def family(db, staff) -> tuple[int, int, int]:
    """Zofia (applicant), her husband Jerzy and their son Jaś: a household of three."""
    zofia, jerzy, jas = person(db, staff), person(db, staff, JERZY), person(db, staff, JAŚ)
    for pid, relation in ((jerzy, Relation.SPOUSE), (jas, Relation.CHILD)):
        join_household(db, staff.desk, zofia, pid, relation)
    return zofia, jerzy, jas


# ----------------------------------------------------------------------- applications, interviews


def application(db, staff, person_id: int, kind: BenefitKind = OKRESOWY,
                filed_on: date = FILED, urgent: bool = False) -> int:
    """A wniosek registered at the desk on ``filed_on``, the case taken by the benefits
    worker; the case's id."""
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


def interview_version(session: Session, interview_id: int) -> int:
    """The interview's version as a form opening it now would carry."""
    return session.get(Interview, interview_id).version  # type: ignore[union-attr]


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


def single_case(db, staff, gross: str = "0", kind: BenefitKind = OKRESOWY,
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


def benefit_case(db, staff, person_id: int, filed_on: date, *,
                 kind: BenefitKind = B.ZASILEK_CELOWY, interview_on: date | None = None,
                 decided_on: date | None = None) -> int:
    """A case of the evaluation's records (a zasiłek celowy unless ``kind``) filed on
    ``filed_on``: interviewed on ``interview_on`` and granted on ``decided_on`` if given."""
    case_id = application(db, staff, person_id, kind, filed_on=filed_on)
    if interview_on:
        done_interview(db, staff, case_id, interview_form(
            (MemberEntry(person_id, Relation.HEAD),),
            month=date(filed_on.year, filed_on.month - 1, 1), carried=interview_on),
            today=interview_on)
    if decided_on:
        grant_and_issue(db, staff, case_id, kind=kind, amount="200.00", period_from=decided_on,
                        period_to=None, purpose="żywność", submit=True, today=decided_on)
    return case_id


# -------------------------------------------------------------------------------------- decisions

ACCOUNT = "61109010140000071219812874"


def grant(case_id: int, amount: str | None = "305.00", kind: BenefitKind = OKRESOWY,
          **kw: object) -> DecisionForm:
    """A granting decision's form: by default 305,00 zł a month, November to January, in
    cash (``amount`` None: a benefit in kind)."""
    values: dict[str, object] = dict(
        case_id=case_id, kind=DecisionKind.GRANTING, benefit_kind=kind,
        amount=None if amount is None else Decimal(amount),
        period_from=date(2026, 11, 1), period_to=date(2027, 1, 31),
        payout_method=PayoutMethod.CASH)
    values.update(kw)
    return DecisionForm(**values)  # type: ignore[arg-type]


def correction(case_id: int, root_id: int, kind: DecisionKind, eff: date, *,
               benefit_kind: BenefitKind = OKRESOWY, **kw: object) -> DecisionForm:
    """A changing, revoking, suspending or resuming decision's form, effective from ``eff``."""
    return DecisionForm(case_id=case_id, kind=kind, benefit_kind=benefit_kind,  # type: ignore[arg-type]
                        corrects_decision_id=root_id, effective_from=eff,
                        justification="Zmiana sytuacji strony (art. 106 ust. 5).", **kw)


def draft_decision(db, staff, form: DecisionForm, *, today: date = WORKDAY,  # type: ignore[no-untyped-def]
                   decision_id: int | None = None) -> int:
    """The benefits worker saves the draft (a new one, or ``decision_id`` again)."""
    return db.write(lambda s: decisions.save_draft(s, form, actor=staff.benefits, today=today,
                                                   decision_id=decision_id))


def approve_decision(db, staff, decision_id: int, *, today: date = WORKDAY,  # type: ignore[no-untyped-def]
                     actor: Actor | None = None) -> IssuedDecision:
    """The head (or ``actor``) approves and issues the draft."""
    return db.write(lambda s: decisions.approve_and_issue(s, decision_id,
                                                         actor=actor or staff.head, today=today))


def issue_decision(db, staff, form: DecisionForm, *, today: date = WORKDAY,  # type: ignore[no-untyped-def]
                   submit: bool = True, actor: Actor | None = None) -> IssuedDecision:
    """Draft a decision, submit it for approval (unless ``submit`` is False: the head may
    approve a draft directly) and have it approved and issued, all on ``today``."""
    did = draft_decision(db, staff, form, today=today)
    if submit:
        db.write(lambda s: decisions.submit_draft(s, did, actor=staff.benefits, today=today))
    return approve_decision(db, staff, did, today=today, actor=actor)


def grant_and_issue(db, staff, case_id, *, amount: str | None = "305.00",
                    method: PayoutMethod | None = PayoutMethod.CASH, kind: BenefitKind = OKRESOWY,
                    submit: bool = False, today: date = WORKDAY, **kw) -> IssuedDecision:
    """``grant``'s decision paid by ``method`` (a transfer to ACCOUNT), issued on ``today``:
    approved by the head directly unless ``submit``."""
    form = grant(case_id, amount, kind, payout_method=method,
                 bank_account=ACCOUNT if method is PayoutMethod.TRANSFER else "", **kw)
    return issue_decision(db, staff, form, today=today, submit=submit)


ON = date(2026, 11, 20)  # the day a repayment is decided


def repayment(case_id: int, root_id: int, **kw: object) -> DecisionForm:
    """An art. 98 decision's form: November's 305,00 zł to return from 15.12.2026."""
    values: dict[str, object] = dict(
        case_id=case_id, kind=DecisionKind.REPAYMENT, benefit_kind=OKRESOWY,
        corrects_decision_id=root_id, amount=D("305.00"), period_from=date(2026, 12, 15),
        undue_from=date(2026, 11, 1), undue_to=date(2026, 11, 30),
        justification="Strona podjęła pracę 2 listopada 2026 r. i nie poinformowała ośrodka.")
    values.update(kw)
    return DecisionForm(**values)  # type: ignore[arg-type]


def revoked(db, staff, case_id: int, root_id: int) -> None:
    issue_decision(db, staff, correction(case_id, root_id, DecisionKind.REVOKING,
                                         date(2026, 12, 1)), today=ON)


# ----------------------------------------------------------------------------------- payout lists


def prepare(db, staff, on=date(2026, 11, 12), method=PayoutMethod.CASH, today=WORKDAY):
    return db.write(lambda s: payouts.prepare_payout_list(s, actor=staff.benefits,
                                                          payout_date=on, method=method,
                                                          today=today))


def approve(db, staff, list_id, today=date(2026, 11, 12)):
    return db.write(lambda s: payouts.approve_payout_list(s, list_id, actor=staff.head,
                                                          today=today))


def two_clients(db, staff, method=PayoutMethod.CASH):
    _, zofia_case = single_case(db, staff, "400.00")  # 305.00 a month
    _, jerzy_case = single_case(db, staff, "0", who=JERZY)  # 505.00–1010.00
    a = grant_and_issue(db, staff, zofia_case, method=method)
    b = grant_and_issue(db, staff, jerzy_case, amount="1010.00", method=method,
                        justification="Brak jakichkolwiek środków; przyznano pełną różnicę.")
    return a, b


def pay_november(db, staff) -> None:
    """November's cash list drawn up, approved and paid on 12.11.2026."""
    list_id = prepare(db, staff)
    approve(db, staff, list_id)
    db.write(lambda s: payouts.record_list_paid(s, list_id, actor=staff.benefits,
                                                paid_on=date(2026, 11, 12),
                                                today=date(2026, 11, 12)))


def paid_november(db, staff, who: PersonForm = ZOFIA) -> tuple[int, int]:
    """Zasiłek okresowy November–January, November paid in cash: (case, grant)."""
    _pid, case_id = single_case(db, staff, "400.00", who=who)
    root = issue_decision(db, staff, grant(case_id))
    pay_november(db, staff)
    return case_id, root.id


def pay_list(db, staff, on: date, *, leave_out: int | None = None,
             method: PayoutMethod = PayoutMethod.CASH) -> int:
    """Draw up the list for ``on`` (without the payouts of person ``leave_out``), have the
    head approve it and record it paid that day."""
    list_id = db.write(lambda s: payouts.prepare_payout_list(
        s, actor=staff.benefits, payout_date=on, method=method, today=on))
    detail = db.read(lambda s: payouts.payout_list_detail(s, list_id, actor=staff.benefits))
    for p in detail.payouts:
        if p.person_id == leave_out:
            db.write(lambda s, pid=p.id: payouts.remove_from_list(s, list_id, pid,
                                                                  actor=staff.benefits))
    db.write(lambda s: payouts.approve_payout_list(s, list_id, actor=staff.head, today=on))
    db.write(lambda s: payouts.record_list_paid(s, list_id, actor=staff.benefits, paid_on=on,
                                                today=on))
    return list_id


# ----------------------------------------------------------------------------- debts (należności)


def debt_of(db, staff) -> int:
    """The debt of a repayment decision: 305,00 zł of a revoked November grant, due
    15.12.2026."""
    case_id, root_id = paid_november(db, staff)
    revoked(db, staff, case_id, root_id)
    issue_decision(db, staff, repayment(case_id, root_id), today=ON)
    rows = db.read(lambda s: debts.list_debts(s, actor=staff.benefits, today=ON))
    assert len(rows) == 1 and rows[0].amount == D("305.00") and rows[0].balance == D("305.00")
    assert rows[0].next_due_on == date(2026, 12, 15)
    return rows[0].id


# ------------------------------------------------------------------------------ ZUS contributions

PAYER = PayerForm(nip="7791011327", regon="123456785", short_name="GOPS ZBĄSZYNEK",
                  deadline_code="1", nfz_branch="04")


def payer(db, staff) -> None:
    db.write(lambda s: contributions.save_payer(s, PAYER, actor=staff.head))


def staly(db, staff, *, insured_elsewhere: bool | None = False, **kw) -> tuple[int, int]:
    """Zofia on zasiłek stały from November (1313.00 − 300.00 = 1013.00 a month)."""
    pid, case_id = single_case(db, staff, "300.00", kind=BenefitKind.ZASILEK_STALY)
    kw.setdefault("period_to", None)
    result = grant_and_issue(db, staff, case_id, amount="1013.00",
                             kind=BenefitKind.ZASILEK_STALY, **kw)
    if insured_elsewhere is not None:
        db.write(lambda s: contributions.record_health_insurance(
            s, pid, actor=staff.benefits, insured_elsewhere=insured_elsewhere,
            note="emerytura KRUS" if insured_elsewhere else ""))
    return pid, result.id


def art42(db, staff, start=date(2026, 11, 15), basis: str | None = None) -> int:
    """Jerzy's art. 42 contribution from ``start`` (he gave up work to care for his mother),
    with the basis set when ``basis`` is given; the decision's id."""
    _, case_id = single_case(db, staff, "0", kind=BenefitKind.SKLADKA_SPOLECZNA, who=JERZY)
    did = grant_and_issue(db, staff, case_id, kind=BenefitKind.SKLADKA_SPOLECZNA, amount=None,
                          method=None, period_from=start, period_to=None,
                          purpose="Rezygnacja z zatrudnienia w związku z opieką nad matką.").id
    if basis is not None:
        db.write(lambda s: contributions.set_art42_basis(s, did, actor=staff.benefits,
                                                         basis=basis))
    return did


# --------------------------------------------------------------- the art. 54 health-care decision

HOSPITAL = "Szpital Na Wyspie Sp. z o.o. w Żarach"


def apply(db, staff, pid: int, *, provider: bool = False, applied_on: date = FILED) -> int:
    form = health_care.ApplicationForm(
        person_id=pid, applied_on=applied_on,
        requested_by=health_care.Requester.PROVIDER if provider else health_care.Requester.PERSON,
        provider_name=HOSPITAL if provider else "",
        treated_on=applied_on - timedelta(days=2) if provider else None)
    return db.write(lambda s: health_care.register_application(s, form, actor=staff.desk,
                                                               today=WORKDAY))


def record(db, record_id: int) -> HealthCareDecision:
    return db.read(lambda s: s.get(HealthCareDecision, record_id))


def interviewed(db, staff, record_id: int, gross: str = "0", *,
                insured: bool | None = False) -> None:
    """The case's interview, Zofia living alone with ``gross`` in October 2026."""
    r = record(db, record_id)
    db.write(lambda s: queue.take_case(s, r.case_id, actor=staff.benefits))
    incomes = (income(r.person_id, gross),) if gross != "0" else ()
    done_interview(db, staff, r.case_id, interview_form(
        (MemberEntry(r.person_id, Relation.HEAD),), incomes, month=date(2026, 10, 1),
        carried=FILED + timedelta(days=1)))
    if insured is not None:
        db.write(lambda s: contributions.record_health_insurance(
            s, r.person_id, actor=staff.benefits, insured_elsewhere=insured,
            note="umowa o pracę" if insured else ""))


# ------------------------------------------------------------------------------------ social work


def refer(db, staff, case_id: int, *, today: date = MONDAY, **kw) -> int:
    """The benefits worker refers the case's client to social work (a referral to assess
    their possibilities); the message's id."""
    form = ReferralForm(case_id=case_id, resources="Zdolność do pracy, niezarejestrowana w PUP.",
                        question="Czy klientka może podjąć zatrudnienie lub szkolenie?", **kw)
    return db.write(lambda s: messages.refer_for_possibilities(
        s, form, actor=staff.benefits, today=today))


def catalog(db, actor, **kw):
    return db.write(lambda s: services_plan.catalog(s, actor=actor, **kw))


def item_named(db, staff, name, group=None):
    return next(i for i in catalog(db, staff.social)
                if i.name == name and (group is None or i.target_group is group))


def plan_form(pid, item_id, **kw) -> ServicePlanForm:
    data = dict(person_id=pid, catalog_item_id=item_id, provider_kind=ProviderKind.CENTRE,
                units="60", period_from=date(2026, 12, 1), period_to=date(2027, 2, 28),
                unit_cost="32,50", client_fee="6.50")
    data.update(kw)
    return ServicePlanForm(**data)


def create(db, staff, form):
    return db.write(lambda s: services_plan.create_service_plan(s, form, actor=staff.social))


def contract_form(sw_id, **kw) -> ContractForm:
    data = dict(social_work_id=sw_id, period_from=MONDAY, period_to=date(2027, 2, 28),
                goals="Podjęcie zatrudnienia.\nUregulowanie zaległości czynszowych.",
                client_commitments="Rejestracja w PUP do 30.11.2026 r.\nUdział w kursie.",
                worker_commitments="Pomoc w przygotowaniu CV.",
                review_dates=(date(2026, 12, 15), date(2027, 1, 29)),
                situation="Klientka bez pracy od 2025 r., zaległości czynszowe. Zasoby: "
                          "wykształcenie średnie, wsparcie matki. Ograniczenia: opieka nad "
                          "dzieckiem.",
                actions="Rejestracja w PUP; klientka; 30.11.2026\n"
                        "Przygotowanie CV; pracownik socjalny; 15.12.2026\n"
                        "Kurs zawodowy; Powiatowy Urząd Pracy w Zbąszynku; 26.02.2027")
    data.update(kw)
    return ContractForm(**data)


def conclude(db, staff, form, today=MONDAY):
    return db.write(lambda s: socialwork.conclude_contract(s, form, actor=staff.social,
                                                           today=today))


# Every part of every message kind, filled.
FILLED = {"course": "Klientka przychodzi na spotkania.", "benefit": "zasiłek okresowy",
          "reason": "Brak dochodu na czas diagnozy.", "duration": "do końca grudnia",
          "facts": "Ustalono, że klientka ukończyła kurs.", "possibilities": "Praca w Zbąszynku.",
          "conclusion": "Opiniuję przyznanie zasiłku na 2 miesiące.",
          "benefits": "posiłek dla dzieci w szkole", "purpose": "dojazdy na kurs",
          "source": "rozmowa z klientką", "change": "Podjęła pracę na pół etatu.",
          "since": "od 1 grudnia 2026 r.", "agreements": "Spotkania co tydzień.",
          "client_statement": "Nie widzi potrzeby zmian.", "proposal": "bony na żywność"}


def parts_of(kind: MessageKind) -> dict[str, str]:
    return {p.key: FILLED[p.key] for p in MESSAGE_KINDS[kind].parts}


def send(db, actor, kind, pid, case_id=None, **kw):
    form = MessageForm(kind=kind, person_id=pid, case_id=case_id, parts=parts_of(kind), **kw)
    return db.write(lambda s: messages.send_to_benefits(s, form, actor=actor, today=MONDAY))


def register_card(db, staff, person_id: int | None = None, **kw) -> int:
    """A Niebieska Karta started by the police (for Zofia unless ``person_id``)."""
    values = dict(person_id=person_id or person(db, staff),
                  initiated_on=date(2026, 11, 2),
                  initiated_by="Policja — st. sierż. Jan Kowal", received_on=date(2026, 11, 3),
                  suspect_name="Jerzy Gąsiorowski")
    values.update(kw)
    return db.write(lambda s: blue_card.register_card(s, CardForm(**values),
                                                      actor=staff.social, today=WORKDAY))


# ------------------------------------------------------------------------------------ other tasks

POZNAN = "Miejski Ośrodek Pomocy Społecznej w Poznaniu"


def register_task(db, staff, kind, *, actor=None, **kw):
    """A task from another centre (Poznań's), for Zofia unless ``person_id``."""
    pid = kw.pop("person_id", None) or person(db, staff)
    values = dict(kind=kind, person_id=pid, institution=POZNAN,
                  institution_address="ul. Cześnikowska 18, 60-330 Poznań",
                  their_reference="DŚ.5111.45.2026", received_on=date(2026, 11, 2))
    values.update(kw)
    return db.write(lambda s: other_tasks.register_task(s, TaskForm(**values),
                                                        actor=actor or staff.benefits,
                                                        today=WORKDAY))


# ------------------------------------------------------------------------------ the head's centre
#
# Known records for the head's view, so every expected figure is counted by hand. The centre
# in November–December 2026:
#
# * Zofia Źdźbło-Gąsiorowska, in a household of three (husband Jerzy, son Jaś): zasiłek
#   okresowy 1234.50 zł a month for Nov 2026–Jan 2027, and a zasiłek celowy of 500.00 zł
#   paid on 12 Nov;
# * Marek Żak, alone: zasiłek stały 1229.00 zł a month from Nov 2026, open-ended;
# * Halina Łęcka, alone: posiłek (in kind) for Nov–Dec 2026;
# * Tomasz Ćwik, alone: zasiłek okresowy 305.00 zł a month for Dec 2026 only, refused
#   nothing, but never paid (his December payout stays planned).
#
# Payout lists: cash on 12 Nov 2026 (Zofia's November okresowy and celowy, Marek's November
# stały) and on 10 Dec 2026 (Zofia's and Marek's December). Tomasz's December payout is not
# on either list.


@dataclass(frozen=True)
class Centre:
    zofia: int
    jerzy: int
    jas: int
    marek: int
    halina: int
    tomasz: int
    okresowy: int  # decision ids
    celowy: int
    staly: int
    posilek: int
    tomasz_okresowy: int


def centre(db, staff, *, december: bool = True) -> Centre:
    """The records above; ``december=False`` stops before the December list is drawn up."""
    zofia, jerzy, jas = family(db, staff)
    members = (MemberEntry(zofia, Relation.HEAD), MemberEntry(jerzy, Relation.SPOUSE),
               MemberEntry(jas, Relation.CHILD))
    case_id = application(db, staff, zofia, B.ZASILEK_OKRESOWY)
    done_interview(db, staff, case_id, interview_form(members))
    # A family of three with no income: the difference is 3 × 823.00 = 2469.00 zł; at
    # least half of it, 1234.50 zł, is granted.
    okresowy = grant_and_issue(db, staff, case_id, amount="1234.50", submit=True).id
    celowy_case = application(db, staff, zofia, B.ZASILEK_CELOWY)
    done_interview(db, staff, celowy_case, interview_form(members))
    celowy = grant_and_issue(db, staff, celowy_case, kind=B.ZASILEK_CELOWY, amount="500.00",
                             period_from=date(2026, 11, 12), period_to=None,
                             purpose="opał na zimę", submit=True).id
    marek, staly_case = single_case(db, staff, "0", kind=B.ZASILEK_STALY, who=MAREK)
    staly = grant_and_issue(db, staff, staly_case, kind=B.ZASILEK_STALY, amount="1229.00",
                            period_to=None, submit=True).id
    halina, meal_case = single_case(db, staff, "900.00", kind=B.POSILEK, who=HALINA)
    posilek = grant_and_issue(db, staff, meal_case, kind=B.POSILEK, amount=None, method=None,
                              period_to=date(2026, 12, 31),
                              purpose="jeden gorący posiłek dziennie", submit=True).id
    tomasz, tomasz_case = single_case(db, staff, "400.00", who=TOMASZ)
    tomasz_okresowy = grant_and_issue(db, staff, tomasz_case, period_from=date(2026, 12, 1),
                                      period_to=date(2026, 12, 31), submit=True).id
    pay_list(db, staff, date(2026, 11, 12))
    if december:
        pay_list(db, staff, date(2026, 12, 10), leave_out=tomasz)
    return Centre(zofia, jerzy, jas, marek, halina, tomasz, okresowy, celowy, staly, posilek,
                  tomasz_okresowy)


def _contract(db, staff, sw_id: int, start: date, end: date, on: date) -> int:
    """``contract_form``'s contract for ``start``–``end`` (one action, reviewed at its end),
    concluded on ``on``."""
    return conclude(db, staff, contract_form(
        sw_id, period_from=start, period_to=end, review_dates=(end,), concluded_on=start,
        actions=f"Rejestracja w PUP; klient; {end:%d.%m.%Y}"), today=on)


def evaluation_records(db, staff):
    """The evaluation's known records (clients, cases, contracts and referrals of autumn
    2026), which its tests and the Kierownik tab's use as a fixture named ``records``."""
    olga = someone(db, staff, "Olga", "Ślęzak", 21, female=True)
    benefit_case(db, staff, olga, date(2026, 10, 5), interview_on=date(2026, 10, 8),
                 decided_on=date(2026, 10, 20))
    kasia = someone(db, staff, "Katarzyna", "Żółkiewska", 22, female=True)
    own = db.write(lambda s: socialwork.open_own_case(s, kasia, actor=staff.social,
                                                      today=date(2026, 10, 1)))
    broken = _contract(db, staff, own, date(2026, 10, 2), date(2026, 10, 20), date(2026, 10, 2))
    db.write(lambda s: socialwork.end_contract(s, broken, ContractStatus.BROKEN,
                                               "Nie zarejestrowała się w PUP.",
                                               actor=staff.social, ended_on=date(2026, 10, 21),
                                               today=date(2026, 10, 21)))
    piotr = someone(db, staff, "Piotr", "Łuczak", 23)
    benefit_case(db, staff, piotr, date(2026, 11, 2), interview_on=date(2026, 11, 4),
                 decided_on=date(2026, 11, 6))
    renata = someone(db, staff, "Renata", "Źrałek", 24, female=True)
    renata_case = benefit_case(db, staff, renata, date(2026, 11, 3),
                               interview_on=date(2026, 11, 5))
    renata_referral = refer(db, staff, renata_case, today=date(2026, 11, 4))
    renata_sw = db.read(lambda s: messages.referral_case_of(s, renata_referral))
    db.write(lambda s: socialwork.record_not_came(s, renata_sw, actor=staff.social,
                                                  today=date(2026, 11, 19)))
    grant_and_issue(db, staff, renata_case, kind=B.ZASILEK_CELOWY, amount="200.00",
                    period_from=date(2026, 11, 20), period_to=None, purpose="żywność",
                    submit=True, today=date(2026, 11, 20))
    stefan = someone(db, staff, "Stefan", "Ćwiek", 25)
    stefan_case = benefit_case(db, staff, stefan, date(2026, 11, 5))
    stefan_referral = refer(db, staff, stefan_case, today=date(2026, 11, 6))
    stefan_sw = db.read(lambda s: messages.referral_case_of(s, stefan_referral))
    db.write(lambda s: socialwork.record_first_meeting(s, stefan_sw, actor=staff.social,
                                                       met_on=date(2026, 11, 10),
                                                       today=date(2026, 11, 10)))
    db.write(lambda s: messages.send_to_benefits(s, MessageForm(
        kind=MessageKind.OPINION_POSSIBILITIES, person_id=stefan, social_work_id=stefan_sw,
        case_id=stefan_case, parts={"facts": "Klient zgłosił się i współpracuje.",
                                    "possibilities": "Może podjąć pracę sezonową.",
                                    "conclusion": "Zasadne wsparcie na czas szukania pracy."}),
        actor=staff.social, today=date(2026, 11, 20)))
    kept = _contract(db, staff, stefan_sw, date(2026, 11, 12), date(2026, 11, 28),
                     date(2026, 11, 12))
    db.write(lambda s: socialwork.end_contract(s, kept, ContractStatus.FULFILLED,
                                               "Podjął pracę.", actor=staff.social,
                                               ended_on=date(2026, 11, 27),
                                               today=date(2026, 11, 27)))
    late = db.write(lambda s: socialwork.add_task(
        s, actor=staff.social, person_id=kasia, kind=TaskKind.FAMILY_ASSISTANT,
        description="Wniosek o asystenta rodziny.", started_on=date(2026, 11, 2),
        due_on=date(2026, 11, 15), today=date(2026, 11, 2)))
    db.write(lambda s: socialwork.finish_task(s, late, actor=staff.social,
                                              ended_on=date(2026, 11, 16),
                                              today=date(2026, 11, 16)))
    db.write(lambda s: socialwork.add_task(
        s, actor=staff.social, person_id=kasia, kind=TaskKind.BLUE_CARD,
        description="Spotkanie grupy diagnostyczno-pomocowej.", started_on=date(2026, 11, 20),
        due_on=date(2026, 12, 3), today=date(2026, 11, 20)))
    return {"stefan_case": stefan_case, "renata_sw": renata_sw, "stefan_sw": stefan_sw}
