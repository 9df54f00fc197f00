"""Every domain operation and rule. No Qt here: each operation takes a session and the
acting user, checks permission, changes data and never commits — the caller's unit of work
(``Database.write``) does."""
