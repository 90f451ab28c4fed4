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
        self.assertNotIn(self.env.ref("xinfang_assessment.menu_xinfang_assessment").id, visible)
