from datetime import timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import MeetingCase


@tagged("post_install", "-at_install")
class TestMeetingFlow(MeetingCase):
    def test_reference_from_sequence(self):
        self.assertTrue(self.meeting.reference.startswith("纪要〔"))
        self.assertTrue(self.meeting.reference.endswith("号"))
        self.assertEqual(
            self.meeting.convener_id, self.convener, "chief convener by default"
        )

    def test_draft_held_approved_by_convener(self):
        meeting = self.meeting.with_user(self.secretary)
        meeting.action_hold()
        self.assertEqual(meeting.state, "held")
        # The secretary is not the convener: refused, nothing changes.
        with self.assertRaisesMsg(UserError, "Only the convener"):
            meeting.action_approve_minutes()
        self.assertEqual(self.meeting.state, "held")
        self.meeting.with_user(self.convener).action_approve_minutes()
        self.assertEqual(self.meeting.state, "approved")
        self.assertEqual(self.meeting.approved_by_id, self.convener)

    def test_cannot_approve_meeting_not_held(self):
        with self.assertRaisesMsg(UserError, "has not been held"):
            self.meeting.with_user(self.convener).action_approve_minutes()
        self.assertEqual(self.meeting.state, "draft")
        self.assertFalse(self.meeting.approved_by_id)

    def test_cannot_send_unapproved_minutes(self):
        self.meeting.action_hold()
        with self.assertRaisesMsg(UserError, "not approved"):
            self.meeting.with_user(self.secretary).action_send_minutes()
        self.assertEqual(self.meeting.state, "held")

    def test_approved_minutes_are_locked_and_not_deleted(self):
        decision = self._decision()
        self.meeting.action_hold()
        self.meeting.with_user(self.convener).action_approve_minutes()
        meeting = self.meeting.with_user(self.secretary)
        with self.assertRaises(UserError):
            meeting.unlink()
        with self.assertRaises(UserError):
            decision.with_user(self.secretary).unlink()
        with self.assertRaises(UserError):
            meeting.agenda_item_ids.unlink()
        minutes = self.meeting.minutes
        with self.assertRaisesMsg(UserError, "Minutes .* by hand"):
            meeting.write({"minutes": "<p>篡改</p>"})
        self.assertEqual(self.meeting.minutes, minutes)
        self.assertTrue(self.meeting.exists() and decision.exists())
        self.assertEqual(len(self.meeting.agenda_item_ids), 1)
        # Archiving stays possible.
        meeting.action_archive()
        self.assertFalse(self.meeting.active)

    def test_draft_meeting_without_decisions_can_be_deleted(self):
        meeting = self.meeting.copy({"name": "误建会议"})
        meeting.with_user(self.secretary).unlink()
        self.assertFalse(meeting.exists())

    def test_attendee_cannot_be_absent(self):
        from odoo.exceptions import ValidationError

        with self.assertRaisesMsg(ValidationError, "both present and absent"):
            self.meeting.write({"absentee_ids": [(4, self.convener.id)]})

    def test_meeting_date_after_decision_deadline_refused(self):
        from odoo.exceptions import ValidationError

        self._decision(deadline=self.today + timedelta(days=2))
        old_date = self.meeting.date
        with self.assertRaises(ValidationError):
            self.meeting.write({"date": self.meeting.date + timedelta(days=10)})
        self.assertEqual(self.meeting.date, old_date)

    def test_send_needs_district_office_address(self):
        self.meeting.action_hold()
        self.meeting.with_user(self.convener).action_approve_minutes()
        self.office.email = False
        with self.assertRaisesMsg(UserError, "district joint-meeting office"):
            self.meeting.with_user(self.secretary).action_send_minutes()
        self.assertEqual(self.meeting.state, "approved")
        self.assertFalse(
            self.env["mail.mail"].search(
                [("model", "=", "xinfang.meeting"), ("res_id", "=", self.meeting.id)]
            )
        )

    def test_convener_does_not_approve_minutes_they_recorded(self):
        # A convener who is also secretary records the minutes himself.
        self.convener.groups_id |= self.env.ref(
            "xinfang_meeting.group_xinfang_meeting_secretary"
        )
        meeting = self.meeting.with_user(self.secretary)
        meeting.action_hold()
        meeting.with_user(self.convener).write({"minutes": "<p>召集人自记</p>"})
        self.assertEqual(self.meeting.recorded_by_id, self.convener)
        with self.assertRaisesMsg(AccessError, "recorded the minutes"):
            self.meeting.with_user(self.convener).action_approve_minutes()
        self.assertEqual(self.meeting.state, "held")
        meeting.write({"minutes": "<p>秘书记录</p>"})
        self.meeting.with_user(self.convener).action_approve_minutes()
        self.assertEqual(self.meeting.state, "approved")

    def test_held_meeting_keeps_its_convener_date_and_state(self):
        meeting = self.meeting.with_user(self.secretary)
        meeting.action_hold()
        date = self.meeting.date
        for vals in (
            {"convener_id": self.secretary.id},
            {"date": date - timedelta(days=7)},
            {"state": "approved"},
            {"approved_by_id": self.secretary.id},
        ):
            with self.assertRaisesMsg(UserError, "by hand"):
                meeting.write(vals)
        self.assertEqual(
            (self.meeting.convener_id, self.meeting.date, self.meeting.state),
            (self.convener, date, "held"),
        )
        with self.assertRaisesMsg(UserError, "Only the convener"):
            meeting.action_approve_minutes()
        # The secretary still records the minutes of a held meeting.
        meeting.write({"minutes": "<p>纪要</p>"})
        self.assertEqual(self.meeting.minutes, "<p>纪要</p>")
