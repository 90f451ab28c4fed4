"""Shared set-up of the 网上信访 tests: the flow's units and roles, and a
citizen's phone browser speaking to the public routes."""

import io
import re

from PIL import Image

from odoo.tests import HttpCase

from .case_flow_common import CaseFlowCommon
from .common import ID_LIU

PHONE = "13904771111"
OTHER_PHONE = "13904772222"
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
CHALLENGE = re.compile(r'name="challenge" value="([^"]*)"')
CODE_IN_SMS = re.compile(r"(\d{6})")
QUERY_CODE = re.compile(r'o_xinfang_query_code">([A-Z0-9]+)<')


def png_bytes(size=(8, 8)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


class CitizenCommon(CaseFlowCommon, HttpCase):
    """A unit (the flow's community) whose QR link petitions come from."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="zh_CN"))
        cls.token = cls.point.petition_token
        cls.category_id = cls.category.id

    def setUp(self):
        super().setUp()
        self.opener.headers["User-Agent"] = (
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148"
        )

    # ------------------------------------------------------------------
    # The citizen's browser
    # ------------------------------------------------------------------
    def csrf(self):
        """The session's CSRF token (any of our forms carries it)."""
        response = self.url_open("/xinfang/petition")
        self.assertEqual(response.status_code, 200, response.text[:500])
        return CSRF.search(response.text).group(1)

    def post(self, url, data, files=None):
        return self.url_open(url, data=dict(data, csrf_token=self.csrf()), files=files)

    def form_values(self, **overrides):
        values = {
            "name": "王秀英",
            "id_number": ID_LIU,
            "phone": PHONE,
            "address": "测试县和平路12号3单元",
            "category_id": str(self.category_id),
            "summary": "小区门口路灯损坏三个月未修",
            "demands": "夜间出行不便，请尽快修复小区门口的三盏路灯。",
            "consent_terms": "1",
            "consent_privacy": "1",
        }
        values.update(overrides)
        return values

    def petition_url(self, token=None):
        token = self.token if token is None else token
        return f"/xinfang/petition?unit={token}" if token else "/xinfang/petition"

    def last_sms(self, phone=PHONE):
        return self.env["sms.sms"].search(
            [("number", "=", phone)], order="id desc", limit=1
        )

    def send_code(self, phone=PHONE, token=None, **form):
        response = self.post(
            self.petition_url(token),
            self.form_values(phone=phone, send_code="1", **form),
        )
        self.assertEqual(response.status_code, 200, response.text[:500])
        challenge = CHALLENGE.search(response.text).group(1)
        sms = self.last_sms(phone)
        code = CODE_IN_SMS.search(sms.body).group(1) if sms and challenge else ""
        return challenge, code, response

    def submit(self, token=None, files=None, code=None, challenge=None, **form):
        phone = form.get("phone", PHONE)
        if challenge is None:
            challenge, sent_code, _response = self.send_code(phone=phone, token=token)
            code = sent_code if code is None else code
        values = self.form_values(
            challenge=challenge, code=code, submit_petition="1", **form
        )
        return self.post(self.petition_url(token), values, files=files)

    def cases_of(self, phone=PHONE):
        return self.env["xinfang.case"].sudo().search([("online_phone", "=", phone)])

    def new_online_case(self, phone=PHONE, **form):
        """An online petition registered through the form's own service."""
        service = self.env["xinfang.citizen.petition"]
        values, errors = service._validate(self.form_values(phone=phone, **form))
        self.assertFalse(errors)
        return service._submit(values, self.point, "qr", "127.0.0.1")

    def track(self, code, phone=PHONE):
        return self.post("/xinfang/track", {"code": code, "phone": phone})

    def sms_bodies(self, phone=PHONE):
        return (
            self.env["sms.sms"]
            .search([("number", "=", phone)], order="id")
            .mapped("body")
        )

    # ------------------------------------------------------------------
    # Staff take the online case through the flow
    # ------------------------------------------------------------------
    def to_staff_handling(self, case):
        case.with_user(self.clerk).leader_id = self.leader
        case.with_user(self.agent).action_submit_screening()
        self.screen(case)
        case.with_user(self.clerk).handler_id = self.handler
        case.with_user(self.principal).action_sign_assignment()
        return case

    def to_staff_close_signoff(self, case):
        self.to_staff_handling(case)
        as_handler = case.with_user(self.handler)
        as_handler.action_record_first_contact()
        as_handler.write(
            {
                "reply": "已安排维修人员更换小区门口三盏路灯，11月28日完工。",
                "result_class": "solved",
            }
        )
        as_handler.action_submit_reply()
        return case

    def to_staff_feedback(self, case):
        self.to_staff_close_signoff(case)
        case.with_user(self.principal).action_sign_closure()
        return case
