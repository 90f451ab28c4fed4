from odoo import api, fields, models

from .xinfang_sms_gateway import SMS_PROVIDERS


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    # The office's day and calendar (see res.company._xinfang_today).
    xinfang_office_tz = fields.Selection(
        related="company_id.partner_id.tz",
        readonly=False,
        string="Office Time Zone",
        help='"Today" for every deadline and window, whatever a user\'s own '
        "time zone. Empty: Asia/Shanghai.",
    )
    xinfang_calendar_warning = fields.Char(
        string="Calendar Warning", compute="_compute_xinfang_calendar_warning"
    )

    @api.depends("company_id")
    def _compute_xinfang_calendar_warning(self):
        holidays = self.env["xinfang.holiday"]
        year = holidays._missing_year()
        self.xinfang_calendar_warning = (
            holidays._missing_year_message(year) if year else False
        )

    # The SMS gateway citizens are told through (xinfang.sms.gateway).
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
        string="Gateway Key",
        config_parameter="xinfang_agency.sms_http_key",
        help="Sent in the Authorization header.",
    )
    xinfang_sms_signature = fields.Char(
        string="SMS Signature",
        config_parameter="xinfang_agency.sms_signature",
        help="The sender's signature registered with the operator, e.g. 某某县信访局.",
    )
