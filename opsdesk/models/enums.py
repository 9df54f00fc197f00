"""Enumerations shared by the ORM and the services.

Structure is named in English; legal terms with no English twin keep their Polish name
(see shared/docs/glossary.md). Polish labels for the screen and documents live in
``opsdesk.labels``.
"""

from enum import StrEnum


class Role(StrEnum):
    FIRST_CONTACT = "FIRST_CONTACT"
    BENEFITS = "BENEFITS"
    SOCIAL_WORK = "SOCIAL_WORK"
    HEAD = "HEAD"
    ADMIN = "ADMIN"


class Sex(StrEnum):
    FEMALE = "K"
    MALE = "M"


class Relation(StrEnum):
    """Relation of a household member to the head of the household."""

    HEAD = "HEAD"
    SPOUSE = "SPOUSE"
    PARTNER = "PARTNER"
    CHILD = "CHILD"
    PARENT = "PARENT"
    SIBLING = "SIBLING"
    GRANDCHILD = "GRANDCHILD"
    OTHER = "OTHER"


class ReporterKind(StrEnum):
    SELF = "SELF"
    OTHER_PERSON = "OTHER_PERSON"
    INSTITUTION = "INSTITUTION"


class Channel(StrEnum):
    IN_PERSON = "IN_PERSON"
    PHONE = "PHONE"
    LETTER = "LETTER"
    EX_OFFICIO = "EX_OFFICIO"


class IntakeStatus(StrEnum):
    NEW = "NEW"
    INFORMED = "INFORMED"  # information given, closed at the desk
    ROUTED = "ROUTED"
    DESK_INTERVIEW = "DESK_INTERVIEW"  # unclear problem: the desk runs the interview first


class Team(StrEnum):
    BENEFITS = "BENEFITS"
    SOCIAL_WORK = "SOCIAL_WORK"


class CaseKind(StrEnum):
    BENEFIT = "BENEFIT"  # administrative proceedings on an application
    INTERVIEW_FOR_OTHER_OFFICE = "INTERVIEW_FOR_OTHER_OFFICE"
    DPS = "DPS"
    GUARDIAN_CANDIDATE = "GUARDIAN_CANDIDATE"
    ACTUAL_CARE = "ACTUAL_CARE"
    PREPARATORY = "PREPARATORY"


class CaseStatus(StrEnum):
    NEW = "NEW"
    IN_PROGRESS = "IN_PROGRESS"
    AWAITING_APPROVAL = "AWAITING_APPROVAL"
    DECIDED = "DECIDED"
    CLOSED = "CLOSED"


class DeadlineKind(StrEnum):
    """A deadline of a benefit case, in the order the queue lists those due the same day."""

    INTERVIEW = "INTERVIEW"  # the family interview (14 working days, 2 when urgent)
    DECISION = "DECISION"  # kpa art. 35, or the new date of an art. 36 notice
    INTERVIEW_UPDATE = "INTERVIEW_UPDATE"  # every 6 months while a permanent benefit runs
    BENEFIT_END = "BENEFIT_END"
    HEALTH_CARE_END = "HEALTH_CARE_END"  # art. 54 uśoz: the 90-day right ends
    APPEAL_FORWARD = "APPEAL_FORWARD"  # kpa art. 133: the appeal and files to the SKO in 7 days
    # Not a deadline: the day of the case's latest decision, which keeps it in the queue for
    # a while after (services/queue.py, RECENT_DAYS); never shown as a deadline.
    DECIDED = "DECIDED"


class BenefitKind(StrEnum):
    ZASILEK_STALY = "ZASILEK_STALY"
    ZASILEK_OKRESOWY = "ZASILEK_OKRESOWY"
    ZASILEK_CELOWY = "ZASILEK_CELOWY"
    ZASILEK_CELOWY_39A = "ZASILEK_CELOWY_39A"
    ZASILEK_CELOWY_40 = "ZASILEK_CELOWY_40"
    SPECJALNY_ZASILEK_CELOWY = "SPECJALNY_ZASILEK_CELOWY"
    ZASILEK_ZWROTNY = "ZASILEK_ZWROTNY"  # art. 41 pkt 2: on condition of repayment
    POSILEK = "POSILEK"
    USLUGI_OPIEKUNCZE = "USLUGI_OPIEKUNCZE"
    SPECJALISTYCZNE_USLUGI_OPIEKUNCZE = "SPECJALISTYCZNE_USLUGI_OPIEKUNCZE"
    SPRAWIENIE_POGRZEBU = "SPRAWIENIE_POGRZEBU"
    SKLADKA_ZDROWOTNA = "SKLADKA_ZDROWOTNA"
    SKLADKA_SPOLECZNA = "SKLADKA_SPOLECZNA"
    DPS = "DPS"
    OSRODEK_WSPARCIA = "OSRODEK_WSPARCIA"


class DecisionKind(StrEnum):
    GRANTING = "GRANTING"
    REFUSING = "REFUSING"
    CHANGING = "CHANGING"
    REVOKING = "REVOKING"
    SUSPENDING = "SUSPENDING"
    RESUMING = "RESUMING"
    REPAYMENT = "REPAYMENT"  # art. 98 ups: unduly taken benefits
    # Art. 104 ust. 4 ups: the party's later requests about the debt, each decided on its own.
    DEBT_WRITE_OFF = "DEBT_WRITE_OFF"  # umorzenie (in whole or in part)
    DEBT_INSTALMENTS = "DEBT_INSTALMENTS"  # rozłożenie na raty
    DEBT_DEFERRAL = "DEBT_DEFERRAL"  # odroczenie terminu płatności


class DeliveryMethod(StrEnum):
    """How a decision reached the party; the appeal period runs from that day (kpa art.
    129 § 2)."""

    HANDED_OVER = "HANDED_OVER"  # in the organ's building, at the desk (kpa art. 39 § 1)
    POST_ZPO = "POST_ZPO"  # by post with a return receipt (ZPO)
    E_DORECZENIA = "E_DORECZENIA"  # to the party's electronic delivery address
    REFUSED = "REFUSED"  # acceptance refused: delivered on that day (kpa art. 47)


class AppealOutcome(StrEnum):
    """How an appeal ended: the first-instance organ's own new decision (kpa art. 132), or
    the SKO's ruling (art. 134, art. 138)."""

    SELF_REVISED = "SELF_REVISED"  # art. 132: the organ itself changed or revoked it
    UPHELD = "UPHELD"  # art. 138 § 1 pkt 1: utrzymuje w mocy
    REFORMED = "REFORMED"  # art. 138 § 1 pkt 2: uchyla i orzeka co do istoty
    ANNULLED = "ANNULLED"  # art. 138 § 1 pkt 2: uchyla i umarza postępowanie I instancji
    DISCONTINUED = "DISCONTINUED"  # art. 138 § 1 pkt 3: umarza postępowanie odwoławcze
    REMANDED = "REMANDED"  # art. 138 § 2: uchyla i przekazuje do ponownego rozpatrzenia
    INADMISSIBLE = "INADMISSIBLE"  # art. 134: stwierdza niedopuszczalność odwołania
    LATE = "LATE"  # art. 134: stwierdza uchybienie terminu do wniesienia odwołania


class DecisionStatus(StrEnum):
    DRAFT = "DRAFT"
    AWAITING_APPROVAL = "AWAITING_APPROVAL"
    ISSUED = "ISSUED"


class PayoutMethod(StrEnum):
    CASH = "CASH"
    TRANSFER = "TRANSFER"


class PayoutStatus(StrEnum):
    PLANNED = "PLANNED"
    ON_LIST = "ON_LIST"
    PAID = "PAID"
    CANCELLED = "CANCELLED"


class PayoutListStatus(StrEnum):
    PREPARED = "PREPARED"
    APPROVED = "APPROVED"
    PAID = "PAID"


class InterviewKind(StrEnum):
    FULL = "FULL"
    UPDATE = "UPDATE"
    FOR_OTHER_OFFICE = "FOR_OTHER_OFFICE"


class IncomeSource(StrEnum):
    EMPLOYMENT = "EMPLOYMENT"
    PENSION = "PENSION"
    UNEMPLOYMENT = "UNEMPLOYMENT"
    FAMILY_BENEFITS = "FAMILY_BENEFITS"
    ALIMONY = "ALIMONY"
    FARM = "FARM"
    BUSINESS = "BUSINESS"
    OTHER = "OTHER"


class DocumentKind(StrEnum):
    """Documents that wait at the first-contact desk for the client ("Do odbioru")."""

    DECISION = "DECISION"
    RECEIPT = "RECEIPT"
    CERTIFICATE = "CERTIFICATE"
    NOTICE = "NOTICE"
    OTHER = "OTHER"


class MessageKind(StrEnum):
    """The formal messages between the two roles (seed 004)."""

    COOPERATION = "COOPERATION"
    BENEFIT_DURING_DIAGNOSIS = "BENEFIT_DURING_DIAGNOSIS"
    OPINION_POSSIBILITIES = "OPINION_POSSIBILITIES"
    OPINION_ADDITIONAL_BENEFITS = "OPINION_ADDITIONAL_BENEFITS"
    OPINION_39A = "OPINION_39A"
    NOT_REPORTED = "NOT_REPORTED"
    REFUSED_COOPERATION = "REFUSED_COOPERATION"
    WASTING = "WASTING"
    SITUATION_CHANGE = "SITUATION_CHANGE"
    REFERRAL = "REFERRAL"


class SocialWorkStatus(StrEnum):
    REFERRED = "REFERRED"
    ACTIVE = "ACTIVE"
    NOT_REPORTED = "NOT_REPORTED"
    REFUSED = "REFUSED"
    CLOSED = "CLOSED"


class SocialWorkSource(StrEnum):
    FIRST_CONTACT = "FIRST_CONTACT"
    BENEFITS_REFERRAL = "BENEFITS_REFERRAL"
    OWN = "OWN"


class SocialWorkStage(StrEnum):
    DIAGNOSIS = "DIAGNOSIS"
    PLAN = "PLAN"
    WORK = "WORK"
    EVALUATION = "EVALUATION"


class SocialWorkMethod(StrEnum):
    INDIVIDUAL = "INDIVIDUAL"
    GROUP = "GROUP"
    COMMUNITY = "COMMUNITY"


class ContractStatus(StrEnum):
    ACTIVE = "ACTIVE"
    FULFILLED = "FULFILLED"
    BROKEN = "BROKEN"
    ENDED = "ENDED"


class TargetGroup(StrEnum):
    DISABLED = "DISABLED"
    ELDERLY = "ELDERLY"
    UNEMPLOYED = "UNEMPLOYED"
    FAMILIES = "FAMILIES"
    HOMELESS = "HOMELESS"
    VIOLENCE = "VIOLENCE"


class ServiceCategory(StrEnum):
    PREVENTIVE = "PREVENTIVE"
    ACTIVATING = "ACTIVATING"
    INTERVENTION = "INTERVENTION"


class ProviderKind(StrEnum):
    CENTRE = "CENTRE"
    CONTRACTOR = "CONTRACTOR"  # art. 25 ups or public procurement


class ServiceStatus(StrEnum):
    PLANNED = "PLANNED"
    AWAITING_DECISION = "AWAITING_DECISION"
    ACTIVE = "ACTIVE"
    ENDED = "ENDED"


class TaskKind(StrEnum):
    BLUE_CARD = "BLUE_CARD"  # Niebieska Karta
    FAMILY_ASSISTANT = "FAMILY_ASSISTANT"
    CIS_KIS = "CIS_KIS"
    MENTAL_HEALTH = "MENTAL_HEALTH"


class TaskStatus(StrEnum):
    OPEN = "OPEN"
    DONE = "DONE"


class AppointmentStatus(StrEnum):
    PLANNED = "PLANNED"
    DONE = "DONE"
    CANCELLED = "CANCELLED"


class AuditAction(StrEnum):
    CREATE = "CREATE"
    UPDATE = "UPDATE"
    DELETE = "DELETE"
    READ = "READ"
    PRINT = "PRINT"
    EXPORT = "EXPORT"
    LOGIN = "LOGIN"
    LOGIN_FAILED = "LOGIN_FAILED"
    DENIED = "DENIED"


class DebtEntryKind(StrEnum):
    """What reduces a debt (należność) in its ledger."""

    CASH = "CASH"  # paid at the cash desk, a KP receipt issued
    TRANSFER = "TRANSFER"  # a transfer to the office's account
    DEDUCTION = "DEDUCTION"  # deducted from a current payout (art. 104 ust. 2 ups)
    WRITE_OFF = "WRITE_OFF"  # umorzenie granted by a decision


class DebtRequestKind(StrEnum):
    """The party's requests about a debt (art. 104 ust. 4 ups)."""

    WRITE_OFF = "WRITE_OFF"
    INSTALMENTS = "INSTALMENTS"
    DEFERRAL = "DEFERRAL"
