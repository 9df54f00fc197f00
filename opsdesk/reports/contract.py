"""KONTRAKT SOCJALNY (art. 108 ups) in the order of the model set by the regulation of
8 November 2010 (art. 108 ust. 4): the parties, the period, I. the situation, II. the
goals, III. the actions with who and by when, IV. both sides' commitments, V. the review,
the consequences of not keeping it (art. 11 ust. 2), both signatures; its annexes follow,
each signed on its own."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Paragraph, Spacer

from opsdesk.formatting import format_date
from opsdesk.reports import layout as L
from opsdesk.reports import texts as T
from opsdesk.reports.views import ContractStep, ContractView


def _section(heading: str, body: list[Flowable]) -> list[Flowable]:
    """The heading stays on the page with the first line of its body."""
    st = L.styles()
    body = body or [L.para("—", st.body)]
    return [KeepTogether([L.para(heading, st.section), body[0]]), *body[1:]]


def _steps_table(steps: Sequence[ContractStep], width: float) -> Flowable:
    st = L.styles()
    head = [Paragraph(h, st.cell_bold) for h in
            ("Lp.", "Działanie", "Osoba odpowiedzialna", "Termin realizacji")]
    rows: list[list[object]] = [head]
    for i, step in enumerate(steps, start=1):
        what = step.what + (f" (aneks nr {step.annex_number})" if step.annex_number else "")
        rows.append([Paragraph(f"{i}.", st.cell), L.para(what, st.cell),
                     L.para(step.who, st.cell), L.para(f"{format_date(step.due_on)} r.", st.cell)])
    return L.table(rows, [0.07 * width, 0.51 * width, 0.24 * width, 0.18 * width],
                   [("GRID", (0, 0), (-1, -1), 0.5, "#555555")], repeatRows=1)


def _signatures(view: ContractView, width: float) -> Flowable:
    return L.signature_lines(
        [("podpis osoby zawierającej kontrakt", view.client_name),
         ("podpis pracownika socjalnego", f"{view.worker_name}, {view.worker_position}")],
        width=width, space_mm=14)


def _goals(view: ContractView) -> list[Flowable]:
    st = L.styles()
    if not view.goals:
        return []
    main, *detailed = view.goals
    out: list[Flowable] = [L.para(f"<b>Cel główny:</b> {L.markup(main)}", st.body, raw=True)]
    if detailed:
        out.append(L.para("<b>Cele szczegółowe:</b>", st.body_left, raw=True))
        out += L.numbered(detailed, st.body) if len(detailed) > 1 else [
            L.para(f"1. {detailed[0]}", st.body)]
    return out


def _commitments(view: ContractView) -> list[Flowable]:
    st = L.styles()
    out: list[Flowable] = []
    for caption, items in (
            ("Osoba (rodzina) zawierająca kontrakt zobowiązuje się do:",
             view.client_commitments),
            ("Pracownik socjalny (ośrodek) zobowiązuje się do:", view.worker_commitments)):
        out.append(L.para(caption, st.body_left))
        out += L.numbered(items, st.body) if items else [L.para("—", st.body)]
    return out


def _annex(view: ContractView, index: int, width: float) -> list[Flowable]:
    st = L.styles()
    annex = view.annexes[index]
    out: list[Flowable] = L.title_block(
        f"ANEKS nr {annex.number}",
        f"do kontraktu socjalnego nr {L.markup(view.number)} z dnia "
        f"{format_date(view.concluded_on)} r., zawarty w dniu {format_date(annex.made_on)} r.")
    out.append(L.para(f"Strony: {view.worker_name}, {view.worker_position}, {view.office.name} "
                      f"oraz {view.client_name}, zam. {view.client_address}.", st.body))
    out.append(L.para("Strony zgodnie postanawiają wprowadzić do kontraktu następujące zmiany:",
                      st.body))
    out += L.paragraphs(annex.changes, st.body_indent)
    if annex.new_period_to is not None:
        out.append(L.para(f"Kontrakt obowiązuje do dnia {format_date(annex.new_period_to)} r.",
                          st.body))
    added = [s for s in view.steps if s.annex_number == annex.number]
    if added:
        out.append(L.para("Do części III kontraktu dodaje się działania:", st.body_left))
        out += [_steps_table(added, width), Spacer(1, 3 * mm)]
    out.append(L.para("Pozostałe postanowienia kontraktu pozostają bez zmian.", st.body))
    out += [Spacer(1, 8 * mm), _signatures(view, width)]
    return out


def render_contract(view: ContractView) -> bytes:
    st = L.styles()
    width = L.frame_width()
    office = view.office
    story: list[Flowable] = L.letterhead(office, town_date=None, width=width)
    story += L.title_block(
        f"KONTRAKT SOCJALNY nr {view.number}",
        f"zawarty w dniu {format_date(view.concluded_on)} r. w miejscowości "
        f"{L.markup(office.town)}")
    story.append(L.para("pomiędzy:", st.body_left))
    story.append(L.key_value_table([
        ("Pracownik socjalny", f"{view.worker_name}, {view.worker_position}, {office.name}"),
        ("a osobą (rodziną)", f"{view.client_name}, zam. {view.client_address}"),
    ], width=width, key_ratio=0.3))
    story.append(Spacer(1, 2 * mm))
    model = f", według wzoru stanowiącego załącznik do {view.basis}" if view.basis else ""
    changed = [a.number for a in view.annexes if a.new_period_to is not None]
    story.append(L.para(
        "Kontrakt zawiera się na podstawie art. 108 ustawy z dnia 12 marca 2004 r. o pomocy "
        f"społecznej{model}, w celu określenia uprawnień i zobowiązań stron w ramach wspólnie "
        "podejmowanych działań zmierzających do rozwiązania trudnej sytuacji życiowej osoby lub "
        "rodziny.", st.body))
    story.append(L.para(
        f"Kontrakt zawarto na okres od {format_date(view.period_from)} r. do "
        f"{format_date(view.period_to)} r."
        + (f" (termin zmieniony aneksem nr {changed[-1]})." if changed else ""), st.body))

    story += _section("I. Ocena sytuacji osoby (rodziny)",
                      L.paragraphs(view.situation, st.body_indent))
    story += _section("II. Cele kontraktu", _goals(view))
    story += _section("III. Działania, osoby odpowiedzialne i terminy realizacji",
                      [_steps_table(view.steps, width)] if view.steps else [])
    story += _section("IV. Zobowiązania stron", _commitments(view))

    reviews = ", ".join(f"{format_date(d)} r." for d in view.review_dates) or "—"
    review: list[Flowable] = [L.para(
        f"Strony dokonają wspólnej oceny realizacji kontraktu w terminach: {reviews}", st.body)]
    if view.evaluation.strip():
        review.append(L.para("Ocena realizacji:", st.body_left))
        review += L.paragraphs(view.evaluation, st.body_indent)
    if view.outcome.strip():
        review.append(L.para(f"Wynik: {L.markup(view.outcome)}", st.body, raw=True))
    story += _section("V. Ocena realizacji kontraktu", review)

    closing = L.numbered([
        T.text(view.texts, "contract.consequences", office),
        "Zmiana kontraktu wymaga zgody obu stron i następuje w formie aneksu.",
        "Kontrakt sporządzono w dwóch jednobrzmiących egzemplarzach, po jednym dla każdej "
        "ze stron.",
    ], st.body)
    # The signatures stay on the page with the closing clauses.
    story.append(KeepTogether([L.para("Postanowienia końcowe", st.section), *closing,
                               Spacer(1, 8 * mm), _signatures(view, width)]))
    for index in range(len(view.annexes)):
        story += [PageBreak(), *_annex(view, index, width)]
    return L.build_pdf(story, title=f"Kontrakt socjalny nr {view.number}", office=office,
                       footer_left=f"Kontrakt socjalny nr {view.number} · {view.client_name}")
