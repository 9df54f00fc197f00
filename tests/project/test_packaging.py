"""What an office gets: the built wheel, installed in a fresh environment, prints a decision
from outside the source folder; the Windows bundle resolves offline for win_amd64 on every
supported Python.

These tests download from PyPI and take a minute or two: they are marked ``packaging``,
left out of the plain ``pytest`` run and run by ``pytest -m packaging`` (CI does). Without
a network they are skipped."""

import io
import json
import os
import shutil
import socket
import subprocess
import sys
import zipfile
from functools import cache
from pathlib import Path

import pytest
from pypdf import PdfReader

from tools import build_windows_bundle as bundle

ROOT = Path(__file__).resolve().parents[2]
VERSION = bundle.program_version()

pytestmark = [pytest.mark.packaging, pytest.mark.timeout(900)]


@cache
def pypi_reachable() -> bool:
    try:
        socket.create_connection(("pypi.org", 443), timeout=5).close()
    except OSError:
        return False
    return True


@pytest.fixture(autouse=True)
def needs_pypi() -> None:
    if not pypi_reachable():
        pytest.skip("PyPI cannot be reached: the packaging tests need it")


def venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")


def run(*args: object, cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True,
                          env=env, timeout=840)
    assert done.returncode == 0, f"{args[:4]} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


PRINT_A_DECISION = """
import json, sys
from pathlib import Path
from sqlalchemy import select
import opsdesk
from opsdesk.models import Decision
from opsdesk.services import decisions, security
from opsdesk.startup import open_database

db = open_database(sys.argv[1])
actor = db.write(lambda s: security.authenticate(s, login="kierownik", password="demo1234"))
issued = db.read(lambda s: s.scalar(select(Decision.id).where(Decision.number.is_not(None))
                                    .order_by(Decision.id)))
Path(sys.argv[2]).write_bytes(db.write(lambda s: decisions.decision_pdf(s, issued, actor=actor)))
print(json.dumps({"module": opsdesk.__file__}))
"""


def test_the_built_wheel_installed_elsewhere_prints_a_decision(tmp_path):
    wheels = tmp_path / "wheel"
    run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", wheels, ROOT,
        cwd=tmp_path)
    (wheel,) = wheels.glob(f"opsdesk-{VERSION}-*.whl")
    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", venv, cwd=tmp_path)
    python = venv_python(venv)
    run(python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", wheel,
        cwd=tmp_path)
    # From a folder of its own, with nothing of the source folder on the path.
    office = tmp_path / "biuro"
    office.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env.update(XDG_DATA_HOME=str(office / "dane"), XDG_CONFIG_HOME=str(office / "ustawienia"),
               QT_QPA_PLATFORM="offscreen")
    cli = venv / ("Scripts/opsdesk-cli.exe" if sys.platform == "win32" else "bin/opsdesk-cli")
    assert "Utworzono bazę demonstracyjną" in run(cli, "demo-data", "--db", "demo.sqlite",
                                                   cwd=office, env=env)
    assert "Baza w porządku" in run(cli, "check", "--db", "demo.sqlite", cwd=office, env=env)
    script = office / "drukuj.py"
    script.write_text(PRINT_A_DECISION, encoding="utf-8")
    out = run(python, script, "demo.sqlite", "decyzja.pdf", cwd=office, env=env)
    module = Path(json.loads(out.strip().splitlines()[-1])["module"])
    assert venv in module.parents and ROOT not in module.parents
    pdf = PdfReader(io.BytesIO((office / "decyzja.pdf").read_bytes()))
    text = "".join(page.extract_text() for page in pdf.pages)
    assert "DECYZJA" in text and "Gminny Ośrodek Pomocy Społecznej" in text
    fonts = {str(font["/BaseFont"]) for page in pdf.pages
             for font in (f.get_object() for f in page["/Resources"]["/Font"].values())}
    assert any("LiberationSans" in name for name in fonts), fonts


def offline_pip_environment() -> dict[str, str]:
    """No index, no extra folder of wheels from this machine's pip configuration: the
    bundle alone."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
    return {**env, "PIP_CONFIG_FILE": os.devnull}


@pytest.fixture(scope="module")
def built_bundle(tmp_path_factory) -> Path:
    """The bundle built as the README says, unpacked."""
    out = tmp_path_factory.mktemp("dist")
    run(sys.executable, "-m", "tools.build_windows_bundle", "--out", out, cwd=ROOT)
    archive = out / f"opsdesk-{VERSION}-windows.zip"
    unpacked = tmp_path_factory.mktemp("unpacked")
    with zipfile.ZipFile(archive) as zf:
        zf.extractall(unpacked)
    return unpacked / f"opsdesk-{VERSION}-windows"


def test_the_bundle_holds_the_installer_the_licences_and_the_program(built_bundle):
    names = {p.name for p in built_bundle.iterdir()}
    assert names == {"instaluj.cmd", "instaluj.ps1", "CZYTAJ.txt", "licencje", "wheels"}
    assert (built_bundle / "wheels" / f"opsdesk-{VERSION}-py3-none-any.whl").is_file()
    licences = built_bundle / "licencje"
    assert (licences / "opsdesk-LICENSE.txt").read_text(encoding="utf-8").startswith(
        "MIT License")
    assert "SIL OPEN FONT LICENSE" in (licences / "LiberationSans-OFL.txt").read_text(
        encoding="utf-8")
    listed = {line.split("\t")[0] for line in
              (licences / "SPIS.txt").read_text(encoding="utf-8").splitlines()[1:]}
    in_bundle = {w.name for w in bundle.wheels_in(built_bundle / "wheels")} - {"opsdesk"}
    assert listed == in_bundle
    # Qt is used under the LGPL 3.0, whose text its wheels lack.
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in (licences / "LGPL-3.0.txt").read_text(
        encoding="utf-8")
    assert "GNU GENERAL PUBLIC LICENSE" in (licences / "GPL-3.0.txt").read_text(encoding="utf-8")
    assert (licences / "sqlalchemy-{}".format(_version_of(built_bundle, "sqlalchemy"))
            / "licenses" / "LICENSE").is_file()


def _version_of(built_bundle: Path, name: str) -> str:
    return str(next(w.version for w in bundle.wheels_in(built_bundle / "wheels")
                    if w.name == name))


@pytest.mark.parametrize("python", bundle.PYTHONS)
def test_the_bundle_resolves_offline_for_windows(built_bundle, python, tmp_path):
    wheels = built_bundle / "wheels"
    for root in (f"opsdesk=={VERSION}", f"opsdesk[postgres]=={VERSION}"):
        # Windows' markers (psycopg's tzdata, only on win32), read by the bundle's own check.
        assert bundle.missing(wheels, python, [root]) == []
        # pip's resolver, from the bundle alone, as the installer runs it.
        report = tmp_path / "report.json"
        env = offline_pip_environment()
        run(sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed",
            "--quiet", "--disable-pip-version-check", "--no-index", "--find-links", wheels,
            "--only-binary=:all:", "--platform", "win_amd64", "--implementation", "cp",
            "--python-version", python, "--target", tmp_path / "target", "--report", report,
            root, cwd=tmp_path, env=env)
        chosen = [Path(item["download_info"]["url"]).name
                  for item in json.loads(report.read_text(encoding="utf-8"))["install"]]
        assert f"opsdesk-{VERSION}-py3-none-any.whl" in chosen
        abi = "cp" + python.replace(".", "")
        for name in chosen:
            assert name.endswith(("-none-any.whl", f"-{abi}-win_amd64.whl",
                                  "-abi3-win_amd64.whl")), name
        assert any(n.startswith("pyside6_essentials-") for n in chosen)


def test_a_bundle_missing_a_wheel_is_found_incomplete(built_bundle, tmp_path):
    """The check above can fail: without SQLAlchemy's wheel for 3.12 neither it nor pip
    resolves for 3.12."""
    wheels = tmp_path / "wheels"
    wheels.mkdir()
    for wheel in (built_bundle / "wheels").iterdir():
        if not (wheel.name.startswith("sqlalchemy-") and "-cp312-" in wheel.name):
            shutil.copyfile(wheel, wheels / wheel.name)
    lacking = bundle.missing(wheels, "3.12", [f"opsdesk=={VERSION}"])
    assert f"SQLAlchemy>=2.0.3 (for opsdesk {VERSION})" in lacking
    assert all(line.startswith("SQLAlchemy") for line in lacking)
    assert bundle.missing(wheels, "3.13", [f"opsdesk=={VERSION}"]) == []
    done = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed", "--quiet",
         "--no-index", "--find-links", str(wheels), "--only-binary=:all:", "--platform",
         "win_amd64", "--implementation", "cp", "--python-version", "3.12", "--target",
         str(tmp_path / "target"), f"opsdesk=={VERSION}"],
        capture_output=True, text=True, env=offline_pip_environment())
    assert done.returncode != 0
