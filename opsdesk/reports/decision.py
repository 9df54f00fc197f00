"""Administrative decision with every element of kpa art. 107 § 1."""

from __future__ import annotations

import re

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from opsdesk.reports import layout as L
from opsdesk.reports.views import DecisionView

_NUMBERED_RE = re.compile(r"^\s*\d+[.)]\s")


# The program's own POUCZENIE (kpa art. 127, 127a, 129 and art. 109 ups), with the fields the
# head's versions use too (services/templates.py): {kolegium_dopelniacz}, {za_posrednictwem}.
DEFAULT_INSTRUCTIONS: tuple[str, ...] = (
    "Od niniejszej decyzji służy stronie odwołanie do {kolegium_dopelniacz} za pośrednictwem "
    "{za_posrednictwem}, w terminie 14 dni od dnia jej doręczenia (art. 127 § 1 i 2 oraz "
    "art. 129 § 1 i 2 Kodeksu postępowania administracyjnego).",
    "W trakcie biegu terminu do wniesienia odwołania strona może zrzec się prawa do wniesienia "
    "odwołania wobec organu, który wydał decyzję (art. 127a § 1 Kodeksu postępowania "
    "administracyjnego). Z dniem doręczenia organowi oświadczenia o zrzeczeniu się prawa do "
    "wniesienia odwołania przez ostatnią ze stron postępowania decyzja staje się ostateczna "
    "i prawomocna (art. 127a § 2), co oznacza, że nie można jej zaskarżyć odwołaniem ani "
    "skargą do sądu administracyjnego.",
    "Zgodnie z art. 109 ustawy z dnia 12 marca 2004 r. o pomocy społecznej osoby i rodziny "
    "korzystające ze świadczeń z pomocy społecznej są obowiązane niezwłocznie poinformować "
    "organ, który przyznał świadczenie, o każdej zmianie w ich sytuacji osobistej, dochodowej "
    "i majątkowej, która wiąże się z podstawą do przyznania świadczeń.",
)


def appeal_instruction(view: DecisionView) -> list[str]:
    """POUCZENIE: the texts in force on the decision's date when the service gave them, else
    the program's own: appeal (kpa art. 127, 129), its waiver (art. 127a), art. 109 ups."""
    if view.instructions:
        return list(view.instructions)
    office = view.office
    values = {"kolegium_dopelniacz": L.sko_genitive(office),
              "za_posrednictwem": L.appeal_via(office)}
    return [text.format(**values) for text in DEFAULT_INSTRUCTIONS]


def _ruling(items: tuple[str, ...]) -> list[Flowable]:
    st = L.styles()
    if any(_NUMBERED_RE.match(item) for item in items):
        return [L.para(item, st.body) for item in items]
    return L.numbered(items, st.body)


def render_decision(view: DecisionView) -> bytes:
    st = L.styles()
    width = L.frame_width()
    office = view.office
    story: list[Flowable] = L.letterhead(office, town_date=view.issued_on, width=width,
                                         refs=[("Znak sprawy:", view.case_sign)])
    story.append(Spacer(1, 4 * mm))
    # The PESEL stays out of the address block, which shows through a window envelope.
    note = view.party_delivery_note
    story.append(L.addressee_block(view.party_name, view.party_address, width=width,
                                   extra=(note,)))
    story += L.title_block(f"{view.title} nr {view.number}")
    story.append(L.party_line(view.party_name, view.party_pesel, view.party_address,
                              delivery_note=note))

    basis = view.legal_basis.strip()
    if not basis.lower().startswith("na podstawie"):
        basis = f"Na podstawie {basis}"
    if view.proceeding:
        basis = f"{basis.rstrip(' ,')}, {view.proceeding}"
    story.append(L.para(basis.rstrip(" ,") + ",", st.body))
    story.append(L.para("orzekam:", st.heading))
    story += _ruling(view.ruling)

    if view.immediate_enforcement_reason.strip():
        story.append(L.para(
            "Decyzji nadaje się rygor natychmiastowej wykonalności na podstawie art. 108 § 1 "
            "Kodeksu postępowania administracyjnego.", st.body))

    rygor = view.immediate_enforcement_reason.strip()
    # kpa art. 107 § 4: the justification may be left out only when the request is granted
    # in full; a rygor natychmiastowej wykonalności must be justified in any case (art. 108).
    if view.justification.strip() or not view.granted_in_full or rygor:
        story.append(L.para("UZASADNIENIE", st.heading))
        story += L.paragraphs(view.justification, st.body_indent)
        if rygor:
            story.append(L.para(
                "Rygor natychmiastowej wykonalności nadano decyzji z następujących "
                "przyczyn:", st.body))
            story += L.paragraphs(rygor, st.body_indent)
    if view.granted_in_full and not rygor:
        story.append(L.para(L.IN_FULL, st.body))
    story += L.instruction_and_signature(
        appeal_instruction(view), name=view.signatory_name,
        position=view.signatory_position, width=width,
        on_behalf_of=office.mayor_genitive if view.on_behalf else "",
        recipients=view.recipients)
    return L.build_pdf(story, title=f"{view.title} nr {view.number}", office=office,
                       subject=f"Decyzja administracyjna, znak sprawy {view.case_sign}",
                       footer_left=f"{view.title.capitalize()} nr {view.number} · znak sprawy "
                                   f"{view.case_sign}")
