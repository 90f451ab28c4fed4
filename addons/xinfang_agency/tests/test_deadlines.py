from datetime import date

from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestDeadlines(TransactionCase):
    """Limits from the settings, and deadlines as activities."""

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

    def _set_limits(self, **values):
        settings = self.env["res.config.settings"].create(values)
        settings.execute()

    def _activities(self, kind):
        activity_type = self.case._deadline_activity_type(kind)
        return self.case.activity_ids.filtered(
            lambda a: a.activity_type_id == activity_type
        )

    def test_default_limits_in_settings(self):
        settings = self.env["res.config.settings"].create({})
        self.assertEqual(settings.xinfang_limit_first_contact_days, 1)
        self.assertEqual(settings.xinfang_limit_first_contact_unit, "working")
        self.assertEqual(settings.xinfang_limit_handling_phone_days, 7)
        self.assertEqual(settings.xinfang_limit_handling_phone_unit, "calendar")
        self.assertEqual(settings.xinfang_limit_handling_letter_days, 15)
        self.assertEqual(settings.xinfang_limit_handling_multi_days, 30)
        self.assertEqual(settings.xinfang_limit_handling_complex_days, 60)
        self.assertEqual(settings.xinfang_limit_ceiling_days, 60)
        self.assertEqual(settings.xinfang_limit_extension_days, 30)
        self.assertEqual(settings.xinfang_limit_review_answer_days, 30)
        self.assertEqual(settings.xinfang_limit_review_request_days, 30)
        self.assertEqual(settings.xinfang_limit_warning_unit, "working")
        self.assertEqual(settings.xinfang_limit_revisit_days, 15)

    def test_settings_form_shows_the_limits(self):
        arch = self.env["res.config.settings"].get_view(view_type="form")["arch"]
        for key in ("first_contact", "handling_letter", "ceiling", "revisit"):
            self.assertIn(f"xinfang_limit_{key}_days", arch)
            self.assertIn(f"xinfang_limit_{key}_unit", arch)

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

    def test_settings_change_the_limit(self):
        start = date(2026, 3, 2)
        self.assertEqual(
            self.case._deadline_compute("handling", start), date(2026, 3, 23)
        )
        self._set_limits(xinfang_limit_handling_letter_days=10)
        self.assertEqual(
            self.case._deadline_compute("handling", start), date(2026, 3, 16)
        )
        self._set_limits(
            xinfang_limit_handling_letter_days=10,
            xinfang_limit_handling_letter_unit="calendar",
        )
        self.assertEqual(
            self.case._deadline_compute("handling", start), date(2026, 3, 12)
        )
        self.assertEqual(
            self.env["ir.config_parameter"].get_param(
                "xinfang_agency.limit_handling_letter_unit"
            ),
            "calendar",
        )

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
