"""The head's reporting calendar: the reports the centre owes each year, when each is due
(``rules.REPORT_DUES``), and for each the figures the records hold — counted by the same
code as the statistics (``services/statistics.py``) — with what they do not hold left blank
and named, never a zero that would look like "none".

* **MRPiPS-03** for the first half-year and for the year (part I: persons, benefits,
  amounts, families per form of help; the reasons help was given for).
* **Ocena zasobów pomocy społecznej** (art. 16a ups) for the previous year, by 30 April.
* **The head's yearly report to the rada gminy** (art. 110 ust. 9 ups).

Each prints (PDF) and exports to a sheet laid out as the form: section by section, one row
per line of the form, the value beside it or the reason it is missing.
"""

from __future__ import annotations

import io
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from opsdesk import clock
from opsdesk.errors import ValidationError
from opsdesk.formatting import format_date
from opsdesk.models import (
    BlueCard,
    CaseMessage,
    Decision,
    Interview,
    RegisterCheck,
    SocialContract,
    SocialWorkCase,
    User,
    UserRole,
)
from opsdesk.models.enums import AuditAction, DecisionStatus, Role
from opsdesk.reports.report_form import FormLine, FormSection, ReportFormView, render_report_form
from opsdesk.services import rules, statistics
from opsdesk.services.audit import write_audit
from opsdesk.services.contributions import build_statement
from opsdesk.services.interviews import ART7_REASONS
from opsdesk.services.office import office_view
from opsdesk.services.permissions import Permission
from opsdesk.services.queue import Deadline
from opsdesk.services.security import Actor, operation
from opsdesk.services.statistics import Period

Value = int | Decimal | str | None


@dataclass(frozen=True)
class ReportKind:
    key: str
    title: str
    half_year: bool = False  # the first half of the year, not the whole year


KINDS: dict[str, ReportKind] = {
    "MRPIPS03_H1": ReportKind("MRPIPS03_H1", "Sprawozdanie MRPiPS-03 za I półrocze", True),
    "MRPIPS03_YEAR": ReportKind("MRPIPS03_YEAR", "Sprawozdanie MRPiPS-03 roczne"),
    "OZPS": ReportKind("OZPS", "Ocena zasobów pomocy społecznej"),
    "RADA_GMINY": ReportKind("RADA_GMINY", "Sprawozdanie z działalności ośrodka dla rady "
                                           "gminy"),
}


def period_of(key: str, year: int) -> Period:
    return statistics.half_year(year, 1) if KINDS[key].half_year else statistics.whole_year(year)


@dataclass(frozen=True)
class CalendarRow:
    key: str
    title: str
    year: int
    period: Period
    due: date
    basis: str
    verified: bool

    @property
    def deadline(self) -> Deadline:
        return Deadline("termin", self.due)


@operation(Permission.STATISTICS)
def report_calendar(session: Session, *, actor: Actor, today: date | None = None
                    ) -> list[CalendarRow]:
    """The reports for the last year and this one, by due date."""
    today = today or clock.today()
    rows = [CalendarRow(key, kind.title, year, period_of(key, year),
                        rules.report_due(key, year), rules.REPORT_DUES[key].basis,
                        rules.REPORT_DUES[key].verified)
            for year in (today.year - 1, today.year) for key, kind in KINDS.items()]
    return sorted(rows, key=lambda r: (r.due, r.key))


# --- the figures -------------------------------------------------------------------------------


def _line(label: str, value: Value, *, missing: str = "") -> FormLine:
    return FormLine(label, (value,), missing if value is None else "")


def _part_one(session: Session, period: Period, today: date) -> list[FormSection]:
    report, found = statistics.build_report(session, period.start, period.end, today=today)
    if report.message:
        return [FormSection("Dział I. Świadczenia przyznane decyzją",
                            (_line("Brak danych", None, missing=report.message),))]
    lines = [FormLine(row.label, (row.persons, row.benefits, row.amount, row.families,
                                  row.family_persons)) for row in report.rows]
    families: dict[str, set[str]] = defaultdict(set)
    persons: dict[str, dict[str, int]] = defaultdict(dict)
    for c in found:
        for reason in c.reasons:
            families[reason].add(c.family_key)
            persons[reason][c.family_key] = c.family_size
    reasons = [FormLine(f"{number}. {name}", (len(families[code]),
                                              sum(persons[code].values())))
               for code, (number, name) in ART7_REASONS.items()]
    return [FormSection("Dział I. Świadczenia przyznane decyzją (część I formularza)",
                        tuple(lines), statistics.COLUMNS[1:]),
            FormSection("Powody przyznania pomocy (art. 7 ustawy o pomocy społecznej)",
                        tuple(reasons), ("Liczba rodzin", "Liczba osób w rodzinach"))]


def _count(session: Session, stmt) -> int:  # noqa: ANN001 - a select of one count
    return int(session.scalar(stmt) or 0)


def _activity(session: Session, period: Period) -> FormSection:
    """What the records hold of the centre's work in the period besides benefits."""
    start, end = period.start, period.end
    sw = _count(session, select(func.count(SocialWorkCase.id)).where(
        SocialWorkCase.referred_on <= end,
        (SocialWorkCase.closed_on.is_(None)) | (SocialWorkCase.closed_on >= start)))
    contracts = _count(session, select(func.count(SocialContract.id)).where(
        SocialContract.concluded_on.between(start, end)))
    interviews = _count(session, select(func.count(Interview.id)).where(
        Interview.carried_out_on.between(start, end), Interview.completed.is_(True)))
    decisions = _count(session, select(func.count(Decision.id)).where(
        Decision.status == DecisionStatus.ISSUED, Decision.issued_on.between(start, end)))
    cards = _count(session, select(func.count(BlueCard.id)).where(
        BlueCard.initiated_on.between(start, end)))
    letters = _count(session, select(func.count(CaseMessage.id)).where(
        CaseMessage.written_on.between(start, end)))
    checks = _count(session, select(func.count(RegisterCheck.id)).where(
        RegisterCheck.checked_at >= start, RegisterCheck.checked_at < end + timedelta(days=1)))
    return FormSection("Praca ośrodka w okresie (z ewidencji programu)", (
        _line("Rodzinne wywiady środowiskowe przeprowadzone", interviews),
        _line("Decyzje administracyjne wydane", decisions),
        _line("Klienci objęci pracą socjalną", sw),
        _line("Kontrakty socjalne zawarte", contracts),
        _line("Procedury „Niebieska Karta” wszczęte", cards),
        _line("Informacje i opinie pracowników socjalnych (art. 75 § 1 kpa)", letters),
        _line("Sprawdzenia w rejestrach centralnych", checks),
    ))


def _staff(session: Session) -> FormSection:
    def workers(role: Role) -> int:
        return _count(session, select(func.count(func.distinct(User.id)))
                      .join(UserRole, UserRole.user_id == User.id)
                      .where(User.active.is_(True), UserRole.role == role))
    return FormSection("Kadra ośrodka", (
        _line("Pracownicy socjalni (konta w programie)", workers(Role.SOCIAL_WORK)),
        _line("Pracownicy ds. świadczeń (konta w programie)", workers(Role.BENEFITS)),
        _line("Etaty, wykształcenie i specjalizacje pracowników", None,
              missing="program nie prowadzi spraw kadrowych"),
    ))


def _contributions(session: Session, period: Period, today: date) -> FormSection:
    health = pension = Decimal("0.00")
    month = period.start.replace(day=1)
    while month <= period.end and month <= today:
        s = build_statement(session, month, today=today)
        health += s.health
        pension += s.pension + s.disability
        month = rules.add_months(month, 1)
    return FormSection("Składki opłacane przez ośrodek", (
        _line("Składki na ubezpieczenie zdrowotne za osoby pobierające zasiłek stały (zł)",
              health),
        _line("Składki emerytalne i rentowe (art. 42 ustawy o pomocy społecznej) (zł)",
              pension),
    ))


_NOT_HELD = {
    "MRPIPS03": (
        ("Świadczenia niepieniężne — koszt (zł)", "program nie ewidencjonuje kosztu "
                                                  "posiłków, usług ani pobytu w DPS"),
        ("Dział II i dalsze: usługi, placówki, kadra, wydatki ogółem",
         "program nie prowadzi tych danych — uzupełnij w CAS z ewidencji księgowej"),
    ),
    "OZPS": (
        ("Infrastruktura: placówki, miejsca, mieszkania chronione",
         "program nie prowadzi rejestru placówek"),
        ("Organizacje pozarządowe i inne podmioty współpracujące",
         "program nie prowadzi tych danych"),
        ("Nakłady finansowe na pomoc społeczną (budżet gminy, dotacje)",
         "dane księgowe spoza programu"),
        ("Rekomendacje na następny rok", "ocena kierownika — do wpisania"),
    ),
    "RADA_GMINY": (
        ("Wykonanie budżetu ośrodka", "dane księgowe spoza programu"),
        ("Potrzeby w zakresie pomocy społecznej", "ocena kierownika — do wpisania "
                                                  "(art. 110 ust. 9 ustawy)"),
    ),
}


def _not_held(key: str) -> FormSection:
    group = "MRPIPS03" if key.startswith("MRPIPS03") else key
    return FormSection("Czego ewidencja programu nie obejmuje (do uzupełnienia)",
                       tuple(_line(label, None, missing=why) for label, why in _NOT_HELD[group]))


def build_report_form(session: Session, key: str, year: int, *, today: date,
                      actor_name: str) -> ReportFormView:
    if key not in KINDS:
        raise ValidationError("Nie ma takiego sprawozdania.", field="report")
    period = period_of(key, year)
    if period.start > today:
        raise ValidationError(f"Okres {period.text()} jeszcze się nie rozpoczął.",
                              field="period")
    sections = _part_one(session, period, today)
    if key in ("OZPS", "RADA_GMINY"):
        sections += [_activity(session, period), _staff(session),
                     _contributions(session, period, today)]
    sections.append(_not_held(key))
    notes = list(statistics.NOTES)
    if period.end > today:
        notes.insert(0, f"Okres jeszcze trwa — dane do dnia {format_date(today)} r.")
    due = rules.REPORT_DUES[key]
    notes.append(f"Termin: {format_date(rules.report_due(key, year))} r. ({due.basis})"
                 + ("" if due.verified else " — termin niezweryfikowany"))
    return ReportFormView(office=office_view(session), title=KINDS[key].title,
                          period_text=period.text(), sections=tuple(sections),
                          notes=tuple(notes), generated_on=today, generated_by=actor_name)


@operation(Permission.STATISTICS)
def report_form(session: Session, *, actor: Actor, key: str, year: int,
                today: date | None = None) -> ReportFormView:
    return build_report_form(session, key, year, today=today or clock.today(),
                             actor_name=actor.full_name)


@operation(Permission.STATISTICS)
def report_pdf(session: Session, *, actor: Actor, key: str, year: int,
               today: date | None = None) -> bytes:
    view = build_report_form(session, key, year, today=today or clock.today(),
                             actor_name=actor.full_name)
    write_audit(session, actor.id, AuditAction.PRINT, "Report", None,
                {"report": key, "year": year})
    return render_report_form(view)


@operation(Permission.STATISTICS)
def report_xlsx(session: Session, *, actor: Actor, key: str, year: int,
                today: date | None = None) -> bytes:
    """The report as a sheet in the layout of the form: the title and period on top, each
    section's heading in bold, a row per line with its value or, left blank, what is
    missing."""
    view = build_report_form(session, key, year, today=today or clock.today(),
                             actor_name=actor.full_name)
    write_audit(session, actor.id, AuditAction.EXPORT, "Report", None,
                {"report": key, "year": year, "format": "xlsx"})
    return form_to_xlsx(view)


def form_to_xlsx(view: ReportFormView) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    from opsdesk.services.export import MONEY_FORMAT, sheet_name

    book = Workbook()
    sheet = book.active
    sheet.title = sheet_name(view.title)
    book.properties.title = view.title
    book.properties.creator = "opsdesk"
    sheet["A1"] = view.title
    sheet["A1"].font = Font(bold=True, size=13)
    sheet["A2"] = f"{view.office.name} — okres sprawozdawczy: {view.period_text}"
    row = 3
    number = 0
    for section in view.sections:
        row += 2
        sheet.cell(row=row, column=2, value=section.title).font = Font(bold=True)
        row += 1
        for col, header in enumerate(("Lp.", "Wyszczególnienie", *section.columns, "Uwagi"),
                                     start=1):
            cell = sheet.cell(row=row, column=col, value=header)
            cell.font = Font(bold=True)
        for line in section.lines:
            row += 1
            number += 1
            sheet.cell(row=row, column=1, value=number)
            sheet.cell(row=row, column=2, value=line.label.strip())
            if not line.held:
                sheet.cell(row=row, column=3, value=None)
                sheet.cell(row=row, column=3 + len(section.columns),
                           value=f"brak w ewidencji: {line.missing}")
                continue
            for col, value in enumerate(line.values, start=3):
                cell = sheet.cell(row=row, column=col, value=value)
                if isinstance(value, Decimal):
                    cell.number_format = MONEY_FORMAT
    row += 1
    for note in view.notes:
        row += 1
        sheet.cell(row=row, column=1, value=note).font = Font(italic=True, size=9)
    for letter, width in zip("ABCDEFGH", (6, 60, 18, 18, 18, 18, 18, 40)):
        sheet.column_dimensions[letter].width = width
    for cells in sheet.iter_rows(min_row=4, max_row=row):
        for cell in cells:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


__all__ = ["KINDS", "CalendarRow", "build_report_form", "form_to_xlsx", "period_of",
           "report_calendar", "report_form", "report_pdf", "report_xlsx"]
