"""The contributions the centre pays to ZUS, month by month.

* **Health insurance of a zasiłek stały recipient** (art. 66 ust. 1 pkt 26 uśoz) who has no
  other title to it — the family interview records the answer (``Interview.
  health_insured_elsewhere``; unknown until asked). Insured from the first day the zasiłek
  is granted for, deregistered the day after its last day *(both days: our reading,
  unverified)*. The basis is the zasiłek paid in the month (``Payout`` rows paid in it),
  the contribution 9 % of it, monthly and never divided by days (``rules.
  health_contribution``). What the decisions say is due for the month is shown beside what
  was paid, so arrears and unpaid months are seen.
* **Pension and disability contributions under art. 42 ups** for a person who gave up work
  to care for a family member: a decision of its own (``BenefitKind.SKLADKA_SPOLECZNA``),
  the basis it names (``ContributionBasis``, at most the minimum wage, the minimum wage when
  none was set), prorated by days in a partial month *(unverified)*.

The month's package — registrations (ZZA, ZUA), deregistrations (ZWUA) not sent before,
ZUS RCA and DRA — is exported as a KEDU file (``reports/kedu.py``), printed in the layout
of the forms (``reports/zus_forms.py``), and summed up for the accountant
(``reports/contributions.py``). Recording the package as sent keeps its file and marks its
registrations, so the next month does not repeat them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from stdnum.pl import nip as stdnum_nip
from stdnum.pl import regon as stdnum_regon

from opsdesk import __version__, clock
from opsdesk.errors import ConflictError, NotFound, ValidationError
from opsdesk.formatting import format_date
from opsdesk.models import (
    ContributionBasis,
    Decision,
    Interview,
    Payout,
    Person,
    ZusDocument,
    ZusPackage,
    ZusPayer,
)
from opsdesk.models.enums import (
    AuditAction,
    BenefitKind,
    DecisionKind,
    DecisionStatus,
    PayoutStatus,
)
from opsdesk.reports import contributions as statement_report
from opsdesk.reports import zus_forms
from opsdesk.reports.kedu import (
    InsuredView,
    KeduView,
    PayerView,
    Registration,
    ReportLine,
    render_kedu,
)
from opsdesk.services import rules
from opsdesk.services import validation as check
from opsdesk.services.audit import write_audit
from opsdesk.services.interviews import first_of_month, month_label
from opsdesk.services.office import office_view
from opsdesk.services.payouts.schedule import corrections_of_many, segments
from opsdesk.services.permissions import Permission
from opsdesk.services.security import Actor, operation

HEALTH = "HEALTH"
PENSION = "PENSION"
KIND_LABELS = {HEALTH: "zdrowotne (zasiłek stały)", PENSION: "emerytalne i rentowe (art. 42)"}
_BENEFIT = {HEALTH: BenefitKind.ZASILEK_STALY, PENSION: BenefitKind.SKLADKA_SPOLECZNA}
_REGISTER_FORM = {HEALTH: "ZZA", PENSION: "ZUA"}
REGISTRATION_DAYS = 7  # art. 75 ust. 1 uśoz / art. 36 ust. 4 usus: 7 days (unverified)
_ZERO = Decimal("0.00")


# --- the payer ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PayerForm:
    nip: str
    regon: str
    short_name: str
    deadline_code: str = "1"
    nfz_branch: str = ""


def _payer_row(session: Session) -> ZusPayer | None:
    return session.scalar(select(ZusPayer).limit(1))


def payer_form(session: Session) -> tuple[PayerForm, int]:
    """The centre's data as a payer, and the row's version (0: never saved)."""
    row = _payer_row(session)
    if row is None:
        return PayerForm("", "", ""), 0
    return PayerForm(row.nip, row.regon, row.short_name, row.deadline_code,
                     row.nfz_branch), row.version


@operation(Permission.OFFICE_SETTINGS)
def save_payer(session: Session, form: PayerForm, *, actor: Actor,
               expected_version: int = 0) -> None:
    """NIP and REGON with their check digits, the short name of ZUS forms (31 characters)."""
    nip = form.nip.replace("-", "").replace(" ", "")
    if not stdnum_nip.is_valid(nip):
        raise ValidationError("Nieprawidłowy NIP — 10 cyfr, cyfra kontrolna się nie zgadza.",
                              field="nip")
    regon = form.regon.replace(" ", "")
    if not stdnum_regon.is_valid(regon):
        raise ValidationError("Nieprawidłowy REGON — 9 lub 14 cyfr z cyfrą kontrolną.",
                              field="regon")
    short = check.text(form.short_name, field="short_name",
                       label="Nazwa skrócona płatnika", max_len=31)
    if not (len(form.deadline_code) == 1 and form.deadline_code.isdigit()):
        raise ValidationError("Kod terminu przesyłania deklaracji to jedna cyfra.",
                              field="deadline_code")
    branch = check.text(form.nfz_branch, field="nfz_branch", label="Kod oddziału NFZ",
                        max_len=3, required=False)
    row = _payer_row(session)
    if row is None:
        row = ZusPayer()
        session.add(row)
    elif row.version != expected_version:
        raise ConflictError({"nip": (row.nip, nip)})
    row.nip, row.regon, row.short_name = nip, regon, short
    row.deadline_code, row.nfz_branch = form.deadline_code, branch
    session.flush()


def _payer_view(session: Session) -> PayerView:
    row = _payer_row(session)
    if row is None or not row.nip:
        raise ValidationError("Najpierw uzupełnij dane ośrodka jako płatnika składek (NIP, "
                              "REGON, nazwa skrócona) — Administracja lub kierownik.",
                              field="payer")
    return PayerView(row.nip, row.regon, row.short_name, row.deadline_code, row.nfz_branch)


# --- the interview's answer ---------------------------------------------------------------


@operation(Permission.CASE_WORK)
def record_health_insurance(session: Session, person_id: int, *, actor: Actor,
                            insured_elsewhere: bool, note: str = "") -> int:
    """What the family interview established: is the person insured from another title
    (work, pension, family member…)? Written into the person's latest interview; returns
    its id."""
    interview = session.scalar(
        select(Interview).where(Interview.person_id == person_id)
        .order_by(Interview.completed.desc(), Interview.carried_out_on.desc(),
                  Interview.id.desc()).limit(1))
    if interview is None:
        raise ValidationError("Ta osoba nie ma jeszcze wywiadu — ubezpieczenie z innego "
                              "tytułu ustala się w wywiadzie.", field="interview")
    text = check.text(note, field="note", label="Tytuł ubezpieczenia / uwagi", max_len=200,
                      required=insured_elsewhere)
    interview.health_insured_elsewhere = insured_elsewhere
    interview.health_insurance_note = text
    session.flush()
    return interview.id


# --- art. 42: the basis -----------------------------------------------------------------------


@operation(Permission.CASE_WORK)
def set_art42_basis(session: Session, decision_id: int, *, actor: Actor,
                    basis: Decimal | str) -> Decimal:
    """The basis an art. 42 decision names; refused above the minimum wage."""
    decision = session.get(Decision, decision_id)
    if decision is None or decision.benefit_kind is not BenefitKind.SKLADKA_SPOLECZNA:
        raise NotFound("Nie ma takiej decyzji o opłacaniu składek (art. 42).")
    amount = check.amount(basis, field="basis", label="Podstawa wymiaru składek")
    on = decision.period_from or clock.today()
    cap = rules.contribution_figures_on(on).minimum_wage
    if amount > cap:
        raise ValidationError(f"Podstawa nie może przekraczać minimalnego wynagrodzenia "
                              f"({cap} zł) — art. 42 ust. 3 ustawy o pomocy społecznej.",
                              field="basis")
    row = session.scalar(select(ContributionBasis).where(
        ContributionBasis.decision_id == decision_id))
    if row is None:
        session.add(ContributionBasis(decision_id=decision_id, basis=amount,
                                      set_by_id=actor.id))
    else:
        row.basis, row.set_by_id = amount, actor.id
    session.flush()
    return amount


# --- who is insured, and when ---------------------------------------------------------------


@dataclass(frozen=True)
class InsuredPeriod:
    """A title to insurance worked out from a granting decision and its corrections."""

    kind: str
    person_id: int
    decision_id: int
    start: date
    end: date | None  # the last day; None: open-ended


def _periods(session: Session, kind: str, until: date) -> list[InsuredPeriod]:
    roots = list(session.scalars(select(Decision).where(
        Decision.benefit_kind == _BENEFIT[kind], Decision.kind == DecisionKind.GRANTING,
        Decision.status == DecisionStatus.ISSUED, Decision.period_from.is_not(None),
        Decision.period_from <= until)))
    chains = corrections_of_many(session, roots)
    result = []
    for root in roots:
        merged: list[list[date | None]] = []
        for seg in segments(root, chains[root.id]):
            if merged and merged[-1][1] is not None \
                    and merged[-1][1] + timedelta(days=1) == seg.start:
                merged[-1][1] = seg.end  # a change of amount, not a break
            else:
                merged.append([seg.start, seg.end])
        result += [InsuredPeriod(kind, root.person_id, root.id,
                                 start, end)  # type: ignore[arg-type]
                   for start, end in merged]
    return result


def _insurance_answers(session: Session, person_ids: set[int]
                       ) -> dict[int, tuple[bool | None, str]]:
    """Each person's answer in their latest completed interview."""
    if not person_ids:
        return {}
    rows = session.execute(
        select(Interview.person_id, Interview.health_insured_elsewhere,
               Interview.health_insurance_note)
        .where(Interview.person_id.in_(person_ids), Interview.completed.is_(True))
        .order_by(Interview.person_id, Interview.carried_out_on, Interview.id))
    return {pid: (answer, note) for pid, answer, note in rows}  # the latest wins


# --- the month ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class StatementRow:
    kind: str
    person_id: int
    person_name: str
    pesel: str
    title_code: str
    basis: Decimal
    health: Decimal
    pension: Decimal
    disability: Decimal
    due_for_month: Decimal  # what the decisions give for the month (health)
    note: str  # the reconciliation in words

    @property
    def total(self) -> Decimal:
        return self.health + self.pension + self.disability


@dataclass(frozen=True)
class RegistrationRow:
    form: str  # ZZA, ZUA, ZWUA
    kind: str
    person_id: int
    person_name: str
    pesel: str
    decision_id: int
    effective_on: date
    due: date  # the 7 days to send it
    title_code: str
    reason_code: str = ""

    def overdue(self, today: date) -> bool:
        return self.due < today


@dataclass(frozen=True)
class MonthlyStatement:
    month: date
    rows: tuple[StatementRow, ...]
    registrations: tuple[RegistrationRow, ...]
    warnings: tuple[str, ...]
    payment_due: date
    sent_packages: int
    notes: tuple[str, ...] = field(default=())

    @property
    def health(self) -> Decimal:
        return sum((r.health for r in self.rows), _ZERO)

    @property
    def pension(self) -> Decimal:
        return sum((r.pension for r in self.rows), _ZERO)

    @property
    def disability(self) -> Decimal:
        return sum((r.disability for r in self.rows), _ZERO)

    @property
    def total(self) -> Decimal:
        return self.health + self.pension + self.disability

    @property
    def reported(self) -> tuple[StatementRow, ...]:
        """The rows that go into ZUS RCA: those with a basis."""
        return tuple(r for r in self.rows if r.basis > 0)


NOTES = (
    "Składka zdrowotna: 9% zasiłku stałego wypłaconego w miesiącu (art. 79 ust. 1 ustawy "
    "o świadczeniach opieki zdrowotnej), miesięczna i niepodzielna; finansuje ją ośrodek.",
    "Składki z art. 42 ustawy o pomocy społecznej: emerytalna 19,52% i rentowa 8% podstawy "
    "z decyzji (najwyżej minimalne wynagrodzenie), w niepełnym miesiącu proporcjonalnie "
    "do dni (niezweryfikowane).",
    "Kody tytułu ubezpieczenia i przyczyny wyrejestrowania pochodzą z tabeli programu i nie "
    "zostały zweryfikowane — sprawdź je w programie Płatnik przed wysłaniem.",
)


def _month_end(month: date) -> date:
    return rules.add_months(month, 1) - timedelta(days=1)


def _first_working_day_from(day: date) -> date:
    return rules.working_days_after(day - timedelta(days=1), 1)


def _sent(session: Session) -> set[tuple[str, int, str, date]]:
    return {(form, pid, kind, on) for form, pid, kind, on in session.execute(
        select(ZusDocument.form, ZusDocument.person_id, ZusDocument.kind,
               ZusDocument.effective_on).where(ZusDocument.form != "RCA"))}


def _root_id():  # noqa: ANN202 - a SQL expression
    return func.coalesce(Decision.corrects_decision_id, Decision.id)


def _paid_and_due(session: Session, month: date, roots: list[int]
                  ) -> tuple[dict[int, Decimal], dict[int, Decimal], dict[int, int]]:
    """Per granting decision: paid in the month, due for the month, months unpaid."""
    paid: dict[int, Decimal] = defaultdict(lambda: _ZERO)
    due: dict[int, Decimal] = defaultdict(lambda: _ZERO)
    unpaid: dict[int, int] = defaultdict(int)
    if not roots:
        return paid, due, unpaid
    end = _month_end(month)
    root = _root_id().label("root")
    rows = session.execute(
        select(root, Payout.amount, Payout.status, Payout.paid_on, Payout.period_from)
        .join(Decision, Payout.decision_id == Decision.id)
        .where(_root_id().in_(roots), Payout.status != PayoutStatus.CANCELLED))
    for rid, amount, status, paid_on, period_from in rows:
        if status is PayoutStatus.PAID and paid_on is not None and month <= paid_on <= end:
            paid[rid] += amount
        if month <= period_from <= end:
            due[rid] += amount
            if status is not PayoutStatus.PAID:
                unpaid[rid] += 1
    return paid, due, unpaid


def _reconcile(paid: Decimal, due: Decimal, unpaid: int) -> str:
    if paid == due and not unpaid:
        return "wypłacono zgodnie z decyzją"
    parts = []
    if unpaid:
        parts.append("zasiłek za ten miesiąc jeszcze niewypłacony — składka w miesiącu "
                     "wypłaty")
    if paid > due:
        parts.append(f"wypłacono też zaległe: {paid - due} zł ponad należne za miesiąc")
    elif paid < due and not unpaid:
        parts.append(f"wypłacono {due - paid} zł mniej niż należne za miesiąc")
    return "; ".join(parts)


def build_statement(session: Session, month: date, *, today: date) -> MonthlyStatement:
    """Everything of the month: who, on what basis, how much, what to register."""
    month = first_of_month(month)
    end = _month_end(month)
    figures = rules.contribution_figures_on(month)
    periods = _periods(session, HEALTH, end) + _periods(session, PENSION, end)
    people = {p.id: p for p in session.scalars(select(Person).where(
        Person.id.in_({x.person_id for x in periods})))} if periods else {}
    answers = _insurance_answers(session, {p.person_id for p in periods if p.kind == HEALTH})
    sent = _sent(session)
    warnings: list[str] = []
    insured: list[InsuredPeriod] = []
    for period in periods:
        person = people[period.person_id]
        name = f"{person.last_name} {person.first_name}"
        if period.kind == HEALTH:
            answer, note = answers.get(period.person_id, (None, ""))
            overlaps = period.start <= end and (period.end is None or period.end >= month)
            if answer is None:
                if overlaps:
                    warnings.append(f"{name}: w wywiadzie nie ustalono, czy osoba ma inny "
                                    "tytuł do ubezpieczenia zdrowotnego — nie zgłoszono.")
                continue
            if answer:
                if overlaps:
                    warnings.append(f"{name}: ubezpieczona z innego tytułu "
                                    f"({note or 'bez opisu'}) — ośrodek nie opłaca składki.")
                continue
        if not person.pesel:
            warnings.append(f"{name}: brak numeru PESEL — nie można zgłosić do ZUS.")
            continue
        insured.append(period)
    basis_of = {b.decision_id: b.basis for b in session.scalars(select(ContributionBasis))}
    health_roots = [p.decision_id for p in insured if p.kind == HEALTH]
    paid, due, unpaid = _paid_and_due(session, month, health_roots)
    rows: dict[tuple[str, int], StatementRow] = {}
    registrations: list[RegistrationRow] = []
    for period in insured:
        person = people[period.person_id]
        name = f"{person.last_name} {person.first_name}"
        code = figures.health_title_code if period.kind == HEALTH \
            else figures.pension_title_code
        form = _REGISTER_FORM[period.kind]
        in_force = period.start <= end and (period.end is None or period.end >= month)
        registered = (form, person.id, period.kind, period.start) in sent
        # A registration is offered while its title runs (late ones too); a title that
        # ended before the month and was never registered is history, not work.
        if in_force and not registered:
            registrations.append(RegistrationRow(
                form, period.kind, person.id, name, person.pesel or "", period.decision_id,
                period.start, period.start + timedelta(days=REGISTRATION_DAYS), code))
        # A title ending on the month's last day is deregistered from the next day, in
        # this month's package (sent within the 7 days); an earlier one still waiting is
        # offered only when it had been registered.
        off = period.end + timedelta(days=1) if period.end is not None else None
        if off is not None and off <= end + timedelta(days=1) \
                and ("ZWUA", person.id, period.kind, off) not in sent \
                and (in_force or registered or off >= month):
            reason = figures.health_end_code if period.kind == HEALTH \
                else figures.pension_end_code
            registrations.append(RegistrationRow(
                "ZWUA", period.kind, person.id, name, person.pesel or "", period.decision_id,
                off, off + timedelta(days=REGISTRATION_DAYS), code, reason))
        if not in_force and (period.kind == PENSION or not paid.get(period.decision_id)):
            continue  # nothing of it in the month
        key = (period.kind, period.decision_id)
        if period.kind == HEALTH:
            if key in rows:
                continue  # a second stretch of the same decision: one payout sum
            basis = paid[period.decision_id]
            rows[key] = StatementRow(
                HEALTH, person.id, name, person.pesel or "", code, basis,
                rules.health_contribution(month, basis), _ZERO, _ZERO,
                due[period.decision_id],
                _reconcile(basis, due[period.decision_id], unpaid[period.decision_id]))
        else:
            first = max(period.start, month)
            last = min(period.end, end) if period.end else end
            full = rules.art42_basis(month, basis_of.get(period.decision_id))
            basis = rules.prorate(full, first, last)
            pension, disability = rules.art42_contributions(month, basis)
            previous = rows.get(key)
            if previous is not None:  # suspended and resumed within the month
                basis += previous.basis
                pension, disability = rules.art42_contributions(month, basis)
            rows[key] = StatementRow(
                PENSION, person.id, name, person.pesel or "", code, basis, _ZERO, pension,
                disability, _ZERO,
                "pełny miesiąc" if (first, last) == (month, end)
                else f"część miesiąca: {format_date(first)}–{format_date(last)}")
    ordered = sorted(rows.values(), key=lambda r: (r.kind, r.person_name))
    registrations.sort(key=lambda r: (r.effective_on, r.person_name, r.form))
    packages = session.scalar(select(func.count(ZusPackage.id)).where(
        ZusPackage.month == month)) or 0
    payment_due = _first_working_day_from(
        rules.add_months(month, 1).replace(day=figures.payment_day))
    return MonthlyStatement(month, tuple(ordered), tuple(registrations), tuple(warnings),
                            payment_due, packages, NOTES)


# --- operations ---------------------------------------------------------------------------------


@operation(Permission.PAYOUT_PREPARE)
def monthly_statement(session: Session, *, actor: Actor, month: date,
                      today: date | None = None) -> MonthlyStatement:
    """The month's list (the names of the insured are shown: the reading is recorded)."""
    today = today or clock.today()
    statement = build_statement(session, month, today=today)
    write_audit(session, actor.id, AuditAction.READ, "Contributions", None,
                {"month": f"{statement.month:%Y-%m}"})
    return statement


def _insured_view(person: Person) -> InsuredView:
    sex = person.sex.value if person.sex is not None else ""
    return InsuredView(person.pesel or "", person.last_name, person.first_name,
                       person.birth_date, sex)


def _kedu_view(session: Session, statement: MonthlyStatement, today: date,
               include_dra: bool) -> KeduView:
    ids = {r.person_id for r in statement.rows} | {r.person_id for r in statement.registrations}
    people = {p.id: p for p in session.scalars(select(Person).where(Person.id.in_(ids)))}
    registrations = tuple(
        Registration(r.form, _insured_view(people[r.person_id]), r.title_code, r.effective_on,
                     r.reason_code) for r in statement.registrations)
    lines = tuple(
        ReportLine(_insured_view(people[r.person_id]), r.title_code,
                   health_basis=r.basis if r.kind == HEALTH else _ZERO, health=r.health,
                   pension_basis=r.basis if r.kind == PENSION else _ZERO, pension=r.pension,
                   disability=r.disability) for r in statement.reported)
    if not registrations and not lines:
        raise ValidationError(f"Za {month_label(statement.month)} nie ma nic do zgłoszenia ani "
                              "do rozliczenia.", field="month")
    return KeduView(_payer_view(session), statement.month, today, __version__, registrations,
                    lines, include_dra=include_dra)


@operation(Permission.PAYOUT_PREPARE)
def kedu_file(session: Session, *, actor: Actor, month: date, include_dra: bool = True,
              today: date | None = None) -> bytes:
    """The month's KEDU XML for Płatnik; the export is recorded."""
    today = today or clock.today()
    statement = build_statement(session, month, today=today)
    data = render_kedu(_kedu_view(session, statement, today, include_dra))
    write_audit(session, actor.id, AuditAction.EXPORT, "Contributions", None,
                {"month": f"{statement.month:%Y-%m}", "format": "KEDU"})
    return data


@operation(Permission.PAYOUT_PREPARE)
def forms_pdf(session: Session, *, actor: Actor, month: date, include_dra: bool = True,
              today: date | None = None) -> bytes:
    """The same declarations in the layout of the printed forms."""
    today = today or clock.today()
    statement = build_statement(session, month, today=today)
    view = _kedu_view(session, statement, today, include_dra)
    write_audit(session, actor.id, AuditAction.PRINT, "Contributions", None,
                {"month": f"{statement.month:%Y-%m}", "format": "forms"})
    return zus_forms.render_forms(view, office_view(session))


@operation(Permission.PAYOUT_PREPARE)
def statement_pdf(session: Session, *, actor: Actor, month: date,
                  today: date | None = None) -> bytes:
    """The month's statement for the accountant."""
    today = today or clock.today()
    statement = build_statement(session, month, today=today)
    write_audit(session, actor.id, AuditAction.PRINT, "Contributions", None,
                {"month": f"{statement.month:%Y-%m}", "format": "statement"})
    return statement_report.render_statement(_statement_view(session, statement, today,
                                                             actor))


def _statement_view(session: Session, statement: MonthlyStatement, today: date,
                    actor: Actor) -> statement_report.StatementView:
    lines = tuple(statement_report.StatementLine(
        r.person_name, r.pesel, KIND_LABELS[r.kind], r.title_code, r.basis, r.health,
        r.pension, r.disability, r.due_for_month if r.kind == HEALTH else None, r.note)
        for r in statement.rows)
    registrations = tuple(
        f"{r.form} — {r.person_name} (PESEL {r.pesel}), "
        f"{'wyrejestrowanie od' if r.form == 'ZWUA' else 'zgłoszenie od'} "
        f"{format_date(r.effective_on)} r., kod tytułu {r.title_code}"
        + (f", kod przyczyny {r.reason_code}" if r.reason_code else "")
        for r in statement.registrations)
    return statement_report.StatementView(
        office=office_view(session), month_text=month_label(statement.month), lines=lines,
        registrations=registrations, warnings=statement.warnings, notes=statement.notes,
        payment_due=statement.payment_due, generated_on=today, generated_by=actor.full_name)


@operation(Permission.PAYOUT_PREPARE)
def record_sent(session: Session, *, actor: Actor, month: date, include_dra: bool = True,
                today: date | None = None) -> int:
    """The package went to ZUS: its file is kept and its registrations are not offered
    again. Returns the package's id."""
    today = today or clock.today()
    statement = build_statement(session, month, today=today)
    view = _kedu_view(session, statement, today, include_dra)
    seq = (session.scalar(select(func.max(ZusPackage.seq)).where(
        ZusPackage.month == statement.month)) or 0) + 1
    package = ZusPackage(month=statement.month, seq=seq, created_at=clock.now(),
                         created_by_id=actor.id, xml=render_kedu(view))
    session.add(package)
    session.flush()
    for r in statement.registrations:
        session.add(ZusDocument(package_id=package.id, form=r.form, kind=r.kind,
                                person_id=r.person_id, decision_id=r.decision_id,
                                effective_on=r.effective_on, title_code=r.title_code,
                                reason_code=r.reason_code))
    for line in statement.reported:
        session.add(ZusDocument(package_id=package.id, form="RCA", kind=line.kind,
                                person_id=line.person_id, effective_on=statement.month,
                                title_code=line.title_code))
    session.flush()
    return package.id


__all__ = ["HEALTH", "PENSION", "MonthlyStatement", "PayerForm", "RegistrationRow",
           "StatementRow", "build_statement", "forms_pdf", "kedu_file", "monthly_statement",
           "payer_form", "record_health_insurance", "record_sent", "save_payer",
           "set_art42_basis", "statement_pdf"]
