"""Shared set-up of the warning, ownership, report and intake tests."""

from datetime import timedelta

from odoo import fields
from odoo.tests import new_test_user

from ..tools import gb11643

make_id_number = gb11643.complete

ID_WANG = make_id_number("15062619650412123")
ID_ZHAO = make_id_number("15062619780908456")


class WarningSetupMixin:
    """Two stations with their own users; call ``_setup_warning_data(env)``."""

    @classmethod
    def _setup_warning_data(cls):
        cls.env = cls.env(context=dict(cls.env.context, mail_create_nosubscribe=True))
        Unit = cls.env["xinfang.unit"]
        cls.center = Unit.create(
            {"name": "预警测试县", "code": "W-C", "unit_type": "center"}
        )
        cls.station = Unit.create(
            {
                "name": "预警测试街道",
                "code": "W-ST",
                "unit_type": "station",
                "parent_id": cls.center.id,
            }
        )
        cls.point = Unit.create(
            {
                "name": "预警测试社区",
                "code": "W-PT",
                "unit_type": "point",
                "parent_id": cls.station.id,
            }
        )
        cls.dept = Unit.create(
            {
                "name": "预警测试城建办",
                "code": "W-DEP",
                "unit_type": "department",
                "parent_id": cls.station.id,
            }
        )
        cls.other_station = Unit.create(
            {
                "name": "另一街道",
                "code": "W-ST2",
                "unit_type": "station",
                "parent_id": cls.center.id,
            }
        )

        def user(login, group, unit, name):
            return new_test_user(
                cls.env,
                login=login,
                name=name,
                groups=f"xinfang_agency.{group}",
                xinfang_unit_id=unit.id,
            )

        cls.agent = user("w_agent", "group_xinfang_agent", cls.point, "代办员甲")
        cls.clerk = user("w_clerk", "group_xinfang_clerk", cls.station, "信访办乙")
        cls.head = user("w_head", "group_xinfang_handler", cls.dept, "城建办主任丙")
        cls.handler = user("w_handler", "group_xinfang_handler", cls.dept, "承办人丁")
        cls.leader = user("w_leader", "group_xinfang_leader", cls.station, "分管领导戊")
        cls.principal = user(
            "w_principal", "group_xinfang_principal", cls.station, "书记己"
        )
        cls.other_handler = user(
            "w_other_handler",
            "group_xinfang_handler",
            cls.other_station,
            "外单位承办人",
        )
        cls.other_leader = user(
            "w_other_leader", "group_xinfang_leader", cls.other_station, "外单位领导"
        )
        cls.dept.head_id = cls.head
        cls.petitioner = cls.env["res.partner"].create(
            {
                "name": "王秀兰",
                "phone": "13804775678",
                "street": "幸福路8号",
                "xinfang_id_number": ID_WANG,
            }
        )
        cls.category = cls.env.ref("xinfang_agency.case_category_urban_municipal")
        cls.other_category = cls.env.ref("xinfang_agency.case_category_urban_housing")
        cls.today = cls.env.company._xinfang_today()

    def new_case(self, **vals):
        values = {
            "summary": "小区雨污管道堵塞，污水外溢",
            "demands": "请求尽快疏通管道并修复路面",
            "channel": "visit",
            "received_date": self.today - timedelta(days=3),
            "petitioner_ids": [fields.Command.set(self.petitioner.ids)],
            "agency_unit_id": self.point.id,
            "handling_unit_id": self.dept.id,
            "handler_id": self.handler.id,
            "category_id": self.category.id,
            "leader_id": self.leader.id,
        }
        values.update(vals)
        return self.env["xinfang.case"].with_user(self.clerk).create(values)
