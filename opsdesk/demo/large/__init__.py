"""The large demo (being split into modules)."""

from opsdesk.demo.large.benefits import *  # noqa: F403
