"""Administrative decision with every element of kpa art. 107 § 1."""

from __future__ import annotations

import re

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from opsdesk.reports import layout as L
from opsdesk.reports import texts as T
from opsdesk.reports.views import DecisionView

_NUMBERED_RE = re.compile(r"^\s*\d+[.)]\s")
_BASIS_RE = re.compile(r"^na podstawie\s+", re.IGNORECASE)  # the worker may have typed it


# The program's own POUCZENIE (kpa art. 127, 127a, 129 and art. 109 ups), with the fields the
# head's versions use too (services/templates.py): {kolegium_dopelniacz}, {za_posrednictwem}.
DEFAULT_INSTRUCTIONS: tuple[str, ...] = tuple(T.DEFAULTS[k] for k in T.INSTRUCTION_KEYS[:3])


def appeal_instruction(view: DecisionView) -> list[str]:
    """POUCZENIE: the texts in force on the decision's date when the service gave them, else
    the program's own: appeal (kpa art. 127, 129), its waiver (art. 127a), art. 109 ups."""
    if view.instructions:
        return list(view.instructions)
    return [T.text({}, key, view.office) for key in T.INSTRUCTION_KEYS[:3]]


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

    cited = _BASIS_RE.sub("", view.legal_basis.strip()).rstrip(" ,")
    story.append(L.para(T.text(view.texts, "decision.basis", office, przepisy=cited,
                               tryb=view.proceeding), st.body))
    story.append(L.para(T.text(view.texts, "decision.orzekam", office), st.heading))
    story += _ruling(view.ruling)

    if view.immediate_enforcement_reason.strip():
        story.append(L.para(T.text(view.texts, "decision.rygor", office), st.body))

    rygor = view.immediate_enforcement_reason.strip()
    # kpa art. 107 § 4: the justification may be left out only when the request is granted
    # in full; a rygor natychmiastowej wykonalności must be justified in any case (art. 108).
    if view.justification.strip() or not view.granted_in_full or rygor:
        story.append(L.para("UZASADNIENIE", st.heading))
        story += L.paragraphs(view.justification, st.body_indent)
        if rygor:
            story.append(L.para(T.text(view.texts, "decision.rygor_reasons", office),
                                st.body))
            story += L.paragraphs(rygor, st.body_indent)
    if view.granted_in_full and not rygor:
        story.append(L.para(T.text(view.texts, "decision.in_full", office), st.body))
    story += L.instruction_and_signature(
        appeal_instruction(view), name=view.signatory_name,
        position=view.signatory_position, width=width,
        on_behalf_of=office.mayor_genitive if view.on_behalf else "",
        recipients=view.recipients)
    return L.build_pdf(story, title=f"{view.title} nr {view.number}", office=office,
                       subject=f"Decyzja administracyjna, znak sprawy {view.case_sign}",
                       footer_left=f"{view.title.capitalize()} nr {view.number} · znak sprawy "
                                   f"{view.case_sign}")
