"""Praca socjalna i usługi: the tab (``tab``) with the client's particulars
(``client_view``), and the actions of its sections — the methodical process
(``client_actions``), the kontrakt socjalny (``contract_actions``), services
(``service_plans``), other tasks (``other_tasks``) — and the catalogue of services
(``catalog``)."""
