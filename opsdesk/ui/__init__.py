"""Qt only: thin widgets that call services and show their plain-data results.

The domain the login window needs is imported here, before PySide6: PySide6 reads the source
of every module imported after it (its ``__feature__`` import hook), and SQLAlchemy with the
models is a few hundred modules — tens of milliseconds of every start."""

from opsdesk import db, startup  # noqa: F401
from opsdesk.services import office, security  # noqa: F401
