"""Money: the payouts decisions create, payout lists, receipts and the bank file (being split
into modules)."""

from opsdesk.services.payouts.schedule import *  # noqa: F403
