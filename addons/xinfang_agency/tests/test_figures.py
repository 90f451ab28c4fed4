import json
from datetime import timedelta

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import file_open

from .network_common import NetworkCommon

LEVEL_MEASURES = [
    "institution_count",
    "agent_count",
    "case_count",
    "resolved_count",
    "replied_count",
    "resolution_rate:avg",
    "reply_rate:avg",
    "trained_hours:sum",
]


@tagged("post_install", "-at_install")
class TestFigures(NetworkCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["xinfang.training"].with_user(cls.clerk).create(
            {
                "topic": "代办流程",
                "date": cls.today - timedelta(days=20),
                "hours": 3.0,
                "unit_id": cls.station.id,
                "agent_ids": [Command.set((cls.agent_profile | cls.station_agent).ids)],
            }
        )

    def _recount(self):
        self.env["xinfang.figure"]._refresh_figures()

    def _figures(self, user, domain=(), groupby=("station_id",)):
        """{group key: {measure: value}} of the figures as ``user`` sees them."""
        self._recount()
        measures = [m if ":" in m else f"{m}:sum" for m in LEVEL_MEASURES]
        size = len(groupby)
        rows = (
            self.env["xinfang.figure"]
            .with_user(user)
            ._read_group(list(domain), list(groupby), measures)
        )
        return {
            row[0] if size == 1 else row[:size]: dict(
                zip(LEVEL_MEASURES, row[size:], strict=False)
            )
            for row in rows
        }

    def test_figures_per_level_add_up(self):
        resolved = self.to_feedback()
        resolved.with_user(self.agent).action_record_feedback("satisfied", "visit")
        self.to_feedback(summary="第二件")  # replied, not yet resolved
        self.to_handling(summary="第三件")  # taken on only
        self.new_case(summary="当场答复", channel="phone")  # received, not taken on
        station = self._figures(self.env.user)[self.station]
        # The station and its point; the line office is no institution.
        self.assertEqual(station["institution_count"], 2)
        self.assertEqual(station["agent_count"], 3)
        self.assertEqual(station["case_count"], 3)
        self.assertEqual(station["resolved_count"], 1)
        self.assertEqual(station["replied_count"], 2)
        self.assertAlmostEqual(station["resolution_rate:avg"], 100 / 3)
        self.assertAlmostEqual(station["reply_rate:avg"], 200 / 3)
        self.assertEqual(station["trained_hours:sum"], 6.0)
        by_unit = self._figures(self.env.user, groupby=("unit_id",))
        self.assertEqual(by_unit[self.point]["case_count"], 3)
        self.assertEqual(by_unit[self.point]["trained_hours:sum"], 3.0)
        county = self._figures(
            self.env.user, [("center_id", "=", self.center.id)], groupby=("center_id",)
        )[self.center]
        # County, two stations, two points.
        self.assertEqual(county["institution_count"], 5)
        self.assertEqual(county["agent_count"], 4)

    def test_disputes_found_and_resolved_per_level(self):
        Dispute = self.env["xinfang.dispute"].with_user(self.agent)
        values = {
            "unit_id": self.point.id,
            "description": "邻里漏水纠纷",
            "found_date": self.today - timedelta(days=3),
            "category_id": self.category.id,
        }
        resolved, _open = (
            Dispute.create(values),
            Dispute.create(dict(values, description="噪音")),
        )
        resolved.outcome = "双方达成调解协议"
        resolved.action_resolve()
        self._recount()
        measures = [
            "dispute_count:sum",
            "dispute_resolved_count:sum",
            "dispute_resolution_rate:avg",
        ]
        ((station, found, solved, rate),) = (
            self.env["xinfang.figure"]
            .with_user(self.leader)
            ._read_group(
                [("station_id", "=", self.station.id)], ["station_id"], measures
            )
        )
        self.assertEqual((station, found, solved, rate), (self.station, 2, 1, 50.0))
        # Out of the other station's sight.
        self.assertFalse(
            self.env["xinfang.figure"]
            .with_user(self.other_leader)
            .search([("kind", "=", "dispute")])
            .filtered(lambda r: r.unit_id == self.point)
        )

    def test_monthly_trend_by_category(self):
        self.new_case(received_date=self.today - timedelta(days=40))
        self.new_case(received_date=self.today - timedelta(days=2))
        self._recount()
        Figure = self.env["xinfang.figure"]
        groups = Figure._read_group(
            [("kind", "=", "case"), ("unit_id", "=", self.point.id)],
            ["date:month", "category_id"],
            ["petition_count:sum"],
        )
        self.assertEqual(sum(count for _month, _cat, count in groups), 2)
        self.assertTrue(all(cat == self.category for _month, cat, _count in groups))

    def test_a_unit_sees_the_figures_of_its_jurisdiction(self):
        self.new_case()
        self.env["xinfang.case"].sudo().create(
            {
                "summary": "东社区来访",
                "channel": "visit",
                "agency_unit_id": self.other_point.id,
                "received_date": self.today - timedelta(days=1),
            }
        )
        agent_view = self._figures(self.agent, groupby=("unit_id",))
        self.assertEqual(set(agent_view), {self.point})
        other_view = self._figures(self.other_leader)
        self.assertEqual(set(other_view), {self.other_station})
        self.assertEqual(other_view[self.other_station]["agent_count"], 1)
        # Asking for another jurisdiction by name returns nothing.
        self.assertFalse(
            self._figures(self.other_leader, [("unit_id", "=", self.point.id)])
        )

    def test_every_figure_opens_its_record_with_the_users_rights(self):
        case = self.new_case()
        self._recount()
        Figure = self.env["xinfang.figure"].with_user(self.leader)
        row = Figure.search(
            [("res_model", "=", "xinfang.case"), ("res_id", "=", case.id)]
        )
        action = row.action_open_record()
        self.assertEqual(
            (action["res_model"], action["res_id"]), ("xinfang.case", case.id)
        )
        rows = Figure.search([("kind", "=", "agent"), ("unit_id", "=", self.point.id)])
        action = rows.action_open_records()
        self.assertEqual(action["res_model"], "xinfang.agent")
        self.assertEqual(
            set(action["domain"][0][2]), set((self.agent_profile | self.volunteer).ids)
        )
        # The row of another jurisdiction is not there to open.
        self.assertFalse(
            self.env["xinfang.figure"]
            .with_user(self.other_leader)
            .search([("res_model", "=", "xinfang.case"), ("res_id", "=", case.id)])
        )
        with self.assertRaises(AccessError):
            row.with_user(self.other_leader).action_open_record()

    def test_accusation_sealed_from_the_accused_units_figures(self):
        accusation = self.new_case(
            summary="反映社区干部问题",
            petition_type="accusation",
            accused_unit_id=self.point.id,
        )
        self._recount()
        rows = [("res_id", "=", accusation.id), ("res_model", "=", "xinfang.case")]
        Figure = self.env["xinfang.figure"]
        # The accused point's own users do not count it; the units above do.
        self.assertFalse(Figure.with_user(self.agent).search(rows))
        self.assertTrue(Figure.with_user(self.leader).search(rows))
        self.assertTrue(Figure.with_user(self.county_leader).search(rows))

    def test_dashboard_pivots_read_for_a_leader(self):
        """What the spreadsheet asks for exists and answers within the rules."""
        self.new_case()
        self._recount()
        with file_open("xinfang_agency/data/files/xinfang_figures_dashboard.json") as f:
            dashboard = json.load(f)
        Figure = self.env["xinfang.figure"].with_user(self.leader)
        for pivot in dashboard["pivots"].values():
            self.assertEqual(pivot["model"], "xinfang.figure")
            measures = [
                f"{m['fieldName']}:{Figure._fields[m['fieldName']].aggregator}"
                for m in pivot["measures"]
            ]
            rows = [r["fieldName"] for r in pivot["rows"]]
            groups = Figure._read_group(pivot["domain"], rows, measures)
            self.assertTrue(groups, pivot["name"])
        record = self.env.ref("xinfang_agency.spreadsheet_dashboard_figures")
        self.assertEqual(
            json.loads(record.with_user(self.leader).spreadsheet_data)["pivots"],
            dashboard["pivots"],
        )

    def test_figures_count_a_new_case_once_recounted(self):
        """The figures are a snapshot: the scheduled action recounts them."""
        case = self.new_case()
        Figure = self.env["xinfang.figure"].with_user(self.leader)
        rows = [("case_id", "=", case.id)]
        self.assertFalse(Figure.search(rows))
        cron = self.env.ref("xinfang_agency.ir_cron_xinfang_refresh_figures")
        self.assertTrue(cron.active)
        cron.method_direct_trigger()
        self.assertEqual(Figure.search(rows).kind, "case")
        # The office and the leaders recount from the list; an agent does not.
        self.new_case(summary="第二件")
        with self.assertRaises(AccessError):
            self.env["xinfang.figure"].with_user(self.agent).action_refresh_figures()
        self.assertEqual(Figure.search_count([("kind", "=", "case")]), 1)
        action = Figure.search([], limit=1).action_refresh_figures()
        self.assertEqual(action["tag"], "soft_reload")
        self.assertEqual(Figure.search_count([("kind", "=", "case")]), 2)

    def test_case_turned_accusation_leaves_the_accused_figures_at_once(self):
        """Sealing is checked on the live case, not on the last recount."""
        case = self.new_case(summary="反映村干部优亲厚友")
        self._recount()
        rows = [("case_id", "=", case.id)]
        self.assertTrue(self.env["xinfang.figure"].with_user(self.agent).search(rows))
        case.sudo().write(
            {"petition_type": "accusation", "accused_unit_id": self.point.id}
        )
        # No recount: the accused point's users lose the row, in every read.
        Figure = self.env["xinfang.figure"].with_user(self.agent)
        self.assertFalse(Figure.search(rows))
        groups = Figure._read_group([("kind", "=", "case")], [], ["petition_count:sum"])
        self.assertEqual(groups, [(0,)])
        self.assertTrue(self.env["xinfang.figure"].with_user(self.leader).search(rows))
