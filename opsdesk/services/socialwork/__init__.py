"""Social work as a methodical process (being split into modules)."""

from opsdesk.services.socialwork.contracts import *  # noqa: F403
