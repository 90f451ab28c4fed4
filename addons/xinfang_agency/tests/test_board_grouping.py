from odoo.tests import tagged

from ..models.xinfang_case import BOARD_INDEX
from .case_flow_common import CaseFlowCommon


@tagged("post_install", "-at_install")
class TestBoardGrouping(CaseFlowCommon):
    """The kanban columns and pivot rows of the cases, grouped by a
    many2one, come in the comodel's order although grouped by the foreign
    key alone (issue 16), and the boards' covering index exists."""

    def setUp(self):
        super().setUp()
        # Three handling units whose ids do not follow their full names,
        # and a case without one.
        self.units = self.env["xinfang.unit"]
        for name, code in (
            ("丙办", "T-GRP-C"),
            ("甲办", "T-GRP-A"),
            ("乙办", "T-GRP-B"),
        ):
            self.units |= self._unit(name, code, "department", self.station)
        self.cases = self.env["xinfang.case"]
        for unit in [*self.units, self.units[0]]:
            case = self._create_case()
            # Straight in the table: the handling unit is the flow's to set.
            self.env.cr.execute(
                "UPDATE xinfang_case SET handling_unit_id = %s WHERE id = %s",
                (unit.id, case.id),
            )
            self.cases |= case
        self.cases |= self._create_case()
        self.cases.invalidate_recordset()

    def _group_keys(self, groupby, orderby=None):
        groups = self.env["xinfang.case"].read_group(
            [("id", "in", self.cases.ids)],
            ["__count"],
            [groupby],
            orderby=orderby,
            lazy=False,
        )
        return [(g[groupby] and g[groupby][0], g["__count"]) for g in groups]

    def test_units_in_full_name_order(self):
        # The units' own order (complete_name), as the database collates it.
        by_name = self.units.search([("id", "in", self.units.ids)])
        self.assertNotEqual(by_name.ids, sorted(by_name.ids))
        counts = {self.units[0].id: 2, self.units[1].id: 1, self.units[2].id: 1}
        expected = [(unit.id, counts[unit.id]) for unit in by_name] + [(False, 1)]
        self.assertEqual(self._group_keys("handling_unit_id"), expected)
        self.assertEqual(
            self._group_keys("handling_unit_id", "handling_unit_id desc"),
            expected[::-1],
        )

    def test_stages_in_sequence_order(self):
        stages = self.env["xinfang.case.stage"].search([])
        keys = [stage_id for stage_id, _count in self._group_keys("stage_id")]
        self.assertEqual(keys, [s.id for s in stages if s.id in keys])

    def test_grouped_by_the_foreign_key_alone(self):
        # No join of the units: their full names are looked up per group.
        with self.assertQueriesContain(
            [
                """GROUP BY "xinfang_case"."handling_unit_id"
                ORDER BY (SELECT "group_order"."complete_name"
                    FROM "xinfang_unit" AS "group_order"
                    WHERE "group_order"."id" = "xinfang_case"."handling_unit_id") ASC"""
            ],
            flush=False,
        ):
            # As the pivot asks (read_group orders by the groupby).
            self.env["xinfang.case"].sudo().read_group(
                [("id", "in", self.cases.ids)],
                ["__count"],
                ["handling_unit_id"],
                lazy=False,
            )

    def test_board_index_covers_the_rules(self):
        self.env.cr.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = %s", (BOARD_INDEX,)
        )
        definition = self.env.cr.fetchone()[0]
        self.assertIn("WHERE active", definition)
        for column in ("stage_id", "handling_unit_id", "petition_type", "agent_id"):
            self.assertIn(column, definition)
