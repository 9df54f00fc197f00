"""The declared lower bounds as pins: every direct requirement of setup.cfg (the program's
and the given extras') at the smallest version it admits, for ``pip install -c``.

    python -m tools.min_requirements [EXTRA ...] > minimums.txt

CI installs these into a fresh environment and runs the suite, so a lower bound that does
not hold fails there instead of in an office that happens to have an old package."""

from __future__ import annotations

import configparser
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_REQUIREMENT = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?\s*(.*)$")


def requirement_lines(extras: list[str], setup_cfg: Path = ROOT / "setup.cfg") -> list[str]:
    config = configparser.ConfigParser()
    config.read(setup_cfg, encoding="utf-8")
    lines = config["options"]["install_requires"].splitlines()
    for extra in extras:
        lines += config["options.extras_require"][extra].splitlines()
    return [line.strip() for line in lines if line.strip() and not line.strip().startswith("#")]


def minimum_pin(requirement: str) -> str:
    """"reportlab>=4.1" → "reportlab==4.1"; a requirement without a lower bound is an
    error: its minimum would be whatever the index has first."""
    found = _REQUIREMENT.match(requirement.split(";")[0].strip())
    if not found:
        raise ValueError(f"cannot read the requirement {requirement!r}")
    name, _extras, specifiers = found.groups()
    lower = [s.strip()[2:].strip() for s in specifiers.split(",") if s.strip().startswith(">=")]
    if len(lower) != 1:
        raise ValueError(f"{requirement!r} needs exactly one lower bound (>=)")
    return f"{name}=={lower[0]}"


def main(argv: list[str]) -> int:
    for requirement in requirement_lines(argv):
        print(minimum_pin(requirement))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
