"""Ostateczność decyzji: the issued decisions not yet final — undelivered, in their appeal
period, under appeal, or a correction waiting to be carried out (kpa art. 130) — and the
delivery register's entries: a delivery by post or e-Doręczenia (the desk records its own
hand-overs), a waiver of appeal, an appeal lodged."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from PySide6.QtWidgets import QVBoxLayout, QWidget

from opsdesk import clock
from opsdesk.changes import Changes
from opsdesk.formatting import format_date
from opsdesk.labels import label
from opsdesk.models.enums import DeliveryMethod
from opsdesk.services import decisions
from opsdesk.services.decisions import FinalityRow
from opsdesk.services.permissions import Permission
from opsdesk.ui.context import AppContext
from opsdesk.ui.tables import Column, RowsModel, make_table, row_actions, selected_row
from opsdesk.ui.widgets import FormDialog, button_row, date_edit, enum_combo, line, push, to_date

AREA = Changes.DECISIONS

COLUMNS: list[Column[FinalityRow]] = [
    Column("Decyzja", lambda r: r.number, sort_key=lambda r: r.decision_id),
    Column("Rodzaj", lambda r: decisions.KIND_TITLES[r.kind]),
    Column("Strona", lambda r: r.person_name),
    Column("Wydana", lambda r: format_date(r.issued_on), sort_key=lambda r: r.issued_on),
    Column("Doręczenie", lambda r: (f"{format_date(r.delivered_on)}, "
                                    f"{label(r.delivery_method)}") if r.delivered_on else "—"),
    Column("Stan", lambda r: r.state),
    Column("Wykonanie", lambda r: "czeka na ostateczność" if r.awaits_finality else ""),
    Column("Odwołanie (art. 132–138 kpa)", lambda r: r.appeal),
]


class Event(StrEnum):
    DELIVERY = "DELIVERY"
    WAIVER = "WAIVER"
    APPEAL = "APPEAL"
    FORWARDED = "FORWARDED"
    SELF_REVISED = "SELF_REVISED"
    RULING = "RULING"
    RULING_DELIVERED = "RULING_DELIVERED"


EVENT_TEXT = {Event.DELIVERY: "doręczenie", Event.WAIVER: "zrzeczenie się odwołania",
              Event.APPEAL: "wniesienie odwołania",
              Event.FORWARDED: "przekazanie odwołania z aktami do SKO (art. 133 kpa)",
              Event.SELF_REVISED: "nowa decyzja organu I instancji (art. 132 kpa)",
              Event.RULING: "rozstrzygnięcie SKO (art. 134, 138 kpa)",
              Event.RULING_DELIVERED: "doręczenie rozstrzygnięcia SKO stronie"}


class FinalityDialog(FormDialog):
    """One entry of the register for the selected decision."""

    def __init__(self, ctx: AppContext, row: FinalityRow, parent: QWidget | None = None) -> None:
        super().__init__(ctx, f"Decyzja nr {row.number} — doręczenie i ostateczność", parent)
        self.row = row
        self.what = enum_combo(list(Event), object_name="event")
        for i, event in enumerate(Event):
            self.what.setItemText(i, EVENT_TEXT[event])
        self.add("event", "Zdarzenie", self.what)
        self.add("method", "Sposób doręczenia",
                 enum_combo([m for m in DeliveryMethod if m is not DeliveryMethod.HANDED_OVER],
                            object_name="method"))
        self.on = date_edit(clock.today(), object_name="on")
        self.add("on", "Data", self.on)
        self.outcome = enum_combo(list(decisions.SKO_RULINGS), object_name="outcome")
        self.add("outcome", "Rozstrzygnięcie SKO", self.outcome)
        self.sign = line(max_len=80)
        self.sign.setObjectName("sign")
        self.add("sign", "Sygnatura SKO / numer nowej decyzji", self.sign)
        self.mark_pristine()

    def submit(self) -> None:
        event, on = self.what.value(), to_date(self.on)
        method = self.field("method").value()  # type: ignore[attr-defined]
        actor, rid, version = self.ctx.actor, self.row.decision_id, self.row.version
        if event is Event.DELIVERY:
            self.save(lambda s: decisions.record_delivery(
                s, rid, actor=actor, method=method, on=on, expected_version=version),
                changed=AREA)
        elif event is Event.WAIVER:
            self.save(lambda s: decisions.record_waiver(s, rid, actor=actor, on=on,
                                                        expected_version=version),
                      changed=AREA)
        elif event is Event.APPEAL:
            self.save(lambda s: decisions.record_appeal(s, rid, actor=actor, on=on,
                                                        expected_version=version),
                      changed=AREA)
        else:
            self._appeal_path(event, on)

    def _appeal_path(self, event: Event, on: date) -> None:
        actor, rid, version = self.ctx.actor, self.row.decision_id, self.row.version
        sign, outcome = self.sign.text(), self.outcome.value()
        if event is Event.FORWARDED:
            self.save(lambda s: decisions.record_forwarding(
                s, rid, actor=actor, on=on, expected_version=version), changed=AREA)
        elif event is Event.SELF_REVISED:
            self.save(lambda s: decisions.record_self_revision(
                s, rid, actor=actor, on=on, sign=sign, expected_version=version),
                changed=AREA)
        elif event is Event.RULING:
            self.save(lambda s: decisions.record_sko_ruling(
                s, rid, actor=actor, outcome=outcome, ruled_on=on, sign=sign,
                expected_version=version), changed=AREA | Changes.PAYOUTS | Changes.CASES)
        else:
            self.save(lambda s: decisions.record_sko_delivery(
                s, rid, actor=actor, on=on, expected_version=version),
                changed=AREA | Changes.PAYOUTS | Changes.CASES)


class FinalityPanel(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("finalityPanel")
        self.model: RowsModel[FinalityRow] = RowsModel(COLUMNS, self)
        self.view = make_table(self.model, object_name="finalityQueue")
        self.record = push("Doręczenie / zrzeczenie / odwołanie / SKO…",
                           object_name="recordFinality",
                           slot=self.open_record)
        self.record.setVisible(ctx.actor.can(Permission.CASE_WORK))
        layout = QVBoxLayout(self)
        layout.addLayout(button_row(self.record))
        layout.addWidget(self.view)
        # Enter or the right button on a row: the same actions as the buttons.
        row_actions(self.view, lambda: [self.record])
        ctx.listen(AREA | Changes.CASES | Changes.HANDOVERS, self.refresh)
        self.refresh()

    def refresh(self) -> None:
        rows = self.ctx.read(self, lambda s: decisions.awaiting_finality(
            s, actor=self.ctx.actor))
        self.model.set_rows(rows or [])

    def open_record(self) -> None:
        row = selected_row(self.view)
        if isinstance(row, FinalityRow):
            FinalityDialog(self.ctx, row, self).exec()
