"""Start-up and the command line: the demo database, and never an empty database in the
place of a missing one."""

import sqlite3
from datetime import date, datetime, timedelta
from itertools import islice

import pytest
from stdnum.pl import pesel

from opsdesk import app, clock, demo
from opsdesk.demo import desk as desk_demo
from opsdesk.errors import PermissionDenied, UserFacingError
from opsdesk.services import rules, security
from opsdesk.startup import DatabaseMissing, open_database
from tests.conftest import PASSWORD
from tests.ui_helpers import when_modal


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


@pytest.mark.parametrize("today", [date(2026, 12, 7) + timedelta(days=n) for n in range(7)]
                         + [date(2026, 12, 23), date(2027, 4, 29), date(2026, 12, 31)])
def test_demo_appointments_are_on_working_days_each_hour_once(today):
    slots = list(islice(desk_demo.appointment_slots(today), 10))
    assert len(set(slots)) == 10
    assert all(s.date() > today and rules.is_working_day(s.date()) for s in slots)


@pytest.mark.parametrize("day", [date(2026, 12, 6), date(2026, 12, 24)])  # Sunday, holiday
def test_the_demo_is_made_on_a_day_off_as_of_the_last_working_day(tmp_path, day):
    """No one approves a payout list or sends a notice on a day off: the demo's lists and
    notice are dated the last working day, so they exist (and nothing is refused)."""
    db = open_database(str(tmp_path / "demo.sqlite"), create=True)
    try:
        demo.generate(db, today=day, persons=120)
        conn = sqlite3.connect(tmp_path / "demo.sqlite")
        approved = conn.execute("SELECT approved_on FROM payout_lists "
                                "WHERE approved_on IS NOT NULL").fetchall()
        assert approved and all(rules.is_working_day(date.fromisoformat(a)) for (a,) in approved)
        conn.close()
    finally:
        db.dispose()


def test_a_failed_demo_leaves_no_file_and_says_why(tmp_path, capsys, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("opsdesk.demo.generate", broken)
    path = tmp_path / "Dane OPS" / "demo.sqlite"
    assert app.main(["demo-data", "--db", str(path)]) == 1
    assert "Nie udało się utworzyć bazy demonstracyjnej" in capsys.readouterr().err
    assert list(path.parent.iterdir()) == []


def test_the_demo_can_be_made_for_a_chosen_day(tmp_path, capsys):
    path = tmp_path / "demo.sqlite"
    assert app.main(["demo-data", "--db", str(path), "--today", "2026-12-10"]) == 0
    assert clock.today() == date(2026, 12, 10)
    conn = sqlite3.connect(path)
    # The first appointment on the next working day, Friday the 11th, at nine.
    first = conn.execute("SELECT MIN(starts_at) FROM appointments").fetchone()[0]
    assert first.startswith("2026-12-11 09:00")
    with pytest.raises(SystemExit):
        app.main(["--today", "2026-12-10", "check", "--db", str(path)])
    assert "tylko bazy demonstracyjnej" in capsys.readouterr().err


def test_a_demo_that_cannot_be_made_is_explained_in_a_window(qtbot, tmp_path, monkeypatch):
    """Started from the Start menu (no console), the failure shows in a message box."""
    def broken(*args, **kwargs):
        raise OSError(13, "Permission denied")

    monkeypatch.setattr("opsdesk.demo.generate", broken)
    monkeypatch.setattr(app, "demo_path", lambda: tmp_path / "demo.sqlite")
    shown: list[str] = []

    def read_and_close(box):
        shown.append(box.text())
        box.close()

    when_modal(qtbot, read_and_close)
    assert app.main(["--demo"]) == 1
    assert shown and shown[0].startswith("Nie udało się utworzyć bazy demonstracyjnej")
    assert "błąd zapisu pliku" in shown[0]
    assert not (tmp_path / "demo.sqlite").exists()
