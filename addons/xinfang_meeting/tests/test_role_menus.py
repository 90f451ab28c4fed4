from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestMeetingRoleMenus(TransactionCase):
    def test_secretary_opens_meetings(self):
        secretary = self.env.ref("xinfang_agency.user_clerk")
        self.assertTrue(secretary.has_group("xinfang_meeting.group_xinfang_meeting_secretary"))
        env = self.env(user=secretary)
        menu = env.ref("xinfang_meeting.menu_xinfang_meeting")
        self.assertIn(menu.id, env["ir.ui.menu"]._visible_menu_ids())
        result = env[menu.action.sudo().res_model].web_search_read(
            domain=[], specification={"name": {}, "kind": {}}
        )
        self.assertIn("交通街道第四季度信访工作联席会议", [r["name"] for r in result["records"]])

    def test_non_secretary_cannot_create_meeting(self):
        from odoo.exceptions import AccessError

        agent = self.env.ref("xinfang_agency.user_agent")
        with self.assertRaises(AccessError):
            self.env["xinfang.meeting"].with_user(agent).create({"name": "未授权会议"})
