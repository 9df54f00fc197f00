"""What a write touched, as the screens know it (Anki's ``OpChanges``): a user action
announces the areas it changed, and an open screen refreshes only when one of the areas it
shows is among them. A flag, not free strings, so a misspelt area is an error and a test
can prove that every area has a sender and a listener."""

from __future__ import annotations

from enum import Flag, auto


class Changes(Flag):
    NOTHING = 0
    PERSONS = auto()
    INTAKES = auto()
    CASES = auto()
    HANDOVERS = auto()
    APPOINTMENTS = auto()
    MESSAGES = auto()
    WORKERS = auto()
    OFFICE = auto()
    INTERVIEWS = auto()
    DECISIONS = auto()
    PAYOUTS = auto()
    SOCIALWORK = auto()
    BLUE_CARDS = auto()
    CONTRIBUTIONS = auto()
    REGISTER_CHECKS = auto()
    LEGAL_FIGURES = auto()
    LEGAL_ACTS = auto()
    TEMPLATES = auto()
    HEALTH_CARE = auto()
    DEBTS = auto()
