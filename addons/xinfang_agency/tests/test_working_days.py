from datetime import date

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestWorkingDays(TransactionCase):
    """China's calendar and the counting rules of 民法典 Art. 201/203."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Holiday = cls.env["xinfang.holiday"]
        # The seed may have been edited in this database: start from the library.
        cls.Holiday.search([("year", "in", [2025, 2026])]).unlink()
        cls.Holiday._load_from_library([2025, 2026])

    def test_2026_make_up_days_are_working_days(self):
        for day in (
            "2026-01-04",
            "2026-02-14",
            "2026-02-28",
            "2026-05-09",
            "2026-09-20",
            "2026-10-10",
        ):
            self.assertTrue(self.Holiday.is_working_day(date.fromisoformat(day)), day)
        self.assertEqual(
            sorted(
                self.Holiday.search(
                    [("year", "=", 2026), ("kind", "=", "workday")]
                ).mapped("date")
            ),
            [
                date(2026, 1, 4),
                date(2026, 2, 14),
                date(2026, 2, 28),
                date(2026, 5, 9),
                date(2026, 9, 20),
                date(2026, 10, 10),
            ],
        )

    def test_2026_spring_festival_and_national_day_off(self):
        # Spring Festival 2/15–2/23 and National Day 10/1–10/7, weekends included.
        for day in range(15, 24):
            self.assertFalse(self.Holiday.is_working_day(date(2026, 2, day)), day)
        for day in range(1, 8):
            self.assertFalse(self.Holiday.is_working_day(date(2026, 10, day)), day)
        self.assertTrue(self.Holiday.is_working_day(date(2026, 2, 24)))
        self.assertTrue(self.Holiday.is_working_day(date(2026, 10, 8)))
        # An ordinary week.
        self.assertTrue(self.Holiday.is_working_day(date(2026, 3, 13)))
        self.assertFalse(self.Holiday.is_working_day(date(2026, 3, 14)))

    def test_working_days_across_national_day(self):
        # Thu 24 Sep: not counted; 25 Sep is Mid-Autumn; the 10/10 Saturday
        # make-up day counts; the 15th working day is Thu 22 Oct.
        self.assertEqual(
            self.Holiday.add_working_days(date(2026, 9, 24), 15), date(2026, 10, 22)
        )
        # The day of the event is not counted, even when it is a working day.
        self.assertEqual(
            self.Holiday.add_working_days(date(2026, 3, 10), 1), date(2026, 3, 11)
        )
        # Friday + 1 working day is Monday, unless Sunday is a make-up day.
        self.assertEqual(
            self.Holiday.add_working_days(date(2026, 3, 13), 1), date(2026, 3, 16)
        )
        self.assertEqual(
            self.Holiday.add_working_days(date(2026, 9, 18), 1), date(2026, 9, 20)
        )
        # Across the Spring Festival: Fri 13 Feb → Sat 14 (make-up), Tue 24.
        self.assertEqual(
            self.Holiday.add_working_days(date(2026, 2, 13), 2), date(2026, 2, 24)
        )

    def test_calendar_deadline_on_day_off_moves(self):
        # Sun 15 Mar 2026 → Mon 16 Mar.
        self.assertEqual(
            self.Holiday.add_calendar_days(date(2026, 3, 8), 7), date(2026, 3, 16)
        )
        # Falling on National Day → first working day after it.
        self.assertEqual(
            self.Holiday.add_calendar_days(date(2026, 9, 24), 7), date(2026, 10, 8)
        )
        # A make-up Saturday is a working day: no move.
        self.assertEqual(
            self.Holiday.add_calendar_days(date(2026, 10, 3), 7), date(2026, 10, 10)
        )
        # A working day stays.
        self.assertEqual(
            self.Holiday.add_calendar_days(date(2026, 3, 2), 30), date(2026, 4, 1)
        )

    def test_table_edit_changes_result(self):
        start = date(2026, 3, 8)
        self.assertEqual(self.Holiday.add_calendar_days(start, 7), date(2026, 3, 16))
        extra = self.Holiday.create(
            {"date": date(2026, 3, 16), "name": "地方假日", "kind": "holiday"}
        )
        self.assertEqual(self.Holiday.add_calendar_days(start, 7), date(2026, 3, 17))
        extra.kind = "workday"
        self.assertTrue(self.Holiday.is_working_day(date(2026, 3, 16)))
        extra.date = date(2026, 3, 15)
        self.assertEqual(self.Holiday.add_calendar_days(start, 7), date(2026, 3, 15))
        # Removing a make-up day turns that Saturday back into a day off.
        self.Holiday.search([("date", "=", date(2026, 10, 10))]).unlink()
        self.assertFalse(self.Holiday.is_working_day(date(2026, 10, 10)))
        self.assertEqual(
            self.Holiday.add_working_days(date(2026, 9, 24), 15), date(2026, 10, 23)
        )

    def test_date_is_unique(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.env.cr.savepoint():
                self.Holiday.create(
                    {"date": date(2026, 10, 1), "name": "重复", "kind": "holiday"}
                )

    def test_range_loaded_in_one_query(self):
        self.env.invalidate_all()
        with self.assertQueryCount(1):
            self.Holiday.add_working_days(date(2026, 1, 5), 60)
        with self.assertQueryCount(1):
            self.Holiday.add_calendar_days(date(2026, 9, 24), 7)

    def test_reload_keeps_edits_and_adds_missing(self):
        renamed = self.Holiday.search([("date", "=", date(2026, 1, 1))])
        renamed.name = "元旦（本县）"
        self.Holiday.search([("date", "=", date(2026, 10, 10))]).unlink()
        count = self.Holiday.search_count([("year", "=", 2026)])
        created = self.Holiday._load_from_library([2026])
        self.assertEqual(created, 1)
        self.assertEqual(self.Holiday.search_count([("year", "=", 2026)]), count + 1)
        self.assertEqual(renamed.name, "元旦（本县）")
        self.assertEqual(
            self.Holiday.search([("date", "=", date(2026, 10, 10))]).kind, "workday"
        )

    def test_unknown_year_refused(self):
        count = self.Holiday.search_count([])
        with self.assertRaises(UserError):
            self.Holiday._load_from_library([2099])
        self.assertEqual(self.Holiday.search_count([]), count)

    def test_load_button_adds_no_duplicates(self):
        self.Holiday.action_load_from_library()
        count = self.Holiday.search_count([])
        action = self.Holiday.action_load_from_library()
        self.assertEqual(self.Holiday.search_count([]), count)
        self.assertEqual(action["tag"], "display_notification")

    def test_only_managers_edit_the_table(self):
        handler = new_test_user(
            self.env, login="wd_handler", groups="xinfang_agency.group_xinfang_handler"
        )
        manager = new_test_user(
            self.env, login="wd_manager", groups="xinfang_agency.group_xinfang_manager"
        )
        holidays = self.Holiday.with_user(handler)
        self.assertFalse(holidays.is_working_day(date(2026, 10, 1)))
        with self.assertRaises(AccessError):
            holidays.create({"date": date(2026, 3, 16), "name": "地方假日"})
        self.assertTrue(self.Holiday.is_working_day(date(2026, 3, 16)))
        self.Holiday.with_user(manager).create(
            {"date": date(2026, 3, 16), "name": "地方假日"}
        )
        self.assertFalse(holidays.is_working_day("2026-03-16"))
