"""Proceedings and administrative decisions on benefits (being split into modules)."""

from opsdesk.services.decisions.checks import *  # noqa: F403
