"""The head's statistics for any period, laid out like part one of the MRPiPS-03 report:
per form of help — persons granted by decision, number of benefits, amount in zł,
families, persons in those families — counted from issued decisions and their payouts.

How a figure is counted (printed with the report, so nobody has to guess):

* **Cash benefits** (zasiłki): a payout counts when it was paid (status PAID) on a day of
  the period. The number of benefits is the number of such payouts (a month of a periodic
  benefit, or the one payment of a one-off one), the amount is their sum. A payout made
  under a changing decision belongs to the granting decision it changes.
* **Benefits in kind** (posiłek, usługi, składki, pogrzeb, DPS, ośrodek wsparcia): a
  granting decision counts when, after every change, revocation and suspension, it is in
  force on at least one day of the period (sprawienie pogrzebu: its day falls in the
  period). Each such decision is one benefit; the program keeps no cost of them, so their
  amount is not given ("—"), never 0 zł.
* A person is counted once in a row, a family once; the family is the person's household
  in the file (a person with none is a family of one), its size the number of persons in
  the family interview the latest counted decision was based on (else the household's
  size now, else one). OGÓŁEM counts each person and family once across all forms.

Every figure drills down to the decisions behind it (``statistics_decisions``); summed the
same way, the list gives the figure back.

A period that is missing, reversed, entirely in the future, or ends before the first
issued decision gives an empty report with a Polish message — never a row of zeros that
would look like "nothing was given".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import Integer, cast, func, or_, select
from sqlalchemy.orm import Session, aliased

from opsdesk import clock
from opsdesk.errors import ValidationError
from opsdesk.formatting import format_date, format_money
from opsdesk.models import (
    Decision,
    HouseholdMember,
    Interview,
    InterviewMember,
    Payout,
    Person,
)
from opsdesk.models.enums import (
    AuditAction,
    BenefitKind,
    DecisionKind,
    DecisionStatus,
    PayoutStatus,
)
from opsdesk.reports.table_report import render_table_report
from opsdesk.reports.views import TableReportView
from opsdesk.services import export
from opsdesk.services import validation as check
from opsdesk.services.audit import write_audit
from opsdesk.services.decisions.catalogue import BENEFITS, Payment
from opsdesk.services.office import office_view
from opsdesk.services.payouts.schedule import corrections_by_root, segments
from opsdesk.services.permissions import Permission
from opsdesk.services.security import Actor, operation

B = BenefitKind
TOTAL = "OGOLEM"
_GROSZ = Decimal("0.01")
_CHUNK = 500


# --- the period ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """From ``start`` to ``end``, both days included."""

    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> Period:
        """The period of the same length just before this one, to compare with."""
        end = self.start - timedelta(days=1)
        return Period(end - timedelta(days=self.days - 1), end)

    def text(self) -> str:
        return f"{format_date(self.start)}–{format_date(self.end)}"


def make_period(start: date | None, end: date | None) -> Period:
    """A period from the pickers; a missing or reversed one fails with a Polish message."""
    check.period(start, end)
    assert start is not None and end is not None
    return Period(start, end)


def half_year(year: int, half: int) -> Period:
    """The MRPiPS-03 reporting periods: I półrocze (1) and the whole year's second half."""
    return Period(date(year, 1, 1), date(year, 6, 30)) if half == 1 else \
        Period(date(year, 7, 1), date(year, 12, 31))


def whole_year(year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 12, 31))


def first_decision_day(session: Session) -> date | None:
    """The day the records of issued decisions begin."""
    return session.scalar(select(func.min(Decision.issued_on)).where(
        Decision.status == DecisionStatus.ISSUED))


def empty_reason(session: Session, start: date | None, end: date | None, today: date,
                 *, data_from: date | None, what: str) -> tuple[Period | None, str]:
    """The period, or why a report for it must stay empty (in Polish); shared by the
    statistics and the evaluation so bad input reads the same everywhere."""
    try:
        period = make_period(start, end)
    except ValidationError as exc:
        return None, exc.message
    if period.start > today:
        return period, (f"Okres {period.text()} jeszcze się nie rozpoczął — nie ma danych "
                        "do zestawienia.")
    if data_from is None:
        return period, f"W programie nie ma jeszcze żadnych danych: {what}."
    if period.end < data_from:
        return period, (f"Okres {period.text()} jest wcześniejszy niż pierwsze dane w programie "
                        f"({what} od {format_date(data_from)} r.) — nie ma z czego liczyć.")
    return period, ""


# --- what one decision brings to the report ------------------------------------------------


@dataclass(frozen=True)
class Contribution:
    """One granting decision's share of the report in the period."""

    decision_id: int
    number: str
    issued_on: date
    benefit_kind: BenefitKind
    person_id: int
    person_name: str
    benefits: int
    amount: Decimal | None  # None: a benefit in kind, whose cost is not recorded
    family_key: str  # "H<household id>", or "P<person id>" for a person with no household
    family_size: int
    single: bool  # zasiłek stały: osoba samotnie gospodarująca
    reasons: frozenset[str]  # art. 7 codes of the interview


@dataclass(frozen=True)
class FormOfHelp:
    key: str
    label: str
    level: int  # 0: a form of help; 1: a "w tym" line under it
    kinds: frozenset[BenefitKind]
    only: Callable[[Contribution], bool] | None = None

    def covers(self, c: Contribution) -> bool:
        return c.benefit_kind in self.kinds and (self.only is None or self.only(c))


def _form(key: str, label: str, kinds: Iterable[BenefitKind], level: int = 0,
          only: Callable[[Contribution], bool] | None = None) -> FormOfHelp:
    return FormOfHelp(key, label, level, frozenset(kinds), only)


def _reason(code: str) -> Callable[[Contribution], bool]:
    return lambda c: code in c.reasons


_CELOWE = (B.ZASILEK_CELOWY, B.ZASILEK_CELOWY_39A, B.ZASILEK_CELOWY_40,
           B.SPECJALNY_ZASILEK_CELOWY, B.ZASILEK_ZWROTNY)

# The rows in the order of MRPiPS-03 part one; OGÓŁEM is put in front of them.
FORMS: tuple[FormOfHelp, ...] = (
    _form("ZASILEK_STALY", "Zasiłki stałe", [B.ZASILEK_STALY]),
    _form("ZASILEK_STALY.SINGLE", "– w tym dla osoby samotnie gospodarującej",
          [B.ZASILEK_STALY], 1, lambda c: c.single),
    _form("ZASILEK_STALY.FAMILY", "– w tym dla osoby pozostającej w rodzinie",
          [B.ZASILEK_STALY], 1, lambda c: not c.single),
    _form("SKLADKA_ZDROWOTNA", "Składki na ubezpieczenie zdrowotne", [B.SKLADKA_ZDROWOTNA]),
    _form("ZASILEK_OKRESOWY", "Zasiłki okresowe", [B.ZASILEK_OKRESOWY]),
    _form("ZASILEK_OKRESOWY.BEZROBOCIE", "– w tym z powodu bezrobocia", [B.ZASILEK_OKRESOWY],
          1, _reason("BEZROBOCIE")),
    _form("ZASILEK_OKRESOWY.CHOROBA", "– w tym z powodu długotrwałej choroby",
          [B.ZASILEK_OKRESOWY], 1, _reason("CHOROBA")),
    _form("ZASILEK_OKRESOWY.NIEPELNOSPRAWNOSC", "– w tym z powodu niepełnosprawności",
          [B.ZASILEK_OKRESOWY], 1, _reason("NIEPELNOSPRAWNOSC")),
    _form("CELOWE", "Zasiłki celowe ogółem", _CELOWE),
    _form("CELOWE.SPECJALNY", "– w tym specjalne zasiłki celowe (art. 41 pkt 1)",
          [B.SPECJALNY_ZASILEK_CELOWY], 1),
    _form("CELOWE.39A", "– w tym zasiłki celowe z art. 39a", [B.ZASILEK_CELOWY_39A], 1),
    _form("CELOWE.40", "– w tym na zdarzenie losowe lub klęskę (art. 40)",
          [B.ZASILEK_CELOWY_40], 1),
    _form("CELOWE.ZWROTNY", "– w tym zasiłki zwrotne (art. 41 pkt 2)", [B.ZASILEK_ZWROTNY], 1),
    _form("POSILEK", "Posiłek", [B.POSILEK]),
    _form("USLUGI_OPIEKUNCZE", "Usługi opiekuńcze", [B.USLUGI_OPIEKUNCZE]),
    _form("SPECJALISTYCZNE_USLUGI_OPIEKUNCZE", "Specjalistyczne usługi opiekuńcze",
          [B.SPECJALISTYCZNE_USLUGI_OPIEKUNCZE]),
    _form("SPRAWIENIE_POGRZEBU", "Sprawienie pogrzebu", [B.SPRAWIENIE_POGRZEBU]),
    _form("SKLADKA_SPOLECZNA", "Składki na ubezpieczenia emerytalne i rentowe",
          [B.SKLADKA_SPOLECZNA]),
    _form("DPS", "Skierowanie do domu pomocy społecznej", [B.DPS]),
    _form("OSRODEK_WSPARCIA", "Pobyt w ośrodku wsparcia", [B.OSRODEK_WSPARCIA]),
)
TOTAL_FORM = _form(TOTAL, "OGÓŁEM", list(BenefitKind))
_BY_KEY = {f.key: f for f in (TOTAL_FORM, *FORMS)}
IN_KIND = frozenset(k for k, spec in BENEFITS.items() if spec.payment is Payment.IN_KIND)

COLUMNS = ("Forma pomocy", "Liczba osób, którym decyzją przyznano świadczenie",
           "Liczba świadczeń", "Kwota świadczeń w zł", "Liczba rodzin",
           "Liczba osób w rodzinach")
NOTES = (
    "Świadczenia pieniężne: wypłaty zrealizowane w okresie — liczba świadczeń to liczba "
    "wypłat (miesięcznych albo jednorazowych), kwota to ich suma.",
    "Świadczenia niepieniężne: decyzje przyznające obowiązujące choćby przez jeden dzień "
    "okresu; jedna decyzja to jedno świadczenie; ich kosztu program nie ewidencjonuje (—).",
    "Osoba i rodzina są liczone raz w wierszu i raz w wierszu OGÓŁEM; rodzina to "
    "gospodarstwo domowe z kartoteki, jej liczebność — według wywiadu, na podstawie którego "
    "wydano decyzję.",
)


@dataclass(frozen=True)
class StatRow:
    key: str
    label: str
    level: int
    persons: int
    benefits: int
    amount: Decimal | None  # None: only benefits in kind, no amount recorded
    families: int
    family_persons: int


@dataclass(frozen=True)
class StatisticsReport:
    period: Period | None
    rows: tuple[StatRow, ...] = ()
    message: str = ""  # non-empty: why the report is empty
    notes: tuple[str, ...] = field(default=NOTES)

    @property
    def empty(self) -> bool:
        return not self.rows


def figures(form: FormOfHelp, contributions: Iterable[Contribution]) -> StatRow:
    """One row from the decisions it covers: persons and families once each, a family's
    size from its latest decision."""
    mine = [c for c in contributions if form.covers(c)]
    latest: dict[str, Contribution] = {}
    for c in mine:
        known = latest.get(c.family_key)
        if known is None or (c.issued_on, c.decision_id) > (known.issued_on, known.decision_id):
            latest[c.family_key] = c
    amounts = [c.amount for c in mine if c.amount is not None]
    cash_row = not form.kinds <= IN_KIND
    return StatRow(
        key=form.key, label=form.label, level=form.level,
        persons=len({c.person_id for c in mine}), benefits=sum(c.benefits for c in mine),
        amount=sum(amounts, Decimal("0.00")) if cash_row else None,
        families=len(latest), family_persons=sum(c.family_size for c in latest.values()))


# --- counting ------------------------------------------------------------------------------


def _details_stmt(root_ids):  # noqa: ANN001, ANN202 - a select of decision ids
    """Everything a contribution needs about its granting decisions, in one query."""
    members = (select(InterviewMember.interview_id.label("iid"),
                      func.count(InterviewMember.id).label("n"))
               .group_by(InterviewMember.interview_id).subquery())
    household = aliased(HouseholdMember)
    sizes = (select(HouseholdMember.household_id.label("hid"),
                    func.count(HouseholdMember.id).label("n"))
             .group_by(HouseholdMember.household_id).subquery())
    return (select(Decision.id, Decision.number, Decision.issued_on, Decision.benefit_kind,
                   Decision.person_id, Person.last_name, Person.first_name,
                   household.household_id, sizes.c.n, members.c.n, Interview.single,
                   Interview.reasons)
            .join(Person, Decision.person_id == Person.id)
            .outerjoin(household, household.person_id == Decision.person_id)
            .outerjoin(sizes, sizes.c.hid == household.household_id)
            .outerjoin(Interview, Interview.id == Decision.interview_id)
            .outerjoin(members, members.c.iid == Decision.interview_id)
            .where(Decision.id.in_(root_ids)))


def _contribution(row, benefits: int, amount: Decimal | None) -> Contribution:  # noqa: ANN001
    (decision_id, number, issued_on, kind, person_id, last, first, household_id,
     household_size, interview_size, single, reasons) = row
    size = interview_size or household_size or 1
    return Contribution(
        decision_id=decision_id, number=number or "", issued_on=issued_on, benefit_kind=kind,
        person_id=person_id, person_name=f"{last} {first}", benefits=benefits, amount=amount,
        family_key=f"H{household_id}" if household_id is not None else f"P{person_id}",
        family_size=size, single=bool(single) if single is not None else size == 1,
        reasons=frozenset(r for r in (reasons or "").split(",") if r))


def _root_id():  # noqa: ANN202 - a SQL expression
    return func.coalesce(Decision.corrects_decision_id, Decision.id)


def _cash(session: Session, period: Period) -> list[Contribution]:
    """Paid payouts of the period, grouped by the granting decision they belong to; summed
    in grosze as integers, so no binary rounding can touch the total."""
    root_id = _root_id().label("root_id")
    paid = (select(root_id, func.count(Payout.id).label("n"),
                   func.sum(cast(func.round(Payout.amount * 100), Integer)).label("grosze"))
            .join(Decision, Payout.decision_id == Decision.id)
            .where(Payout.status == PayoutStatus.PAID, Payout.paid_on >= period.start,
                   Payout.paid_on <= period.end)
            .group_by(root_id).subquery())
    totals = {rid: (n, grosze) for rid, n, grosze in session.execute(select(paid))}
    if not totals:
        return []
    result = []
    for row in session.execute(_details_stmt(select(paid.c.root_id))):
        n, grosze = totals[row[0]]
        result.append(_contribution(row, n, (Decimal(int(grosze)) / 100).quantize(_GROSZ)))
    return result


def _in_force(root: Decision, corrections: list[Decision], period: Period) -> bool:
    paid_for = segments(root, corrections)
    if BENEFITS[root.benefit_kind].once:
        return bool(paid_for) and period.start <= root.period_from <= period.end  # type: ignore[operator]
    return any(s.start <= period.end and (s.end is None or s.end >= period.start)
               for s in paid_for)


def _in_kind(session: Session, period: Period) -> list[Contribution]:
    corrected = (select(Decision.corrects_decision_id)
                 .where(Decision.status == DecisionStatus.ISSUED,
                        Decision.corrects_decision_id.is_not(None)))
    roots = (select(Decision).where(
        Decision.kind == DecisionKind.GRANTING, Decision.status == DecisionStatus.ISSUED,
        Decision.benefit_kind.in_(IN_KIND), Decision.period_from.is_not(None),
        Decision.period_from <= period.end,
        # A change may move the end later, so a corrected decision is always looked at.
        or_(Decision.period_to.is_(None), Decision.period_to >= period.start,
            Decision.id.in_(corrected))))
    candidates = session.scalars(roots).all()
    # Every correction of them in one query.
    by_root = corrections_by_root(session, select(roots.subquery().c.id))
    given = [d.id for d in candidates if _in_force(d, by_root[d.id], period)]
    result = []
    for i in range(0, len(given), _CHUNK):  # a bounded IN list, whatever the database
        result += [_contribution(row, 1, None)
                   for row in session.execute(_details_stmt(given[i:i + _CHUNK]))]
    return result


def contributions(session: Session, period: Period) -> list[Contribution]:
    """Every granting decision that gave something in the period, with what it gave."""
    result = _cash(session, period) + _in_kind(session, period)
    result.sort(key=lambda c: (c.person_name, c.issued_on, c.decision_id))
    return result


def build_report(session: Session, start: date | None, end: date | None, *,
                 today: date) -> tuple[StatisticsReport, list[Contribution]]:
    period, reason = empty_reason(session, start, end, today,
                                  data_from=first_decision_day(session),
                                  what="wydane decyzje")
    if reason:
        return StatisticsReport(period, message=reason), []
    assert period is not None
    found = contributions(session, period)
    rows = tuple(figures(f, found) for f in (TOTAL_FORM, *FORMS))
    notes = NOTES
    if period.end > today:
        notes = (f"Okres obejmuje dni przyszłe — dane do dnia {format_date(today)} r.", *NOTES)
    return StatisticsReport(period, rows, notes=notes), found


# --- operations ------------------------------------------------------------------------------


@operation(Permission.STATISTICS)
def statistics_report(session: Session, *, actor: Actor, start: date | None = None,
                      end: date | None = None, today: date | None = None) -> StatisticsReport:
    """The table for the period; empty with a message when the period cannot be counted."""
    return build_report(session, start, end, today=today or clock.today())[0]


@operation(Permission.STATISTICS)
def statistics_decisions(session: Session, *, actor: Actor, start: date | None = None,
                         end: date | None = None, row_key: str = TOTAL,
                         today: date | None = None) -> list[Contribution]:
    """The decisions behind a row's figures (the reading is recorded: names are shown)."""
    form = _BY_KEY.get(row_key)
    if form is None:
        raise ValidationError("Nie ma takiego wiersza sprawozdania.", field="row")
    report, found = build_report(session, start, end, today=today or clock.today())
    if report.message:
        raise ValidationError(report.message, field="period")
    write_audit(session, actor.id, AuditAction.READ, "Statistics", None,
                {"period": report.period.text() if report.period else "", "row": row_key})
    return [c for c in found if form.covers(c)]


def _report_or_refuse(session: Session, start: date | None, end: date | None,
                      today: date) -> StatisticsReport:
    report = build_report(session, start, end, today=today)[0]
    if report.message:
        raise ValidationError(report.message, field="period")
    return report


def _amount_text(amount: Decimal | None) -> str:
    return "—" if amount is None else format_money(amount, currency=False)


TITLE = "Świadczenia przyznane decyzją (układ sprawozdania MRPiPS-03, część I)"


@operation(Permission.STATISTICS)
def statistics_pdf(session: Session, *, actor: Actor, start: date | None = None,
                   end: date | None = None, today: date | None = None) -> bytes:
    today = today or clock.today()
    report = _report_or_refuse(session, start, end, today)
    assert report.period is not None
    write_audit(session, actor.id, AuditAction.PRINT, "Statistics", None,
                {"period": report.period.text()})
    rows = tuple((r.label, str(r.persons), str(r.benefits), _amount_text(r.amount),
                  str(r.families), str(r.family_persons)) for r in report.rows)
    subtitle = f"Okres sprawozdawczy: {report.period.text()}\n\n" + "\n".join(report.notes)
    return render_table_report(TableReportView(
        office=office_view(session), title=TITLE, subtitle=subtitle, columns=COLUMNS,
        rows=rows, generated_on=today, generated_by=actor.full_name,
        numeric_columns=(1, 2, 3, 4, 5)))


@operation(Permission.STATISTICS)
def statistics_xlsx(session: Session, *, actor: Actor, start: date | None = None,
                    end: date | None = None, today: date | None = None) -> bytes:
    today = today or clock.today()
    report = _report_or_refuse(session, start, end, today)
    assert report.period is not None
    title = f"MRPiPS-03 cz. I — {report.period.text()}"
    write_audit(session, actor.id, AuditAction.EXPORT, "Statistics", None,
                {"period": report.period.text(), "format": "xlsx"})
    rows = [(r.label, r.persons, r.benefits, r.amount, r.families, r.family_persons)
            for r in report.rows]
    return export.to_xlsx(title, COLUMNS, rows, notes=report.notes)


__all__ = ["Contribution", "FORMS", "Period", "StatRow", "StatisticsReport", "TOTAL",
           "build_report", "contributions", "figures", "half_year", "make_period",
           "statistics_decisions", "statistics_pdf", "statistics_report", "statistics_xlsx",
           "whole_year"]
