"""Every (from, to) pair of the flow table, for every role, by every entry.

The expectations are written out here, independently of CASE_FLOW: a change
of the table that is not also made here fails, and so does a guard that lets
a role or a move through that the table does not name.
"""

from odoo.exceptions import UserError
from odoo.tests import tagged

from ..models.xinfang_case_flow import CASE_FLOW
from .case_flow_common import CaseFlowCommon

STATES = (
    "registered",
    "screening",
    "assign_signoff",
    "handling",
    "close_signoff",
    "feedback",
    "revisit",
    "closed",
    "archived",
)
# center_clerk: the petition office of the county above the station; it
# decides the 复核 of the station's 复查.
ROLES = ("agent", "handler", "clerk", "leader", "principal", "center_clerk")
# Dropping a card on another column: the only moves that need no input.
DRAG_MOVES = {
    ("registered", "screening"): {"agent", "clerk", "center_clerk"},
    ("handling", "close_signoff"): {"handler", "clerk", "center_clerk"},
    ("feedback", "revisit"): {"agent", "clerk", "center_clerk"},
    ("closed", "archived"): {"clerk", "center_clerk"},
}
# The form's buttons: the state a case is prepared in, and who may press it.
BUTTONS = {
    "action_submit_screening": ("registered", {"agent", "clerk", "center_clerk"}),
    "action_open_screening": ("screening", {"agent", "clerk", "center_clerk"}),
    "action_sign_assignment": ("assign_signoff", {"principal"}),
    "action_return_assignment": ("assign_signoff", {"principal"}),
    "action_supervise": ("handling", {"leader", "principal"}),
    "action_record_first_contact": (
        "handling_new",
        {"handler", "clerk", "center_clerk"},
    ),
    "action_request_extension": ("handling_new", {"handler", "clerk", "center_clerk"}),
    "action_approve_extension": ("extension_requested", {"leader", "principal"}),
    "action_refuse_extension": ("extension_requested", {"leader", "principal"}),
    "action_escalate": ("handling", {"handler", "clerk", "center_clerk"}),
    "action_submit_reply": ("handling", {"handler", "clerk", "center_clerk"}),
    "action_sign_closure": ("close_signoff", {"principal"}),
    "action_return_closure": ("close_signoff", {"principal"}),
    "action_record_feedback": ("feedback_new", {"agent", "clerk", "center_clerk"}),
    "action_request_review": ("feedback", {"agent", "clerk", "center_clerk"}),
    "action_record_review_answer": (
        "review_requested",
        {"clerk", "leader", "principal", "center_clerk"},
    ),
    "action_request_re_review": ("review_answered", {"agent", "clerk", "center_clerk"}),
    # 复查 by the station (and the offices above it), 复核 by the county.
    "action_record_re_review_answer": ("re_review_requested", {"center_clerk"}),
    "action_start_revisit": ("feedback", {"agent", "clerk", "center_clerk"}),
    "action_record_revisit": ("revisit", {"agent", "clerk", "center_clerk"}),
    "action_archive_case": ("closed", {"clerk", "center_clerk"}),
}
# AccessError is a UserError: refused by role, stage or precondition.
REFUSAL = UserError


@tagged("post_install", "-at_install")
class TestFlowTable(CaseFlowCommon):
    def user_of(self, role):
        return getattr(self, role)

    # Cases in each state, prepared so that the state's own steps may run.
    def prepare(self, state):
        builders = {
            "registered": self.new_case,
            "screening": self._screening,
            "assign_signoff": self.to_assign_signoff,
            "handling_new": self.to_handling,
            "handling": self._reply_ready,
            "extension_requested": self._extension_requested,
            "close_signoff": self.to_close_signoff,
            "feedback_new": self.to_feedback,
            "feedback": self._dissatisfied,
            "review_requested": self._review_requested,
            "review_answered": self._review_answered,
            "re_review_requested": self._re_review_requested,
            "revisit": self._revisit,
            "closed": self._closed,
            "archived": self._archived,
        }
        return builders[state]()

    def _screening(self):
        case = self.new_case()
        case.with_user(self.agent).action_submit_screening()
        return case

    def _reply_ready(self):
        case = self.to_handling()
        case.with_user(self.handler).action_record_first_contact()
        case.with_user(self.handler).write(
            {"reply": "已答复", "result_class": "explained"}
        )
        return case

    def _extension_requested(self):
        case = self.to_handling()
        case.with_user(self.handler).action_request_extension(
            days=10, reason="需现场勘验"
        )
        return case

    def _dissatisfied(self):
        case = self.to_feedback()
        case.with_user(self.agent).action_record_feedback(
            satisfaction="dissatisfied", method="phone"
        )
        return case

    def _review_requested(self):
        case = self._dissatisfied()
        case.with_user(self.agent).action_request_review()
        return case

    def _review_answered(self):
        case = self._review_requested()
        case.with_user(self.clerk).action_record_review_answer(
            answer="维持原答复", outcome="upheld"
        )
        return case

    def _re_review_requested(self):
        case = self._review_answered()
        case.with_user(self.agent).action_request_re_review()
        return case

    def _revisit(self):
        case = self.to_feedback()
        case.with_user(self.agent).action_record_feedback(
            satisfaction="satisfied", method="phone"
        )
        return case

    def _closed(self):
        case = self._revisit()
        case.with_user(self.agent).action_record_revisit(note="回访满意")
        return case

    def _archived(self):
        case = self._closed()
        case.with_user(self.clerk).action_archive_case()
        return case

    def assertRefusedUnchanged(self, case, attempt, msg):
        state = case.state
        # Odoo's assertRaises rolls back to a savepoint: a refusal that wrote
        # something before raising would still show in the state below.
        with self.assertRaises(REFUSAL, msg=msg):
            attempt()
        case.invalidate_recordset()
        self.assertEqual(case.state, state, msg)

    # ------------------------------------------------------------------
    def test_expectations_match_the_table(self):
        drags = {
            (state, step.to_state)
            for step in CASE_FLOW
            if step.drag
            for state in step.from_states
        }
        self.assertEqual(drags, set(DRAG_MOVES))
        buttons = {
            step.method for step in CASE_FLOW if step.method.startswith("action_")
        }
        self.assertEqual(buttons, set(BUTTONS))

    def test_every_stage_write_and_drag_for_every_role(self):
        entries = {
            "write": lambda case, stage: case.write({"stage_id": stage.id}),
            "web_save": lambda case, stage: case.web_save(
                {"stage_id": stage.id}, specification={"state": {}}
            ),
        }
        for from_state in STATES:
            prepared = self.prepare(from_state)
            self.assertEqual(prepared.state, from_state)
            for to_state in STATES:
                if to_state == from_state:
                    continue
                stage = self.stage(to_state)
                allowed = DRAG_MOVES.get((from_state, to_state), set())
                for role in ROLES:
                    user = self.user_of(role)
                    for entry, move in entries.items():
                        msg = f"{role} {entry} {from_state} → {to_state}"
                        if role in allowed:
                            case = self.prepare(from_state).with_user(user)
                            move(case, stage)
                            self.assertEqual(case.state, to_state, msg)
                        else:
                            self.assertRefusedUnchanged(
                                prepared,
                                lambda u=user, m=move, p=prepared, s=stage: m(
                                    p.with_user(u), s
                                ),
                                msg,
                            )

    def test_every_button_for_every_role(self):
        for method, (prepared_state, allowed) in BUTTONS.items():
            prepared = self.prepare(prepared_state)
            for role in ROLES:
                user = self.user_of(role)
                msg = f"{role} presses {method} in {prepared_state}"
                shown = method in (prepared.with_user(user).flow_actions or [])
                self.assertEqual(shown, role in allowed, msg)
                if role not in allowed:
                    self.assertRefusedUnchanged(
                        prepared,
                        lambda u=user, p=prepared, m=method: getattr(
                            p.with_user(u), m
                        )(),
                        msg,
                    )
                    continue
                case = self.prepare(prepared_state)
                result = getattr(case.with_user(user), method)()
                self.assertTrue(result, msg)

    def test_steps_outside_their_state_are_refused(self):
        """A button sent over RPC in the wrong stage changes nothing."""
        cases = {state: self.prepare(state) for state in STATES}
        for method, (_prepared_state, allowed) in BUTTONS.items():
            role = sorted(allowed)[0]
            step_states = next(s.from_states for s in CASE_FLOW if s.method == method)
            for state, case in cases.items():
                if state in step_states:
                    continue
                self.assertRefusedUnchanged(
                    case,
                    lambda c=case, r=role, m=method: getattr(
                        c.with_user(self.user_of(r)), m
                    )(),
                    f"{role} presses {method} in {state}",
                )
