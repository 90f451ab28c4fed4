from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .case_flow_common import CaseFlowCommon


@tagged("post_install", "-at_install")
class TestSignoff(CaseFlowCommon):
    def test_only_principal_signs(self):
        case = self.to_assign_signoff()
        for user in (self.clerk, self.leader, self.handler, self.agent):
            with self.assertRaises(AccessError):
                case.with_user(user).action_sign_assignment()
        self.assertFalse(case.signoff_ids)
        self.assertEqual(case.state, "assign_signoff")

    def test_sign_records_who_when_and_posts(self):
        case = self.to_assign_signoff()
        case.with_user(self.principal).action_sign_assignment(comment="同意交办")
        signoff = case.signoff_ids
        self.assertEqual(len(signoff), 1)
        self.assertEqual(
            (signoff.kind, signoff.decision, signoff.user_id, signoff.comment),
            ("assign", "signed", self.principal, "同意交办"),
        )
        self.assertTrue(signoff.signed_at)
        self.assertIn("同意交办", case.message_ids[0].body)

    def test_sign_twice_refused(self):
        case = self.to_assign_signoff()
        case.with_user(self.principal).action_sign_assignment()
        with self.assertRaisesRegex(UserError, "not possible there"):
            case.with_user(self.principal).action_sign_assignment()
        self.assertEqual(len(case.signoff_ids), 1)

    def test_return_needs_comment_and_goes_back_to_screening(self):
        case = self.to_assign_signoff()
        action = case.with_user(self.principal).action_return_assignment()
        self.assertEqual(action["res_model"], "xinfang.case.step.wizard")
        with self.assertRaises(UserError):
            case.with_user(self.principal).action_return_assignment(comment="")
        case.with_user(self.principal).action_return_assignment(comment="承办单位不对")
        self.assertEqual(case.state, "screening")
        self.assertEqual(case.signoff_ids.decision, "returned")
        self.assertFalse(case.assign_signed)
        # Screened again, then signed.
        self.screen(case, handling_unit_id=self.station.id)
        case.with_user(self.principal).action_sign_assignment()
        self.assertEqual(case.state, "handling")

    def test_signoffs_are_immutable_and_not_forgeable(self):
        case = self.to_handling()
        signoff = case.signoff_ids
        with self.assertRaises(UserError):
            signoff.write({"decision": "returned"})
        with self.assertRaises(UserError):
            signoff.unlink()
        with self.assertRaises(AccessError):
            self.env["xinfang.case.signoff"].with_user(self.principal).create(
                {"case_id": case.id, "kind": "close", "decision": "signed"}
            )

    def test_closure_sign_only_principal(self):
        case = self.to_close_signoff()
        with self.assertRaises(AccessError):
            case.with_user(self.leader).action_sign_closure()
        case.with_user(self.principal).action_sign_closure()
        with self.assertRaisesRegex(UserError, "not possible there"):
            case.with_user(self.principal).action_sign_closure()


@tagged("post_install", "-at_install")
class TestStageGuard(CaseFlowCommon):
    """Drag and drop and RPC writes of stage_id cannot skip a step."""

    def test_handling_needs_signed_assignment(self):
        case = self.to_assign_signoff()
        with self.assertRaisesRegex(UserError, "button"):
            case.with_user(self.clerk).write({"stage_id": self.stage("handling").id})
        # Even with the old flow's context flag (a forged RPC context).
        with self.assertRaisesRegex(UserError, "button"):
            case.with_context(xinfang_flow_move=True).write(
                {"stage_id": self.stage("handling").id}
            )
        # The move itself reads the sign-off records, not a flag.
        with self.assertRaisesRegex(UserError, "assignment sign-off"):
            case.with_user(self.clerk)._start_handling()
        self.assertEqual(case.state, "assign_signoff")

    def test_feedback_needs_signed_closure(self):
        case = self.to_close_signoff()
        with self.assertRaisesRegex(UserError, "button"):
            case.with_user(self.agent).write({"stage_id": self.stage("feedback").id})
        with self.assertRaisesRegex(UserError, "button"):
            case.with_context(xinfang_flow_move=True).write(
                {"stage_id": self.stage("feedback").id}
            )
        with self.assertRaisesRegex(UserError, "closure sign-off"):
            case.with_user(self.clerk)._move_to("action_sign_closure")
        self.assertEqual(case.state, "close_signoff")

    def test_skipping_steps_refused(self):
        case = self.new_case()
        for state in ("handling", "feedback", "closed", "archived", "assign_signoff"):
            with self.assertRaises(UserError):
                case.write({"stage_id": self.stage(state).id})
        self.assertEqual(case.state, "registered")

    def test_backwards_without_return_refused(self):
        case = self.to_handling()
        with self.assertRaises(UserError):
            case.write({"stage_id": self.stage("screening").id})
        with self.assertRaises(UserError):
            case.with_context(xinfang_flow_move=True).write(
                {"stage_id": self.stage("registered").id}
            )
        self.assertEqual(case.state, "handling")

    def test_drag_runs_the_transition(self):
        case = self.new_case()
        case.with_user(self.agent).write({"stage_id": self.stage("screening").id})
        self.assertEqual(case.state, "screening")

        case = self.to_handling()
        with self.assertRaisesRegex(UserError, "first contact"):
            case.with_user(self.handler).write(
                {"stage_id": self.stage("close_signoff").id}
            )
        case.with_user(self.handler).action_record_first_contact()
        case.with_user(self.handler).write(
            {
                "reply": "已答复",
                "result_class": "explained",
                "stage_id": self.stage("close_signoff").id,
            }
        )
        self.assertEqual(case.state, "close_signoff")
        self.assertFalse(case._deadline_open_activity("handling"))

    def test_drag_needing_input_refused(self):
        case = self.new_case()
        case.with_user(self.agent).action_submit_screening()
        with self.assertRaises(UserError):
            case.write({"stage_id": self.stage("closed").id})
        self.assertEqual(case.state, "screening")

    def test_flow_fields_not_written_directly(self):
        case = self.to_handling()
        for vals in (
            {"terminated": True},
            {"satisfaction": "satisfied"},
            {"closed_date": self.today},
            {"screening_outcome": "excluded"},
        ):
            with self.assertRaisesRegex(UserError, "by hand"):
                case.with_user(self.clerk).write(vals)
        self.assertFalse(case.terminated or case.satisfaction or case.closed_date)
        self.assertEqual(case.screening_outcome, "agency")

    def test_reply_frozen_once_submitted(self):
        case = self.to_close_signoff()
        with self.assertRaisesRegex(UserError, "by hand"):
            case.with_user(self.handler).write({"reply": "改过的答复"})
        self.assertEqual(case.reply, "已安排疏通管道并更换井盖。")
        case.with_user(self.principal).action_return_closure(comment="请补充依据")
        case.with_user(self.handler).write({"reply": "补充依据后的答复"})
        self.assertEqual(case.reply, "补充依据后的答复")

    def test_forged_install_context_does_not_bypass(self):
        with self.assertRaises(UserError):
            self.env["xinfang.case"].with_user(self.clerk).with_context(
                install_mode=True
            ).create(
                {
                    "summary": "伪造阶段",
                    "petitioner_ids": [(6, 0, self.petitioner.ids)],
                    "agency_unit_id": self.point.id,
                    "stage_id": self.stage("feedback").id,
                }
            )
        case = self.to_handling()
        with self.assertRaises(UserError):
            case.with_user(self.clerk).with_context(install_mode=True).write(
                {"terminated": True}
            )
        self.assertFalse(case.terminated)

    def test_forged_flow_context_does_not_bypass(self):
        """The transitions' own context flag, sent over RPC, writes nothing."""
        case = self.to_handling()
        for vals in ({"terminated": True}, {"satisfaction": "satisfied"}):
            with self.assertRaisesRegex(UserError, "by hand"):
                case.with_user(self.clerk).with_context(xinfang_flow_move=True).write(
                    vals
                )
        self.assertFalse(case.terminated or case.satisfaction)

    def test_transition_respects_record_rules(self):
        """A transition on a case outside the user's jurisdiction is refused."""
        case = self.to_handling()
        outsider = self.env["res.users"].create(
            {
                "name": "外单位承办人",
                "login": "outsider_handler",
                "groups_id": [
                    (6, 0, self.env.ref("xinfang_agency.group_xinfang_handler").ids)
                ],
                "xinfang_unit_id": self.env.ref(
                    "xinfang_agency.unit_station_xincheng"
                ).id,
            }
        )
        with self.assertRaises(AccessError):
            case.with_user(outsider).action_record_first_contact()
        self.assertFalse(case.first_contact_date)
