"""ZAŚWIADCZENIE issued at a person's request (kpa art. 217)."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from opsdesk.reports import layout as L
from opsdesk.reports import texts as T
from opsdesk.reports.views import CertificateView


def render_certificate(view: CertificateView) -> bytes:
    st = L.styles()
    width = L.frame_width()
    office = view.office
    story: list[Flowable] = L.letterhead(office, town_date=view.issued_on, width=width)
    story += L.title_block("ZAŚWIADCZENIE", f"nr {L.markup(view.number)}")
    story.append(L.para(T.text(view.texts, "certificate.basis", office), st.body))
    story.append(L.para(T.text(view.texts, "certificate.intro", office), st.body))
    story.append(Spacer(1, 2 * mm))
    story.append(L.key_value_table(
        [("Imię i nazwisko", view.person_name), ("PESEL", view.pesel),
         ("Adres zamieszkania", view.address)],
        width=width, key_ratio=0.28))
    story.append(Spacer(1, 4 * mm))
    story += L.paragraphs(view.content, st.body_indent)
    if view.purpose.strip():
        story.append(Spacer(1, 2 * mm))
        story.append(L.para(T.text(view.texts, "certificate.on_request", office), st.body))
        story.append(L.para(f"Cel wydania zaświadczenia: "
                            f"{L.markup(view.purpose.rstrip('.'))}.", st.body, raw=True))
    if view.fee_note.strip():
        story.append(L.para(view.fee_note, st.small))
    story.extend(L.signature_block(
        view.issued_by_name, view.issued_by_position, width=width,
        on_behalf_of=f"Kierownika {L.office_genitive(office)}" if view.on_behalf else ""))
    return L.build_pdf(story, title=f"Zaświadczenie nr {view.number}", office=office,
                       footer_left=f"Zaświadczenie nr {view.number}")
