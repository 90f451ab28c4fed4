"""网上信访: the public form, its checks and its limits (issue 12, items 1, 3)."""

from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .citizen_common import OTHER_PHONE, PHONE, QUERY_CODE, CitizenCommon, png_bytes


@tagged("post_install", "-at_install")
class TestCitizenPetition(CitizenCommon):
    def assert_refused(self, response, fragment, phone=PHONE):
        self.assertEqual(response.status_code, 200)
        self.assertIn(fragment, response.text)
        self.assertFalse(self.cases_of(phone), "bad input must not create a case")

    def test_submit_from_unit_qr_code(self):
        page = self.url_open(self.petition_url())
        self.assertIn("测试社区", page.text, "the QR link names its unit")
        self.assertIn("网上信访", page.text)
        response = self.submit(
            files=[("files", ("路灯.png", png_bytes(), "image/png"))]
        )
        self.assertEqual(response.status_code, 200)
        case = self.cases_of()
        self.assertEqual(len(case), 1, response.text[-2000:])
        self.assertEqual(case.state, "registered")
        self.assertEqual(case.channel, "online")
        self.assertEqual(case.online_origin, "qr")
        self.assertEqual(case.agency_unit_id, self.point)
        self.assertEqual(case.category_id, self.category)
        self.assertEqual(case.petitioner_ids.xinfang_id_number, "150626198003151230")
        self.assertEqual(
            case.petitioner_ids,
            self.petitioner,
            "the petitioner is matched by 身份证号, not duplicated",
        )
        self.assertTrue(case.consent_date)
        self.assertEqual(case.consent_phone, PHONE)
        self.assertEqual(case.consent_ip, "127.0.0.1")
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .search([("res_model", "=", "xinfang.case"), ("res_id", "=", case.id)])
        )
        self.assertEqual(attachment.name, "路灯.png")
        self.assertEqual(attachment.mimetype, "image/png")
        # The 查询码 is shown and queued by SMS, in Chinese.
        shown = QUERY_CODE.search(response.text).group(1)
        self.assertEqual(shown, case.query_code)
        sms = self.last_sms()
        self.assertEqual(sms.state, "outgoing")
        self.assertIn(case.query_code, sms.body)
        self.assertIn("已收到", sms.body)
        self.assertIn("/xinfang/track", sms.body)
        # The unit's agent takes it up within one working day.
        intake = case.activity_ids.filtered(
            lambda a: a.activity_type_id
            == self.env.ref("xinfang_agency.mail_activity_type_online_intake")
        )
        self.assertEqual(intake.user_id, self.agent)
        self.assertEqual(
            intake.date_deadline,
            self.env["xinfang.holiday"].add_days(self.today, 1, "working"),
        )
        # The chatter tells the office, the 查询码 masked.
        bodies = " ".join(case.message_ids.mapped("body"))
        self.assertNotIn(case.query_code, bodies)
        case.with_user(self.agent).action_submit_screening()
        self.assertFalse(
            case.activity_ids.filtered(
                lambda a: a.activity_type_id == intake.activity_type_id
            )
        )

    def test_form_without_unit_goes_to_the_center(self):
        self.submit(token="")
        case = self.cases_of()
        self.assertEqual(case.online_origin, "form")
        self.assertFalse(case.agency_unit_id.parent_id)
        self.assertEqual(case.agency_unit_id.unit_type, "center")

    def test_retired_qr_code_is_said(self):
        page = self.url_open(self.petition_url("x" * 22))
        self.assertIn("二维码已失效", page.text)

    def test_wrong_id_number(self):
        response = self.submit(id_number="150626198003151231")
        self.assert_refused(response, "身份证号码不正确")

    def test_script_in_text(self):
        response = self.submit(summary="<script>alert(1)</script>路灯坏了")
        self.assert_refused(response, "网页代码")
        self.assertNotIn(
            "<script>alert(1)", response.text, "the input is echoed escaped"
        )

    def test_oversized_file(self):
        big = png_bytes() + b"\0" * (5 * 1024 * 1024)
        response = self.submit(files=[("files", ("大图.png", big, "image/png"))])
        self.assert_refused(response, "大于 5 MB")

    def test_wrong_type_file(self):
        response = self.submit(
            files=[("files", ("照片.jpg", b"MZ\x90\0" * 64, "image/jpeg"))]
        )
        self.assert_refused(response, "不是 JPG")

    def test_consent_required(self):
        response = self.submit(consent_privacy="")
        self.assert_refused(response, "隐私")

    def test_wrong_then_expired_then_reused_code(self):
        challenge, code, _response = self.send_code()
        wrong = "000000" if code != "000000" else "111111"
        response = self.submit(challenge=challenge, code=wrong)
        self.assert_refused(response, "验证码不正确")
        self.env["xinfang.citizen.code"].sudo().search(
            [("challenge", "=", challenge)]
        ).expires_at = fields.Datetime.now() - timedelta(minutes=1)
        response = self.submit(challenge=challenge, code=code)
        self.assert_refused(response, "验证码已过期")
        challenge, code, _response = self.send_code(phone=OTHER_PHONE)
        self.submit(challenge=challenge, code=code, phone=OTHER_PHONE)
        self.assertEqual(len(self.cases_of(OTHER_PHONE)), 1)
        response = self.submit(
            challenge=challenge, code=code, phone=OTHER_PHONE, summary="另一件事"
        )
        self.assertIn("验证码已使用", response.text)
        self.assertEqual(len(self.cases_of(OTHER_PHONE)), 1)

    def test_code_of_another_phone(self):
        challenge, code, _response = self.send_code(phone=OTHER_PHONE)
        response = self.submit(challenge=challenge, code=code, phone=PHONE)
        self.assert_refused(response, "请先获取")

    def test_honeypot(self):
        challenge, code, _response = self.send_code()
        response = self.submit(
            challenge=challenge, code=code, homepage="http://spam.example"
        )
        self.assert_refused(response, "未能提交")

    def test_code_rate_limit_per_phone(self):
        challenge, _code, _response = self.send_code()
        self.assertTrue(challenge)
        challenge, _code, response = self.send_code()
        self.assertFalse(challenge, "a second code within a minute is refused")
        self.assertIn("请求验证码过于频繁", response.text)
        self.assertEqual(self.env["sms.sms"].search_count([("number", "=", PHONE)]), 1)

    def test_submit_rate_limit_per_ip(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "xinfang_agency.throttle_submit_ip_hour", "2"
        )
        self.env["ir.config_parameter"].sudo().set_param(
            "xinfang_agency.throttle_code_phone_minute", "10"
        )
        self.submit()
        self.submit(summary="第二件事：楼道堆放杂物")
        self.assertEqual(len(self.cases_of()), 2)
        response = self.submit(summary="第三件事：噪声扰民")
        self.assertIn("提交次数过多", response.text)
        self.assertEqual(len(self.cases_of()), 2)

    def test_submit_rate_limit_per_phone(self):
        params = self.env["ir.config_parameter"].sudo()
        params.set_param("xinfang_agency.throttle_submit_phone_day", "1")
        params.set_param("xinfang_agency.throttle_code_phone_minute", "10")
        self.submit()
        response = self.submit(summary="第二件事：楼道堆放杂物")
        self.assertIn("今日提交次数过多", response.text)
        self.assertEqual(len(self.cases_of()), 1)

    def test_csrf_is_required(self):
        response = self.url_open(
            self.petition_url(), data=self.form_values(send_code="1")
        )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self.env["sms.sms"].search_count([("number", "=", PHONE)]))
