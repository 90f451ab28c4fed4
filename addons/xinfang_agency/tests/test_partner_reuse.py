from odoo import Command
from odoo.tests import tagged

from .warning_common import WarningCommon


@tagged("post_install", "-at_install")
class TestPartnerReuse(WarningCommon):
    def _partners_with_number(self, number):
        return (
            self.env["res.partner"]
            .sudo()
            .search_count([("xinfang_id_number", "=", number)])
        )

    def test_known_id_number_links_the_existing_partner(self):
        number = self.petitioner.sudo().xinfang_id_number
        case = self.new_case(
            petitioner_ids=[
                Command.create(
                    {
                        "name": "王秀兰",
                        "xinfang_id_number": f"{number[:6]} {number[6:]}",
                    }
                )
            ]
        )
        self.assertEqual(case.petitioner_ids, self.petitioner)
        self.assertEqual(self._partners_with_number(number), 1)
        # On write too.
        other = self.new_case(petitioner_ids=[])
        other.with_user(self.clerk).write(
            {
                "petitioner_ids": [
                    Command.create({"name": "王秀兰", "xinfang_id_number": number})
                ]
            }
        )
        self.assertEqual(other.petitioner_ids, self.petitioner)
        self.assertEqual(self._partners_with_number(number), 1)

    def test_new_id_number_creates_a_partner(self):
        case = self.new_case(
            petitioner_ids=[
                Command.create(
                    {"name": "赵大海", "xinfang_id_number": "11010519491231002X"}
                )
            ]
        )
        self.assertEqual(case.petitioner_ids.name, "赵大海")
        self.assertNotEqual(case.petitioner_ids, self.petitioner)

    def test_partner_shows_earlier_cases(self):
        first = self.new_case()
        second = self.new_case(summary="再次反映")
        partner = self.petitioner.with_user(self.clerk)
        self.assertEqual(partner.xinfang_case_count, 2)
        action = partner.action_view_xinfang_cases()
        self.assertEqual(
            set(self.env["xinfang.case"].search(action["domain"]).ids),
            {first.id, second.id},
        )
