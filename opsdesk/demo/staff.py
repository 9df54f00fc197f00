"""The demo office and its workers — one login per role, all with the demo password."""

from __future__ import annotations

from dataclasses import dataclass

from opsdesk.db import Database
from opsdesk.models.enums import Role
from opsdesk.services import security, users
from opsdesk.services.office import OfficeForm, office_form, save_office
from opsdesk.services.security import Actor

DEMO_OFFICE = OfficeForm(
    name="Gminny Ośrodek Pomocy Społecznej w Zbąszynku",
    address="ul. Dworcowa 5, 66-210 Zbąszynek", phone="68 384 93 00", town="Zbąszynek",
    gmina="Gmina Zbąszynek", mayor_title="Burmistrz Zbąszynka",
    mayor_genitive="Burmistrza Zbąszynka", head_name="Grażyna Wiśniewska",
    head_position="Kierownik Gminnego Ośrodka Pomocy Społecznej",
    sko_name="Samorządowe Kolegium Odwoławcze w Zielonej Górze", case_symbol="GOPS.8311")


@dataclass(frozen=True)
class DemoTeam:
    head: Actor
    desk: Actor
    benefits: tuple[Actor, ...]
    social: tuple[Actor, ...]


def create(db: Database, *, password: str) -> DemoTeam:
    head = db.write(lambda s: security.create_first_head(
        s, login="kierownik", full_name="Grażyna Wiśniewska", password=password,
        position="Kierownik Gminnego Ośrodka Pomocy Społecznej"))
    db.write(lambda s: save_office(s, DEMO_OFFICE, actor=head,
                                   expected_version=office_form(s)[1]))

    def add(login: str, name: str, roles: set[Role], position: str) -> Actor:
        db.write(lambda s: users.add_worker(s, actor=head, login=login, full_name=name,
                                            password=password, roles=roles, position=position))
        return db.write(lambda s: security.authenticate(s, login=login, password=password))

    desk = add("pierwszy", "Żaneta Łęcka", {Role.FIRST_CONTACT},
               "Pracownik socjalny ds. pierwszego kontaktu")
    benefits = (add("swiadczenia", "Anna Nowak", {Role.BENEFITS},
                    "Starszy pracownik socjalny ds. świadczeń"),
                add("swiadczenia2", "Michał Dąbrowski", {Role.BENEFITS},
                    "Pracownik socjalny ds. świadczeń"))
    social = (add("socjalny", "Józef Ćwikła", {Role.SOCIAL_WORK},
                  "Specjalista pracy socjalnej"),
              add("socjalny2", "Łucja Żółkiewska", {Role.SOCIAL_WORK},
                  "Pracownik socjalny"))
    return DemoTeam(head, desk, benefits, social)
