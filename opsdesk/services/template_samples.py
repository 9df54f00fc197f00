"""A sample document for the text the head is editing: the same view the real document is
printed from, with made-up data and her text in its place — as a PDF (the report itself)
and as blocks the editor's live preview lays out like the page."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta

from sqlalchemy.orm import Session

from opsdesk.formatting import format_date
from opsdesk.reports import layout as L
from opsdesk.reports import texts as T
from opsdesk.reports.certificate import render_certificate
from opsdesk.reports.contract import render_contract
from opsdesk.reports.cover_letter import CoverLetterView, render_cover_letter
from opsdesk.reports.decision import appeal_instruction, render_decision
from opsdesk.reports.message import render_message
from opsdesk.reports.notice import render_notice
from opsdesk.reports.views import (
    CertificateView,
    ContractStep,
    ContractView,
    DecisionView,
    MessageView,
    NoticeView,
    OfficeView,
)
from opsdesk.services.office import office_view
from opsdesk.services.permissions import Permission
from opsdesk.services.security import Actor, operation
from opsdesk.services.templates import texts_in_force

PARTY, ADDRESS = "Jan Przykładowy", "ul. Przykładowa 1, 66-210 Zbąszynek"
# What a justification's own fields print in the sample.
SAMPLE_FIELDS = {"swiadczenie_dopelniacz": "zasiłku okresowego",
                 "przepis": "art. 8 ust. 1 pkt 1 ustawy o pomocy społecznej",
                 # a ruling's
                 "od_dnia": "01.12.2026 r.", "numer_decyzji": "GOPS.8311.DEC.1.2026",
                 "data_decyzji": "10.11.2026 r.",
                 "decyzja": "decyzję nr GOPS.8311.DEC.1.2026 z dnia 10.11.2026 r. w sprawie "
                            "przyznania zasiłku okresowego",
                 "co": "Świadczenie będzie wypłacane co miesiąc",
                 "rachunek": "12 3456 7890 1234 5678 9012 3456", "pokoj": "122",
                 "termin_zwrotu": "31.03.2027 r."}

LETTER_FIELDS = {"w_odpowiedzi": "W odpowiedzi na pismo z dnia 02.11.2026 r. (znak: OPS.1)",
                 "osoba": f"{PARTY}, {ADDRESS}", "ustalenia": "(wzór ustaleń pracownika)",
                 "data_wywiadu": "05.11.2026", "dom": "Dom Pomocy Społecznej w …",
                 "umieszczenie": "", "opieka_nad": "małoletniego",
                 "swiadczenie": "dodatek mieszkaniowy"}

View = (DecisionView | CertificateView | NoticeView | MessageView | CoverLetterView
        | ContractView)


@dataclass(frozen=True)
class Block:
    """One paragraph of the sample page: how it is set, and whether it is the edited text."""

    style: str  # "head", "right", "title", "heading", "body", "small", "sign"
    text: str
    edited: bool = False


def _texts(session: Session, key: str, on: date, text: str) -> dict[str, str]:
    document = key.split(".")[0]
    texts = texts_in_force(session, f"{document}.", on)
    if document in ("justification", "ruling"):  # printed inside a decision
        texts |= texts_in_force(session, "decision.", on)
    texts[key] = text
    return texts


def sample_view(session: Session, key: str, on: date, text: str) -> View:
    """The view of the document ``key`` belongs to, dated ``on``, with ``text`` in place."""
    office = office_view(session, on)
    texts = _texts(session, key, on, text)
    document = key.split(".")[0]
    if document == "certificate":
        return CertificateView(
            office=office, number="WZÓR", issued_on=on, person_name=PARTY, pesel="",
            address=ADDRESS, purpose="przedłożenia w banku",
            content="(wzór treści zaświadczenia)", issued_by_name=office.head_name,
            issued_by_position=office.head_position, texts=texts)
    if document == "notice":
        return NoticeView(
            office=office, number="WZÓR", case_sign="—", issued_on=on, party_name=PARTY,
            party_address=ADDRESS, subject="przyznania zasiłku okresowego",
            original_deadline=on + timedelta(days=3), new_deadline=on + timedelta(days=30),
            reason="(wzór przyczyny zwłoki)", signatory_name=office.head_name,
            signatory_position=office.head_position, party_accusative="Pana", texts=texts)
    if document == "letter":
        return CoverLetterView(
            office=office, case_sign="WZÓR", written_on=on, addressee="Sąd Rejonowy w …",
            addressee_address="", their_reference="", subject="(wzór)",
            body=T.text(texts, key, **LETTER_FIELDS), signatory_name=office.head_name,
            signatory_position=office.head_position)
    if document == "message":
        return MessageView(
            office=office, kind_label="Informacja pracownika socjalnego", number="WZÓR",
            written_on=on, author_name="Anna Przykładowa", author_position="pracownik socjalny",
            addressee="Zespół świadczeń", client_name=PARTY, client_address=ADDRESS,
            case_sign="—", body="(wzór treści)", automatic=key == "message.automatic",
            texts=texts)
    if document == "contract":
        return ContractView(
            office=office, number="WZÓR", concluded_on=on, client_name=PARTY,
            client_address=ADDRESS, worker_name="Anna Przykładowa",
            worker_position="pracownik socjalny", period_from=on,
            period_to=on + timedelta(days=90), goals=("(wzór celu głównego)",),
            client_commitments=("(wzór zobowiązania)",),
            worker_commitments=("(wzór zobowiązania)",), review_dates=(on,),
            situation="(wzór oceny sytuacji)",
            steps=(ContractStep("(wzór działania)", "klient", on),), texts=texts)
    return _decision(office, key, on, texts)


def _decision(office: OfficeView, key: str, on: date, texts: dict[str, str]) -> DecisionView:
    justification = "(wzór uzasadnienia)"
    if key.startswith("justification."):
        justification += "\n\n" + T.text(texts, key, **SAMPLE_FIELDS)
    rygor = "(wzór przyczyn rygoru)" if key.startswith("decision.rygor") else ""
    proceeding = T.text(texts, "decision.ex_officio") if key == "decision.ex_officio" else \
        T.text(texts, "decision.on_application", data_wniosku=f"{format_date(on)} r.",
               swiadczenie_dopelniacz=SAMPLE_FIELDS["swiadczenie_dopelniacz"])
    in_full = key == "decision.in_full"
    view = DecisionView(
        office=office, number="WZÓR", case_sign="—", issued_on=on,
        title=T.text(texts, "decision.title", office), party_name=PARTY,
        party_address=ADDRESS, party_pesel="",
        legal_basis="art. … ustawy z dnia 12 marca 2004 r. o pomocy społecznej",
        ruling=(T.text(texts, key, **SAMPLE_FIELDS) if key.startswith("ruling.")
                else "Przyznaję … (wzór treści).",),
        justification="" if in_full else justification,
        granted_in_full=in_full, immediate_enforcement_reason=rygor,
        signatory_name=office.head_name, signatory_position=office.head_position,
        on_behalf=True, recipients=("Adresat", "a/a"), texts=texts, proceeding=proceeding)
    instructions = [T.text(texts, k, office) for k in T.INSTRUCTION_KEYS]
    return replace(view, instructions=tuple(t for t in instructions if t.strip()))


@operation(Permission.OFFICE_SETTINGS)
def preview_pdf(session: Session, key: str, valid_from: date, text: str, *, actor: Actor
                ) -> bytes:
    """A sample document printed with ``text`` in its place, before it is saved."""
    view = sample_view(session, key, valid_from, text)
    if isinstance(view, CertificateView):
        return render_certificate(view)
    if isinstance(view, NoticeView):
        return render_notice(view)
    if isinstance(view, MessageView):
        return render_message(view)
    if isinstance(view, CoverLetterView):
        return render_cover_letter(view)
    if isinstance(view, ContractView):
        return render_contract(view)
    return render_decision(view)


def sample_blocks(session: Session, key: str, on: date, text: str) -> tuple[Block, ...]:
    """The sample page as blocks, in the order and setting the report prints them."""
    view = sample_view(session, key, on, text)
    office = view.office
    texts: Mapping[str, str] = {} if isinstance(view, CoverLetterView) else view.texts
    head = [Block("head", office.name), Block("right", L.place_and_date(office.town, on))]

    def t(k: str, style: str = "body", **values: str) -> Block:
        return Block(style, T.text(texts, k, office, **values), edited=k == key)

    if isinstance(view, CertificateView):
        body = [Block("title", "ZAŚWIADCZENIE nr WZÓR"), t("certificate.basis"),
                t("certificate.intro"), Block("body", f"{PARTY}, {ADDRESS}"),
                Block("body", view.content), t("certificate.on_request"),
                Block("body", f"Cel wydania zaświadczenia: {view.purpose}.")]
        return (*head, *body, Block("sign", f"{view.issued_by_name}\n{view.issued_by_position}"))
    if isinstance(view, NoticeView):
        body = [Block("title", "ZAWIADOMIENIE nr WZÓR o niezałatwieniu sprawy w terminie"),
                t("notice.body", strona_biernik=view.party_accusative,
                  sprawa=f"w sprawie {view.subject}", znak_sprawy=view.case_sign,
                  termin=f"{format_date(view.original_deadline)} r."),
                Block("heading", "Przyczyna zwłoki:"), Block("body", view.reason),
                t("notice.new_deadline", nowy_termin=f"{format_date(view.new_deadline)} r."),
                Block("heading", "POUCZENIE"), t("notice.ponaglenie")]
        return (*head, *body, Block("sign", f"{view.signatory_name}\n{view.signatory_position}"))
    if isinstance(view, CoverLetterView):
        body = [Block("right", view.addressee), Block("body", f"Dotyczy: {view.subject}"),
                *(Block("body", part, edited=True) for part in view.body.split("\n\n"))]
        return (*head, *body, Block("sign", f"{view.signatory_name}\n"
                                            f"{view.signatory_position}"))
    if isinstance(view, MessageView):
        body = [Block("title", f"{view.kind_label.upper()} nr WZÓR"),
                Block("body", f"Dotyczy: {PARTY}"), Block("body", view.body),
                t("message.automatic", "small") if view.automatic
                else Block("sign", f"{view.author_name}\n{view.author_position}"),
                t("message.evidence", "small")]
        return (*head, *body)
    if isinstance(view, ContractView):
        body = [Block("title", "KONTRAKT SOCJALNY nr WZÓR"),
                Block("heading", "I. Ocena sytuacji osoby (rodziny)"),
                Block("body", view.situation), Block("heading", "Postanowienia końcowe"),
                t("contract.consequences")]
        return (*head, *body, Block("sign", f"{PARTY}    {view.worker_name}"))
    return (*head, *_decision_blocks(view, key))


def _decision_blocks(view: DecisionView, key: str) -> list[Block]:
    office, texts = view.office, view.texts

    def t(k: str, style: str = "body") -> Block:
        return Block(style, T.text(texts, k, office), edited=k == key)

    blocks = [Block("title", f"{view.title} nr {view.number}", edited=key == "decision.title"),
              Block("body", f"Strona: {view.party_name}, zam. {view.party_address}"),
              Block("body", T.text(texts, "decision.basis", office, przepisy=view.legal_basis,
                                   tryb=view.proceeding),
                    edited=key in ("decision.basis", "decision.on_application",
                                   "decision.ex_officio")),
              t("decision.orzekam", "heading"),
              Block("body", f"1. {view.ruling[0]}", edited=key.startswith("ruling."))]
    if view.immediate_enforcement_reason:
        blocks.append(t("decision.rygor"))
    if view.justification:
        blocks.append(Block("heading", "UZASADNIENIE"))
        for part in view.justification.split("\n\n"):
            blocks.append(Block("body", part, edited=key.startswith("justification.")
                                and part != "(wzór uzasadnienia)"))
        if view.immediate_enforcement_reason:
            blocks += [t("decision.rygor_reasons"),
                       Block("body", view.immediate_enforcement_reason)]
    if view.granted_in_full and not view.immediate_enforcement_reason:
        blocks.append(t("decision.in_full"))
    blocks.append(Block("heading", "POUCZENIE"))
    pouczenie = appeal_instruction(view)
    keys = [k for k in T.INSTRUCTION_KEYS if T.text(texts, k, office).strip()]
    for n, (k, item) in enumerate(zip(keys, pouczenie, strict=False), start=1):
        blocks.append(Block("body", f"{n}. {item}", edited=k == key))
    blocks.append(Block("sign", f"z upoważnienia {office.mayor_genitive}\n"
                                f"{view.signatory_name}\n{view.signatory_position}"))
    return blocks
