import io
import unicodedata
from datetime import timedelta

from pypdf import PdfReader

from odoo import Command, fields
from odoo.tests import HttpCase, tagged
from odoo.tools.misc import format_date

from odoo.addons.xinfang_agency.tests.common import XinfangAgencyCommon


def pdf_text(raw):
    """Text of a PDF; NFKC folds the Kangxi radicals some CJK fonts map to."""
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(raw)).pages)
    return unicodedata.normalize("NFKC", text).replace("\n", "")


@tagged("post_install", "-at_install")
class TestMinutesPdf(XinfangAgencyCommon, HttpCase):
    """PDF rendering needs the HTTP server (wkhtmltopdf fetches the assets)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.secretary = cls._user(
            "xinfang_meeting.group_xinfang_meeting_secretary",
            cls.station,
            "pdf_secretary",
        )
        # The street's principal convenes; the urban office's handler owns
        # the decision.
        cls.convener = cls.principal
        cls.owner = cls.handler
        cls.office = cls.env["res.partner"].create(
            {"name": "区信访联席办", "email": "district-office@example.com"}
        )
        body = cls.env["xinfang.joint.meeting.body"].create(
            {
                "name": "纪要测试联席会议",
                "chief_convener_id": cls.convener.id,
                "district_office_partner_id": cls.office.id,
            }
        )
        case = cls.env["xinfang.case"].create({"summary": "纪要测试案件"})
        cls.meeting = cls.env["xinfang.meeting"].create(
            {
                "name": "纪要测试会议",
                "body_id": body.id,
                "place": "东楼会议室",
                "date": fields.Datetime.now() - timedelta(hours=3),
                "chair_id": cls.convener.id,
                "attendee_ids": [Command.set([cls.convener.id, cls.owner.id])],
                "agenda_item_ids": [
                    Command.create({"name": "排水议题", "case_id": case.id})
                ],
                "decision_ids": [
                    Command.create(
                        {
                            "name": "疏通排水管",
                            "user_id": cls.owner.id,
                            "case_id": case.id,
                            "deadline": fields.Date.today() + timedelta(days=10),
                        }
                    )
                ],
            }
        )
        cls.meeting.action_hold()
        cls.meeting.with_user(cls.convener).action_approve_minutes()

    def test_send_approved_minutes_queues_mail_with_pdf(self):
        self.meeting.with_user(self.secretary).with_context(
            force_report_rendering=True
        ).action_send_minutes()
        self.assertEqual(self.meeting.state, "sent")
        mails = self.env["mail.mail"].search(
            [("model", "=", "xinfang.meeting"), ("res_id", "=", self.meeting.id)]
        )
        self.assertEqual(len(mails), 1)
        self.assertEqual(mails.state, "outgoing", "queued, not sent")
        self.assertIn(self.office, mails.recipient_ids)
        attachment = mails.attachment_ids
        self.assertEqual(len(attachment), 1)
        self.assertEqual(attachment.mimetype, "application/pdf")
        self.assertEqual(attachment.name, f"{self.meeting.reference}.pdf")
        raw = attachment.raw
        self.assertTrue(raw.startswith(b"%PDF"))
        text = pdf_text(raw)
        for expected in (
            self.meeting.reference,
            "纪要测试会议",
            "东楼会议室",
            "书记己",
            "承办人丁",
            "排水议题",
            "疏通排水管",
            "测试城建办",
            format_date(
                self.env(user=self.secretary), fields.Date.today() + timedelta(days=10)
            ),
        ):
            self.assertIn(expected, text)

    def test_progress_report_pdf(self):
        decisions = self.meeting.decision_ids
        pdf, fmt = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(
                "xinfang_meeting.action_report_decision_progress", decisions.ids
            )
        )
        self.assertEqual(fmt, "pdf")
        text = pdf_text(pdf)
        self.assertIn("测试城建办", text)
        self.assertIn("疏通排水管", text)
