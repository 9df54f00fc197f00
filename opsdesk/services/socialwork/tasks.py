"""The team's other tasks (Niebieska Karta, asystent rodziny, CIS/KIS, mental-health act),
kept simply."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from opsdesk import clock
from opsdesk.errors import ConflictError, NotFound, ValidationError
from opsdesk.formatting import format_date
from opsdesk.models import Person, SocialTask, User
from opsdesk.models.enums import TaskKind, TaskStatus
from opsdesk.services import validation as check
from opsdesk.services.actions import Action, Actions
from opsdesk.services.permissions import Permission
from opsdesk.services.security import Actor, operation
from opsdesk.services.socialwork.caseload import TEXT_MAX


@dataclass(frozen=True)
class TaskRow:
    id: int
    person_id: int
    person_name: str
    kind: TaskKind
    worker_name: str
    started_on: date
    due_on: date | None
    ended_on: date | None
    status: TaskStatus
    description: str
    version: int
    actions: Actions = frozenset()  # what the reader may do with it (``task_rows``)


@operation(Permission.SOCIAL_WORK_WRITE)
def add_task(session: Session, *, actor: Actor, person_id: int, kind: TaskKind,
             description: str, started_on: date | None = None, due_on: date | None = None,
             today: date | None = None) -> int:
    """Niebieska Karta, asystent rodziny, CIS/KIS, mental-health act: kept simply."""
    today = today or clock.today()
    if session.get(Person, person_id) is None:
        raise NotFound("Nie ma takiej osoby w kartotece.")
    started = check.past_date(started_on or today, field="started_on",
                              label="Data rozpoczęcia", today=today)
    if due_on is not None and due_on < started:
        raise ValidationError("Termin nie może być wcześniejszy niż rozpoczęcie zadania.",
                              field="due_on")
    task = SocialTask(person_id=person_id, kind=kind, worker_id=actor.id, started_on=started,
                      due_on=due_on, status=TaskStatus.OPEN,
                      description=check.text(description, field="description",
                                             label="Opis zadania", max_len=TEXT_MAX))
    session.add(task)
    session.flush()
    return task.id


@operation(Permission.SOCIAL_WORK_WRITE)
def finish_task(session: Session, task_id: int, *, actor: Actor, ended_on: date | None = None,
                result: str = "", today: date | None = None,
                expected_version: int | None = None) -> None:
    today = today or clock.today()
    task = session.get(SocialTask, task_id)
    if task is None:
        raise NotFound("Nie ma takiego zadania.")
    if expected_version is not None and task.version != expected_version:
        raise ConflictError({"status": (task.status, None)})
    if task.status is TaskStatus.DONE:
        raise ValidationError("To zadanie jest już zakończone.", field="status")
    ended = check.past_date(ended_on or today, field="ended_on", label="Data zakończenia",
                            today=today)
    if ended < task.started_on:
        raise ValidationError("Zakończenie nie może być wcześniejsze niż rozpoczęcie zadania.",
                              field="ended_on")
    result = check.text(result, field="result", label="Wynik", max_len=TEXT_MAX,
                        required=False)
    if result:
        task.description = f"{task.description}\n\nWynik ({format_date(ended)} r.): {result}"
    task.ended_on = ended
    task.status = TaskStatus.DONE
    session.flush()


@operation(Permission.SOCIAL_WORK_READ)
def tasks(session: Session, *, actor: Actor, person_id: int | None = None,
          mine_only: bool = False, open_only: bool = True) -> list[TaskRow]:
    where = []
    if person_id is not None:
        where.append(SocialTask.person_id == person_id)
    if mine_only:
        where.append(SocialTask.worker_id == actor.id)
    if open_only:
        where.append(SocialTask.status == TaskStatus.OPEN)
    return task_rows(session, *where, reader=actor)


def task_rows(session: Session, *where, reader: Actor) -> list[TaskRow]:  # noqa: ANN002
    """The tasks ``where`` selects; the team (if ``reader`` is of it) finishes an open one."""
    writes = reader.can(Permission.SOCIAL_WORK_WRITE)
    stmt = (select(SocialTask, Person, User.full_name)
            .join(Person, SocialTask.person_id == Person.id)
            .join(User, SocialTask.worker_id == User.id)
            .where(*where).order_by(SocialTask.due_on.is_(None), SocialTask.due_on,
                                    SocialTask.id))
    return [TaskRow(t.id, p.id, f"{p.last_name} {p.first_name}", t.kind, name, t.started_on,
                    t.due_on, t.ended_on, t.status, t.description, t.version,
                    frozenset({Action.FINISH}) if writes and t.status is TaskStatus.OPEN
                    else frozenset())
            for t, p, name in session.execute(stmt)]
