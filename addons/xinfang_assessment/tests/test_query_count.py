from datetime import timedelta

from odoo import Command
from odoo.tests import tagged

from ..models.xinfang_assessment_indicator import METRIC_SELECTION
from .common import Q1_END, Q1_START, Q2_END, Q2_START, AssessmentCase


@tagged("post_install", "-at_install")
class TestQueryCount(AssessmentCase):
    """Aggregates, never per-case queries: 10 or 200 cases, same count."""

    def _add_cases(self, count, offset):
        vals_list = []
        for index in range(count):
            day = Q1_START + timedelta(days=(offset + index) % 80)
            vals_list.append(
                {
                    "summary": f"批量{offset + index}",
                    "received_date": day,
                    "agency_unit_id": (self.unit_a if index % 2 else self.unit_b).id,
                    "handling_unit_id": self.unit_dept.id,
                    "channel": "online" if index % 3 else "visit",
                    "screening_outcome": "agency" if index % 2 else False,
                    "accepted_date": day if index % 2 else False,
                    "closed_date": day + timedelta(days=5) if index % 4 else False,
                    "satisfaction": "satisfied" if index % 4 else False,
                    "skip_level": "city" if index % 7 == 0 else "none",
                }
            )
        self.env["xinfang.case"].create(vals_list)

    def _measured_compute(self, run):
        """Queries of a recompute (replacing existing draft results), from
        the same cold caches each time."""
        run.with_user(self.assessor).action_compute()
        return self._count_queries(run)

    def test_same_queries_for_10_and_200_cases(self):
        scheme = self.env["xinfang.assessment.scheme"].create(
            {
                "name": "全指标",
                "unit_ids": [
                    Command.set([self.unit_a.id, self.unit_b.id, self.unit_dept.id])
                ],
                "indicator_ids": [
                    Command.create(
                        {
                            "name": label,
                            "metric": key,
                            "rule": "deduction"
                            if key.startswith("skip_level")
                            else "proportional",
                            "points": 5,
                            "target": 0 if key.startswith("skip_level") else 0.9,
                        }
                    )
                    for key, label in METRIC_SELECTION
                    if key != "repeat_rate"
                ]
                + [
                    Command.create(
                        {
                            "name": "重复访",
                            "metric": "repeat_rate",
                            "rule": "inverse",
                            "points": 5,
                            "target": 0.1,
                        }
                    ),
                    Command.create(
                        {
                            "name": "扣分",
                            "kind": "manual",
                            "rule": "deduction",
                            "points": 1,
                        }
                    ),
                ],
            }
        )
        period = self.env["xinfang.assessment.period"].create(
            {
                "name": "计数季度",
                "scheme_id": scheme.id,
                "date_start": Q1_START,
                "date_end": Q1_END,
            }
        )
        run = self.env["xinfang.assessment.run"].create({"period_id": period.id})
        self._add_cases(10, 0)
        queries_10 = self._measured_compute(run)
        lines = run.result_ids.line_ids
        self.assertEqual(
            sum(
                lines.filtered(lambda line: line.metric == "online_share").mapped(
                    "denominator"
                )
            ),
            10,
        )

        self._add_cases(190, 10)
        queries_200 = self._measured_compute(run)
        lines = run.result_ids.line_ids
        self.assertEqual(
            sum(
                lines.filtered(lambda line: line.metric == "online_share").mapped(
                    "denominator"
                )
            ),
            200,
        )
        self.assertEqual(queries_10, queries_200)
        # About one aggregate query per indicator, plus a fixed overhead
        # (cold ORM caches, unlinking the previous draft, inserting results).
        self.assertLess(queries_200, 4 * len(scheme.indicator_ids) + 60)

    def _scheme_of_units(self, count, prefix):
        """A scheme of every metric over ``count`` new communities, each with
        cases in both quarters, and its Q1 and Q2 periods."""
        units = self.env["xinfang.unit"]
        for index in range(count):
            units |= self._unit(
                f"{prefix}社区{index}", f"T-QC-{prefix}{index}", "point", self.center
            )
        self.env["xinfang.case"].create(
            [
                {
                    "summary": f"{prefix}{unit.id}-{day}",
                    "received_date": start + timedelta(days=day),
                    "agency_unit_id": unit.id,
                    "channel": "online" if day % 2 else "visit",
                    "screening_outcome": "agency" if day else False,
                    "accepted_date": start + timedelta(days=day) if day else False,
                    "skip_level": "city" if day == 2 else "none",
                }
                for unit in units
                for start in (Q1_START, Q2_START)
                for day in range(3)
            ]
        )
        scheme = self.env["xinfang.assessment.scheme"].create(
            {
                "name": f"{prefix}方案",
                "unit_ids": [Command.set(units.ids)],
                "indicator_ids": [
                    Command.create(
                        {
                            "name": label,
                            "metric": key,
                            "rule": "inverse"
                            if key == "repeat_rate"
                            else "proportional",
                            "points": 5,
                            "target": 0.1 if key == "repeat_rate" else 0.9,
                        }
                        if not key.startswith("skip_level")
                        else {
                            "name": label,
                            "metric": key,
                            "rule": "deduction",
                            "points": 2,
                        }
                    )
                    for key, label in METRIC_SELECTION
                ]
                + [
                    Command.create(
                        {
                            "name": "扣分",
                            "kind": "manual",
                            "rule": "deduction",
                            "points": 1,
                        }
                    )
                ],
            }
        )
        Period = self.env["xinfang.assessment.period"]
        periods = [
            Period.create(
                {
                    "name": f"{prefix}{start}",
                    "scheme_id": scheme.id,
                    "date_start": start,
                    "date_end": end,
                }
            )
            for start, end in ((Q1_START, Q1_END), (Q2_START, Q2_END))
        ]
        return scheme, periods

    def _count_queries(self, run, user=None, action="action_compute"):
        """Queries of ``action`` on ``run`` by ``user`` (the assessor). A
        compute starts from cold ORM caches, its bookkeeping cleared: the
        ORM writes only values that change, and a recompute within the same
        second changes none. Approval and publication start from the caches
        the compute left."""
        self.env.flush_all()
        if action == "action_compute":
            run.computed_date = False
            self.env.flush_all()
            self.env.invalidate_all()
            self.env.registry.clear_all_caches()
        before = self.env.cr.sql_log_count
        getattr(run.with_user(user or self.assessor), action)()
        self.env.flush_all()
        return self.env.cr.sql_log_count - before

    def _counts_for_units(self, count, prefix):
        """Queries of a Q2 run of ``count`` units measured against its
        approved Q1 run: (compute, recompute, approval, publication); checks
        the results."""
        scheme, (q1, q2) = self._scheme_of_units(count, prefix)
        q1_run = self._run(q1)
        q1_run.with_user(self.leader).action_approve()
        run = self.env["xinfang.assessment.run"].create({"period_id": q2.id})
        counts = (
            self._count_queries(run),
            self._count_queries(run),
            self._count_queries(run, self.leader, "action_approve"),
            self._count_queries(run, self.assessor, "action_publish"),
        )
        self.assertEqual(run.previous_run_id, q1_run)
        self.assertEqual(len(run.result_ids), count)
        lines = run.result_ids.line_ids
        self.assertEqual(len(lines), count * len(scheme.indicator_ids))
        self.assertEqual(
            set(run.result_ids.mapped("state")) | set(lines.mapped("state")),
            {"published"},
        )
        self.assertTrue(all(run.result_ids.mapped("has_previous")))
        self.assertEqual(set(run.result_ids.mapped("rank")), {1})
        return counts

    def test_same_queries_for_n_and_3n_units(self):
        """Whatever the number of units (and so of results and lines), a run
        is computed, approved and published with the same queries: a query
        per unit, result or line fails (2 → 6 units adds 4)."""
        small = self._counts_for_units(2, "小")
        large = self._counts_for_units(6, "大")
        self.assertEqual(small[:2], large[:2], "compute, recompute")
        # Approval and publication run on warm caches, where whether the
        # approver's companies are fetched for the record rules varies.
        for action, queries_small, queries_large in zip(
            ("approve", "publish"), small[2:], large[2:], strict=True
        ):
            self.assertLessEqual(abs(queries_large - queries_small), 1, action)
