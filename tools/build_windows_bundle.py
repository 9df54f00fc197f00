"""The office's offline installation bundle for Windows, built on any machine with PyPI:

    python -m tools.build_windows_bundle [--out dist] [--python 3.11 --python 3.12 …]

makes ``dist/opsdesk-<version>-windows.zip`` holding the program's wheel, every dependency
as a win_amd64 wheel for each supported Python, the licences, and the installer
(instaluj.cmd → instaluj.ps1) that installs or updates the program per user, with no
network and no administrator rights.

pip downloads for another platform but reads the environment markers of the machine it
runs on, so a requirement only Windows has (psycopg's ``tzdata; sys_platform == "win32"``)
would be missed. After pip, the bundle is resolved again here with Windows' markers
(``missing``), what is missing is downloaded too, and the build fails unless the bundle
is complete for every Python."""

from __future__ import annotations

import argparse
import email.parser
import json
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

try:
    from packaging.markers import Marker
    from packaging.requirements import Requirement
    from packaging.specifiers import SpecifierSet
    from packaging.tags import Tag, compatible_tags, cpython_tags
    from packaging.utils import canonicalize_name, parse_wheel_filename
    from packaging.version import Version
except ImportError:  # pip carries its own copy
    from pip._vendor.packaging.markers import Marker  # type: ignore[no-redef]
    from pip._vendor.packaging.requirements import Requirement  # type: ignore[no-redef]
    from pip._vendor.packaging.specifiers import SpecifierSet  # type: ignore[no-redef]
    from pip._vendor.packaging.tags import (  # type: ignore[no-redef]
        Tag,
        compatible_tags,
        cpython_tags,
    )
    from pip._vendor.packaging.utils import (  # type: ignore[no-redef]
        canonicalize_name,
        parse_wheel_filename,
    )
    from pip._vendor.packaging.version import Version  # type: ignore[no-redef]

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = Path(__file__).resolve().parent / "windows"
PYTHONS = ("3.11", "3.12", "3.13")
PLATFORM = "win_amd64"
# The extra an office with a PostgreSQL server needs; the installer adds it when the
# settings name a server.
EXTRAS = ("postgres",)
WHEELS = "wheels"
LICENCES = "licencje"


def program_version(root: Path = ROOT) -> str:
    source = (root / "opsdesk" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'^__version__ = "([^"]+)"', source, re.M)
    if not found:
        raise SystemExit("opsdesk/__init__.py holds no __version__")
    return found.group(1)


def windows_environment(python: str) -> dict[str, str]:
    """The environment markers of 64-bit CPython ``python`` ("3.12") on Windows."""
    return {
        "implementation_name": "cpython", "implementation_version": f"{python}.0",
        "os_name": "nt", "platform_machine": "AMD64", "platform_python_implementation": "CPython",
        "platform_release": "10", "platform_system": "Windows", "platform_version": "10.0",
        "python_full_version": f"{python}.0", "python_version": python, "sys_platform": "win32",
    }


def supported_tags(python: str) -> set[Tag]:
    major, minor = (int(n) for n in python.split("."))
    abi = f"cp{major}{minor}"
    return {*cpython_tags((major, minor), abis=[abi], platforms=[PLATFORM]),
            *compatible_tags((major, minor), interpreter=abi, platforms=[PLATFORM])}


@dataclass(frozen=True)
class Wheel:
    path: Path
    name: str
    version: Version
    tags: frozenset[Tag]

    def metadata(self) -> email.message.Message:
        with zipfile.ZipFile(self.path) as archive:
            name = next(n for n in archive.namelist()
                        if n.count("/") == 1 and n.endswith(".dist-info/METADATA"))
            return email.parser.Parser().parsestr(archive.read(name).decode("utf-8"))


def wheels_in(folder: Path) -> list[Wheel]:
    found = []
    for path in sorted(folder.glob("*.whl")):
        name, version, _build, tags = parse_wheel_filename(path.name)
        found.append(Wheel(path, canonicalize_name(name), version, frozenset(tags)))
    return found


def missing(folder: Path, python: str, roots: list[str]) -> list[str]:
    """What ``roots`` need on Windows with ``python`` that ``folder`` lacks, as requirement
    strings (empty when the folder is complete). Each requirement takes the newest fitting
    wheel there, as pip would from the same folder; markers and Requires-Python are read
    for Windows and ``python``, not for this machine."""
    tags = supported_tags(python)
    environment = windows_environment(python)
    by_name: dict[str, list[Wheel]] = {}
    for wheel in wheels_in(folder):
        if wheel.tags & tags:
            by_name.setdefault(wheel.name, []).append(wheel)
    chosen: dict[str, Wheel] = {}
    visited: set[tuple[str, frozenset[str]]] = set()
    lacking: list[str] = []
    queue = [(Requirement(root), "") for root in roots]
    while queue:
        requirement, wanted_by = queue.pop(0)
        name = canonicalize_name(requirement.name)
        fitting = [w for w in by_name.get(name, [])
                   if requirement.specifier.contains(w.version, prereleases=True)
                   and _python_fits(w, python)]
        # What pip is to fetch: the marker, read for Windows already, would be read again
        # for this machine.
        requirement.marker = None
        if name in chosen:
            if chosen[name] not in fitting:
                lacking.append(f"{requirement} (for {wanted_by}; the bundle chose "
                               f"{chosen[name].version})")
                continue
            wheel = chosen[name]
        elif fitting:
            wheel = chosen[name] = max(fitting, key=lambda w: w.version)
        else:
            lacking.append(f"{requirement}" + (f" (for {wanted_by})" if wanted_by else ""))
            continue
        extras = frozenset(requirement.extras)
        if (name, extras) in visited:
            continue
        visited.add((name, extras))
        for line in wheel.metadata().get_all("Requires-Dist") or []:
            child = Requirement(line)
            if _applies(child.marker, environment, extras):
                queue.append((child, f"{wheel.name} {wheel.version}"))
    return lacking


def _python_fits(wheel: Wheel, python: str) -> bool:
    needs = wheel.metadata().get("Requires-Python")
    return not needs or SpecifierSet(needs).contains(f"{python}.0", prereleases=True)


def _applies(marker: Marker | None, environment: dict[str, str],
             extras: frozenset[str]) -> bool:
    if marker is None:
        return True
    return any(marker.evaluate({**environment, "extra": extra}) for extra in {"", *extras})


def _pip(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "pip", *args, "--quiet",
                    "--disable-pip-version-check"], check=True)


def pip_download(dest: Path, python: str, requirements: list[str]) -> None:
    _pip("download", "--dest", str(dest), "--find-links", str(dest), "--only-binary=:all:",
         "--platform", PLATFORM, "--implementation", "cp", "--python-version", python,
         *requirements)


def wheels_for_source_only(dest: Path, requirement: str) -> None:
    """A dependency published only as a source archive (docopt, which num2words needs) is
    built into a wheel here; it must be pure Python, so the wheel fits Windows too."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        _pip("install", "--dry-run", "--ignore-installed", "--report", str(report), requirement)
        resolved = json.loads(report.read_text(encoding="utf-8"))["install"]
    for item in resolved:
        if item["download_info"]["url"].endswith(".whl"):
            continue
        meta = item["metadata"]
        # --use-pep517: an old pip (Debian 12's) builds a setup.py without a build
        # environment of its own and fails where the "wheel" package is missing.
        _pip("wheel", "--no-deps", "--use-pep517", "--wheel-dir", str(dest),
             f"{meta['name']}=={meta['version']}")
    impure = [w.path.name for w in wheels_in(dest)
              if not all(t.abi == "none" and t.platform == "any" for t in w.tags)]
    if impure:
        raise SystemExit(f"built here but not pure Python, so useless on Windows: {impure}")


def fetch_wheels(dest: Path, program_wheel: Path, pythons: tuple[str, ...]) -> None:
    """Every wheel the program needs on Windows with each Python, into ``dest``."""
    root = f"opsdesk[{','.join(EXTRAS)}]=={program_version()}"
    wheels_for_source_only(dest, f"{program_wheel}[{','.join(EXTRAS)}]")
    for python in pythons:
        pip_download(dest, python, [f"{program_wheel}[{','.join(EXTRAS)}]"])
        for _round in range(5):
            lacking = missing(dest, python, [root])
            if not lacking:
                break
            print(f"Python {python}: also needed on Windows: {', '.join(lacking)}")
            pip_download(dest, python, [line.split(" (for ")[0] for line in lacking])
        else:
            raise SystemExit(f"the bundle stays incomplete for Python {python}: {lacking}")


def build_program_wheel(dest: Path) -> Path:
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--disable-pip-version-check",
                    "--no-deps", "--wheel-dir", str(dest), str(ROOT)], check=True)
    (wheel,) = dest.glob(f"opsdesk-{program_version()}-*.whl")
    return wheel


_LICENCE_FILE = re.compile(r"(^|/)(licen[cs]e|copying|notice|authors)[^/]*$", re.I)


def collect_licences(wheels: Path, dest: Path) -> None:
    """The program's and the fonts' licences, and each dependency's own licence files
    with a list of what licence each package is under."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(ROOT / "LICENSE", dest / "opsdesk-LICENSE.txt")
    shutil.copyfile(ROOT / "opsdesk" / "resources" / "fonts" / "LICENSE-LiberationSans.txt",
                    dest / "LiberationSans-OFL.txt")
    # Qt for Python (PySide6, shiboken6) is used under the LGPL 3.0, whose wheels carry no
    # licence text: the LGPL and the GPL it builds on come from here.
    for text in (TEMPLATES / "licencje").glob("*.txt"):
        shutil.copyfile(text, dest / text.name)
    listing = ["Pakiet\tWersja\tLicencja"]
    seen: set[tuple[str, str]] = set()
    for wheel in wheels_in(wheels):
        key = (wheel.name, str(wheel.version))
        if key in seen or wheel.name == "opsdesk":
            continue
        seen.add(key)
        meta = wheel.metadata()
        licence = (meta.get("License-Expression") or _classifier_licence(meta)
                   or next(iter((meta.get("License") or "").splitlines()), "")
                   or "(zob. pliki licencji)")
        listing.append(f"{wheel.name}\t{wheel.version}\t{licence}")
        folder = dest / f"{wheel.name}-{wheel.version}"
        with zipfile.ZipFile(wheel.path) as archive:
            for name in archive.namelist():
                if name.endswith("/"):
                    continue
                if ".dist-info/licenses/" in name or (
                        ".dist-info/" in name and _LICENCE_FILE.search(name)):
                    target = folder / name.split(".dist-info/", 1)[1]
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(archive.read(name))
    (dest / "SPIS.txt").write_text("\n".join(listing) + "\n", encoding="utf-8")


def _classifier_licence(meta: email.message.Message) -> str:
    found = [c.split(" :: ")[-1] for c in meta.get_all("Classifier") or []
             if c.startswith("License ::")]
    return ", ".join(found)


def write_installer(dest: Path, version: str) -> None:
    """The installer's files, with the version filled in. The PowerShell script gets a
    byte-order mark (Windows PowerShell 5.1 reads a file without one in the ANSI code
    page, which garbles every Polish letter); the .cmd file is plain ASCII with CRLF."""
    script = (TEMPLATES / "instaluj.ps1").read_text(encoding="utf-8")
    (dest / "instaluj.ps1").write_text(script.replace("@VERSION@", version),
                                       encoding="utf-8-sig", newline="\r\n")
    for name in ("instaluj.cmd", "CZYTAJ.txt"):
        text = (TEMPLATES / name).read_text(encoding="utf-8").replace("@VERSION@", version)
        (dest / name).write_text(text, encoding="ascii" if name.endswith(".cmd") else "utf-8-sig",
                                 newline="\r\n")


def build(out: Path, pythons: tuple[str, ...] = PYTHONS) -> Path:
    version = program_version()
    name = f"opsdesk-{version}-windows"
    with tempfile.TemporaryDirectory(prefix="opsdesk-bundle-") as tmp:
        staging = Path(tmp) / name
        wheels = staging / WHEELS
        wheels.mkdir(parents=True)
        program_wheel = build_program_wheel(wheels)
        fetch_wheels(wheels, program_wheel, pythons)
        collect_licences(wheels, staging / LICENCES)
        write_installer(staging, version)
        out.mkdir(parents=True, exist_ok=True)
        archive = out / f"{name}.zip"
        partial = archive.with_suffix(".zip.part")
        with zipfile.ZipFile(partial, "w") as zf:
            for path in sorted(staging.rglob("*")):
                if path.is_file():
                    # Wheels are compressed already.
                    method = zipfile.ZIP_STORED if path.suffix == ".whl" else zipfile.ZIP_DEFLATED
                    zf.write(path, f"{name}/{path.relative_to(staging).as_posix()}",
                             compress_type=method)
        partial.replace(archive)
    return archive


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.build_windows_bundle",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "dist", help="folder for the zip")
    parser.add_argument("--python", action="append", choices=PYTHONS,
                        help="a Python the bundle serves (default: all supported)")
    args = parser.parse_args(argv)
    archive = build(args.out, tuple(args.python or PYTHONS))
    size = archive.stat().st_size / 1_000_000
    print(f"{archive} ({size:.0f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
