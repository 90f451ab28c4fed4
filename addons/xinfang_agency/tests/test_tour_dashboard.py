from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestDashboardTour(HttpCase):
    """The leaders' dashboard opens for a leader, its pivots and chart loaded."""

    def test_leader_opens_the_dashboard(self):
        self.start_tour(
            "/odoo/action-xinfang_agency.action_xinfang_dashboard",
            "xinfang_dashboard_leader",
            login="leader",
        )
