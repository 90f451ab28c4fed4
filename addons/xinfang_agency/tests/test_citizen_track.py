"""网上信访: tracking, being told, rating and 复查 online (issue 12, items 2-4)."""

from datetime import timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools.misc import format_date

from .citizen_common import OTHER_PHONE, PHONE, CitizenCommon
from .common import ID_SUN


@tagged("post_install", "-at_install")
class TestCitizenTrack(CitizenCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.staff = cls.agent | cls.clerk | cls.handler | cls.leader | cls.principal

    def setUp(self):
        super().setUp()
        self.case = self.new_online_case()
        self.other = self.new_online_case(
            phone=OTHER_PHONE,
            name="孙立军",
            id_number=ID_SUN,
            summary="邻居违建遮挡采光",
            demands="请求拆除邻居加盖的彩钢房。",
        )

    def page(self):
        response = self.url_open("/xinfang/track")
        self.assertEqual(response.status_code, 200)
        return response.text

    def assert_no_leak(self, html, case, letter=False):
        """Nothing of the other case, no staff, no identity on the page (the
        written reply carries the case's own number)."""
        hidden = [
            self.other.query_code,
            self.other.summary,
            self.other.demands,
            self.other.name,
            ID_SUN,
            "150626198003151230",
        ]
        if not letter:
            hidden.append(case.name)
        for value in hidden:
            self.assertNotIn(value, html)
        for user in self.staff:
            self.assertNotIn(user.name, html, f"staff name {user.name} on the page")
            self.assertNotIn(user.login, html)
        if not case.close_signed:
            self.assertNotIn(case.reply or "\0", html, "the reply before 办结签")

    def test_track_progress_in_plain_words(self):
        response = self.track(self.case.query_code)
        html = response.text
        self.assertIn(self.case.query_code, html)
        self.assertIn(self.case.summary, html)
        self.assertIn("已收到，等待受理", html)
        self.assert_no_leak(html, self.case)

        self.to_staff_handling(self.case)
        html = self.page()
        self.assertIn("正在办理", html)
        self.assertIn(self.dept.name, html, "the handling unit is named")
        self.assertIn("办理期限", html)
        self.assertIn(format_date(self.env, self.case.deadline_date), html)
        self.assert_no_leak(html, self.case)

        self.case.with_user(self.handler).action_request_extension(
            10, "需协调供电公司更换线路"
        )
        self.case.with_user(self.leader).action_approve_extension()
        html = self.page()
        self.assertIn("延期天数", html)
        self.assertIn("需协调供电公司更换线路", html)

        self.case.with_user(self.handler).action_record_first_contact()
        self.case.with_user(self.handler).write(
            {"reply": "已安排维修人员更换小区门口三盏路灯。", "result_class": "solved"}
        )
        self.case.with_user(self.handler).action_submit_reply()
        html = self.page()
        self.assert_no_leak(html, self.case)
        self.assertNotIn("o_xinfang_reply_pdf", html)
        reply_url = f"/xinfang/track/reply?case_id={self.case.id}"
        self.assertEqual(
            self.url_open(reply_url).status_code, 404, "no reply before 办结签"
        )

        self.case.with_user(self.principal).action_sign_closure()
        html = self.page()
        self.assertIn("已安排维修人员更换小区门口三盏路灯。", html)
        self.assertIn("o_xinfang_reply_pdf", html)
        self.assert_no_leak(html, self.case)
        letter = self.url_open(reply_url)
        self.assertEqual(letter.status_code, 200)
        self.assertIn("信访事项答复意见书", letter.text)
        self.assertIn("已安排维修人员更换小区门口三盏路灯。", letter.text)
        self.assertIn(self.dept.name, letter.text)
        self.assert_no_leak(letter.text, self.case, letter=True)

    def test_refused_with_its_reason(self):
        self.case.with_user(self.agent).action_submit_screening()
        self.screen(
            self.case,
            outcome="legal_route",
            legal_route="litigation",
            note="属于民事纠纷，建议向人民法院起诉。",
        )
        self.track(self.case.query_code)
        html = self.page()
        self.assertIn("不予代办", html)
        self.assertIn("属于民事纠纷，建议向人民法院起诉。", html)
        self.assertIn("未予代办", self.sms_bodies()[-1])
        self.assertIn("属于民事纠纷", self.sms_bodies()[-1])

    def test_another_citizens_code_is_refused(self):
        response = self.track(self.other.query_code, PHONE)
        self.assertIn("查询码或手机号不正确", response.text)
        self.assertNotIn(self.other.summary, response.text)
        response = self.track(self.case.query_code, OTHER_PHONE)
        self.assertNotIn(self.case.summary, response.text)
        # Nor can a session act on a case it did not look up.
        response = self.post(
            "/xinfang/track/rate",
            {"case_id": self.other.id, "satisfaction": "dissatisfied"},
        )
        self.assertEqual(response.status_code, 404)
        self.assertEqual(
            self.url_open(f"/xinfang/track/reply?case_id={self.other.id}").status_code,
            404,
        )

    def test_wrong_pairs_are_rate_limited(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "xinfang_agency.throttle_track_ip_hour", "3"
        )
        for _attempt in range(3):
            self.track("ABCDEFGHJK")
        response = self.track(self.case.query_code)
        self.assertIn("错误次数过多", response.text)
        self.assertNotIn(self.case.summary, response.text)

    def test_wrong_pairs_on_one_code_are_rate_limited(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "xinfang_agency.throttle_track_code_hour", "2"
        )
        for phone in ("13900000001", "13900000002"):
            self.track(self.case.query_code, phone)
        response = self.track(self.case.query_code)
        self.assertIn("错误次数过多", response.text)

    def test_rate_dissatisfied_then_request_review(self):
        self.to_staff_feedback(self.case)
        self.track(self.case.query_code)
        html = self.page()
        self.assertIn("o_xinfang_rate_form", html)
        self.assertIn("不满意", html)
        self.post(
            "/xinfang/track/rate",
            {
                "case_id": self.case.id,
                "satisfaction": "dissatisfied",
                "comment": "只修了一盏灯，另外两盏仍不亮。",
            },
        )
        self.assertEqual(self.case.satisfaction, "dissatisfied")
        self.assertEqual(self.case.feedback_method, "online")
        self.assertEqual(self.case.feedback_date, self.today)
        self.assertEqual(self.case.citizen_comment, "只修了一盏灯，另外两盏仍不亮。")
        self.assertEqual(self.case.state, "feedback")
        html = self.page()
        self.assertIn("o_xinfang_review_form", html)
        self.assertNotIn("o_xinfang_rate_form", html)
        self.post("/xinfang/track/review", {"case_id": self.case.id})
        self.assertEqual(self.case.review_ids.mapped("level"), ["review"])
        self.assertEqual(self.case.review_ids.request_date, self.today)
        review_activity = self.case.activity_ids.filtered(
            lambda a: a.activity_type_id
            == self.env.ref("xinfang_agency.mail_activity_type_deadline_review")
        )
        self.assertEqual(
            review_activity.date_deadline,
            self.case._deadline_add(self.today, "review_answer"),
        )
        html = self.page()
        self.assertIn("申请复查", html)
        self.assertNotIn("o_xinfang_review_form", html, "one review only")
        # A second request is refused and changes nothing.
        self.post("/xinfang/track/review", {"case_id": self.case.id})
        self.assertEqual(self.case.review_ids.request_date, self.today)

    def test_rate_satisfied_starts_the_revisit(self):
        self.to_staff_feedback(self.case)
        self.track(self.case.query_code)
        self.post(
            "/xinfang/track/rate",
            {"case_id": self.case.id, "satisfaction": "satisfied"},
        )
        self.assertEqual(self.case.state, "revisit")
        self.assertNotIn("o_xinfang_review_form", self.page())

    def test_rating_checks_its_input(self):
        self.to_staff_feedback(self.case)
        self.track(self.case.query_code)
        response = self.post(
            "/xinfang/track/rate", {"case_id": self.case.id, "satisfaction": "bogus"}
        )
        self.assertIn("请选择您的满意程度", response.text)
        response = self.post(
            "/xinfang/track/rate",
            {
                "case_id": self.case.id,
                "satisfaction": "satisfied",
                "comment": "<img src=x onerror=alert(1)>",
            },
        )
        self.assertIn("网页代码", response.text)
        self.assertFalse(self.case.satisfaction)

    def test_review_window_closes_after_30_days(self):
        self.to_staff_feedback(self.case)
        self.case.with_user(self.agent).action_record_feedback("dissatisfied", "phone")
        long_ago = self.today - timedelta(days=40)
        self.case.sudo().write(
            {
                "received_date": long_ago - timedelta(days=10),
                "closed_date": long_ago,
                "feedback_date": long_ago,
            }
        )
        self.track(self.case.query_code)
        self.assertNotIn("o_xinfang_review_form", self.page())
        response = self.post("/xinfang/track/review", {"case_id": self.case.id})
        self.assertFalse(self.case.review_ids)
        self.assertIn("30", response.text)

    def test_told_at_each_step_by_sms(self):
        self.assertIn("已收到", self.sms_bodies()[-1])
        self.to_staff_handling(self.case)
        bodies = self.sms_bodies()
        self.assertIn("已受理", bodies[-2])
        self.assertIn(f"已交{self.dept.name}办理", bodies[-1])
        self.case.with_user(self.handler).action_request_extension(10, "需协调供电公司")
        self.case.with_user(self.leader).action_approve_extension()
        self.assertIn("办理期限延长至", self.sms_bodies()[-1])
        self.assertIn("需协调供电公司", self.sms_bodies()[-1])
        self.case.with_user(self.handler).action_record_first_contact()
        self.case.with_user(self.handler).write(
            {"reply": "已更换路灯。", "result_class": "solved"}
        )
        self.case.with_user(self.handler).action_submit_reply()
        self.case.with_user(self.principal).action_sign_closure()
        self.assertIn("已作出书面答复", self.sms_bodies()[-1])
        self.case.with_user(self.agent).action_record_feedback("dissatisfied", "phone")
        self.case.with_user(self.agent).action_request_review()
        self.case.with_user(self.clerk).action_record_review_answer(
            answer="经复查，维持原答复意见。", outcome="upheld"
        )
        self.assertIn("复查申请", self.sms_bodies()[-1])
        self.case.with_user(self.agent).action_start_revisit()
        self.case.with_user(self.agent).action_record_revisit(note="信访人表示理解。")
        self.assertIn("已完成回访并办结", self.sms_bodies()[-1])
        sms = self.env["sms.sms"].search([("number", "=", PHONE)])
        self.assertEqual(
            set(sms.mapped("state")), {"outgoing"}, "queued, not sent inline"
        )
        self.assertTrue(
            all(self.case.query_code in body for body in sms.mapped("body"))
        )
        self.assertFalse(
            self.env["sms.sms"].search(
                [("number", "=", OTHER_PHONE), ("body", "like", "受理")]
            )
        )

    def test_a_step_on_several_cases_tells_each_citizen_once(self):
        """The flow's hooks run once on the cases a step moved: two
        extensions approved together queue one SMS to each citizen."""
        cases = self.to_staff_handling(self.case) | self.to_staff_handling(self.other)
        cases.with_user(self.handler).action_request_extension(10, "需协调供电公司")
        before = len(self.sms_bodies()), len(self.sms_bodies(OTHER_PHONE))
        cases.with_user(self.leader).action_approve_extension()
        after = len(self.sms_bodies()), len(self.sms_bodies(OTHER_PHONE))
        self.assertEqual(after, (before[0] + 1, before[1] + 1))
        self.assertIn("办理期限延长至", self.sms_bodies(OTHER_PHONE)[-1])
        self.assertIn(self.other.query_code, self.sms_bodies(OTHER_PHONE)[-1])

    def test_told_by_mail_where_an_address_is_given(self):
        case = self.new_online_case(
            phone="13904773333",
            name="赵国强",
            id_number="11010519491231002X",
            email="zhao@example.com",
        )
        self.assertEqual(case.online_email, "zhao@example.com")
        self.to_staff_handling(case)
        mails = (
            self.env["mail.mail"].sudo().search([("email_to", "=", "zhao@example.com")])
        )
        self.assertEqual(len(mails), 3, "received, accepted, assigned")
        self.assertTrue(all(case.query_code in mail.subject for mail in mails))
        self.assertIn("已受理", " ".join(mails.mapped("body_html")))

    def test_staff_cannot_forge_or_read_what_is_the_citizens(self):
        self.to_staff_handling(self.case)
        # The handler reads the case, not the citizen's phone or 查询码.
        self.case.with_user(self.handler).read(["summary", "online_origin"])
        for fname in ("query_code", "online_phone", "consent_phone", "consent_ip"):
            with self.assertRaises(AccessError):
                self.case.with_user(self.handler).read([fname])
        self.assertEqual(
            self.case.with_user(self.agent).read(["query_code"])[0]["query_code"],
            self.case.query_code,
        )
        # Nobody sets them by hand, not even the agent or the clerk.
        for user in (self.agent, self.clerk):
            for vals in (
                {"query_code": "ABCDEFGHJK"},
                {"online_phone": "13900000000"},
                {"consent_date": "2026-01-01 00:00:00"},
                {"online_origin": "proxy"},
                {"citizen_comment": "满意"},
            ):
                try:
                    with self.env.cr.savepoint():
                        self.case.with_user(user).write(vals)
                except (AccessError, UserError):
                    continue
                self.fail(f"{user.login} could write {vals}")
