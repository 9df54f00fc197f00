"""The builders the tests share, each written once: a person, a decision drafted and issued,
the forms of a grant and of a correction. Everything goes through the services the workers
use, so a builder obeys every rule the program has."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from opsdesk.models import Interview
from opsdesk.models.enums import BenefitKind, DecisionKind, PayoutMethod
from opsdesk.services import decisions, people
from opsdesk.services.decisions.views import DecisionForm, IssuedDecision
from opsdesk.services.people import PersonForm
from opsdesk.services.security import Actor

OKRESOWY = BenefitKind.ZASILEK_OKRESOWY
# The day the builders' workers act: their data's day, fixed so that the figures the tests
# count by hand hold; the program's clock (``conftest.TODAY``) may stand on another day.
WORKDAY = date(2026, 11, 10)
# The social-work and desk data's day: a Monday, two weeks after WORKDAY.
MONDAY = date(2026, 11, 23)


def person(db, staff, form: PersonForm, *, today: date | None = None,  # type: ignore[no-untyped-def]
           allow_similar: bool = False) -> int:
    """A person registered at the desk; their id."""
    return db.write(lambda s: people.register_person(
        s, form, actor=staff.desk, allow_similar=allow_similar,
        **({"today": today} if today is not None else {})))


def grant(case_id: int, amount: str = "305.00", kind: BenefitKind = OKRESOWY,
          **kw: object) -> DecisionForm:
    """A granting decision's form: by default 305,00 zł a month, November to January, in cash."""
    values: dict[str, object] = dict(
        case_id=case_id, kind=DecisionKind.GRANTING, benefit_kind=kind, amount=Decimal(amount),
        period_from=date(2026, 11, 1), period_to=date(2027, 1, 31),
        payout_method=PayoutMethod.CASH)
    values.update(kw)
    return DecisionForm(**values)  # type: ignore[arg-type]


def correction(case_id: int, root_id: int, kind: DecisionKind, eff: date, *,
               benefit_kind: BenefitKind = OKRESOWY, **kw: object) -> DecisionForm:
    """A changing, revoking, suspending or resuming decision's form, effective from ``eff``."""
    return DecisionForm(case_id=case_id, kind=kind, benefit_kind=benefit_kind,  # type: ignore[arg-type]
                        corrects_decision_id=root_id, effective_from=eff,
                        justification="Zmiana sytuacji strony (art. 106 ust. 5).", **kw)


def draft_decision(db, staff, form: DecisionForm, *, today: date = WORKDAY,  # type: ignore[no-untyped-def]
                   decision_id: int | None = None) -> int:
    """The benefits worker saves the draft (a new one, or ``decision_id`` again)."""
    return db.write(lambda s: decisions.save_draft(s, form, actor=staff.benefits, today=today,
                                                   decision_id=decision_id))


def approve_decision(db, staff, decision_id: int, *, today: date = WORKDAY,  # type: ignore[no-untyped-def]
                     actor: Actor | None = None) -> IssuedDecision:
    """The head (or ``actor``) approves and issues the draft."""
    return db.write(lambda s: decisions.approve_and_issue(s, decision_id,
                                                         actor=actor or staff.head, today=today))


def issue_decision(db, staff, form: DecisionForm, *, today: date = WORKDAY,  # type: ignore[no-untyped-def]
                   submit: bool = True, actor: Actor | None = None) -> IssuedDecision:
    """Draft a decision, submit it for approval (unless ``submit`` is False: the head may
    approve a draft directly) and have it approved and issued, all on ``today``."""
    did = draft_decision(db, staff, form, today=today)
    if submit:
        db.write(lambda s: decisions.submit_draft(s, did, actor=staff.benefits, today=today))
    return approve_decision(db, staff, did, today=today, actor=actor)



def interview_version(session: Session, interview_id: int) -> int:
    """The interview's version as a form opening it now would carry."""
    return session.get(Interview, interview_id).version  # type: ignore[union-attr]


def join_household(db, actor: Actor, head_id: int, person_id: int, relation) -> int:  # type: ignore[no-untyped-def]
    """Add to the head's household as the person file does, with the version it shows."""
    return db.write(lambda s: people.add_to_household(  # type: ignore[no-any-return]
        s, actor=actor, head_id=head_id, person_id=person_id, relation=relation,
        expected_version=people.household_version(s, head_id)))
