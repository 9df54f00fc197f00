"""Realistic fictional data so every screen has something to show (`opsdesk --demo`).

Deterministic by seed. Each area adds its records in its own module; ``generate`` runs them
in order through the same services the workers use, so the demo obeys every rule."""

from __future__ import annotations

import random
from datetime import date

from opsdesk.db import Database
from opsdesk.demo import benefits, desk, socialwork, staff

DEMO_PASSWORD = "demo1234"


def generate(db: Database, *, today: date, persons: int = 300, seed: int = 2026) -> None:
    rng = random.Random(seed)
    team = staff.create(db, password=DEMO_PASSWORD)
    person_ids = desk.create_people(db, team, rng, count=persons, today=today)
    desk.create_desk_work(db, team, rng, person_ids, today=today)
    for extra in _area_generators():
        extra(db, team, rng, person_ids, today)


def _area_generators() -> list:
    """Areas beyond the desk (benefits, social work) register here as they are built."""
    return [socialwork.create, benefits.create]
