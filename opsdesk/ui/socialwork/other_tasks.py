"""The client's other tasks in social work (a family assistant, Niebieska Karta's group…):
their columns, adding one and finishing it."""

from __future__ import annotations

from datetime import date

from opsdesk.formatting import format_date
from opsdesk.labels import label
from opsdesk.models.enums import TaskKind
from opsdesk.services import socialwork
from opsdesk.services.socialwork import TaskRow
from opsdesk.ui.socialwork.actions import TabActions
from opsdesk.ui.tables import Column, selected_row
from opsdesk.ui.widgets import date_edit, enum_combo, text_box

TASK_COLUMNS: list[Column[TaskRow]] = [
    Column("Zadanie", lambda r: label(r.kind)),
    Column("Od", lambda r: format_date(r.started_on), sort_key=lambda r: r.started_on),
    Column("Termin", lambda r: format_date(r.due_on) if r.due_on else "",
           sort_key=lambda r: r.due_on or date.max),
    Column("Stan", lambda r: label(r.status) + (f" {format_date(r.ended_on)}" if r.ended_on
                                                else "")),
    Column("Pracownik", lambda r: r.worker_name),
    Column("Opis", lambda r: r.description.replace("\n", " ")[:120]),
]


class TaskActions(TabActions):
    """The buttons of the Inne zadania section: a new task for the client, or the selected
    one finished."""

    def new(self) -> None:
        row = self.tab.current()
        if row is not None:
            self.dialog(f"Zadanie — {row.person_name}", [
                ("kind", "Rodzaj", enum_combo(list(TaskKind))),
                ("description", "Opis", text_box()),
                ("started_on", "Od", date_edit()), ("due_on", "Termin", date_edit())],
                lambda d: lambda s: socialwork.add_task(
                    s, actor=self.ctx.actor, person_id=row.person_id, kind=d.value("kind"),
                    description=d.value("description"), started_on=d.value("started_on"),
                    due_on=d.value("due_on")))

    def finish(self) -> None:
        task = selected_row(self.tab.task_view)
        if isinstance(task, TaskRow):
            self.dialog(f"Zakończenie zadania: {label(task.kind)}", [
                ("result", "Wynik", text_box()), ("ended_on", "Data", date_edit())],
                lambda d: lambda s: socialwork.finish_task(
                    s, task.id, actor=self.ctx.actor, result=d.value("result"),
                    ended_on=d.value("ended_on"), expected_version=task.version))
