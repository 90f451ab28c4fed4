import datetime
import io

from openpyxl import load_workbook

from odoo.tests import tagged

from .warning_common import WarningCommon


@tagged("post_install", "-at_install")
class TestCaseLedger(WarningCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")

    def _ledger(self, cases, user):
        content, kind = (
            self.env["ir.actions.report"]
            .with_user(user)
            .with_context(lang="zh_CN")
            ._render_xlsx(
                "xinfang_agency.action_report_case_ledger_xlsx", cases.ids, None
            )
        )
        self.assertEqual(kind, "xlsx")
        return load_workbook(io.BytesIO(content)).active

    def test_ledger_columns_and_values(self):
        case = self.new_case(
            summary='=HYPERLINK("http://evil","点击")',
            demands="+1 请求退还押金",
        )
        # Deadlines come from the flow's steps, never from a person's hand.
        case.sudo().deadline_date = self.today + datetime.timedelta(days=10)
        self.env["xinfang.case.ownership"].create(
            {
                "case_id": case.id,
                "leader_id": self.leader.id,
                "duty_resolution_note": "-协调物业退还押金",
            }
        )
        other = self.new_case(summary="@噪音扰民")
        sheet = self._ledger(case | other, self.clerk)
        headers = [cell.value for cell in sheet[1]]
        for expected in (
            "诉求内容",
            "分类处理情况",
            "具体工作措施",
            "包案领导",
            "责任单位/责任人",
            "处理时限",
            "状态",
        ):
            self.assertIn(expected, headers)
        self.assertEqual(sheet.freeze_panes, "A2")
        col = {header: index for index, header in enumerate(headers)}
        self.assertGreater(sheet.column_dimensions["C"].width, 20)
        rows = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
        self.assertEqual(len(rows), 2)
        row = rows[case.name]
        demands = row[col["诉求内容"]]
        self.assertEqual(demands.data_type, "s")
        self.assertTrue(demands.value.startswith("=HYPERLINK"), "kept as text")
        self.assertIn("+1 请求退还押金", demands.value)
        self.assertEqual(row[col["具体工作措施"]].data_type, "s")
        self.assertIn("-协调物业退还押金", row[col["具体工作措施"]].value)
        self.assertEqual(row[col["包案领导"]].value, "分管领导戊")
        self.assertEqual(row[col["责任单位/责任人"]].value, "测试城建办 / 承办人丁")
        deadline = row[col["处理时限"]].value
        self.assertIsInstance(deadline, datetime.datetime, "a real date, not text")
        self.assertEqual(deadline.date(), case.deadline_date)
        self.assertEqual(
            row[col["状态"]].value, case.stage_id.with_context(lang="zh_CN").name
        )
        self.assertEqual(rows[other.name][col["诉求内容"]].data_type, "s")
