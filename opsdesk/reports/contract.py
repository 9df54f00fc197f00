"""KONTRAKT SOCJALNY (art. 108 ups), signed by the person and the social worker."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from opsdesk.formatting import format_date
from opsdesk.reports import layout as L
from opsdesk.reports.views import ContractView


def render_contract(view: ContractView) -> bytes:
    st = L.styles()
    width = L.frame_width()
    office = view.office
    story: list[Flowable] = L.letterhead(office, town_date=None, width=width)
    story += L.title_block(
        f"KONTRAKT SOCJALNY nr {view.number}",
        f"zawarty w dniu {format_date(view.concluded_on)} r. w miejscowości "
        f"{L.markup(office.town)}")
    story.append(L.para("Strony kontraktu:", st.section))
    story.append(L.key_value_table([
        ("Pracownik socjalny", f"{view.worker_name}, {view.worker_position}, {office.name}"),
        ("Osoba (rodzina) zawierająca kontrakt", f"{view.client_name}, zam. {view.client_address}"),
        ("Okres obowiązywania", f"od {format_date(view.period_from)} r. do "
                                f"{format_date(view.period_to)} r."),
    ], width=width, key_ratio=0.3))
    story.append(Spacer(1, 2 * mm))
    story.append(L.para(
        "Kontrakt socjalny zawiera się na podstawie art. 108 ustawy z dnia 12 marca 2004 r. o "
        "pomocy społecznej w celu określenia uprawnień i zobowiązań stron w ramach wspólnie "
        "podejmowanych działań zmierzających do rozwiązania trudnej sytuacji życiowej osoby lub "
        "rodziny.", st.body))

    sections = [
        ("§ 1. Cele kontraktu", view.goals),
        ("§ 2. Zobowiązania osoby (rodziny) zawierającej kontrakt", view.client_commitments),
        ("§ 3. Zobowiązania pracownika socjalnego (ośrodka)", view.worker_commitments),
    ]
    for heading, items in sections:
        body = L.numbered(items, st.body) if items else [L.para("—", st.body)]
        story.append(KeepTogether([L.para(heading, st.section), body[0]]))
        story += body[1:]

    reviews = ", ".join(f"{format_date(d)} r." for d in view.review_dates) or "—"
    story.append(L.para("§ 4. Ocena realizacji kontraktu", st.section))
    story.append(L.para(f"Strony dokonają wspólnej oceny realizacji kontraktu w terminach: "
                        f"{reviews}",
                        st.body))
    if view.evaluation.strip():
        story.append(L.para("Ocena realizacji:", st.body_left))
        story += L.paragraphs(view.evaluation, st.body_indent)
    if view.outcome.strip():
        story.append(L.para(f"Wynik: {L.markup(view.outcome)}", st.body, raw=True))

    closing = L.numbered([
        "Odmowa zawarcia kontraktu socjalnego, niedotrzymywanie jego postanowień lub "
        "nieuzasadniona odmowa współpracy mogą stanowić podstawę odmowy przyznania świadczenia, "
        "uchylenia decyzji o przyznaniu świadczenia lub wstrzymania świadczeń pieniężnych z pomocy "
        "społecznej (art. 11 ust. 2 ustawy o pomocy społecznej).",
        "Zmiany kontraktu wymagają zgody obu stron.",
        "Kontrakt sporządzono w dwóch jednobrzmiących egzemplarzach, po jednym dla każdej "
        "ze stron.",
    ], st.body)
    signatures = L.signature_lines(
        [("podpis osoby zawierającej kontrakt", view.client_name),
         ("podpis pracownika socjalnego", f"{view.worker_name}, {view.worker_position}")],
        width=width, space_mm=14)
    # The signatures stay on the page with the closing clauses.
    story.append(KeepTogether([L.para("§ 5. Postanowienia końcowe", st.section), *closing,
                               Spacer(1, 8 * mm), signatures]))
    return L.build_pdf(story, title=f"Kontrakt socjalny nr {view.number}", office=office,
                       footer_left=f"Kontrakt socjalny nr {view.number} · {view.client_name}")
