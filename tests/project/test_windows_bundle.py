"""The pieces of the Windows bundle that need no network: the completeness check reads
markers for Windows (not for the machine that builds), the installer is valid PowerShell
that Windows PowerShell 5.1 reads with its Polish letters, and the declared minimums."""

import zipfile
from pathlib import Path

import pytest

from tools import build_windows_bundle as bundle
from tools import min_requirements

ROOT = Path(__file__).resolve().parents[2]


def fake_wheel(folder: Path, filename: str, requires: tuple[str, ...] | list[str] = (),
               requires_python: str | None = None) -> None:
    name, version = filename.split("-")[:2]
    meta = [f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n"]
    if requires_python:
        meta.append(f"Requires-Python: {requires_python}\n")
    meta += [f"Requires-Dist: {r}\n" for r in requires]
    with zipfile.ZipFile(folder / filename, "w") as archive:
        archive.writestr(f"{name}-{version}.dist-info/METADATA", "".join(meta))


@pytest.fixture
def wheels(tmp_path):
    fake_wheel(tmp_path, "app-1.0-py3-none-any.whl", [
        "lib>=2", "winonly; sys_platform == 'win32'", "linuxonly; sys_platform == 'linux'",
        "db>=1; extra == 'server'", "old; python_version < '3.12'"])
    fake_wheel(tmp_path, "lib-2.1-cp311-cp311-win_amd64.whl")
    fake_wheel(tmp_path, "lib-2.1-cp312-cp312-win_amd64.whl")
    fake_wheel(tmp_path, "lib-2.1-cp313-cp313-manylinux_2_17_x86_64.whl")
    fake_wheel(tmp_path, "winonly-1.0-py3-none-any.whl")
    fake_wheel(tmp_path, "old-1.0-py3-none-any.whl")
    return tmp_path


def test_a_complete_folder_has_nothing_missing(wheels):
    assert bundle.missing(wheels, "3.11", ["app==1.0"]) == []


def test_windows_markers_are_read_for_windows_and_the_target_python(wheels):
    (wheels / "winonly-1.0-py3-none-any.whl").unlink()
    # Read on this (Linux) machine, pip would skip it; the office's Windows needs it.
    assert bundle.missing(wheels, "3.12", ["app==1.0"]) == ["winonly (for app 1.0)"]


def test_a_wheel_for_another_python_or_platform_does_not_count(wheels):
    # lib has a Linux wheel for 3.13 and none for Windows; "old" is not needed on 3.13.
    assert bundle.missing(wheels, "3.13", ["app==1.0"]) == ["lib>=2 (for app 1.0)"]


def test_an_extra_brings_its_requirements(wheels):
    assert bundle.missing(wheels, "3.12", ["app[server]==1.0"]) == ["db>=1 (for app 1.0)"]


def test_requires_python_is_read_for_the_target(tmp_path):
    fake_wheel(tmp_path, "app-1.0-py3-none-any.whl", ["lib"])
    fake_wheel(tmp_path, "lib-3.0-py3-none-any.whl", requires_python=">=3.12")
    assert bundle.missing(tmp_path, "3.12", ["app"]) == []
    assert bundle.missing(tmp_path, "3.11", ["app"]) == ["lib (for app 1.0)"]


def test_the_installer_is_valid_powershell():
    import tree_sitter
    import tree_sitter_powershell

    parser = tree_sitter.Parser(tree_sitter.Language(tree_sitter_powershell.language()))

    def errors(source: bytes) -> list[tuple[int, str]]:
        found = []
        stack = [parser.parse(source).root_node]
        while stack:
            node = stack.pop()
            if node.type == "ERROR" or node.is_missing:
                found.append((node.start_point[0] + 1, node.text.decode()[:60]))
            stack.extend(node.children)
        return found

    script = (ROOT / "tools" / "windows" / "instaluj.ps1").read_bytes()
    assert errors(script) == []
    # The check can fail: one unclosed brace is found.
    assert errors(script.replace(b"if ($newer) {", b"if ($newer) ", 1))


def test_the_installer_needs_no_network_and_no_administrator():
    script = (ROOT / "tools" / "windows" / "instaluj.ps1").read_text(encoding="utf-8")
    assert "--no-index --find-links $Wheels" in script
    assert '$env:LOCALAPPDATA "Programs\\opsdesk"' in script
    for admin_only in ("RunAs", "HKLM:", "Program Files", "ProgramData", "AllUsers"):
        assert admin_only not in script


def test_the_installers_files_as_windows_reads_them(tmp_path):
    bundle.write_installer(tmp_path, "9.8.7")
    script = (tmp_path / "instaluj.ps1").read_bytes()
    # Windows PowerShell 5.1 reads a script without a BOM in the ANSI code page.
    assert script.startswith(b"\xef\xbb\xbf")
    text = script.decode("utf-8-sig")
    assert '$Version = "9.8.7"' in text and "@VERSION@" not in text
    assert "Nie znaleziono Pythona 3.11, 3.12 ani 3.13" in text
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")
    starter = (tmp_path / "instaluj.cmd").read_bytes()
    starter.decode("ascii")
    assert b'-ExecutionPolicy Bypass -File "%~dp0instaluj.ps1" %*\r\n' in starter
    assert "opsdesk 9.8.7" in (tmp_path / "CZYTAJ.txt").read_text(encoding="utf-8-sig")


def test_the_minimums_are_the_lower_bounds_of_setup_cfg():
    pins = [min_requirements.minimum_pin(r)
            for r in min_requirements.requirement_lines(["test"])]
    assert "PySide6-Essentials==6.11.1" in pins
    assert "SQLAlchemy==2.0.3" in pins and "reportlab==4.1" in pins
    assert "holidays==0.64" in pins and "pypdf==7.1.1" in pins
    with pytest.raises(ValueError, match="lower bound"):
        min_requirements.minimum_pin("PySide6-Essentials!=6.12.0")
