from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.xinfang_agency.models.xinfang_case_ownership import FIVE_DUTIES

from .warning_common import WarningCommon


@tagged("post_install", "-at_install")
class TestCaseOwnership(WarningCommon):
    def test_five_duties_and_my_owned_cases(self):
        case = self.new_case(skip_level="province")
        other = self.new_case(summary="另一件")
        action = case.with_user(self.leader).action_take_ownership()
        ownership = self.env["xinfang.case.ownership"].browse(action["res_id"])
        self.assertEqual(ownership.leader_id, self.leader)
        self.assertEqual(ownership.progress, 0)
        # Taking it again returns the same ownership.
        again = case.with_user(self.leader).action_take_ownership()
        self.assertEqual(again["res_id"], ownership.id)
        ownership.with_user(self.leader).write(
            {
                "duty_situation": True,
                "duty_situation_note": "已走访掌握情况",
                "duty_mindset": True,
                "duty_resolution": True,
            }
        )
        self.assertEqual(ownership.progress, 60)
        with self.assertRaisesRegex(UserError, "not all fulfilled"):
            ownership.with_user(self.leader).action_done()
        ownership.with_user(self.leader).write(
            {"duty_commitment": True, "duty_stability": True}
        )
        ownership.with_user(self.leader).action_done()
        self.assertEqual(ownership.state, "done")
        mine = (
            self.env["xinfang.case"]
            .with_user(self.leader)
            .search([("ownership_ids.leader_id", "=", self.leader.id)])
        )
        self.assertEqual(mine, case)
        self.assertNotIn(other, mine)
        self.assertEqual(case.ownership_count, 1)

    def test_non_leader_cannot_own(self):
        case = self.new_case()
        with self.assertRaises(UserError):
            case.with_user(self.handler).action_take_ownership()

    def test_leader_of_another_unit_sees_the_case_they_own(self):
        case = self.new_case()
        Case = self.env["xinfang.case"].with_user(self.other_leader)
        self.assertFalse(Case.search([("id", "=", case.id)]))
        self.env["xinfang.case.ownership"].create(
            {"case_id": case.id, "leader_id": self.other_leader.id}
        )
        self.assertEqual(Case.search([("id", "=", case.id)]), case)

    def test_one_ownership_per_leader_and_case(self):
        case = self.new_case()
        Ownership = self.env["xinfang.case.ownership"]
        Ownership.create({"case_id": case.id, "leader_id": self.leader.id})
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            Ownership.create({"case_id": case.id, "leader_id": self.leader.id})

    def test_leader_takes_only_cases_of_the_jurisdiction(self):
        case = self.new_case()
        with self.assertRaises(AccessError):
            case.with_user(self.other_leader).action_take_ownership()
        with self.assertRaisesRegex(UserError, "Case and Owning Leader when creating"):
            self.env["xinfang.case.ownership"].with_user(self.other_leader).create(
                {"case_id": case.id, "leader_id": self.other_leader.id}
            )
        self.assertFalse(case.with_context(active_test=False).ownership_ids)
        # The petition office assigns it; only to a leader.
        with self.assertRaises(ValidationError):
            self.env["xinfang.case.ownership"].with_user(self.clerk).create(
                {"case_id": case.id, "leader_id": self.handler.id}
            )
        ownership = (
            self.env["xinfang.case.ownership"]
            .with_user(self.clerk)
            .create({"case_id": case.id, "leader_id": self.other_leader.id})
        )
        self.assertEqual(ownership.leader_id, self.other_leader)
        self.assertEqual(
            self.env["xinfang.case"]
            .with_user(self.other_leader)
            .search([("id", "=", case.id)]),
            case,
        )

    def test_ended_or_archived_ownership_grants_nothing(self):
        case = self.new_case()
        Case = self.env["xinfang.case"].with_user(self.other_leader)
        ownership = (
            self.env["xinfang.case.ownership"]
            .with_user(self.clerk)
            .create({"case_id": case.id, "leader_id": self.other_leader.id})
        )
        self.assertTrue(Case.search([("id", "=", case.id)]))
        with self.assertRaisesRegex(UserError, "by hand"):
            ownership.with_user(self.other_leader).write(
                {"active": False, "state": "done"}
            )
        # Another leader of the jurisdiction reads it but does not work on it.
        with self.assertRaises(AccessError):
            ownership.with_user(self.leader).write({"duty_situation": True})
        ownership.with_user(self.other_leader).action_archive()
        self.assertFalse(ownership.active)
        self.assertFalse(Case.search([("id", "=", case.id)]))
        with self.assertRaises(AccessError):
            case.with_user(self.other_leader).read(["summary"])
        with self.assertRaises(AccessError):
            ownership.with_user(self.other_leader).action_unarchive()
        ownership.with_user(self.clerk).action_unarchive()
        self.assertTrue(Case.search([("id", "=", case.id)]))
        for duty in FIVE_DUTIES:
            ownership.with_user(self.other_leader).write({duty: True})
        ownership.with_user(self.other_leader).action_done()
        self.assertEqual(ownership.state, "done")
        self.assertFalse(Case.search([("id", "=", case.id)]))
        with self.assertRaisesRegex(UserError, "by hand"):
            ownership.with_user(self.other_leader).write(
                {"duty_situation_note": "补记"}
            )

    def test_retaking_revives_an_ended_ownership(self):
        case = self.new_case()
        action = case.with_user(self.leader).action_take_ownership()
        ownership = self.env["xinfang.case.ownership"].browse(action["res_id"])
        ownership.with_user(self.leader).action_archive()
        again = case.with_user(self.leader).action_take_ownership()
        self.assertEqual(again["res_id"], ownership.id)
        self.assertTrue(ownership.active)
        self.assertEqual(ownership.state, "active")

    def test_owned_cases_reach_the_rules_as_ids_not_a_subquery(self):
        """The leader's rule on owned cases names the owned ids: a subquery on
        the ownerships, ORed with the jurisdiction, made PostgreSQL test it on
        every case of the county (issue 16)."""
        case = self.new_case()
        Case = self.env["xinfang.case"].with_user(self.other_leader)
        self.assertFalse(Case.search([("owned_by_me", "=", True)]))
        self.env["xinfang.case.ownership"].create(
            {"case_id": case.id, "leader_id": self.other_leader.id}
        )
        self.assertEqual(Case.search([("owned_by_me", "=", True)]), case)
        self.assertTrue(case.with_user(self.other_leader).owned_by_me)
        self.assertFalse(case.with_user(self.leader).owned_by_me)
        self.assertEqual(Case.search([("id", "=", case.id)]), case)
        sql = Case._search([]).select().code
        self.assertNotIn("xinfang_case_ownership", sql)
