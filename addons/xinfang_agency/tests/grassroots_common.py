"""Shared set-up of the grassroots tests: units, grids, one user per role."""

from datetime import timedelta

from .case_flow_common import CaseFlowCommon


class GrassrootsCommon(CaseFlowCommon):
    """The base's county with areas of responsibility under the community,
    a grid of the village, and a grid worker in each."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._add_village()
        Grid = cls.env["xinfang.grid"]
        cls.street_area = Grid.create(
            {"name": "测试街道民情责任区", "level": "street", "unit_id": cls.station.id}
        )
        cls.community_area = Grid.create(
            {
                "name": "测试社区民情责任区",
                "level": "community",
                "parent_id": cls.street_area.id,
                "unit_id": cls.point.id,
            }
        )
        cls.grid = Grid.create(
            {
                "name": "第一网格",
                "level": "grid",
                "parent_id": cls.community_area.id,
                "unit_id": cls.point.id,
                "household_count": 312,
            }
        )
        cls.grid_two = Grid.create(
            {
                "name": "第二网格",
                "level": "grid",
                "parent_id": cls.community_area.id,
                "unit_id": cls.point.id,
                "household_count": 287,
            }
        )
        cls.other_grid = Grid.create(
            {
                "name": "测试村第一网格",
                "level": "grid",
                "unit_id": cls.village.id,
                "household_count": 190,
            }
        )
        cls.grid_worker = cls._user("grid_worker", login="grid_worker_one")
        cls.other_worker = cls._user("grid_worker", login="grid_worker_other")
        cls.grid.worker_ids = cls.grid_worker
        cls.other_grid.worker_ids = cls.other_worker
        cls.other_agent = cls._user("agent", cls.village, "flow_agent_other")

    def new_dispute(self, user=None, **vals):
        values = {
            "grid_id": self.grid.id,
            "unit_id": self.point.id,
            "household": "幸福里小区3栋2单元501室",
            "party_names": "张某某与李某某",
            "kind": "neighbourhood",
            "risk_level": "medium",
            "description": (
                "楼上住户装修噪音扰民，双方多次争吵。\n楼下住户称将去街道上访。"
            ),
            "found_date": self.today - timedelta(days=1),
        }
        values.update(vals)
        return self.env["xinfang.dispute"].with_user(user or self.agent).create(values)
