from datetime import date

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import Q1_END, AssessmentCase


@tagged("post_install", "-at_install")
class TestRunWorkflow(AssessmentCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Unit A: 2 of 4 agency, 3 online; unit B: 1 case, online, agency.
        cls.cases_a = cls.env["xinfang.case"]
        for day, channel, agency in [
            (5, "online", True),
            (6, "online", True),
            (7, "online", False),
            (8, "visit", False),
        ]:
            vals = (
                {"screening_outcome": "agency", "accepted_date": date(2025, 1, day)}
                if agency
                else {}
            )
            cls.cases_a |= cls._case(
                cls.unit_a, date(2025, 1, day), channel=channel, **vals
            )
        cls.case_b = cls._case(
            cls.unit_b,
            date(2025, 2, 1),
            channel="online",
            screening_outcome="agency",
            accepted_date=date(2025, 2, 2),
        )

    def test_recompute_while_draft(self):
        run = self._run(self.q1)
        line = self._line(run, self.unit_a, self.ind_agency)
        self.assertEqual((line.numerator, line.denominator), (2, 4))
        self.cases_a[2].write(
            {"screening_outcome": "agency", "accepted_date": date(2025, 1, 7)}
        )
        run.with_user(self.assessor).action_compute()
        line = self._line(run, self.unit_a, self.ind_agency)
        self.assertEqual((line.numerator, line.denominator), (3, 4))
        self.assertEqual(
            len(run.result_ids), 2, "recomputing replaces, never duplicates"
        )

    def test_rank_and_totals(self):
        run = self._run(self.q1)
        a = run.result_ids.filtered(lambda r: r.unit_id == self.unit_a)
        b = run.result_ids.filtered(lambda r: r.unit_id == self.unit_b)
        # A: agency 0.5 → 10, online 0.75 → 10; B: 10 + 10; both 20: shared rank 1.
        self.assertEqual((a.total_points, b.total_points), (20, 20))
        self.assertEqual((a.rank, b.rank), (1, 1))
        self._item(self.unit_b, self.q1, 3).with_user(self.leader).action_approve()
        run.with_user(self.assessor).action_compute()
        b = run.result_ids.filtered(lambda r: r.unit_id == self.unit_b)
        self.assertEqual((b.total_points, b.rank), (17, 2))
        self.assertEqual(b.weakest_indicator_id, self.ind_manual)

    def test_approved_results_are_locked(self):
        run = self._run(self.q1)
        run.with_user(self.leader).action_approve()
        self.assertEqual(run.state, "approved")
        line = self._line(run, self.unit_a, self.ind_agency)
        before = (line.numerator, line.denominator, line.points)
        with self.assertRefused(UserError, "already approved"):
            run.with_user(self.leader).action_approve()
        # Nobody edits figures by hand, draft or approved.
        with self.assertRefused(AccessError, "not allowed to modify"):
            line.with_user(self.assessor).write({"points": 99})
        with self.assertRefused(AccessError, "not allowed to modify"):
            run.result_ids[0].with_user(self.assessor).write({"total_points": 99})
        with self.assertRaises(UserError):
            run.result_ids.with_user(self.assessor).unlink()
        with self.assertRaises(UserError):
            run.with_user(self.assessor).unlink()
        with self.assertRefused(UserError, "locked"):
            run.with_user(self.assessor).action_compute()
        # Cases change later: the approved figures do not.
        self.cases_a.write(
            {"screening_outcome": "agency", "accepted_date": date(2025, 1, 9)}
        )
        self.env.flush_all()
        self.env.invalidate_all()
        self.assertEqual((line.numerator, line.denominator, line.points), before)
        self.assertEqual(line.case_ids, self.cases_a)

    def test_only_assessor_runs_only_leader_approves(self):
        run = self.env["xinfang.assessment.run"].create({"period_id": self.q1.id})
        for user in (self.leader, self.agent_a):
            with self.assertRaises(AccessError):
                run.with_user(user).action_compute()
        self.assertFalse(run.result_ids)
        run.with_user(self.assessor).action_compute()
        for user in (self.assessor, self.agent_a):
            with self.assertRaises(AccessError):
                run.with_user(user).action_approve()
        self.assertEqual(run.state, "draft")
        with self.assertRaises(UserError):
            run.with_user(self.assessor).action_publish()  # not approved yet
        run.with_user(self.leader).action_approve()
        with self.assertRaises(AccessError):
            run.with_user(self.leader).action_publish()
        run.with_user(self.assessor).action_publish()
        self.assertEqual(run.state, "published")
        self.assertTrue(all(r.state == "published" for r in run.result_ids))

    def test_unit_without_weekly_consultation_scores_zero(self):
        scheme = self.env["xinfang.assessment.scheme"].create(
            {
                "name": "会商方案",
                "unit_ids": [(6, 0, [self.unit_b.id, self.unit_dept.id])],
                "indicator_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "每周一会商",
                            "metric": "x2211_weekly",
                            "points": 10,
                            "target": 1,
                        },
                    )
                ],
            }
        )
        period = self.env["xinfang.assessment.period"].create(
            {
                "name": "会商季度",
                "scheme_id": scheme.id,
                "date_start": date(2025, 1, 1),
                "date_end": date(2025, 3, 31),
            }
        )
        run = self._run(period)
        line_b = run.result_ids.filtered(lambda r: r.unit_id == self.unit_b).line_ids
        self.assertEqual(
            (line_b.numerator, line_b.denominator, line_b.points), (0, 14, 0)
        )
        # A department holds no weekly consultation: nothing to assess.
        line_dept = run.result_ids.filtered(
            lambda r: r.unit_id == self.unit_dept
        ).line_ids
        self.assertEqual((line_dept.denominator, line_dept.points), (0, 10))

    def test_approve_needs_results(self):
        run = self.env["xinfang.assessment.run"].create({"period_id": self.q1.id})
        with self.assertRefused(UserError, "Compute"):
            run.with_user(self.leader).action_approve()
        self.assertEqual(run.state, "draft")

    def test_change_against_previous_quarter(self):
        q1_run = self._run(self.q1)
        q1_run.with_user(self.leader).action_approve()
        # Q2: unit A has one visit case, not agency → agency 0, online 0.
        self._case(self.unit_a, date(2025, 4, 10))
        q2_run = self._run(self.q2)
        self.assertEqual(q2_run.previous_run_id, q1_run)
        a = q2_run.result_ids.filtered(lambda r: r.unit_id == self.unit_a)
        self.assertTrue(a.has_previous)
        self.assertEqual(
            (a.previous_total, a.total_points, a.total_change), (20, 0, -20)
        )
        self.assertEqual((a.previous_rank, a.rank, a.rank_change), (1, 2, -1))
        line = self._line(q2_run, self.unit_a, self.ind_online)
        self.assertEqual((line.previous_points, line.points_change), (10, -10))

    def test_stored_fields_written_as_their_computes(self):
        """The run writes results and lines in SQL, and their state on
        approval: every stored related or computed field holds what its
        compute gives, the previous quarter's changes included."""
        q1_run = self._run(self.q1)
        q1_run.with_user(self.leader).action_approve()
        self._case(self.unit_a, date(2025, 4, 10))
        q2_run = self._run(self.q2)
        results = q2_run.result_ids
        approved = q1_run.result_ids
        self.assertEqual(set(approved.line_ids.mapped("state")), {"approved"})
        for records in (results, results.line_ids, approved, approved.line_ids):
            names = [
                name
                for name, field in records._fields.items()
                if field.store and field.compute
            ]
            self.assertIn("state", names)
            records.invalidate_recordset()
            stored = {name: [record[name] for record in records] for name in names}
            records.invalidate_recordset(names)
            for name in names:
                self.env.add_to_compute(records._fields[name], records)
            computed = {name: [record[name] for record in records] for name in names}
            self.assertEqual(stored, computed, records._name)
        self.assertEqual(sorted(results.mapped("total_change")), [-20, 0])

    def test_year_sums_its_quarters(self):
        q1_run = self._run(self.q1)
        self._item(self.unit_a, self.q2, 2).with_user(self.leader).action_approve()
        q2_run = self._run(self.q2)
        (q1_run | q2_run).with_user(self.leader).action_approve()
        year = self.env["xinfang.assessment.period"].create(
            {
                "name": "2025年度",
                "scheme_id": self.scheme.id,
                "period_type": "year",
                "date_start": date(2025, 1, 1),
                "date_end": date(2025, 12, 31),
            }
        )
        year_run = self._run(year)
        a = year_run.result_ids.filtered(lambda r: r.unit_id == self.unit_a)
        q_a = (q1_run | q2_run).result_ids.filtered(lambda r: r.unit_id == self.unit_a)
        self.assertEqual(a.total_points, sum(q_a.mapped("total_points")))  # scheme: sum
        line = self._line(year_run, self.unit_a, self.ind_agency)
        self.assertEqual((line.numerator, line.denominator), (2, 4))
        self.assertEqual(line.case_ids, self.cases_a)
        self.scheme.year_mode = "average"
        year_run.with_user(self.assessor).action_compute()
        a = year_run.result_ids.filtered(lambda r: r.unit_id == self.unit_a)
        self.assertAlmostEqual(a.total_points, sum(q_a.mapped("total_points")) / 2)

    def test_year_without_approved_quarters(self):
        self._run(self.q1)  # draft only
        year = self.env["xinfang.assessment.period"].create(
            {
                "name": "2025年度",
                "scheme_id": self.scheme.id,
                "period_type": "year",
                "date_start": date(2025, 1, 1),
                "date_end": date(2025, 12, 31),
            }
        )
        run = self.env["xinfang.assessment.run"].create({"period_id": year.id})
        with self.assertRefused(UserError, "approved"):
            run.with_user(self.assessor).action_compute()
        self.assertFalse(run.result_ids)

    def test_dashboard_shows_ranking_and_weakest(self):
        today = self.env.company._xinfang_today()
        period = self.env["xinfang.assessment.period"].create(
            {
                "name": "本期",
                "scheme_id": self.scheme.id,
                "date_start": today,
                "date_end": today,
            }
        )
        self._case(self.unit_b, today)  # B: one visit case, no agency
        run = self._run(period)
        action = (
            self.env["xinfang.assessment.result"]
            .with_user(self.leader)
            .action_open_dashboard()
        )
        self.assertEqual(action["domain"], [("run_id", "=", run.id)])
        results = (
            self.env["xinfang.assessment.result"]
            .with_user(self.leader)
            .search(action["domain"], order="rank")
        )
        self.assertEqual(results.mapped("unit_id"), self.unit_a | self.unit_b)
        self.assertEqual(results[0].unit_id, self.unit_a)
        self.assertEqual(results[1].weakest_indicator_id, self.ind_agency)
        self.assertFalse(results[0].weakest_indicator_id, "no points lost")


@tagged("post_install", "-at_install")
class TestNobodyApprovesOwnWork(AssessmentCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # An office where one person is assessor and leader at once.
        cls.both = cls._user(
            "xinfang_assessment.group_xinfang_assessor,"
            "xinfang_agency.group_xinfang_leader",
            login="t_assessor_leader",
        )
        cls._case(cls.unit_a, date(2025, 1, 5), channel="online")

    def test_run_computed_and_approved_by_two_people(self):
        run = self.env["xinfang.assessment.run"].create({"period_id": self.q1.id})
        run.with_user(self.both).action_compute()
        self.assertEqual(run.computed_by_id, self.both)
        with self.assertRefused(AccessError, "computed the results"):
            run.with_user(self.both).action_approve()
        self.assertEqual(run.state, "draft")
        run.with_user(self.leader).action_approve()
        self.assertEqual((run.state, run.approved_by_id), ("approved", self.leader))

    def test_state_and_computer_are_not_written_by_hand(self):
        run = self._run(self.q1)
        with self.assertRefused(UserError, "by hand"):
            run.with_user(self.assessor).write({"state": "approved"})
        with self.assertRefused(UserError, "by hand"):
            run.with_user(self.both).write({"computed_by_id": self.assessor.id})
        self.assertEqual((run.state, run.computed_by_id), ("draft", self.assessor))

    def test_item_entered_and_approved_by_two_people(self):
        item = self._item(self.unit_a, self.q1, 2).with_user(self.both)
        item.write({"points": 3})
        self.assertEqual(item.entered_by_id, self.both)
        with self.assertRefused(AccessError, "entered the item"):
            item.action_approve()
        self.assertEqual(item.state, "draft")
        # Whoever corrects it last is the one who may not approve it.
        item.with_user(self.assessor).write({"points": 2})
        item.action_approve()
        self.assertEqual((item.state, item.approved_by_id), ("approved", self.both))

    def test_published_run_is_never_rewritten(self):
        run = self._run(self.q1)
        run.with_user(self.leader).action_approve()
        run.with_user(self.assessor).action_publish()
        published = run.published_date
        with self.assertRefused(UserError, "by hand"):
            run.with_user(self.assessor).write({"state": "draft"})
        with self.assertRefused(UserError, "Only approved, unpublished"):
            run.with_user(self.assessor).action_publish()
        with self.assertRefused(UserError, "never deleted"):
            run.with_user(self.assessor).sudo().unlink()
        self.assertEqual((run.state, run.published_date), ("published", published))
        with self.assertRefused(UserError, "by hand"):
            self.q1.with_user(self.assessor).write({"date_end": date(2025, 2, 28)})
        self.assertEqual(self.q1.date_end, Q1_END)

    def test_correction_of_an_approved_item_is_a_new_draft(self):
        item = self._item(self.unit_a, self.q1, 2)
        item.with_user(self.leader).action_approve()
        correction = item.with_user(self.both).copy({"points": 1})
        self.assertEqual(
            (correction.state, correction.entered_by_id), ("draft", self.both)
        )
        self.assertFalse(correction.approved_by_id)
        self.assertEqual((item.state, item.points), ("approved", 2))
