"""Legal figures entered ahead: counted from their date, listed and printed with their source;
the latest dated value of a field wins, shipped or entered."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest

from opsdesk.errors import RuleError, ValidationError
from opsdesk.services import interviews, legal_figures, rules
from opsdesk.services.legal_figures import FigureForm
from tests.conftest import TODAY
from tests.pdf_helpers import pdf_text

FROM = date(TODAY.year + 1, 1, 1)
NEW = FigureForm(field="single_threshold", valid_from=FROM, value="1 100,00 zł",
                 source="rozporządzenie Rady Ministrów (projekt), Dz.U. poz. 0")


def test_a_figure_entered_ahead_counts_from_its_date(db, staff):
    line = db.write(lambda s: legal_figures.enter_figure(s, NEW, actor=staff.head))
    assert (line.value, line.since) == ("1\u00a0100,00\u00a0zł", FROM)
    day_before = FROM - timedelta(days=1)
    assert db.read(lambda s: interviews.legal_figures(s, day_before)).single_threshold == \
        rules.figures_on(day_before).single_threshold
    on = db.read(lambda s: interviews.legal_figures(s, FROM))
    assert on.single_threshold == Decimal("1100.00")
    assert rules.income_threshold(FROM, single=True, figures=on) == Decimal("1100.00")
    # The other figures stay as shipped.
    assert on.family_threshold_per_person == rules.figures_on(FROM).family_threshold_per_person
    listed = {x.field: x for x in db.read(lambda s: legal_figures.figures_list(s, FROM))}
    assert (listed["single_threshold"].value, listed["single_threshold"].source) == (
        "1\u00a0100,00\u00a0zł", NEW.source)
    assert listed["staly_factor"].value == "1,3"
    assert listed["staly_factor"].source == legal_figures.SHIPPED_SOURCE
    text = pdf_text(db.write(lambda s: legal_figures.figures_pdf(s, FROM, actor=staff.head)))
    assert f"Wskaźniki prawne obowiązujące w dniu 01.01.{FROM.year} r." in text
    assert "1 100,00 zł" in text and "Dz.U. poz. 0" in text


def test_the_latest_dated_value_wins():
    row = rules.figures_on(date(2025, 3, 1))  # shipped from 1 January 2025
    entries = [(date(2024, 6, 1), "staly_max", Decimal("999")),  # older than the row
               (date(2025, 2, 1), "staly_min", Decimal("120")),
               (date(2025, 2, 15), "staly_min", Decimal("130"))]
    got = rules.with_entries(row, entries)
    assert (got.staly_max, got.staly_min) == (row.staly_max, Decimal("130"))
    assert "staly_min from 2025-02-15" in got.note
    with pytest.raises(RuleError, match="Nieznany wskaźnik"):
        rules.with_entries(row, [(date(2025, 2, 1), "verified", Decimal("1"))])


def test_what_is_refused(db, staff):
    def enter(form: FigureForm) -> None:
        db.write(lambda s: legal_figures.enter_figure(s, form, actor=staff.head))

    with pytest.raises(ValidationError, match="nie może obowiązywać wstecz"):
        enter(replace(NEW, valid_from=TODAY - timedelta(days=1)))
    with pytest.raises(ValidationError, match="Podaj źródło"):
        enter(replace(NEW, source=" "))
    for bad in ("-5", "abc", "1,23456"):
        with pytest.raises(ValidationError, match="Nieprawidłowa wartość"):
            enter(replace(NEW, value=bad))
    enter(NEW)
    with pytest.raises(ValidationError, match="ma już wartość od tego dnia"):
        enter(NEW)


def test_the_head_enters_a_figure_and_sees_it_in_force(qtbot, db, staff, make_ctx, ui_env):
    from pathlib import Path

    from PySide6.QtCore import QDate

    from opsdesk.ui.legal_figures_panel import FigureDialog, LegalFiguresPanel
    from tests.ui_helpers import click_ok, type_text

    ctx = make_ctx(staff.head)
    panel = LegalFiguresPanel(ctx)
    qtbot.addWidget(panel)
    panel.resize(1366, 700)
    panel.show()
    dialog = FigureDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.valid_from.setDate(QDate(FROM))
    type_text(dialog.value, "1100")
    click_ok(dialog)
    assert dialog.error_label.text() == "Podaj źródło (np. rozporządzenie Rady Ministrów, " \
                                        "Dz.U. … poz. …)."
    type_text(dialog.source, "obwieszczenie (Monitor Polski)")
    click_ok(dialog)
    assert not dialog.isVisible()
    panel.day.setDate(QDate(FROM))
    first = panel.model.index(0, 1)
    assert panel.model.data(first) == "1\u00a0100,00\u00a0zł"
    assert panel.model.data(panel.model.index(0, 3)) == "obwieszczenie (Monitor Polski)"
    shots = Path("/tmp/shots20")
    if shots.is_dir():
        panel.grab().save(str(shots / "legal-figures.png"))


def _update(*rows: dict[str, str]) -> bytes:
    import json
    return json.dumps({"format": "opsdesk-wskazniki/1", "wskazniki": list(rows)}).encode()


def test_an_update_file_enters_its_figures_all_or_none(db, staff):
    from opsdesk.models import LegalFigureEntry

    good = {"wskaznik": "family_threshold_per_person", "od": FROM.isoformat(),
            "wartosc": "900.00", "zrodlo": "rozporządzenie (plik aktualizacji)"}
    bad = {"wskaznik": "staly_max", "od": (TODAY - timedelta(days=3)).isoformat(),
           "wartosc": "1300", "zrodlo": "x"}

    def read(data: bytes) -> int:
        return db.write(lambda s: legal_figures.import_update_file(s, data, actor=staff.head))

    with pytest.raises(ValidationError, match=r"^Pozycja 2 pliku: Wskaźnik nie może "
                                              r"obowiązywać wstecz.*Nic nie wczytano\.$"):
        read(_update(good, bad))
    assert db.read(lambda s: s.query(LegalFigureEntry).count()) == 0
    assert read(_update(good)) == 1
    assert read(_update(good)) == 0  # read twice: nothing new
    assert db.read(lambda s: interviews.legal_figures(s, FROM)).family_threshold_per_person \
        == Decimal("900.00")
    with pytest.raises(ValidationError, match="ma już wartość od tego dnia"):
        read(_update({**good, "wartosc": "901"}))
    with pytest.raises(ValidationError, match="To nie jest plik aktualizacji"):
        read(b'{"format": "inny"}')
