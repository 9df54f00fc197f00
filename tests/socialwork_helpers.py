"""Shared set-up of the social work and messages tests: clients, a benefits proceeding
and a referral, all made through the services the workers use."""


from sqlalchemy import select

from opsdesk.models import Case
from opsdesk.models.enums import BenefitKind
from opsdesk.services import intake, messages, queue
from opsdesk.services.intake import ApplicationForm
from opsdesk.services.messages import ReferralForm
from opsdesk.services.people import PersonForm
from tests import factories

MONDAY = factories.MONDAY
KASIA = PersonForm(first_name="Katarzyna", last_name="Żółkiewska", pesel="85030412362",
                   street="ul. Łąkowa 3", postal_code="66-210", city="Zbąszynek")
JAN = PersonForm(first_name="Jan", last_name="Łęcki", pesel="80010112357",
                 street="ul. Polna 7", postal_code="66-210", city="Zbąszynek")


def person(db, staff, form=KASIA) -> int:
    return factories.person(db, staff, form, today=MONDAY, allow_similar=True)


def benefit_case(db, staff, person_id: int, kind=BenefitKind.ZASILEK_OKRESOWY) -> int:
    """An application registered at the desk and taken by the benefits worker."""
    form = ApplicationForm(person_id=person_id, benefit_kind=kind, filed_on=MONDAY,
                           description="Wniosek o zasiłek okresowy.")
    sign = db.write(lambda s: intake.register_application(s, form, actor=staff.desk,
                                                          today=MONDAY))
    case_id = db.read(lambda s: s.scalar(select(Case.id).where(Case.sign == sign)))
    db.write(lambda s: queue.take_case(s, case_id, actor=staff.benefits))
    return case_id


def refer(db, staff, case_id: int, *, today=MONDAY, **kw) -> int:
    form = ReferralForm(case_id=case_id, resources="Zdolność do pracy, niezarejestrowana w PUP.",
                        question="Czy klientka może podjąć zatrudnienie lub szkolenie?", **kw)
    return db.write(lambda s: messages.refer_for_possibilities(s, form, actor=staff.benefits,
                                                               today=today))
