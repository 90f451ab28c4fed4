from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestHomeTour(HttpCase):
    """Each role logs in on its own work (a filtered board), not Discuss."""

    def test_principal_lands_on_cases_awaiting_signature(self):
        self.start_tour("/odoo", "xinfang_home_principal", login="principal")

    def test_handler_lands_on_the_units_cases_in_handling(self):
        self.start_tour("/odoo", "xinfang_home_handler", login="handler")
