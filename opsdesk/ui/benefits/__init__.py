"""Świadczenia: the tab (``tab``), the interview (``interview``), the decision editor
(``decision_dialog``) and the payout lists (``payout_lists``)."""
