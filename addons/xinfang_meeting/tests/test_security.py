from datetime import timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import MeetingCase


@tagged("post_install", "-at_install")
class TestMeetingSecurity(MeetingCase):
    def test_member_unit_sees_meetings_it_attends(self):
        # self.dept attends self.meeting; self.dept_other does not.
        Meeting = self.env["xinfang.meeting"]
        self.assertIn(
            self.meeting, Meeting.with_user(self.owner).search([("active", "=", True)])
        )
        self.assertNotIn(
            self.meeting, Meeting.with_user(self.other).search([("active", "=", True)])
        )
        with self.assertRaises(AccessError):
            self.meeting.with_user(self.other).read(["name"])
        # Secretaries see everything.
        hidden = self.meeting.copy(
            {"name": "闭门会议", "attendee_unit_ids": [], "attendee_ids": []}
        )
        self.assertIn(
            hidden, Meeting.with_user(self.secretary).search([("active", "=", True)])
        )
        self.assertNotIn(
            hidden, Meeting.with_user(self.owner).search([("active", "=", True)])
        )

    def test_owner_sees_meeting_of_own_decision(self):
        self._decision(user_id=self.other.id)
        self.assertIn(
            self.meeting,
            self.env["xinfang.meeting"]
            .with_user(self.other)
            .search([("active", "=", True)]),
        )

    def test_decisions_owned_by_unit(self):
        mine = self._decision()
        theirs = self._decision(name="他人事项", user_id=self.other.id)
        Decision = self.env["xinfang.meeting.decision"]
        # The other unit's owner does not attend: sees only its own decision.
        visible = Decision.with_user(self.other).search(
            [("meeting_id", "=", self.meeting.id)]
        )
        self.assertEqual(visible, theirs)
        # The attending unit's owner reads both, but works only on its own.
        visible = Decision.with_user(self.owner).search(
            [("meeting_id", "=", self.meeting.id)]
        )
        self.assertEqual(visible, mine | theirs)
        with self.assertRaises(AccessError):
            theirs.with_user(self.owner).action_done()
        self.assertEqual(theirs.state, "open")
        mine.with_user(self.owner).action_done()
        self.assertEqual(mine.state, "done")

    def test_only_secretary_creates_meetings_and_decisions(self):
        with self.assertRaises(AccessError):
            self.env["xinfang.meeting"].with_user(self.owner).create(
                {"name": "未授权会议"}
            )
        with self.assertRaises(AccessError):
            self.env["xinfang.meeting.decision"].with_user(self.owner).create(
                {
                    "name": "自拟事项",
                    "user_id": self.owner.id,
                    "deadline": self.today + timedelta(days=3),
                }
            )
        meeting = (
            self.env["xinfang.meeting"]
            .with_user(self.secretary)
            .create({"name": "秘书建会", "body_id": self.body.id})
        )
        self.assertEqual(meeting.state, "draft")

    def test_owner_cannot_cancel_through_hold(self):
        # A plain handler cannot mark a meeting held (no write access).
        with self.assertRaises(AccessError):
            self.meeting.with_user(self.owner).action_hold()
        self.assertEqual(self.meeting.state, "draft")
        with self.assertRaises(UserError):
            self.meeting.with_user(self.owner).action_approve_minutes()

    def test_owner_reports_but_does_not_redefine(self):
        decision = self._decision()
        as_owner = decision.with_user(self.owner)
        deadline = decision.deadline
        with self.assertRaisesMsg(UserError, "Deadline .* by hand"):
            as_owner.write({"deadline": deadline + timedelta(days=30)})
        with self.assertRaisesMsg(UserError, "Responsible Person .* by hand"):
            as_owner.write({"user_id": self.other.id})
        with self.assertRaises(AccessError):
            as_owner.action_cancel()
        self.assertEqual(decision.deadline, deadline)
        self.assertEqual(decision.user_id, self.owner)
        self.assertEqual(decision.state, "open")
        as_owner.action_start()
        as_owner.action_done()
        self.assertEqual(decision.state, "done")
        with self.assertRaises(AccessError):
            as_owner.action_reopen()
        self.assertEqual(decision.state, "done")

    def test_agenda_follows_meeting_visibility(self):
        Item = self.env["xinfang.meeting.agenda.item"]
        domain = [("meeting_id", "=", self.meeting.id)]
        self.assertEqual(
            Item.with_user(self.owner).search(domain), self.meeting.agenda_item_ids
        )
        self.assertFalse(Item.with_user(self.other).search(domain))
