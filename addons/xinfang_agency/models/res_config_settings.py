from odoo import api, fields, models

from .xinfang_deadline_mixin import DEADLINE_LIMITS
from .xinfang_sms_gateway import SMS_PROVIDERS

LIMIT_UNITS = [("calendar", "Calendar Days"), ("working", "Working Days")]


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

    # Deadline limits of petition cases: a number of days and its unit each.
    # Defaults come from DEADLINE_LIMITS; the mixin reads the same parameters.

    xinfang_limit_first_contact_days = fields.Integer(
        string="First Contact",
        config_parameter="xinfang_agency.limit_first_contact_days",
        default=DEADLINE_LIMITS["first_contact"][0],
        help="First phone contact with the petitioner after assignment",
    )
    xinfang_limit_first_contact_unit = fields.Selection(
        LIMIT_UNITS,
        string="First Contact Unit",
        config_parameter="xinfang_agency.limit_first_contact_unit",
        default=DEADLINE_LIMITS["first_contact"][1],
    )

    xinfang_limit_handling_phone_days = fields.Integer(
        string="Phone and Online Petitions",
        config_parameter="xinfang_agency.limit_handling_phone_days",
        default=DEADLINE_LIMITS["handling_phone"][0],
        help="Closing phone and online petitions",
    )
    xinfang_limit_handling_phone_unit = fields.Selection(
        LIMIT_UNITS,
        string="Phone and Online Petitions Unit",
        config_parameter="xinfang_agency.limit_handling_phone_unit",
        default=DEADLINE_LIMITS["handling_phone"][1],
    )

    xinfang_limit_handling_letter_days = fields.Integer(
        string="Letters and Visits",
        config_parameter="xinfang_agency.limit_handling_letter_days",
        default=DEADLINE_LIMITS["handling_letter"][0],
        help="Closing letter and visit petitions",
    )
    xinfang_limit_handling_letter_unit = fields.Selection(
        LIMIT_UNITS,
        string="Letters and Visits Unit",
        config_parameter="xinfang_agency.limit_handling_letter_unit",
        default=DEADLINE_LIMITS["handling_letter"][1],
    )

    xinfang_limit_handling_multi_days = fields.Integer(
        string="Multi-department Cases",
        config_parameter="xinfang_agency.limit_handling_multi_days",
        default=DEADLINE_LIMITS["handling_multi"][0],
        help="Closing multi-department cases, from the plan",
    )
    xinfang_limit_handling_multi_unit = fields.Selection(
        LIMIT_UNITS,
        string="Multi-department Cases Unit",
        config_parameter="xinfang_agency.limit_handling_multi_unit",
        default=DEADLINE_LIMITS["handling_multi"][1],
    )

    xinfang_limit_handling_complex_days = fields.Integer(
        string="Complex Cases",
        config_parameter="xinfang_agency.limit_handling_complex_days",
        default=DEADLINE_LIMITS["handling_complex"][0],
        help="Closing complex or major cases, from the leaders' consultation",
    )
    xinfang_limit_handling_complex_unit = fields.Selection(
        LIMIT_UNITS,
        string="Complex Cases Unit",
        config_parameter="xinfang_agency.limit_handling_complex_unit",
        default=DEADLINE_LIMITS["handling_complex"][1],
    )

    xinfang_limit_ceiling_days = fields.Integer(
        string="Regulation Ceiling",
        config_parameter="xinfang_agency.limit_ceiling_days",
        default=DEADLINE_LIMITS["ceiling"][0],
        help="Handling ceiling from acceptance (regulation Art. 34)",
    )
    xinfang_limit_ceiling_unit = fields.Selection(
        LIMIT_UNITS,
        string="Regulation Ceiling Unit",
        config_parameter="xinfang_agency.limit_ceiling_unit",
        default=DEADLINE_LIMITS["ceiling"][1],
    )

    xinfang_limit_extension_days = fields.Integer(
        string="Maximum Extension",
        config_parameter="xinfang_agency.limit_extension_days",
        default=DEADLINE_LIMITS["extension"][0],
        help="Extension with the head's approval (Art. 34)",
    )
    xinfang_limit_extension_unit = fields.Selection(
        LIMIT_UNITS,
        string="Maximum Extension Unit",
        config_parameter="xinfang_agency.limit_extension_unit",
        default=DEADLINE_LIMITS["extension"][1],
    )

    xinfang_limit_review_answer_days = fields.Integer(
        string="Review Answer",
        config_parameter="xinfang_agency.limit_review_answer_days",
        default=DEADLINE_LIMITS["review_answer"][0],
        help="Answering a review or re-review request (Art. 35, 36)",
    )
    xinfang_limit_review_answer_unit = fields.Selection(
        LIMIT_UNITS,
        string="Review Answer Unit",
        config_parameter="xinfang_agency.limit_review_answer_unit",
        default=DEADLINE_LIMITS["review_answer"][1],
    )

    xinfang_limit_review_request_days = fields.Integer(
        string="Review Request Window",
        config_parameter="xinfang_agency.limit_review_request_days",
        default=DEADLINE_LIMITS["review_request"][0],
        help="Time for the petitioner to request a review (Art. 35, 36)",
    )
    xinfang_limit_review_request_unit = fields.Selection(
        LIMIT_UNITS,
        string="Review Request Window Unit",
        config_parameter="xinfang_agency.limit_review_request_unit",
        default=DEADLINE_LIMITS["review_request"][1],
    )

    xinfang_limit_warning_days = fields.Integer(
        string="Warning Re-investigation",
        config_parameter="xinfang_agency.limit_warning_days",
        default=DEADLINE_LIMITS["warning"][0],
        help="Re-investigation after a warning",
    )
    xinfang_limit_warning_unit = fields.Selection(
        LIMIT_UNITS,
        string="Warning Re-investigation Unit",
        config_parameter="xinfang_agency.limit_warning_unit",
        default=DEADLINE_LIMITS["warning"][1],
    )

    xinfang_limit_revisit_days = fields.Integer(
        string="Revisit",
        config_parameter="xinfang_agency.limit_revisit_days",
        default=DEADLINE_LIMITS["revisit"][0],
        help="Revisit after termination",
    )
    xinfang_limit_revisit_unit = fields.Selection(
        LIMIT_UNITS,
        string="Revisit Unit",
        config_parameter="xinfang_agency.limit_revisit_unit",
        default=DEADLINE_LIMITS["revisit"][1],
    )

    xinfang_limit_dispute_days = fields.Integer(
        string="Screened Dispute",
        config_parameter="xinfang_agency.limit_dispute_days",
        default=DEADLINE_LIMITS["dispute"][0],
        help="Resolve a dispute found by screening, or turn it into a case, "
        "from the day it was found",
    )
    xinfang_limit_dispute_unit = fields.Selection(
        LIMIT_UNITS,
        string="Screened Dispute Unit",
        config_parameter="xinfang_agency.limit_dispute_unit",
        default=DEADLINE_LIMITS["dispute"][1],
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
