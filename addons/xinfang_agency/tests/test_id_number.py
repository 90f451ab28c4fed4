from odoo.exceptions import ValidationError
from odoo.tests import tagged

from ..models.res_partner import is_valid_id_number
from .case_flow_common import CaseFlowCommon
from .common import ID_LIU, ID_SUN, ID_WITH_X


@tagged("post_install", "-at_install")
class TestIdNumber(CaseFlowCommon):
    def test_checksum(self):
        self.assertTrue(is_valid_id_number(ID_LIU))
        self.assertTrue(is_valid_id_number(ID_WITH_X))
        self.assertFalse(is_valid_id_number(ID_LIU[:17] + "9"))
        self.assertFalse(is_valid_id_number(ID_LIU[:17]))
        self.assertFalse(is_valid_id_number("15062619801332123X"))

    def test_wrong_number_refused(self):
        Partner = self.env["res.partner"]
        for number in (ID_SUN[:17] + "1", "1506261975110245", "abcdefghijklmnopqr"):
            with self.assertRaises(ValidationError):
                Partner.create({"name": "孙长海", "xinfang_id_number": number})
        partner = Partner.create({"name": "孙长海", "xinfang_id_number": ID_SUN})
        with self.assertRaises(ValidationError):
            partner.write({"xinfang_id_number": ID_LIU[:17] + "X"})
        self.assertEqual(partner.xinfang_id_number, ID_SUN)

    def test_lower_x_and_spaces_normalized(self):
        partner = self.env["res.partner"].create(
            {"name": "王某", "xinfang_id_number": " 110105 19491231002x"}
        )
        self.assertEqual(partner.xinfang_id_number, ID_WITH_X)

    def test_birth_date_and_age(self):
        partner = self.env["res.partner"].create(
            {"name": "孙长海", "xinfang_id_number": ID_SUN}
        )
        self.assertEqual(str(partner.xinfang_birth_date), "1975-11-02")
        today = self.today
        expected = today.year - 1975 - ((today.month, today.day) < (11, 2))
        self.assertEqual(partner.xinfang_age, expected)

    def test_masking_by_role(self):
        # Nobody but the petition office reads a contact's personal data
        # before a case links it to their jurisdiction.
        partner = self.petitioner.with_user(self.agent)
        self.assertEqual(partner.xinfang_id_number_masked, "150626************")
        self.assertEqual(partner.xinfang_phone_masked, "138****1234")
        self.assertFalse(partner.xinfang_can_see_identity)
        self.assertFalse(partner.read(["xinfang_id_number"])[0]["xinfang_id_number"])
        self.assertFalse(self.petitioner.phone)
        as_clerk = self.petitioner.with_user(self.clerk)
        self.assertEqual(
            as_clerk.read(["xinfang_id_number"])[0]["xinfang_id_number"], ID_LIU
        )
        case = self.new_case()
        case.with_user(self.clerk).handling_unit_id = self.dept
        self.env.invalidate_all()
        for user in (self.agent, self.handler, self.clerk):
            as_user = self.petitioner.with_user(user)
            self.assertTrue(as_user.xinfang_can_see_identity, user.login)
            self.assertEqual(as_user.xinfang_id_number, ID_LIU)
            self.assertEqual(as_user.xinfang_phone, "13804771234")
        as_leader = self.petitioner.with_user(self.leader)
        self.assertFalse(as_leader.xinfang_can_see_identity)
        self.assertFalse(as_leader.xinfang_id_number or as_leader.xinfang_phone)
        self.assertTrue(case.with_user(self.clerk).can_see_identity)
        self.assertFalse(case.with_user(self.leader).can_see_identity)
