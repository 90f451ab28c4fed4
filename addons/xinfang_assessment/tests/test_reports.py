import io
import re
from datetime import date

import openpyxl
import pypdf

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged

from .common import AssessmentCase


class BulletinMixin:
    def _published_runs(self):
        self._case(self.unit_a, date(2025, 1, 5), channel="online")
        self._case(
            self.unit_b,
            date(2025, 1, 6),
            screening_outcome="agency",
            accepted_date=date(2025, 1, 6),
        )
        q1 = self._run(self.q1)
        q1.with_user(self.leader).action_approve()
        self._case(
            self.unit_a,
            date(2025, 4, 5),
            channel="online",
            screening_outcome="agency",
            accepted_date=date(2025, 4, 5),
        )
        q2 = self._run(self.q2)
        q2.with_user(self.leader).action_approve()
        q2.with_user(self.assessor).action_publish()
        return q1, q2


@tagged("post_install", "-at_install")
class TestBulletin(BulletinMixin, AssessmentCase):
    def test_bulletin_table_and_xlsx(self):
        _q1, q2 = self._published_runs()
        table = q2._bulletin_table()
        self.assertEqual(
            [(i["name"], i["value_kind"]) for i in table["indicators"]],
            [
                ("代办率", "percent"),
                ("网访占比", "percent"),
                ("越级进京", "count"),
                ("扣分项", "none"),
            ],
        )
        # Q1: A online but no agency (10), B agency but visit (10): both first.
        # Q2: A is perfect (20), B has no case (20): both first again.
        a_row = next(row for row in table["rows"] if row["unit"] == self.unit_a.name)
        self.assertEqual(a_row["unit_path"], self.unit_a.complete_name)
        self.assertEqual(a_row["rank"], 1)
        self.assertEqual(a_row["values"], [1.0, 1.0, 0, None])
        self.assertEqual(a_row["points"], [10.0, 10.0, 0.0, 0.0])
        self.assertEqual(
            (a_row["total"], a_row["change"], a_row["previous_rank"]), (20.0, 10.0, 1)
        )

        content, kind = self.env["ir.actions.report"]._render(
            "xinfang_assessment.action_report_assessment_run_xlsx", q2.ids
        )
        self.assertEqual(kind, "xlsx")
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        self.assertIn(self.leader.name, sheet.cell(2, 1).value)
        header = [cell.value for cell in sheet[3]]
        self.assertEqual(
            header[:8],
            [
                "Rank",
                "Unit",
                "代办率 (%)",
                "代办率 (points)",
                "网访占比 (%)",
                "网访占比 (points)",
                "越级进京 (cases)",
                "越级进京 (points)",
            ],
        )
        self.assertEqual(
            header[8:],
            [
                "扣分项 (points)",
                "Total Points",
                "Change from Previous Period",
                "Previous Rank",
                "Unit Path",
            ],
        )
        rows = {row[1]: row for row in sheet.iter_rows(min_row=4, values_only=True)}
        self.assertEqual(set(rows), {self.unit_a.name, self.unit_b.name})
        a_cells = rows[self.unit_a.name]
        self.assertEqual(a_cells[2:8], (1.0, 10.0, 1.0, 10.0, 0, 0.0))
        self.assertEqual(a_cells[9:12], (20.0, 10.0, 1))
        self.assertEqual(sheet.cell(4, 3).number_format, "0.0%")

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
        self.assertIn("+10.00", html)  # change against Q1
        self.assertIn("100.0%", html)  # rates in percent, not 1.0000
        self.assertIn(f"<span>{self.unit_a.name}</span>", html)  # short name
        self.assertIn(self.leader.name, html)


# Unit names as offices write them: each must print on one line.
WIDE_UNITS = (
    "城关街道幸福社区居民委员会",
    "住房和城乡建设局",
    "春光镇人民政府",
    "交通运输局",
    "东风街道办事处",
)


@tagged("post_install", "-at_install")
class TestBulletinPdf(BulletinMixin, AssessmentCase, HttpCase):
    def _wide_run(self):
        """A published run of the default scheme (every indicator, the 通报's
        widest table) over units with long names."""
        units = self.env["xinfang.unit"].create(
            [
                {"name": name, "unit_type": "point", "parent_id": self.center.id}
                for name in WIDE_UNITS
            ]
        )
        default = self.env.ref("xinfang_assessment.scheme_default")
        indicators = []
        for data in default.indicator_ids.copy_data():
            data.pop("scheme_id", None)
            indicators.append(Command.create(data))
        scheme = self.env["xinfang.assessment.scheme"].create(
            {
                "name": "宽表测试方案",
                "year_mode": "sum",
                "unit_ids": [Command.set(units.ids)],
                "indicator_ids": indicators,
            }
        )
        period = self.env["xinfang.assessment.period"].create(
            {
                "name": "2026年第三季度",
                "scheme_id": scheme.id,
                "date_start": date(2026, 7, 1),
                "date_end": date(2026, 9, 30),
            }
        )
        self._case(units[0], date(2026, 7, 6), channel="online")
        run = self._run(period)
        run.with_user(self.leader).action_approve()
        run.with_user(self.assessor).action_publish()
        return run, units

    def test_bulletin_pdf_landscape_one_line_unit_names(self):
        run, units = self._wide_run()
        self.leader.partner_id.name = "张明"
        self.assertGreaterEqual(len(run._bulletin_table()["indicators"]), 15)
        pdf, kind = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True, lang="zh_CN")
            ._render_qweb_pdf(
                "xinfang_assessment.action_report_assessment_run", run.ids
            )
        )
        self.assertEqual(kind, "pdf")
        reader = pypdf.PdfReader(io.BytesIO(pdf))
        page = reader.pages[0]
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        self.assertGreater(width, height, "landscape")
        self.assertAlmostEqual(width, 842, delta=2)  # A4 long side in points
        lefts = []

        def visit(text, cm, tm, _font, _size):
            if text.strip():  # where the text starts, on the page
                lefts.append(tm[4] * cm[0] + tm[5] * cm[2] + cm[4])

        text = "".join(p.extract_text(visitor_text=visit) for p in reader.pages)
        # Latin digits and letters come from a web font drawn as outlines:
        # only the Chinese text is extractable, which is what we check.
        for unit in units:
            with self.subTest(unit=unit.name):
                self.assertRegex(
                    text, on_one_line(unit.name), f"not on one line:\n{text}"
                )
        # The last column's header printed, nothing beyond the right margin.
        self.assertRegex(text, on_one_line("上期名次"))
        self.assertRegex(text, on_one_line("审定人"))
        self.assertRegex(text, on_one_line("张明"))
        self.assertLess(max(lefts), width - 15)


def on_one_line(words):
    """A pattern of ``words`` with no line break inside. The PDF's CJK font
    maps some characters to their radical forms (⽅ for 方) and pypdf may put
    a space between glyphs: both are allowed, a newline is not."""
    return "".join(f"(?:{re.escape(char)}|[\u2e80-\u2fdf])" for char in words).replace(
        ")(", ") ?("
    )
