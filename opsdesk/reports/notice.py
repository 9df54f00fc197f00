"""Zawiadomienie o niezałatwieniu sprawy w terminie (kpa art. 36), with the ponaglenie
instruction (art. 37)."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from opsdesk.formatting import format_date
from opsdesk.reports import layout as L
from opsdesk.reports.views import NoticeView


def _subject(subject: str) -> str:
    """ "przyznania zasiłku" or "w sprawie przyznania zasiłku" → "w sprawie przyznania zasiłku"."""
    subject = subject.strip().rstrip(".")
    return subject if subject.lower().startswith("w sprawie") else f"w sprawie {subject}"


def ponaglenie_instruction(view: NoticeView) -> str:
    office = view.office
    return (
        "Zgodnie z art. 37 § 1 Kodeksu postępowania administracyjnego stronie służy prawo do "
        "wniesienia ponaglenia, jeżeli nie załatwiono sprawy w terminie określonym w art. 35 lub w "
        "przepisach szczególnych ani w terminie wskazanym zgodnie z art. 36 § 1 (bezczynność) albo "
        "postępowanie jest prowadzone dłużej, niż jest to niezbędne do załatwienia sprawy "
        "(przewlekłość). "
        f"Ponaglenie wnosi się do {L.sko_genitive(office)} za pośrednictwem {L.appeal_via(office)} "
        "(art. 37 § 3 pkt 1 Kodeksu postępowania administracyjnego). Ponaglenie zawiera "
        "uzasadnienie (art. 37 § 2)."
    )


def render_notice(view: NoticeView) -> bytes:
    st = L.styles()
    width = L.frame_width()
    office = view.office
    story: list[Flowable] = L.letterhead(office, town_date=view.issued_on, width=width,
                                         refs=[("Znak sprawy:", view.case_sign)])
    story.append(Spacer(1, 4 * mm))
    story.append(L.addressee_block(view.party_name, view.party_address, width=width))
    story += L.title_block("ZAWIADOMIENIE", f"nr {L.markup(view.number)}<br/>o niezałatwieniu "
                                            f"sprawy w terminie")
    whom = f" {view.party_accusative}" if view.party_accusative else ""
    story.append(L.para(
        "Na podstawie art. 36 § 1 ustawy z dnia 14 czerwca 1960 r. – Kodeks postępowania "
        f"administracyjnego zawiadamiam{whom}, że postępowanie {L.markup(_subject(view.subject))} "
        f"(znak sprawy: {L.markup(view.case_sign)}) nie zostanie zakończone w przewidzianym "
        f"terminie, tj. do dnia <b>{format_date(view.original_deadline)} r.</b>", st.body,
        raw=True))
    story.append(L.para("Przyczyna zwłoki:", st.section))
    story += L.paragraphs(view.reason, st.body_indent)
    story.append(L.para(
        "Nowy termin załatwienia sprawy wyznaczam na dzień "
        f"<b>{format_date(view.new_deadline)} r.</b>",
        st.body, raw=True))
    story.append(L.para("POUCZENIE", st.heading))
    story.append(L.para(ponaglenie_instruction(view), st.body))
    story.extend(L.signature_block(view.signatory_name, view.signatory_position, width=width,
                                   on_behalf_of=office.mayor_genitive if view.on_behalf else ""))
    story += L.recipients_list(("Adresat", "a/a"))
    return L.build_pdf(story, title=f"Zawiadomienie nr {view.number} o niezałatwieniu sprawy w "
                                    f"terminie",
                       office=office, footer_left=f"Zawiadomienie nr {view.number} · znak sprawy "
                                                  f"{view.case_sign}")
