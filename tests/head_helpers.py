"""Known records for the head's view, made through the services the workers use: decisions
issued, payout lists paid, so every expected figure below is counted by hand.

The centre in November–December 2026:

* Zofia Źdźbło-Gąsiorowska, in a household of three (husband Jerzy, son Jaś): zasiłek
  okresowy 1234.50 zł a month for Nov 2026–Jan 2027, and a zasiłek celowy of 500.00 zł
  paid on 12 Nov;
* Marek Żak, alone: zasiłek stały 1229.00 zł a month from Nov 2026, open-ended;
* Halina Łęcka, alone: posiłek (in kind) for Nov–Dec 2026;
* Tomasz Ćwik, alone: zasiłek okresowy 305.00 zł a month for Dec 2026 only, refused
  nothing, but never paid (his December payout stays planned).

Payout lists: cash on 12 Nov 2026 (Zofia's November okresowy and celowy, Marek's November
stały) and on 10 Dec 2026 (Zofia's and Marek's December). Tomasz's December payout is not
on either list.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from opsdesk.demo.names import pesel_for
from opsdesk.models.enums import BenefitKind, DecisionKind, PayoutMethod, Relation
from opsdesk.services import payouts
from opsdesk.services.decisions.views import DecisionForm
from opsdesk.services.interviews import MemberEntry
from opsdesk.services.people import PersonForm
from tests.benefits_helpers import (
    WORKDAY,
    D,
    application,
    done_interview,
    family,
    interview_form,
    person,
    single_case,
)
from tests.factories import issue_decision

B = BenefitKind
MAREK = PersonForm(first_name="Marek", last_name="Żak",
                   pesel=pesel_for(date(1961, 3, 4), False, 11), street="ul. Polna 1",
                   postal_code="66-210", city="Zbąszynek")
HALINA = PersonForm(first_name="Halina", last_name="Łęcka",
                    pesel=pesel_for(date(1948, 5, 6), True, 12), street="ul. Polna 2",
                    postal_code="66-210", city="Zbąszynek")
TOMASZ = PersonForm(first_name="Tomasz", last_name="Ćwik",
                    pesel=pesel_for(date(1990, 7, 8), False, 13), street="ul. Polna 3",
                    postal_code="66-210", city="Zbąszynek")


def issue(db, staff, case_id: int, kind: BenefitKind, amount: str | None, start: date,
          end: date | None, *, method: PayoutMethod | None = PayoutMethod.CASH,
          purpose: str = "", today: date = WORKDAY) -> int:
    form = DecisionForm(case_id=case_id, kind=DecisionKind.GRANTING, benefit_kind=kind,
                        amount=D(amount) if amount else None, period_from=start,
                        period_to=end, payout_method=method, purpose=purpose)
    return issue_decision(db, staff, form, today=today).id


def pay_list(db, staff, on: date, *, leave_out: int | None = None,
             method: PayoutMethod = PayoutMethod.CASH) -> int:
    """Draw up the list for ``on`` (without the payouts of person ``leave_out``), have the
    head approve it and record it paid that day."""
    list_id = db.write(lambda s: payouts.prepare_payout_list(
        s, actor=staff.benefits, payout_date=on, method=method, today=on))
    detail = db.read(lambda s: payouts.payout_list_detail(s, list_id, actor=staff.benefits))
    for p in detail.payouts:
        if p.person_id == leave_out:
            db.write(lambda s, pid=p.id: payouts.remove_from_list(s, list_id, pid,
                                                                  actor=staff.benefits))
    db.write(lambda s: payouts.approve_payout_list(s, list_id, actor=staff.head, today=on))
    db.write(lambda s: payouts.record_list_paid(s, list_id, actor=staff.benefits, paid_on=on,
                                                today=on))
    return list_id


@dataclass(frozen=True)
class Centre:
    zofia: int
    jerzy: int
    jas: int
    marek: int
    halina: int
    tomasz: int
    okresowy: int  # decision ids
    celowy: int
    staly: int
    posilek: int
    tomasz_okresowy: int


def centre(db, staff, *, december: bool = True) -> Centre:
    """The records above; ``december=False`` stops before the December list is drawn up."""
    zofia, jerzy, jas = family(db, staff)
    members = (MemberEntry(zofia, Relation.HEAD), MemberEntry(jerzy, Relation.SPOUSE),
               MemberEntry(jas, Relation.CHILD))
    case_id = application(db, staff, zofia, B.ZASILEK_OKRESOWY)
    done_interview(db, staff, case_id, interview_form(members))
    # A family of three with no income: the difference is 3 × 823.00 = 2469.00 zł; at
    # least half of it, 1234.50 zł, is granted.
    okresowy = issue(db, staff, case_id, B.ZASILEK_OKRESOWY, "1234.50", date(2026, 11, 1),
                     date(2027, 1, 31))
    celowy_case = application(db, staff, zofia, B.ZASILEK_CELOWY)
    done_interview(db, staff, celowy_case, interview_form(members))
    celowy = issue(db, staff, celowy_case, B.ZASILEK_CELOWY, "500.00", date(2026, 11, 12),
                   None, purpose="opał na zimę")
    marek, staly_case = single_case(db, staff, "0", kind=B.ZASILEK_STALY, who=MAREK)
    staly = issue(db, staff, staly_case, B.ZASILEK_STALY, "1229.00", date(2026, 11, 1), None)
    halina, meal_case = single_case(db, staff, "900.00", kind=B.POSILEK, who=HALINA)
    posilek = issue(db, staff, meal_case, B.POSILEK, None, date(2026, 11, 1),
                    date(2026, 12, 31), method=None, purpose="jeden gorący posiłek dziennie")
    tomasz, tomasz_case = single_case(db, staff, "400.00", who=TOMASZ)
    tomasz_okresowy = issue(db, staff, tomasz_case, B.ZASILEK_OKRESOWY, "305.00",
                            date(2026, 12, 1), date(2026, 12, 31))
    pay_list(db, staff, date(2026, 11, 12))
    if december:
        pay_list(db, staff, date(2026, 12, 10), leave_out=tomasz)
    return Centre(zofia, jerzy, jas, marek, halina, tomasz, okresowy, celowy, staly, posilek,
                  tomasz_okresowy)


__all__ = ["Centre", "HALINA", "MAREK", "TOMASZ", "centre", "issue", "pay_list", "person"]
