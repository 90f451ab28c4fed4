from datetime import timedelta

import odoo
from odoo import Command
from odoo.tests import tagged

from ..tools import gb11643
from .warning_common import WarningCommon


def id_number(serial):
    """A valid 身份证号 of petitioner ``serial``."""
    return gb11643.complete(f"150626198003{serial // 1000 + 10:02d}{serial % 1000:03d}")


@tagged("post_install", "-at_install")
class TestIntakeQueries(WarningCommon):
    """An intake costs the same queries however many cases and petitioners
    the office already holds: the partner is matched by the 身份证号's index
    and the repeat count is one query, not a walk over the earlier cases."""

    def _other_cases(self, start, count):
        """``count`` cases of as many other petitioners (each a contact with
        personal data), registered by the clerk."""
        partners = self.env["res.partner"].create(
            [
                {"name": f"信访人{serial}", "xinfang_id_number": id_number(serial)}
                for serial in range(start, start + count)
            ]
        )
        self.env["xinfang.case"].with_user(self.clerk).create(
            [
                {
                    "summary": "小区雨污管道堵塞",
                    "channel": "visit",
                    "received_date": self.today - timedelta(days=5),
                    "petitioner_ids": [Command.set(partner.ids)],
                    "agency_unit_id": self.point.id,
                    "category_id": self.category.id,
                }
                for partner in partners
            ]
        )

    def _intake_queries(self, external_id, number):
        """Queries of one intake as the agent."""
        payload = {
            "channel": "online",
            "external_id": external_id,
            "received_date": str(self.today),
            "summary": "小区停车位被长期占用",
            "demands": "请求协调解决",
            "petitioners": [
                {"name": "李建华", "id_number": number, "phone": "13904771234"}
            ],
        }
        intake = self.env["xinfang.intake"].with_user(self.agent)
        self.env.flush_all()
        self.env.invalidate_all()
        before = odoo.sql_db.sql_counter
        result = intake.create_from_platform(payload)
        self.env.flush_all()
        self.assertTrue(result["created"])
        return odoo.sql_db.sql_counter - before

    def test_new_petitioner_costs_the_same_with_ten_times_the_cases(self):
        self._intake_queries("Q-WARM", id_number(900))  # ormcaches warm
        self._other_cases(0, 5)
        few = self._intake_queries("Q-FEW", id_number(901))
        self._other_cases(100, 50)
        many = self._intake_queries("Q-MANY", id_number(902))
        self.assertEqual(few, many)
        # Helpdesk's ticket creation is 21; the intake, which creates the
        # contact and its personal data too, 15.
        self.assertLessEqual(many, 15)

    def test_known_petitioner_costs_the_same_with_more_earlier_cases(self):
        """A petitioner's earlier cases on other matters (another category,
        no link) are read in the repeat count's one query."""
        self._intake_queries("Q-WARM", id_number(900))
        self._other_cases(0, 1)
        self._other_cases(1, 1)
        first, second = (
            self.env["res.partner"].search(
                [("xinfang_id_number", "=", id_number(serial))]
            )
            for serial in (0, 1)
        )
        self.env["xinfang.case"].with_user(self.clerk).create(
            [
                {
                    "summary": f"第{n}次来访：邻里噪音",
                    "channel": "visit",
                    "received_date": self.today - timedelta(days=400 + n),
                    "petitioner_ids": [Command.set(second.ids)],
                    "agency_unit_id": self.point.id,
                    "category_id": self.other_category.id,
                }
                for n in range(10)
            ]
        )
        one_earlier = self._intake_queries("Q-ONE", id_number(0))
        eleven_earlier = self._intake_queries("Q-ELEVEN", id_number(1))
        self.assertEqual(one_earlier, eleven_earlier)
        cases = self.env["xinfang.case"].search(
            [("external_ref", "in", ["Q-ONE", "Q-ELEVEN"])]
        )
        # The known contacts are reused; other matters are not repeats.
        self.assertEqual(cases.petitioner_ids, first | second)
        self.assertEqual(cases.mapped("repeat_count"), [1, 1])
