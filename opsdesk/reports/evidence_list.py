"""Wykaz dowodów w aktach sprawy: what the file of a case holds as evidence, in the order
it came — interviews, letters of social work, checks in central registers, decisions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from opsdesk.formatting import format_date
from opsdesk.reports import layout as L
from opsdesk.reports.views import OfficeView

TITLE = "WYKAZ DOWODÓW W AKTACH SPRAWY"


@dataclass(frozen=True)
class EvidenceItem:
    day: date | None
    what: str
    remark: str  # "wydruk: ekw.pdf", "art. 75 § 1 kpa"


@dataclass(frozen=True)
class EvidenceListView:
    office: OfficeView
    case_sign: str
    person_name: str
    items: tuple[EvidenceItem, ...]
    generated_on: date
    generated_by: str


def render_evidence_list(view: EvidenceListView) -> bytes:
    st = L.styles()
    width = L.frame_width()
    story: list[Flowable] = L.letterhead(view.office, town_date=view.generated_on, width=width,
                                         refs=(("Znak sprawy:", view.case_sign),))
    story += L.title_block(TITLE, f"dotyczy: <b>{L.markup(view.person_name)}</b>")
    header = [L.para(f"<b>{c}</b>", st.cell, raw=True)
              for c in ("Lp.", "Data", "Dowód", "Uwagi")]
    body = [[L.para(str(n), st.cell), L.para(format_date(i.day) if i.day else "—", st.cell),
             L.para(i.what, st.cell), L.para(i.remark, st.cell)]
            for n, i in enumerate(view.items, start=1)]
    if not body:
        body = [[L.para("W aktach sprawy nie ma jeszcze dowodów.", st.cell), "", "", ""]]
    commands = [("GRID", (0, 0), (-1, -1), 0.4, L.GREY),
                ("BACKGROUND", (0, 0), (-1, 0), L.LIGHT_GREY)]
    if not view.items:
        commands.append(("SPAN", (0, 1), (-1, 1)))
    story.append(L.table([header, *body], [width * w for w in (0.06, 0.13, 0.59, 0.22)],
                         commands, long=True, repeatRows=1))
    story.append(Spacer(1, 5 * mm))
    story.append(L.para(f"Sporządził(a): {L.markup(view.generated_by)}, dnia "
                        f"{format_date(view.generated_on)} r.", st.small, raw=True))
    return L.build_pdf(story, title=f"Wykaz dowodów — {view.case_sign}", office=view.office,
                       footer_left=f"Wykaz dowodów · {view.case_sign}")
