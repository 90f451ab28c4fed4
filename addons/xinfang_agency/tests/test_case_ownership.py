from psycopg2 import IntegrityError

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from .warning_common import WarningSetupMixin


@tagged("post_install", "-at_install")
class TestCaseOwnership(WarningSetupMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_warning_data()

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
            {"duty_situation": True, "duty_situation_note": "已走访掌握情况",
             "duty_mindset": True, "duty_resolution": True}
        )
        self.assertEqual(ownership.progress, 60)
        with self.assertRaisesRegex(UserError, "not all fulfilled"):
            ownership.with_user(self.leader).action_done()
        ownership.with_user(self.leader).write({"duty_commitment": True, "duty_stability": True})
        ownership.with_user(self.leader).action_done()
        self.assertEqual(ownership.state, "done")
        mine = self.env["xinfang.case"].with_user(self.leader).search(
            [("ownership_ids.leader_id", "=", self.leader.id)]
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
