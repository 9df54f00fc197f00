"""The social work screen shows only the buttons of ``socialwork.role_actions``: every
action a row may ever allow a worker must be among them, or its button would be hidden
while the service allows it."""

from __future__ import annotations

from itertools import product

from opsdesk.models import SocialWorkCase
from opsdesk.models.enums import (
    ContractStatus,
    ServiceStatus,
    SocialWorkStage,
    SocialWorkStatus,
)
from opsdesk.services import socialwork
from opsdesk.services.actions import Action
from opsdesk.services.services_plan import plan_actions
from opsdesk.services.socialwork.caseload import row_actions
from opsdesk.services.socialwork.contracts import contract_actions


def test_every_action_a_row_allows_is_among_the_roles_actions(db, staff):
    for actor in (staff.social, staff.head, staff.benefits, staff.desk):
        may = socialwork.role_actions(actor)
        for status, stage, worker in product(SocialWorkStatus, SocialWorkStage, (None, 1)):
            sw = SocialWorkCase(status=status, stage=stage, worker_id=worker)
            assert row_actions(sw, actor) <= may, (actor.full_name, status, stage)
        for contract, reported in product(ContractStatus, (None, 7)):
            assert contract_actions(contract, reported, actor) <= may
        for service, needs in product(ServiceStatus, (False, True)):
            assert plan_actions(service, needs, actor) <= may


def test_the_role_decides_which_buttons_exist(db, staff):
    social, head = socialwork.role_actions(staff.social), socialwork.role_actions(staff.head)
    assert {Action.LETTER, Action.NOT_CAME, Action.CLOSE} <= social
    assert Action.ASSIGN not in social
    assert Action.ASSIGN in head and Action.LETTER not in head  # the head writes no opinions
    assert socialwork.role_actions(staff.desk) == {Action.PRINT}
