from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .warning_common import WarningCommon


@tagged("post_install", "-at_install")
class TestCaseWarning(WarningCommon):
    def test_collective_petition_issues_one_notice(self):
        case = self.new_case(headcount=5)
        self.assertTrue(case.is_collective)
        warning = case.warning_ids
        self.assertEqual(len(warning), 1)
        self.assertTrue(warning.reason_collective)
        self.assertFalse(warning.reason_repeat or warning.reason_extreme)
        self.assertEqual(warning.unit_id, self.dept)
        self.assertEqual(warning.head_id, self.head, "addressed to the unit's head")
        self.assertEqual(
            warning.leader_id, self.leader, "copied to the leader in charge"
        )
        self.assertEqual(
            warning.principal_ids, self.principal, "copied to the principal"
        )
        self.assertTrue(case.has_open_warning)
        self.assertEqual(case.warning_count, 1)
        # 7 working days for the re-investigation, on the unit's head.
        activity = case.activity_ids.filtered(
            lambda a: a.activity_type_id
            == self.env.ref("xinfang_agency.mail_activity_type_deadline_warning")
        )
        self.assertEqual(activity.user_id, self.head)
        expected = self.env["xinfang.holiday"].add_working_days(warning.issue_date, 7)
        self.assertEqual(activity.date_deadline, expected)
        self.assertEqual(warning.due_date, expected)
        self.assertIn(self.leader.partner_id, warning.message_partner_ids)
        self.assertIn(self.principal.partner_id, warning.message_partner_ids)

    def test_no_duplicate_notice_for_same_reason(self):
        case = self.new_case(headcount=6)
        case.with_user(self.clerk).write(
            {"headcount": 8, "summary": "群体反映管道堵塞"}
        )
        self.assertEqual(len(case.warning_ids), 1)
        case.with_user(self.clerk).write({"extreme_behaviour": True})
        self.assertEqual(len(case.warning_ids), 2)
        new = case.warning_ids.filtered("reason_extreme")
        self.assertFalse(
            new.reason_collective, "the collective reason is already covered"
        )
        with self.assertRaises(UserError):
            self.env["xinfang.case.warning"].create(
                {"case_id": case.id, "reason_collective": True}
            )

    def test_skip_level_issues_notice(self):
        case = self.new_case()
        self.assertFalse(case.warning_ids)
        case.with_user(self.clerk).write({"skip_level": "beijing"})
        self.assertTrue(case.warning_ids.reason_skip_level)
        self.assertIn(
            case, self.env["xinfang.case"].search([("has_open_warning", "=", True)])
        )

    def test_repeat_matched_by_id_number_and_category(self):
        first = self.new_case(received_date=self.today - timedelta(days=40))
        # The same person registered again as a second contact: the ID
        # number, not the partner record, identifies the petitioner.
        same_person = self.env["res.partner"].create(
            {
                "name": "王秀兰",
                "xinfang_id_number": self.petitioner.sudo().xinfang_id_number,
            }
        )
        second = self.new_case(
            received_date=self.today - timedelta(days=20),
            petitioner_ids=[(6, 0, same_person.ids)],
        )
        unrelated = self.new_case(category_id=self.other_category.id)
        self.assertFalse(first.is_repeat or second.is_repeat or unrelated.is_repeat)
        self.assertEqual(second.repeat_count, 2)
        third = self.new_case()
        self.assertEqual(third.repeat_count, 3)
        self.assertTrue(third.is_repeat)
        self.assertTrue(third.warning_ids.reason_repeat)
        self.assertEqual(unrelated.repeat_count, 1)

    def test_repeat_period_is_configurable(self):
        self.env["xinfang.deadline.rule"].search(
            [("key", "=", "repeat_period")]
        ).amount = 30
        self.new_case(received_date=self.today - timedelta(days=200))
        self.new_case(received_date=self.today - timedelta(days=10))
        third = self.new_case()
        self.assertEqual(
            third.repeat_count, 2, "the case 200 days ago is outside 30 days"
        )
        self.assertFalse(third.is_repeat)

    def test_repeat_by_explicit_link(self):
        first = self.new_case(category_id=self.other_category.id)
        second = self.new_case(category_id=False, related_case_id=first.id)
        third = self.new_case(category_id=False)
        self.assertFalse(third.is_repeat)
        third.with_user(self.clerk).write({"related_case_id": second.id})
        self.assertEqual(third.repeat_count, 3)
        self.assertTrue(third.warning_ids.reason_repeat)

    def test_only_leader_in_charge_signs_a_filled_analysis(self):
        case = self.new_case(extreme_behaviour=True)
        warning = case.warning_ids
        with self.assertRaisesRegex(UserError, "leader in charge"):
            warning.with_user(self.principal).action_sign()
        with self.assertRaises(UserError):
            warning.with_user(self.leader).action_sign()  # empty analysis
        self.assertEqual(warning.state, "open")
        warning.with_user(self.head).write(
            {
                "cause_analysis": "信访人对补偿标准不理解",
                "resolution_measures": "城建办上门解释政策并协调维修",
                "stabilisation_measures": "社区网格员每周走访",
            }
        )
        warning.with_user(self.leader).action_sign()
        self.assertEqual(warning.state, "signed")
        self.assertEqual(warning.signed_by_id, self.leader)
        self.assertTrue(warning.signed_at)
        self.assertFalse(case.has_open_warning)
        warning_type = self.env.ref(
            "xinfang_agency.mail_activity_type_deadline_warning"
        )
        self.assertFalse(
            case.activity_ids.filtered(lambda a: a.activity_type_id == warning_type)
        )
        with self.assertRaises(UserError):
            warning.with_user(self.head).write({"cause_analysis": "改写"})

    def test_blank_analysis_is_refused(self):
        warning = self.new_case(headcount=7).warning_ids
        warning.with_user(self.head).write(
            {
                "cause_analysis": "   ",
                "resolution_measures": "上门",
                "stabilisation_measures": "走访",
            }
        )
        with self.assertRaisesRegex(UserError, "Fill in"):
            warning.with_user(self.leader).action_sign()

    def test_warning_never_deleted(self):
        warning = self.new_case(headcount=5).warning_ids
        with self.assertRaises(UserError):
            warning.unlink()
        self.assertTrue(warning.exists())

    def test_signature_is_not_written_by_hand(self):
        warning = self.new_case(headcount=5).warning_ids
        for user, vals in (
            (self.handler, {"state": "signed", "signed_by_id": self.handler.id}),
            (self.head, {"signed_at": fields.Datetime.now()}),
            (self.clerk, {"state": "signed"}),
            (self.leader, {"cause_analysis": "领导代写"}),
            (self.handler, {"due_date": self.today + timedelta(days=90)}),
        ):
            with self.assertRaisesRegex(UserError, "by hand"):
                warning.with_user(user).write(vals)
        self.assertEqual(warning.state, "open")
        self.assertFalse(
            warning.signed_by_id or warning.signed_at or warning.cause_analysis
        )
        # The petition office readdresses the notice.
        warning.with_user(self.clerk).write({"head_id": self.handler.id})
        self.assertEqual(warning.head_id, self.handler)

    def test_leader_does_not_sign_own_analysis(self):
        # A leader in charge who is also on the handling unit's staff.
        self.leader.groups_id |= self.env.ref("xinfang_agency.group_xinfang_handler")
        self.leader.xinfang_unit_id = self.dept
        warning = self.new_case(headcount=5).warning_ids
        analysis = {
            "cause_analysis": "原因",
            "resolution_measures": "措施",
            "stabilisation_measures": "稳控",
        }
        warning.with_user(self.leader).write(analysis)
        self.assertEqual(warning.edited_by_id, self.leader)
        with self.assertRaisesRegex(AccessError, "analysis .* yourself"):
            warning.with_user(self.leader).action_sign()
        self.assertEqual(warning.state, "open")
        warning.with_user(self.head).write(
            dict(analysis, cause_analysis="原因（复核）")
        )
        warning.with_user(self.leader).action_sign()
        self.assertEqual(warning.state, "signed")
