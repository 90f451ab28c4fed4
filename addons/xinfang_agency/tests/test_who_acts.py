"""Everyone who must act has an activity, with a deadline that fits it,
closed when the act is done; each role starts on its own work."""

import ast

from odoo.tests import tagged

from .case_flow_common import CaseFlowCommon


@tagged("post_install", "-at_install")
class TestWhoActs(CaseFlowCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._add_dept_head()
        cls.signoff_type = cls.env.ref(
            "xinfang_agency.mail_activity_type_deadline_signoff"
        )

    def _signoff_activities(self, case):
        return case.activity_ids.filtered(
            lambda a: a.activity_type_id == self.signoff_type
        )

    def _assert_signoff_waits(self, case):
        waiting = self._signoff_activities(case)
        self.assertEqual(waiting.user_id, self.principal)
        self.assertEqual(waiting.date_deadline, case._deadline_compute("signoff"))
        self.assertGreater(waiting.date_deadline, self.today)
        self.assertEqual(waiting.summary, "Sign or return the sign-off")
        # Nobody else is asked to sign.
        for user in (self.agent, self.clerk, self.leader, self.handler):
            self.assertNotIn(user, waiting.user_id)

    # ------------------------------------------------------------------
    # 待签批
    # ------------------------------------------------------------------
    def test_principal_asked_to_sign_the_assignment(self):
        case = self.to_assign_signoff()
        self._assert_signoff_waits(case)
        done = case.message_ids
        case.with_user(self.principal).action_sign_assignment(comment="同意交办")
        self.assertFalse(self._signoff_activities(case))
        done = case.message_ids - done
        self.assertTrue(
            done.filtered(lambda m: m.mail_activity_type_id == self.signoff_type)
        )

    def test_returned_assignment_closes_the_activity_and_a_new_one_follows(self):
        case = self.to_assign_signoff()
        case.with_user(self.principal).action_return_assignment(comment="承办单位不对")
        self.assertEqual(case.state, "screening")
        self.assertFalse(self._signoff_activities(case))
        self.screen(case, handling_unit_id=self.dept.id)
        self.assertEqual(len(self._signoff_activities(case)), 1)

    def test_principal_asked_to_sign_the_closure(self):
        case = self.to_close_signoff()
        self._assert_signoff_waits(case)
        case.with_user(self.principal).action_return_closure(comment="答复不完整")
        self.assertFalse(self._signoff_activities(case))
        as_handler = case.with_user(self.handler)
        as_handler.action_submit_reply()
        self._assert_signoff_waits(case)
        case.with_user(self.principal).action_sign_closure()
        self.assertFalse(self._signoff_activities(case))

    def test_principal_of_the_nearest_unit_up_the_tree(self):
        """A principal of another unit is not asked; the principal above
        the case's unit is."""
        stranger = self._user("principal", self.other_station, "flow_other_principal")
        case = self.to_assign_signoff()
        self.assertNotIn(stranger, self._signoff_activities(case).user_id)
        self.assertEqual(self._signoff_activities(case).user_id, self.principal)

    # ------------------------------------------------------------------
    # The leader decides an extension
    # ------------------------------------------------------------------
    def test_extension_request_is_a_decision_due_in_working_days(self):
        case = self.to_handling()
        self.assertGreater(
            case.deadline_date, case._deadline_add(self.today, "extension_decision")
        )
        case.with_user(self.handler).action_request_extension(
            days=10, reason="需多部门会商"
        )
        request = case._deadline_open_activity("extension")
        self.assertEqual(request.user_id, self.leader)
        self.assertEqual(request.summary, "Decide on the extension request")
        # Two working days to decide, not the handling deadline far away.
        self.assertEqual(
            request.date_deadline, case._deadline_add(self.today, "extension_decision")
        )
        self.assertLess(request.date_deadline, case.deadline_date)
        case.with_user(self.leader).action_approve_extension()
        self.assertFalse(case._deadline_open_activity("extension"))

    def test_extension_decision_never_after_the_handling_deadline(self):
        case = self.to_handling()
        case.sudo().deadline_date = self.today
        case.with_user(self.handler).action_request_extension(
            days=10, reason="需现场勘验"
        )
        self.assertEqual(
            case._deadline_open_activity("extension").date_deadline, self.today
        )

    # ------------------------------------------------------------------
    # The handling unit's head until a handler is named
    # ------------------------------------------------------------------
    def test_head_holds_first_contact_and_deadline_until_a_handler_is_named(self):
        case = self.new_case()
        case.with_user(self.agent).action_submit_screening()
        self.screen(case)
        self.assertFalse(case.handler_id)
        case.with_user(self.principal).action_sign_assignment()
        first = case._deadline_open_activity("first_contact")
        handling = case._deadline_open_activity("handling")
        self.assertEqual(first.user_id, self.head)
        self.assertEqual(handling.user_id, self.head)
        self.assertNotEqual(first.user_id, self.agent)
        due = (first.date_deadline, handling.date_deadline)
        case.with_user(self.clerk).handler_id = self.handler
        self.assertEqual(first.user_id, self.handler)
        self.assertEqual(handling.user_id, self.handler)
        # The deadlines do not move with the person.
        self.assertEqual((first.date_deadline, handling.date_deadline), due)
        self.assertEqual(first.summary, "First contact: call the petitioner")

    def test_escalated_case_goes_to_the_head_above_until_a_handler_is_named(self):
        case = self.to_handling()
        self.station.head_id = self.leader
        case.with_user(self.handler).action_escalate(reason="超出本部门职权")
        handling = case._deadline_open_activity("handling")
        self.assertEqual(handling.user_id, self.leader)
        self.assertEqual(handling.summary, "Handle and answer the petition")
        case.with_user(self.clerk).handler_id = self.clerk
        self.assertEqual(handling.user_id, self.clerk)

    # ------------------------------------------------------------------
    # The warning's addressee
    # ------------------------------------------------------------------
    def test_warning_goes_to_the_head_of_the_handling_unit(self):
        case = self.to_handling()
        case.sudo().headcount = 6  # a collective petition: a warning is issued
        warning = case.warning_ids
        self.assertTrue(warning)
        self.assertEqual(warning.head_id, self.head)
        activity = case._deadline_open_activity("warning")
        self.assertEqual(activity.user_id, self.head)
        self.assertEqual(activity.date_deadline, warning.due_date)

    # ------------------------------------------------------------------
    # 复查 / 复核: the office of the unit above
    # ------------------------------------------------------------------
    def test_review_goes_to_the_office_above_the_handling_unit(self):
        case = self.to_feedback()
        as_agent = case.with_user(self.agent)
        as_agent.action_record_feedback(satisfaction="dissatisfied", method="phone")
        as_agent.action_request_review()
        review = case._deadline_open_activity("review")
        # The station above the department; its petition office (clerk).
        self.assertEqual(review.user_id, self.clerk)
        self.assertNotEqual(review.user_id, self.agent)
        self.assertEqual(
            review.date_deadline,
            case._deadline_compute("review", start_date=self.today),
        )
        case.with_user(self.clerk).action_record_review_answer(
            answer="维持原答复", outcome="upheld"
        )
        self.assertFalse(case._deadline_open_activity("review"))
        as_agent.action_request_re_review()
        # 复核: the unit above that (the center), its office.
        self.assertEqual(
            case._deadline_open_activity("re_review").user_id, self.center_clerk
        )

    # ------------------------------------------------------------------
    # Homes
    # ------------------------------------------------------------------
    def test_each_role_starts_on_its_own_work(self):
        expected = {
            self.principal: "xinfang_case_action_home_principal",
            self.leader: "xinfang_case_action_home_leader",
            self.clerk: "xinfang_case_action_home_clerk",
            self.handler: "xinfang_case_action_home_handler",
            self.agent: "xinfang_case_action_home_agent",
        }
        for user, action in expected.items():
            self.assertEqual(
                user.action_id.id,
                self.env.ref(f"xinfang_agency.{action}").id,
                user.login,
            )
        plain = self._user("base.group_user", login="flow_plain")
        self.assertFalse(plain.action_id)

    def test_home_boards_filter_the_work(self):
        """The principal's home lists the cases awaiting a signature, the
        handler's the unit's cases in handling."""
        Case = self.env["xinfang.case"]
        to_sign = self.to_assign_signoff()
        in_handling = self.to_handling()
        views = Case.get_views([(False, "search")])["views"]["search"]["arch"]

        def board(user):
            action = self.env["ir.actions.act_window"].browse(user.action_id.id)
            context = ast.literal_eval(action.context)
            filters = [
                key[len("search_default_") :]
                for key in context
                if key.startswith("search_default_")
            ]
            for name in filters:
                self.assertIn(f'name="{name}"', views)
            return filters

        self.assertEqual(board(self.principal), ["filter_to_sign"])
        self.assertEqual(
            set(board(self.handler)), {"filter_my_unit", "filter_in_handling"}
        )
        as_handler = Case.with_user(self.handler)
        found = as_handler.search(
            [("in_my_unit", "=", True), ("state", "=", "handling")]
        )
        self.assertIn(in_handling, found)
        self.assertNotIn(to_sign, found)
        as_principal = Case.with_user(self.principal)
        self.assertIn(
            to_sign,
            as_principal.search([("state", "in", ("assign_signoff", "close_signoff"))]),
        )

    def test_demo_roles_start_on_their_work(self):
        for login, action in (
            ("principal", "xinfang_case_action_home_principal"),
            ("leader", "xinfang_case_action_home_leader"),
            ("clerk", "xinfang_case_action_home_clerk"),
            ("handler", "xinfang_case_action_home_handler"),
            ("agent", "xinfang_case_action_home_agent"),
        ):
            user = self.env.ref(f"xinfang_agency.user_{login}")
            self.assertEqual(
                user.action_id.id, self.env.ref(f"xinfang_agency.{action}").id, login
            )

    def test_demo_office_has_heads_and_signatures_waiting(self):
        ref = self.env.ref
        units = self.env["xinfang.unit"].browse(
            self.env["ir.model.data"]
            .search([("module", "=", "xinfang_agency"), ("model", "=", "xinfang.unit")])
            .mapped("res_id")
        )
        self.assertTrue(units)
        for unit in units:
            self.assertTrue(unit.head_id, unit.name)
        principal = ref("xinfang_agency.user_principal")
        for xmlid in ("case_demo_road", "case_demo_compensation"):
            case = ref(f"xinfang_agency.{xmlid}")
            self.assertEqual(self._signoff_activities(case).user_id, principal, xmlid)
        warning = ref("xinfang_agency.case_demo_compensation").warning_ids
        self.assertEqual(warning.head_id, ref("xinfang_agency.user_urban_head"))
        allowance = ref("xinfang_agency.case_demo_allowance")
        self.assertFalse(allowance.handler_id)
        self.assertEqual(
            allowance.activity_ids.user_id, ref("xinfang_agency.user_social_head")
        )

    def test_text_for_a_new_case_follows_its_unit_head_as_heads_change(self):
        """The system's text on a case nobody handles yet is for the head of
        the unit that registered it: a new head reads it from then on."""
        self.clerk.lang = "zh_CN"
        self.leader.lang = "en_US"
        case = self._create_case()
        self.point.head_id = self.clerk
        self.assertEqual(case._xinfang_readers()[:1], self.clerk)
        self.assertEqual(case._creation_message(), "信访事项已登记。")
        self.point.head_id = self.leader
        self.assertEqual(case._xinfang_readers()[:1], self.leader)
        self.assertEqual(case._creation_message(), "Petition registered.")
