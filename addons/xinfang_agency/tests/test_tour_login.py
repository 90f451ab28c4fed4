from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestLoginTour(HttpCase):
    def test_clerk_reaches_petition_app(self):
        """A demo user logs in and reaches the petition kanban in Chinese."""
        self.start_tour("/odoo", "xinfang_login_reaches_app", login="clerk")
