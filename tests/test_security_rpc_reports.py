"""PDF reports of records a user may not read answer 403 (not 500, not
the document), whichever report and record id the user types in the URL."""

from datetime import timedelta

from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.xinfang_agency.tests.warning_common import WarningCommon


@tagged("post_install", "-at_install")
class TestReportAccess(WarningCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stranger = new_test_user(
            cls.env,
            "r_stranger",
            groups="xinfang_agency.group_xinfang_handler",
            name="外单位承办人乙",
        )
        cls.stranger.xinfang_unit_id = cls.other_station
        convener = new_test_user(
            cls.env,
            "r_convener",
            groups="xinfang_agency.group_xinfang_principal",
            name="周召集",
        )
        body = cls.env["xinfang.joint.meeting.body"].create(
            {"name": "报表权限联席会议", "chief_convener_id": convener.id}
        )
        cls.meeting = cls.env["xinfang.meeting"].create(
            {
                "name": "报表权限会议",
                "body_id": body.id,
                "date": fields.Datetime.now() - timedelta(hours=3),
                "chair_id": convener.id,
                "attendee_ids": [Command.set([convener.id, cls.handler.id])],
            }
        )

    def _pdf(self, login, report, record):
        self.authenticate(login, login)
        return self.url_open(f"/report/pdf/{report}/{record.id}", timeout=120)

    def _warning(self):
        case = self.new_case()
        case.with_user(self.clerk).write({"skip_level": "beijing"})
        self.assertTrue(case.warning_ids)
        return case.warning_ids[0]

    def test_minutes_of_a_meeting_not_attended_answer_403(self):
        response = self._pdf(
            "r_stranger", "xinfang_meeting.report_meeting_minutes", self.meeting
        )
        self.assertEqual(response.status_code, 403)
        self.assertNotIn(b"%PDF", response.content[:10])
        self.assertNotIn("报表权限会议", response.text)

    def test_warning_notice_of_another_jurisdiction_answers_403(self):
        warning = self._warning()
        response = self._pdf(
            "r_stranger", "xinfang_agency.report_case_warning", warning
        )
        self.assertEqual(response.status_code, 403)
        self.assertNotIn(b"%PDF", response.content[:10])
        self.assertNotIn(warning.name, response.text)

    def test_case_forms_of_another_jurisdiction_answer_403(self):
        case = self.new_case()
        for report in (
            "xinfang_agency.report_case_agency_form",
            "xinfang_agency.report_case_disposal_form",
        ):
            with self.subTest(report=report):
                response = self._pdf("r_stranger", report, case)
                self.assertEqual(response.status_code, 403)

    def test_control_the_attendee_gets_the_minutes(self):
        response = self._pdf(
            self.handler.login, "xinfang_meeting.report_meeting_minutes", self.meeting
        )
        self.assertEqual(response.status_code, 200)
        # Tests render the report's HTML unless forced to run wkhtmltopdf.
        self.assertIn("报表权限会议", response.text)

    def test_control_the_handler_gets_the_warning_notice(self):
        warning = self._warning()
        response = self._pdf(
            self.handler.login, "xinfang_agency.report_case_warning", warning
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn(warning.name, response.text)
