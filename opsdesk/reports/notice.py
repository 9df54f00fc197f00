"""Zawiadomienie o niezałatwieniu sprawy w terminie (kpa art. 36), with the ponaglenie
instruction (art. 37)."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from opsdesk.formatting import format_date
from opsdesk.reports import layout as L
from opsdesk.reports import texts as T
from opsdesk.reports.views import NoticeView


def _subject(subject: str) -> str:
    """ "przyznania zasiłku" or "w sprawie przyznania zasiłku" → "w sprawie przyznania zasiłku"."""
    subject = subject.strip().rstrip(".")
    return subject if subject.lower().startswith("w sprawie") else f"w sprawie {subject}"


def ponaglenie_instruction(view: NoticeView) -> str:
    return T.text(view.texts, "notice.ponaglenie", view.office)


def render_notice(view: NoticeView) -> bytes:
    st = L.styles()
    width = L.frame_width()
    office = view.office
    story: list[Flowable] = L.letterhead(office, town_date=view.issued_on, width=width,
                                         refs=[("Znak sprawy:", view.case_sign)])
    story.append(Spacer(1, 4 * mm))
    story.append(L.addressee_block(view.party_name, view.party_address, width=width,
                                   extra=(view.delivery_note,)))
    story += L.title_block("ZAWIADOMIENIE", f"nr {L.markup(view.number)}<br/>o niezałatwieniu "
                                            f"sprawy w terminie")
    story.append(L.para(T.markup_text(
        view.texts, "notice.body_past" if view.original_deadline < view.issued_on
        else "notice.body", office, bold=("termin",),
        strona_biernik=view.party_accusative, sprawa=_subject(view.subject),
        znak_sprawy=view.case_sign, termin=f"{format_date(view.original_deadline)} r."),
        st.body, raw=True))
    story.append(L.para("Przyczyna zwłoki:", st.section))
    story += L.paragraphs(view.reason, st.body_indent)
    story.append(L.para(T.markup_text(
        view.texts, "notice.new_deadline", office, bold=("nowy_termin",),
        nowy_termin=f"{format_date(view.new_deadline)} r."), st.body, raw=True))
    story.append(L.para("POUCZENIE", st.heading))
    story.append(L.para(ponaglenie_instruction(view), st.body))
    story.extend(L.signature_block(view.signatory_name, view.signatory_position, width=width,
                                   on_behalf_of=office.mayor_genitive if view.on_behalf else ""))
    story += L.recipients_list(("Adresat", "a/a"))
    return L.build_pdf(story, title=f"Zawiadomienie nr {view.number} o niezałatwieniu sprawy w "
                                    f"terminie",
                       office=office, footer_left=f"Zawiadomienie nr {view.number} · znak sprawy "
                                                  f"{view.case_sign}")
