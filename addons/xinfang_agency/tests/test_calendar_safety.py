"""Calendar safety: the office's day, next year's make-up days, provisional
deadlines counted again once the year is entered."""

from datetime import date

from freezegun import freeze_time

from odoo import fields
from odoo.tests import tagged

from .case_flow_common import CaseFlowCommon


@tagged("post_install", "-at_install")
class TestOfficeDay(CaseFlowCommon):
    """ "Today" is the office's day (the company's zone), not the user's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.utc_user = cls._user("agent", cls.point, "cal_utc_agent", tz="UTC")
        cls.env.company.partner_id.tz = False

    def test_user_on_utc_at_one_in_beijing_gets_the_beijing_date(self):
        Case = self.env["xinfang.case"].with_user(self.utc_user)
        with freeze_time("2026-11-30 17:00:00"):  # 01:00 on 1 December in Beijing
            self.assertEqual(fields.Date.context_today(Case), date(2026, 11, 30))
            self.assertEqual(Case.env.company._xinfang_today(), date(2026, 12, 1))
            defaults = Case.default_get(["received_date"])
            self.assertEqual(defaults["received_date"], date(2026, 12, 1))
            # A step dated the Beijing day is not "in the future" for them.
            Case._check_not_future(date(2026, 12, 1), "反馈日期")

    def test_company_time_zone_decides(self):
        self.env.company.partner_id.tz = "UTC"
        with freeze_time("2026-11-30 17:00:00"):
            self.assertEqual(self.env.company._xinfang_today(), date(2026, 11, 30))
        settings = self.env["res.config.settings"].create({})
        self.assertEqual(settings.xinfang_office_tz, "UTC")


@tagged("post_install", "-at_install")
class TestCalendarSafety(CaseFlowCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Holiday = cls.env["xinfang.holiday"]
        cls.Holiday.search([("year", ">=", 2027)]).unlink()
        cls.env.company.partner_id.tz = False
        cls.calendar_type = cls.env.ref("xinfang_agency.mail_activity_type_calendar")
        cls.env["ir.config_parameter"].sudo().set_param(
            "xinfang_agency.calendar_warned_year", ""
        )

    def _warnings(self):
        return self.env["mail.activity"].search(
            [("activity_type_id", "=", self.calendar_type.id)]
        )

    def test_no_warning_before_november(self):
        with freeze_time("2026-10-31 12:00:00"):  # 20:00 on 31 October in Beijing
            self.assertFalse(self.Holiday._cron_warn_missing_calendar())
            self.assertFalse(
                self.env["res.config.settings"].create({}).xinfang_calendar_warning
            )
        self.assertFalse(self._warnings())

    def test_warning_from_november_once(self):
        with freeze_time("2026-10-31 17:00:00"):  # 01:00 on 1 November in Beijing
            self.assertEqual(self.Holiday._cron_warn_missing_calendar(), 2027)
            warnings = self._warnings()
            self.assertIn(self.manager, warnings.user_id)
            self.assertIn(self.center_clerk, warnings.user_id)
            self.assertNotIn(
                self.clerk, warnings.user_id, "a station clerk is not told"
            )
            self.assertIn("2027", warnings[:1].note)
            banner = self.env["res.config.settings"].create({}).xinfang_calendar_warning
            self.assertIn("2027", banner)
        with freeze_time("2026-11-02 02:00:00"):
            self.assertFalse(self.Holiday._cron_warn_missing_calendar())
        self.assertEqual(self._warnings(), warnings, "told once, not every day")
        self.Holiday.create(
            {"date": "2027-02-07", "name": "调休上班", "kind": "workday"}
        )
        with freeze_time("2026-11-03 02:00:00"):
            self.assertFalse(
                self.env["res.config.settings"].create({}).xinfang_calendar_warning
            )

    def test_deadline_in_unknown_year_flagged_and_recounted(self):
        with freeze_time("2026-11-30 04:00:00"):  # noon in Beijing
            case = self.to_assign_signoff(received_date=date(2026, 11, 25))
            case.sudo().complexity = "multi_department"
            case.with_user(self.principal).action_sign_assignment()
        # 30 working days from 30 November: 23 in December, then 1 January
        # (元旦, unknown to the table) counted as a Friday.
        self.assertEqual(case.deadline_date, date(2027, 1, 11))
        self.assertTrue(case.deadline_calendar_unknown)
        self.assertIn(
            case,
            self.env["xinfang.case"].search([("deadline_calendar_unknown", "=", True)]),
        )
        self.Holiday.create({"date": "2027-01-01", "name": "元旦", "kind": "holiday"})
        self.assertEqual(case.deadline_date, date(2027, 1, 12))
        handling = case._deadline_open_activity("handling")
        self.assertEqual(handling.date_deadline, date(2027, 1, 12))
        self.assertTrue(
            case.deadline_calendar_unknown, "2027's make-up days still missing"
        )
        self.Holiday.create(
            {"date": "2027-02-07", "name": "调休上班", "kind": "workday"}
        )
        case.invalidate_recordset(["deadline_calendar_unknown"])
        self.assertFalse(case.deadline_calendar_unknown)
        self.assertFalse(handling.xinfang_deadline_key)
        self.assertNotIn(
            case,
            self.env["xinfang.case"].search([("deadline_calendar_unknown", "=", True)]),
        )
        self.assertIn("2027-01-12", " ".join(case.message_ids.mapped("body")))

    def test_deadline_in_known_year_not_flagged(self):
        with freeze_time("2026-11-02 04:00:00"):
            case = self.to_handling(received_date=date(2026, 10, 30))
        self.assertEqual(case.deadline_date.year, 2026)
        self.assertFalse(case.deadline_calendar_unknown)
        self.assertFalse(case._deadline_open_activity("handling").xinfang_deadline_key)
