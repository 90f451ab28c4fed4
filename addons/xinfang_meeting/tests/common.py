from contextlib import contextmanager
from datetime import timedelta

from odoo import Command, fields
from odoo.tests import TransactionCase, new_test_user


class MeetingCase(TransactionCase):
    """Users per role, a joint meeting body, a case and a held meeting."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(
            context=dict(
                cls.env.context,
                mail_create_nolog=True,
                mail_notrack=True,
                no_reset_password=True,
            )
        )
        Unit = cls.env["xinfang.unit"]
        cls.station = Unit.create({"name": "测试街道", "unit_type": "station"})
        cls.point = Unit.create(
            {"name": "测试社区", "unit_type": "point", "parent_id": cls.station.id}
        )
        cls.point_other = Unit.create(
            {"name": "测试村", "unit_type": "point", "parent_id": cls.station.id}
        )
        cls.dept = Unit.create(
            {
                "name": "测试城建办",
                "unit_type": "department",
                "parent_id": cls.station.id,
            }
        )
        cls.dept_other = Unit.create(
            {
                "name": "测试社会事务办",
                "unit_type": "department",
                "parent_id": cls.station.id,
            }
        )
        cls.secretary = new_test_user(
            cls.env,
            "t_secretary",
            groups="xinfang_meeting.group_xinfang_meeting_secretary",
            name="测试秘书",
            email="secretary@example.com",
        )
        cls.secretary.xinfang_unit_id = cls.station
        cls.convener = new_test_user(
            cls.env,
            "t_convener",
            groups="xinfang_agency.group_xinfang_principal",
            name="测试召集人",
            email="convener@example.com",
        )
        cls.convener.xinfang_unit_id = cls.station
        cls.owner = new_test_user(
            cls.env,
            "t_owner",
            groups="xinfang_agency.group_xinfang_handler",
            name="测试承办人",
            email="owner@example.com",
        )
        cls.owner.xinfang_unit_id = cls.dept
        cls.other = new_test_user(
            cls.env,
            "t_other",
            groups="xinfang_agency.group_xinfang_handler",
            name="其他承办人",
            email="other@example.com",
        )
        cls.other.xinfang_unit_id = cls.dept_other
        cls.office = cls.env["res.partner"].create(
            {"name": "区联席办", "email": "district@example.com"}
        )
        cls.body = cls.env["xinfang.joint.meeting.body"].create(
            {
                "name": "测试联席会议",
                "unit_id": cls.station.id,
                "chief_convener_id": cls.convener.id,
                "member_unit_ids": [Command.set([cls.dept.id, cls.point.id])],
                "office_staff_ids": [Command.set([cls.secretary.id])],
                "district_office_partner_id": cls.office.id,
            }
        )
        cls.case = cls.env["xinfang.case"].create(
            {
                "summary": "测试案件：路灯不亮",
                "agency_unit_id": cls.point.id,
                "handling_unit_id": cls.dept.id,
            }
        )
        cls.today = cls.env.company._xinfang_today()
        cls.meeting = cls.env["xinfang.meeting"].create(
            {
                "name": "测试联席会议第一次会议",
                "body_id": cls.body.id,
                "date": fields.Datetime.now() - timedelta(days=1),
                "place": "测试会议室",
                "unit_id": cls.station.id,
                "chair_id": cls.convener.id,
                "attendee_ids": [Command.set([cls.convener.id, cls.secretary.id])],
                "attendee_unit_ids": [Command.set([cls.dept.id])],
                "agenda_item_ids": [
                    Command.create({"name": "路灯问题", "case_id": cls.case.id})
                ],
            }
        )

    @contextmanager
    def assertRaisesMsg(self, exception, pattern):
        """assertRaises (rolls back the savepoint) plus a check of the message."""
        with self.assertRaises(exception) as caught:
            yield caught
        self.assertRegex(str(caught.exception), pattern)

    def _decision(self, **vals):
        values = {
            "name": "修复路灯",
            "meeting_id": self.meeting.id,
            "case_id": self.case.id,
            "user_id": self.owner.id,
            "deadline": self.today + timedelta(days=7),
        }
        values.update(vals)
        return self.env["xinfang.meeting.decision"].create(values)
