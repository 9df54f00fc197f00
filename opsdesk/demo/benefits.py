"""Demo benefits: family interviews, decisions in every status and of every kind, monthly
payouts, payout lists in every status and "Kasa wypłaci" receipts waiting at the desk, and an
art. 36 notice — on some of the benefit cases the desk opened.

Everything goes through the services on the day it would have happened (``today=`` of each
call), so the amounts are the law's and every date rule holds."""

from __future__ import annotations

import random
import re
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import exists, select

from opsdesk.db import Database
from opsdesk.demo.staff import DemoTeam
from opsdesk.errors import ValidationError
from opsdesk.models import Application, Case, CaseMessage, Interview
from opsdesk.models.enums import (
    BenefitKind,
    CaseStatus,
    DecisionKind,
    IncomeSource,
    PayoutMethod,
    Team,
)
from opsdesk.services import decisions, interviews, payouts, queue, rules
from opsdesk.services.decisions.catalogue import RefusalGround
from opsdesk.services.decisions.views import DecisionForm
from opsdesk.services.interviews import IncomeEntry
from opsdesk.services.security import Actor

REASONS = [("UBOSTWO", "BEZROBOCIE"), ("UBOSTWO", "CHOROBA"), ("NIEPELNOSPRAWNOSC",),
           ("BEZRADNOSC", "MACIERZYNSTWO"), ("UBOSTWO", "UZALEZNIENIE")]
NEEDS = ["Brak środków na żywność, leki i opał; zaległość w opłatach za energię elektryczną.",
         "Potrzeba pomocy w codziennych czynnościach i zakupie leków.",
         "Brak środków na utrzymanie dzieci; potrzebna odzież zimowa i obuwie."]
DIAGNOSES = ["Długotrwałe bezrobocie, brak dochodu; rodzina korzysta z pomocy sąsiadów.",
             "Niepełnosprawność i przewlekła choroba; niska renta nie pokrywa kosztów leczenia.",
             "Niepłacone alimenty, samotne wychowywanie dzieci; dochód poniżej kryterium."]
PLANS = ["Zasiłek okresowy na 3 miesiące, rejestracja w PUP, rozmowa o pracy socjalnej.",
         "Zasiłek stały, pomoc w załatwieniu orzeczenia o niepełnosprawności.",
         "Zasiłek celowy na odzież i opał; wniosek do funduszu alimentacyjnego."]
# Zero for most: these are the clients who need the benefits; a few earn too much.
INCOMES = ["0", "0", "250.00", "400.00", "600.00", "850.00", "1500.00", "2400.00"]


def demo_account(rng: random.Random) -> str:
    """A valid Polish NRB (26 digits) for a fictional account."""
    bban = "1090" + "1014" + "".join(str(rng.randint(0, 9)) for _ in range(16))
    check = 98 - int(bban + "252100") % 97
    return f"{check:02d}{bban}"


def create(db: Database, team: DemoTeam, rng: random.Random, person_ids: list[int],
           today: date) -> None:
    cases = _free_cases(db)
    if len(cases) < 14:
        return
    anna, michal = team.benefits
    done: list[tuple[int, int, date]] = []  # case, interview, the day it was carried out
    for n, (case_id, learned) in enumerate(cases[:22]):
        worker = anna if n % 2 == 0 else michal
        if n % 11 == 10:
            continue  # left waiting in the queue, deadlines running
        db.write(lambda s, c=case_id, w=worker: queue.take_case(s, c, actor=w))
        on = min(today, learned + timedelta(days=3 + n % 5))
        if n % 11 == 9:  # started, not finished
            db.write(lambda s, c=case_id, w=worker, d=on: interviews.start_interview(
                s, c, actor=w, today=d))
            continue
        low = _benefit_of(db, case_id) is BenefitKind.ZASILEK_STALY  # a small pension at most
        done.append((case_id, _interview(db, worker, rng, case_id, on, n, low), on))
    _decide(db, team, rng, done, today)
    # The office's last working day: no one approves a list or sends a notice on a Sunday.
    workday = rules.last_working_day(today)
    _lists(db, team, workday)
    _notice(db, team, workday)


def _free_cases(db: Database) -> list[tuple[int, date]]:
    """Benefit cases the desk opened that no other demo area has touched yet."""
    stmt = (select(Case.id, Case.learned_on).where(
        Case.team == Team.BENEFITS, Case.status == CaseStatus.NEW,
        ~exists().where(CaseMessage.case_id == Case.id),
        ~exists().where(Interview.case_id == Case.id))
        .order_by(Case.learned_on, Case.id))
    return [(i, d) for i, d in db.read(lambda s: s.execute(stmt).all())]


def _interview(db: Database, worker: Actor, rng: random.Random, case_id: int, on: date,
               n: int, low: bool) -> int:
    iid = db.write(lambda s: interviews.start_interview(s, case_id, actor=worker, today=on))
    view = db.read(lambda s: interviews.interview_detail(s, iid, actor=worker, today=on))
    incomes = []
    for k, member in enumerate(view.members[:2]):
        gross = Decimal(INCOMES[(n + k * 3) % (4 if low else len(INCOMES))])
        if gross:
            source = rng.choice([IncomeSource.EMPLOYMENT, IncomeSource.PENSION,
                                 IncomeSource.UNEMPLOYMENT, IncomeSource.ALIMONY])
            tax = (gross * Decimal("0.05")).quantize(Decimal("0.01")) \
                if source is IncomeSource.EMPLOYMENT else Decimal("0")
            incomes.append(IncomeEntry(member.person_id, source, gross, tax))
    form = replace(view.form, carried_out_on=on, reasons=REASONS[n % len(REASONS)],
                   needs=NEEDS[n % 3], diagnosis=DIAGNOSES[n % 3], plan=PLANS[n % 3],
                   farm_hectares=Decimal("1.8") if n % 7 == 3 else Decimal("0"),
                   incomes=tuple(incomes))
    version = db.write(lambda s: interviews.save_interview(
        s, iid, form, actor=worker, today=on, expected_version=view.version))
    db.write(lambda s: interviews.complete_interview(s, iid, actor=worker, today=on,
                                                     expected_version=version))
    return iid


def _benefit_of(db: Database, case_id: int) -> BenefitKind:
    kind = db.read(lambda s: s.scalar(select(Application.benefit_kind).where(
        Application.case_id == case_id).order_by(Application.id.desc()).limit(1)))
    money = (BenefitKind.ZASILEK_OKRESOWY, BenefitKind.ZASILEK_STALY, BenefitKind.ZASILEK_CELOWY)
    return kind if kind in money else BenefitKind.ZASILEK_OKRESOWY


def _filled(text: str) -> str:
    """The demo worker fills what the records cannot say (the marks ``[uzupełnij: …]``)."""
    return re.sub(r"\[uzupełnij: [^\]]*\]", "jak ustalono w rodzinnym wywiadzie "
                  "środowiskowym", text)


def _decide(db: Database, team: DemoTeam, rng: random.Random,
            done: list[tuple[int, int, date]], today: date) -> None:
    anna = team.benefits[0]
    issued: list[tuple[int, int, BenefitKind, date]] = []  # decision, case, benefit, issued on
    # In the order they were issued, so decision numbers follow their dates.
    for n, (case_id, _iid, interviewed) in enumerate(sorted(done, key=lambda d: d[2])):
        benefit = _benefit_of(db, case_id)
        on = min(today, interviewed + timedelta(days=2))
        dflt = db.write(lambda s, c=case_id, b=benefit, d=on: decisions.decision_defaults(
            s, actor=anna, case_id=c, kind=DecisionKind.GRANTING, benefit_kind=b, today=d))
        method = PayoutMethod.TRANSFER if n % 3 == 1 else PayoutMethod.CASH
        account = demo_account(rng) if method is PayoutMethod.TRANSFER else ""
        if dflt.rule is None or not dflt.rule.eligible:
            refusal = db.write(lambda s, c=case_id, b=benefit, d=on: decisions.decision_defaults(
                s, actor=anna, case_id=c, kind=DecisionKind.REFUSING, benefit_kind=b, today=d,
                refusal_ground=RefusalGround.INCOME))
            form = DecisionForm(case_id=case_id, kind=DecisionKind.REFUSING, benefit_kind=benefit,
                                refusal_ground=RefusalGround.INCOME,
                                justification=_filled(refusal.justification))
        else:
            amount = dflt.rule.computed or Decimal("350.00")
            form = DecisionForm(
                case_id=case_id, kind=DecisionKind.GRANTING, benefit_kind=benefit, amount=amount,
                period_from=dflt.period_from, period_to=dflt.period_to, payout_method=method,
                bank_account=account, purpose="zakup opału i żywności" if benefit is
                BenefitKind.ZASILEK_CELOWY else "", justification=_filled(dflt.justification))
        status = n % 7
        try:
            did = db.write(lambda s, f=form, d=on: decisions.save_draft(s, f, actor=anna,
                                                                        today=d))
        except ValidationError:
            continue  # e.g. the person already has this benefit for the period

        if status == 5:
            continue  # a draft being written
        db.write(lambda s, i=did, d=on: decisions.submit_draft(s, i, actor=anna, today=d))
        if status == 6:
            continue  # waiting for the head
        db.write(lambda s, i=did, d=on: decisions.approve_and_issue(s, i, actor=team.head,
                                                                    today=d))
        if form.kind is DecisionKind.GRANTING:
            issued.append((did, case_id, benefit, on))
    _corrections(db, team, issued, today)


def _corrections(db: Database, team: DemoTeam, issued: list[tuple[int, int, BenefitKind, date]],
                 today: date) -> None:
    """A suspension (art. 11 ust. 2) and a change of method, from next month."""
    anna = team.benefits[0]
    monthly = [(d, c, b) for d, c, b, _ in issued if b is BenefitKind.ZASILEK_OKRESOWY]
    next_month = rules.add_months(today.replace(day=1), 1)
    plans = [(DecisionKind.SUSPENDING, "Strona odmówiła współpracy z pracownikiem socjalnym "
              "(informacja z dnia poprzedniego) — art. 11 ust. 2 ustawy o pomocy społecznej."),
             (DecisionKind.CHANGING, "Strona wskazała rachunek bankowy i wniosła o wypłatę "
              "przelewem.")]
    for (did, case_id, benefit), (kind, why) in zip(monthly, plans):
        form = DecisionForm(case_id=case_id, kind=kind, benefit_kind=benefit,
                            corrects_decision_id=did, effective_from=next_month,
                            justification=why)
        if kind is DecisionKind.CHANGING:
            form = replace(form, payout_method=PayoutMethod.TRANSFER,
                           bank_account=demo_account(random.Random(did)))
        try:
            new = db.write(lambda s, f=form: decisions.save_draft(s, f, actor=anna, today=today))
        except ValidationError:
            continue  # the benefit ends before next month
        db.write(lambda s, i=new: decisions.approve_and_issue(s, i, actor=team.head,
                                                              today=today))


def _lists(db: Database, team: DemoTeam, today: date) -> None:
    """A transfer list paid, a cash list approved (its receipts wait at the desk), and next
    month's cash list prepared."""
    anna = team.benefits[0]
    for method in (PayoutMethod.TRANSFER, PayoutMethod.CASH):
        try:
            list_id = db.write(lambda s, m=method: payouts.prepare_payout_list(
                s, actor=anna, payout_date=today, method=m, today=today))
        except ValidationError:
            continue
        db.write(lambda s, i=list_id: payouts.approve_payout_list(s, i, actor=team.head,
                                                                  today=today))
        if method is PayoutMethod.TRANSFER:
            db.write(lambda s, i=list_id: payouts.record_list_paid(s, i, actor=anna,
                                                                   paid_on=today, today=today))
    next_month = rules.add_months(today.replace(day=1), 1)
    try:
        db.write(lambda s: payouts.prepare_payout_list(s, actor=anna, payout_date=next_month,
                                                       method=PayoutMethod.CASH, today=today))
    except ValidationError:
        pass


def _notice(db: Database, team: DemoTeam, today: date) -> None:
    """An art. 36 notice on the case whose decision deadline passed first."""
    rows = db.read(lambda s: queue.benefits_queue(s, actor=team.head, today=today))
    late = [r for r in rows if r.notice_due]
    if late:
        db.write(lambda s: decisions.issue_deadline_notice(
            s, late[0].case_id, actor=team.benefits[0],
            reason="Oczekiwanie na zaświadczenie z Powiatowego Urzędu Pracy o statusie strony.",
            new_deadline=rules.working_days_after(today, 15), today=today))
