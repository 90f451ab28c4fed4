"""The 排查 ledger and the grids (issue 14), attacked over JSON-RPC as each
demo role: a grid worker (刘晓燕, 幸福社区第一网格), an agent (幸福社区), a
leader and the petition office (交通街道), an agent of another station
(春光社区). Each refusal comes with its control."""

from datetime import timedelta

from rpc_common import RpcCase

from odoo import Command
from odoo.tests import tagged

from odoo.addons.xinfang_agency.tools import gb11643

ID_PARTY = gb11643.complete("15060219780412345")


@tagged("post_install", "-at_install")
class TestRpcGrassroots(RpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.today = cls.env.company._xinfang_today()
        cls.party = cls.env["res.partner"].create(
            {
                "name": "当事人钱某",
                "xinfang_id_number": ID_PARTY,
                "phone": "13912340000",
            }
        )
        Dispute = cls.env["xinfang.dispute"]

        def dispute(grid, unit, text):
            return Dispute.create(
                {
                    "grid_id": ref(f"xinfang_agency.{grid}").id,
                    "unit_id": ref(f"xinfang_agency.{unit}").id,
                    "description": text,
                    "household": "测试户",
                    "found_date": cls.today - timedelta(days=2),
                    "party_ids": [Command.set(cls.party.ids)],
                }
            )

        cls.mine = dispute("grid_xingfu_1", "unit_point_xingfu", "测试：第一网格纠纷")
        cls.sibling = dispute(
            "grid_xingfu_2", "unit_point_xingfu", "测试：第二网格纠纷"
        )
        cls.far = dispute(
            "grid_chunguang_1", "unit_point_chunguang", "测试：春光社区纠纷"
        )
        # The far dispute became a case of 春光社区.
        cls.far.with_user(ref("xinfang_agency.user_chunguang_head")).action_make_case()
        cls.mine.with_user(ref("xinfang_agency.user_agent")).action_make_case()
        for user in ("user_grid_worker", "user_agent", "user_clerk", "user_leader"):
            ref(f"xinfang_agency.{user}").groups_id |= ref("base.group_allow_export")

    def test_grid_worker_reads_their_grid_only(self):
        rows = self.rpc(
            "grid_worker",
            "xinfang.dispute",
            "search_read",
            [("description", "like", "测试：")],
            ["name", "grid_id"],
        )
        self.assertEqual([row["name"] for row in rows], [self.mine.name])
        self.assertRefused(
            "grid_worker", "xinfang.dispute", "read", self.sibling.ids, ["description"]
        )
        groups = self.rpc(
            "grid_worker",
            "xinfang.dispute",
            "read_group",
            [("description", "like", "测试：")],
            ["unit_id"],
            ["unit_id"],
        )
        self.assertEqual(sum(g["unit_id_count"] for g in groups), 1)
        cases = self.rpc(
            "grid_worker",
            "xinfang.case",
            "search_read",
            [("channel", "=", "screening")],
            ["name", "grid_id"],
        )
        grid = self.env.ref("xinfang_agency.grid_xingfu_1")
        self.assertTrue(cases)
        self.assertTrue(all(case["grid_id"][0] == grid.id for case in cases))
        self.assertRefused(
            "grid_worker", "xinfang.case", "read", self.far.case_id.ids, ["summary"]
        )
        grids = self.rpc("grid_worker", "xinfang.grid", "search_read", [], ["name"])
        self.assertEqual([g["id"] for g in grids], grid.ids)
        # Control: the office sees both grids of the point.
        office = self.rpc(
            "clerk",
            "xinfang.dispute",
            "search_read",
            [("description", "like", "测试：")],
            ["name"],
        )
        self.assertEqual(
            {row["name"] for row in office}, {self.mine.name, self.sibling.name}
        )

    def test_export_through_the_case_follows_the_rules(self):
        path = ["name", "case_id/petitioner_ids/name", "party_ids/xinfang_id_number"]
        # Not import-compatible: many2many subfields are exported, not names.
        raw = {"import_compat": False}
        self.assertRefused(
            "grid_worker",
            "xinfang.dispute",
            "export_data",
            self.sibling.ids,
            path,
            context=raw,
        )
        self.assertRefused(
            "agent", "xinfang.dispute", "export_data", self.far.ids, path, context=raw
        )
        self.assertRefused(
            "leader", "xinfang.dispute", "export_data", self.far.ids, path, context=raw
        )
        rows = self.rpc(
            "grid_worker",
            "xinfang.dispute",
            "export_data",
            self.mine.ids,
            path,
            context=raw,
        )["datas"]
        self.assertEqual(rows[0][:2], [self.mine.name, "当事人钱某"])
        self.assertNotEqual(rows[0][2], ID_PARTY, "no personal data for a grid worker")
        # Control: the office reads the whole row.
        office = self.rpc(
            "clerk", "xinfang.dispute", "export_data", self.mine.ids, path, context=raw
        )
        self.assertEqual(office["datas"][0], [self.mine.name, "当事人钱某", ID_PARTY])

    def test_related_records_follow_the_grid(self):
        principal = self.env.ref("xinfang_agency.user_principal")
        Signoff = self.env["xinfang.case.signoff"]
        mine, far = (
            Signoff.create(
                {
                    "case_id": case.id,
                    "kind": "assign",
                    "decision": "signed",
                    "user_id": principal.id,
                }
            )
            for case in (self.mine.case_id, self.far.case_id)
        )
        path = ["case_id/summary", "case_id/petitioner_ids/name"]
        self.assertRefused(
            "grid_worker",
            "xinfang.case.signoff",
            "export_data",
            far.ids,
            path,
            context={"import_compat": False},
        )
        self.assertEqual(
            self.rpc(
                "grid_worker",
                "xinfang.case.signoff",
                "search_read",
                [("id", "in", (mine | far).ids)],
                ["case_id"],
            ),
            [
                {
                    "id": mine.id,
                    "case_id": [self.mine.case_id.id, self.mine.case_id.display_name],
                }
            ],
        )
        self.assertRefused(
            "grid_worker",
            "xinfang.case.signoff",
            "write",
            mine.ids,
            {"decision": "returned"},
        )
        self.assertEqual(self.fresh(mine).decision, "signed")

    def test_state_and_links_are_not_written_over_rpc(self):
        for login in ("grid_worker", "agent", "leader", "clerk"):
            for vals in (
                {"state": "resolved"},
                {"state": "case"},
                {"case_id": self.far.case_id.id},
                {"deadline_date": str(self.today)},
                {"found_by_id": self.env.ref("xinfang_agency.user_clerk").id},
            ):
                self.assertRefused(
                    login, "xinfang.dispute", "write", self.sibling.ids, vals
                )
        self.assertRefused(
            "agent",
            "xinfang.case",
            "write",
            self.mine.case_id.ids,
            {"dispute_id": self.sibling.id},
        )
        sibling = self.fresh(self.sibling)
        self.assertEqual(
            (sibling.state, sibling.case_id), ("open", self.env["xinfang.case"])
        )
        self.assertEqual(self.fresh(self.mine).case_id.dispute_id, self.mine)
        # A context default is a value like any other.
        self.assertRefused(
            "agent",
            "xinfang.dispute",
            "create",
            {"description": "测试：默认已化解", "household": "x"},
            context={"default_state": "resolved"},
        )
        self.assertFalse(
            self.env["xinfang.dispute"].search(
                [("description", "=", "测试：默认已化解")]
            )
        )

    def test_grid_worker_cannot_take_the_agent_steps(self):
        self.assertRefused(
            "grid_worker",
            "xinfang.dispute",
            "action_make_case",
            self.fresh(self.mine).ids,
        )
        worker_new = self.rpc(
            "grid_worker",
            "xinfang.dispute",
            "create",
            {
                "description": "测试：网格员新发现",
                "household": "幸福社区1号楼",
                "grid_id": self.env.ref("xinfang_agency.grid_xingfu_1").id,
            },
        )
        self.assertRefused(
            "grid_worker", "xinfang.dispute", "action_make_case", [worker_new]
        )
        self.assertRefused(
            "grid_worker",
            "xinfang.dispute",
            "create",
            {
                "description": "测试：越界登记",
                "household": "春光小区",
                "grid_id": self.env.ref("xinfang_agency.grid_chunguang_1").id,
            },
        )
        self.rpc(
            "grid_worker",
            "xinfang.dispute",
            "write",
            [worker_new],
            {"outcome": "测试：当场调解成功"},
        )
        self.rpc("grid_worker", "xinfang.dispute", "action_resolve", [worker_new])
        resolved = self.env["xinfang.dispute"].browse(worker_new)
        self.assertEqual(self.fresh(resolved).state, "resolved")
        self.assertRefused(
            "grid_worker",
            "xinfang.dispute",
            "write",
            [worker_new],
            {"outcome": "测试：事后改写"},
        )
