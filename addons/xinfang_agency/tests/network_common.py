"""Shared set-up of the network tests: the flow's unit tree plus a second
station with its own point, office and leader, agents and a training."""

from odoo.tests import new_test_user

from .case_flow_common import CaseFlowCommon


class NetworkCommon(CaseFlowCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Unit = cls.env["xinfang.unit"]
        cls.other_station = Unit.create(
            {
                "name": "测试东街道",
                "code": "T-NET-EST",
                "unit_type": "station",
                "parent_id": cls.center.id,
            }
        )
        cls.other_point = Unit.create(
            {
                "name": "测试东社区",
                "code": "T-NET-EPT",
                "unit_type": "point",
                "parent_id": cls.other_station.id,
            }
        )
        cls.other_clerk = new_test_user(
            cls.env,
            login="net_other_clerk",
            groups="xinfang_agency.group_xinfang_clerk",
            xinfang_unit_id=cls.other_station.id,
        )
        cls.other_leader = new_test_user(
            cls.env,
            login="net_other_leader",
            groups="xinfang_agency.group_xinfang_leader",
            xinfang_unit_id=cls.other_station.id,
        )
        cls.county_leader = new_test_user(
            cls.env,
            login="net_county_leader",
            groups="xinfang_agency.group_xinfang_leader",
            xinfang_unit_id=cls.center.id,
        )
        Agent = cls.env["xinfang.agent"].with_user(cls.clerk)
        cls.agent_profile = Agent.create(
            {
                "name": "陈代办",
                "user_id": cls.agent.id,
                "unit_id": cls.point.id,
                "phone": "13800001111",
                "employment": "full_time",
                "background": "cadre",
            }
        )
        cls.volunteer = Agent.create(
            {
                "name": "刘代表",
                "unit_id": cls.point.id,
                "phone": "13800002222",
                "employment": "part_time",
                "background": "representative",
            }
        )
        cls.station_agent = Agent.create(
            {
                "name": "王站长",
                "unit_id": cls.station.id,
                "phone": "13800003333",
                "employment": "full_time",
                "background": "cadre",
            }
        )
        cls.other_agent = (
            cls.env["xinfang.agent"]
            .with_user(cls.other_clerk)
            .create(
                {
                    "name": "东社区代办员",
                    "unit_id": cls.other_point.id,
                    "employment": "part_time",
                    "background": "lawyer",
                }
            )
        )
