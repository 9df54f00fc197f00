"""Start-up: the command line, then settings → database (backup, migrate) → login → window.

    opsdesk [--db PATH|URL] [--demo [--today DAY]]   the window
    opsdesk demo-data --db PATH [--today DAY]        write the demo database without a window
    opsdesk backup | restore FILE | check the head's maintenance from the command line
"""

from __future__ import annotations

import argparse
import gc
import logging
import sys
from datetime import date
from pathlib import Path

from opsdesk import clock, logs
from opsdesk import settings as settings_mod
from opsdesk.errors import UserFacingError

log = logging.getLogger("opsdesk")


TODAY_HELP = ("dzień RRRR-MM-DD, w którym żyje program — tylko dla bazy demonstracyjnej "
              "(--demo, demo-data), np. do szkolenia")


def day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"„{text}” nie jest datą RRRR-MM-DD") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="opsdesk", description="opsdesk — GOPS")
    parser.add_argument("--db", help="ścieżka pliku bazy lub adres serwera (SQLAlchemy URL)")
    parser.add_argument("--demo", action="store_true", help="otwórz bazę demonstracyjną")
    parser.add_argument("--today", type=day, help=TODAY_HELP)
    sub = parser.add_subparsers(dest="command")
    demo = sub.add_parser("demo-data", help="utwórz bazę demonstracyjną")
    demo.add_argument("--db", dest="sub_db", required=True)
    demo.add_argument("--size", choices=["small", "large"], default="small")
    demo.add_argument("--seed", type=int, default=2026)
    demo.add_argument("--today", type=day, dest="sub_today", help=TODAY_HELP)
    backup = sub.add_parser("backup", help="utwórz kopię bazy")
    backup.add_argument("--db", dest="sub_db")
    backup.add_argument("--to", help="folder kopii")
    restore = sub.add_parser("restore", help="przywróć bazę z kopii")
    restore.add_argument("file")
    restore.add_argument("--db", dest="sub_db")
    check = sub.add_parser("check", help="sprawdź bazę")
    check.add_argument("--db", dest="sub_db")
    return parser


def demo_path() -> Path:
    return settings_mod.data_dir() / "demo.sqlite"


def main(argv: list[str] | None = None) -> int:
    logs.setup()
    parser = build_parser()
    args = parser.parse_args(argv)
    today = args.sub_today if args.command == "demo-data" else args.today
    if today is not None:
        if not (args.demo or args.command == "demo-data"):
            parser.error("--today ustawia zegar tylko bazy demonstracyjnej (--demo, demo-data)")
        clock.set_today(today)
    if args.command == "demo-data":
        return cli_demo_data(Path(args.sub_db), size=args.size, seed=args.seed)
    try:
        settings = settings_mod.load()
    except settings_mod.SettingsError as exc:
        log.error("settings file unusable: %s", exc.problem.splitlines()[0])
        if args.command:
            print(exc.message, file=sys.stderr)
            return 1
        from opsdesk.ui.application import refuse_to_start
        return refuse_to_start(exc.message)
    try:
        if args.command in ("backup", "restore", "check"):
            from opsdesk import maintenance
            target = args.sub_db or args.db or settings.database_target()
            if args.command == "backup":
                return maintenance.cli_backup(target, Path(args.to) if args.to
                                              else settings.backup_folder())
            if args.command == "restore":
                return maintenance.cli_restore(target, Path(args.file), settings.backup_folder())
            return maintenance.cli_check(target, settings.backup_folder())
    except UserFacingError as exc:
        print(exc.message, file=sys.stderr)
        return 1
    if args.demo:
        path = demo_path()
        failure = None if path.exists() else make_demo(path, size="small", seed=2026)
        if failure:
            # Started from the Start menu there is no console to print to.
            from opsdesk.ui.application import refuse_to_start
            return refuse_to_start(failure)
        target = str(path)
    else:
        target = args.db or settings.database_target()
    # No garbage collection until the main window stands (``settle`` turns it back on): the
    # start builds a few hundred thousand objects that all live on, and the collector's
    # passes over them cost about 0.1 s of the wait for the login window.
    gc.disable()
    from opsdesk.ui.application import run
    return run(target, settings, demo=args.demo)


def cli_demo_data(path: Path, *, size: str, seed: int) -> int:
    failure = make_demo(path, size=size, seed=seed)
    if failure:
        print(failure, file=sys.stderr)
        return 1
    from opsdesk.demo import DEMO_PASSWORD
    print(f"Utworzono bazę demonstracyjną: {path} (hasło wszystkich kont: {DEMO_PASSWORD})")
    return 0


def make_demo(path: Path, *, size: str, seed: int) -> str | None:
    """Write the demo database as of the program's today; None, or what went wrong in
    Polish. It is made under a temporary name beside ``path`` and renamed only once
    complete, so a failure leaves no half-written database that a later start would open."""
    from opsdesk import demo
    from opsdesk.startup import open_database

    if path.exists():
        return f"Plik {path} już istnieje — podaj inną ścieżkę."
    partial = path.with_name(path.name + ".tworzenie")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.unlink(missing_ok=True)
        db = open_database(str(partial), create=True)
        try:
            if size == "large":
                from opsdesk.demo import large
                large.generate(db, seed=seed, today=clock.today())
            else:
                demo.generate(db, seed=seed, today=clock.today())
        finally:
            db.dispose()
        partial.replace(path)
    except Exception as exc:
        log.exception("demo database not created")
        partial.unlink(missing_ok=True)
        return f"Nie udało się utworzyć bazy demonstracyjnej {path}: {demo_failure(exc)}"
    return None


def demo_failure(exc: Exception) -> str:
    """What went wrong, in Polish: a known failure says it itself, any other is a bug."""
    if isinstance(exc, UserFacingError):
        return exc.message
    if isinstance(exc, OSError):
        return f"błąd zapisu pliku ({exc.strerror or exc})."
    return "błąd programu — zgłoś go administratorowi (szczegóły w dzienniku)."
