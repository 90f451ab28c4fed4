"""上墙公示 poster: the unit's agents and a QR code of its petition form,
read back from the rendered image (issue 12, item 2)."""

import base64
import io
import re

import zxingcpp
from PIL import Image
from pypdf import PdfReader

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .citizen_common import CitizenCommon

POSTER = "xinfang_agency.action_report_unit_poster"
DATA_URI = re.compile(r'src="data:image/png;base64,([^"]+)"')


def decode(png):
    """The text of the one QR code in the image ``png`` (zxing-cpp reads it)."""
    codes = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    assert [code.format for code in codes] == [zxingcpp.BarcodeFormat.QRCode], codes
    return codes[0].text


@tagged("post_install", "-at_install")
class TestCitizenPoster(CitizenCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent.partner_id.phone = "0477-8123456"

    def test_poster_qr_code_reads_back_to_the_units_form(self):
        html = self.env["ir.actions.report"]._render_qweb_html(POSTER, self.point.ids)[
            0
        ]
        html = html.decode()
        self.assertIn(self.point.name, html)
        self.assertIn(self.agent.name, html)
        self.assertIn("0477-8123456", html)
        self.assertNotIn(self.handler.name, html, "only the unit's agents are listed")
        png = base64.b64decode(DATA_URI.search(html).group(1))
        url = decode(png)
        self.assertEqual(
            url, f"{self.base_url()}/xinfang/petition?unit={self.point.petition_token}"
        )
        self.assertEqual(url, self.point.petition_url)
        # The link opens the unit's own form.
        page = self.url_open(url)
        self.assertIn(self.point.name, page.text)
        self.assertNotIn("二维码已失效", page.text)

    def test_registered_unit_posts_its_agent_profiles_and_reception(self):
        """Once registered (备案), the wall list shows the registry's agents
        with their background and the unit's address and opening hours."""
        self.point.sudo().write(
            {"address": "春光社区服务中心一楼", "opening_hours": "工作日 8:30-17:30"}
        )
        self.env["xinfang.agent"].sudo().create(
            {
                "name": "陈秀英",
                "unit_id": self.point.id,
                "phone": "13847701234",
                "employment": "part_time",
                "background": "representative",
            }
        )
        html = (
            self.env["ir.actions.report"]
            .with_context(lang="zh_CN")
            ._render_qweb_html(POSTER, self.point.ids)[0]
            .decode()
        )
        for text in (
            "陈秀英",
            "13847701234",
            "春光社区服务中心一楼",
            "工作日 8:30-17:30",
        ):
            self.assertIn(text, html)
        self.assertNotIn(self.agent.name, html, "the registry replaces the user list")

    def test_poster_pdf_carries_the_qr_code(self):
        pdf, report_format = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(POSTER, self.point.ids)
        )
        self.assertEqual(report_format, "pdf")
        images = [
            image for page in PdfReader(io.BytesIO(pdf)).pages for image in page.images
        ]
        self.assertTrue(images, "the PDF holds the QR code as an image")
        buffer = io.BytesIO()
        images[0].image.save(buffer, format="PNG")
        self.assertEqual(decode(buffer.getvalue()), self.point.petition_url)

    def test_poster_of_a_full_point_fits_one_sheet(self):
        """A registered point with six agents, in Chinese: one A4 page."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.point.write(
            {
                "registration_date": "2025-03-01",
                "address": "幸福社区党群服务中心一楼代办窗口（幸福路18号）",
                "opening_hours": "工作日 8:30-12:00，14:30-17:30",
            }
        )
        backgrounds = ["cadre", "representative", "veteran_cadre", "lawyer"]
        self.env["xinfang.agent"].create(
            [
                {
                    "name": f"代办员{number}",
                    "unit_id": self.point.id,
                    "phone": f"1380000{number:04d}",
                    "employment": "full_time" if number == 1 else "part_time",
                    "background": backgrounds[number % len(backgrounds)],
                }
                for number in range(1, 7)
            ]
        )
        pdf, _format = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True, lang="zh_CN")
            ._render_qweb_pdf(POSTER, self.point.ids)
        )
        self.assertEqual(len(PdfReader(io.BytesIO(pdf)).pages), 1)

    def test_units_have_their_own_token_and_renewing_retires_the_old_one(self):
        self.assertNotEqual(self.point.petition_token, self.station.petition_token)
        self.assertGreaterEqual(len(self.point.petition_token), 20)
        old_url = self.petition_url()
        with self.assertRaises(AccessError):
            self.point.with_user(self.agent).action_renew_petition_token()
        self.point.with_user(self.manager).action_renew_petition_token()
        self.assertNotIn(self.token, self.point.petition_url)
        self.assertIn("二维码已失效", self.url_open(old_url).text)
