"""Legal figures entered ahead: a new threshold or benefit limit announced months before it
takes effect (the next verification of the thresholds is expected for 2028) is entered by the
head with its date and its source, and the program counts with it from that date.

The entries extend the one dated table (``rules.LEGAL_FIGURES``) field by field; the latest
dated value of a field wins, whether shipped with a release or entered here. The figures in
force on any day are listed and printed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from sqlalchemy import select
from sqlalchemy.orm import Session

from opsdesk import clock
from opsdesk.errors import ValidationError
from opsdesk.formatting import format_date, format_money
from opsdesk.models import LegalFigureEntry
from opsdesk.models.enums import AuditAction
from opsdesk.reports.table_report import render_table_report
from opsdesk.reports.views import TableReportView
from opsdesk.services import rules
from opsdesk.services.audit import write_audit
from opsdesk.services.office import office_view
from opsdesk.services.permissions import Permission
from opsdesk.services.security import Actor, operation

# What each enterable figure is, in Polish, with its legal basis; money or a plain number.
LABELS: dict[str, tuple[str, bool]] = {
    "single_threshold": ("Kryterium dochodowe osoby samotnie gospodarującej (art. 8 ust. 1 "
                         "pkt 1 ups)", True),
    "family_threshold_per_person": ("Kryterium dochodowe na osobę w rodzinie (art. 8 ust. 1 "
                                    "pkt 2 ups)", True),
    "hectare_income": ("Dochód z 1 ha przeliczeniowego (art. 8 ust. 9 ups)", True),
    "staly_factor": ("Zasiłek stały: krotność kryterium (art. 37 ust. 2 ups)", False),
    "staly_max": ("Zasiłek stały: kwota najwyższa (art. 37 ust. 2 pkt 1 ups)", True),
    "staly_min": ("Zasiłek stały: kwota najniższa (art. 37 ust. 3 ups)", True),
    "okresowy_floor": ("Zasiłek okresowy: kwota najniższa (art. 38 ust. 4 ups)", True),
    "okresowy_single_half_cap": ("Zasiłek okresowy osoby samotnej: górna granica "
                                 "(art. 38 ust. 2 pkt 1 ups)", True),
    "okresowy_min_share": ("Zasiłek okresowy: najniższy udział różnicy (art. 38 ust. 2 "
                           "ups)", False),
    "material_change_share": ("Zmiana dochodu nieistotna do udziału kryterium (art. 106 "
                              "ust. 3a ups)", False),
    "large_one_off_multiple": ("Dochód jednorazowy: krotność kryterium (art. 8 ust. 11 ups)",
                               False),
}
assert set(LABELS) == set(rules.ENTERABLE_FIGURES)
SHIPPED_SOURCE = "tabela programu"


@dataclass(frozen=True)
class FigureForm:
    field: str
    valid_from: date
    value: str
    source: str


@dataclass(frozen=True)
class FigureLine:
    """One figure in force on a day: what it is, its value, since when and from where."""

    field: str
    label: str
    value: str
    since: date
    source: str


def _entries(session: Session, on: date) -> list[LegalFigureEntry]:
    return list(session.scalars(select(LegalFigureEntry).where(
        LegalFigureEntry.valid_from <= on).order_by(LegalFigureEntry.valid_from)))


def figures_in_force(session: Session, on: date) -> rules.LegalFigures:
    """The dated table's row in force on ``on`` with the entries in force that day."""
    return rules.with_entries(rules.figures_on(on), (
        (e.valid_from, e.field, e.value) for e in _entries(session, on)))


def _shown(field: str, value: Decimal) -> str:
    return format_money(value) if LABELS[field][1] else f"{value.normalize():f}".replace(
        ".", ",")


def figures_list(session: Session, on: date) -> list[FigureLine]:
    """Every enterable figure in force on ``on``, with the date and source of its value."""
    row = rules.figures_on(on)
    figures = figures_in_force(session, on)
    latest = {e.field: e for e in _entries(session, on) if e.valid_from >= row.valid_from}
    lines = []
    for field, (label, _money) in LABELS.items():
        entry = latest.get(field)
        lines.append(FigureLine(
            field, label, _shown(field, getattr(figures, field)),
            entry.valid_from if entry else row.valid_from,
            entry.source if entry else SHIPPED_SOURCE))
    return lines


def _value(form: FigureForm) -> Decimal:
    text = form.value.strip().lower().removesuffix("zł").replace("\u00a0", "").replace(
        " ", "").replace(",", ".")
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = Decimal("-1")
    if not value.is_finite() or value < 0 or value.as_tuple().exponent < -4:  # type: ignore[operator]
        raise ValidationError(f"Nieprawidłowa wartość „{form.value}”: podaj liczbę, "
                              "np. 1 100,00 albo 1,30.", field="value")
    return value


@operation(Permission.OFFICE_SETTINGS)
def enter_figure(session: Session, form: FigureForm, *, actor: Actor) -> FigureLine:
    """A figure from a date, today or later (a computed benefit is never recounted
    backwards), with the act or announcement it comes from."""
    if form.field not in LABELS:
        raise ValidationError("Wybierz wskaźnik z listy.", field="field")
    if form.valid_from < clock.today():
        raise ValidationError("Wskaźnik nie może obowiązywać wstecz: podaj dzisiejszą lub "
                              "późniejszą datę wejścia w życie.", field="valid_from")
    source = form.source.strip()
    if not source:
        raise ValidationError("Podaj źródło (np. rozporządzenie Rady Ministrów, Dz.U. … "
                              "poz. …).", field="source")
    if len(source) > 300:
        raise ValidationError("Źródło jest za długie (najwyżej 300 znaków).", field="source")
    value = _value(form)
    if session.scalar(select(LegalFigureEntry.id).where(
            LegalFigureEntry.field == form.field,
            LegalFigureEntry.valid_from == form.valid_from)) is not None:
        raise ValidationError("Ten wskaźnik ma już wartość od tego dnia.", field="valid_from")
    entry = LegalFigureEntry(field=form.field, valid_from=form.valid_from, value=value,
                             source=source, entered_by=actor.id)
    session.add(entry)
    session.flush()
    write_audit(session, actor.id, AuditAction.CREATE, "LegalFigureEntry", entry.id,
                {"field": form.field, "valid_from": form.valid_from.isoformat(),
                 "value": str(value)})
    return FigureLine(form.field, LABELS[form.field][0], _shown(form.field, value),
                      form.valid_from, source)


@operation(Permission.CASE_READ)
def figures_pdf(session: Session, on: date, *, actor: Actor) -> bytes:
    """The list of the figures in force on ``on``, printed."""
    lines = figures_list(session, on)
    write_audit(session, actor.id, AuditAction.PRINT, "LegalFigureEntry", None,
                {"on": on.isoformat()})
    return render_table_report(TableReportView(
        office=office_view(session, on),
        title=f"Wskaźniki prawne obowiązujące w dniu {format_date(on)} r.",
        subtitle="Kryteria dochodowe i kwoty świadczeń, z datą obowiązywania i źródłem",
        columns=("Wskaźnik", "Wartość", "Obowiązuje od", "Źródło"),
        rows=tuple((line.label, line.value, format_date(line.since), line.source)
                   for line in lines),
        generated_on=clock.today(), generated_by=actor.full_name, numeric_columns=(1,)))


UPDATE_FORMAT = "opsdesk-wskazniki/1"


def _update_entries(data: bytes) -> list[FigureForm]:
    """The figures of an update file:
    ``{"format": "opsdesk-wskazniki/1", "wskazniki": [{"wskaznik": "single_threshold",
    "od": "2028-01-01", "wartosc": "1100.00", "zrodlo": "Dz.U. 2027 poz. …"}, …]}``."""
    try:
        content = json.loads(data.decode("utf-8"))
        if content.get("format") != UPDATE_FORMAT:
            raise ValueError("format")
        return [FigureForm(field=str(row["wskaznik"]), valid_from=date.fromisoformat(row["od"]),
                           value=str(row["wartosc"]), source=str(row["zrodlo"]))
                for row in content["wskazniki"]]
    except (UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ValidationError("To nie jest plik aktualizacji wskaźników programu "
                              f"({UPDATE_FORMAT}).") from exc


@operation(Permission.OFFICE_SETTINGS)
def import_update_file(session: Session, data: bytes, *, actor: Actor) -> int:
    """Enter every figure of an update file shipped with a release, all or none; a figure
    the office already has with the same value is skipped, so a file can be read twice.
    Returns how many were entered."""
    entered = 0
    for number, form in enumerate(_update_entries(data), start=1):
        try:
            existing = session.scalar(select(LegalFigureEntry.value).where(
                LegalFigureEntry.field == form.field,
                LegalFigureEntry.valid_from == form.valid_from))
            if existing is not None and existing == _value(form):
                continue
            enter_figure(session, form, actor=actor)
        except ValidationError as exc:
            raise ValidationError(f"Pozycja {number} pliku: {exc.message} Nic nie "
                                  "wczytano.") from exc
        entered += 1
    return entered
