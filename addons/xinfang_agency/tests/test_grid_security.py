from lxml import etree

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .grassroots_common import GrassrootsCommon


@tagged("post_install", "-at_install")
class TestGridSecurity(GrassrootsCommon):
    """Who sees which disputes, grids and cases: a grid worker their grids
    and nothing else; agents, leaders and the office their jurisdiction."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mine = cls.env["xinfang.dispute"].create(
            {
                "unit_id": cls.point.id,
                "grid_id": cls.grid.id,
                "description": "第一网格的纠纷",
            }
        )
        cls.sibling = cls.env["xinfang.dispute"].create(
            {
                "unit_id": cls.point.id,
                "grid_id": cls.grid_two.id,
                "description": "第二网格的纠纷",
            }
        )
        cls.gridless = cls.env["xinfang.dispute"].create(
            {"unit_id": cls.point.id, "description": "未落网格的纠纷"}
        )
        cls.elsewhere = cls.env["xinfang.dispute"].create(
            {
                "unit_id": cls.village.id,
                "grid_id": cls.other_grid.id,
                "description": "测试村的纠纷",
            }
        )
        cls.all_disputes = cls.mine | cls.sibling | cls.gridless | cls.elsewhere
        cls.case_in_grid = cls.new_case_as_root(
            grid_id=cls.grid.id, summary="网格内的信访事项"
        )
        cls.case_outside = cls.new_case_as_root(summary="网格外的信访事项")

    @classmethod
    def new_case_as_root(cls, **vals):
        return cls.env["xinfang.case"].create(
            dict({"channel": "visit", "agency_unit_id": cls.point.id}, **vals)
        )

    def visible(self, user, records):
        return records.with_user(user).search([("id", "in", records.ids)])

    def test_grid_worker_sees_their_grid_and_nothing_else(self):
        worker = self.grid_worker
        self.assertEqual(self.visible(worker, self.all_disputes), self.mine)
        self.assertEqual(
            self.visible(worker, self.case_in_grid | self.case_outside),
            self.case_in_grid,
        )
        self.assertEqual(
            self.env["xinfang.grid"].with_user(worker).search([]), self.grid
        )
        with self.assertRaises(AccessError):
            self.sibling.with_user(worker).read(["description"])
        with self.assertRaises(AccessError):
            self.case_outside.with_user(worker).read(["summary"])
        # Counting by group reveals nothing outside the grid either.
        groups = (
            self.env["xinfang.dispute"]
            .with_user(worker)
            ._read_group([], ["unit_id"], ["__count"])
        )
        self.assertEqual(sum(count for _unit, count in groups), 1)

    def test_grid_worker_cannot_record_outside_their_grid(self):
        with self.assertRaises(AccessError):
            self.new_dispute(user=self.grid_worker, grid_id=self.grid_two.id)
        with self.assertRaises(AccessError):
            self.new_dispute(user=self.grid_worker, grid_id=False)
        with self.assertRaises(AccessError):
            self.mine.with_user(self.grid_worker).grid_id = self.grid_two
        self.assertEqual(self.mine.grid_id, self.grid)

    def test_grid_worker_reads_cases_but_writes_none(self):
        case = self.case_in_grid.with_user(self.grid_worker)
        self.assertEqual(case.summary, "网格内的信访事项")
        with self.assertRaises(AccessError):
            case.summary = "改写"
        with self.assertRaises(AccessError):
            self.env["xinfang.case"].with_user(self.grid_worker).create(
                {"summary": "网格员登记", "grid_id": self.grid.id}
            )

    def test_grid_worker_opens_the_form_of_a_case_of_their_grid(self):
        case = self.to_handling(grid_id=self.grid.id)
        Case = self.env["xinfang.case"].with_user(self.grid_worker)
        arch = etree.fromstring(
            Case.get_views([(False, "form")])["views"]["form"]["arch"]
        )
        spec = {}
        for node in arch.iter("field"):
            field = Case._fields.get(node.get("name"))
            if field:
                spec[field.name] = (
                    {"fields": {"display_name": {}}} if field.relational else {}
                )
        data = case.with_user(self.grid_worker).web_read(spec)[0]
        self.assertEqual(len(data["signoff_ids"]), 1, "the assignment sign-off")
        self.assertEqual(data["grid_id"]["id"], self.grid.id)
        # Personal data stays masked: a grid worker is no petition office.
        partner = case.petitioner_ids.with_user(self.grid_worker)
        self.assertFalse(partner.xinfang_can_see_identity)
        self.assertNotEqual(
            partner.xinfang_id_number, case.petitioner_ids.xinfang_id_number
        )
        # Nothing of the other grid's cases, by the related records either.
        other = self.to_handling(grid_id=self.grid_two.id)
        self.assertFalse(
            self.env["xinfang.case.signoff"]
            .with_user(self.grid_worker)
            .search([("case_id", "=", other.id)])
        )

    def test_a_case_cannot_be_put_in_a_grid_elsewhere(self):
        case = self.new_case()
        with self.assertRaises(ValidationError):
            case.with_user(self.agent).grid_id = self.other_grid
        self.assertFalse(self.visible(self.other_worker, case))
        case.with_user(self.agent).grid_id = self.grid_two
        self.assertEqual(case.grid_id, self.grid_two)

    def test_area_worker_sees_the_grids_below(self):
        area_worker = self._user("grid_worker", login="grid_area_worker")
        self.community_area.worker_ids = area_worker
        self.assertEqual(
            self.visible(area_worker, self.all_disputes), self.mine | self.sibling
        )
        # Taken off the area, the worker loses it at once.
        self.community_area.worker_ids = False
        self.assertFalse(self.visible(area_worker, self.all_disputes))

    def test_agent_sees_their_jurisdiction(self):
        self.assertEqual(
            self.visible(self.agent, self.all_disputes),
            self.mine | self.sibling | self.gridless,
        )
        self.assertEqual(
            self.visible(self.other_agent, self.all_disputes), self.elsewhere
        )
        with self.assertRaises(AccessError):
            self.new_dispute(user=self.other_agent)

    def test_leader_and_office_see_the_station(self):
        self.assertEqual(
            self.visible(self.leader, self.all_disputes), self.all_disputes
        )
        self.assertEqual(self.visible(self.clerk, self.all_disputes), self.all_disputes)
        # The leader names who answers for it, never its state or content.
        self.mine.with_user(self.leader).responsible_unit_id = self.dept
        with self.assertRaises(UserError):
            self.mine.with_user(self.leader).description = "改写"

    def test_handler_sees_what_their_unit_answers_for(self):
        self.assertFalse(self.visible(self.handler, self.all_disputes))
        self.sibling.with_user(self.clerk).responsible_unit_id = self.dept
        self.assertEqual(self.visible(self.handler, self.all_disputes), self.sibling)
        with self.assertRaises(AccessError):
            self.sibling.with_user(self.handler).measures = "承办单位改写"

    def test_plain_user_sees_no_dispute(self):
        plain = self._user("base.group_user", login="grid_plain_user")
        with self.assertRaises(AccessError):
            self.env["xinfang.dispute"].with_user(plain).search([])

    def test_demo_grid_worker_lands_on_the_disputes_of_their_grid(self):
        worker = self.env.ref("xinfang_agency.user_grid_worker")
        self.assertEqual(
            worker.action_id.id,
            self.env.ref("xinfang_agency.xinfang_dispute_action_home_grid_worker").id,
        )
        visible = self.env(user=worker)["ir.ui.menu"]._visible_menu_ids()
        ref = self.env.ref
        self.assertIn(ref("xinfang_agency.menu_xinfang_dispute").id, visible)
        self.assertIn(ref("xinfang_agency.menu_xinfang_case").id, visible)
        for hidden in (
            "menu_xinfang_config",
            "menu_xinfang_case_signoff",
            "menu_xinfang_petitioner",
        ):
            self.assertNotIn(ref(f"xinfang_agency.{hidden}").id, visible, hidden)
        disputes = self.env["xinfang.dispute"].with_user(worker).search([])
        self.assertTrue(disputes)
        self.assertEqual(disputes.grid_id, ref("xinfang_agency.grid_xingfu_1"))
