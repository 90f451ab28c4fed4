"""The petitioner picker and the 信访人 list: only petitioners, found by name,
身份证号 or phone as far as the rules let each role."""

from odoo import Command
from odoo.tests import Form, tagged

from .case_flow_common import CaseFlowCommon
from .common import ID_LIU, ID_SUN

PICKER = [("xinfang_is_petitioner", "=", True)]


def anything(value):
    """The search view's first field: name, 身份证号 or phone."""
    return [
        "|",
        "|",
        ("name", "ilike", value),
        ("xinfang_id_number", "ilike", value),
        ("xinfang_phone", "ilike", value),
    ]


@tagged("post_install", "-at_install")
class TestPetitionerPicker(CaseFlowCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.company = Partner.create({"name": "测试建筑公司", "is_company": True})
        cls.contact = Partner.create({"name": "普通联系人王某", "is_company": False})
        cls.registered = Partner.with_context(default_xinfang_petitioner=True).create(
            {
                "name": "孙建华",
                "xinfang_id_number": ID_SUN,
                "xinfang_phone": "13947770001",
            }
        )
        cls.far_unit = cls._unit("远方社区", "T-FLOW-FAR", "point", cls.center)
        cls.far_agent = cls._user("agent", cls.far_unit, "flow_agent_far")
        cls.far_petitioner = Partner.create({"name": "赵远方", "phone": "13947770002"})

    def setUp(self):
        super().setUp()
        self.case = self.new_case()
        self.far_case = self.env["xinfang.case"].create(
            {
                "summary": "远方社区路灯不亮",
                "agency_unit_id": self.far_unit.id,
                "petitioner_ids": [Command.set(self.far_petitioner.ids)],
            }
        )

    def picker(self, user, domain=()):
        return self.env["res.partner"].with_user(user).search(PICKER + list(domain))

    def test_picker_offers_petitioners_only(self):
        offered = self.picker(self.agent)
        self.assertIn(self.petitioner, offered)
        self.assertIn(self.registered, offered, "registered, on no case yet")
        for other in (
            self.company,
            self.contact,
            self.handler.partner_id,
            self.env.ref("base.partner_admin"),
            self.far_petitioner,
        ):
            self.assertNotIn(other, offered)
        self.assertIn(self.far_petitioner, self.picker(self.far_agent))
        self.assertNotIn(self.petitioner, self.picker(self.far_agent))
        # The computed flag says the same.
        self.assertTrue(self.petitioner.with_user(self.agent).xinfang_is_petitioner)
        self.assertFalse(self.company.with_user(self.agent).xinfang_is_petitioner)
        # The negation is the complement among the same records.
        not_offered = (
            self.env["res.partner"]
            .with_user(self.agent)
            .search(
                [
                    ("xinfang_is_petitioner", "=", False),
                    ("id", "in", (self.petitioner | self.company).ids),
                ]
            )
        )
        self.assertEqual(not_offered, self.company)

    def test_agent_finds_by_name_id_number_and_phone(self):
        for value in ("刘桂兰", ID_LIU, ID_LIU[:10], "13804771234", "138 0477 1234"):
            self.assertEqual(
                self.picker(self.agent, anything(value)), self.petitioner, value
            )
        # Registered by someone else and on no case yet: offered by name,
        # its personal data not theirs to search.
        self.assertEqual(self.picker(self.agent, anything("孙建华")), self.registered)
        self.assertFalse(
            self.picker(self.agent, [("xinfang_id_number", "=", ID_SUN.lower())])
        )
        self.assertEqual(
            self.picker(self.clerk, [("xinfang_id_number", "=", ID_SUN.lower())]),
            self.registered,
        )
        # The far community's petitioner is not theirs to find, by any key.
        for value in ("赵远方", "13947770002"):
            self.assertFalse(self.picker(self.agent, anything(value)), value)
            self.assertEqual(
                self.picker(self.far_agent, anything(value)), self.far_petitioner
            )

    def test_leader_finds_by_name_only(self):
        self.assertEqual(self.picker(self.leader, anything("刘桂兰")), self.petitioner)
        for value in (ID_LIU, "13804771234"):
            self.assertFalse(self.picker(self.leader, anything(value)), value)
        shown = self.petitioner.with_user(self.leader)
        self.assertFalse(shown.xinfang_id_number)
        self.assertEqual(shown.xinfang_id_number_masked, ID_LIU[:6] + "*" * 12)

    def test_petitioner_of_a_sealed_accusation_not_offered(self):
        sealed_agent = self._user("agent", self.point, "flow_agent_sealed")
        accuser = self.env["res.partner"].create({"name": "检举人钱某"})
        self.new_case(
            petition_type="accusation",
            accused_unit_id=self.point.id,
            petitioner_ids=[Command.set(accuser.ids)],
        )
        self.assertNotIn(accuser, self.picker(sealed_agent))
        self.assertIn(accuser, self.picker(self.agent), "the case's own agent")

    def test_form_derives_birth_date_and_checks_the_id_number(self):
        form = Form(
            self.env["res.partner"]
            .with_user(self.agent)
            .with_context(default_xinfang_petitioner=True),
            view="xinfang_agency.res_partner_view_form_petitioner",
        )
        form.name = "李春花"
        form.xinfang_id_number = "11010519491231002x"
        self.assertEqual(str(form.xinfang_birth_date), "1949-12-31")
        form.xinfang_phone = "13947770003"
        partner = form.save()
        self.assertTrue(partner.xinfang_petitioner)
        self.assertEqual(partner.xinfang_id_number, "11010519491231002X")
        self.assertGreaterEqual(partner.xinfang_age, 76)
        self.assertIn(partner, self.picker(self.agent, anything("13947770003")))
