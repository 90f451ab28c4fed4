from datetime import timedelta

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import MeetingCase


@tagged("post_install", "-at_install")
class TestDecision(MeetingCase):
    def _activities(self, decision):
        return self.env["mail.activity"].search(
            [("res_model", "=", decision._name), ("res_id", "=", decision.id)]
        )

    def test_open_decision_is_an_activity_of_its_owner(self):
        decision = self._decision()
        activity = self._activities(decision)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.owner)
        self.assertEqual(activity.date_deadline, decision.deadline)
        self.assertEqual(
            activity.activity_type_id,
            self.env.ref("xinfang_meeting.mail_activity_type_decision"),
        )
        self.assertEqual(decision.unit_id, self.dept, "unit taken from the owner")
        # Changing owner and deadline moves the activity.
        decision.write(
            {"user_id": self.other.id, "deadline": self.today + timedelta(days=9)}
        )
        self.assertEqual(activity.user_id, self.other)
        self.assertEqual(activity.date_deadline, self.today + timedelta(days=9))

    def test_owner_marks_done_closes_activity(self):
        decision = self._decision()
        decision.with_user(self.owner).action_done()
        self.assertEqual(decision.state, "done")
        self.assertEqual(decision.done_date, self.today)
        self.assertFalse(self._activities(decision))
        done_messages = decision.message_ids.filtered(
            lambda m: m.mail_activity_type_id
            == self.env.ref("xinfang_meeting.mail_activity_type_decision")
        )
        self.assertTrue(done_messages, "action_feedback logs the done activity")

    def test_cancel_cancels_activity_and_reopen_reschedules(self):
        decision = self._decision()
        decision.with_user(self.secretary).action_cancel()
        self.assertEqual(decision.state, "cancelled")
        self.assertFalse(self._activities(decision))
        decision.with_user(self.secretary).action_reopen()
        self.assertEqual(len(self._activities(decision)), 1)

    def test_decision_needs_owner_and_deadline(self):
        Decision = self.env["xinfang.meeting.decision"]
        before = Decision.search_count([])
        with self.assertRaisesMsg(ValidationError, "responsible person"):
            self._decision(user_id=False)
        with self.assertRaisesMsg(ValidationError, "deadline"):
            self._decision(deadline=False)
        self.assertEqual(Decision.search_count([]), before)

    def test_deadline_before_meeting_refused(self):
        with self.assertRaisesMsg(ValidationError, "before the meeting"):
            self._decision(deadline=self.today - timedelta(days=5))
        self.assertFalse(
            self.env["xinfang.meeting.decision"].search(
                [("meeting_id", "=", self.meeting.id)]
            )
        )

    def test_progress_note_moves_to_in_progress(self):
        decision = self._decision()
        decision.with_user(self.owner).write(
            {"note_ids": [(0, 0, {"note": "已联系供电公司"})]}
        )
        self.assertEqual(decision.state, "progress")
        self.assertEqual(decision.note_ids.user_id, self.owner)

    def test_overdue_and_urged_once_per_day(self):
        meeting = self.meeting
        meeting.date = meeting.date - timedelta(days=20)
        late = self._decision(deadline=self.today - timedelta(days=3))
        on_time = self._decision(name="按期事项")
        done = self._decision(name="已办结", deadline=self.today - timedelta(days=3))
        done.action_done()
        self.assertTrue(late.is_overdue)
        self.assertFalse(on_time.is_overdue)
        self.assertFalse(done.is_overdue)
        Decision = self.env["xinfang.meeting.decision"]
        overdue = Decision.search(
            [("is_overdue", "=", True), ("meeting_id", "=", meeting.id)]
        )
        self.assertEqual(overdue, late)
        not_overdue = Decision.search(
            [("is_overdue", "=", False), ("meeting_id", "=", meeting.id)]
        )
        self.assertEqual(not_overdue, on_time | done)

        urged = Decision._cron_urge_overdue()
        self.assertIn(late, urged)
        self.assertNotIn(on_time, urged)
        self.assertNotIn(done, urged)
        self.assertEqual(late.last_urge_date, self.today)
        messages = late.message_ids.filtered(
            lambda m: "Overdue since" in (m.body or "")
        )
        self.assertEqual(len(messages), 1)
        # The owner gets one message listing their overdue decisions.
        digests = self._owner_digests()
        self.assertEqual(len(digests), 1)
        self.assertIn(f'data-oe-id="{late.id}"', str(digests.body))
        self.assertNotIn(f'data-oe-id="{on_time.id}"', str(digests.body))
        # Same day again: not urged twice.
        urged_again = Decision._cron_urge_overdue()
        self.assertNotIn(late, urged_again)
        messages = late.message_ids.filtered(
            lambda m: "Overdue since" in (m.body or "")
        )
        self.assertEqual(len(messages), 1)
        self.assertEqual(self._owner_digests(), digests)

    def _owner_digests(self):
        return self.env["mail.message"].search(
            [
                ("model", "=", False),
                ("subject", "like", "Overdue decisions"),
                ("notification_ids.res_partner_id", "=", self.owner.partner_id.id),
            ]
        )

    def test_one_digest_per_owner_and_day(self):
        self.meeting.date = self.meeting.date - timedelta(days=20)
        late = [
            self._decision(
                name=f"逾期事项{index}", deadline=self.today - timedelta(days=2)
            )
            for index in range(3)
        ]
        self.env["xinfang.meeting.decision"]._cron_urge_overdue()
        digest = self._owner_digests()
        self.assertEqual(len(digest), 1)
        self.assertEqual(digest.subject, "Overdue decisions: 3")
        for decision in late:
            self.assertIn(decision.name, str(digest.body))

    def test_board_shows_every_status(self):
        self._decision()
        groups = self.env["xinfang.meeting.decision"].web_read_group(
            [("meeting_id", "=", self.meeting.id)], ["state"], ["state"]
        )["groups"]
        self.assertEqual(
            [g["state"] for g in groups], ["open", "progress", "done", "cancelled"]
        )

    def test_progress_report_counts_by_unit(self):
        first = self._decision()
        second = self._decision(name="第二项")
        third = self._decision(name="第三项", user_id=self.other.id)
        second.action_done()
        report = self.env["report.xinfang_meeting.report_decision_progress"]
        rows = {
            row["unit"]: row for row in report._progress_rows(first | second | third)
        }
        self.assertEqual(rows[self.dept]["counts"]["open"], 1)
        self.assertEqual(rows[self.dept]["counts"]["done"], 1)
        self.assertEqual(rows[self.dept]["total"], 2)
        self.assertEqual(rows[self.dept_other]["counts"]["open"], 1)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "xinfang_meeting.action_report_decision_progress",
                (first | second | third).ids,
            )[0]
            .decode()
        )
        self.assertIn("测试城建办", html)
        self.assertIn("第三项", html)

    def test_scheduled_action_urges(self):
        self.meeting.date = self.meeting.date - timedelta(days=20)
        late = self._decision(deadline=self.today - timedelta(days=1))
        cron = self.env.ref("xinfang_meeting.ir_cron_urge_overdue_decisions")
        self.assertTrue(cron.active)
        self.assertEqual((cron.interval_number, cron.interval_type), (1, "days"))
        cron.method_direct_trigger()
        self.assertEqual(late.last_urge_date, self.today)
