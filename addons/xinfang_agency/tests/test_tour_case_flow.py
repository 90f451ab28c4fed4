from odoo.tests import HttpCase, tagged

ACTION_URL = "/odoo/action-xinfang_agency.xinfang_case_action"
SUMMARY = "巡检测试：和平村巷口雨水篦子缺失积水"


@tagged("post_install", "-at_install")
class TestCaseFlowTour(HttpCase):
    def _case(self):
        return self.env["xinfang.case"].search([("summary", "=", SUMMARY)])

    def _run(self, tour, login, case=None):
        url = f"{ACTION_URL}/{case.id}" if case else ACTION_URL
        self.start_tour(url, tour, login=login)
        if case:
            case.invalidate_recordset()

    def test_case_flow_by_each_actor(self):
        """Clerk registers and screens, principal signs, handler replies,
        principal signs the closure, agent records the satisfaction."""
        self._run("xinfang_case_flow_register", "clerk")
        case = self._case()
        self.assertEqual(len(case), 1, "the clerk's petition was not registered")
        self.assertEqual(case.channel, "visit")
        self.assertEqual(case.petitioner_ids.name, "钱玉珍")
        self.assertEqual(case.petitioner_ids.xinfang_phone, "13904775678")
        self.assertTrue(case.petitioner_ids.xinfang_petitioner)
        self.assertEqual(case.state, "assign_signoff")
        self.assertEqual(case.screening_outcome, "agency")
        self.assertEqual(case.agent_id, self.env.ref("xinfang_agency.user_agent"))
        self.assertEqual(
            case.handling_unit_id, self.env.ref("xinfang_agency.unit_dept_urban")
        )

        self._run("xinfang_case_flow_sign_assignment", "principal", case)
        self.assertEqual(case.state, "handling")
        self.assertTrue(case.assign_signed)
        self.assertTrue(case.deadline_date)

        self._run("xinfang_case_flow_reply", "handler", case)
        self.assertEqual(case.state, "close_signoff")
        self.assertTrue(case.first_contact_date)
        self.assertEqual(case.contact_ids.mapped("kind"), ["call"])
        self.assertEqual(case.contact_ids.answered_by, "信访人本人")
        self.assertEqual(case.result_class, "solved")

        self._run("xinfang_case_flow_sign_closure", "principal", case)
        self.assertEqual(case.state, "feedback")
        self.assertTrue(case.close_signed)
        self.assertEqual(
            case.signoff_ids.mapped("user_id"),
            self.env.ref("xinfang_agency.user_principal"),
        )

        self._run("xinfang_case_flow_feedback", "agent", case)
        self.assertEqual(case.state, "revisit")
        self.assertEqual(case.satisfaction, "satisfied")
        self.assertEqual(case.feedback_method, "phone")
