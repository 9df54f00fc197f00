"""Niebieska Karta in the social-work tab: the procedures of the client chosen on the left (or
all the open ones), each step with its deadline and "po terminie" once missed, and the next
step as a button. Shown only to the social work team and the head."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from opsdesk import clock
from opsdesk.changes import Changes
from opsdesk.formatting import format_date
from opsdesk.services import blue_card
from opsdesk.services.blue_card import CLOSURES, CardDetail, CardForm, CardRow
from opsdesk.services.permissions import Permission
from opsdesk.ui.action_dialog import ActionDialog
from opsdesk.ui.context import AppContext
from opsdesk.ui.person_dialog import choose_person
from opsdesk.ui.tables import (
    AMBER,
    RED,
    Column,
    RowsModel,
    make_table,
    reselect,
    row_actions,
    selected_row,
)
from opsdesk.ui.widgets import (
    checkbox,
    date_edit,
    html_text,
    line,
    push,
    text_box,
)

AREA = Changes.BLUE_CARDS


def card_columns(today: date) -> list[Column[CardRow]]:
    def color(r: CardRow) -> Any:
        mark = r.next.deadline.mark(today) if r.next and r.next.deadline and not r.closed_on \
            else ""
        return RED if mark == "past" else AMBER if mark == "near" else None

    return [
        Column("Nr", lambda r: r.number),
        Column("Osoba doznająca przemocy", lambda r: r.person_name),
        Column("Wszczęta", lambda r: format_date(r.initiated_on), lambda r: r.initiated_on),
        Column("Stan / najbliższy termin", lambda r: r.status(today),
               lambda r: r.next.due if r.next and r.next.due else date.max, color=color),
        Column("Prowadzi", lambda r: r.worker_name),
    ]


class BlueCardPanel(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("blueCardPanel")
        self.person_id: int | None = None
        self.detail: CardDetail | None = None
        today = clock.today()
        self.scope = QComboBox()
        self.scope.setObjectName("blueCardScope")
        for text, key in (("klienta wybranego z listy", "person"),
                          ("wszystkie otwarte", "open"), ("wszystkie", "all")):
            self.scope.addItem(text, key)
        self.scope.currentIndexChanged.connect(lambda _i: self.refresh())
        self.model: RowsModel[CardRow] = RowsModel(card_columns(today), self)
        self.view = make_table(self.model, object_name="blueCards")
        self.text = QTextBrowser()
        self.text.setObjectName("blueCardDetail")
        writer = ctx.actor.can(Permission.BLUE_CARD_WRITE)
        self.new_button = push("Nowa procedura (NK-A)…", object_name="newBlueCard",
                               slot=self.new_card)
        self.received_button = push("NK-A przekazano przewodniczącemu…",
                                    object_name="cardReceived", slot=self.received)
        self.group_button = push("Grupa diagnostyczno-pomocowa…", object_name="cardGroup",
                                 slot=self.group)
        self.meeting_button = push("Posiedzenie grupy…", object_name="cardMeeting",
                                   slot=self.meeting)
        self.nk_d_button = push("Termin wezwania (NK-D)…", object_name="cardNkD",
                                slot=self.plan_nk_d)
        self.close_button = push("Zakończ procedurę…", object_name="cardClose",
                                 slot=self.close_card)
        self.step_buttons = [self.received_button, self.group_button, self.meeting_button,
                             self.nk_d_button, self.close_button]
        self.new_button.setVisible(writer)
        top = QHBoxLayout()
        top.addWidget(self.scope)
        top.addStretch(1)
        top.addWidget(self.new_button)
        buttons = QHBoxLayout()
        for button in self.step_buttons:
            buttons.addWidget(button)
        buttons.addStretch(1)
        splitter = QSplitter()
        splitter.addWidget(self.view)
        splitter.addWidget(self.text)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self.show_detail())
        # Enter or the right button on a row: the same actions as the buttons.
        row_actions(self.view, lambda: [self.received_button, self.group_button,
                                        self.meeting_button, self.nk_d_button,
                                        self.close_button])
        ctx.listen(AREA, self.refresh)
        self._buttons()

    # --- reading ---

    def show_person(self, person_id: int | None) -> None:
        self.person_id = person_id
        self.refresh()

    def refresh(self) -> None:
        scope, pid = self.scope.currentData(), self.person_id
        if scope == "person" and pid is None:
            rows: list[CardRow] | None = []
        else:
            rows = self.ctx.read(self, lambda s: blue_card.cards(
                s, actor=self.ctx.actor, person_id=pid if scope == "person" else None,
                open_only=scope == "open"))
        chosen = self.current()
        self.model.set_rows(rows or [])
        if chosen is None or not reselect(self.view, lambda r: r.id == chosen.id):
            self.show_detail()

    def current(self) -> CardRow | None:
        row = selected_row(self.view)
        return row if isinstance(row, CardRow) else None

    def show_detail(self) -> None:
        row = self.current()
        self.detail = self.ctx.read(self, lambda s: blue_card.card_detail(
            s, row.id, actor=self.ctx.actor)) if row is not None else None
        self.text.setHtml(self._html(self.detail) if self.detail else
                          "<p>Wybierz procedurę z listy.</p>")
        self._buttons()

    def _html(self, d: CardDetail) -> str:
        today = clock.today()
        parts = [f"<h3>Niebieska Karta {d.row.number} — {html_text(d.row.person_name)}</h3>",
                 f"<p>NK-A wypełnił(a): {html_text(d.initiated_by)}, "
                 f"{format_date(d.row.initiated_on)}"
                 + (" (pracownik ośrodka)" if d.filled_here else "")
                 + (f"<br>Osoba stosująca przemoc: {html_text(d.suspect_name)}"
                    if d.suspect_name else "")
                 + f"<br>Prowadzi: {html_text(d.row.worker_name)}</p><p><b>Kroki i terminy</b>"]
        for step in d.steps:
            if step.done is not None:
                text = f"{step.label}: wykonano {format_date(step.done)}"
            elif step.deadline is None:
                text = f"{step.label}: bez terminu"
            else:
                text = step.deadline.text(today)  # "… do 06.11.2026 — po terminie (4 dni)"
            color = "#B34700" if step.overdue(today) else ""
            text = html_text(text)
            parts.append(f"<br><span style='color:{color}'>{text}</span>" if color
                         else f"<br>{text}")
        parts.append("</p>")
        if d.group_members and d.group_formed_on is not None:
            parts.append(f"<p><b>Grupa diagnostyczno-pomocowa</b> (od "
                         f"{format_date(d.group_formed_on)}):<br>"
                         f"{html_text(d.group_members)}</p>")
        if d.meetings:
            parts.append("<p><b>Posiedzenia</b>" + "".join(
                f"<br>{format_date(m.held_on)}"
                + (" — z osobą doznającą przemocy (NK-C)" if m.with_victim else "")
                + (" — z osobą stosującą przemoc (NK-D)" if m.with_suspect else "")
                + (f": {html_text(m.notes)}" if m.notes else "") for m in d.meetings) + "</p>")
        if d.row.closed_on:
            parts.append(f"<p><b>Zakończona</b> {format_date(d.row.closed_on)}: "
                         f"{html_text(CLOSURES.get(d.closure, d.closure))}</p>")
        return "".join(parts)

    def _buttons(self) -> None:
        d = self.detail
        writer = self.ctx.actor.can(Permission.BLUE_CARD_WRITE)
        if d is None or d.row.closed_on is not None or not writer:
            for button in self.step_buttons:
                button.setVisible(False)
            return
        self.received_button.setVisible(d.received_on is None)
        self.group_button.setVisible(d.received_on is not None)
        self.meeting_button.setVisible(d.group_formed_on is not None)
        self.nk_d_button.setVisible(bool(d.suspect_name) and d.nk_d_on is None)
        self.close_button.setVisible(True)

    # --- actions ---

    def _dialog(self, title: str, fields: list[tuple[str, str, QWidget]],
                action: Callable[[ActionDialog], Callable[[Session], Any]]) -> None:
        ActionDialog(self.ctx, title, fields, action, self, changed=AREA).exec()

    def new_card(self) -> None:
        person_id, name = self.person_id, ""
        if person_id is None or self.scope.currentData() != "person":
            person = choose_person(self.ctx, self)
            if person is None:
                return
            person_id, name = person.id, person.full_name
        self._dialog(f"Niebieska Karta — formularz NK-A {name}".strip(), [
            ("initiated_on", "Data wypełnienia NK-A", date_edit(object_name="initiated_on")),
            ("initiated_by", "Kto wypełnił (służba, imię i nazwisko)",
             line(max_len=200, object_name="initiated_by")),
            ("filled_here", "Wypełnił pracownik ośrodka",
             checkbox("tak — trzeba go przekazać przewodniczącemu zespołu",
                      object_name="filled_here")),
            ("received_on", "Data otrzymania NK-A przez przewodniczącego zespołu",
             date_edit(object_name="received_on")),
            ("suspect_name", "Osoba stosująca przemoc", line(max_len=200)),
            ("notes", "Uwagi", text_box())],
            lambda d: lambda s: blue_card.register_card(s, CardForm(
                person_id=person_id, initiated_on=d.value("initiated_on"),  # type: ignore[arg-type]
                initiated_by=d.value("initiated_by"), filled_here=d.value("filled_here"),
                received_on=None if d.value("filled_here") else d.value("received_on"),
                suspect_name=d.value("suspect_name"), notes=d.value("notes")),
                actor=self.ctx.actor))

    def _card(self) -> CardDetail | None:
        return self.detail

    def received(self) -> None:
        d = self._card()
        if d is not None:
            self._dialog("NK-A przekazano przewodniczącemu zespołu",
                         [("on", "Data przekazania", date_edit())],
                         lambda f: lambda s: blue_card.record_received(
                             s, d.row.id, actor=self.ctx.actor, on=f.value("on"),
                             expected_version=d.row.version))

    def group(self) -> None:
        d = self._card()
        if d is not None:
            self._dialog("Grupa diagnostyczno-pomocowa", [
                ("on", "Data utworzenia", date_edit()),
                ("members", "Skład (osoby i instytucje)", text_box(d.group_members))],
                lambda f: lambda s: blue_card.form_group(
                    s, d.row.id, actor=self.ctx.actor, on=f.value("on"),
                    members=f.value("members"), expected_version=d.row.version))

    def meeting(self) -> None:
        d = self._card()
        if d is not None:
            self._dialog("Posiedzenie grupy diagnostyczno-pomocowej", [
                ("held_on", "Data posiedzenia", date_edit()),
                ("with_victim", "Z osobą doznającą przemocy",
                 checkbox("tak — wypełniono NK-C")),
                ("with_suspect", "Z osobą stosującą przemoc",
                 checkbox("tak — wypełniono NK-D")),
                ("notes", "Ustalenia", text_box())],
                lambda f: lambda s: blue_card.add_meeting(
                    s, d.row.id, actor=self.ctx.actor, held_on=f.value("held_on"),
                    with_victim=f.value("with_victim"), with_suspect=f.value("with_suspect"),
                    notes=f.value("notes")))

    def plan_nk_d(self) -> None:
        d = self._card()
        if d is not None:
            self._dialog("Termin wezwania osoby stosującej przemoc (NK-D)",
                         [("on", "Termin", date_edit(d.nk_d_planned_on))],
                         lambda f: lambda s: blue_card.plan_nk_d(
                             s, d.row.id, actor=self.ctx.actor, on=f.value("on"),
                             expected_version=d.row.version))

    def close_card(self) -> None:
        d = self._card()
        if d is None:
            return
        closure = QComboBox()
        for key, text in CLOSURES.items():
            closure.addItem(text, key)
        self._dialog("Zakończenie procedury „Niebieska Karta”", [
            ("closed_on", "Data zakończenia", date_edit()), ("closure", "Przyczyna", closure)],
            lambda f: lambda s: blue_card.close_card(
                s, d.row.id, actor=self.ctx.actor, on=f.value("closed_on"),
                closure=f.value("closure"), expected_version=d.row.version))
