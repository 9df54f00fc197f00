"""The decision on the right to publicly funded health care (art. 54 uśoz), with the kpa
art. 107 § 1 elements: the organ, date and place, the party, the legal basis, the ruling,
the justification, the instruction on appeal, the signature "z upoważnienia"."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from opsdesk.reports import layout as L
from opsdesk.reports.views import OfficeView


@dataclass(frozen=True)
class HealthCareDecisionView:
    office: OfficeView
    number: str
    case_sign: str
    issued_on: date
    party_name: str
    party_address: str
    party_pesel: str
    legal_basis: str  # "Na podstawie art. 54 ust. 1 i 3 ustawy …"
    applied_on: date
    granted: bool
    period_from: date | None
    period_to: date | None
    justification: str  # paragraphs separated by blank lines
    signatory_name: str
    signatory_position: str
    recipients: tuple[str, ...]
    delivery_note: str = ""  # a party with no address: the recorded reason and place


def _ruling(view: HealthCareDecisionView) -> str:
    # The party named in brackets: a name cannot be put in the genitive reliably.
    who = L.markup(view.party_name) + (f", PESEL {view.party_pesel}" if view.party_pesel else "")
    if view.granted:
        assert view.period_from is not None and view.period_to is not None
        return (f"Potwierdza się prawo strony (<b>{who}</b>) do świadczeń opieki zdrowotnej "
                f"finansowanych ze środków publicznych w okresie od "
                f"<b>{view.period_from:%d.%m.%Y} r.</b> do <b>{view.period_to:%d.%m.%Y} r.</b>")
    return (f"Odmawia się potwierdzenia prawa strony (<b>{who}</b>) do świadczeń opieki "
            "zdrowotnej finansowanych ze środków publicznych.")


def _instruction(view: HealthCareDecisionView) -> list[str]:
    office = view.office
    items = [
        "Od niniejszej decyzji służy stronie odwołanie do "
        f"{L.sko_genitive(office)} za pośrednictwem {L.appeal_via(office)}, "
        "w terminie 14 dni od dnia jej doręczenia (art. 127 § 1 i 2 oraz art. 129 § 1 i 2 "
        "Kodeksu postępowania administracyjnego).",
        "W trakcie biegu terminu do wniesienia odwołania strona może zrzec się prawa do "
        "wniesienia odwołania wobec organu, który wydał decyzję (art. 127a § 1 Kodeksu "
        "postępowania administracyjnego). Z dniem doręczenia organowi oświadczenia o zrzeczeniu "
        "się prawa do wniesienia odwołania decyzja staje się ostateczna i prawomocna "
        "(art. 127a § 2), co oznacza, że nie można jej zaskarżyć odwołaniem ani skargą do sądu "
        "administracyjnego.",
    ]
    if view.granted:
        items.append("Prawo do świadczeń potwierdzone niniejszą decyzją wygasa z dniem objęcia "
                     "strony ubezpieczeniem zdrowotnym. Strona jest obowiązana niezwłocznie "
                     "poinformować ośrodek o objęciu jej ubezpieczeniem.")
    return items


def render(view: HealthCareDecisionView) -> bytes:
    st = L.styles()
    width = L.frame_width()
    office = view.office
    story: list[Flowable] = L.letterhead(office, town_date=view.issued_on, width=width,
                                         refs=[("Znak sprawy:", view.case_sign)])
    story.append(Spacer(1, 4 * mm))
    story.append(L.addressee_block(view.party_name, view.party_address, width=width,
                                   extra=(view.delivery_note,)))
    story += L.title_block(f"DECYZJA nr {view.number}")
    story.append(L.party_line(view.party_name, view.party_pesel,
                              "" if view.delivery_note else view.party_address,
                              delivery_note=view.delivery_note))
    story.append(L.para(f"{view.legal_basis}, po rozpatrzeniu wniosku z dnia "
                        f"{view.applied_on:%d.%m.%Y} r. {office.mayor_title} orzeka, co "
                        "następuje:", st.body))
    story.append(L.para(_ruling(view), st.body, raw=True))
    story.append(L.para("UZASADNIENIE", st.heading))
    story += L.paragraphs(view.justification, st.body_indent)
    if view.granted:
        story.append(L.para(L.IN_FULL, st.body))
    story += L.instruction_and_signature(
        _instruction(view), name=view.signatory_name, position=view.signatory_position,
        width=width, on_behalf_of=office.mayor_genitive, recipients=view.recipients)
    return L.build_pdf(story, title=f"Decyzja nr {view.number}", office=office,
                       subject=f"Prawo do świadczeń opieki zdrowotnej (art. 54 uśoz), znak "
                               f"sprawy {view.case_sign}",
                       footer_left=f"Decyzja nr {view.number} · znak sprawy {view.case_sign}")
