"""A hand-edited settings file that is wrong is named with what is wrong in it, and the
program opens no database — never a new, empty one in place of the office's shared one."""

import json

import pytest

from opsdesk import app
from opsdesk import settings as settings_mod
from opsdesk.settings import SettingsError
from tests.ui_helpers import when_modal


def write(path, text, encoding="utf-8"):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


def test_single_backslashes_are_named_with_their_place_and_the_fix(tmp_path):
    path = write(tmp_path / "settings.json", '{\n  "database": "Z:\\OPS\\opsdesk.sqlite"\n}\n')
    with pytest.raises(SettingsError) as err:
        settings_mod.load(path)
    message = err.value.message
    assert str(path) in message
    assert "Wiersz 2, kolumna 18: niedozwolony znak po ukośniku odwrotnym" in message
    assert '"Z:\\\\OPS\\\\opsdesk.sqlite"' in message
    assert "nie otworzy żadnej bazy" in message


@pytest.mark.parametrize(("text", "expected"), [
    # Valid JSON, but json read "\n" and "\b" as a line break and a backspace.
    ('{"database": "Z:\\nowy\\baza.sqlite"}', 'Pole "database" zawiera znak sterujący'),
    # A UNC path with each backslash written once in JSON's way: one was lost.
    ('{"database": "\\\\serwer\\\\ops\\\\opsdesk.sqlite"}', "zaczyna się jednym ukośnikiem"),
    ('{"database": 12}', 'Pole "database" musi być tekstem'),
    ('["Z:/OPS/opsdesk.sqlite"]', "nawiasach klamrowych"),
    ('{"database": "Z:/OPS/opsdesk.sqlite",}', "zbędny przecinek"),  # json's words differ in 3.13
    ('{"database": "Z:/OPS/opsdesk.sqlite" "backup_dir": ""}', "brak przecinka"),
    ("", "brak wartości (albo plik jest pusty)"),
])
def test_other_mistakes_are_said_in_polish(tmp_path, text, expected):
    path = write(tmp_path / "settings.json", text)
    with pytest.raises(SettingsError, match=expected.replace("(", r"\(").replace(")", r"\)")):
        settings_mod.load(path)


def test_a_file_saved_in_the_windows_codepage_is_named(tmp_path):
    path = write(tmp_path / "settings.json", '{"backup_dir": "D:\\\\Kopie łąka"}', "cp1250")
    with pytest.raises(SettingsError, match="kodowaniu UTF-8"):
        settings_mod.load(path)


def test_what_notepad_writes_is_read(tmp_path):
    """A byte-order mark, a forward-slash path, a null for "not set", an unknown key."""
    path = write(tmp_path / "settings.json", '\ufeff{"database": "\\\\\\\\serwer\\\\ops\\\\'
                 'opsdesk.sqlite", "backup_dir": null, "export_dir": "Z:/OPS/Wydruki",'
                 ' "stare_pole": 1}')
    loaded = settings_mod.load(path)
    assert loaded == settings_mod.Settings(database=r"\\serwer\ops\opsdesk.sqlite",
                                           backup_dir="", export_dir="Z:/OPS/Wydruki")


def test_no_file_means_the_defaults(tmp_path):
    assert settings_mod.load(tmp_path / "brak.json") == settings_mod.Settings()


def test_the_command_line_refuses_with_the_message(capsys):
    write(settings_mod.config_path(), '{"database": "Z:\\OPS\\opsdesk.sqlite"}')
    assert app.main(["check"]) == 1
    assert "Plik ustawień stanowiska jest błędny" in capsys.readouterr().err


def test_the_window_says_what_is_wrong_and_no_database_is_made(qtbot, monkeypatch):
    path = write(settings_mod.config_path(), '{"database": "Z:\\OPS\\opsdesk.sqlite"}')
    from opsdesk.ui import application

    def never(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("no database may be opened with a broken settings file")

    monkeypatch.setattr(application, "run", never)
    shown: list[str] = []

    def read_and_close(box):  # type: ignore[no-untyped-def]
        shown.append(box.text())
        box.accept()

    when_modal(qtbot, read_and_close)
    assert app.main([]) == 1
    assert shown and str(path) in shown[0] and "ukośniku odwrotnym" in shown[0]
    assert not list(settings_mod.data_dir().rglob("*.sqlite"))
    # The file is left as the user wrote it, to be corrected.
    assert path.read_text(encoding="utf-8") == '{"database": "Z:\\OPS\\opsdesk.sqlite"}'


def test_what_the_settings_dialog_saves_is_read_back(tmp_path):
    path = tmp_path / "settings.json"
    settings_mod.save(settings_mod.Settings(database=r"\\serwer\ops\Dane GOPS\opsdesk.sqlite"),
                      path)
    assert json.loads(path.read_text(encoding="utf-8"))["database"] == \
        r"\\serwer\ops\Dane GOPS\opsdesk.sqlite"
    assert settings_mod.load(path).database == r"\\serwer\ops\Dane GOPS\opsdesk.sqlite"
