import json

from odoo.tests import HttpCase, tagged

from ..models.xinfang_intake_claim import claim_key
from .warning_common import ID_ZHAO, WarningCommon


@tagged("post_install", "-at_install")
class TestIntakeApi(WarningCommon, HttpCase):
    """create_from_platform over JSON-RPC, as a platform integration calls it."""

    def setUp(self):
        super().setUp()
        self.authenticate(self.agent.login, self.agent.login)

    def _payload(self, **changes):
        payload = {
            "channel": "online",
            "external_id": "WSXF-2026-000123",
            "received_date": str(self.today),
            "summary": "村道年久失修，雨天无法通行",
            "demands": "请求硬化村道",
            "petitioners": [
                {
                    "name": "赵国强",
                    "id_number": ID_ZHAO,
                    "phone": "13904771234",
                    "address": "和平村三组",
                },
            ],
        }
        payload.update(changes)
        return payload

    def _call(self, payload):
        body = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": 1,
            "params": {
                "model": "xinfang.intake",
                "method": "create_from_platform",
                "args": [payload],
                "kwargs": {},
            },
        }
        response = self.url_open(
            "/web/dataset/call_kw/xinfang.intake/create_from_platform",
            data=json.dumps(body),
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 200)
        return response.json()

    def _count(self):
        return (
            self.env["xinfang.case"]
            .sudo()
            .search_count([("external_ref", "!=", False)])
        )

    def test_intake_is_idempotent(self):
        before = self._count()
        first = self._call(self._payload())
        self.assertNotIn("error", first)
        result = first["result"]
        self.assertTrue(result["created"])
        case = self.env["xinfang.case"].browse(result["case_id"])
        self.assertEqual(case.channel, "online")
        self.assertEqual(case.external_ref, "WSXF-2026-000123")
        self.assertEqual(case.summary, "村道年久失修，雨天无法通行")
        self.assertEqual(case.agency_unit_id, self.point)
        self.assertEqual(case.petitioner_ids.sudo().xinfang_id_number, ID_ZHAO)
        second = self._call(self._payload(summary="重复推送"))["result"]
        self.assertEqual(second["case_id"], case.id)
        self.assertFalse(second["created"])
        self.assertEqual(self._count(), before + 1)
        self.assertEqual(case.summary, "村道年久失修，雨天无法通行")
        # The same external id on another channel is another case, and the
        # known petitioner is reused.
        third = self._call(self._payload(channel="hotline_12345"))["result"]
        self.assertNotEqual(third["case_id"], case.id)
        self.assertEqual(
            self.env["xinfang.case"].browse(third["case_id"]).petitioner_ids,
            case.petitioner_ids,
        )
        partners = (
            self.env["res.partner"]
            .sudo()
            .search_count([("xinfang_id_number", "=", ID_ZHAO)])
        )
        self.assertEqual(partners, 1)

    def test_platform_account_does_not_follow_what_it_files(self):
        """The chatter tells the intake; the agent's account calling for the
        platform is not made a follower (it would collect every case's
        notifications, and nobody reads them there)."""
        result = self._call(self._payload())["result"]
        case = self.env["xinfang.case"].browse(result["case_id"])
        self.assertNotIn(self.agent.partner_id, case.message_partner_ids)
        self.assertEqual(case.message_ids.author_id, self.agent.partner_id)
        self.assertEqual(len(case.message_ids), 1)

    def test_archived_petitioner_gets_a_new_contact_under_the_old_claim(self):
        """The 身份证号 was claimed by the first intake; its contact is archived
        since. The next intake finds no contact, takes the old claim again
        (tests/test_multiworker.py shows why, with ten at once) and creates
        one; the claim is kept once, as a number."""
        first = self._call(self._payload())["result"]
        old = self.env["xinfang.case"].browse(first["case_id"]).petitioner_ids
        old.sudo().action_archive()
        second = self._call(self._payload(external_id="WSXF-2026-000124"))
        self.assertNotIn("error", second)
        new = (
            self.env["xinfang.case"]
            .browse(second["result"]["case_id"])
            .petitioner_ids.sudo()
        )
        self.assertTrue(new.active)
        self.assertNotEqual(new, old)
        self.assertEqual(new.xinfang_id_number, ID_ZHAO)
        claims = self.env["xinfang.intake.claim"].sudo()
        self.assertEqual(
            claims.search_count([("key", "=", claim_key(f"id:{ID_ZHAO}"))]), 1
        )

    def test_bad_input_names_the_field_and_creates_nothing(self):
        before = self._count()
        bad_id = ID_ZHAO[:-1] + ("0" if ID_ZHAO[-1] != "0" else "1")
        cases = [
            ({"channel": "fax"}, "channel"),
            ({"received_date": "2026-13-40"}, "received_date"),
            ({"received_date": "2999-01-01"}, "received_date"),
            ({"summary": "  "}, "summary"),
            ({"demands": None}, "demands"),
            ({"external_id": ""}, "external_id"),
            ({"petitioners": []}, "petitioners"),
            (
                {"petitioners": [{"name": "赵国强", "id_number": bad_id}]},
                "petitioners[0].id_number",
            ),
            (
                {
                    "petitioners": [
                        {"name": "赵国强", "id_number": ID_ZHAO, "phone": "12345"}
                    ]
                },
                "petitioners[0].phone",
            ),
            (
                {"petitioners": [{"name": "", "id_number": ID_ZHAO}]},
                "petitioners[0].name",
            ),
            ({"headcount": 0}, "headcount"),
            ({"colour": "red"}, "colour"),
        ]
        for changes, field in cases:
            with self.subTest(field=field):
                answer = self._call(self._payload(**changes))
                self.assertIn("error", answer)
                message = answer["error"]["data"]["message"]
                self.assertIn(field, message)
                self.assertEqual(
                    answer["error"]["data"]["name"], "odoo.exceptions.ValidationError"
                )
        self.assertEqual(self._count(), before)

    def test_handler_may_not_register(self):
        self.authenticate(self.handler.login, self.handler.login)
        answer = self._call(self._payload(external_id="X-1"))
        self.assertIn("error", answer)
        self.assertEqual(answer["error"]["data"]["name"], "odoo.exceptions.AccessError")

    def test_oversized_text_control_characters_and_old_dates_are_refused(self):
        before = self._count()
        huge = "访" * 100_000
        cases = [
            ({"summary": huge}, "summary"),
            ({"demands": huge}, "demands"),
            ({"demands": "请求\x00硬化"}, "demands"),
            ({"external_id": "WS\x1b-1"}, "external_id"),
            ({"received_date": "1800-01-01"}, "received_date"),
            (
                {"petitioners": [{"name": huge, "id_number": ID_ZHAO}]},
                "petitioners[0].name",
            ),
            (
                {"petitioners": [{"name": "赵\x00国强", "id_number": ID_ZHAO}]},
                "petitioners[0].name",
            ),
            (
                {
                    "petitioners": [
                        {"name": "赵国强", "id_number": ID_ZHAO, "address": huge}
                    ]
                },
                "petitioners[0].address",
            ),
        ]
        for changes, field in cases:
            with self.subTest(field=field):
                answer = self._call(self._payload(**changes))
                self.assertIn("error", answer)
                self.assertEqual(
                    answer["error"]["data"]["name"], "odoo.exceptions.ValidationError"
                )
                self.assertIn(field, answer["error"]["data"]["message"])
        self.assertEqual(self._count(), before)
