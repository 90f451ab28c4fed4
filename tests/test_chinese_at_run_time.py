"""Text the system writes at run time is in its reader's language: the daily
jobs of a Chinese office (its users read zh_CN) write no English sentence in
the chatter, the activities or the digests they create, whoever runs them
(the cron's user reads English here), and neither does the demo data."""

import html
import re
from datetime import timedelta

from odoo import Command, fields
from odoo.tests import tagged

from odoo.addons.xinfang_agency.tests.common import XinfangAgencyCommon

# Removed before looking for English: what is not a sentence of the product.
NOT_SENTENCES = (
    re.compile(r"<[^>]*>"),  # HTML tags and their attributes
    re.compile(r"(?:https?://|/)[\w.~/?=&%#:+-]+"),  # URLs and paths
    re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),  # e-mail addresses
    re.compile(r"\b[A-Z]{1,8}\d{4}-\d+\b"),  # references: XF2026-000001, YJ2026-0001
    re.compile(r"\b[A-Z]{1,6}(?:-[A-Z0-9]{1,8})+\b"),  # unit codes: CG-JT-XF
)
# An English sentence: two or more words of ASCII letters (two letters at
# least each) separated by nothing but spaces and punctuation. A lone word
# (a name such as OdooBot, an abbreviation) is not one.
ENGLISH_WORDS = re.compile(r"[A-Za-z]{2,}(?:[\s,;:.!?'()-]+[A-Za-z]{2,})+")


def english_sentences(text):
    """The runs of English words in ``text`` (HTML or plain)."""
    text = text or ""
    for pattern in NOT_SENTENCES:
        text = pattern.sub(" ", text)
        if pattern is NOT_SENTENCES[0]:
            text = html.unescape(text)
    return ENGLISH_WORDS.findall(text)


@tagged("post_install", "-at_install")
class TestChineseAtRunTime(XinfangAgencyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The cron's user reads English: the office's people read Chinese.
        cls.env = cls.env(context={"no_reset_password": True})
        cls._add_dept_head()
        cls.station.head_id = cls.principal
        cls.point.head_id = cls.agent
        cls.env["res.users"].search(
            [("xinfang_unit_id", "child_of", cls.center.id)]
        ).write({"lang": "zh_CN"})
        cls.today = fields.Date.context_today(cls.env["xinfang.case"])

    def _new_records(self, marker_message, marker_activity):
        messages = self.env["mail.message"].search([("id", ">", marker_message)])
        activities = self.env["mail.activity"].search([("id", ">", marker_activity)])
        return messages, activities

    def _markers(self):
        last_message = self.env["mail.message"].search([], order="id desc", limit=1)
        last_activity = self.env["mail.activity"].search([], order="id desc", limit=1)
        return last_message.id or 0, last_activity.id or 0

    def _english_in(self, messages, activities):
        found = []
        for message in messages:
            for text in (message.subject, str(message.body or "")):
                found += [
                    (f"message {message.id} ({message.model})", run)
                    for run in english_sentences(text)
                ]
        for activity in activities:
            for text in (activity.summary, str(activity.note or "")):
                found += [
                    (f"activity {activity.id}", run) for run in english_sentences(text)
                ]
        return found

    def test_detector(self):
        """What the test calls an English sentence, and what it ignores."""
        self.assertTrue(
            english_sentences(
                "<p>Overdue, urged: Handling Deadline was due on 2026-11-02.</p>"
            )
        )
        self.assertTrue(english_sentences("Petition Case 创建"))
        self.assertTrue(english_sentences("Urge the overdue deadline"))
        self.assertFalse(
            english_sentences(
                '<p>已逾期，催办：<a href="/mail/view?model=xinfang.case&amp;res_id=7" '
                'data-oe-model="xinfang.case">XF2026-000001</a> 办理期限 2026-11-02'
                "（CG-JT-XF，wangfang@example.com，https://example.com/odoo/action-x）</p>"
            )
        )
        self.assertFalse(english_sentences("OdooBot 已登记 12345 热线"))

    def test_daily_jobs_write_chinese(self):
        marker_message, marker_activity = self._markers()
        Case = self.env["xinfang.case"]
        past = self.today - timedelta(days=40)
        # Two overdue cases in handling, one a group petition (a warning).
        cases = Case.create(
            [
                {
                    "summary": "测试：路灯不亮",
                    "channel": "visit",
                    "agency_unit_id": self.point.id,
                    "handling_unit_id": self.dept.id,
                    "agent_id": self.agent.id,
                    "handler_id": self.handler.id,
                    "leader_id": self.leader.id,
                },
                {
                    "summary": "测试：征地补偿",
                    "channel": "visit",
                    "headcount": 6,
                    "agency_unit_id": self.point.id,
                    "handling_unit_id": self.dept.id,
                    "agent_id": self.agent.id,
                    "leader_id": self.leader.id,
                },
            ]
        )
        for case in cases:
            case._deadline_start(
                "handling", case._responsible_user(), start_date=past, days=3
            )
            case._deadline_start(
                "first_contact", case._responsible_user(), start_date=past
            )
        self.env["xinfang.case.ownership"].create(
            {"case_id": cases[1].id, "leader_id": self.leader.id}
        )
        # An overdue decision of the joint meeting.
        body = self.env["xinfang.joint.meeting.body"].create(
            {
                "name": "测试联席会议",
                "unit_id": self.station.id,
                "chief_convener_id": self.principal.id,
            }
        )
        meeting = self.env["xinfang.meeting"].create(
            {
                "name": "测试联席会议第一次会议",
                "body_id": body.id,
                "date": fields.Datetime.now() - timedelta(days=20),
                "place": "测试会议室",
                "unit_id": self.station.id,
                "chair_id": self.principal.id,
                "attendee_ids": [Command.set([self.principal.id, self.clerk.id])],
            }
        )
        decision = self.env["xinfang.meeting.decision"].create(
            {
                "name": "修复路灯",
                "meeting_id": meeting.id,
                "case_id": cases[0].id,
                "user_id": self.handler.id,
                "deadline": self.today - timedelta(days=2),
            }
        )

        # The one urging job: cases and the meeting's decisions.
        self.env.ref(
            "xinfang_agency.ir_cron_xinfang_urge_overdue"
        ).method_direct_trigger()
        self.env.invalidate_all()

        messages, activities = self._new_records(marker_message, marker_activity)
        # The jobs did their work (the check below can fail): urging notes,
        # urging activities, digests, the warning and its re-investigation.
        urge_type = self.env.ref("xinfang_agency.mail_activity_type_urge")
        urges = activities.filtered(
            lambda a: a.activity_type_id == urge_type and a.res_id in cases.ids
        )
        self.assertEqual(len(urges), 2)
        digests = messages.filtered(lambda m: not m.model)
        self.assertGreaterEqual(len(digests), 3)  # clerk, leader, decision owner
        self.assertTrue(cases[1].warning_ids)
        self.assertTrue(decision.message_ids.filtered(lambda m: "逾期" in str(m.body)))
        self.assertTrue(
            messages.filtered(
                lambda m: "催办" in str(m.body) and m.model == "xinfang.case"
            )
        )
        self.assertEqual(self._english_in(messages, activities), [])

    def test_demo_data_writes_chinese(self):
        """The demo office's chatter and activities: no English sentence
        (creation lines, warnings, 包案 notes, deadlines, 待签批)."""
        Case = self.env["xinfang.case"].with_context(active_test=False)
        demo_cases = Case.browse(
            self.env["ir.model.data"]
            .search([("module", "=", "xinfang_agency"), ("model", "=", "xinfang.case")])
            .mapped("res_id")
        ).exists()
        self.assertGreaterEqual(len(demo_cases), 10)
        warnings = demo_cases.warning_ids
        self.assertTrue(warnings)
        ownerships = self.env["xinfang.case.ownership"].search(
            [("case_id", "in", demo_cases.ids)]
        )
        messages = self.env["mail.message"].search(
            [
                "|",
                "|",
                "&",
                ("model", "=", "xinfang.case"),
                ("res_id", "in", demo_cases.ids),
                "&",
                ("model", "=", "xinfang.case.warning"),
                ("res_id", "in", warnings.ids),
                "&",
                ("model", "=", "xinfang.case.ownership"),
                ("res_id", "in", ownerships.ids),
            ]
        )
        self.assertTrue(messages.filtered(lambda m: "信访事项已登记" in str(m.body)))
        self.assertEqual(self._english_in(messages, demo_cases.activity_ids), [])
