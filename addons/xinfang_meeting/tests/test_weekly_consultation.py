from datetime import datetime, time, timedelta

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import MeetingCase


@tagged("post_install", "-at_install")
class TestWeeklyConsultation(MeetingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.monday = cls.today - timedelta(days=cls.today.weekday())

    def _weekly(self, unit, day, state="held", **vals):
        values = {
            "name": f"{unit.name}每周会商",
            "kind": "weekly",
            "unit_id": unit.id,
            "date": datetime.combine(day, time(4, 0)),
            "body_id": self.body.id,
        }
        values.update(vals)
        meeting = self.env["xinfang.meeting"].create(values)
        meeting.state = state
        return meeting

    def test_iso_week_stored(self):
        meeting = self._weekly(self.point, self.monday)
        year, week, _day = self.monday.isocalendar()
        self.assertEqual((meeting.iso_year, meeting.iso_week), (year, week))
        self.assertEqual(meeting.weekly_unit_id, self.point)
        self.assertFalse(self.meeting.weekly_unit_id, "only weekly consultations count")

    def test_second_consultation_same_week_refused(self):
        self._weekly(self.point, self.monday)
        Meeting = self.env["xinfang.meeting"]
        before = Meeting.search_count([("kind", "=", "weekly")])
        with self.assertRaisesMsg(ValidationError, "already has a weekly consultation"):
            self._weekly(self.point, self.monday + timedelta(days=2))
        self.assertEqual(Meeting.search_count([("kind", "=", "weekly")]), before)
        # Another unit the same week, or the same unit next week: fine.
        self._weekly(self.point_other, self.monday)
        nxt = self._weekly(self.point, self.monday + timedelta(days=7))
        # Moving next week's one into this week is refused too.
        with self.assertRaisesMsg(ValidationError, "already has a weekly consultation"):
            nxt.write(
                {"date": datetime.combine(self.monday + timedelta(days=1), time(4, 0))}
            )
        self.assertEqual(
            nxt.iso_week, (self.monday + timedelta(days=7)).isocalendar()[1]
        )

    def test_weekly_needs_grassroots_unit(self):
        with self.assertRaisesMsg(ValidationError, "weekly consultation is held by"):
            self._weekly(self.dept, self.monday)

    def test_counts_for_assessment(self):
        self._weekly(self.point, self.monday)
        self._weekly(self.point, self.monday - timedelta(days=7))
        self._weekly(self.point, self.monday - timedelta(days=14), state="draft")
        self._weekly(self.point_other, self.monday - timedelta(days=7))
        Meeting = self.env["xinfang.meeting"]
        units = self.point | self.point_other | self.station
        counts = Meeting._weekly_consultation_counts(
            units, self.monday - timedelta(days=21), self.monday + timedelta(days=6)
        )
        # Drafts were not held; the station held none.
        self.assertEqual(
            counts, {self.point.id: 2, self.point_other.id: 1, self.station.id: 0}
        )
        counts = Meeting._weekly_consultation_counts(
            units, self.monday, self.monday + timedelta(days=6)
        )
        self.assertEqual(counts[self.point.id], 1)
        self.assertEqual(counts[self.point_other.id], 0)
        self.assertEqual(
            Meeting._iso_weeks_between(
                self.monday - timedelta(days=21), self.monday + timedelta(days=6)
            ),
            4,
        )

    def test_this_week_report(self):
        self._weekly(self.point, self.monday)
        self._weekly(self.point_other, self.monday - timedelta(days=7))
        self.env.flush_all()
        rows = self.env["xinfang.meeting.weekly.report"].search(
            [
                ("is_current_week", "=", True),
                ("unit_id", "in", (self.point | self.point_other | self.dept).ids),
            ]
        )
        by_unit = {row.unit_id: row for row in rows}
        self.assertTrue(by_unit[self.point].held)
        self.assertTrue(by_unit[self.point].meeting_id)
        self.assertFalse(by_unit[self.point_other].held)
        self.assertNotIn(self.dept, by_unit, "departments hold no weekly consultation")
        groups = self.env["xinfang.meeting.weekly.report"].read_group(
            [
                ("is_current_week", "=", True),
                ("unit_id", "in", (self.point | self.point_other).ids),
            ],
            ["held_count:sum", "missed_count:sum"],
            [],
        )
        self.assertEqual((groups[0]["held_count"], groups[0]["missed_count"]), (1, 1))
        # Last week: the other point held its consultation, this point did not.
        last_week = self.env["xinfang.meeting.weekly.report"].search(
            [
                ("week_start", "=", self.monday - timedelta(days=7)),
                ("unit_id", "in", (self.point | self.point_other).ids),
            ]
        )
        self.assertEqual(last_week.filtered("held").unit_id, self.point_other)
