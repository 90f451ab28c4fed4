"""Shared set-up of the warning, ownership, report and intake tests."""

from datetime import timedelta

from ..tools import gb11643
from .common import XinfangAgencyCommon

ID_WANG = gb11643.complete("15062619650412123")
ID_ZHAO = gb11643.complete("15062619780908456")


class WarningCommon(XinfangAgencyCommon):
    """The base's county with a head over the urban office (warnings are
    addressed to them), staff of the other street, a petitioner with an
    address and cases registered by the clerk with their handler set."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._add_dept_head()
        cls.other_handler = cls._user(
            "handler", cls.other_station, "w_other_handler", "外单位承办人"
        )
        cls.other_leader = cls._user(
            "leader", cls.other_station, "w_other_leader", "外单位领导"
        )
        cls.petitioner = cls.env["res.partner"].create(
            {
                "name": "王秀兰",
                "phone": "13804775678",
                "street": "幸福路8号",
                "xinfang_id_number": ID_WANG,
            }
        )
        cls.other_category = cls.env.ref("xinfang_agency.case_category_urban_housing")

    def new_case(self, **vals):
        values = {
            "summary": "小区雨污管道堵塞，污水外溢",
            "demands": "请求尽快疏通管道并修复路面",
            "received_date": self.today - timedelta(days=3),
            "handling_unit_id": self.dept.id,
            "handler_id": self.handler.id,
            "leader_id": self.leader.id,
        }
        values.update(vals)
        return self._create_case(**values)
