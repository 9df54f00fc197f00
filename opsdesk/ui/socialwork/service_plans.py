"""The client's services (usługi) in social work: their columns, planning one from the
catalogue, asking Świadczenia for the decision it needs, starting and ending it."""

from __future__ import annotations

from opsdesk.formatting import format_date, format_money
from opsdesk.labels import label
from opsdesk.models.enums import ProviderKind
from opsdesk.services import services_plan
from opsdesk.services.services_plan import ServicePlanForm, ServicePlanRow
from opsdesk.ui.errors import confirm
from opsdesk.ui.socialwork.actions import TabActions, combo
from opsdesk.ui.tables import Column, selected_row
from opsdesk.ui.widgets import date_edit, enum_combo, line, text_box

PLAN_COLUMNS: list[Column[ServicePlanRow]] = [
    Column("Usługa", lambda r: r.service),
    Column("Okres", lambda r: f"{format_date(r.period_from)}–{format_date(r.period_to)}",
           sort_key=lambda r: r.period_from),
    Column("Ilość", lambda r: f"{r.units.normalize():f} {r.unit_name}".replace(".", ","),
           align_right=True),
    Column("Koszt", lambda r: format_money(r.total_cost), sort_key=lambda r: r.total_cost,
           align_right=True),
    Column("Odpłatność", lambda r: format_money(r.client_total),
           sort_key=lambda r: r.client_total, align_right=True),
    Column("Wykonawca", lambda r: r.provider or label(r.provider_kind)),
    Column("Stan", lambda r: label(r.status) + (f" — decyzja nr {r.decision_number}"
                                                if r.decision_number else "")),
]


class ServicePlanActions(TabActions):
    """The buttons of the Usługi section: a new service for the client, or the selected one."""

    def new(self) -> None:
        row = self.tab.current()
        if row is None:
            return
        catalog = self.ctx.read(self.tab,
                                lambda s: services_plan.catalog(s, actor=self.ctx.actor))
        items = combo([(f"{label(c.target_group)}: {c.name}"
                        + (" (wymaga decyzji)" if c.needs_decision else ""), c.id)
                       for c in catalog or []], object_name="catalogItem")
        self.dialog(f"Usługa — {row.person_name}", [
            ("catalog_item", "Usługa z katalogu", items),
            ("provider_kind", "Realizuje", enum_combo(list(ProviderKind))),
            ("provider", "Wykonawca (zlecenie)", line(max_len=200)),
            ("units", "Liczba jednostek", line("", max_len=12)),
            ("unit_name", "Jednostka", line("godz.", max_len=40)),
            ("period_from", "Od", date_edit()), ("period_to", "Do", date_edit()),
            ("unit_cost", "Koszt jednostki (zł)", line(max_len=12)),
            ("client_fee", "Odpłatność klienta za jednostkę (zł)", line("0", max_len=12))],
            lambda d: lambda s: services_plan.create_service_plan(s, ServicePlanForm(
                person_id=row.person_id, catalog_item_id=d.value("catalog_item"),
                provider_kind=d.value("provider_kind"), provider=d.value("provider"),
                units=d.value("units"), unit_name=d.value("unit_name"),
                period_from=d.value("period_from"), period_to=d.value("period_to"),
                unit_cost=d.value("unit_cost"), client_fee=d.value("client_fee"),
                social_work_id=row.id), actor=self.ctx.actor))

    def selected(self) -> ServicePlanRow | None:
        plan = selected_row(self.tab.plan_view)
        return plan if isinstance(plan, ServicePlanRow) else None

    def request_decision(self) -> None:
        plan = self.selected()
        if plan is not None:
            self.dialog(f"Wniosek o decyzję: {plan.service}",
                        [("justification", "Uzasadnienie potrzeby usługi", text_box())],
                        lambda d: lambda s: services_plan.request_decision(
                            s, plan.id, d.value("justification"), actor=self.ctx.actor,
                            expected_version=plan.version))

    def start(self) -> None:
        plan = self.selected()
        if plan is not None:
            self.write(lambda s: services_plan.start_service(s, plan.id, actor=self.ctx.actor,
                                                             expected_version=plan.version))

    def end(self) -> None:
        plan, row = self.selected(), self.tab.current()
        who = f" dla klienta: {row.person_name}" if row else ""
        if plan is not None and confirm(self.tab, f"Zakończyć usługę „{plan.service}”{who}?"):
            self.write(lambda s: services_plan.end_service(s, plan.id, actor=self.ctx.actor,
                                                           expected_version=plan.version))
