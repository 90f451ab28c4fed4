from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestAssessmentRoleMenus(TransactionCase):
    def test_assessor_opens_periods(self):
        assessor = self.env.ref("xinfang_assessment.user_assessor")
        env = self.env(user=assessor)
        menu = env.ref("xinfang_assessment.menu_xinfang_assessment_period")
        self.assertIn(menu.id, env["ir.ui.menu"]._visible_menu_ids())
        result = env[menu.action.sudo().res_model].web_search_read(
            domain=[], specification={"name": {}}
        )
        self.assertIn("2026年第四季度", [r["name"] for r in result["records"]])

    def test_assessment_menu_hidden_from_agent(self):
        agent = self.env.ref("xinfang_agency.user_agent")
        visible = self.env(user=agent)["ir.ui.menu"]._visible_menu_ids()
        self.assertNotIn(
            self.env.ref("xinfang_assessment.menu_xinfang_assessment").id, visible
        )

    def test_leader_opens_the_ranking(self):
        leader = self.env.ref("xinfang_agency.user_leader")
        env = self.env(user=leader)
        menu = env.ref("xinfang_assessment.menu_xinfang_assessment_dashboard")
        self.assertIn(menu.id, env["ir.ui.menu"]._visible_menu_ids())
        action = env["ir.actions.server"].browse(menu.action.id).run()
        self.assertEqual(action["res_model"], "xinfang.assessment.result")
        results = env["xinfang.assessment.result"].search(
            action["domain"], order="rank"
        )
        # The demo scores 2026 Q4 as a draft: the leader sees its ranking.
        self.assertTrue(results)
        self.assertEqual(results.run_id.name, "2026年第四季度")
        self.assertEqual(results[0].rank, 1)

    def test_every_view_opens_for_the_office_and_leaders(self):
        users = [
            self.env.ref("xinfang_assessment.user_assessor"),
            self.env.ref("xinfang_agency.user_leader"),
        ]
        actions = [
            "xinfang_assessment.xinfang_assessment_run_action",
            "xinfang_assessment.xinfang_assessment_result_action",
            "xinfang_assessment.xinfang_assessment_result_dashboard_action",
            "xinfang_assessment.xinfang_assessment_result_line_action",
            "xinfang_assessment.xinfang_assessment_item_action",
            "xinfang_assessment.xinfang_assessment_scheme_action",
            "xinfang_assessment.xinfang_assessment_period_action",
        ]
        for user in users:
            for xmlid in actions:
                action = self.env.ref(xmlid)
                modes = action.view_mode.split(",") + ["search"]
                views = (
                    self.env[action.res_model]
                    .with_user(user)
                    .get_views([(False, mode) for mode in modes])["views"]
                )
                self.assertEqual(set(views), set(modes), xmlid)

    def test_demo_users_do_not_approve_their_own_work(self):
        """The demo assessor computes; a leader (the principal) approves."""
        assessor = self.env.ref("xinfang_assessment.user_assessor")
        self.assertFalse(assessor.has_group("xinfang_agency.group_xinfang_leader"))
        approved = self.env["xinfang.assessment.run"].search(
            [("state", "in", ("approved", "published"))]
        )
        self.assertTrue(approved)
        for run in approved:
            self.assertTrue(run.computed_by_id and run.approved_by_id)
            self.assertNotEqual(run.computed_by_id, run.approved_by_id, run.name)
        items = self.env["xinfang.assessment.item"].search([("state", "=", "approved")])
        self.assertTrue(items)
        for item in items:
            self.assertNotEqual(item.entered_by_id, item.approved_by_id, item.name)
