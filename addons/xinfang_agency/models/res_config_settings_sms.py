from odoo import fields, models

from .xinfang_sms_gateway import SMS_PROVIDERS


class ResConfigSettings(models.TransientModel):
    """The SMS gateway citizens are told through (xinfang.sms.gateway)."""

    _inherit = "res.config.settings"

    xinfang_sms_provider = fields.Selection(
        SMS_PROVIDERS,
        string="SMS Gateway",
        config_parameter="xinfang_agency.sms_provider",
        default="log",
        help="Log Only writes each SMS to the server log; HTTP Gateway posts "
        "it as JSON to the operator's URL.",
    )
    xinfang_sms_http_url = fields.Char(
        string="Gateway URL", config_parameter="xinfang_agency.sms_http_url"
    )
    xinfang_sms_http_key = fields.Char(
        string="Gateway Key", config_parameter="xinfang_agency.sms_http_key",
        help="Sent in the Authorization header.",
    )
    xinfang_sms_signature = fields.Char(
        string="SMS Signature", config_parameter="xinfang_agency.sms_signature",
        help="The sender's signature registered with the operator, e.g. 某某县信访局.",
    )
