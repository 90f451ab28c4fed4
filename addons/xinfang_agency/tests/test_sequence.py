from odoo.tests import tagged

from .common import XinfangAgencyCommon


@tagged("post_install", "-at_install")
class TestCaseNumbers(XinfangAgencyCommon):
    """Cases are numbered by the sequence their code resolves to, as
    ``next_by_code`` chooses it (the company's own, else the shared one),
    though the choice is cached: a sequence added, archived or recoded is
    used from the next case on."""

    def test_numbers_follow_the_sequences_as_they_change(self):
        year = self.today.year
        self.assertTrue(self._create_case().name.startswith(f"XF{year}-"))
        own = self.env["ir.sequence"].create(
            {
                "name": "测试县案件编号",
                "code": "xinfang.case",
                "prefix": "CS%(year)s-",
                "padding": 4,
                "company_id": self.env.company.id,
            }
        )
        self.assertEqual(self._create_case().name, f"CS{year}-0001")
        own.active = False
        self.assertTrue(self._create_case().name.startswith(f"XF{year}-"))
        own.write({"active": True, "code": "xinfang.dispute"})
        self.assertTrue(self._create_case().name.startswith(f"XF{year}-"))
        own.code = "xinfang.case"
        self.assertEqual(self._create_case().name, f"CS{year}-0002")
        own.unlink()
        self.assertTrue(self._create_case().name.startswith(f"XF{year}-"))

    def test_a_person_cannot_choose_the_number(self):
        case = self._create_case(name="XF2020-999999")
        self.assertNotEqual(case.name, "XF2020-999999")
