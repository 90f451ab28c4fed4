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

    def _urge(self):
        """The agency's one urging job, as the scheduler runs it."""
        self.env.ref(
            "xinfang_agency.ir_cron_xinfang_urge_overdue"
        ).method_direct_trigger()
        self.env.invalidate_all()

    def test_overdue_and_urged_once_per_due_date(self):
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

        self._urge()
        self.assertEqual(late.last_urge_date, self.today)
        self.assertFalse(on_time.last_urge_date or done.last_urge_date)
        messages = late.message_ids.filtered(
            lambda m: "Overdue since" in (m.body or "")
        )
        self.assertEqual(len(messages), 1)
        # The owner gets one message listing their overdue decisions.
        digests = self._owner_digests()
        self.assertEqual(len(digests), 1)
        self.assertIn(f'data-oe-id="{late.id}"', str(digests.body))
        self.assertNotIn(f'data-oe-id="{on_time.id}"', str(digests.body))
        # No urging activity: the owner's follow-up activity is the overdue one.
        self.assertEqual(len(self._activities(late)), 1)
        # Next run, same deadline: not urged twice.
        self._urge()
        messages = late.message_ids.filtered(
            lambda m: "Overdue since" in (m.body or "")
        )
        self.assertEqual(len(messages), 1)
        self.assertEqual(self._owner_digests(), digests)
        # A new deadline, passed again: urged again.
        late.write({"deadline": self.today - timedelta(days=1)})
        self._urge()
        self.assertEqual(len(self._owner_digests()), 2)

    def _owner_digests(self, owner=None):
        return self.env["mail.message"].search(
            [
                ("model", "=", False),
                ("subject", "like", "Urging"),
                (
                    "notification_ids.res_partner_id",
                    "=",
                    (owner or self.owner).partner_id.id,
                ),
            ]
        )

    def test_one_digest_per_owner(self):
        self.meeting.date = self.meeting.date - timedelta(days=20)
        late = [
            self._decision(
                name=f"逾期事项{index}", deadline=self.today - timedelta(days=2)
            )
            for index in range(3)
        ]
        self._urge()
        digest = self._owner_digests()
        self.assertEqual(len(digest), 1)
        self.assertEqual(digest.subject, "Urging: 3 overdue")
        self.assertIn("Please carry out these decisions", str(digest.body))
        for decision in late:
            self.assertIn(decision.name, str(digest.body))

    def test_one_job_urges_cases_disputes_and_decisions(self):
        """One run urges a case, a dispute and a decision; the clerk who
        follows all three up gets one digest listing them."""
        past = self.today - timedelta(days=40)
        case = self.env["xinfang.case"].create(
            {
                "summary": "测试：路灯不亮",
                "channel": "visit",
                "agency_unit_id": self.point.id,
            }
        )
        case._deadline_start("handling", self.owner, start_date=past, days=3)
        dispute = (
            self.env["xinfang.dispute"]
            .sudo()
            .create(
                {
                    "unit_id": self.point.id,
                    "household": "幸福里小区3栋",
                    "party_names": "张某某与李某某",
                    "kind": "neighbourhood",
                    "risk_level": "medium",
                    "description": "装修噪音扰民",
                    "found_date": past,
                }
            )
        )
        # The petition-office clerk of the station follows the case and the
        # dispute up, and owns the decision.
        clerk = case._deadline_clerks()[case.id]
        self.assertTrue(clerk.has_group("xinfang_agency.group_xinfang_clerk"))
        self.assertEqual(dispute._deadline_clerks()[dispute.id], clerk)
        self.meeting.date = self.meeting.date - timedelta(days=20)
        decision = self._decision(
            user_id=clerk.id, deadline=self.today - timedelta(days=2)
        )
        self.assertIn("xinfang.meeting.decision", case._deadline_urged_models())
        self._urge()
        urge = self.env.ref("xinfang_agency.mail_activity_type_urge")
        urge_dispute = self.env.ref("xinfang_agency.mail_activity_type_urge_dispute")
        self.assertEqual(
            case.activity_ids.filtered(lambda a: a.activity_type_id == urge).user_id,
            clerk,
        )
        self.assertEqual(
            dispute.activity_ids.filtered(
                lambda a: a.activity_type_id == urge_dispute
            ).user_id,
            clerk,
        )
        self.assertEqual(decision.last_urge_date, self.today)
        digest = self._owner_digests(clerk)
        self.assertEqual(len(digest), 1)
        self.assertEqual(digest.subject, "Urging: 3 overdue")
        for record in (case, dispute, decision):
            self.assertIn(f'data-oe-id="{record.id}"', str(digest.body))
            self.assertIn(f'data-oe-model="{record._name}"', str(digest.body))

    def test_urging_queries_do_not_grow_with_the_backlog(self):
        """Urging three times as many overdue cases, disputes and decisions
        costs the same queries, and so does the next run with nothing new
        to urge: nothing runs per record (a county's backlog is thousands)."""
        self.meeting.date = self.meeting.date - timedelta(days=20)
        past = self.today - timedelta(days=40)

        def overdue(count):
            # Same clerk, owner and due dates: the same people are told.
            for index in range(count):
                case = self.env["xinfang.case"].create(
                    {
                        "summary": f"测试：积压案件{index}",
                        "channel": "visit",
                        "agency_unit_id": self.point.id,
                    }
                )
                case._deadline_start("handling", self.owner, start_date=past, days=3)
                self.env["xinfang.dispute"].sudo().create(
                    {
                        "unit_id": self.point.id,
                        "household": f"幸福里小区{index}栋",
                        "party_names": "张某某与李某某",
                        "kind": "neighbourhood",
                        "risk_level": "medium",
                        "description": "装修噪音扰民",
                        "found_date": past,
                    }
                )
                self._decision(
                    name=f"逾期事项{index}", deadline=self.today - timedelta(days=2)
                )

        def urge_queries():
            self.env.flush_all()
            self.env.invalidate_all()
            queries = self.env.cr.sql_log_count
            self.env["xinfang.deadline.mixin"]._cron_urge_overdue()
            self.env.flush_all()
            return self.env.cr.sql_log_count - queries

        overdue(1)
        urge_queries()  # caches warmed by a first run
        overdue(1)
        one_each, nothing_new = urge_queries(), urge_queries()
        overdue(3)
        three_each = urge_queries()
        self.assertEqual(three_each, one_each)
        self.assertEqual(urge_queries(), nothing_new)
        self.assertLess(nothing_new, one_each)
        # They were urged: three more notes and decisions marked.
        urged = self.env["xinfang.meeting.decision"].search(
            [("last_urge_date", "=", self.today), ("name", "like", "逾期事项")]
        )
        self.assertEqual(len(urged), 5)

    def test_digest_in_the_readers_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(
            ["xinfang_agency", "xinfang_meeting"], ["zh_CN"]
        )
        self.owner.lang = "zh_CN"
        self.meeting.date = self.meeting.date - timedelta(days=20)
        late = self._decision(deadline=self.today - timedelta(days=2))
        self._urge()
        digest = self.env["mail.message"].search(
            [
                ("model", "=", False),
                ("notification_ids.res_partner_id", "=", self.owner.partner_id.id),
            ]
        )
        self.assertEqual(len(digest), 1)
        self.assertNotIn("Urging", digest.subject)
        self.assertNotIn("Please carry out", str(digest.body))
        note = late.message_ids[:1]
        self.assertNotIn("Overdue since", str(note.body))

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

    def test_one_scheduled_action_urges(self):
        self.meeting.date = self.meeting.date - timedelta(days=20)
        late = self._decision(deadline=self.today - timedelta(days=1))
        cron = self.env.ref("xinfang_agency.ir_cron_xinfang_urge_overdue")
        self.assertTrue(cron.active)
        self.assertEqual((cron.interval_number, cron.interval_type), (1, "days"))
        self.assertFalse(
            self.env.ref(
                "xinfang_meeting.ir_cron_urge_overdue_decisions",
                raise_if_not_found=False,
            )
        )
        cron.method_direct_trigger()
        self.assertEqual(late.last_urge_date, self.today)
