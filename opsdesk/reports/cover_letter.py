"""An official letter of the centre to another institution (pismo przewodnie): a family
interview sent back to the centre that asked for it, the candidate for a guardian named
to a court, the documents of a DPS referral, the findings of preparatory proceedings
handed over, the confirmation of actual care.

Built from the shared pieces of ``layout`` only: letterhead with the case sign and the
addressee's reference, the addressee on the right, "Dotyczy:", the body, a table where the
letter gives figures, the attachments and the head's signature."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from opsdesk.reports import layout as L
from opsdesk.reports.views import OfficeView


@dataclass(frozen=True)
class CoverLetterView:
    office: OfficeView
    case_sign: str
    written_on: date
    addressee: str  # "Miejski Ośrodek Pomocy Społecznej w Poznaniu"
    addressee_address: str
    their_reference: str  # "Wasz znak" / sygnatura akt; "" when none
    subject: str  # follows "Dotyczy: "
    body: str  # paragraphs separated by blank lines
    signatory_name: str
    signatory_position: str
    figures: tuple[tuple[str, str], ...] = field(default=())  # label, value (e.g. fees)
    attachments: tuple[str, ...] = field(default=())
    title: str = ""  # a heading above the body ("POTWIERDZENIE …"); none for a plain letter


def render_cover_letter(view: CoverLetterView) -> bytes:
    st = L.styles()
    width = L.frame_width()
    story: list[Flowable] = L.letterhead(
        view.office, town_date=view.written_on, width=width,
        refs=[("Znak sprawy:", view.case_sign), ("Wasz znak:", view.their_reference)])
    story.append(Spacer(1, 4 * mm))
    story.append(L.addressee_block(view.addressee, view.addressee_address, width=width))
    if view.title:
        story += L.title_block(view.title)
    else:
        story.append(Spacer(1, 8 * mm))
    story.append(L.para(f"<b>Dotyczy:</b> {L.markup(view.subject)}", st.body_left, raw=True))
    story.append(Spacer(1, 3 * mm))
    story += L.paragraphs(view.body, st.body_indent)
    if view.figures:
        story.append(Spacer(1, 2 * mm))
        story.append(L.key_value_table(view.figures, width=width, key_ratio=0.6))
    story.extend(L.signature_block(view.signatory_name, view.signatory_position, width=width))
    if view.attachments:
        story.append(Spacer(1, 4 * mm))
        story.append(L.para("<u>Załączniki:</u>", st.small, raw=True))
        story += [L.para(f"{i}. {a}", st.small) for i, a in enumerate(view.attachments, 1)]
    return L.build_pdf(story, title=f"Pismo — {view.subject}", office=view.office,
                       footer_left=f"Znak sprawy {view.case_sign}")
