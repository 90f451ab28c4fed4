from datetime import timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .case_flow_common import CaseFlowCommon


@tagged("post_install", "-at_install")
class TestCaseFlow(CaseFlowCommon):
    def test_full_flow_from_intake_to_archive(self):
        case = self.new_case()
        self.assertEqual(case.state, "registered")
        case.with_user(self.agent).action_submit_screening()
        self.assertEqual(case.state, "screening")

        self.screen(case)
        self.assertEqual(case.state, "assign_signoff")
        self.assertTrue(case.is_agency)
        self.assertEqual(case.accepted_date, self.today)

        case.with_user(self.clerk).handler_id = self.handler
        case.with_user(self.principal).action_sign_assignment()
        self.assertEqual(case.state, "handling")
        self.assertTrue(case.assign_signed)
        self.assertTrue(case.deadline_date, "handling starts with a deadline")
        first_contact = case._deadline_open_activity("first_contact")
        self.assertEqual(first_contact.user_id, self.handler)

        as_handler = case.with_user(self.handler)
        as_handler.action_record_first_contact(note="已电话联系信访人")
        self.assertEqual(case.first_contact_date, self.today)
        self.assertFalse(case._deadline_open_activity("first_contact"))
        as_handler.write({"reply": "已安排疏通管道。", "result_class": "solved"})
        as_handler.action_submit_reply()
        self.assertEqual(case.state, "close_signoff")

        case.with_user(self.principal).action_sign_closure(comment="同意办结")
        self.assertEqual(case.state, "feedback")
        self.assertTrue(case.close_signed)
        self.assertEqual(case.closed_date, self.today)

        case.with_user(self.agent).action_record_feedback(
            satisfaction="satisfied", method="visit"
        )
        self.assertEqual(case.state, "revisit")
        self.assertTrue(case._deadline_open_activity("revisit"))

        case.with_user(self.agent).action_record_revisit(note="群众满意，无反弹")
        self.assertEqual(case.state, "closed")
        self.assertEqual(case.revisit_date, self.today)

        case.with_user(self.clerk).action_archive_case()
        self.assertEqual(case.state, "archived")
        self.assertEqual(len(case.signoff_ids), 2)
        self.assertEqual(case.signoff_ids.user_id, self.principal)

        # 一案一档: read-only, but the chatter stays open.
        with self.assertRaises(UserError):
            case.with_user(self.clerk).write({"summary": "改动"})
        with self.assertRaises(UserError):
            case.write({"stage_id": self.stage("closed").id})
        case.with_user(self.clerk).message_post(body="归档备注")
        self.assertEqual(case.message_ids[0].preview, "归档备注")

    def test_screening_to_handling_requires_petitioner(self):
        case = self.new_case(petitioner_ids=[(5, 0, 0)])
        with self.assertRaisesRegex(UserError, "petitioner"):
            case.with_user(self.agent).action_submit_screening()
        self.assertEqual(case.state, "registered")

    def test_reply_needs_first_contact_text_and_result(self):
        case = self.to_handling()
        as_handler = case.with_user(self.handler)
        as_handler.write({"reply": "答复", "result_class": "solved"})
        with self.assertRaisesRegex(UserError, "first contact"):
            as_handler.action_submit_reply()
        as_handler.action_record_first_contact()
        as_handler.write({"reply": "   "})
        with self.assertRaisesRegex(UserError, "reply"):
            as_handler.action_submit_reply()
        as_handler.write({"reply": "已解决", "result_class": False})
        with self.assertRaisesRegex(UserError, "result class"):
            as_handler.action_submit_reply()
        self.assertEqual(case.state, "handling")

    def test_first_contact_twice_refused(self):
        case = self.to_handling()
        case.with_user(self.handler).action_record_first_contact()
        with self.assertRaises(UserError):
            case.with_user(self.handler).action_record_first_contact()

    def test_return_closure_back_to_handling_then_sign(self):
        case = self.to_close_signoff()
        with self.assertRaisesRegex(UserError, "returned"):
            case.with_user(self.principal).action_return_closure(comment=" ")
        case.with_user(self.principal).action_return_closure(comment="答复不具体")
        self.assertEqual(case.state, "handling")
        self.assertFalse(case.close_signed)
        self.assertEqual(
            case._deadline_open_activity("handling").date_deadline, case.deadline_date
        )
        case.with_user(self.handler).action_submit_reply()
        case.with_user(self.principal).action_sign_closure()
        self.assertEqual(case.state, "feedback")
        self.assertEqual(
            case.signoff_ids.filtered(lambda s: s.kind == "close")
            .sorted("id")
            .mapped("decision"),
            ["returned", "signed"],
        )

    def test_extension(self):
        case = self.to_handling()
        as_handler = case.with_user(self.handler)
        with self.assertRaisesRegex(UserError, "30"):
            as_handler.action_request_extension(days=31, reason="需多部门会商")
        with self.assertRaisesRegex(UserError, "reason"):
            as_handler.action_request_extension(days=10, reason=" ")
        self.assertEqual(case.extension_state, "none")
        as_handler.action_request_extension(days=20, reason="需多部门会商")
        self.assertEqual(case.extension_state, "requested")
        extension = case._deadline_open_activity("extension")
        self.assertEqual(extension.user_id, self.leader)
        with self.assertRaises(UserError):
            as_handler.action_request_extension(days=5, reason="再次申请")
        with self.assertRaises(AccessError):
            as_handler.action_approve_extension()
        before = case.deadline_date
        case.with_user(self.leader).action_approve_extension()
        self.assertEqual(case.extension_state, "approved")
        self.assertGreaterEqual(case.deadline_date, before + timedelta(days=20))
        self.assertEqual(
            case._deadline_open_activity("handling").date_deadline, case.deadline_date
        )
        with self.assertRaisesRegex(UserError, "already been extended"):
            as_handler.action_request_extension(days=5, reason="再次申请")

    def test_escalate_to_unit_above_and_to_center(self):
        case = self.to_handling()
        as_handler = case.with_user(self.handler)
        with self.assertRaisesRegex(UserError, "reason"):
            as_handler.action_escalate(reason="")
        self.station.head_id = self.leader
        as_handler.action_escalate(reason="超出本部门职权")
        self.assertEqual(case.handling_unit_id, self.station)
        self.assertEqual(case._deadline_open_activity("handling").user_id, self.leader)
        self.assertEqual(case.escalated_from_unit_id, self.dept)
        self.assertFalse(case.handler_id)
        self.assertIn("超出本部门职权", case.message_ids[0].body)

        other = self.to_handling()
        wizard = (
            self.env["xinfang.case.step.wizard"]
            .with_user(self.handler)
            .create(
                {
                    "case_id": other.id,
                    "step": "escalate",
                    "comment": "跨地区、跨部门",
                    "cross_region": True,
                }
            )
        )
        action = wizard.action_confirm()
        # The handler no longer sees the case: back to the board.
        self.assertEqual(action.get("res_model"), "xinfang.case")
        self.assertEqual(other.handling_unit_id, self.center)
        with self.assertRaisesRegex(UserError, "cannot be escalated"):
            other.with_user(self.clerk).action_escalate(reason="再上报")

    def test_supervise(self):
        case = self.to_handling()
        with self.assertRaises(AccessError):
            case.with_user(self.handler).action_supervise()
        case.with_user(self.leader).action_supervise(note="限期办结")
        self.assertEqual(case.supervisor_id, self.leader)
        self.assertEqual(case.supervised_date, self.today)

    def test_review_then_re_review_terminates(self):
        case = self.to_feedback()
        as_agent = case.with_user(self.agent)
        with self.assertRaises(UserError):
            as_agent.action_request_review()  # no feedback recorded yet
        as_agent.action_record_feedback(satisfaction="dissatisfied", method="phone")
        self.assertEqual(case.state, "feedback")
        # The petitioner may let the review window pass: revisit follows.
        as_agent.action_start_revisit()
        self.assertEqual(case.state, "revisit")
        case = self.to_feedback()
        as_agent = case.with_user(self.agent)
        as_agent.action_record_feedback(satisfaction="dissatisfied", method="phone")
        as_agent.action_request_review()
        self.assertEqual(case.review_ids.level, "review")
        self.assertTrue(case._deadline_open_activity("review"))
        with self.assertRaisesRegex(UserError, "not been answered"):
            as_agent.action_start_revisit()
        with self.assertRaises(UserError):
            as_agent.action_request_re_review()  # review not answered yet
        case.with_user(self.clerk).action_record_review_answer(
            answer="维持原答复", outcome="upheld"
        )
        self.assertFalse(case._deadline_open_activity("review"))
        as_agent.action_request_re_review()
        self.assertEqual(case.review_ids.mapped("level"), ["review", "re_review"])
        case.with_user(self.center_clerk).action_record_re_review_answer(
            answer="维持复查意见", outcome="upheld"
        )
        self.assertTrue(case.terminated)
        self.assertEqual(case.state, "revisit")

    def test_review_answer_empty_or_twice_refused(self):
        case = self.to_feedback()
        as_agent = case.with_user(self.agent)
        as_agent.action_record_feedback(satisfaction="dissatisfied", method="phone")
        as_clerk = case.with_user(self.clerk)
        with self.assertRaisesRegex(UserError, "no Review awaiting"):
            as_clerk.action_record_review_answer(
                answer="尚未申请复查", outcome="upheld"
            )
        as_agent.action_request_review()
        with self.assertRaisesRegex(UserError, "Write the review decision"):
            as_clerk.action_record_review_answer(answer="   ", outcome="upheld")
        self.assertFalse(case.review_ids.decision_date)
        as_clerk.action_record_review_answer(answer="维持原答复", outcome="upheld")
        with self.assertRaisesRegex(UserError, "no Review awaiting"):
            as_clerk.action_record_review_answer(answer="再次答复", outcome="changed")
        self.assertEqual(case.review_ids.reasoning, "维持原答复")
        with self.assertRaisesRegex(UserError, "no Re-review awaiting"):
            case.with_user(self.center_clerk).action_record_re_review_answer(
                answer="未申请复核", outcome="upheld"
            )
        self.assertFalse(case.terminated)

    def test_review_after_window_refused(self):
        case = self.to_feedback()
        case.with_user(self.agent).action_record_feedback(
            satisfaction="dissatisfied", method="letter"
        )
        # The written answer reached the petitioner 45 days ago.
        answered = self.today - timedelta(days=45)
        case.sudo().write(
            {
                "received_date": self.today - timedelta(days=60),
                "closed_date": answered,
                "feedback_date": answered,
            }
        )
        with self.assertRaisesRegex(UserError, "within 30 days"):
            case.with_user(self.agent).action_request_review()
        self.assertFalse(case.review_ids)
        # On the 30th day it is still in time.
        case.with_user(self.agent).action_request_review(
            request_date=answered + timedelta(days=30)
        )
        self.assertEqual(case.review_ids.level, "review")
        self.assertEqual(case.review_ids.request_date, answered + timedelta(days=30))

    def test_re_review_after_window_refused(self):
        case = self.to_feedback()
        as_agent = case.with_user(self.agent)
        as_agent.action_record_feedback(satisfaction="dissatisfied", method="letter")
        as_agent.action_request_review()
        case.sudo().write(
            {
                "received_date": self.today - timedelta(days=90),
                "closed_date": self.today - timedelta(days=80),
                "feedback_date": self.today - timedelta(days=80),
            }
        )
        case.review_ids.sudo().request_date = self.today - timedelta(days=70)
        case.with_user(self.clerk).action_record_review_answer(
            answer="维持", outcome="upheld", answer_date=self.today - timedelta(days=40)
        )
        with self.assertRaisesRegex(UserError, "within 30 days"):
            as_agent.action_request_re_review()
        self.assertEqual(case.review_ids.level, "review")

    def test_dates_out_of_order(self):
        case = self.to_feedback()
        with self.assertRaises(ValidationError):
            case.with_user(self.agent).action_record_feedback(
                satisfaction="satisfied",
                method="phone",
                feedback_date=case.received_date - timedelta(days=1),
            )
        with self.assertRaises(ValidationError):
            case.sudo().write({"received_date": self.today + timedelta(days=1)})
        with self.assertRaisesRegex(UserError, "future"):
            case.with_user(self.agent).action_record_feedback(
                satisfaction="satisfied",
                method="phone",
                feedback_date=self.today + timedelta(days=1),
            )
        other = self.to_handling()
        with self.assertRaises(ValidationError):
            other.with_user(self.handler).action_record_first_contact(
                contact_date=other.received_date - timedelta(days=1)
            )

    def test_feedback_needs_satisfaction_and_method(self):
        case = self.to_feedback()
        with self.assertRaises(UserError):
            case.with_user(self.agent).action_record_feedback(
                satisfaction=False, method="phone"
            )
        with self.assertRaises(UserError):
            case.with_user(self.agent).action_record_feedback(
                satisfaction="satisfied", method="email"
            )
        self.assertFalse(case.satisfaction)

    def test_step_wizard_records_feedback(self):
        case = self.to_feedback()
        action = case.with_user(self.agent).action_record_feedback()
        self.assertEqual(action["res_model"], "xinfang.case.step.wizard")
        wizard = (
            self.env["xinfang.case.step.wizard"]
            .with_user(self.agent)
            .with_context(**action["context"])
            .create({"satisfaction": "fairly_satisfied", "feedback_method": "phone"})
        )
        wizard.action_confirm()
        self.assertEqual(case.satisfaction, "fairly_satisfied")
        self.assertEqual(case.state, "revisit")

    def test_no_delete(self):
        case = self.new_case()
        with self.assertRaises(UserError):
            case.unlink()
        with self.assertRaises(UserError):
            case.with_user(self.clerk).unlink()
        self.assertTrue(case.exists())

    def test_create_in_later_stage_refused(self):
        with self.assertRaises(UserError):
            self.new_case(stage_id=self.stage("handling").id)

    def test_archive_only_by_clerk_and_when_closed(self):
        case = self.new_case()
        case.with_user(self.agent).action_submit_screening()
        self.screen(case, outcome="window", note="引导至信访接待窗口")
        self.assertEqual(case.state, "closed")
        with self.assertRaises(AccessError):
            case.with_user(self.agent).action_archive_case()
        case.with_user(self.clerk).action_archive_case()
        self.assertEqual(case.state, "archived")
