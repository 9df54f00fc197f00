"""Every enumeration member has its Polish name."""

import inspect
from enum import StrEnum

from opsdesk.labels import LABELS
from opsdesk.models import enums
from opsdesk.models.enums import Sex


def test_every_enum_member_has_a_polish_label():
    missing = [m for _, e in inspect.getmembers(enums, inspect.isclass)
               if issubclass(e, StrEnum) and e is not StrEnum and e is not Sex for m in e
               if (e, m.value) not in LABELS]
    assert missing == []


def test_members_with_the_same_value_keep_their_own_label():
    from opsdesk.labels import label
    from opsdesk.models.enums import CaseStatus, IntakeStatus, Relation, Role

    assert label(Role.HEAD) == "kierownik"
    assert label(Relation.HEAD) == "głowa gospodarstwa"
    assert label(IntakeStatus.NEW) == "nowe"
    assert label(CaseStatus.NEW) == "nowa"
