from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestRoleMenus(TransactionCase):
    """Each demo role reaches the petition app and reads its cases."""

    ROLE_LOGINS = ("clerk", "principal", "leader", "handler", "agent")

    def _open_menu_as(self, login, menu_xmlid):
        user = self.env["res.users"].search([("login", "=", login)])
        self.assertTrue(user, f"demo user {login} is missing")
        env = self.env(user=user)
        menu = env.ref(menu_xmlid)
        visible_menu_ids = env["ir.ui.menu"]._visible_menu_ids()
        self.assertIn(menu.id, visible_menu_ids, f"{login} cannot see {menu_xmlid}")
        action = menu.action.sudo()
        records = env[action.res_model].web_search_read(
            domain=[], specification={"display_name": {}}
        )
        return records

    def test_every_role_opens_cases(self):
        for login in self.ROLE_LOGINS:
            with self.subTest(login=login):
                result = self._open_menu_as(login, "xinfang_agency.menu_xinfang_case")
                self.assertGreaterEqual(result["length"], 1, f"{login} reads no case")

    def test_agent_sees_only_own_jurisdiction(self):
        agent = self.env.ref("xinfang_agency.user_agent")
        cases = self.env["xinfang.case"].with_user(agent).search([])
        self.assertIn(self.env.ref("xinfang_agency.case_demo_drainage"), cases)
        self.assertNotIn(self.env.ref("xinfang_agency.case_demo_land"), cases)

    def test_configuration_hidden_from_agent(self):
        agent = self.env.ref("xinfang_agency.user_agent")
        visible = self.env(user=agent)["ir.ui.menu"]._visible_menu_ids()
        self.assertNotIn(self.env.ref("xinfang_agency.menu_xinfang_config").id, visible)

    def test_new_users_keep_their_own_time_zone(self):
        """The addons force no time zone on new users (Odoo's own default
        stays): the office's day comes from the company instead."""
        user = (
            self.env["res.users"]
            .with_context(tz=False)
            .create({"name": "新同事", "login": "xinfang_tz_user"})
        )
        self.assertFalse(user.tz)
        explicit = self.env["res.users"].create(
            {"name": "外地用户", "login": "xinfang_tz_utc", "tz": "UTC"}
        )
        self.assertEqual(explicit.tz, "UTC")
