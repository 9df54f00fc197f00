"""Social work as a methodical process: the caseload, the first meeting, the stages
diagnosis → plan → work → evaluation with their notes and dates, kontrakt socjalny
(art. 108 ups) and the other tasks of the team (Niebieska Karta, asystent rodziny,
CIS/KIS, mental-health act).

Notes belong to the relationship with the client: only the social work team and the head
read them (Permission.SOCIAL_WORK_READ, checked here whatever the screen shows). The
benefits worker learns what matters for a decision from the formal messages only.

The rooms: ``caseload`` (who is referred or worked with, the first meeting), ``process``
(stages, notes, plan, closing, the client's detail), ``contracts`` (kontrakt socjalny) and
``tasks`` (the team's other tasks).

This package re-exports the area's public face: its operations under the name the
permission table and the audit log give them (``socialwork.accept``) and the data the
screens read. Modules inside the package import from one another, never from here.
"""

from opsdesk.services.socialwork.annexes import AnnexForm, annex_contract
from opsdesk.services.socialwork.caseload import (
    STAGES,
    CaseloadRow,
    accept,
    assign,
    caseload,
    open_own_case,
    record_first_meeting,
    record_not_came,
    record_refusal,
    role_actions,
)
from opsdesk.services.socialwork.contracts import (
    ENDINGS,
    ContractForm,
    ContractRow,
    conclude_contract,
    contract_pdf,
    end_contract,
    report_broken_contract,
    review_contract,
)
from opsdesk.services.socialwork.process import (
    PlanForm,
    SocialWorkDetail,
    add_note,
    advance_stage,
    close_work,
    detail,
    notes,
    save_plan,
)
from opsdesk.services.socialwork.tasks import TaskRow, add_task, finish_task, tasks

__all__ = [
    "ENDINGS", "STAGES", "AnnexForm", "CaseloadRow", "ContractForm", "ContractRow", "PlanForm",
    "SocialWorkDetail", "TaskRow", "accept", "add_note", "add_task", "advance_stage",
    "annex_contract", "assign",
    "caseload", "close_work", "conclude_contract", "contract_pdf", "detail", "end_contract",
    "finish_task", "notes", "open_own_case", "record_first_meeting", "record_not_came",
    "record_refusal", "report_broken_contract", "review_contract", "role_actions", "save_plan",
    "tasks",
]
