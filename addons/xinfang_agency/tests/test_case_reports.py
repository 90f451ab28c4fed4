import io
import unicodedata

from pypdf import PdfReader

from odoo.tests import HttpCase, tagged

from .warning_common import WarningCommon

# wkhtmltopdf's ToUnicode maps some Noto CJK glyphs to the radical sharing
# the glyph (⽇ for 日, ⻅ for 见): NFKC folds the Kangxi radicals, this table
# the simplified-form radicals, so that the text compares with real words.
RADICALS = str.maketrans(
    "⻅⻓⻔⻛⻜⻚⻢⻋⻉⻘⻝⻨⻩⻬⻮⻰⻥⻦⻆⻄⻈⻙⻪⻧⻤",
    "见长门风飞页马车贝青食麦黄齐齿龙鱼鸟角西讠韦黾卤鬼",
)


@tagged("post_install", "-at_install")
class TestCaseReports(WarningCommon, HttpCase):
    """The paper forms render as PDF with their Chinese headings and values.

    HttpCase: wkhtmltopdf fetches the report assets from the test server.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        (cls.clerk | cls.leader).write({"lang": "zh_CN"})

    def _pdf_text(self, report, records, user):
        pdf, kind = (
            self.env["ir.actions.report"]
            .with_user(user)
            .with_context(force_report_rendering=True, lang="zh_CN")
            ._render_qweb_pdf(report, records.ids)
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
        return self._norm(text)

    @staticmethod
    def _norm(text):
        text = unicodedata.normalize("NFKC", text).translate(RADICALS)
        return "".join(text.split())  # wkhtmltopdf may break lines anywhere

    def assertAllIn(self, expected_items, text):
        for expected in expected_items:
            self.assertIn(self._norm(expected), text)

    def test_agency_form(self):
        case = self.new_case(summary="小区雨污管道堵塞", demands="请求疏通管道")
        case.sudo().write(
            {
                "reply": "已协调物业于本周内疏通管道",
                "satisfaction": "fairly_satisfied",
                "feedback_method": "letter",
            }
        )
        text = self._pdf_text(
            "xinfang_agency.action_report_case_agency_form", case, self.clerk
        )
        self.assertAllIn(
            (
                "■书面告知",
                "□口头告知",
                "■比较满意",
                "□满意",
                "已协调物业于本周内疏通管道",
            ),
            text,
        )
        self.assertAllIn(
            (
                "信访事项代办单",
                "信访人姓名",
                "身份证号",
                "地址",
                "电话",
                "反映的问题及诉求",
                "代办方（人）",
                "告知方式",
                "口头告知",
                "书面告知",
                "代理结果",
                "信访人意见",
                "比较满意",
                "不满意",
                case.name,
                "王秀兰",
                self.petitioner.sudo().xinfang_id_number,
                "13804775678",
                "幸福路8号",
                "小区雨污管道堵塞",
                "请求疏通管道",
                "测试社区",
            ),
            text,
        )

    def test_disposal_form(self):
        case = self.new_case(summary="路灯损坏无人维修")
        text = self._pdf_text(
            "xinfang_agency.action_report_case_disposal_form", case, self.clerk
        )
        self.assertAllIn(
            (
                "信访事项处置单",
                "姓名",
                "联系电话",
                "住址",
                "内容分类",
                "内容摘要",
                "拟办意见",
                "分管领导处理意见",
                "领导批示",
                "进度催办",
                "处理结果",
                "王秀兰",
                "13804775678",
                "路灯损坏无人维修",
                "".join(
                    case.category_id.with_context(lang="zh_CN").complete_name.split()
                ),
            ),
            text,
        )

    def test_warning_notice(self):
        case = self.new_case(headcount=12, summary="征地补偿群体反映")
        warning = case.warning_ids
        warning.with_user(self.head).write(
            {
                "cause_analysis": "补偿标准解释不到位",
                "resolution_measures": "召开专题会商明确补偿方案",
                "stabilisation_measures": "包案领导每周约访",
            }
        )
        warning.with_user(self.leader).action_sign()
        text = self._pdf_text(
            "xinfang_agency.action_report_case_warning", warning, self.leader
        )
        self.assertAllIn(
            (
                "信访事项预警提醒单",
                "原因分析",
                "化解措施",
                "稳控措施",
                "集体访",
                warning.name,
                "征地补偿群体反映",
                "城建办主任丙",
                "分管领导戊",
                "书记己",
                "补偿标准解释不到位",
                "召开专题会商明确补偿方案",
                "包案领导每周约访",
            ),
            text,
        )
