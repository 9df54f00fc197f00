"""A generic landscape table report (statistics, lists)."""

from __future__ import annotations

import re

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from opsdesk.formatting import format_date
from opsdesk.reports import layout as L
from opsdesk.reports.views import TableReportView

_NUMERIC_RE = re.compile(r"^-?[\d\u00a0 ]+(,\d+)?(\u00a0?(zł|%))?$")


def _numeric_columns(view: TableReportView) -> set[int]:
    if view.numeric_columns:
        return set(view.numeric_columns)
    found = set()
    for i in range(len(view.columns)):
        values = [r[i].strip() for r in view.rows
                  if i < len(r) and r[i].strip() not in ("", "—", "-")]
        if values and all(_NUMERIC_RE.match(v) for v in values):
            found.add(i)
    return found


def _column_widths(view: TableReportView, width: float) -> list[float]:
    """Share the width by typical content length, within sensible bounds."""
    weights = []
    for i, title in enumerate(view.columns):
        lengths = sorted(len(r[i]) for r in view.rows if i < len(r)) or [0]
        typical = lengths[int(len(lengths) * 0.9) - 1 if len(lengths) > 1 else 0]
        longest_word = max((len(w) for w in title.split()), default=4)
        weights.append(min(max(typical, longest_word, 4), 40))
    total = sum(weights)
    return [width * w / total for w in weights]


def render_table_report(view: TableReportView) -> bytes:
    st = L.styles()
    margin = L.NARROW_MARGIN
    width = L.frame_width(L.LANDSCAPE, margin)
    story: list[Flowable] = L.letterhead(view.office, town_date=view.generated_on, width=width)
    story += L.title_block(view.title, L.markup(view.subtitle) if view.subtitle else "")
    numeric = _numeric_columns(view)
    header = [L.para(f"<b>{L.markup(c)}</b>", st.cell_right if i in numeric else st.cell, raw=True)
              for i, c in enumerate(view.columns)]
    body = []
    for row in view.rows:
        cells = list(row) + [""] * (len(view.columns) - len(row))
        body.append([L.para(v, st.cell_right if i in numeric else st.cell)
                     for i, v in enumerate(cells)])
    if not body:
        body = [[L.para("Brak danych do wyświetlenia.", st.cell)] + [""] * (len(view.columns) - 1)]
    commands = [
        ("GRID", (0, 0), (-1, -1), 0.4, L.GREY),
        ("BACKGROUND", (0, 0), (-1, 0), L.LIGHT_GREY),
        ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
    ]
    if not view.rows:
        commands.append(("SPAN", (0, 1), (-1, 1)))
    story.append(L.table([header, *body], _column_widths(view, width), commands, long=True,
                         repeatRows=1))
    story.append(Spacer(1, 5 * mm))
    story.append(L.para(
        f"Sporządził(a): {L.markup(view.generated_by)}, dnia {format_date(view.generated_on)} r.",
        st.small, raw=True))
    return L.build_pdf(story, title=view.title, office=view.office,
                       subject=view.subtitle or view.title, pagesize=L.LANDSCAPE, margin=margin,
                       footer_left=view.title)
