from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestAssessorDay(HttpCase):
    """At an office desk (1440 px): the assessor lands on the runs and sees
    the next step of the open quarter as a Chinese button."""

    browser_size = "1440x900"

    def test_assessor_day(self):
        self.start_tour("/odoo", "xinfang_day_assessor", login="assessor")
