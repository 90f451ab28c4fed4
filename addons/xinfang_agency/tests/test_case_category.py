from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestCaseCategory(TransactionCase):
    def test_path_in_the_users_language(self):
        wages = self.env.ref("xinfang_agency.case_category_labour_wages")
        self.assertEqual(
            wages.with_context(lang="en_US").display_name,
            "Labour and Social Security / Unpaid Wages",
        )
        if self.env["res.lang"]._lang_get("zh_CN"):
            self.assertEqual(
                wages.with_context(lang="zh_CN").complete_name,
                "劳动和社会保障 / 拖欠工资",
            )
        found = self.env["xinfang.case.category"].name_search("Unpaid")
        self.assertIn(wages.id, [row[0] for row in found])

    def test_no_cycle(self):
        labour = self.env.ref("xinfang_agency.case_category_labour")
        wages = self.env.ref("xinfang_agency.case_category_labour_wages")
        with self.assertRaises(UserError):
            labour.parent_id = wages
