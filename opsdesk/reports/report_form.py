"""A yearly report printed section by section: each line of the form with its value, or
left blank with the reason the records do not hold it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from opsdesk.formatting import format_date, format_money
from opsdesk.reports import layout as L
from opsdesk.reports.views import OfficeView

Value = int | Decimal | str | None


@dataclass(frozen=True)
class FormLine:
    label: str
    values: tuple[Value, ...]  # one per column of the section; None: not in the records
    missing: str = ""  # why, when the records do not hold it

    @property
    def held(self) -> bool:
        return not self.missing


@dataclass(frozen=True)
class FormSection:
    title: str
    lines: tuple[FormLine, ...]
    columns: tuple[str, ...] = ("Wartość",)


@dataclass(frozen=True)
class ReportFormView:
    office: OfficeView
    title: str
    period_text: str
    sections: tuple[FormSection, ...]
    notes: tuple[str, ...]
    generated_on: date
    generated_by: str


def value_text(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format_money(value, currency=False)
    return str(value)


def render_report_form(view: ReportFormView) -> bytes:
    st = L.styles()
    width = L.frame_width()
    story: list[Flowable] = L.letterhead(view.office, town_date=view.generated_on, width=width)
    story += L.title_block(view.title.upper(),
                           f"okres sprawozdawczy: <b>{L.markup(view.period_text)}</b>")
    # Long column titles of the form (MRPiPS-03) in a smaller face, so no word is split.
    header_style = ParagraphStyle("form_header", parent=st.cell_right, fontSize=7.5, leading=9)
    number = 0
    for section in view.sections:
        n = len(section.columns)
        label_width = 0.58 if n == 1 else 0.28
        widths = [width * 0.06, width * label_width] + \
            [width * (0.94 - label_width) / n] * n
        rows = [[L.para("<b>Lp.</b>", st.cell, raw=True),
                 L.para("<b>Wyszczególnienie</b>", st.cell, raw=True)]
                + [L.para(f"<b>{L.markup(c)}</b>", header_style, raw=True)
                   for c in section.columns]]
        commands = [("GRID", (0, 0), (-1, -1), 0.4, L.GREY),
                    ("BACKGROUND", (0, 0), (-1, 0), L.LIGHT_GREY)]
        for line in section.lines:
            number += 1
            row = [L.para(str(number), st.cell), L.para(line.label.strip(), st.cell)]
            if line.held:
                row += [L.para(value_text(v) or "—", st.cell_right) for v in line.values]
                row += [""] * (n - len(line.values))
            else:
                row += [L.para(f"— brak w ewidencji: {line.missing}", st.cell)] + [""] * (n - 1)
                commands.append(("SPAN", (2, len(rows)), (-1, len(rows))))
            rows.append(row)
        table = L.table(rows, widths, commands, long=True, repeatRows=1)
        heading = L.para(section.title, st.section)
        story += [KeepTogether([heading, table])] if len(rows) < 14 else [heading, table]
    story.append(Spacer(1, 4 * mm))
    story += [L.para(note, st.tiny) for note in view.notes]
    story.append(Spacer(1, 4 * mm))
    story.append(L.para(f"Sporządził(a): {L.markup(view.generated_by)}, dnia "
                        f"{format_date(view.generated_on)} r.", st.small, raw=True))
    return L.build_pdf(story, title=f"{view.title} — {view.period_text}", office=view.office,
                       footer_left=f"{view.title} · {view.period_text}")
