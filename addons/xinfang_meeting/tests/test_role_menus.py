from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestMeetingRoleMenus(TransactionCase):
    def test_secretary_opens_meetings(self):
        secretary = self.env.ref("xinfang_agency.user_clerk")
        self.assertTrue(
            secretary.has_group("xinfang_meeting.group_xinfang_meeting_secretary")
        )
        env = self.env(user=secretary)
        visible = env["ir.ui.menu"]._visible_menu_ids()
        self.assertIn(env.ref("xinfang_meeting.menu_xinfang_meeting").id, visible)
        menu = env.ref("xinfang_meeting.menu_xinfang_meeting_list")
        self.assertIn(menu.id, visible)
        result = env[menu.action.sudo().res_model].web_search_read(
            domain=[], specification={"name": {}, "kind": {}}
        )
        self.assertIn(
            "交通街道第四季度信访工作联席会议", [r["name"] for r in result["records"]]
        )

    def test_non_secretary_cannot_create_meeting(self):
        agent = self.env.ref("xinfang_agency.user_agent")
        with self.assertRaises(AccessError):
            self.env["xinfang.meeting"].with_user(agent).create({"name": "未授权会议"})

    def test_demo_roles(self):
        body = self.env.ref("xinfang_meeting.body_jiaotong")
        self.assertEqual(
            body.chief_convener_id, self.env.ref("xinfang_agency.user_principal")
        )
        handler = self.env.ref("xinfang_agency.user_handler")
        decisions = (
            self.env["xinfang.meeting.decision"]
            .with_user(handler)
            .search([("user_id", "=", handler.id)])
        )
        self.assertTrue(decisions)
        states = set(
            self.env["xinfang.meeting.decision"]
            .search([("active", "=", True)])
            .mapped("state")
        )
        self.assertEqual(states, {"open", "progress", "done", "cancelled"})
        kinds = set(
            self.env["xinfang.meeting"].search([("active", "=", True)]).mapped("kind")
        )
        self.assertEqual(kinds, {"regular", "ad_hoc", "weekly", "special"})
