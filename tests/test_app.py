"""Start-up and the command line: the demo database, and never an empty database in the
place of a missing one."""

import sqlite3
from datetime import datetime, timedelta

import pytest
from stdnum.pl import pesel

from opsdesk import app
from opsdesk.errors import PermissionDenied, UserFacingError
from opsdesk.services import security
from opsdesk.startup import DatabaseMissing, open_database
from tests.conftest import PASSWORD


def test_demo_data_writes_a_realistic_database(tmp_path, capsys):
    path = tmp_path / "demo.sqlite"
    assert app.main(["demo-data", "--db", str(path)]) == 0
    assert "demo1234" in capsys.readouterr().out
    conn = sqlite3.connect(path)
    pesels = [p for (p,) in conn.execute("SELECT pesel FROM persons")]
    assert len(pesels) >= 300
    assert all(pesel.is_valid(p) for p in pesels)
    names = " ".join(n for (n,) in conn.execute("SELECT last_name || first_name FROM persons"))
    assert any(ch in names for ch in "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ")
    intake_states = {s for (s,) in conn.execute("SELECT DISTINCT status FROM intakes")}
    assert intake_states == {"NEW", "INFORMED", "ROUTED", "DESK_INTERVIEW"}
    assert conn.execute("SELECT COUNT(*) FROM households").fetchone()[0] > 50
    assert conn.execute("SELECT COUNT(*) FROM handovers WHERE handed_on IS NULL").fetchone()[0]
    # Writing over an existing file is refused.
    assert app.main(["demo-data", "--db", str(path)]) == 1


def test_a_missing_database_file_is_not_created(tmp_path):
    missing = tmp_path / "Z" / "OPS" / "opsdesk.sqlite"
    with pytest.raises(DatabaseMissing, match="dysk sieciowy|dysku sieciowym"):
        open_database(str(missing))
    assert not missing.exists()


def test_check_command_on_a_fresh_database(tmp_path, capsys):
    path = tmp_path / "a.sqlite"
    open_database(str(path), create=True).dispose()
    assert app.main(["check", "--db", str(path)]) == 0
    assert "Baza w porządku" in capsys.readouterr().out


def test_first_head_only_once_and_lockout_after_five_wrong_passwords(db):
    db.write(lambda s: security.create_first_head(s, login="kierownik", full_name="Ewa Łoś",
                                                  password=PASSWORD))
    with pytest.raises(PermissionDenied):
        db.write(lambda s: security.create_first_head(s, login="inny", full_name="X Y",
                                                      password=PASSWORD))
    now = datetime(2026, 11, 23, 10, 0)
    for _ in range(5):
        with pytest.raises(UserFacingError, match="Nieprawidłowy login lub hasło"):
            db.write(lambda s: _login(s, "złe", now))
    with pytest.raises(UserFacingError, match="zablokowane"):
        db.write(lambda s: _login(s, PASSWORD, now))
    later = now + timedelta(minutes=16)
    assert db.write(lambda s: _login(s, PASSWORD, later)).full_name == "Ewa Łoś"


def _login(session, password, now):
    return security.authenticate(session, login="kierownik", password=password, now=now)
