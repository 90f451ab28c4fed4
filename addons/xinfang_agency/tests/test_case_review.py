"""复查 and 复核 as review lines (条例 Art. 35/36, seed 004 §7(三)): decided by
the office of the unit above, with an outcome; a petition found reasonable
goes back to handling with a new deadline and its 一案双查 recorded."""

from datetime import timedelta

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .case_flow_common import CaseFlowCommon


@tagged("post_install", "-at_install")
class TestCaseReview(CaseFlowCommon):
    def dissatisfied(self):
        case = self.to_feedback()
        case.with_user(self.agent).action_record_feedback(
            satisfaction="dissatisfied", method="phone"
        )
        return case

    def review_requested(self):
        case = self.dissatisfied()
        case.with_user(self.agent).action_request_review()
        return case

    def decide(self, case, user, level="review", **kwargs):
        method = (
            "action_record_review_answer"
            if level == "review"
            else "action_record_re_review_answer"
        )
        values = {"answer": "经复查，原答复事实清楚。", "outcome": "upheld", **kwargs}
        return getattr(case.with_user(user), method)(**values)

    def reasonable(self, **kwargs):
        return {
            "answer": "原答复未落实管道改造承诺，撤销原答复，限期重新办理。",
            "outcome": "revoked",
            "found_reasonable": True,
            "dual_check_examined": "测试城建办承办人、分管领导",
            "dual_check_result": (
                "承办人未现场核实即答复，予以约谈；分管领导作书面检查。"
            ),
            **kwargs,
        }

    # ------------------------------------------------------------------
    # Outcomes
    # ------------------------------------------------------------------
    def test_upheld_review_closes_the_level(self):
        case = self.review_requested()
        review = case.review_ids
        self.assertEqual(
            (review.level, review.state, review.unit_id, review.answered_unit_id),
            ("review", "requested", self.station, self.dept),
        )
        self.assertEqual(review.request_date, self.today)
        self.assertEqual(
            review.deadline_date, case._deadline_open_activity("review").date_deadline
        )
        self.decide(case, self.clerk)
        self.assertEqual(review.state, "decided")
        self.assertEqual((review.outcome, review.decided_by_id), ("upheld", self.clerk))
        self.assertFalse(review.found_reasonable)
        self.assertEqual(case.state, "feedback")
        self.assertFalse(case._deadline_open_activity("review"))
        # The petitioner may now ask the 复核, or let it be: revisit.
        self.assertIn(
            "action_request_re_review", case.with_user(self.agent).flow_actions
        )
        self.assertIn("action_start_revisit", case.with_user(self.agent).flow_actions)
        self.assertFalse(case.terminated)

    def test_revoked_and_reasonable_goes_back_to_handling(self):
        case = self.review_requested()
        self.decide(case, self.clerk, **self.reasonable())
        review = case.review_ids
        self.assertEqual(case.state, "handling")
        expected = case._deadline_add(self.today, case._deadline_handling_key())
        self.assertEqual(review.redo_deadline_date, expected)
        self.assertEqual(case.deadline_date, expected)
        handling = case._deadline_open_activity("handling")
        self.assertEqual(
            (handling.user_id, handling.date_deadline), (self.handler, expected)
        )
        # 一案双查: who is examined and the result, on the line and the chatter.
        self.assertEqual(review.dual_check_examined, "测试城建办承办人、分管领导")
        self.assertIn("约谈", review.dual_check_result)
        self.assertTrue(
            any("一案双查" in body for body in case.message_ids.mapped("body"))
        )
        # The new answer is told to the petitioner again.
        self.assertFalse(case.satisfaction or case.feedback_date or case.closed_date)
        as_handler = case.with_user(self.handler)
        as_handler.write({"reply": "已完成管道改造。", "result_class": "solved"})
        as_handler.action_submit_reply()
        case.with_user(self.principal).action_sign_closure()
        self.assertEqual(case.state, "feedback")
        self.assertEqual(len(case.signoff_ids.filtered(lambda s: s.kind == "close")), 2)
        case.with_user(self.agent).action_record_feedback(
            satisfaction="satisfied", method="visit"
        )
        self.assertEqual(case.state, "revisit")

    def test_changed_but_not_reasonable_closes_the_level(self):
        case = self.review_requested()
        self.decide(
            case, self.clerk, outcome="changed", answer="变更答复依据，结论不变。"
        )
        self.assertEqual(case.state, "feedback")
        self.assertEqual(case.review_ids.outcome, "changed")

    def test_re_review_after_review_by_the_unit_above_that(self):
        case = self.review_requested()
        self.decide(case, self.clerk)
        case.with_user(self.agent).action_request_re_review()
        re_review = case.review_ids.filtered(lambda r: r.level == "re_review")
        self.assertEqual(
            (re_review.answered_unit_id, re_review.unit_id), (self.station, self.center)
        )
        self.assertEqual(
            case._deadline_open_activity("re_review").user_id, self.center_clerk
        )
        # The station decided the 复查: it does not decide the 复核 of itself.
        self.assertNotIn(
            "action_record_re_review_answer",
            case.with_user(self.clerk).flow_actions or [],
        )
        with self.assertRaisesRegex(UserError, "decided by the petition office"):
            self.decide(case, self.clerk, level="re_review")
        self.assertEqual(re_review.state, "requested")
        self.decide(case, self.center_clerk, level="re_review", answer="维持复查意见。")
        self.assertTrue(case.terminated)
        self.assertEqual(case.state, "revisit")
        self.assertEqual(re_review.decided_by_id, self.center_clerk)

    def test_re_review_found_reasonable_reopens_and_terminates(self):
        case = self.review_requested()
        self.decide(case, self.clerk)
        case.with_user(self.agent).action_request_re_review()
        self.decide(case, self.center_clerk, level="re_review", **self.reasonable())
        self.assertEqual(case.state, "handling")
        self.assertTrue(case.terminated)
        as_handler = case.with_user(self.handler)
        as_handler.action_submit_reply()
        case.with_user(self.principal).action_sign_closure()
        as_agent = case.with_user(self.agent)
        as_agent.action_record_feedback(satisfaction="dissatisfied", method="phone")
        # No third level: the revisit follows.
        actions = as_agent.flow_actions
        self.assertNotIn("action_request_review", actions)
        self.assertNotIn("action_request_re_review", actions)
        as_agent.action_start_revisit()
        self.assertEqual(case.state, "revisit")

    # ------------------------------------------------------------------
    # Bad input: refused, nothing changes
    # ------------------------------------------------------------------
    def test_answer_without_outcome_refused(self):
        case = self.review_requested()
        for bad in (
            {"outcome": False},
            {"outcome": "dismissed"},
            {"answer": "  "},
            {"found_reasonable": True},  # upheld and reasonable contradict
            self.reasonable(dual_check_result=""),  # reasonable: 一案双查 due
            self.reasonable(dual_check_examined=None),
        ):
            with self.assertRaises(UserError, msg=bad):
                self.decide(case, self.clerk, **bad)
            self.assertEqual(case.review_ids.state, "requested", bad)
            self.assertEqual(case.state, "feedback", bad)

    def test_dates_out_of_order_refused(self):
        case = self.dissatisfied()
        as_agent = case.with_user(self.agent)
        with self.assertRaisesRegex(UserError, "before the answer it contests"):
            as_agent.action_request_review(
                request_date=case.feedback_date - timedelta(days=1)
            )
        with self.assertRaisesRegex(UserError, "future"):
            as_agent.action_request_review(request_date=self.today + timedelta(days=1))
        self.assertFalse(case.review_ids)
        as_agent.action_request_review()
        with self.assertRaisesRegex(UserError, "cannot be before its request"):
            self.decide(case, self.clerk, answer_date=self.today - timedelta(days=1))
        with self.assertRaisesRegex(UserError, "future"):
            self.decide(case, self.clerk, answer_date=self.today + timedelta(days=1))
        self.assertEqual(case.review_ids.state, "requested")
        # The model refuses it too, whoever writes.
        with self.assertRaises(ValidationError):
            case.review_ids.sudo().decision_date = self.today - timedelta(days=3)

    def test_deciding_unit_must_be_above(self):
        case = self.dissatisfied()
        Review = self.env["xinfang.case.review"].sudo()
        values = {
            "case_id": case.id,
            "level": "review",
            "request_date": self.today,
            "answered_unit_id": self.dept.id,
        }
        for unit in (self.dept, self.point):  # itself; a unit beside it
            # assertRaises (not ...Regex) rolls the refused line back.
            with self.assertRaises(ValidationError) as caught:
                Review.create(dict(values, unit_id=unit.id))
            self.assertIn("not above", str(caught.exception))
        Review.create(dict(values, unit_id=self.center.id))  # above, two levels up
        # A case handled by the top of the tree has no unit above to decide.
        top = self.dissatisfied()
        top.sudo().handling_unit_id = self.center
        with self.assertRaisesRegex(UserError, "No unit above"):
            top.with_user(self.agent).action_request_review()

    def test_decided_lines_are_evidence(self):
        case = self.review_requested()
        self.decide(case, self.clerk)
        review = case.review_ids
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            review.sudo().write({"outcome": "revoked"})
        with self.assertRaises(UserError):
            review.sudo().unlink()
        with self.assertRaises(ValidationError):
            self.env["xinfang.case.review"].sudo().create(
                {
                    "case_id": case.id,
                    "level": "review",
                    "request_date": self.today,
                    "answered_unit_id": self.dept.id,
                    "unit_id": self.station.id,
                }
            )
        with self.assertRaises(UserError):
            review.with_user(self.clerk).write({"reasoning": "改写"})

    def test_ledger_shows_the_dual_check(self):
        case = self.review_requested()
        self.decide(case, self.clerk, **self.reasonable())
        ledger = self.env["report.xinfang_agency.report_case_ledger_xlsx"]
        text = ledger._review_text(case.review_ids)
        self.assertIn("测试城建办承办人、分管领导", text)
        self.assertIn("承办人未现场核实即答复", text)
        self.assertIn(self.station.name, text)

    # ------------------------------------------------------------------
    # 18.0.1.3.0: the former flat fields become lines
    # ------------------------------------------------------------------
    def test_migration_moves_the_flat_fields_into_lines(self):
        case = self.dissatisfied()
        untouched = self.dissatisfied()
        cr = self.env.cr
        # The columns of 18.0.1.2.0, as an updated database still holds them.
        cr.execute(
            "ALTER TABLE xinfang_case"
            " ADD COLUMN IF NOT EXISTS review_request_date date,"
            " ADD COLUMN IF NOT EXISTS review_answer_date date,"
            " ADD COLUMN IF NOT EXISTS review_answer text,"
            " ADD COLUMN IF NOT EXISTS re_review_request_date date,"
            " ADD COLUMN IF NOT EXISTS re_review_answer_date date,"
            " ADD COLUMN IF NOT EXISTS re_review_answer text"
        )
        cr.execute(
            "UPDATE xinfang_case SET review_request_date = %s, review_answer_date = %s,"
            " review_answer = %s, re_review_request_date = %s WHERE id = %s",
            (self.today, self.today, "维持原答复", self.today, case.id),
        )
        Case = self.env["xinfang.case"]
        self.assertEqual(Case._xinfang_migrate_review_lines(), 2)
        self.assertEqual(Case._xinfang_migrate_review_lines(), 0, "runs once")
        case.invalidate_recordset()
        review, re_review = case.review_ids.sorted("id")
        self.assertEqual(
            (
                review.level,
                review.state,
                review.outcome,
                review.reasoning,
                review.unit_id,
            ),
            ("review", "decided", "upheld", "维持原答复", self.station),
        )
        self.assertEqual(
            (re_review.level, re_review.state, re_review.unit_id),
            ("re_review", "requested", self.center),
        )
        self.assertFalse(untouched.review_ids)
