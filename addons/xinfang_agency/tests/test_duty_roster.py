from datetime import timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .network_common import NetworkCommon


@tagged("post_install", "-at_install")
class TestDutyRoster(NetworkCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Holiday = cls.env["xinfang.holiday"]
        cls.Roster = cls.env["xinfang.duty.roster"]

    def _working_day(self, start=None):
        return self.Holiday._next_working_day(start or self.today)

    def _past_working_day(self):
        day = self.today - timedelta(days=1)
        while not self.Holiday.is_working_day(day):
            day -= timedelta(days=1)
        return day

    def _day_off(self):
        day = self.today
        while self.Holiday.is_working_day(day):
            day += timedelta(days=1)
        return day

    def _roster(self, day=None, leader=None, user=None, unit=None):
        return self.Roster.with_user(user or self.clerk).create(
            {
                "unit_id": (unit or self.station).id,
                "date": day or self._working_day(),
                "leader_id": (leader or self.leader).id,
            }
        )

    def test_roster_on_a_day_off_refused(self):
        with (
            self.assertRaisesRegex(ValidationError, "day off"),
            self.env.cr.savepoint(),
        ):
            self._roster(day=self._day_off())
        # A day off entered in the holiday table counts too.
        weekday = self._working_day(self.today + timedelta(days=30))
        self.Holiday.create({"date": weekday, "name": "测试放假", "kind": "holiday"})
        with (
            self.assertRaisesRegex(ValidationError, "day off"),
            self.env.cr.savepoint(),
        ):
            self._roster(day=weekday)

    def test_duplicate_duty_day_refused(self):
        roster = self._roster()
        with (
            self.assertRaisesRegex(ValidationError, "already has a leader"),
            self.env.cr.savepoint(),
        ):
            self._roster(day=roster.date, leader=self.principal)
        # Another desk may have its own leader that day.
        self._roster(
            day=roster.date,
            leader=self.other_leader,
            user=self.other_clerk,
            unit=self.other_station,
        )
        # Archived, the day may be planned again.
        roster.with_user(self.clerk).action_archive()
        self.assertTrue(self._roster(day=roster.date, leader=self.principal))

    def test_leader_of_another_station_or_not_a_leader_refused(self):
        with (
            self.assertRaisesRegex(ValidationError, "another unit"),
            self.env.cr.savepoint(),
        ):
            self._roster(leader=self.other_leader)
        with (
            self.assertRaisesRegex(ValidationError, "not a leader"),
            self.env.cr.savepoint(),
        ):
            self._roster(leader=self.handler)
        # A county leader may lead a station's desk (定点接访).
        self.assertTrue(self._roster(leader=self.county_leader))

    def test_only_the_office_plans_its_jurisdiction(self):
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self._roster(user=self.leader)
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self._roster(user=self.other_clerk)
        roster = self._roster()
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            roster.with_user(self.other_clerk).write({"note": "越界修改"})
        with self.assertRaisesRegex(UserError, "by hand"), self.env.cr.savepoint():
            roster.with_user(self.clerk).write({"active": False})

    def test_week_wizard_skips_days_off_and_keeps_make_up_days(self):
        monday = self.today + timedelta(days=7 - self.today.weekday() + 70)
        wednesday, saturday = monday + timedelta(days=2), monday + timedelta(days=5)
        self.Holiday.create(
            [
                {"date": wednesday, "name": "测试假日", "kind": "holiday"},
                {"date": saturday, "name": "测试调休上班", "kind": "workday"},
            ]
        )
        wizard = (
            self.env["xinfang.duty.week.wizard"]
            .with_user(self.clerk)
            .create({"unit_id": self.station.id, "week_start": monday})
        )
        dates = wizard.line_ids.mapped("date")
        self.assertNotIn(wednesday, dates)
        self.assertIn(saturday, dates)
        self.assertNotIn(monday + timedelta(days=6), dates)
        with (
            self.assertRaisesRegex(UserError, "Choose the leader"),
            self.env.cr.savepoint(),
        ):
            wizard.action_confirm()
        for line, leader in zip(
            wizard.line_ids, [self.leader, self.principal] * 3, strict=False
        ):
            line.leader_id = leader
        wizard.action_confirm()
        planned = self.Roster.search(
            [
                ("unit_id", "=", self.station.id),
                ("date", ">=", monday),
                ("date", "<=", saturday),
            ]
        )
        self.assertEqual(sorted(planned.mapped("date")), sorted(dates))

    def test_visit_goes_to_the_duty_leader_and_the_reception_log(self):
        # The flow's cases are received 5 days ago by default: today here.
        if not self.Holiday.is_working_day(self.today):
            self.skipTest("The office day is a day off: no duty today.")
        roster = self._roster(day=self.today)
        visit = self.new_case(received_date=self.today)
        letter = self.new_case(
            received_date=self.today, channel="letter", summary="来信反映供暖不热"
        )
        self.assertEqual(visit.duty_roster_id, roster)
        self.assertEqual(visit.duty_leader_id, self.leader)
        self.assertFalse(letter.duty_roster_id)
        self.assertEqual(roster.visit_count, 1)
        offer = visit.activity_ids.filtered(
            lambda a: a.activity_type_id.get_external_id()[a.activity_type_id.id]
            == "xinfang_agency.mail_activity_type_duty_visit"
        )
        self.assertEqual(offer.user_id, self.leader)
        # The duty leader takes it: the offer is answered.
        visit.with_user(self.leader).action_take_ownership()
        self.assertFalse(offer.exists())
        self.assertEqual(visit.ownership_ids.leader_id, self.leader)
        # The reception log prints the day's visits with the leader.
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(
            "xinfang_agency.report_reception_log", roster.ids
        )
        self.assertIn(visit.name, html.decode())
        self.assertIn(self.leader.name, html.decode())
        self.assertNotIn(letter.name, html.decode())

    def test_accusation_not_offered_to_a_leader_of_the_accused_unit(self):
        if not self.Holiday.is_working_day(self.today):
            self.skipTest("The office day is a day off: no duty today.")
        self._roster(day=self.today)
        accusation = (
            self.env["xinfang.case"]
            .with_user(self.agent)
            .create(
                {
                    "summary": "反映街道干部问题",
                    "channel": "visit",
                    "received_date": self.today,
                    "agency_unit_id": self.point.id,
                    "petition_type": "accusation",
                    "accused_unit_id": self.station.id,
                }
            )
        )
        self.assertTrue(accusation.duty_roster_id)
        self.assertFalse(
            accusation.activity_ids.filtered(lambda a: a.user_id == self.leader)
        )
        # Its own log line is sealed from the leader too.
        roster = accusation.duty_roster_id
        self.assertNotIn(accusation, roster.with_user(self.leader).case_ids)

    def test_visit_back_entered_joins_the_log_without_an_offer(self):
        day = self._past_working_day()
        roster = self._roster(day=day)
        visit = self.new_case(received_date=day)
        self.assertEqual(visit.duty_roster_id, roster)
        self.assertFalse(
            visit.activity_ids.filtered(
                lambda a: a.user_id == self.leader and "包案" in (a.summary or "")
            )
        )

    def test_nearest_desk_wins(self):
        day = self._past_working_day()
        county = self._roster(
            day=day, leader=self.county_leader, unit=self.center, user=self.env.user
        )
        station = self._roster(day=day)
        cases = self.new_case(received_date=day) | self.env[
            "xinfang.case"
        ].sudo().create(
            {
                "summary": "县级来访",
                "channel": "visit",
                "received_date": day,
                "agency_unit_id": self.center.id,
            }
        )
        self.assertEqual(cases[0].duty_roster_id, station)
        self.assertEqual(cases[1].duty_roster_id, county)

    def test_rosters_seen_below_not_across(self):
        roster = self._roster()
        other = self._roster(
            user=self.other_clerk, unit=self.other_station, leader=self.other_leader
        )
        seen = self.Roster.with_user(self.agent).search([])
        self.assertIn(roster, seen)
        self.assertNotIn(other, seen)
        self.assertIn(other, self.Roster.with_user(self.other_leader).search([]))
