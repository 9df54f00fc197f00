"""The access matrix: what each role may do. One table, enforced by ``operation`` on every
service function and documented for the head in docs/access.md."""

from __future__ import annotations

from enum import StrEnum

from opsdesk.models.enums import Role


class Permission(StrEnum):
    PERSON_READ = "PERSON_READ"
    PERSON_WRITE = "PERSON_WRITE"
    INTAKE_WRITE = "INTAKE_WRITE"
    INTAKE_READ = "INTAKE_READ"
    APPLICATION_REGISTER = "APPLICATION_REGISTER"
    CERTIFICATE_ISSUE = "CERTIFICATE_ISSUE"
    APPOINTMENT_WRITE = "APPOINTMENT_WRITE"
    HANDOVER = "HANDOVER"
    CASE_READ = "CASE_READ"
    CASE_WORK = "CASE_WORK"  # take a case, interview, draft decisions
    CASE_ASSIGN = "CASE_ASSIGN"
    INCOME_READ = "INCOME_READ"
    DECISION_APPROVE = "DECISION_APPROVE"
    PAYOUT_PREPARE = "PAYOUT_PREPARE"
    PAYOUT_APPROVE = "PAYOUT_APPROVE"
    RECEIPT_ISSUE = "RECEIPT_ISSUE"
    DOCUMENT_PRINT = "DOCUMENT_PRINT"  # decisions and notices: drafted here, handed over there
    MESSAGE_READ = "MESSAGE_READ"
    MESSAGE_TO_SOCIAL_WORK = "MESSAGE_TO_SOCIAL_WORK"  # the referral
    MESSAGE_TO_BENEFITS = "MESSAGE_TO_BENEFITS"  # informacje and opinie
    SOCIAL_WORK_READ = "SOCIAL_WORK_READ"  # caseload and notes
    SOCIAL_WORK_WRITE = "SOCIAL_WORK_WRITE"
    SERVICE_CATALOG_EDIT = "SERVICE_CATALOG_EDIT"
    USER_ADMIN = "USER_ADMIN"
    OFFICE_SETTINGS = "OFFICE_SETTINGS"
    AUDIT_READ = "AUDIT_READ"
    PRIVACY = "PRIVACY"  # art. 15 RODO copy of a person's data; the retention review
    BACKUP = "BACKUP"
    STATISTICS = "STATISTICS"
    BLUE_CARD_READ = "BLUE_CARD_READ"  # Niebieska Karta: social work and the head only
    BLUE_CARD_WRITE = "BLUE_CARD_WRITE"


P = Permission

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.FIRST_CONTACT: frozenset({
        P.PERSON_READ, P.PERSON_WRITE, P.INTAKE_WRITE, P.INTAKE_READ, P.APPLICATION_REGISTER,
        P.CERTIFICATE_ISSUE, P.APPOINTMENT_WRITE, P.HANDOVER, P.RECEIPT_ISSUE, P.DOCUMENT_PRINT,
    }),
    Role.BENEFITS: frozenset({
        P.PERSON_READ, P.PERSON_WRITE, P.INTAKE_READ, P.APPLICATION_REGISTER, P.CASE_READ,
        P.CASE_WORK, P.INCOME_READ, P.PAYOUT_PREPARE, P.RECEIPT_ISSUE, P.MESSAGE_READ,
        P.MESSAGE_TO_SOCIAL_WORK, P.APPOINTMENT_WRITE, P.DOCUMENT_PRINT,
    }),
    Role.SOCIAL_WORK: frozenset({
        P.PERSON_READ, P.PERSON_WRITE, P.INTAKE_READ, P.MESSAGE_READ, P.MESSAGE_TO_BENEFITS,
        P.SOCIAL_WORK_READ, P.SOCIAL_WORK_WRITE, P.APPOINTMENT_WRITE, P.BLUE_CARD_READ,
        P.BLUE_CARD_WRITE,
    }),
    # The head sees everything and approves; every reading of hers is audited all the same.
    Role.HEAD: frozenset(Permission) - {P.MESSAGE_TO_BENEFITS},
    Role.ADMIN: frozenset({P.USER_ADMIN, P.OFFICE_SETTINGS, P.BACKUP}),
}


# Who signs decisions (art. 110 ust. 7–8 ups): the head, on the mayor's authority, or a worker
# the head authorised (User.may_sign_decisions) — one who conducts the proceedings.
SIGNING = frozenset({P.DECISION_APPROVE})
SIGNER_CONDUCTS = P.CASE_WORK

# Refusals that say more than "your role does not allow it".
REFUSALS: dict[Permission, str] = {
    P.DECISION_APPROVE: "Decyzje zatwierdza kierownik albo pracownik upoważniony do ich "
                        "podpisywania.",
}


def permissions_of(roles: frozenset[Role], *,
                   authorised_to_sign: bool = False) -> frozenset[Permission]:
    """What the roles allow together; the authorisation to sign decisions adds ``SIGNING``
    to a worker who conducts proceedings."""
    result: frozenset[Permission] = frozenset()
    for role in roles:
        result |= ROLE_PERMISSIONS[role]
    if authorised_to_sign and SIGNER_CONDUCTS in result:
        result |= SIGNING
    return result
