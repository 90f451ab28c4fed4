from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .warning_common import WarningCommon


@tagged("post_install", "-at_install")
class TestWarningOwnershipPrivacy(WarningCommon):
    def test_other_unit_cannot_read_warning_or_ownership(self):
        case = self.new_case(headcount=9)
        warning = case.warning_ids
        ownership = self.env["xinfang.case.ownership"].create(
            {"case_id": case.id, "leader_id": self.leader.id}
        )
        # The handling unit's staff and the leader in charge read them.
        self.assertEqual(
            warning.with_user(self.handler).reason_text, warning.reason_text
        )
        self.assertEqual(ownership.with_user(self.head).case_id, case)
        # A handler of another station does not.
        with self.assertRaises(AccessError):
            warning.with_user(self.other_handler).read(["cause_analysis"])
        with self.assertRaises(AccessError):
            ownership.with_user(self.other_handler).read(["duty_situation"])
        notices = self.env["xinfang.case.warning"].with_user(self.other_handler)
        self.assertFalse(notices.search([("id", "=", warning.id)]))
        self.assertFalse(
            self.env["xinfang.case.ownership"]
            .with_user(self.other_leader)
            .search([("case_id", "=", case.id)])
        )

    def _accusation(self, **vals):
        values = {
            "petition_type": "accusation",
            "summary": "举报城建办工作人员收受好处",
            "accused_unit_id": self.dept.id,
            "handling_unit_id": self.station.id,
            "handler_id": False,
        }
        values.update(vals)
        return self.new_case(**values)

    def test_accused_unit_never_sees_the_accuser(self):
        case = self._accusation()
        complaint = self.new_case(petition_type="complaint")
        Case = self.env["xinfang.case"].with_user(self.handler)
        # The accused unit (城建办) reaches nothing of the accusation.
        with self.assertRaises(AccessError):
            case.with_user(self.handler).read(["petitioner_ids", "summary"])
        self.assertFalse(Case.search([("summary", "ilike", "收受好处")]))
        self.assertEqual(
            Case.search([("petitioner_ids", "in", self.petitioner.ids)]), complaint
        )
        groups = Case.read_group([], ["petitioner_ids"], ["petitioner_ids"])
        self.assertEqual(
            [g["petitioner_ids_count"] for g in groups if g["petitioner_ids"]], [1]
        )
        self.assertEqual(self.petitioner.with_user(self.handler).xinfang_case_count, 1)
        with self.assertRaises(AccessError):
            self.env["report.xinfang_agency.report_case_agency_form"].with_user(
                self.handler
            )._get_report_values(case.ids)
        self.assertFalse(
            self.env["xinfang.case.warning"]
            .with_user(self.head)
            .search([("case_id", "=", case.id)])
        )
        # The petition office and the unit above the accused one see it.
        as_clerk = case.with_user(self.clerk)
        self.assertEqual(
            as_clerk.read(["petitioner_ids"])[0]["petitioner_ids"], self.petitioner.ids
        )
        self.assertEqual(case.with_user(self.leader).petitioner_ids, self.petitioner)

    def test_office_staff_inside_the_accused_unit_are_sealed(self):
        """The street's own petition office is part of the accused street."""
        case = self.env["xinfang.case"].create(
            {
                "petition_type": "accusation",
                "summary": "举报街道干部违规发放补助",
                "petitioner_ids": [(6, 0, self.petitioner.ids)],
                "agency_unit_id": self.point.id,
                "accused_unit_id": self.station.id,
                "handling_unit_id": self.center.id,
            }
        )
        with self.assertRaises(AccessError):
            case.with_user(self.clerk).read(["petitioner_ids"])
        self.assertFalse(
            self.env["xinfang.case"]
            .with_user(self.clerk)
            .search([("id", "=", case.id)])
        )
        # The county's office, above the accused street, handles it.
        self.assertEqual(
            case.with_user(self.center_clerk).petitioner_ids, self.petitioner
        )

    def test_registering_agent_keeps_the_accusation_their_colleague_does_not(self):
        """Registered without an accused unit, the accusation accuses the
        registering point: its other agents are sealed, the one who took the
        accuser's words down is not."""
        Case = self.env["xinfang.case"].with_user(self.agent)
        case = Case.create(
            {
                "petition_type": "accusation",
                "summary": "举报社区干部优亲厚友",
                "petitioner_ids": [(6, 0, self.petitioner.ids)],
                "agency_unit_id": self.point.id,
            }
        )
        self.assertEqual(case.sudo().accused_unit_id, self.point)
        self.assertEqual(
            case.read(["petitioner_ids"])[0]["petitioner_ids"], self.petitioner.ids
        )
        colleague = self._user("agent", self.point, "w_agent_colleague")
        with self.assertRaises(AccessError):
            case.with_user(colleague).read(["petitioner_ids"])

    def test_accused_unit_defaults_and_is_never_the_handler(self):
        case = self.new_case(
            petition_type="accusation",
            handling_unit_id=self.dept.id,
            agency_unit_id=self.other_station.id,
        )
        self.assertEqual(case.agency_unit_id, self.other_station)
        # Registered without an accused unit: the registering unit is accused.
        self.assertEqual(case.accused_unit_id, self.other_station)
        with (
            self.assertRaisesRegex(ValidationError, "accused unit"),
            self.env.cr.savepoint(),
        ):
            case.accused_unit_id = self.station
        case.invalidate_recordset()
        self.assertEqual(case.accused_unit_id, self.other_station)
        with self.assertRaisesRegex(ValidationError, "accused unit"):
            self._accusation(handling_unit_id=self.dept.id)

    def test_explicit_accused_unit(self):
        case = self._accusation(
            accused_unit_id=self.other_station.id,
            handling_unit_id=self.dept.id,
            handler_id=self.handler.id,
        )
        self.assertEqual(case.with_user(self.handler).petitioner_ids, self.petitioner)
        self.env["xinfang.case.ownership"].create(
            {"case_id": case.id, "leader_id": self.other_leader.id}
        )
        # Even owning it (包案) does not open an accusation to the accused unit.
        with self.assertRaises(AccessError):
            case.with_user(self.other_leader).read(["petitioner_ids"])

    def test_other_types_show_the_petitioner(self):
        case = self.new_case(petition_type="complaint")
        self.assertEqual(
            case.with_user(self.handler).read(["petitioner_ids"])[0]["petitioner_ids"],
            self.petitioner.ids,
        )
