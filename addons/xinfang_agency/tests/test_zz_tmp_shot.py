from odoo.tests import HttpCase, tagged
@tagged("post_install", "-at_install")
class TestShot(HttpCase):
    browser_size = "1600x1000"
    def test_shot(self):
        self.start_tour("/odoo/action-xinfang_agency.action_xinfang_dashboard", "zz_tmp_shot", login="admin")
