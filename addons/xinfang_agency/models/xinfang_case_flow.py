"""The petition flow as one table: every step a user can take on a case.

Each row is one step:

``method``
    the transition method (a public ``action_*`` is also the form's button;
    a private one is reached only from a wizard);
``from_states``
    the stages (technical states) where the step is possible;
``to_state``
    the stage it moves the case to, or ``None`` if it records without moving;
``groups``
    who may take it (any of these groups);
``unless``
    name of a case method returning why the step does not apply to the case
    now (its button hides), beyond the state; ``None`` if it always applies;
``check``
    name of a case method returning why the move cannot happen yet, or
    ``None`` if it can: it reads records (sign-offs, extensions,
    petitioners), never a flag a user could write; run right before the
    stage is written;
``drag``
    whether dropping the card on the target column on the kanban board runs
    the step (only steps that need no further input);
``dialog``
    the step wizard that collects its input, if any.

``xinfang.case._ensure_can_move`` reads this table for every entry point:
buttons, drag and drop, RPC writes of ``stage_id`` and wizards.
"""

from collections import namedtuple

AGENT = "xinfang_agency.group_xinfang_agent"
HANDLER = "xinfang_agency.group_xinfang_handler"
CLERK = "xinfang_agency.group_xinfang_clerk"
LEADER = "xinfang_agency.group_xinfang_leader"
PRINCIPAL = "xinfang_agency.group_xinfang_principal"

FlowStep = namedtuple(
    "FlowStep", "method from_states to_state groups unless check drag dialog"
)


def _step(
    method,
    from_states,
    to_state,
    groups,
    unless=None,
    check=None,
    drag=False,
    dialog=None,
):
    return FlowStep(
        method, tuple(from_states), to_state, tuple(groups), unless, check, drag, dialog
    )


CASE_FLOW = (
    # 登记 → 甄别受理
    _step(
        "action_submit_screening",
        ["registered"],
        "screening",
        [AGENT],
        check="_flow_check_petitioners",
        drag=True,
    ),
    # 甄别受理: the wizard records one of five outcomes and moves on.
    _step("action_open_screening", ["screening"], None, [AGENT], dialog="screening"),
    _step(
        "_screen_accept_for_agency",
        ["screening"],
        "assign_signoff",
        [AGENT],
        check="_flow_check_accepted_for_agency",
    ),
    _step(
        "_screen_close",
        ["screening"],
        "closed",
        [AGENT],
        check="_flow_check_closing_outcome",
    ),
    # 待交办签
    _step(
        "action_sign_assignment",
        ["assign_signoff"],
        "handling",
        [PRINCIPAL],
        check="_flow_check_assignment_signed",
    ),
    _step(
        "action_return_assignment",
        ["assign_signoff"],
        "screening",
        [PRINCIPAL],
        check="_flow_check_assignment_returned",
        dialog="return_assign",
    ),
    _step(
        "action_supervise",
        ["assign_signoff", "handling", "close_signoff"],
        None,
        [LEADER],
    ),
    # 办理中
    _step(
        "action_record_first_contact",
        ["handling"],
        None,
        [HANDLER],
        unless="_flow_unless_first_contact_due",
    ),
    _step(
        "action_request_extension",
        ["handling"],
        None,
        [HANDLER],
        unless="_flow_unless_extension_possible",
        dialog="extension",
    ),
    _step(
        "action_approve_extension",
        ["handling"],
        None,
        [LEADER],
        unless="_flow_unless_extension_requested",
    ),
    _step(
        "action_refuse_extension",
        ["handling"],
        None,
        [LEADER],
        unless="_flow_unless_extension_requested",
    ),
    _step("action_escalate", ["handling"], None, [HANDLER], dialog="escalate"),
    _step(
        "action_submit_reply",
        ["handling"],
        "close_signoff",
        [HANDLER],
        check="_flow_check_reply_ready",
        drag=True,
    ),
    # 待办结签
    _step(
        "action_sign_closure",
        ["close_signoff"],
        "feedback",
        [PRINCIPAL],
        check="_flow_check_closure_signed",
    ),
    _step(
        "action_return_closure",
        ["close_signoff"],
        "handling",
        [PRINCIPAL],
        check="_flow_check_closure_returned",
        dialog="return_close",
    ),
    # 反馈评价, 复查, 复核
    _step(
        "action_record_feedback",
        ["feedback"],
        None,
        [AGENT],
        unless="_flow_unless_feedback_due",
        dialog="feedback",
    ),
    _step(
        "action_request_review",
        ["feedback"],
        None,
        [AGENT],
        unless="_flow_unless_review_possible",
    ),
    _step(
        "action_record_review_answer",
        ["feedback"],
        None,
        [CLERK, LEADER],
        unless="_flow_unless_review_pending",
        dialog="review_answer",
    ),
    _step(
        "action_request_re_review",
        ["feedback"],
        None,
        [AGENT],
        unless="_flow_unless_re_review_possible",
    ),
    _step(
        "action_record_re_review_answer",
        ["feedback"],
        None,
        [CLERK, LEADER],
        unless="_flow_unless_re_review_pending",
        dialog="re_review_answer",
    ),
    # A decision revoking or changing the answer, the petition found
    # reasonable: handled again with a new deadline (一案双查).
    _step(
        "_review_reopen_handling",
        ["feedback"],
        "handling",
        [CLERK, LEADER],
        check="_flow_check_review_reopens",
    ),
    # Any other 复核 decision terminates the matter: the revisit follows.
    _step(
        "_review_terminate",
        ["feedback"],
        "revisit",
        [CLERK, LEADER],
        check="_flow_check_revisit_ready",
    ),
    _step(
        "action_start_revisit",
        ["feedback"],
        "revisit",
        [AGENT],
        unless="_flow_unless_revisit_possible",
        check="_flow_check_revisit_ready",
        drag=True,
    ),
    # 回访 → 办结 → 归档
    _step(
        "action_record_revisit",
        ["revisit"],
        "closed",
        [AGENT],
        check="_flow_check_revisit_recorded",
        dialog="revisit",
    ),
    _step("action_archive_case", ["closed"], "archived", [CLERK], drag=True),
)

FLOW_BY_METHOD = {step.method: step for step in CASE_FLOW}
