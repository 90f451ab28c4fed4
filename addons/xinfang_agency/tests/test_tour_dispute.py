from odoo.tests import HttpCase, tagged

ACTION_URL = "/odoo/action-xinfang_agency.xinfang_dispute_action"
HOUSEHOLD = "巡检测试：幸福社区8号楼2单元302室"


@tagged("post_install", "-at_install")
class TestDisputeTour(HttpCase):
    # An agent on a household visit works on a phone.
    browser_size = "390x844"
    touch_enabled = True

    def test_agent_records_a_dispute_and_makes_it_a_case_on_a_phone(self):
        self.start_tour(ACTION_URL, "xinfang_dispute_phone", login="agent")
        dispute = self.env["xinfang.dispute"].search([("household", "=", HOUSEHOLD)])
        self.assertEqual(len(dispute), 1)
        agent = self.env.ref("xinfang_agency.user_agent")
        self.assertEqual(dispute.found_by_id, agent)
        self.assertEqual(
            dispute.unit_id, self.env.ref("xinfang_agency.unit_point_xingfu")
        )
        self.assertEqual(dispute.grid_id, self.env.ref("xinfang_agency.grid_xingfu_2"))
        self.assertEqual(dispute.risk_level, "high")
        self.assertEqual(dispute.state, "case")
        case = dispute.case_id
        self.assertEqual(case.dispute_id, dispute)
        self.assertEqual(case.channel, "screening")
        self.assertEqual(case.state, "registered")
        self.assertEqual(case.agent_id, agent)
        self.assertEqual(case.grid_id, dispute.grid_id)

    def test_grid_worker_resolves_a_dispute_of_their_grid_on_a_phone(self):
        dispute = self.env.ref("xinfang_agency.dispute_demo_noise_renovation")
        self.assertEqual(dispute.state, "open")
        self.start_tour(
            "/odoo", "xinfang_dispute_grid_worker_phone", login="grid_worker"
        )
        dispute.invalidate_recordset()
        self.assertEqual(dispute.state, "resolved")
        self.assertIn("周末不施工", dispute.outcome)
        self.assertEqual(dispute.resolved_date, self.env.company._xinfang_today())
        self.assertFalse(
            dispute.activity_ids.filtered(
                lambda a: a.activity_type_id
                == self.env.ref("xinfang_agency.mail_activity_type_deadline_dispute")
            )
        )
