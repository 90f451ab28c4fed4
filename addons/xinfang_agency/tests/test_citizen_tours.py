"""网上信访 on a 390 px phone: the citizen and the agent click it through
(issue 12, item 9)."""

from unittest.mock import patch

from odoo.tests import tagged

from .citizen_common import PHONE, CitizenCommon

SMS_CODE = "246810"


@tagged("post_install", "-at_install")
class TestCitizenTours(CitizenCommon):
    browser_size = "390x844"
    touch_enabled = True

    def setUp(self):
        super().setUp()
        # The tour types the code the citizen would read in the SMS.
        code_model = type(self.env["xinfang.citizen.code"])
        patcher = patch.object(code_model, "_new_code", lambda _self: SMS_CODE)
        patcher.start()
        self.addCleanup(patcher.stop)

    def test_citizen_submits_tracks_rates_and_asks_for_review(self):
        self.start_tour(self.petition_url(), "xinfang_citizen_submit_and_track")
        case = self.cases_of()
        self.assertEqual(len(case), 1)
        self.assertEqual(case.state, "registered")
        self.assertEqual(case.online_origin, "qr")
        self.assertEqual(case.agency_unit_id, self.point)
        self.assertEqual(case.category_id.name, "市政设施")
        queued = self.env["sms.sms"].search(
            [("number", "=", PHONE), ("body", "like", case.query_code)]
        )
        self.assertEqual(queued.state, "outgoing")
        self.assertIn("已收到", queued.body)

        self.to_staff_feedback(case)
        self.start_tour(
            f"/xinfang/track#{case.query_code}", "xinfang_citizen_rate_and_review"
        )
        self.assertEqual(case.satisfaction, "dissatisfied")
        self.assertEqual(case.feedback_method, "online")
        self.assertEqual(case.citizen_comment, "只修了一盏灯，另外两盏仍不亮。")
        self.assertEqual(case.review_ids.mapped("level"), ["review"])
        self.assertEqual(case.review_ids.request_date, self.today)

    def test_agent_enters_a_petition_on_a_phone(self):
        self.start_tour(
            "/xinfang/proxy", "xinfang_agent_proxy_entry", login="flow_agent"
        )
        case = self.cases_of()
        self.assertEqual(case.online_origin, "proxy")
        self.assertEqual(case.online_entered_by_id, self.agent)
        self.assertEqual(case.summary, "楼道堆放杂物堵塞消防通道")
        self.assertTrue(case.consent_date)
