from datetime import date, datetime

from odoo import Command
from odoo.tests import tagged

from .common import Q1_END, Q1_START, AssessmentCase


@tagged("post_install", "-at_install")
class TestRunFigures(AssessmentCase):
    """Figures of one fresh unit recomputed by hand on known cases."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.full = cls.env["xinfang.assessment.scheme"].create(
            {
                "name": "手算方案",
                "unit_ids": [Command.set([cls.unit_a.id])],
                "indicator_ids": [
                    Command.create(vals)
                    for vals in [
                        {
                            "name": "代办率",
                            "metric": "agency_rate",
                            "points": 10,
                            "target": 0.5,
                        },
                        {
                            "name": "满意率",
                            "metric": "satisfaction",
                            "points": 20,
                            "target": 0.95,
                            "partial_weight": 0.9,
                        },
                        {
                            "name": "网访占比",
                            "metric": "online_share",
                            "points": 10,
                            "target": 0.7,
                        },
                        {
                            "name": "越级进京",
                            "metric": "skip_level_beijing",
                            "rule": "deduction",
                            "points": 5,
                            "cap": 8,
                        },
                        {
                            "name": "重复访率",
                            "metric": "repeat_rate",
                            "rule": "inverse",
                            "points": 10,
                            "target": 0.2,
                        },
                        {
                            "name": "2211落实率",
                            "metric": "x2211_compliance",
                            "points": 10,
                            "target": 1,
                        },
                        {
                            "name": "每周一会商",
                            "metric": "x2211_weekly",
                            "points": 10,
                            "target": 1,
                        },
                        {
                            "name": "扣分项",
                            "kind": "manual",
                            "rule": "deduction",
                            "points": 2,
                        },
                    ]
                ],
            }
        )
        cls.period = cls.env["xinfang.assessment.period"].create(
            {
                "name": "手算季度",
                "scheme_id": cls.full.id,
                "date_start": Q1_START,
                "date_end": Q1_END,
            }
        )
        unit = cls.unit_a
        agency = {"screening_outcome": "agency", "accepted_date": date(2025, 1, 6)}
        cls.c1 = cls._case(
            unit,
            date(2025, 1, 5),
            channel="online",
            agent_id=cls.agent_a.id,
            closed_date=date(2025, 1, 20),
            satisfaction="satisfied",
            **agency,
        )
        cls.c2 = cls._case(
            unit,
            date(2025, 1, 6),
            channel="online",
            deadline_date=date(2025, 1, 25),
            closed_date=date(2025, 2, 1),
            satisfaction="fairly_satisfied",
            **agency,
        )
        cls.c3 = cls._case(
            unit,
            date(2025, 2, 1),
            closed_date=date(2025, 2, 20),
            satisfaction="dissatisfied",
        )
        (cls.c1 | cls.c2 | cls.c3).write({"handling_unit_id": cls.unit_dept.id})
        cls.c4 = cls._case(unit, date(2025, 3, 1), skip_level="beijing")
        cls.c5 = cls._case(
            unit, date(2025, 3, 5), channel="online", skip_level="beijing"
        )
        # Outside the period: counts nowhere.
        cls.c0 = cls._case(
            unit, date(2024, 12, 20), channel="online", skip_level="beijing"
        )
        (cls.c3 | cls.c4).write({"is_repeat": True})
        # c1 fulfils 2211: both sign-offs, agent and supervision, revisit.
        Signoff = cls.env["xinfang.case.signoff"]
        for kind in ("assign", "close"):
            Signoff.create(
                {
                    "case_id": cls.c1.id,
                    "kind": kind,
                    "decision": "signed",
                    "user_id": cls.leader.id,
                }
            )
        cls.c1.write(
            {"supervised_date": date(2025, 1, 8), "revisit_date": date(2025, 1, 30)}
        )
        # Weekly consultations in three distinct weeks (one draft: not held).
        Meeting = cls.env["xinfang.meeting"]
        held = {"state": "held"} if "state" in Meeting._fields else {}
        for day, extra in [(6, held), (14, held), (28, held), (21, {})]:
            Meeting.create(
                {
                    "name": "每周会商",
                    "kind": "weekly",
                    "unit_id": unit.id,
                    "date": datetime(2025, 1, day, 2, 0),
                    **extra,
                }
            )
        manual = cls.full.indicator_ids.filtered(lambda i: i.kind == "manual")
        Item = cls.env["xinfang.assessment.item"]
        items = Item.create(
            [
                {
                    "name": f"扣分{points}",
                    "period_id": cls.period.id,
                    "indicator_id": manual.id,
                    "unit_id": unit.id,
                    "points": points,
                    "evidence": "通报文件",
                }
                for points in (2, 3, 4)
            ]
        )
        items[:2].with_user(cls.leader).action_approve()  # the 4-point item stays draft

    def test_hand_computed_figures(self):
        run = self.env["xinfang.assessment.run"].create({"period_id": self.period.id})
        run.with_user(self.assessor).action_compute()
        result = run.result_ids
        self.assertEqual(result.unit_id, self.unit_a)
        got = {
            line.indicator_id.name: (
                line.numerator,
                line.denominator,
                round(line.value, 4),
                line.points,
            )
            for line in result.line_ids
        }
        expected = {
            # agency: c1, c2 of 5 received; 10 × 0.4 / 0.5
            "代办率": (2, 5, 0.4, 8.0),
            # (1 + 0.9) / 3 closed and rated; 20 × 0.6333 / 0.95 = 13.33
            "满意率": (1.9, 3, 0.6333, 13.33),
            # c1, c2, c5 online of 5; 10 × 0.6 / 0.7 = 8.57
            "网访占比": (3, 5, 0.6, 8.57),
            # c4, c5: 2 × 5 = 10, capped at 8
            "越级进京": (2, 0, 2.0, -8.0),
            # c3, c4 of 5 = 0.4 > 0.2; 10 × (1 − 0.4) / (1 − 0.2) = 7.5
            "重复访率": (2, 5, 0.4, 7.5),
            # c1 of the 2 closed agency cases (c3, not accepted for agency,
            # is outside 2211); 10 × 1/2
            "2211落实率": (1, 2, 0.5, 5.0),
            # weeks of 6, 14 and 28 January of the 14 ISO weeks touching Q1 2025
            "每周一会商": (3, 14, 0.2143, 2.14),
            # approved items 2 + 3 (the draft 4 does not count)
            "扣分项": (2, 0, 5.0, -5.0),
        }
        self.assertEqual(got, expected)
        self.assertAlmostEqual(
            result.total_points, 8 + 13.33 + 8.57 - 8 + 7.5 + 5.0 + 2.14 - 5
        )
        self.assertEqual(result.rank, 1)
        self.assertEqual(result.max_points, 70)
        # The skip-level deduction (−8) costs more than 2211 (−5).
        self.assertEqual(result.weakest_indicator_id.name, "越级进京")

    def test_figures_drill_down_to_the_records(self):
        run = self.env["xinfang.assessment.run"].create({"period_id": self.period.id})
        run.with_user(self.assessor).action_compute()
        lines = {line.indicator_id.name: line for line in run.result_ids.line_ids}
        online = lines["网访占比"]
        self.assertEqual(
            online.case_ids, self.c1 | self.c2 | self.c3 | self.c4 | self.c5
        )
        self.assertEqual(online.numerator_case_ids, self.c1 | self.c2 | self.c5)
        action = online.with_user(self.assessor).action_open_numerator()
        self.assertEqual(action["res_model"], "xinfang.case")
        # The petition office (assessor only, no case role) reads the cases.
        self.assertEqual(
            self.env["xinfang.case"].with_user(self.assessor).search(action["domain"]),
            self.c1 | self.c2 | self.c5,
        )
        action = lines["越级进京"].action_open_details()
        self.assertEqual(
            self.env["xinfang.case"].search(action["domain"]), self.c4 | self.c5
        )
        action = lines["每周一会商"].action_open_details()
        self.assertEqual(action["res_model"], "xinfang.meeting")
        meetings = (
            self.env["xinfang.meeting"]
            .with_user(self.assessor)
            .search(action["domain"])
        )
        self.assertEqual(len(meetings), 3)
        self.assertEqual(set(meetings.mapped("kind")), {"weekly"})
        action = lines["扣分项"].action_open_details()
        self.assertEqual(action["res_model"], "xinfang.assessment.item")
        items = self.env["xinfang.assessment.item"].search(action["domain"])
        self.assertEqual(sorted(items.mapped("points")), [2, 3])

    def test_lines_store_the_counted_records(self):
        """The snapshot of ids (JSON) gives back each figure's records."""
        run = self.env["xinfang.assessment.run"].create({"period_id": self.period.id})
        run.with_user(self.assessor).action_compute()
        self.env.invalidate_all()
        lines = run.result_ids.line_ids
        self.assertEqual(len(lines), len(self.full.indicator_ids))
        self.assertEqual((lines.run_id, lines.unit_id), (run, self.unit_a))
        for line in lines:
            figure = line.indicator_id._period_figures(self.period, self.unit_a)[
                self.unit_a.id
            ]
            for name in ("case_ids", "numerator_case_ids", "meeting_ids", "item_ids"):
                self.assertEqual(
                    sorted(line[name].ids),
                    sorted(figure.get(name, [])),
                    (line.indicator_id.name, name),
                )
        self.assertEqual(len(lines.case_ids), 5)  # c1 to c5, not c0
        self.assertEqual(len(lines.meeting_ids), 3)
        self.assertEqual(len(lines.item_ids), 2)

    def test_hand_computed_case_metrics(self):
        scheme = self.env["xinfang.assessment.scheme"].create(
            {
                "name": "办理方案",
                "unit_ids": [Command.set([self.unit_a.id, self.unit_dept.id])],
                "indicator_ids": [
                    Command.create(
                        {
                            "name": name,
                            "metric": metric,
                            "points": 10,
                            "target": 1,
                            **extra,
                        }
                    )
                    for name, metric, extra in [
                        ("按期受理率", "on_time_acceptance", {}),
                        ("按期办结率", "on_time_closure", {}),
                        (
                            "承办单位按期办结率",
                            "on_time_closure",
                            {"unit_field": "handling_unit_id"},
                        ),
                        ("办结率", "closure_rate", {}),
                        ("化解率", "resolution_rate", {"target": 0.95}),
                        ("两签率", "x2211_two_signs", {}),
                        ("两办率", "x2211_two_handlings", {}),
                        ("回访率", "x2211_revisit", {}),
                    ]
                ],
            }
        )
        period = self.env["xinfang.assessment.period"].create(
            {
                "name": "办理季度",
                "scheme_id": scheme.id,
                "date_start": Q1_START,
                "date_end": Q1_END,
            }
        )
        run = self.env["xinfang.assessment.run"].create({"period_id": period.id})
        run.with_user(self.assessor).action_compute()

        def figures(unit):
            lines = run.result_ids.filtered(lambda r: r.unit_id == unit).line_ids
            return {
                line.indicator_id.name: (line.numerator, line.denominator, line.points)
                for line in lines
            }

        self.assertEqual(
            figures(self.unit_a),
            {
                # c1, c2 accepted the day after / the day of receipt
                "按期受理率": (2, 2, 10.0),
                # closed c1, c2, c3; c2 closed 1 Feb after its 25 Jan deadline
                "按期办结率": (2, 3, 6.67),
                # attributed to the handling unit: nothing for the community
                "承办单位按期办结率": (0, 0, 10.0),
                # accepted c1, c2: both closed
                "办结率": (2, 2, 10.0),
                # c1 satisfied, c2 fairly satisfied, c3 dissatisfied: 10 × (2/3) / 0.95
                "化解率": (2, 3, 7.02),
                # only c1 has both sign-offs, agent and supervision, revisit;
                # c3 (closed, never accepted for agency) is outside 2211
                "两签率": (1, 2, 5.0),
                "两办率": (1, 2, 5.0),
                "回访率": (1, 2, 5.0),
            },
        )
        dept = figures(self.unit_dept)
        self.assertEqual(dept["承办单位按期办结率"], (2, 3, 6.67))
        self.assertEqual(dept["按期办结率"], (0, 0, 10.0))
