from datetime import date

from odoo import Command
from odoo.tests import tagged

from .common import Q1_END, Q1_START, AssessmentCase


@tagged("post_install", "-at_install")
class TestDisputeIndicators(AssessmentCase):
    """矛盾纠纷排查化解 scored like the other indicators: disputes found and
    resolved on the spot per unit, counted by hand on known disputes."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.grassroots = cls.env["xinfang.assessment.scheme"].create(
            {
                "name": "排查化解方案",
                "unit_ids": [Command.set([cls.unit_a.id, cls.unit_b.id])],
                "indicator_ids": [
                    Command.create(vals)
                    for vals in [
                        {
                            "name": "排查发现",
                            "metric": "disputes_found",
                            "rule": "bonus",
                            "points": 0.5,
                            "cap": 2,
                        },
                        {
                            "name": "就地化解",
                            "metric": "disputes_resolved",
                            "rule": "bonus",
                            "points": 1,
                        },
                        {
                            "name": "化解率",
                            "metric": "dispute_resolution_rate",
                            "points": 10,
                            "target": 0.95,
                        },
                    ]
                ],
            }
        )
        cls.found, cls.resolved, cls.rate = cls.grassroots.indicator_ids
        cls.period = cls.env["xinfang.assessment.period"].create(
            {
                "name": "排查季度",
                "scheme_id": cls.grassroots.id,
                "date_start": Q1_START,
                "date_end": Q1_END,
            }
        )
        Dispute = cls.env["xinfang.dispute"]

        def dispute(unit, found, resolved=False):
            vals = {"unit_id": unit.id, "description": "测试纠纷", "found_date": found}
            if resolved:
                vals.update(state="resolved", outcome="已调解", resolved_date=found)
            return Dispute.create(vals)

        a = cls.unit_a
        cls.a_resolved = (
            dispute(a, date(2025, 1, 3), True)
            | dispute(a, date(2025, 2, 9), True)
            | dispute(a, date(2025, 3, 30), True)
        )
        cls.a_open = dispute(a, date(2025, 3, 31)) | dispute(a, date(2025, 1, 15))
        cls.a_case = dispute(a, date(2025, 2, 1))
        cls.a_case.state = "case"
        cls.a_outside = dispute(a, date(2025, 4, 1), True) | dispute(
            a, date(2024, 12, 31), True
        )
        cls.b_resolved = dispute(cls.unit_b, date(2025, 2, 2), True)

    def test_hand_counted_figures_and_points(self):
        run = self._run(self.period)
        figures = {
            (line.unit_id, line.indicator_id.name): (
                line.numerator,
                line.denominator,
                round(line.value, 4),
                line.points,
            )
            for line in run.result_ids.line_ids
        }
        a, b = self.unit_a, self.unit_b
        self.assertEqual(
            figures,
            {
                # 6 found in Q1 (not 1 April, not 31 Dec): 6 × 0.5 = 3, capped at 2
                (a, "排查发现"): (6, 0, 6.0, 2.0),
                # 3 resolved on the spot × 1 point
                (a, "就地化解"): (3, 0, 3.0, 3.0),
                # 3 of 6 resolved; 10 × 0.5 / 0.95 = 5.26
                (a, "化解率"): (3, 6, 0.5, 5.26),
                (b, "排查发现"): (1, 0, 1.0, 0.5),
                (b, "就地化解"): (1, 0, 1.0, 1.0),
                (b, "化解率"): (1, 1, 1.0, 10.0),
            },
        )

    def test_figures_open_the_disputes_behind_them(self):
        run = self._run(self.period)
        lines = {
            line.indicator_id: line
            for line in run.result_ids.filtered(
                lambda r: r.unit_id == self.unit_a
            ).line_ids
        }
        rate = lines[self.rate]
        self.assertEqual(rate.dispute_ids, self.a_resolved | self.a_open | self.a_case)
        self.assertEqual(rate.numerator_dispute_ids, self.a_resolved)
        self.assertFalse(rate.case_ids)
        action = rate.with_user(self.assessor).action_open_numerator()
        self.assertEqual(action["res_model"], "xinfang.dispute")
        # The petition office (assessor only, no dispute role) reads them.
        self.assertEqual(
            self.env["xinfang.dispute"]
            .with_user(self.assessor)
            .search(action["domain"]),
            self.a_resolved,
        )
        action = lines[self.found].action_open_details()
        self.assertEqual(action["res_model"], "xinfang.dispute")
        self.assertEqual(len(self.env["xinfang.dispute"].search(action["domain"])), 6)
        self.assertEqual(self.found._bulletin_value_kind(), "count")
        self.assertEqual(self.rate._bulletin_value_kind(), "percent")

    def test_default_scheme_scores_screening_as_a_bonus(self):
        scheme = self.env.ref("xinfang_assessment.scheme_default")
        metrics = scheme.indicator_ids.mapped("metric")
        self.assertIn("disputes_found", metrics)
        self.assertIn("disputes_resolved", metrics)
        bonus = scheme.indicator_ids.filtered(
            lambda i: i.metric in ("disputes_found", "disputes_resolved")
        )
        self.assertEqual(set(bonus.mapped("rule")), {"bonus"})
        self.assertFalse(sum(i._max_points() for i in bonus), "full marks unchanged")
