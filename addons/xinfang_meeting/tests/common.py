from contextlib import contextmanager
from datetime import timedelta

from odoo import Command, fields

from odoo.addons.xinfang_agency.tests.common import XinfangAgencyCommon


class MeetingCase(XinfangAgencyCommon):
    """Agency's county with a meeting secretary at the street, a second
    street office (测试社会事务办) with a handler of its own, a joint
    meeting body, a case and a held meeting."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Meeting tests assert decisions and activities, not the chatter.
        cls.env = cls.env(
            context=dict(cls.env.context, mail_create_nolog=True, mail_notrack=True)
        )
        cls._add_village()
        cls.point_other = cls.village
        cls.dept_other = cls._unit(
            "测试社会事务办", "T-MTG-DEP2", "department", cls.station
        )
        cls.secretary = cls._user(
            "xinfang_meeting.group_xinfang_meeting_secretary",
            cls.station,
            "t_secretary",
            "测试秘书",
        )
        # The street's principal convenes; the urban office's handler owns
        # the decisions.
        cls.convener = cls.principal
        cls.owner = cls.handler
        cls.other = cls._user(
            "handler", cls.dept_other, "t_other_handler", "其他承办人"
        )
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
