"""SQLAlchemy ORM classes, one module per area. Importing this package registers them all."""

from opsdesk.models.audit import AuditEntry
from opsdesk.models.base import Base
from opsdesk.models.benefits import (
    CashReceipt,
    Decision,
    LegalAct,
    Payout,
    PayoutList,
    RepaymentInstalment,
)
from opsdesk.models.blue_card import BlueCard, BlueCardMeeting
from opsdesk.models.cases import (
    Application,
    Appointment,
    Case,
    CaseDeadline,
    Certificate,
    Handover,
    Intake,
)
from opsdesk.models.contributions import ContributionBasis, ZusDocument, ZusPackage, ZusPayer
from opsdesk.models.debts import Debt, DebtEntry, DebtInstalment, DebtRequest
from opsdesk.models.health_care import HealthCareDecision
from opsdesk.models.interviews import Income, Interview, InterviewMember
from opsdesk.models.messages import CaseMessage
from opsdesk.models.office import (
    Counter,
    DocumentText,
    LegalFigureEntry,
    Office,
    OfficeIdentity,
    SchemaInfo,
)
from opsdesk.models.other_tasks import OtherTask  # noqa: F401 - registers the table
from opsdesk.models.people import Household, HouseholdMember, Person
from opsdesk.models.register_checks import RegisterCheck
from opsdesk.models.signatures import EDelivery, SignedDocument
from opsdesk.models.socialwork import (
    ContractAction,
    ContractAnnex,
    ServiceCatalogItem,
    ServicePlan,
    SocialContract,
    SocialTask,
    SocialWorkCase,
    SocialWorkNote,
)
from opsdesk.models.users import User, UserRole

__all__ = [
    "Appointment", "Application", "AuditEntry", "Base", "Case", "CaseDeadline", "CaseMessage",
    "CashReceipt", "Certificate", "Counter", "Decision", "Handover", "Household",
    "HouseholdMember", "Income", "Intake", "Interview", "InterviewMember", "Office", "Payout",
    "PayoutList", "Person", "RepaymentInstalment", "SchemaInfo", "ServiceCatalogItem",
    "ServicePlan", "SocialContract", "SocialTask", "SocialWorkCase", "SocialWorkNote", "User",
    "UserRole", "ContractAction", "ContractAnnex",
    # issue 19
    "BlueCard", "BlueCardMeeting", "ContributionBasis", "RegisterCheck", "ZusDocument",
    "ZusPackage", "ZusPayer",
    # issue 16
    "LegalAct",
    # issue 20
    "DocumentText", "EDelivery", "LegalFigureEntry", "OfficeIdentity", "SignedDocument",
    # issue 19 item 2
    "HealthCareDecision",
    # issue 19 item 3
    "Debt", "DebtEntry", "DebtInstalment", "DebtRequest",
]
