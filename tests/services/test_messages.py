"""The formal messages between the two roles (seed 004), on a real database."""

from datetime import date, timedelta

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from opsdesk.errors import PermissionDenied, ValidationError
from opsdesk.models import CaseMessage, Decision, SocialWorkCase
from opsdesk.models.enums import (
    BenefitKind,
    DecisionKind,
    DecisionStatus,
    MessageKind,
    SocialWorkSource,
    SocialWorkStatus,
    Team,
)
from opsdesk.services import messages
from opsdesk.services.messages import MESSAGE_KINDS, MessageForm, ReferralForm
from tests.factories import FILLED, JAN, KASIA, MONDAY, application, parts_of, person, refer, send
from tests.pdf_helpers import pdf_text

GENERAL_KINDS = [k for k, info in MESSAGE_KINDS.items() if not info.by_action]


@pytest.fixture
def client(db, staff):
    """A client with a benefits proceeding run by the benefits worker."""
    pid = person(db, staff, KASIA)
    return pid, application(db, staff, pid, filed_on=MONDAY)


def snapshot(obj) -> dict:
    """The row's columns, read while its session is open."""
    return {c.key: getattr(obj, c.key) for c in obj.__table__.columns}


def test_the_table_has_all_ten_kinds_in_both_directions():
    assert set(MESSAGE_KINDS) == set(MessageKind)
    to_benefits = [k for k, i in MESSAGE_KINDS.items() if i.to_team is Team.BENEFITS]
    assert len(to_benefits) == 9
    assert MESSAGE_KINDS[MessageKind.REFERRAL].to_team is Team.SOCIAL_WORK


def test_referral_is_numbered_tied_to_the_case_and_opens_social_work(db, staff, client):
    pid, case_id = client
    mid = refer(db, staff, case_id)
    row = db.write(lambda s: messages.inbox(s, actor=staff.social, today=MONDAY))[0]
    assert (row.id, row.kind, row.number) == (mid, MessageKind.REFERRAL, "SK.1.2026")
    assert row.case_id == case_id and row.case_sign.startswith("GOPS.8311.")
    assert row.author_name == "Anna Nowak" and row.written_on == MONDAY and row.unread
    assert row.to_team is Team.SOCIAL_WORK and row.to_user_id is None
    sw = db.read(lambda s: snapshot(s.get(SocialWorkCase, messages.referral_case_of(s, mid))))
    assert sw["source"] is SocialWorkSource.BENEFITS_REFERRAL
    assert sw["status"] is SocialWorkStatus.REFERRED and sw["case_id"] == case_id
    assert sw["report_by"] == date(2026, 12, 2)  # 7 working days, the office's setting
    body = db.read(lambda s: messages.open_message(s, mid, actor=staff.social)).body
    assert "Termin zgłoszenia się do pracownika socjalnego: do dnia 02.12.2026 r." in body
    assert db.write(lambda s: messages.unread_count(s, actor=staff.social, today=MONDAY)) == 1
    assert db.write(lambda s: messages.unread_count(s, actor=staff.benefits, today=MONDAY)) == 0


def test_referral_without_its_required_parts_is_refused_and_nothing_is_stored(db, staff, client):
    _, case_id = client
    form = ReferralForm(case_id=case_id, resources="  ", question="")
    with pytest.raises(ValidationError) as err:
        db.write(lambda s: messages.refer_for_possibilities(s, form, actor=staff.benefits,
                                                            today=MONDAY))
    assert err.value.message == (
        "Pismo „Skierowanie w celu ustalenia możliwości” nie ma wymaganych części: "
        "„Niewykorzystane zasoby lub uprawnienia”, „Co należy ustalić”. Uzupełnij i wyślij "
        "ponownie.")
    assert err.value.field == "part:resources"
    assert db.read(lambda s: s.scalar(select(func.count(CaseMessage.id)))) == 0
    assert db.read(lambda s: s.scalar(select(func.count(SocialWorkCase.id)))) == 0
    refer(db, staff, case_id)  # the number was not used up by the failed attempt
    assert db.read(lambda s: s.scalar(select(CaseMessage.number))) == "SK.1.2026"


def test_referral_needs_a_future_report_date_and_only_one_at_a_time(db, staff, client):
    _, case_id = client
    with pytest.raises(ValidationError, match="nie może być datą przeszłą"):
        refer(db, staff, case_id, report_by=MONDAY - timedelta(days=1))
    refer(db, staff, case_id, report_by=MONDAY + timedelta(days=3))
    with pytest.raises(ValidationError, match="jest już skierowany do pracownika socjalnego"):
        refer(db, staff, case_id)


@pytest.mark.parametrize("kind", GENERAL_KINDS)
def test_each_information_and_opinion_reaches_the_worker_of_the_proceeding(db, staff, client,
                                                                          kind):
    pid, case_id = client
    mid = send(db, staff.social, kind, pid, case_id)
    mine = db.write(lambda s: messages.inbox(s, actor=staff.benefits, today=MONDAY))
    assert [(r.id, r.kind, r.number) for r in mine] == [(mid, kind, "PS.1.2026")]
    assert mine[0].to_user_name == "Anna Nowak" and mine[0].author_name == "Józef Ćwikła"
    detail = db.read(lambda s: messages.open_message(s, mid, actor=staff.benefits))
    for part in MESSAGE_KINDS[kind].parts:
        assert f"{part.label}: {FILLED[part.key]}" in detail.body


@pytest.mark.parametrize("kind", GENERAL_KINDS)
def test_each_kind_names_its_missing_required_part(db, staff, client, kind):
    pid, case_id = client
    required = [p for p in MESSAGE_KINDS[kind].parts if p.required]
    parts = parts_of(kind)
    parts[required[-1].key] = ""
    form = MessageForm(kind=kind, person_id=pid, case_id=case_id, parts=parts)
    with pytest.raises(ValidationError) as err:
        db.write(lambda s: messages.send_to_benefits(s, form, actor=staff.social, today=MONDAY))
    assert f"nie ma wymaganej części: „{required[-1].label}”" in err.value.message


def test_message_without_a_proceeding_goes_to_the_team_and_can_be_tied_later(db, staff, client):
    pid, case_id = client
    mid = send(db, staff.social, MessageKind.WASTING, pid)
    row = db.write(lambda s: messages.inbox(s, actor=staff.benefits, today=MONDAY))[0]
    assert row.case_id is None and row.to_user_id is None and row.to_team is Team.BENEFITS
    assert db.write(lambda s: messages.case_evidence(s, case_id, actor=staff.benefits)) == []
    decision_id = draft_decision(db, staff, pid, case_id)
    db.write(lambda s: messages.cite_in_decision(s, mid, decision_id, actor=staff.benefits))
    evidence = db.write(lambda s: messages.case_evidence(s, case_id, actor=staff.benefits))
    assert [r.id for r in evidence] == [mid]


def test_wrong_ties_and_directions_are_refused_in_polish(db, staff, client):
    pid, case_id = client
    other = person(db, staff, JAN)
    with pytest.raises(ValidationError, match="dotyczy innej osoby niż to pismo"):
        send(db, staff.social, MessageKind.COOPERATION, other, case_id)
    with pytest.raises(ValidationError, match="Adresat musi być aktywnym pracownikiem"):
        send(db, staff.social, MessageKind.COOPERATION, pid, case_id, to_user_id=staff.social.id)
    for kind in (MessageKind.REFERRAL, MessageKind.NOT_REPORTED):
        form = MessageForm(kind=kind, person_id=pid, case_id=case_id, parts={})
        with pytest.raises(ValidationError, match="nie wysyła się tym formularzem"):
            db.write(lambda s, f=form: messages.send_to_benefits(s, f, actor=staff.social))


def test_each_direction_belongs_to_its_role(db, staff, client):
    pid, case_id = client
    with pytest.raises(PermissionDenied):
        send(db, staff.benefits, MessageKind.COOPERATION, pid, case_id)
    with pytest.raises(PermissionDenied):
        send(db, staff.head, MessageKind.COOPERATION, pid, case_id)
    with pytest.raises(PermissionDenied):
        db.write(lambda s: messages.refer_for_possibilities(
            s, ReferralForm(case_id=case_id, resources="x", question="y"), actor=staff.social))
    with pytest.raises(PermissionDenied):
        db.write(lambda s: messages.inbox(s, actor=staff.desk))


def test_read_mark_only_by_the_addressee_and_only_once(db, staff, client):
    pid, case_id = client
    mid = send(db, staff.social, MessageKind.OPINION_POSSIBILITIES, pid, case_id)
    assert db.write(lambda s: messages.unread_count(s, actor=staff.benefits, today=MONDAY)) == 1
    with pytest.raises(ValidationError, match="tylko adresat może oznaczyć je jako przeczytane"):
        db.write(lambda s: messages.mark_read(s, mid, actor=staff.social))
    db.write(lambda s: messages.mark_read(s, mid, actor=staff.benefits))
    db.write(lambda s: messages.mark_read(s, mid, actor=staff.benefits))
    assert db.write(lambda s: messages.unread_count(s, actor=staff.benefits, today=MONDAY)) == 0
    row = db.write(lambda s: messages.inbox(s, actor=staff.benefits, today=MONDAY))[0]
    assert row.read_by_name == "Anna Nowak" and not row.unread
    assert db.write(lambda s: messages.inbox(s, actor=staff.benefits, unread_only=True,
                                             today=MONDAY)) == []


def draft_decision(db, staff, pid, case_id) -> int:
    def make(s):
        decision = Decision(case_id=case_id, person_id=pid, kind=DecisionKind.GRANTING,
                            benefit_kind=BenefitKind.ZASILEK_OKRESOWY,
                            status=DecisionStatus.DRAFT, drafted_by_id=staff.benefits.id)
        s.add(decision)
        s.flush()
        return decision.id
    return db.write(make)


def test_opinion_is_evidence_and_is_cited_in_the_decision(db, staff, client):
    pid, case_id = client
    referral = refer(db, staff, case_id)
    mid = send(db, staff.social, MessageKind.OPINION_POSSIBILITIES, pid, case_id)
    evidence = db.write(lambda s: messages.case_evidence(s, case_id, actor=staff.benefits))
    assert [(r.id, r.is_evidence) for r in evidence] == [(referral, False), (mid, True)]
    decision_id = draft_decision(db, staff, pid, case_id)
    with pytest.raises(ValidationError, match="nie skierowanie"):
        db.write(lambda s: messages.cite_in_decision(s, referral, decision_id,
                                                     actor=staff.benefits))
    text = db.write(lambda s: messages.cite_in_decision(s, mid, decision_id,
                                                        actor=staff.benefits))
    assert text == ("Opinia o możliwościach rozwiązania problemów nr PS.1.2026 z dnia "
                    "23.11.2026 r. (Józef Ćwikła, Pracownik socjalny)")
    row = db.write(lambda s: messages.case_evidence(s, case_id, actor=staff.benefits))[1]
    assert row.cited_in_decision_id == decision_id and not row.unread
    other_decision = draft_decision(db, staff, pid, case_id)
    with pytest.raises(ValidationError, match="uwzględniono już w innej decyzji"):
        db.write(lambda s: messages.cite_in_decision(s, mid, other_decision,
                                                     actor=staff.benefits))
    db.write(lambda s: messages.uncite_from_decision(s, mid, actor=staff.benefits))

    def issue(s):
        d = s.get(Decision, decision_id)
        d.status, d.number, d.issued_on = DecisionStatus.ISSUED, "DEC.7.2026", MONDAY
    db.write(issue)
    db.write(lambda s: messages.cite_in_decision(s, mid, decision_id, actor=staff.benefits))
    with pytest.raises(ValidationError, match="została wydana"):
        db.write(lambda s: messages.uncite_from_decision(s, mid, actor=staff.benefits))
    with pytest.raises(PermissionDenied):
        db.write(lambda s: messages.case_evidence(s, case_id, actor=staff.social))


def test_the_client_who_did_not_come_is_reported_automatically_once(db, staff, client):
    pid, case_id = client
    refer(db, staff, case_id)
    report_by = date(2026, 12, 2)
    assert db.write(lambda s: messages.inbox(s, actor=staff.benefits, today=report_by)) == []
    after = report_by + timedelta(days=1)
    db.read(lambda s: messages.unread_count(s, actor=staff.benefits, today=after))
    rows = db.read(lambda s: messages.inbox(s, actor=staff.benefits, today=MONDAY))
    assert [(r.kind, r.automatic, r.to_user_name) for r in rows] == [
        (MessageKind.NOT_REPORTED, True, "Anna Nowak")]
    assert rows[0].author_name == "Grażyna Wiśniewska"  # nobody took the referral: the head
    assert rows[0].case_id == case_id
    body = db.read(lambda s: messages.open_message(s, rows[0].id, actor=staff.benefits)).body
    assert "nie zgłosiła się do pracownika socjalnego w wyznaczonym terminie, tj. do dnia " \
           "02.12.2026 r." in body
    assert "Katarzyna Żółkiewska, skierowana" in body
    # Signed as automatic, not over the head's signature line (issue 16).
    printed = pdf_text(db.write(lambda s: messages.message_pdf(s, rows[0].id,
                                                               actor=staff.benefits)))
    assert "Informacja sporządzona automatycznie przez program" in printed
    assert "......" not in printed
    for _ in range(2):
        db.write(lambda s: messages.unread_count(s, actor=staff.benefits, today=after))
    assert db.read(lambda s: s.scalar(select(func.count(CaseMessage.id)).where(
        CaseMessage.kind == MessageKind.NOT_REPORTED))) == 1
    assert db.read(lambda s: s.scalars(select(SocialWorkCase.status)).one()) \
        is SocialWorkStatus.NOT_REPORTED


def test_message_prints_as_one_page_with_number_author_and_case(db, staff, client, tmp_path):
    pid, case_id = client
    mid = send(db, staff.social, MessageKind.OPINION_POSSIBILITIES, pid, case_id)
    data = db.write(lambda s: messages.message_pdf(s, mid, actor=staff.benefits))
    (tmp_path / "message.pdf").write_bytes(data)
    reader = PdfReader(tmp_path / "message.pdf")
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    for expected in ("OPINIA O MOŻLIWOŚCIACH ROZWIĄZANIA PROBLEMÓW", "PS.1.2026",
                     "Katarzyna Żółkiewska", "Józef Ćwikła", "Anna Nowak", "GOPS.8311.1.2026",
                     "Wnioski dla postępowania: Opiniuję przyznanie zasiłku"):
        assert expected in text, expected


def test_a_referral_joins_the_social_work_already_under_way(db, staff, client):
    from opsdesk.services import socialwork

    pid, case_id = client
    sw_id = db.write(lambda s: socialwork.open_own_case(s, pid, actor=staff.social, today=MONDAY))
    mid = refer(db, staff, case_id)
    assert db.read(lambda s: messages.referral_case_of(s, mid)) == sw_id
    assert db.read(lambda s: s.scalar(select(func.count(SocialWorkCase.id)))) == 1
    row = db.write(lambda s: messages.inbox(s, actor=staff.social, today=MONDAY))[0]
    assert (row.kind, row.to_user_name) == (MessageKind.REFERRAL, "Józef Ćwikła")
    body = db.read(lambda s: messages.open_message(s, mid, actor=staff.social)).body
    assert body.endswith("Klient współpracuje już z pracownikiem socjalnym: Józef Ćwikła.")
    # The client already came: no "did not come" notice, however late it gets.
    db.write(lambda s: messages.inbox(s, actor=staff.benefits, today=date(2027, 1, 29)))
    assert db.read(lambda s: s.scalar(select(func.count(CaseMessage.id)))) == 1
