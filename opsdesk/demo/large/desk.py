"""The desk: intakes not tied to a case, certificates and appointments."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, time, timedelta
from typing import Any

from opsdesk.demo.desk import INFO_GIVEN, PROBLEMS
from opsdesk.demo.large.plan import Plan, PlannedIntake, PlannedSocialWork, at, poisson
from opsdesk.demo.large.writer import Writer, handed
from opsdesk.models import Appointment, Certificate, Handover, Intake
from opsdesk.models.enums import (
    AppointmentStatus,
    Channel,
    DocumentKind,
    IntakeStatus,
    ReporterKind,
    SocialWorkSource,
)

CERTIFICATE_PURPOSES = ("do przedłożenia w szkole", "do przedłożenia w Urzędzie Gminy",
                        "do przedłożenia w spółdzielni mieszkaniowej", "do przedłożenia w sądzie")


def plan_desk(plan: Plan) -> None:
    """Intakes closed with information, routed to social work, and the ones waiting now."""
    rng, today = plan.rng, plan.today
    households = len(plan.households)
    day = plan.start
    while day <= today:
        if day.weekday() < 5:
            for _ in range(poisson(rng, households * 0.0002)):
                client = plan.households[rng.randrange(households)][0]
                received = at(day, rng)
                recent = (today - day).days < 14
                roll = rng.random()
                if recent and roll < 0.3:
                    status = IntakeStatus.NEW if roll < 0.25 else IntakeStatus.DESK_INTERVIEW
                    plan.intakes.append(PlannedIntake(received, client, status))
                elif roll < 0.55:
                    plan.intakes.append(PlannedIntake(received, client, IntakeStatus.INFORMED))
                else:
                    intake = PlannedIntake(received, client, IntakeStatus.ROUTED,
                                           to_social_work=True)
                    plan.intakes.append(intake)
                    plan.social_work.append(PlannedSocialWork(
                        client, SocialWorkSource.FIRST_CONTACT, day,
                        rng.choice(plan.team.social).id, intake=intake))
        day += timedelta(days=1)
    plan.intakes.sort(key=lambda i: i.received_at)
    for intake_id, intake in enumerate(plan.intakes, start=1):
        intake.id = intake_id


def write_intakes(w: Writer, plan: Plan) -> None:
    rng, desk = plan.rng, plan.team.desk.id

    def rows() -> Iterator[dict[str, Any]]:
        for i in plan.intakes:
            closed = (None if i.status in (IntakeStatus.NEW, IntakeStatus.DESK_INTERVIEW)
                      else i.received_at + timedelta(minutes=rng.randint(10, 50)))
            other = rng.random() < 0.15
            w.created(i.received_at, desk, "Intake", i.id)
            yield {"id": i.id, "received_at": i.received_at, "received_by_id": desk,
                   "person_id": i.person.id,
                   "reporter_kind": ReporterKind.OTHER_PERSON if other else ReporterKind.SELF,
                   "reporter_name": "Sąsiadka, p. Halina Wróbel" if other else "",
                   "channel": rng.choice((Channel.IN_PERSON, Channel.IN_PERSON, Channel.PHONE,
                                          Channel.LETTER)),
                   "problem": rng.choice(PROBLEMS), "urgent": rng.random() < 0.05,
                   "status": i.status, "routed_to_benefits": i.to_benefits,
                   "routed_to_social_work": i.to_social_work,
                   "outcome": rng.choice(INFO_GIVEN) if i.status is IntakeStatus.INFORMED
                   else "", "closed_at": closed, "created_at": i.received_at}

    w.rows(Intake.__table__, rows())


def write_certificates(w: Writer, plan: Plan) -> None:
    """The register of certificates (ZAŚ), each handed over at the desk."""
    rng, today, desk = plan.rng, plan.today, plan.team.desk.id
    certificates: list[dict[str, Any]] = []
    handovers: list[dict[str, Any]] = []
    households = len(plan.households)
    day = plan.start
    while day <= today:
        if day.weekday() < 5:
            for _ in range(poisson(rng, households * 0.1 / 250)):
                p = plan.households[rng.randrange(households)][0]
                seq = plan.next_number("CERTIFICATE", day.year)
                number = f"ZAŚ.{seq}.{day.year}"
                created = at(day, rng)
                cert_id = len(certificates) + 1
                certificates.append({
                    "id": cert_id, "number": number, "year": day.year, "seq": seq,
                    "person_id": p.id, "issued_on": day,
                    "purpose": rng.choice(CERTIFICATE_PURPOSES),
                    # What the records show of anyone (kpa art. 218 § 1), not a benefit.
                    "content": "figuruje w kartotece Gminnego Ośrodka Pomocy Społecznej "
                               "w Zbąszynku.",
                    "issued_by_id": desk, "created_at": created})
                handovers.append({
                    "document_kind": DocumentKind.CERTIFICATE, "document_id": cert_id,
                    "person_id": p.id, "title": f"Zaświadczenie nr {number}",
                    **handed(plan, p, None if (today - day).days < 3 else day),
                    "created_at": created})
                w.created(created, desk, "Certificate", cert_id)
        day += timedelta(days=1)
    w.rows(Certificate.__table__, certificates)
    w.rows(Handover.__table__, handovers)


def write_appointments(w: Writer, plan: Plan) -> None:
    rng, today, team = plan.rng, plan.today, plan.team
    workers = [*team.benefits, *team.social]
    households = len(plan.households)
    taken: set[tuple[int, datetime]] = set()

    def rows() -> Iterator[dict[str, Any]]:
        day = plan.start
        while day <= today + timedelta(days=21):
            if day.weekday() < 5:
                for _ in range(poisson(rng, households * 0.1 / 250)):
                    worker = rng.choice(workers).id
                    starts = datetime.combine(day, time(rng.randint(8, 14),
                                                        rng.choice((0, 30))))
                    if (worker, starts) in taken:
                        continue
                    taken.add((worker, starts))
                    status = (AppointmentStatus.PLANNED if day >= today
                              else AppointmentStatus.CANCELLED if rng.random() < 0.08
                              else AppointmentStatus.DONE)
                    yield {"person_id": plan.households[rng.randrange(households)][0].id,
                           "worker_id": worker, "starts_at": starts,
                           "purpose": "Rozmowa w sprawie pomocy", "status": status,
                           "created_by_id": team.desk.id,
                           "created_at": starts - timedelta(days=rng.randint(1, 10))}
            day += timedelta(days=1)

    w.rows(Appointment.__table__, rows())
