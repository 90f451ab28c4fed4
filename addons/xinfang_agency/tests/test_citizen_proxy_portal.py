"""代录 by an agent on a phone, and /my/petitions for citizens with an
account (issue 12, items 6-8)."""

import json

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .citizen_common import CHALLENGE, CODE_IN_SMS, OTHER_PHONE, PHONE, CitizenCommon
from .common import ID_SUN


@tagged("post_install", "-at_install")
class TestCitizenProxy(CitizenCommon):
    def test_agent_enters_a_petition_confirmed_by_the_citizens_code(self):
        self.authenticate("flow_agent", "flow_agent")
        page = self.url_open("/xinfang/proxy")
        self.assertIn("代录网上信访", page.text)
        self.assertIn(self.point.name, page.text)
        response = self.post("/xinfang/proxy", self.form_values(send_code="1"))
        challenge = CHALLENGE.search(response.text).group(1)
        code = CODE_IN_SMS.search(self.last_sms().body).group(1)
        # The wrong code changes nothing; the citizen's code registers it.
        wrong = "000000" if code != "000000" else "111111"
        response = self.post(
            "/xinfang/proxy",
            self.form_values(challenge=challenge, code=wrong, submit_petition="1"),
        )
        self.assertIn("验证码不正确", response.text)
        self.assertFalse(self.cases_of())
        self.post(
            "/xinfang/proxy",
            self.form_values(challenge=challenge, code=code, submit_petition="1"),
        )
        case = self.cases_of()
        self.assertEqual(case.online_origin, "proxy")
        self.assertEqual(case.channel, "online")
        self.assertEqual(case.online_entered_by_id, self.agent)
        self.assertEqual(case.agency_unit_id, self.point)
        self.assertEqual(case.consent_phone, PHONE)
        self.assertEqual(case.consent_ip, "127.0.0.1")
        self.assertTrue(case.consent_date)
        # The 代办单 prints the consent: time, phone, address, the agent.
        form = (
            self.env["ir.actions.report"]
            .with_user(self.agent)
            ._render_qweb_html(
                "xinfang_agency.action_report_case_agency_form", case.ids
            )[0]
            .decode()
        )
        self.assertIn("在线同意", form)
        self.assertIn(PHONE, form)
        self.assertIn("127.0.0.1", form)
        self.assertIn(f"由代办员 {self.agent.name} 代录", form)
        # The case form says how it arrived.
        self.assertEqual(
            dict(case._fields["online_origin"]._description_selection(self.env))[
                "proxy"
            ],
            "代办员代录",
        )

    def test_only_agents_enter_petitions_for_citizens(self):
        self.authenticate("flow_handler", "flow_handler")
        self.assertEqual(self.url_open("/xinfang/proxy").status_code, 404)
        self.authenticate(None, None)
        response = self.url_open("/xinfang/proxy", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
        self.assertIn("/web/login", response.headers["Location"])


@tagged("post_install", "-at_install")
class TestCitizenPortal(CitizenCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.citizen = new_test_user(
            cls.env,
            login="citizen_liu",
            groups="base.group_portal",
            partner_id=cls.petitioner.id,
            lang="zh_CN",
        )

    def setUp(self):
        super().setUp()
        self.mine = self.new_online_case()
        self.other = self.new_online_case(
            phone=OTHER_PHONE,
            name="孙立军",
            id_number=ID_SUN,
            summary="邻居违建遮挡采光",
        )

    def test_my_petitions_list_counter_and_page(self):
        self.authenticate("citizen_liu", "citizen_liu")
        home = self.url_open("/my")
        self.assertIn("我的信访", home.text)
        counters = self.url_open(
            "/my/counters",
            data=json.dumps({"params": {"counters": ["petition_count"]}}),
            headers={"Content-Type": "application/json"},
        ).json()["result"]
        self.assertEqual(counters["petition_count"], 1)
        listing = self.url_open("/my/petitions").text
        self.assertIn(self.mine.summary, listing)
        self.assertNotIn(self.other.summary, listing)
        page = self.url_open(self.mine.access_url).text
        self.assertIn(self.mine.query_code, page)
        self.assertIn("breadcrumb", page)
        self.assertIn('href="/my/petitions"', page)
        other = self.url_open(self.other.access_url, allow_redirects=False)
        self.assertIn(other.status_code, (302, 303))
        self.assertNotIn(self.other.summary, other.text)

    def test_portal_users_have_no_rpc_access_to_cases(self):
        with self.assertRaises(AccessError):
            self.env["xinfang.case"].with_user(self.citizen).search([])
        with self.assertRaises(AccessError):
            self.mine.with_user(self.citizen).read(["reply", "handler_id"])

    def test_access_token_link_without_login(self):
        self.mine._portal_ensure_token()
        page = self.url_open(
            f"{self.mine.access_url}?access_token={self.mine.access_token}"
        )
        self.assertIn(self.mine.query_code, page.text)
        wrong = self.url_open(
            f"{self.mine.access_url}?access_token=not-the-token", allow_redirects=False
        )
        self.assertIn(wrong.status_code, (302, 303))
