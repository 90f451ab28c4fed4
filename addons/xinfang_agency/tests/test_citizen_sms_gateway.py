"""The SMS gateway setting: queued sms.sms go to the configured provider,
not to Odoo's IAP (issue 12, item 5 of the issue: told by SMS)."""

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

from odoo.tests import TransactionCase, tagged


class _Operator(BaseHTTPRequestHandler):
    """A stand-in for the operator's gateway: records what it is sent."""

    received = []
    status = 200

    def do_POST(self):  # noqa: N802 - the http.server API
        length = int(self.headers["Content-Length"])
        _Operator.received.append(
            {
                "json": json.loads(self.rfile.read(length)),
                "authorization": self.headers["Authorization"],
            }
        )
        self.send_response(_Operator.status)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *_args):
        pass


@tagged("post_install", "-at_install")
class TestCitizenSmsGateway(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.params = cls.env["ir.config_parameter"].sudo()
        cls.server = HTTPServer(("127.0.0.1", 0), _Operator)
        cls.thread = threading.Thread(target=cls.server.serve_forever, daemon=True)
        cls.thread.start()
        cls.addClassCleanup(cls.server.shutdown)

    def setUp(self):
        super().setUp()
        _Operator.received = []
        _Operator.status = 200

    def queue(self, body="您的信访事项已收到，查询码 ABCDEFGHJK。"):
        return self.env["sms.sms"].create({"number": "13904771111", "body": body})

    def test_log_only_by_default(self):
        self.assertEqual(self.env["xinfang.sms.gateway"]._provider(), "log")
        sms = self.queue()
        self.assertEqual(sms.state, "outgoing")
        sms.send(unlink_sent=False)
        self.assertEqual(sms.state, "pending", "written to the log, counted as sent")
        self.assertFalse(_Operator.received, "nothing leaves the server")

    def test_http_gateway_posts_json_with_key_and_signature(self):
        self.params.set_param("xinfang_agency.sms_provider", "http")
        self.params.set_param(
            "xinfang_agency.sms_http_url",
            f"http://127.0.0.1:{self.server.server_port}/send",
        )
        self.params.set_param("xinfang_agency.sms_http_key", "key-123")
        self.params.set_param("xinfang_agency.sms_signature", "城关县信访局")
        sms = self.queue()
        sms.send(unlink_sent=False)
        self.assertEqual(sms.state, "pending")
        self.assertEqual(len(_Operator.received), 1)
        sent = _Operator.received[0]
        self.assertEqual(sent["authorization"], "key-123")
        self.assertEqual(sent["json"]["phone"], "13904771111")
        self.assertEqual(
            sent["json"]["content"],
            "【城关县信访局】您的信访事项已收到，查询码 ABCDEFGHJK。",
        )
        self.assertEqual(sent["json"]["sign"], "城关县信访局")
        self.assertEqual(sent["json"]["id"], sms.uuid)

    def test_http_gateway_refusal_is_an_error(self):
        self.params.set_param("xinfang_agency.sms_provider", "http")
        self.params.set_param(
            "xinfang_agency.sms_http_url",
            f"http://127.0.0.1:{self.server.server_port}/send",
        )
        _Operator.status = 500
        sms = self.queue()
        sms.send(unlink_failed=False)
        self.assertEqual(sms.state, "error")
        self.assertEqual(sms.failure_type, "sms_server")

    def test_http_gateway_without_url_sends_nothing(self):
        self.params.set_param("xinfang_agency.sms_provider", "http")
        sms = self.queue()
        sms.send(unlink_failed=False)
        self.assertEqual(sms.state, "error")
        self.assertFalse(_Operator.received)
