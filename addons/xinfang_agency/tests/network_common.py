"""Shared set-up of the network tests: the base's county with staff of the
second street and the county, and the agents' registry."""

from .case_flow_common import CaseFlowCommon


class NetworkCommon(CaseFlowCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_clerk = cls._user("clerk", cls.other_station, "net_other_clerk")
        cls.other_leader = cls._user("leader", cls.other_station, "net_other_leader")
        cls.county_leader = cls._user("leader", cls.center, "net_county_leader")
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
