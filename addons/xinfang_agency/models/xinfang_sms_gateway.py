import logging

import requests

from odoo import api, models

_logger = logging.getLogger(__name__)

SMS_PROVIDERS = [
    ("log", "Log Only (no SMS leaves the server)"),
    ("http", "HTTP Gateway (JSON)"),
    ("iap", "Odoo IAP"),
]
PARAM_PREFIX = "xinfang_agency.sms_"
HTTP_TIMEOUT = 10


class XinfangSmsGateway(models.AbstractModel):
    """Where ``sms.sms`` records go: a provider chosen in the settings.

    Odoo's IAP is not reachable from mainland government networks: by
    default SMS are only written to the server log ("log"), and an office
    configures its operator's HTTP gateway ("http"): each message is posted
    as JSON ``{"phone", "content", "sign", "id"}`` to the configured URL with
    the key in the ``Authorization`` header; any 2xx answer counts as sent.
    A provider is a method ``_send_<key>(messages)`` taking
    ``[{"uuid", "number", "content"}]`` and returning ``{uuid: state}`` with
    the states of ``sms.sms._send`` (``success``, ``server_error``,
    ``wrong_number_format``...): adding one is adding a method and a
    selection value.
    """

    _name = "xinfang.sms.gateway"
    _description = "SMS Gateway"

    @api.model
    def _param(self, key, default=""):
        return (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param(PARAM_PREFIX + key, default)
        )

    @api.model
    def _provider(self):
        provider = self._param("provider", "log")
        return provider if provider in dict(SMS_PROVIDERS) else "log"

    @api.model
    def _send(self, messages):
        return getattr(self, f"_send_{self._provider()}")(messages)

    @api.model
    def _signed(self, content):
        """The operator requires the sender's signature 【...】 before the text."""
        signature = self._param("signature")
        return f"【{signature}】{content}" if signature else content

    @api.model
    def _send_log(self, messages):
        for message in messages:
            _logger.info(
                "SMS (log only) to %s: %s",
                message["number"],
                self._signed(message["content"]),
            )
        return {message["uuid"]: "success" for message in messages}

    @api.model
    def _send_http(self, messages):
        url = self._param("http_url")
        if not url.startswith(("https://", "http://")):
            _logger.warning("SMS gateway: no valid URL configured")
            return {message["uuid"]: "server_error" for message in messages}
        headers = {
            "Authorization": self._param("http_key"),
            "Content-Type": "application/json",
        }
        results = {}
        for message in messages:
            payload = {
                "phone": message["number"],
                "content": self._signed(message["content"]),
                "sign": self._param("signature"),
                "id": message["uuid"],
            }
            try:
                response = requests.post(
                    url, json=payload, headers=headers, timeout=HTTP_TIMEOUT
                )
                results[message["uuid"]] = "success" if response.ok else "server_error"
            except requests.RequestException as error:
                _logger.warning("SMS gateway error for %s: %s", message["uuid"], error)
                results[message["uuid"]] = "server_error"
        return results
