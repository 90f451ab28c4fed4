from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestDeadlines(TransactionCase):
    """Limits from the deadline rules, and deadlines as activities."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(
            context=dict(cls.env.context, tracking_disable=True, no_reset_password=True)
        )
        cls.Holiday = cls.env["xinfang.holiday"]
        cls.Holiday.search([("year", "in", [2025, 2026])]).unlink()
        cls.Holiday._load_from_library([2025, 2026])
        cls.handler = new_test_user(
            cls.env, login="dl_handler", groups="xinfang_agency.group_xinfang_handler"
        )
        cls.handler2 = new_test_user(
            cls.env, login="dl_handler2", groups="xinfang_agency.group_xinfang_handler"
        )
        cls.case = cls.env["xinfang.case"].create(
            {
                "summary": "测试：小区噪音扰民",
                "channel": "visit",
                "received_date": date(2026, 9, 21),
            }
        )
        cls.handling_type = cls.env.ref(
            "xinfang_agency.mail_activity_type_deadline_handling"
        )

    def _rule(self, key):
        return self.env["xinfang.deadline.rule"].search([("key", "=", key)])

    def _activities(self, kind):
        activity_type = self.case._deadline_activity_type(kind)
        return self.case.activity_ids.filtered(
            lambda a: a.activity_type_id == activity_type
        )

    def test_default_rules_with_their_legal_basis(self):
        expected = {
            "first_contact": (1, "working"),
            "handling_phone": (7, "calendar"),
            "handling_letter": (15, "working"),
            "handling_multi": (30, "working"),
            "handling_complex": (60, "working"),
            "ceiling": (60, "calendar"),
            "extension": (30, "calendar"),
            "review_answer": (30, "calendar"),
            "review_request": (30, "calendar"),
            "warning": (7, "working"),
            "revisit": (15, "calendar"),
            "dispute": (15, "working"),
            "repeat_period": (365, "calendar"),
            "repeat_threshold": (3, "count"),
            "due_soon": (2, "calendar"),
        }
        for key, limit in expected.items():
            self.assertEqual(self.case._deadline_limit(key), limit, key)
        self.assertIn("信访工作条例", self._rule("ceiling").legal_basis)
        self.assertEqual(
            self._rule("handling_letter").activity_type_id, self.handling_type
        )

    def test_rules_are_listed_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        rule = self._rule("handling_letter").with_context(lang="zh_CN")
        self.assertEqual(rule.name, "来信来访")
        arch = self.env["xinfang.deadline.rule"].get_view(view_type="list")["arch"]
        self.assertIn('editable="bottom"', arch)
        for name in ("amount", "unit", "legal_basis"):
            self.assertIn(f'name="{name}"', arch)

    def test_handling_limit_from_channel_and_complexity(self):
        start = date(2026, 9, 24)
        # Letters and visits: 15 working days.
        self.assertEqual(
            self.case._deadline_compute("handling", start), date(2026, 10, 22)
        )
        # Phone and online: one week, on a day off moved to the next working day.
        self.case.channel = "phone"
        self.assertEqual(
            self.case._deadline_compute("handling", start), date(2026, 10, 8)
        )
        self.case.write({"channel": "visit", "complexity": "multi_department"})
        self.assertEqual(
            self.case._deadline_compute("handling", date(2026, 9, 22)),
            self.Holiday.add_working_days(date(2026, 9, 22), 30),
        )
        # Complex: 60 working days, capped by the 60-day ceiling from acceptance.
        self.case.complexity = "complex"
        ceiling = self.Holiday.add_calendar_days(date(2026, 9, 21), 60)
        self.assertEqual(ceiling, date(2026, 11, 20))
        self.assertEqual(self.case._deadline_compute("handling", start), ceiling)
        # Other kinds.
        self.assertEqual(
            self.case._deadline_compute("first_contact", date(2026, 9, 30)),
            date(2026, 10, 8),
        )
        self.assertEqual(
            self.case._deadline_compute("warning", date(2026, 9, 24)),
            date(2026, 10, 12),
        )
        self.assertEqual(
            self.case._deadline_compute("review", date(2026, 3, 2)), date(2026, 4, 1)
        )

    def test_rule_edited_in_the_list_changes_the_next_deadline(self):
        manager = new_test_user(
            self.env, login="dl_manager", groups="xinfang_agency.group_xinfang_manager"
        )
        start = date(2026, 3, 2)
        self.assertEqual(
            self.case._deadline_compute("handling", start), date(2026, 3, 23)
        )
        rule = self._rule("handling_letter").with_user(manager)
        # What the editable list sends when a row is saved.
        rule.web_save({"amount": 10}, specification={"amount": {}})
        self.assertEqual(
            self.case._deadline_compute("handling", start), date(2026, 3, 16)
        )
        rule.web_save({"unit": "calendar"}, specification={"unit": {}})
        self.assertEqual(
            self.case._deadline_compute("handling", start), date(2026, 3, 12)
        )
        # The next deadline started follows the rule.
        activity = self.case._deadline_start("handling", self.handler, start)
        self.assertEqual(activity.date_deadline, date(2026, 3, 12))

    def test_rule_constraints(self):
        with self.assertRaisesRegex(ValidationError, "greater than zero"):
            self._rule("revisit").amount = 0
        with self.assertRaisesRegex(ValidationError, "at most 30 days"):
            self._rule("extension").amount = 31
        with self.assertRaisesRegex(ValidationError, "counted in"):
            self._rule("repeat_threshold").unit = "working"
        with self.assertRaisesRegex(ValidationError, "number of days"):
            self._rule("revisit").unit = "count"
        self.env["res.lang"]._activate_lang("zh_CN")
        with self.assertRaisesRegex(ValidationError, "延期最长"):
            self._rule("extension").with_context(lang="zh_CN").amount = 45

    def test_archived_rule_is_refused_clearly(self):
        self._rule("revisit").active = False
        with self.assertRaisesRegex(UserError, "missing or archived"):
            self.case._deadline_limit("revisit")

    def test_only_administrators_edit_rules(self):
        clerk = new_test_user(
            self.env, login="dl_clerk", groups="xinfang_agency.group_xinfang_clerk"
        )
        rule = self._rule("handling_letter")
        self.assertEqual(rule.with_user(clerk).amount, 15)
        with self.assertRaises(AccessError):
            rule.with_user(clerk).write({"amount": 3})
        with self.assertRaises(AccessError):
            rule.with_user(clerk).unlink()
        manager = new_test_user(
            self.env, login="dl_manager2", groups="xinfang_agency.group_xinfang_manager"
        )
        # Not even an administrator changes what the code reads a rule by.
        with self.assertRaisesRegex(UserError, "by hand"):
            rule.with_user(manager).write({"key": "handling_phone"})
        with self.assertRaises(UserError):
            rule.with_user(manager).unlink()
        self.assertEqual(rule.key, "handling_letter")
        self.assertEqual(rule.amount, 15)

    def test_start_creates_one_activity(self):
        today = self.case.env.company._xinfang_today()
        activity = self.case._deadline_start("first_contact", self.handler)
        self.assertEqual(
            activity.activity_type_id,
            self.env.ref("xinfang_agency.mail_activity_type_deadline_first_contact"),
        )
        self.assertEqual(activity.user_id, self.handler)
        self.assertEqual(
            activity.date_deadline, self.Holiday.add_working_days(today, 1)
        )
        again = self.case._deadline_start("first_contact", self.handler)
        self.assertEqual(again, activity)
        self.assertEqual(len(self._activities("first_contact")), 1)
        # Handed to someone else: same activity, new owner, same date.
        again = self.case._deadline_start("first_contact", self.handler2)
        self.assertEqual(again, activity)
        self.assertEqual(activity.user_id, self.handler2)
        # Other kinds live side by side.
        handling = self.case._deadline_start(
            "handling", self.handler, start_date=date(2026, 9, 24)
        )
        self.assertEqual(handling.date_deadline, date(2026, 10, 22))
        self.assertEqual(handling.activity_type_id, self.handling_type)
        self.assertEqual(len(self.case.activity_ids), 2)

    def test_start_with_explicit_days(self):
        activity = self.case._deadline_start(
            "revisit", self.handler, start_date=date(2026, 3, 2), days=5
        )
        self.assertEqual(activity.date_deadline, date(2026, 3, 9))

    def test_done_marks_once(self):
        self.case._deadline_start("handling", self.handler)
        self.case._deadline_start("first_contact", self.handler)
        messages = self.case.message_ids
        self.assertTrue(self.case._deadline_done("handling", feedback="已答复"))
        self.assertFalse(self._activities("handling"))
        self.assertEqual(len(self._activities("first_contact")), 1)
        done_message = self.case.message_ids - messages
        self.assertEqual(len(done_message), 1)
        self.assertEqual(done_message.mail_activity_type_id, self.handling_type)
        self.assertIn("已答复", str(done_message.body))
        # Twice: nothing left to mark, no new message.
        self.assertFalse(self.case._deadline_done("handling"))
        self.assertEqual(len(self.case.message_ids - messages), 1)

    def test_extension_due_by_current_deadline(self):
        self.case.deadline_date = date(2026, 10, 22)
        activity = self.case._deadline_start("extension", self.handler)
        self.assertEqual(activity.date_deadline, date(2026, 10, 22))
