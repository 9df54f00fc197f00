"""Social work with its notes and contracts, the formal messages between the teams and the
other tasks."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from opsdesk.demo.large.plan import Plan, PlannedMessage, PlannedSocialWork, at, workday
from opsdesk.demo.large.writer import Writer
from opsdesk.models import CaseMessage, SocialContract, SocialTask, SocialWorkCase, SocialWorkNote
from opsdesk.models.enums import (
    BenefitKind,
    ContractStatus,
    MessageKind,
    SocialWorkMethod,
    SocialWorkSource,
    SocialWorkStage,
    SocialWorkStatus,
    TaskKind,
    TaskStatus,
    Team,
)
from opsdesk.services import rules

REPORT_DAYS = 7  # the office's default days for a referred client to come
NOTES = {
    SocialWorkStage.DIAGNOSIS: "Pierwsze spotkanie; omówiono sytuację rodziny i jej zasoby.",
    SocialWorkStage.PLAN: "Uzgodniono z klientem cele pracy i kolejne kroki.",
    SocialWorkStage.WORK: "Klient realizuje ustalenia; wspólna wizyta w PUP.",
    SocialWorkStage.EVALUATION: "Ocena: cele w większości osiągnięte, sytuacja ustabilizowana.",
}


def plan_social_work(plan: Plan) -> None:
    """Referrals from benefits (with their formal message) and the centre's own clients;
    ids in date order."""
    rng, team = plan.rng, plan.team
    for case in plan.cases:
        issued = next((d for d in case.decisions if d.issued_on), None)
        if issued is None or case.benefit not in (BenefitKind.ZASILEK_OKRESOWY,
                                                  BenefitKind.ZASILEK_CELOWY):
            continue
        if rng.random() < 0.06:
            assert issued.issued_on is not None
            sw = PlannedSocialWork(case.person, SocialWorkSource.BENEFITS_REFERRAL,
                                   issued.issued_on, rng.choice(team.social).id, case=case)
            sw.referral = PlannedMessage(
                MessageKind.REFERRAL, case.person, issued.issued_on, case.worker_id,
                Team.SOCIAL_WORK, None, f"Kieruję {case.person.name} do pracownika socjalnego "
                "w celu ustalenia możliwości pokonania trudnej sytuacji życiowej.",
                case=case, social_work=sw)
            plan.messages.append(sw.referral)
            plan.social_work.append(sw)
    households = len(plan.households)
    for month in plan.months():
        for _ in range(max(1, round(households * 0.001))):
            day = workday(month + timedelta(days=rng.randint(0, 27)))
            if day <= plan.today:
                client = plan.households[rng.randrange(households)][0]
                plan.social_work.append(PlannedSocialWork(client, SocialWorkSource.OWN, day,
                                                          rng.choice(team.social).id))
    plan.social_work.sort(key=lambda s: s.referred_on)
    for sw_id, sw in enumerate(plan.social_work, start=1):
        sw.id = sw_id


def number_messages(plan: Plan) -> None:
    plan.messages.sort(key=lambda m: m.written_on)
    for message_id, m in enumerate(plan.messages, start=1):
        m.id = message_id
        m.seq = plan.next_number("MESSAGE_PS" if m.to_team is Team.BENEFITS else "MESSAGE_SK",
                                 m.written_on.year)


def write_social_work(w: Writer, plan: Plan) -> None:
    """The caseload over the years: most clients came, went through the stages and were
    closed; some did not come (and benefits was told) or refused; the recent ones are open.
    No referral is left overdue, so reading the caseload writes nothing."""
    rng, today = plan.rng, plan.today
    notes: list[dict[str, Any]] = []
    contracts: list[dict[str, Any]] = []
    active_contract: set[int] = set()
    rows: list[dict[str, Any]] = []
    for sw in plan.social_work:
        report_by = rules.working_days_after(sw.referred_on, REPORT_DAYS)
        met = workday(sw.referred_on + timedelta(days=rng.randint(1, 8)))
        roll = rng.random()
        row: dict[str, Any] = {
            "id": sw.id, "person_id": sw.person.id, "source": sw.source,
            "intake_id": sw.intake.id if sw.intake else None,
            "case_id": sw.case.id if sw.case else None, "referral_message_id": None,
            "status": SocialWorkStatus.REFERRED, "worker_id": sw.worker_id,
            "referred_on": sw.referred_on, "report_by": report_by, "first_meeting_on": None,
            "stage": SocialWorkStage.DIAGNOSIS, "plan_on": None, "work_on": None,
            "evaluation_on": None, "method": SocialWorkMethod.INDIVIDUAL, "tools": "",
            "goals": "", "goals_agreed_on": None, "evaluation_due": None, "closed_on": None,
            "outcome": "", "created_at": at(sw.referred_on, rng)}
        rows.append(row)
        if met > today:
            if report_by < today:  # would be overdue: the client did not come
                not_reported(plan, sw, row, report_by)
            continue
        if roll < 0.1:
            not_reported(plan, sw, row, report_by)
            continue
        if roll < 0.15 and sw.referral is not None:
            row.update(status=SocialWorkStatus.REFUSED, closed_on=met,
                       outcome="Klient odmówił współpracy.")
            message(plan, MessageKind.REFUSED_COOPERATION, sw, met)
            continue
        row.update(status=SocialWorkStatus.ACTIVE, first_meeting_on=met)
        stages = [(SocialWorkStage.DIAGNOSIS, met)]
        plan_on = met + timedelta(days=rng.randint(14, 30))
        work_on = plan_on + timedelta(days=rng.randint(7, 21))
        evaluation_on = work_on + timedelta(days=rng.randint(60, 180))
        closed_on = evaluation_on + timedelta(days=rng.randint(7, 30))
        for stage, day, key in ((SocialWorkStage.PLAN, plan_on, "plan_on"),
                                (SocialWorkStage.WORK, work_on, "work_on"),
                                (SocialWorkStage.EVALUATION, evaluation_on, "evaluation_on")):
            if day <= today:
                row.update({key: day, "stage": stage})
                stages.append((stage, day))
        if plan_on <= today:
            row.update(goals="Podjęcie zatrudnienia; uregulowanie zaległości czynszowych.",
                       goals_agreed_on=plan_on, tools="wywiad, kontrakt socjalny",
                       evaluation_due=evaluation_on)
        if closed_on <= today:
            row.update(status=SocialWorkStatus.CLOSED, closed_on=closed_on,
                       outcome="Cele pracy socjalnej osiągnięte.")
        for stage, day in stages:
            notes.append({"social_work_id": sw.id, "stage": stage, "written_on": day,
                          "author_id": sw.worker_id, "text": NOTES[stage],
                          "created_at": at(day, rng)})
        if sw.referral is not None and rng.random() < 0.4:
            message(plan, MessageKind.COOPERATION, sw, met + timedelta(days=1))
        if work_on <= today and rng.random() < 0.2 and sw.person.id not in active_contract:
            contracts.append(contract(plan, sw, work_on, closed_on, active_contract))
    number_messages(plan)
    for row, sw in zip(rows, plan.social_work, strict=True):
        row["referral_message_id"] = sw.referral.id if sw.referral else None
    w.rows(SocialWorkCase.__table__, rows)
    w.rows(SocialWorkNote.__table__, notes)
    w.rows(SocialContract.__table__, contracts)
    write_messages(w, plan)


def not_reported(plan: Plan, sw: PlannedSocialWork, row: dict[str, Any], report_by: date) -> None:
    row.update(status=SocialWorkStatus.NOT_REPORTED, closed_on=report_by + timedelta(days=1))
    if sw.referral is not None:
        message(plan, MessageKind.NOT_REPORTED, sw, workday(report_by + timedelta(days=1)),
                automatic=True)


def message(plan: Plan, kind: MessageKind, sw: PlannedSocialWork, on: date, *,
            automatic: bool = False) -> None:
    """Social work's information for the benefits worker who runs the proceeding."""
    if on > plan.today:
        return
    case = sw.case
    bodies = {MessageKind.COOPERATION: "Informuję, że klient podjął współpracę z pracownikiem "
                                       "socjalnym i realizuje ustalenia.",
              MessageKind.NOT_REPORTED: "Klient nie zgłosił się do pracownika socjalnego "
                                        "w wyznaczonym terminie.",
              MessageKind.REFUSED_COOPERATION: "Klient odmówił współpracy z pracownikiem "
                                               "socjalnym."}
    plan.messages.append(PlannedMessage(kind, sw.person, on, sw.worker_id, Team.BENEFITS,
                                        case.worker_id if case else None, bodies[kind],
                                        case=case, social_work=sw, automatic=automatic))


def contract(plan: Plan, sw: PlannedSocialWork, concluded: date, closed_on: date,
             active: set[int]) -> dict[str, Any]:
    rng, today = plan.rng, plan.today
    seq = plan.next_number("CONTRACT", concluded.year)
    period_to = concluded + timedelta(days=rng.randint(90, 180))
    status = (ContractStatus.ACTIVE if period_to >= today and closed_on > today
              else rng.choice((ContractStatus.FULFILLED, ContractStatus.FULFILLED,
                               ContractStatus.BROKEN, ContractStatus.ENDED)))
    if status is ContractStatus.ACTIVE:
        active.add(sw.person.id)
    return {"number": f"KS.{seq}.{concluded.year}", "social_work_id": sw.id,
            "person_id": sw.person.id, "worker_id": sw.worker_id, "concluded_on": concluded,
            "period_from": concluded, "period_to": period_to,
            "goals": "Podjęcie zatrudnienia\nUregulowanie zaległości czynszowych",
            "client_commitments": "Rejestracja w PUP; udział w szkoleniu.",
            "worker_commitments": "Pomoc w przygotowaniu dokumentów; wizyty co miesiąc.",
            "review_dates": "", "status": status,
            "evaluation": "" if status is ContractStatus.ACTIVE else "Kontrakt oceniony.",
            "ended_on": None if status is ContractStatus.ACTIVE else min(period_to, today),
            "created_at": at(concluded, rng)}


def write_messages(w: Writer, plan: Plan) -> None:
    rng, today = plan.rng, plan.today

    def rows() -> Iterator[dict[str, Any]]:
        for m in plan.messages:
            recent = (today - m.written_on).days < 3
            read_at = None if recent else at(workday(m.written_on + timedelta(days=1)), rng)
            reader = m.to_user_id or (plan.team.benefits[0].id if m.to_team is Team.BENEFITS
                                      else plan.team.social[0].id)
            yield {"id": m.id, "number": m.number, "kind": m.kind, "person_id": m.person.id,
                   "case_id": m.case.id if m.case else None,
                   "social_work_id": m.social_work.id if m.social_work else None,
                   "author_id": m.author_id, "to_team": m.to_team, "to_user_id": m.to_user_id,
                   "written_on": m.written_on, "body": m.body, "read_at": read_at,
                   "read_by_id": None if read_at is None else reader,
                   "automatic": m.automatic, "created_at": at(m.written_on, rng)}

    w.rows(CaseMessage.__table__, rows())


def write_tasks(w: Writer, plan: Plan) -> None:
    rng, today, team = plan.rng, plan.today, plan.team
    households = len(plan.households)

    def rows() -> Iterator[dict[str, Any]]:
        for month in plan.months():
            for _ in range(max(1, round(households * 0.0005))):
                started = workday(month + timedelta(days=rng.randint(0, 27)))
                if started > today:
                    continue
                ended = started + timedelta(days=rng.randint(30, 240))
                done = ended <= today
                yield {"person_id": plan.households[rng.randrange(households)][0].id,
                       "kind": rng.choice(list(TaskKind)),
                       "worker_id": rng.choice(team.social).id, "started_on": started,
                       "due_on": started + timedelta(days=90),
                       "ended_on": ended if done else None,
                       "status": TaskStatus.DONE if done else TaskStatus.OPEN,
                       "description": "Zadanie prowadzone przez zespół pracy socjalnej.",
                       "created_at": at(started, rng)}

    w.rows(SocialTask.__table__, rows())
