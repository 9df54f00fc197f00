"""The catalogue of services (seed 001) and a client's service plan, with the way a
service needing a decision goes to Świadczenia and its number comes back."""

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from opsdesk.errors import PermissionDenied, ValidationError
from opsdesk.models import Application, Decision
from opsdesk.models.enums import (
    BenefitKind,
    Channel,
    DecisionKind,
    DecisionStatus,
    MessageKind,
    ProviderKind,
    ServiceCategory,
    ServiceStatus,
    TargetGroup,
)
from opsdesk.services import messages, queue, services_plan
from opsdesk.services.services_plan import CatalogForm
from tests.factories import KASIA, MONDAY, catalog, create, item_named, person, plan_form


def test_the_catalogue_is_seeded_once_with_every_group_and_category(db, staff):
    rows = catalog(db, staff.social)
    assert {r.target_group for r in rows} == set(TargetGroup)
    assert {r.category for r in rows} == set(ServiceCategory)
    assert len(rows) == 26 and len(catalog(db, staff.head)) == 26
    by_name = {(r.name, r.target_group): r for r in rows}
    care = by_name[("Usługi opiekuńcze w miejscu zamieszkania", TargetGroup.ELDERLY)]
    assert care.needs_decision and care.benefit_kind is BenefitKind.USLUGI_OPIEKUNCZE
    assert by_name[("Posiłek", TargetGroup.HOMELESS)].benefit_kind is BenefitKind.POSILEK
    assert not by_name[("Noclegownia", TargetGroup.HOMELESS)].needs_decision
    assert by_name[("Usługi asystenta rodziny", TargetGroup.FAMILIES)].category \
        is ServiceCategory.PREVENTIVE
    with pytest.raises(PermissionDenied):
        catalog(db, staff.benefits)


def test_only_the_head_edits_the_catalogue(db, staff):
    form = CatalogForm(name="Pomoc sąsiedzka", target_group=TargetGroup.ELDERLY,
                       category=ServiceCategory.PREVENTIVE)
    with pytest.raises(PermissionDenied):
        db.write(lambda s: services_plan.add_catalog_item(s, form, actor=staff.social))
    item_id = db.write(lambda s: services_plan.add_catalog_item(s, form, actor=staff.head))
    assert len(catalog(db, staff.social)) == 27
    with pytest.raises(ValidationError, match="jest już w katalogu dla grupy: osoby starsze"):
        db.write(lambda s: services_plan.add_catalog_item(
            s, CatalogForm(name="pomoc SĄSIEDZKA", target_group=TargetGroup.ELDERLY,
                           category=ServiceCategory.PREVENTIVE), actor=staff.head))
    with pytest.raises(ValidationError, match="tylko dla usługi, która wymaga decyzji"):
        db.write(lambda s: services_plan.update_catalog_item(
            s, item_id, CatalogForm(name="Pomoc sąsiedzka", target_group=TargetGroup.ELDERLY,
                                    category=ServiceCategory.PREVENTIVE,
                                    benefit_kind=BenefitKind.POSILEK), actor=staff.head,
            expected_version=1))
    db.write(lambda s: services_plan.update_catalog_item(
        s, item_id, CatalogForm(name="Pomoc sąsiedzka", target_group=TargetGroup.ELDERLY,
                                category=ServiceCategory.PREVENTIVE, active=False),
        actor=staff.head, expected_version=1))
    assert len(catalog(db, staff.social)) == 26
    assert len(catalog(db, staff.social, active_only=False)) == 27


@pytest.mark.parametrize("changes, message", [
    ({"provider_kind": ProviderKind.CONTRACTOR},
     "Podaj wykonawcę usługi zleconej (art. 25 ustawy o pomocy społecznej lub zamówienie "
     "publiczne)."),
    ({"period_to": date(2026, 11, 30)},
     "Koniec okresu usługi (30.11.2026 r.) nie może być wcześniejszy niż jego początek "
     "(01.12.2026 r.)."),
    ({"units": "0"}, "Liczba jednostek: podaj liczbę większą od zera, np. 40 albo 2,5."),
    ({"units": "dużo"}, "Liczba jednostek: podaj liczbę większą od zera, np. 40 albo 2,5."),
    ({"client_fee": "40"},
     "Odpłatność klienta za jednostkę nie może przekraczać kosztu jednostki."),
    ({"unit_cost": "abc"}, "Koszt jednostki: podaj kwotę w złotych, np. 123,45."),
])
def test_bad_service_plans_are_refused_in_polish(db, staff, changes, message):
    pid = person(db, staff, KASIA)
    care = item_named(db, staff, "Usługi opiekuńcze w miejscu zamieszkania")
    with pytest.raises(ValidationError) as err:
        create(db, staff, plan_form(pid, care.id, **changes))
    assert err.value.message == message


def test_a_plan_counts_cost_and_fee_and_a_service_without_decision_starts(db, staff):
    pid = person(db, staff, KASIA)
    kis = item_named(db, staff, "Usługi w klubie integracji społecznej, w tym trening pracy",
                     TargetGroup.UNEMPLOYED)
    plan_id = create(db, staff, plan_form(pid, kis.id, provider_kind=ProviderKind.CONTRACTOR,
                                          provider="Stowarzyszenie „Razem”", units="2,5",
                                          unit_name="mies.", unit_cost="400", client_fee="0"))
    with pytest.raises(ValidationError, match="nie wymaga decyzji"):
        db.write(lambda s: services_plan.request_decision(s, plan_id, "x", actor=staff.social,
                                                          today=MONDAY))
    db.write(lambda s: services_plan.start_service(s, plan_id, actor=staff.social))
    row = db.read(lambda s: services_plan.service_plans(s, actor=staff.social, person_id=pid))[0]
    assert (row.status, row.units, row.total_cost, row.client_total, row.provider) == (
        ServiceStatus.ACTIVE, Decimal("2.50"), Decimal("1000.00"), Decimal("0.00"),
        "Stowarzyszenie „Razem”")


def test_a_service_needing_a_decision_goes_to_benefits_and_the_number_comes_back(db, staff):
    pid = person(db, staff, KASIA)
    care = item_named(db, staff, "Usługi opiekuńcze w miejscu zamieszkania",
                      TargetGroup.ELDERLY)
    plan_id = create(db, staff, plan_form(pid, care.id))
    with pytest.raises(ValidationError, match="Pole „Uzasadnienie” jest wymagane"):
        db.write(lambda s: services_plan.request_decision(s, plan_id, "", actor=staff.social,
                                                          today=MONDAY))
    case_id = db.write(lambda s: services_plan.request_decision(
        s, plan_id, "Po udarze nie wstaje z łóżka, rodzina mieszka daleko.",
        actor=staff.social, today=MONDAY))
    # In Świadczenia's queue, with an ex officio application for the benefit.
    rows = db.read(lambda s: queue.benefits_queue(s, actor=staff.benefits, today=MONDAY))
    assert [r.subject for r in rows if r.case_id == case_id] == [
        "Usługi opiekuńcze w miejscu zamieszkania (z urzędu, plan usług)"]
    application = db.read(lambda s: s.scalars(select(Application).where(
        Application.case_id == case_id)).one())
    assert (application.benefit_kind, application.channel) == (
        BenefitKind.USLUGI_OPIEKUNCZE, Channel.EX_OFFICIO)
    opinion = db.write(lambda s: messages.case_evidence(s, case_id, actor=staff.benefits))[0]
    assert opinion.kind is MessageKind.OPINION_ADDITIONAL_BENEFITS
    body = db.read(lambda s: messages.open_message(s, opinion.id, actor=staff.benefits)).body
    assert ("Proponowane świadczenia: Usługi opiekuńcze w miejscu zamieszkania: 60 godz. w "
            "okresie od 01.12.2026 r. do 28.02.2027 r.; wykonawca: Gminny Ośrodek Pomocy "
            "Społecznej w Zbąszynku; koszt jednostki 32,50\u00a0zł, proponowana odpłatność "
            "klienta 6,50\u00a0zł za jednostkę.") in body
    with pytest.raises(ValidationError, match=r"już wysłany do Świadczeń \(stan: czeka na "):
        db.write(lambda s: services_plan.request_decision(s, plan_id, "x", actor=staff.social,
                                                          today=MONDAY))
    with pytest.raises(ValidationError, match="Planu nie można już zmienić"):
        db.write(lambda s: services_plan.update_service_plan(
            s, plan_id, plan_form(pid, care.id), actor=staff.social))

    def decide(s, status=DecisionStatus.ISSUED, number="DEC.3.2026"):
        d = Decision(case_id=case_id, person_id=pid, kind=DecisionKind.GRANTING,
                     benefit_kind=BenefitKind.USLUGI_OPIEKUNCZE, status=status,
                     number=number, issued_on=MONDAY, drafted_by_id=staff.benefits.id)
        s.add(d)
        s.flush()
        return services_plan.on_decision_issued(s, d.id)

    with pytest.raises(ValidationError, match="dopiero po jej wydaniu"):
        db.write(lambda s: decide(s, DecisionStatus.DRAFT, None))
    assert db.write(decide) == [plan_id]
    row = db.read(lambda s: services_plan.service_plans(s, actor=staff.social, person_id=pid))[0]
    assert (row.status, row.decision_number, row.decision_case_id) == (
        ServiceStatus.ACTIVE, "DEC.3.2026", case_id)
    db.write(lambda s: services_plan.end_service(s, plan_id, actor=staff.social))
