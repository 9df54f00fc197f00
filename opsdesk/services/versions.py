"""The version a form was opened with, checked at its save: a colleague's save in between
is refused, never silently overwritten (optimistic concurrency, ``models.base.Versioned``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import inspect
from sqlalchemy.orm.attributes import flag_modified

from opsdesk.errors import ConflictError


def check_version(record: Any, expected_version: int | None,
                  fields: Mapping[str, tuple[object, object]] | None = None) -> None:
    """Refuse the save when ``record`` is no longer at ``expected_version``; ``fields`` maps
    a form field to (the colleague's saved value, what this user typed) and only those that
    differ are shown. ``expected_version`` None means the form saw no record at all."""
    found = None if record is None else record.version
    if found != expected_version:
        raise ConflictError({name: (theirs, mine) for name, (theirs, mine)
                             in (fields or {}).items() if theirs != mine})


def touch(record: Any) -> None:
    """Count a change made only to a record's children (a household's members) as a change
    of the record, so its version moves and a form opened before it is refused."""
    mapper = inspect(record).mapper
    keys = {c.key for c in mapper.primary_key} | {mapper.version_id_col.key}
    # Any plain column marked as changed makes the flush write the row and move its version.
    flag_modified(record, next(a.key for a in mapper.column_attrs if a.key not in keys))
