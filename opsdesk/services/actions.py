"""What the acting worker may do with a row: computed by the service that reads the row,
from the row's state and the worker's permissions, so the screens only show or hide their
buttons by it and never restate a rule. The service checks again when the action runs."""

from __future__ import annotations

from enum import StrEnum


class Action(StrEnum):
    # a decision
    EDIT = "EDIT"  # the draft: edit it, cite a message into it
    SUBMIT = "SUBMIT"
    APPROVE = "APPROVE"  # approve and issue
    RETURN = "RETURN"  # send back for correction
    PRINT = "PRINT"  # a decision, a contract: its document
    # a client of social work
    ACCEPT = "ACCEPT"
    ASSIGN = "ASSIGN"
    FIRST_MEETING = "FIRST_MEETING"
    NOT_CAME = "NOT_CAME"  # tell the benefits team the client did not come
    NOTE = "NOTE"
    WORK_PLAN = "WORK_PLAN"
    ADVANCE = "ADVANCE"  # to the next stage of the process
    LETTER = "LETTER"  # a formal message to the benefits team
    REFUSAL = "REFUSAL"  # the client refuses to cooperate
    CLOSE = "CLOSE"
    CONCLUDE_CONTRACT = "CONCLUDE_CONTRACT"
    PLAN_SERVICE = "PLAN_SERVICE"
    ADD_TASK = "ADD_TASK"
    # a contract
    REVIEW = "REVIEW"
    END = "END"  # a contract, a planned or running service
    REPORT = "REPORT"  # a broken contract, to the benefits team
    ANNEX = "ANNEX"  # aneks: a change of a contract in force
    # a planned service
    REQUEST_DECISION = "REQUEST_DECISION"
    START = "START"
    # a task
    FINISH = "FINISH"


Actions = frozenset[Action]
