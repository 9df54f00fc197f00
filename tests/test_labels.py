"""Every enumeration member has its Polish name."""

import inspect
from enum import StrEnum

from opsdesk.labels import LABELS
from opsdesk.models import enums
from opsdesk.models.enums import Sex


def test_every_enum_member_has_a_polish_label():
    missing = [m for _, e in inspect.getmembers(enums, inspect.isclass)
               if issubclass(e, StrEnum) and e is not StrEnum and e is not Sex for m in e
               if m not in LABELS]
    assert missing == []
