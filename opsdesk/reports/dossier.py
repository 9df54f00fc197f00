"""The copy of personal data processed about a person (art. 15 RODO)."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from opsdesk.formatting import format_date
from opsdesk.reports import layout as L
from opsdesk.reports.views import DossierView

TITLE = "Informacja o przetwarzanych danych osobowych (art. 15 RODO)"


def render_dossier(view: DossierView) -> bytes:
    st = L.styles()
    width = L.frame_width()
    office = view.office
    story: list[Flowable] = L.letterhead(office, town_date=view.generated_on, width=width)
    story += L.title_block("INFORMACJA O PRZETWARZANYCH DANYCH OSOBOWYCH",
                           f"(art. 15 RODO) — dotyczy: <b>{L.markup(view.person_name)}</b>")
    story.append(L.para(
        "Na podstawie art. 15 ust. 1 i 3 rozporządzenia Parlamentu Europejskiego i Rady (UE) "
        "2016/679 z dnia 27 kwietnia 2016 r. (RODO) administrator danych — "
        f"{L.markup(office.name)}, {L.markup(office.address)} — przekazuje kopię danych osobowych "
        "przetwarzanych na temat osoby, której dane dotyczą.", st.body, raw=True))
    for section in view.sections:
        table = L.key_value_table(section.rows or (("—", "brak danych"),), width=width,
                                  key_ratio=0.3)
        story.append(KeepTogether([L.para(section.title, st.section), table]))
    story.append(Spacer(1, 6 * mm))
    story.append(L.para(
        f"Sporządził(a): {L.markup(view.generated_by)}, dnia {format_date(view.generated_on)} r.",
        st.small, raw=True))
    story.extend(L.signature_block(view.generated_by, "", width=width, space_mm=10))
    return L.build_pdf(story, title=f"{TITLE} — {view.person_name}", office=office,
                       footer_left=f"Informacja art. 15 RODO · {view.person_name}")
