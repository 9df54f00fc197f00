"""A formal information or opinion between the social worker and the benefits worker.

It is evidence in the proceedings (kpa art. 75 § 1), so it carries the letterhead,
the case sign, the date and the author's signature.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from opsdesk.reports import layout as L
from opsdesk.reports import texts as T
from opsdesk.reports.views import MessageView


def render_message(view: MessageView) -> bytes:
    st = L.styles()
    width = L.frame_width()
    office = view.office
    story: list[Flowable] = L.letterhead(office, town_date=view.written_on, width=width,
                                         refs=[("Znak sprawy:", view.case_sign)])
    story.append(Spacer(1, 4 * mm))
    story.append(L.addressee_block(view.addressee, "", width=width))
    story += L.title_block(view.kind_label.upper(), f"nr {L.markup(view.number)}")
    rows = [("Dotyczy", view.client_name), ("Adres", view.client_address),
            ("Sporządził(a)", f"{view.author_name}, {view.author_position}")]
    if view.cited_in_decision.strip():
        rows.append(("Powołano w", view.cited_in_decision.strip()))
    story.append(L.key_value_table(rows, width=width, key_ratio=0.22))
    story.append(Spacer(1, 5 * mm))
    story += L.paragraphs(view.body, st.body_indent)
    if view.automatic:  # no worker wrote it: no signature line over a worker's name
        story.append(Spacer(1, 4 * mm))
        story.append(L.para(T.text(view.texts, "message.automatic", office), st.small))
    else:
        story.extend(L.signature_block(view.author_name, view.author_position, width=width,
                                       space_mm=12))
    story.append(Spacer(1, 8 * mm))
    story.append(L.para(T.text(view.texts, "message.evidence", office), st.tiny))
    return L.build_pdf(story, title=f"{view.kind_label} nr {view.number}", office=office,
                       footer_left=f"{view.kind_label} nr {view.number} · znak sprawy "
                                   f"{view.case_sign}")
