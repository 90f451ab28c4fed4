from datetime import date

from odoo.tests import tagged

from .common import AssessmentCase


@tagged("post_install", "-at_install")
class TestCase2211(AssessmentCase):
    def test_flags_follow_the_case(self):
        case = self._case(self.unit_a, date(2025, 1, 5), agent_id=self.agent_a.id)
        self.assertFalse(
            case.x2211_two_signs or case.x2211_two_handlings or case.x2211_revisited
        )
        Signoff = self.env["xinfang.case.signoff"]
        Signoff.create(
            {
                "case_id": case.id,
                "kind": "assign",
                "decision": "signed",
                "user_id": self.leader.id,
            }
        )
        self.assertFalse(case.x2211_two_signs, "one sign-off is not two")
        Signoff.create(
            {
                "case_id": case.id,
                "kind": "close",
                "decision": "signed",
                "user_id": self.leader.id,
            }
        )
        self.assertTrue(case.x2211_two_signs)
        case.write({"supervised_date": date(2025, 1, 9)})
        self.assertTrue(case.x2211_two_handlings)
        self.assertFalse(case.x2211_complete)
        case.write({"revisit_date": date(2025, 2, 1)})
        self.assertTrue(case.x2211_revisited)
        self.assertTrue(case.x2211_complete)

    def test_incomplete_filter_and_search(self):
        done = self._case(self.unit_a, date(2025, 1, 5), agent_id=self.agent_a.id)
        Signoff = self.env["xinfang.case.signoff"]
        for kind in ("assign", "close"):
            Signoff.create(
                {
                    "case_id": done.id,
                    "kind": kind,
                    "decision": "signed",
                    "user_id": self.leader.id,
                }
            )
        done.write(
            {"supervised_date": date(2025, 1, 9), "revisit_date": date(2025, 2, 1)}
        )
        open_case = self._case(self.unit_a, date(2025, 1, 6))
        view = self.env.ref("xinfang_agency.xinfang_case_view_search")
        arch = self.env["xinfang.case"].get_views([(view.id, "search")])["views"][
            "search"
        ]["arch"]
        self.assertIn('name="filter_2211_incomplete"', arch)
        found = self.env["xinfang.case"].search(
            [("x2211_complete", "=", False), ("id", "in", (done | open_case).ids)]
        )
        self.assertEqual(found, open_case)

    def test_on_time_flags(self):
        late = self._case(
            self.unit_a,
            date(2025, 1, 1),
            accepted_date=date(2025, 1, 20),
            deadline_date=date(2025, 2, 1),
            closed_date=date(2025, 2, 5),
        )
        prompt = self._case(
            self.unit_a,
            date(2025, 1, 1),
            accepted_date=date(2025, 1, 16),
            deadline_date=date(2025, 2, 1),
            closed_date=date(2025, 2, 1),
        )
        self.assertEqual(
            (late.assess_accepted_on_time, late.assess_closed_on_time), (False, False)
        )
        self.assertEqual(
            (prompt.assess_accepted_on_time, prompt.assess_closed_on_time), (True, True)
        )

    def test_cases_closed_at_screening_are_outside_each_revisit(self):
        """每件一回访 counts the cases accepted for agency: a petition closed at
        screening (不予受理, 不再受理 after three levels, answered on the spot)
        has no revisit step and stays out of the revisit rate's denominator
        (and of every 2211 rate), instead of lowering it."""
        indicator = self.env["xinfang.assessment.indicator"].create(
            {
                "scheme_id": self.scheme.id,
                "name": "回访率",
                "metric": "x2211_revisit",
                "points": 10,
                "target": 1,
            }
        )
        revisited = self._case(
            self.unit_a,
            date(2025, 1, 5),
            screening_outcome="agency",
            accepted_date=date(2025, 1, 6),
            closed_date=date(2025, 2, 1),
            revisit_date=date(2025, 2, 10),
        )
        not_yet = self._case(
            self.unit_a,
            date(2025, 1, 7),
            screening_outcome="agency",
            accepted_date=date(2025, 1, 8),
            closed_date=date(2025, 2, 3),
        )
        screened_out = self._case(
            self.unit_a,
            date(2025, 1, 9),
            screening_outcome="excluded",
            exclusion_reason="terminated",
            closed_date=date(2025, 1, 9),
        ) | self._case(
            self.unit_a,
            date(2025, 1, 10),
            screening_outcome="direct_answer",
            closed_date=date(2025, 1, 10),
        )
        figure = indicator._period_figures(self.q1, self.unit_a)[self.unit_a.id]
        self.assertEqual((figure["numerator"], figure["denominator"]), (1, 2))
        self.assertEqual(sorted(figure["case_ids"]), sorted((revisited | not_yet).ids))
        self.assertFalse(set(screened_out.ids) & set(figure["case_ids"]))
        # None of them is waiting for a revisit that will never come.
        self.assertEqual(set(screened_out.mapped("x2211_revisited")), {False})
        self.assertEqual(set(screened_out.mapped("is_agency")), {False})
