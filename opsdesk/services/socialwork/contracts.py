"""Kontrakt socjalny (art. 108 ups): concluded, reviewed, ended, a broken one reported to
the benefits team, and its document."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from opsdesk import clock
from opsdesk.errors import ConflictError, NotFound, ValidationError
from opsdesk.formatting import format_date, parse_date
from opsdesk.labels import label
from opsdesk.models import CaseMessage, ContractAction, SocialContract, SocialWorkCase, User
from opsdesk.models.enums import AuditAction, ContractStatus, MessageKind
from opsdesk.reports.contract import render_contract
from opsdesk.reports.views import ContractAnnexView, ContractStep, ContractView
from opsdesk.services import messages
from opsdesk.services import validation as check
from opsdesk.services.actions import Action, Actions
from opsdesk.services.audit import write_audit
from opsdesk.services.legal_acts import Act, citation
from opsdesk.services.messages import MessageForm
from opsdesk.services.numbering import next_number
from opsdesk.services.office import office_view
from opsdesk.services.permissions import Permission
from opsdesk.services.security import Actor, operation
from opsdesk.services.socialwork.caseload import TEXT_MAX, get_social_work, require_active
from opsdesk.services.templates import texts_in_force


@dataclass(frozen=True)
class AnnexRow:
    number: int
    made_on: date
    changes: str
    new_period_to: date | None
    old_period_to: date


@dataclass(frozen=True)
class ContractRow:
    id: int
    number: str
    concluded_on: date
    period_from: date
    period_to: date
    status: ContractStatus
    ended_on: date | None
    situation: str
    goals: str
    client_commitments: str
    worker_commitments: str
    review_dates: tuple[date, ...]
    evaluation: str
    reported_message_id: int | None
    version: int
    steps: tuple[ContractStep, ...] = ()
    annexes: tuple[AnnexRow, ...] = ()
    actions: Actions = frozenset()  # what the reader may do with it (``contract_actions``)


@dataclass(frozen=True)
class ContractForm:
    social_work_id: int
    period_from: date | None
    period_to: date | None
    goals: str  # one per line
    client_commitments: str  # one per line
    worker_commitments: str  # one per line
    review_dates: tuple[date, ...]
    concluded_on: date | None = None  # today when not given
    situation: str = ""  # I. Ocena sytuacji: problems, resources, limitations
    actions: str = ""  # III. Działania, one a line: "działanie; kto; dd.mm.rrrr"


ACTION_FORMAT = "działanie; kto odpowiada; termin dd.mm.rrrr"
WHO_MAX = 200


def _lines(text: str, *, field: str, title: str) -> str:
    text = check.text(text, field=field, label=title, max_len=TEXT_MAX)
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def parse_actions(text: str, period_from: date, period_to: date, *,
                  field: str = "actions") -> list[tuple[str, str, date]]:
    """The model's III. Działania, typed one a line as "działanie; kto; dd.mm.rrrr": each
    with who answers for it (the client, the worker or another person or institution) and
    a date within the contract's period; a bad line is named by its number."""
    check.text(text, field=field, label="Działania", max_len=TEXT_MAX)
    found: list[tuple[str, str, date]] = []
    for number, raw in enumerate(text.splitlines(), start=1):  # as typed: lines as numbered
        if not raw.strip():
            continue
        where = f"Działanie w wierszu {number} („{raw.strip()[:60]}”)"
        parts = [p.strip() for p in raw.split(";")]
        if len(parts) != 3 or not all(parts):
            raise ValidationError(f"{where}: wpisz trzy części oddzielone średnikami — "
                                  f"{ACTION_FORMAT}.", field=field)
        what, who, typed = parts
        if len(who) > WHO_MAX:
            raise ValidationError(f"{where}: osoba odpowiedzialna może mieć najwyżej "
                                  f"{WHO_MAX} znaków.", field=field)
        try:
            due = parse_date(typed)
        except ValueError as exc:
            raise ValidationError(f"{where}: {exc}", field=field) from None
        if not period_from <= due <= period_to:
            raise ValidationError(
                f"{where}: termin {format_date(due)} r. wypada poza okresem obowiązywania "
                f"kontraktu ({format_date(period_from)} r. – {format_date(period_to)} r.).",
                field=field)
        found.append((what, who, due))
    if not found:
        raise ValidationError("Podaj co najmniej jedno działanie: " + ACTION_FORMAT + ".",
                              field=field)
    return found


def active_contract(session: Session, person_id: int) -> SocialContract | None:
    return session.scalar(select(SocialContract).where(
        SocialContract.person_id == person_id, SocialContract.status == ContractStatus.ACTIVE))


@operation(Permission.SOCIAL_WORK_WRITE)
def conclude_contract(session: Session, form: ContractForm, *, actor: Actor,
                      today: date | None = None) -> int:
    """Kontrakt socjalny with a client the worker already works with; one at a time."""
    today = today or clock.today()
    sw = get_social_work(session, form.social_work_id)
    require_active(sw)
    concluded = check.past_date(form.concluded_on or today, field="concluded_on",
                                label="Data zawarcia kontraktu", today=today)
    if form.period_from is None or form.period_to is None:
        raise ValidationError("Podaj okres obowiązywania kontraktu: od … do ….",
                              field="period_to" if form.period_from else "period_from")
    if form.period_to < form.period_from:
        raise ValidationError(f"Koniec kontraktu ({format_date(form.period_to)} r.) nie może "
                              f"być wcześniejszy niż jego początek "
                              f"({format_date(form.period_from)} r.).", field="period_to")
    if form.period_from < concluded:
        raise ValidationError("Kontrakt nie może obowiązywać przed dniem jego zawarcia.",
                              field="period_from")
    situation = check.text(form.situation, field="situation",
                           label="Ocena sytuacji osoby (rodziny)", max_len=TEXT_MAX)
    goals = _lines(form.goals, field="goals", title="Cele kontraktu")
    steps = parse_actions(form.actions, form.period_from, form.period_to)
    client = _lines(form.client_commitments, field="client_commitments",
                    title="Zobowiązania klienta")
    worker = _lines(form.worker_commitments, field="worker_commitments",
                    title="Zobowiązania pracownika socjalnego")
    reviews = sorted(set(form.review_dates))
    if not reviews:
        raise ValidationError("Podaj co najmniej jeden termin oceny realizacji kontraktu.",
                              field="review_dates")
    for review in reviews:
        if review < today:
            raise ValidationError(f"Termin oceny kontraktu {format_date(review)} r. jest datą "
                                  "przeszłą — podaj termin od dziś.", field="review_dates")
        if not form.period_from <= review <= form.period_to:
            raise ValidationError(f"Termin oceny {format_date(review)} r. wypada poza okresem "
                                  "obowiązywania kontraktu.", field="review_dates")
    existing = active_contract(session, sw.person_id)
    if existing is not None:
        raise ValidationError(
            f"{sw.person.full_name} ma już obowiązujący kontrakt socjalny nr {existing.number} "
            f"(do {format_date(existing.period_to)} r.) — oceń go i zakończ przed zawarciem "
            "nowego.", field="social_work")
    seq = next_number(session, "CONTRACT", concluded.year)
    contract = SocialContract(
        number=f"KS.{seq}.{concluded.year}", social_work_id=sw.id, person_id=sw.person_id,
        worker_id=sw.worker_id or actor.id, concluded_on=concluded,
        period_from=form.period_from, period_to=form.period_to, situation=situation,
        goals=goals, client_commitments=client, worker_commitments=worker,
        review_dates=",".join(d.isoformat() for d in reviews), status=ContractStatus.ACTIVE,
        actions=[ContractAction(position=i, what=what, who=who, due_on=due)
                 for i, (what, who, due) in enumerate(steps, start=1)])
    session.add(contract)
    session.flush()
    return contract.id


def _contract(session: Session, contract_id: int,
              expected_version: int | None = None) -> SocialContract:
    contract = session.get(SocialContract, contract_id)
    if contract is None:
        raise NotFound("Nie ma takiego kontraktu socjalnego.")
    if expected_version is not None and contract.version != expected_version:
        raise ConflictError({"status": (contract.status, None)})
    return contract


@operation(Permission.SOCIAL_WORK_WRITE)
def review_contract(session: Session, contract_id: int, evaluation: str, *, actor: Actor,
                    on: date | None = None, today: date | None = None,
                    expected_version: int | None = None) -> None:
    """A dated review of how the contract is kept, added to the ones before; a colleague's
    review or ending saved since the contract was read is shown, not written over."""
    today = today or clock.today()
    contract = _contract(session, contract_id, expected_version)
    if contract.status is not ContractStatus.ACTIVE:
        raise ValidationError(f"Kontrakt nr {contract.number} jest już zakończony.",
                              field="status")
    on = check.past_date(on or today, field="on", label="Data oceny", today=today)
    if on < contract.concluded_on:
        raise ValidationError("Ocena nie może być wcześniejsza niż zawarcie kontraktu.",
                              field="on")
    text = check.text(evaluation, field="evaluation", label="Ocena realizacji",
                      max_len=TEXT_MAX)
    entry = f"{format_date(on)} r.: {text}"
    contract.evaluation = f"{contract.evaluation}\n\n{entry}" if contract.evaluation else entry
    session.flush()


ENDINGS = (ContractStatus.FULFILLED, ContractStatus.BROKEN, ContractStatus.ENDED)


@operation(Permission.SOCIAL_WORK_WRITE)
def end_contract(session: Session, contract_id: int, status: ContractStatus, evaluation: str, *,
                 actor: Actor, ended_on: date | None = None, today: date | None = None,
                 expected_version: int | None = None) -> None:
    """Fulfilled, broken or ended otherwise, with the final evaluation."""
    today = today or clock.today()
    contract = _contract(session, contract_id, expected_version)
    if contract.status is not ContractStatus.ACTIVE:
        raise ValidationError(f"Kontrakt nr {contract.number} jest już zakończony "
                              f"({label(contract.status)}).", field="status")
    if status not in ENDINGS:
        raise ValidationError("Wybierz, jak zakończył się kontrakt: zrealizowany, "
                              "niedotrzymany albo zakończony z innej przyczyny.", field="status")
    ended = check.past_date(ended_on or today, field="ended_on", label="Data zakończenia",
                            today=today)
    if ended < contract.concluded_on:
        raise ValidationError(f"Zakończenie ({format_date(ended)} r.) nie może być "
                              f"wcześniejsze niż zawarcie kontraktu "
                              f"({format_date(contract.concluded_on)} r.).", field="ended_on")
    text = check.text(evaluation, field="evaluation", label="Ocena końcowa", max_len=TEXT_MAX)
    entry = f"{format_date(ended)} r. (ocena końcowa): {text}"
    contract.evaluation = f"{contract.evaluation}\n\n{entry}" if contract.evaluation else entry
    contract.status = status
    contract.ended_on = ended
    session.flush()


@operation(Permission.MESSAGE_TO_BENEFITS)
def report_broken_contract(session: Session, contract_id: int, facts: str, *, actor: Actor,
                           today: date | None = None) -> int:
    """Tell Świadczenia that the contract was not kept: a ground for refusing, revoking or
    suspending benefits (art. 11 ust. 2 ups) — theirs to weigh in the proceedings."""
    today = today or clock.today()
    contract = _contract(session, contract_id)
    if contract.status is not ContractStatus.BROKEN:
        raise ValidationError("Informację wysyła się o kontrakcie zakończonym jako "
                              "niedotrzymany.", field="status")
    if contract.id in reported_messages(session, [contract.id]):
        raise ValidationError(f"Niedotrzymanie kontraktu nr {contract.number} zostało już "
                              "zgłoszone do Świadczeń.", field="contract")
    facts = check.text(facts, field="facts", label="Na czym polegało niedotrzymanie",
                       max_len=TEXT_MAX)
    sw = session.get(SocialWorkCase, contract.social_work_id)
    return messages.send_to_benefits(session, MessageForm(
        kind=MessageKind.REFUSED_COOPERATION, person_id=contract.person_id,
        social_work_id=sw.id, contract_id=contract.id,
        parts={"facts": "Niedotrzymanie postanowień kontraktu socjalnego (art. 11 ust. 2 "
                        f"ustawy o pomocy społecznej): {facts}"}),
        actor=actor, today=today)


def reported_messages(session: Session, contract_ids: list[int]) -> dict[int, int]:
    """The message reporting each broken contract to Świadczenia, per contract; one query."""
    if not contract_ids:
        return {}
    return {contract_id: message_id for contract_id, message_id in session.execute(
        select(CaseMessage.contract_id, CaseMessage.id).where(
            CaseMessage.contract_id.in_(contract_ids),
            CaseMessage.kind == MessageKind.REFUSED_COOPERATION))}


def _review_dates(contract: SocialContract) -> tuple[date, ...]:
    return tuple(date.fromisoformat(d) for d in contract.review_dates.split(",") if d)


def contract_actions(status: ContractStatus, reported: int | None, actor: Actor) -> Actions:
    """A contract in force is reviewed, changed by an annex and ended by the team; a broken
    one is reported to the benefits team once, by a social worker; any is printed."""
    in_force = status is ContractStatus.ACTIVE and actor.can(Permission.SOCIAL_WORK_WRITE)
    report = (status is ContractStatus.BROKEN and reported is None
              and actor.can(Permission.MESSAGE_TO_BENEFITS))
    return frozenset({Action.PRINT}
                     | ({Action.REVIEW, Action.END, Action.ANNEX} if in_force else set())
                     | ({Action.REPORT} if report else set()))


def _steps(c: SocialContract) -> tuple[ContractStep, ...]:
    annex_numbers = {a.id: a.number for a in c.annexes}
    return tuple(ContractStep(a.what, a.who, a.due_on, annex_numbers.get(a.annex_id or 0))
                 for a in c.actions)


def _annexes(c: SocialContract) -> tuple[AnnexRow, ...]:
    return tuple(AnnexRow(a.number, a.made_on, a.changes, a.new_period_to, a.old_period_to)
                 for a in c.annexes)


def contract_row(c: SocialContract, reported: int | None, actor: Actor) -> ContractRow:
    return ContractRow(c.id, c.number, c.concluded_on, c.period_from, c.period_to, c.status,
                       c.ended_on, c.situation, c.goals, c.client_commitments,
                       c.worker_commitments, _review_dates(c), c.evaluation, reported,
                       c.version, _steps(c), _annexes(c),
                       contract_actions(c.status, reported, actor))


@operation(Permission.SOCIAL_WORK_READ)
def contract_pdf(session: Session, contract_id: int, *, actor: Actor) -> bytes:
    """The contract for both parties to sign, with its evaluation once there is one."""
    contract = _contract(session, contract_id)
    write_audit(session, actor.id, AuditAction.PRINT, "SocialContract", contract.id, {})
    worker = session.get(User, contract.worker_id)
    person = contract.person
    outcome = "" if contract.status is ContractStatus.ACTIVE else (
        f"kontrakt {label(contract.status)}"
        + (f" (zakończony {format_date(contract.ended_on)} r.)" if contract.ended_on else ""))
    return render_contract(ContractView(
        office=office_view(session), number=contract.number,
        concluded_on=contract.concluded_on, client_name=person.full_name,
        client_address=person.address or "—", worker_name=worker.full_name,
        worker_position=worker.position, period_from=contract.period_from,
        period_to=contract.period_to, goals=tuple(contract.goals.splitlines()),
        client_commitments=tuple(contract.client_commitments.splitlines()),
        worker_commitments=tuple(contract.worker_commitments.splitlines()),
        review_dates=_review_dates(contract), evaluation=contract.evaluation,
        outcome=outcome, situation=contract.situation,
        steps=_steps(contract),
        annexes=tuple(ContractAnnexView(a.number, a.made_on, a.changes, a.new_period_to)
                      for a in contract.annexes),
        basis=str(citation(session, Act.CONTRACT_MODEL, contract.concluded_on)),
        texts=texts_in_force(session, "contract.", contract.concluded_on)))
