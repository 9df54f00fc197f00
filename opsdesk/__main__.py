"""`python -m opsdesk` → the program."""

from opsdesk.app import main

raise SystemExit(main())
