"""Usługi: the centre's catalogue of services by target group (seed 001) and the service
plan of a client — what, by whom (the centre or a contractor under art. 25 ups), how much,
for how long, at what cost and fee.

A service that needs an administrative decision (care services, meals, a support centre,
DPS) is sent to Świadczenia as a request for a decision: a proceeding is opened ex officio,
the social worker's opinion goes with it, and the decision's number comes back onto the
plan when the decision side calls ``on_decision_issued``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from opsdesk import clock
from opsdesk.errors import ConflictError, NotFound, ValidationError
from opsdesk.formatting import format_date, format_money
from opsdesk.labels import label
from opsdesk.models import (
    Application,
    Decision,
    Person,
    ServiceCatalogItem,
    ServicePlan,
    SocialWorkCase,
)
from opsdesk.models.enums import (
    BenefitKind,
    CaseKind,
    Channel,
    DecisionKind,
    DecisionStatus,
    MessageKind,
    ProviderKind,
    ServiceCategory,
    ServiceStatus,
    TargetGroup,
    Team,
)
from opsdesk.services import intake, messages
from opsdesk.services import validation as check
from opsdesk.services.actions import Action, Actions
from opsdesk.services.messages import MessageForm
from opsdesk.services.office import get_office
from opsdesk.services.permissions import Permission
from opsdesk.services.security import Actor, operation
from opsdesk.services.versions import check_version

MAX_UNITS = Decimal("10000")

G, C, B = TargetGroup, ServiceCategory, BenefitKind
_CARE = ("Usługi opiekuńcze w miejscu zamieszkania", C.INTERVENTION, B.USLUGI_OPIEKUNCZE)
_SPECIALIST_CARE = ("Specjalistyczne usługi opiekuńcze w miejscu zamieszkania", C.INTERVENTION,
                    B.SPECJALISTYCZNE_USLUGI_OPIEKUNCZE)
_SHELTERED = ("Usługi w mieszkaniu chronionym", C.INTERVENTION, None)
_DPS = ("Usługi w domu pomocy społecznej (skierowanie do DPS)", C.INTERVENTION, B.DPS)
_KIS = ("Usługi w klubie integracji społecznej, w tym trening pracy", C.ACTIVATING, None)
_CIS = ("Usługi w centrum integracji społecznej", C.ACTIVATING, None)
# The benefits a service's decision may grant (the head's choice when editing the catalogue).
DECISION_BENEFITS = (B.USLUGI_OPIEKUNCZE, B.SPECJALISTYCZNE_USLUGI_OPIEKUNCZE, B.POSILEK,
                     B.OSRODEK_WSPARCIA, B.DPS)
# Decided on, though with no benefit kind of their own among ours.
_NEEDS_DECISION = {"Usługi w mieszkaniu chronionym", "Mieszkanie chronione",
                   "Schronisko dla osób bezdomnych"}

# Seed 001, "Dla celów projektu wyodrębniono przykładowe grupy osób oraz przypisano do nich
# usługi": (name, category, the benefit its decision grants — None when none or not one of
# ours). Night shelters, warming centres and crisis intervention need no decision (art. 106
# ust. 1 ups); a sheltered flat and a shelter do (``_NEEDS_DECISION``).
SEED: dict[TargetGroup, tuple[tuple[str, ServiceCategory, BenefitKind | None], ...]] = {
    G.DISABLED: (
        _CARE, _SPECIALIST_CARE,
        ("Usługi w ośrodku wsparcia, w tym w środowiskowym domu samopomocy", C.INTERVENTION,
         B.OSRODEK_WSPARCIA),
        _SHELTERED, _DPS,
        ("Usługi asystenta osoby z niepełnosprawnością", C.ACTIVATING, None)),
    G.ELDERLY: (
        _CARE, _SPECIALIST_CARE,
        ("Usługi w ośrodku wsparcia", C.INTERVENTION, B.OSRODEK_WSPARCIA), _SHELTERED, _DPS),
    G.UNEMPLOYED: (_KIS, _CIS),
    G.FAMILIES: (
        ("Usługi asystenta rodziny", C.PREVENTIVE, None),
        ("Usługi w placówce wsparcia dziennego", C.PREVENTIVE, None),
        ("Praca z rodziną: konsultacje, poradnictwo specjalistyczne, terapia", C.PREVENTIVE,
         None)),
    G.HOMELESS: (
        ("Posiłek", C.INTERVENTION, B.POSILEK),
        ("Ogrzewalnia", C.INTERVENTION, None), ("Noclegownia", C.INTERVENTION, None),
        ("Schronisko dla osób bezdomnych", C.INTERVENTION, None),
        ("Mieszkanie chronione", C.INTERVENTION, None), _KIS, _CIS),
    G.VIOLENCE: (
        ("Usługi w ośrodku wsparcia", C.INTERVENTION, B.OSRODEK_WSPARCIA),
        ("Usługi w ośrodku interwencji kryzysowej", C.INTERVENTION, None),
        ("Poradnictwo i interwencja", C.INTERVENTION, None)),
}


def ensure_catalog(session: Session) -> None:
    """Seed the catalogue the first time it is used; afterwards it is the head's to edit."""
    if session.scalar(select(func.count(ServiceCatalogItem.id))):
        return
    for group, items in SEED.items():
        for name, category, benefit in items:
            session.add(ServiceCatalogItem(
                name=name, target_group=group, category=category, benefit_kind=benefit,
                needs_decision=benefit is not None or name in _NEEDS_DECISION))
    session.flush()


# --- the catalogue --------------------------------------------------------------------------------


@dataclass(frozen=True)
class CatalogRow:
    id: int
    name: str
    target_group: TargetGroup
    category: ServiceCategory
    needs_decision: bool
    benefit_kind: BenefitKind | None
    active: bool
    version: int = 0


@dataclass(frozen=True)
class CatalogForm:
    name: str
    target_group: TargetGroup
    category: ServiceCategory
    needs_decision: bool = False
    benefit_kind: BenefitKind | None = None
    active: bool = True


@operation(Permission.SOCIAL_WORK_READ)
def catalog(session: Session, *, actor: Actor, target_group: TargetGroup | None = None,
            active_only: bool = True) -> list[CatalogRow]:
    """The catalogue by target group; the first reading seeds it."""
    ensure_catalog(session)
    stmt = select(ServiceCatalogItem)
    if target_group is not None:
        stmt = stmt.where(ServiceCatalogItem.target_group == target_group)
    if active_only:
        stmt = stmt.where(ServiceCatalogItem.active.is_(True))
    order = {g: i for i, g in enumerate(TargetGroup)}
    items = sorted(session.scalars(stmt), key=lambda i: (order[i.target_group], i.id))
    return [CatalogRow(i.id, i.name, i.target_group, i.category, i.needs_decision,
                       i.benefit_kind, i.active, i.version) for i in items]


def _catalog_values(session: Session, form: CatalogForm, item_id: int | None) -> dict:
    name = check.text(form.name, field="name", label="Nazwa usługi", max_len=200)
    clash = session.scalar(select(ServiceCatalogItem.id).where(
        func.lower(ServiceCatalogItem.name) == name.lower(),
        ServiceCatalogItem.target_group == form.target_group,
        ServiceCatalogItem.id != (item_id or 0)))
    if clash is not None:
        raise ValidationError(f"Usługa „{name}” jest już w katalogu dla grupy: "
                              f"{label(form.target_group)}.", field="name")
    if form.benefit_kind is not None and not form.needs_decision:
        raise ValidationError("Świadczenie przyznawane decyzją podaje się tylko dla usługi, "
                              "która wymaga decyzji.", field="benefit_kind")
    return dict(name=name, target_group=form.target_group, category=form.category,
                needs_decision=form.needs_decision, benefit_kind=form.benefit_kind,
                active=form.active)


@operation(Permission.SERVICE_CATALOG_EDIT)
def add_catalog_item(session: Session, form: CatalogForm, *, actor: Actor) -> int:
    ensure_catalog(session)
    item = ServiceCatalogItem(**_catalog_values(session, form, None))
    session.add(item)
    session.flush()
    return item.id


@operation(Permission.SERVICE_CATALOG_EDIT)
def update_catalog_item(session: Session, item_id: int, form: CatalogForm, *,
                        actor: Actor, expected_version: int) -> None:
    """Rename, regroup or withdraw (active=False) a service; plans keep what they had."""
    item = session.get(ServiceCatalogItem, item_id)
    if item is None:
        raise NotFound("Nie ma takiej usługi w katalogu.")
    check_version(item, expected_version, {
        "name": (item.name, form.name), "target_group": (label(item.target_group),
                                                         label(form.target_group)),
        "active": ("tak" if item.active else "nie", "tak" if form.active else "nie")})
    for key, value in _catalog_values(session, form, item.id).items():
        setattr(item, key, value)
    session.flush()


# --- service plans -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ServicePlanForm:
    person_id: int
    catalog_item_id: int
    provider_kind: ProviderKind
    units: Decimal | str  # hours, meals, days… in the period
    period_from: date | None
    period_to: date | None
    unit_cost: Decimal | str
    client_fee: Decimal | str = Decimal("0")  # per unit (art. 50 ust. 6 ups for care)
    provider: str = ""  # the contractor's name (art. 25 ups or public procurement)
    unit_name: str = "godz."
    social_work_id: int | None = None


@dataclass(frozen=True)
class ServicePlanRow:
    id: int
    person_id: int
    person_name: str
    service: str
    target_group: TargetGroup
    category: ServiceCategory
    needs_decision: bool
    provider_kind: ProviderKind
    provider: str
    units: Decimal
    unit_name: str
    period_from: date
    period_to: date
    unit_cost: Decimal
    client_fee: Decimal
    status: ServiceStatus
    decision_case_id: int | None
    decision_number: str
    version: int
    actions: Actions = frozenset()  # what the reader may do with it (``plan_actions``)

    @property
    def total_cost(self) -> Decimal:
        return (self.units * self.unit_cost).quantize(Decimal("0.01"))

    @property
    def client_total(self) -> Decimal:
        return (self.units * self.client_fee).quantize(Decimal("0.01"))


def _units(value: Decimal | str) -> Decimal:
    try:
        units = Decimal(str(value).replace(",", ".").replace(" ", ""))
    except InvalidOperation:
        units = None
    if units is None or not units.is_finite() or units <= 0 or units > MAX_UNITS \
            or units != units.quantize(Decimal("0.01")):
        raise ValidationError("Liczba jednostek: podaj liczbę większą od zera, np. 40 albo 2,5.",
                              field="units")
    return units


def _plan_values(session: Session, form: ServicePlanForm) -> dict:
    if session.get(Person, form.person_id) is None:
        raise NotFound("Nie ma takiej osoby w kartotece.")
    item = session.get(ServiceCatalogItem, form.catalog_item_id)
    if item is None or not item.active:
        raise ValidationError("Wybierz usługę z katalogu.", field="catalog_item")
    if form.social_work_id is not None:
        sw = session.get(SocialWorkCase, form.social_work_id)
        if sw is None or sw.person_id != form.person_id:
            raise ValidationError("Praca socjalna dotyczy innej osoby niż plan usług.",
                                  field="social_work")
    provider = check.text(form.provider, field="provider", label="Wykonawca usługi",
                          max_len=200, required=False)
    if form.provider_kind is ProviderKind.CONTRACTOR and not provider:
        raise ValidationError("Podaj wykonawcę usługi zleconej (art. 25 ustawy o pomocy "
                              "społecznej lub zamówienie publiczne).", field="provider")
    if form.period_from is None or form.period_to is None:
        raise ValidationError("Podaj okres realizacji usługi: od … do ….", field="period_to")
    if form.period_to < form.period_from:
        raise ValidationError(f"Koniec okresu usługi ({format_date(form.period_to)} r.) nie "
                              f"może być wcześniejszy niż jego początek "
                              f"({format_date(form.period_from)} r.).", field="period_to")
    cost = check.amount(form.unit_cost, field="unit_cost", label="Koszt jednostki",
                        allow_zero=True)
    fee = check.amount(form.client_fee, field="client_fee", label="Odpłatność klienta",
                       allow_zero=True)
    if fee > cost:
        raise ValidationError("Odpłatność klienta za jednostkę nie może przekraczać kosztu "
                              "jednostki.", field="client_fee")
    return dict(person_id=form.person_id, social_work_id=form.social_work_id,
                catalog_item_id=item.id, provider_kind=form.provider_kind,
                provider=provider if form.provider_kind is ProviderKind.CONTRACTOR else "",
                units=_units(form.units),
                unit_name=check.text(form.unit_name, field="unit_name", label="Jednostka",
                                     max_len=40),
                period_from=form.period_from, period_to=form.period_to, unit_cost=cost,
                client_fee=fee)


@operation(Permission.SOCIAL_WORK_WRITE)
def create_service_plan(session: Session, form: ServicePlanForm, *, actor: Actor) -> int:
    plan = ServicePlan(**_plan_values(session, form), status=ServiceStatus.PLANNED,
                       created_by_id=actor.id)
    session.add(plan)
    session.flush()
    return plan.id


def _plan(session: Session, plan_id: int, expected_version: int | None = None) -> ServicePlan:
    plan = session.get(ServicePlan, plan_id)
    if plan is None:
        raise NotFound("Nie ma takiego planu usług.")
    if expected_version is not None and plan.version != expected_version:
        raise ConflictError({"status": (plan.status, None)})
    return plan


@operation(Permission.SOCIAL_WORK_WRITE)
def update_service_plan(session: Session, plan_id: int, form: ServicePlanForm, *, actor: Actor,
                        expected_version: int | None = None) -> None:
    """Change a plan still being prepared; once sent for a decision it is the decision's."""
    plan = _plan(session, plan_id, expected_version)
    if plan.status is not ServiceStatus.PLANNED:
        raise ValidationError(f"Planu nie można już zmienić ({label(plan.status)}).",
                              field="status")
    for key, value in _plan_values(session, form).items():
        setattr(plan, key, value)
    session.flush()


@operation(Permission.SOCIAL_WORK_WRITE)
def start_service(session: Session, plan_id: int, *, actor: Actor,
                  expected_version: int | None = None) -> None:
    """A service that needs no decision starts on the plan alone."""
    plan = _plan(session, plan_id, expected_version)
    if plan.status is not ServiceStatus.PLANNED:
        raise ValidationError(f"Usługa nie czeka na rozpoczęcie ({label(plan.status)}).",
                              field="status")
    if plan.catalog_item.needs_decision:
        raise ValidationError("Ta usługa wymaga decyzji — wyślij ją do Świadczeń.",
                              field="status")
    plan.status = ServiceStatus.ACTIVE
    session.flush()


@operation(Permission.SOCIAL_WORK_WRITE)
def end_service(session: Session, plan_id: int, *, actor: Actor,
                expected_version: int | None = None) -> None:
    plan = _plan(session, plan_id, expected_version)
    if plan.status is ServiceStatus.ENDED:
        raise ValidationError("Ta usługa jest już zakończona.", field="status")
    if plan.status is ServiceStatus.AWAITING_DECISION:
        raise ValidationError("Usługa czeka na decyzję — poczekaj na nią albo porozum się ze "
                              "Świadczeniami.", field="status")
    plan.status = ServiceStatus.ENDED
    session.flush()


@operation(Permission.MESSAGE_TO_BENEFITS)
def request_decision(session: Session, plan_id: int, justification: str, *, actor: Actor,
                     today: date | None = None, expected_version: int | None = None) -> int:
    """Send the planned service to Świadczenia for a decision: a proceeding opened ex
    officio in their queue (with an application record when the benefit is one of ours)
    and the social worker's opinion as its evidence. Returns the case id."""
    today = today or clock.today()
    plan = _plan(session, plan_id, expected_version)
    item = plan.catalog_item
    if not item.needs_decision:
        raise ValidationError(f"Usługa „{item.name}” nie wymaga decyzji — można ją rozpocząć "
                              "na podstawie planu.", field="status")
    if plan.status is not ServiceStatus.PLANNED:
        raise ValidationError(f"Plan był już wysłany do Świadczeń (stan: "
                              f"{label(plan.status)}).", field="status")
    justification = check.text(justification, field="justification", label="Uzasadnienie",
                               max_len=4000)
    case = intake.open_case(
        session, person_id=plan.person_id,
        kind=CaseKind.DPS if item.benefit_kind is BenefitKind.DPS else CaseKind.BENEFIT,
        team=Team.BENEFITS, started_on=today, registered_on=today,
        subject=f"{item.name} (z urzędu, plan usług)")
    if item.benefit_kind is not None:
        session.add(Application(case_id=case.id, person_id=plan.person_id, filed_on=today,
                                benefit_kind=item.benefit_kind, channel=Channel.EX_OFFICIO,
                                description=_describe(session, plan),
                                registered_by_id=actor.id))
    messages.send_to_benefits(session, MessageForm(
        kind=MessageKind.OPINION_ADDITIONAL_BENEFITS, person_id=plan.person_id,
        case_id=case.id, social_work_id=plan.social_work_id,
        parts={"benefits": _describe(session, plan), "reason": justification}),
        actor=actor, today=today)
    plan.status = ServiceStatus.AWAITING_DECISION
    plan.decision_case_id = case.id
    session.flush()
    return case.id


def _describe(session: Session, plan: ServicePlan) -> str:
    provider = (f"{plan.provider} (zlecenie, art. 25 ustawy o pomocy społecznej)"
                if plan.provider_kind is ProviderKind.CONTRACTOR else get_office(session).name)
    units = f"{plan.units.normalize():f}".replace(".", ",")
    return (f"{plan.catalog_item.name}: {units} {plan.unit_name} w okresie od "
            f"{format_date(plan.period_from)} r. do {format_date(plan.period_to)} r.; "
            f"wykonawca: {provider}; koszt jednostki {format_money(plan.unit_cost)}, "
            f"proponowana odpłatność klienta {format_money(plan.client_fee)} za jednostkę.")


def on_decision_issued(session: Session, decision_id: int) -> list[int]:
    """Called by the decision side once a decision is issued (numbered): the decision's
    number goes onto the plans waiting for it — granted: the service starts; refused:
    the plan ends; a revoking decision ends a running service. Returns the plans touched."""
    decision = session.get(Decision, decision_id)
    if decision is None:
        raise NotFound("Nie ma takiej decyzji.")
    if decision.status is not DecisionStatus.ISSUED or not decision.number:
        raise ValidationError("Numer decyzji trafia do planu usług dopiero po jej wydaniu.",
                              field="decision")
    moves = {DecisionKind.GRANTING: (ServiceStatus.AWAITING_DECISION, ServiceStatus.ACTIVE),
             DecisionKind.REFUSING: (ServiceStatus.AWAITING_DECISION, ServiceStatus.ENDED),
             DecisionKind.REVOKING: (ServiceStatus.ACTIVE, ServiceStatus.ENDED)}
    if decision.kind not in moves:
        return []
    waiting, becomes = moves[decision.kind]
    plans = session.scalars(select(ServicePlan).where(
        ServicePlan.decision_case_id == decision.case_id, ServicePlan.status == waiting)).all()
    for plan in plans:
        plan.decision_id = decision.id
        plan.decision_number = decision.number
        plan.status = becomes
    session.flush()
    return [p.id for p in plans]


def plan_actions(status: ServiceStatus, needs_decision: bool, actor: Actor) -> Actions:
    """A planned service that needs a decision is requested from the benefits team by a
    social worker; one that does not is started by the team; the team ends a planned or
    running one."""
    writes = actor.can(Permission.SOCIAL_WORK_WRITE)
    planned = status is ServiceStatus.PLANNED
    allowed = {
        Action.REQUEST_DECISION: (planned and needs_decision
                                  and actor.can(Permission.MESSAGE_TO_BENEFITS)),
        Action.START: writes and planned and not needs_decision,
        Action.END: writes and status in (ServiceStatus.PLANNED, ServiceStatus.ACTIVE),
    }
    return frozenset(action for action, ok in allowed.items() if ok)


@operation(Permission.SOCIAL_WORK_READ)
def service_plans(session: Session, *, actor: Actor, person_id: int | None = None,
                  social_work_id: int | None = None,
                  status: ServiceStatus | None = None) -> list[ServicePlanRow]:
    stmt = (select(ServicePlan, Person, ServiceCatalogItem)
            .join(Person, ServicePlan.person_id == Person.id)
            .join(ServiceCatalogItem, ServicePlan.catalog_item_id == ServiceCatalogItem.id)
            .order_by(ServicePlan.period_from.desc(), ServicePlan.id.desc()))
    if person_id is not None:
        stmt = stmt.where(ServicePlan.person_id == person_id)
    if social_work_id is not None:
        stmt = stmt.where(ServicePlan.social_work_id == social_work_id)
    if status is not None:
        stmt = stmt.where(ServicePlan.status == status)
    return [ServicePlanRow(
        sp.id, p.id, f"{p.last_name} {p.first_name}", item.name, item.target_group,
        item.category, item.needs_decision, sp.provider_kind, sp.provider, sp.units,
        sp.unit_name, sp.period_from, sp.period_to, sp.unit_cost, sp.client_fee, sp.status,
        sp.decision_case_id, sp.decision_number, sp.version,
        plan_actions(sp.status, item.needs_decision, actor))
        for sp, p, item in session.execute(stmt)]
