from odoo.tests import HttpCase, tagged

# (login, tour): each role's day on its own board (issue 13).
DESKTOP_DAYS = (
    ("clerk", "xinfang_day_clerk"),
    ("principal", "xinfang_day_principal"),
    ("leader", "xinfang_day_leader"),
    ("handler", "xinfang_day_handler"),
    ("agent", "xinfang_day_agent"),
)


@tagged("post_install", "-at_install")
class TestRoleDayDesktop(HttpCase):
    """At an office desk (1440 px): each role lands on its work, finds
    today's case and sees the next step as a Chinese button."""

    browser_size = "1440x900"

    def test_each_role_day(self):
        for login, tour in DESKTOP_DAYS:
            with self.subTest(login=login):
                self.start_tour("/odoo", tour, login=login)


@tagged("post_install", "-at_install")
class TestRoleDayPhone(HttpCase):
    """On a phone (390 px): the agent and the handler see the petitioner,
    the summary and the deadline badge on the cards and the next step as a
    button on the sheet."""

    browser_size = "390x844"
    touch_enabled = True

    def test_agent_day_on_a_phone(self):
        self.start_tour("/odoo", "xinfang_day_agent_phone", login="agent")

    def test_handler_day_on_a_phone(self):
        self.start_tour("/odoo", "xinfang_day_handler_phone", login="handler")
