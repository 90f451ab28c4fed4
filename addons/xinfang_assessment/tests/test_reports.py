import io
from datetime import date

import openpyxl

from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged

from .common import AssessmentCase, AssessmentMixin


class BulletinMixin:
    def _published_runs(self):
        self._case(self.unit_a, date(2025, 1, 5), channel="online")
        self._case(self.unit_b, date(2025, 1, 6), screening_outcome="agency", accepted_date=date(2025, 1, 6))
        q1 = self._run(self.q1)
        q1.with_user(self.leader).action_approve()
        self._case(self.unit_a, date(2025, 4, 5), channel="online", screening_outcome="agency",
                   accepted_date=date(2025, 4, 5))
        q2 = self._run(self.q2)
        q2.with_user(self.leader).action_approve()
        q2.with_user(self.assessor).action_publish()
        return q1, q2


@tagged("post_install", "-at_install")
class TestBulletin(BulletinMixin, AssessmentCase):
    def test_bulletin_table_and_xlsx(self):
        _q1, q2 = self._published_runs()
        table = q2._bulletin_table()
        self.assertEqual(table["header"][:2], ["Rank", "Unit"])
        self.assertEqual(table["header"][2:6], ["代办率", "网访占比", "越级进京", "扣分项"])
        self.assertEqual(table["header"][6:], ["Total", "Change", "Previous Rank"])
        first = table["rows"][0]
        # Q1: A online but no agency (10), B agency but visit (10): both first.
        # Q2: A is perfect (20), B has no case (20): both first again.
        a_row = next(row for row in table["rows"] if row[1] == self.unit_a.complete_name)
        self.assertEqual(a_row[0], 1)
        self.assertEqual(a_row[2:], [10.0, 10.0, 0.0, 0.0, 20.0, 10.0, 1])
        self.assertEqual(first[0], 1)

        content, kind = self.env["ir.actions.report"]._render(
            "xinfang_assessment.action_report_assessment_run_xlsx", q2.ids
        )
        self.assertEqual(kind, "xlsx")
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        rows = list(sheet.iter_rows(min_row=3, values_only=True))
        self.assertEqual(rows[0][:3], ("Rank", "Unit", "代办率"))
        units = [row[1] for row in rows[1:]]
        self.assertIn(self.unit_a.complete_name, units)
        self.assertIn(self.unit_b.complete_name, units)

    def test_unpublished_run_does_not_print(self):
        q1, _q2 = self._published_runs()
        with self.assertRefused(UserError, "not published"):
            self.env["ir.actions.report"]._render(
                "xinfang_assessment.action_report_assessment_run_xlsx", q1.ids
            )
        with self.assertRefused(UserError, "not published"):
            q1.action_print_pdf()

    def test_bulletin_html(self):
        _q1, q2 = self._published_runs()
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(
            "xinfang_assessment.action_report_assessment_run", q2.ids
        )
        html = html.decode()
        self.assertIn("2025年第二季度", html)
        self.assertIn(self.unit_a.name, html)
        self.assertIn("10.00", html)  # change against Q1


@tagged("post_install", "-at_install")
class TestBulletinPdf(BulletinMixin, AssessmentMixin, HttpCase):

    def test_bulletin_pdf(self):
        _q1, q2 = self._published_runs()
        pdf, kind = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf("xinfang_assessment.action_report_assessment_run", q2.ids)
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
