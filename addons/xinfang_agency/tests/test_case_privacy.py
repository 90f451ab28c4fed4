from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, tagged

from .warning_common import WarningSetupMixin


@tagged("post_install", "-at_install")
class TestWarningOwnershipPrivacy(WarningSetupMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_warning_data()

    def test_other_unit_cannot_read_warning_or_ownership(self):
        case = self.new_case(headcount=9)
        warning = case.warning_ids
        ownership = self.env["xinfang.case.ownership"].create(
            {"case_id": case.id, "leader_id": self.leader.id}
        )
        # The handling unit's staff and the leader in charge read them.
        self.assertEqual(warning.with_user(self.handler).reason_text, warning.reason_text)
        self.assertEqual(ownership.with_user(self.head).case_id, case)
        # A handler of another station does not.
        with self.assertRaises(AccessError):
            warning.with_user(self.other_handler).read(["cause_analysis"])
        with self.assertRaises(AccessError):
            ownership.with_user(self.other_handler).read(["duty_situation"])
        notices = self.env["xinfang.case.warning"].with_user(self.other_handler)
        self.assertFalse(notices.search([("id", "=", warning.id)]))
        self.assertFalse(
            self.env["xinfang.case.ownership"].with_user(self.other_leader).search(
                [("case_id", "=", case.id)]
            )
        )

    def test_accused_unit_never_sees_the_accuser(self):
        case = self.new_case(petition_type="accusation", summary="举报城建办工作人员收受好处")
        # The accused unit (the handling unit) reads the case, not the accuser.
        as_handler = case.with_user(self.handler)
        self.assertTrue(as_handler.identity_hidden)
        self.assertEqual(as_handler.read(["petitioner_ids", "summary"])[0]["petitioner_ids"], [])
        web = as_handler.web_read({"petitioner_ids": {"fields": {"display_name": {}}}})
        self.assertEqual(web[0]["petitioner_ids"], [])
        self.assertEqual(self.petitioner.with_user(self.handler).xinfang_case_count, 0)
        values = self.env["report.xinfang_agency.report_case_agency_form"].with_user(
            self.handler
        )._get_report_values(case.ids)["values"][case.id]
        self.assertNotIn("王秀兰", values["names"])
        self.handler.groups_id |= self.env.ref("base.group_allow_export")
        with self.assertRaisesRegex(UserError, "accused unit"):
            as_handler.export_data(["name", "petitioner_ids/name"])
        self.assertEqual(as_handler.export_data(["name"])["datas"], [[case.name]])
        # Nor can the accused find it by searching for the petitioner.
        complaint = self.new_case(petition_type="complaint")
        found = self.env["xinfang.case"].with_user(self.handler).search(
            [("petitioner_ids", "in", self.petitioner.ids)]
        )
        self.assertEqual(found, complaint)
        found = self.env["xinfang.case"].with_user(self.handler).search(
            [("petitioner_ids.name", "ilike", "王秀兰")]
        )
        self.assertNotIn(case, found)
        self.assertIn(case, self.env["xinfang.case"].with_user(self.handler).search(
            [("summary", "ilike", "收受好处")]
        ))
        # The petition office still sees the accuser.
        as_clerk = case.with_user(self.clerk)
        self.assertFalse(as_clerk.identity_hidden)
        self.assertEqual(
            as_clerk.read(["petitioner_ids"])[0]["petitioner_ids"], self.petitioner.ids
        )

    def test_explicit_accused_unit(self):
        case = self.new_case(
            petition_type="accusation", accused_unit_id=self.other_station.id,
        )
        self.assertFalse(case.with_user(self.handler).identity_hidden)
        self.env["xinfang.case.ownership"].create(
            {"case_id": case.id, "leader_id": self.other_leader.id}
        )
        as_other = case.with_user(self.other_leader)
        self.assertTrue(as_other.identity_hidden)
        self.assertEqual(as_other.read(["petitioner_ids"])[0]["petitioner_ids"], [])

    def test_other_types_show_the_petitioner(self):
        case = self.new_case(petition_type="complaint")
        self.assertEqual(
            case.with_user(self.handler).read(["petitioner_ids"])[0]["petitioner_ids"],
            self.petitioner.ids,
        )
