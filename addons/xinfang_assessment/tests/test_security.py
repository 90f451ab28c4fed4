from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import AssessmentCase


@tagged("post_install", "-at_install")
class TestResultVisibility(AssessmentCase):
    """Units see their own results until publication, everyone afterwards."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._case(cls.unit_a, date(2025, 1, 5), channel="online")
        cls._case(cls.unit_b, date(2025, 1, 6))

    def _visible_units(self, user, model="xinfang.assessment.result"):
        records = (
            self.env[model].with_user(user).search([("period_id", "=", self.q1.id)])
        )
        return records.mapped("unit_id")

    def test_visibility_before_and_after_publication(self):
        run = self._run(self.q1)
        self.assertEqual(self._visible_units(self.agent_a), self.unit_a)
        self.assertEqual(self._visible_units(self.agent_b), self.unit_b)
        self.assertEqual(
            self._visible_units(self.agent_a, "xinfang.assessment.result.line"),
            self.unit_a,
        )
        result_b = run.result_ids.filtered(lambda r: r.unit_id == self.unit_b)
        with self.assertRaises(AccessError):
            result_b.with_user(self.agent_a).read(["total_points"])
        for user in (self.assessor, self.leader):
            self.assertEqual(self._visible_units(user), self.unit_a | self.unit_b)
        run.with_user(self.leader).action_approve()
        self.assertEqual(
            self._visible_units(self.agent_a), self.unit_a, "approved, not published"
        )
        run.with_user(self.assessor).action_publish()
        for user in (self.agent_a, self.agent_b):
            self.assertEqual(self._visible_units(user), self.unit_a | self.unit_b)
        self.assertEqual(
            result_b.with_user(self.agent_a).total_points, result_b.total_points
        )

    def test_units_cannot_edit_results(self):
        run = self._run(self.q1)
        result_a = run.result_ids.filtered(lambda r: r.unit_id == self.unit_a)
        with self.assertRaises(AccessError):
            result_a.with_user(self.agent_a).write({"total_points": 100})
        with self.assertRaises(AccessError):
            self.env["xinfang.assessment.run"].with_user(self.agent_a).create(
                {"period_id": self.q2.id}
            )

    def test_items_of_other_units_hidden(self):
        self._item(self.unit_a, self.q1, 1)
        self._item(self.unit_b, self.q1, 1)
        items = (
            self.env["xinfang.assessment.item"]
            .with_user(self.agent_a)
            .search([("period_id", "=", self.q1.id)])
        )
        self.assertEqual(items.unit_id, self.unit_a)
