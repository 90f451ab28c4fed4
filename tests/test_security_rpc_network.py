"""The agency network over JSON-RPC: figures, registry and duty roster as
each demo role. Each attack is asserted refused with nothing changed, next
to the legitimate role succeeding."""

from datetime import timedelta

from rpc_common import RpcCase

from odoo.tests import tagged

FIGURE_MEASURES = ["case_count:sum", "agent_count:sum", "institution_count:sum"]


@tagged("post_install", "-at_install")
class TestRpcNetwork(RpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.jiaotong = ref("xinfang_agency.unit_station_jiaotong")
        cls.xincheng = ref("xinfang_agency.unit_station_xincheng")
        cls.chunguang = ref("xinfang_agency.unit_point_chunguang")
        cls.xingfu = ref("xinfang_agency.unit_point_xingfu")
        cls.volunteer = ref("xinfang_agency.agent_grid_li")
        cls.today = cls.env.company._xinfang_today()
        cls.Holiday = cls.env["xinfang.holiday"]

    def _stations(self, login, domain=()):
        groups = self.rpc(
            login,
            "xinfang.figure",
            "read_group",
            list(domain),
            FIGURE_MEASURES,
            ["station_id"],
            lazy=False,
        )
        return {group["station_id"][0] for group in groups if group["station_id"]}

    def test_read_group_keeps_to_the_jurisdiction(self):
        # Control: the administrator sees both stations.
        self.assertLessEqual(
            {self.jiaotong.id, self.xincheng.id}, self._stations("admin")
        )
        self.assertEqual(self._stations("leader"), {self.jiaotong.id})
        self.assertEqual(self._stations("xincheng_head"), {self.xincheng.id})
        # Asking for the other station by name gives nothing.
        self.assertFalse(
            self._stations("chunguang_head", [("station_id", "=", self.jiaotong.id)])
        )
        units = self.rpc(
            "agent",
            "xinfang.figure",
            "read_group",
            [],
            ["agent_count:sum"],
            ["unit_id"],
            lazy=False,
        )
        self.assertEqual({group["unit_id"][0] for group in units}, {self.xingfu.id})

    def test_figures_of_another_jurisdiction_not_read_by_id(self):
        ids = (
            self.env["xinfang.figure"].search([("unit_id", "=", self.jiaotong.id)]).ids
        )
        self.assertTrue(ids)
        self.assertRefused(
            "chunguang_head", "xinfang.figure", "read", ids, ["unit_id", "kind"]
        )
        rows = self.rpc("leader", "xinfang.figure", "read", ids, ["unit_id"])
        self.assertEqual({row["unit_id"][0] for row in rows}, {self.jiaotong.id})

    def test_accusation_sealed_from_the_accused_in_every_read(self):
        """A case turned accusation leaves the accused point's figures before
        any recount: search, read_group, export and a domain naming the
        sealing field itself."""
        case = self.env["xinfang.case"].create(
            {
                "summary": "反映社区干部办事不公",
                "channel": "visit",
                "agency_unit_id": self.xingfu.id,
                "received_date": self.today,
            }
        )
        self.env["xinfang.figure"]._refresh_figures()
        row = [("case_id", "=", case.id)]
        self.assertTrue(self.rpc("agent", "xinfang.figure", "search", row))
        case.write({"petition_type": "accusation", "accused_unit_id": self.xingfu.id})
        self.env.flush_all()
        self.assertFalse(self.rpc("agent", "xinfang.figure", "search", row))
        for domain in (row, row + [("accusation_sealed", "=", True)]):
            groups = self.rpc(
                "agent",
                "xinfang.figure",
                "read_group",
                domain,
                ["petition_count:sum"],
                ["case_id"],
                lazy=False,
            )
            self.assertFalse(groups)
        self.assertRefused(
            "agent",
            "xinfang.figure",
            "export_data",
            self.env["xinfang.figure"].search(row).ids,
            ["case_id/summary"],
        )
        self.assertTrue(self.rpc("leader", "xinfang.figure", "search", row))

    def test_figures_are_read_only(self):
        row = self.env["xinfang.figure"].search(
            [("unit_id", "=", self.jiaotong.id)], limit=1
        )
        self.assertRefused(
            "clerk", "xinfang.figure", "write", row.ids, {"case_count": 999}
        )
        self.assertRefused("clerk", "xinfang.figure", "create", {"case_count": 999})

    def test_computed_training_hours_are_not_written(self):
        hours = self.volunteer.training_hours
        self.assertRefused(
            "clerk",
            "xinfang.agent",
            "write",
            self.volunteer.ids,
            {"training_hours": 999},
        )
        self.assertRefused(
            "clerk",
            "xinfang.agent",
            "write",
            self.volunteer.ids,
            {"training_count": 50},
        )
        self.volunteer.invalidate_recordset()
        self.assertEqual(self.volunteer.training_hours, hours)
        # Control: the office edits the phone.
        self.rpc(
            "clerk",
            "xinfang.agent",
            "write",
            self.volunteer.ids,
            {"phone": "15849770000"},
        )
        self.volunteer.invalidate_recordset()
        self.assertEqual(self.volunteer.phone, "15849770000")

    def test_training_registered_by_the_office_only(self):
        vals = {
            "topic": "越权登记的培训",
            "date": str(self.today - timedelta(days=3)),
            "hours": 2,
            "unit_id": self.xingfu.id,
            "agent_ids": [(6, 0, self.volunteer.ids)],
        }
        self.assertRefused("agent", "xinfang.training", "create", vals)
        self.assertRefused("xincheng_head", "xinfang.training", "create", vals)
        self.assertRefused("clerk", "xinfang.training", "create", dict(vals, hours=0))
        self.assertFalse(
            self.env["xinfang.training"].search([("topic", "=", "越权登记的培训")])
        )
        self.rpc("clerk", "xinfang.training", "create", vals)
        self.assertTrue(
            self.env["xinfang.training"].search([("topic", "=", "越权登记的培训")])
        )

    def test_duty_roster_attacks(self):
        day = self.today + timedelta(days=60)
        while not self.Holiday.is_working_day(day):
            day += timedelta(days=1)
        day_off = day + timedelta(days=1)
        while self.Holiday.is_working_day(day_off):
            day_off += timedelta(days=1)
        leader = self.env.ref("xinfang_agency.user_leader")
        vals = {"unit_id": self.jiaotong.id, "date": str(day), "leader_id": leader.id}
        self.assertRefused("leader", "xinfang.duty.roster", "create", vals)
        self.assertRefused(
            "clerk", "xinfang.duty.roster", "create", dict(vals, date=str(day_off))
        )
        self.assertRefused(
            "clerk",
            "xinfang.duty.roster",
            "create",
            dict(vals, unit_id=self.xincheng.id),
        )
        roster_id = self.rpc("clerk", "xinfang.duty.roster", "create", vals)
        self.assertRefused("clerk", "xinfang.duty.roster", "create", vals)
        self.assertRefused(
            "clerk", "xinfang.duty.roster", "write", [roster_id], {"active": False}
        )
        self.assertRefused(
            "leader", "xinfang.duty.roster", "write", [roster_id], {"note": "改"}
        )
        roster = self.env["xinfang.duty.roster"].browse(roster_id)
        self.assertTrue(roster.active)
        self.assertFalse(roster.note)
