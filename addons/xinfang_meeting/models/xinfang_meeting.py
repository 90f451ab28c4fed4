from odoo import fields, models


class XinfangMeeting(models.Model):
    _name = "xinfang.meeting"
    _description = "Petition Joint Meeting"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"

    name = fields.Char(string="Subject", required=True, tracking=True)
    kind = fields.Selection(
        [
            ("regular", "Regular"),
            ("ad_hoc", "Ad Hoc"),
            ("weekly", "Weekly Consultation"),
            ("special", "Special Topic"),
        ],
        required=True,
        default="regular",
        tracking=True,
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now, tracking=True)
    place = fields.Char()
    unit_id = fields.Many2one(
        "xinfang.unit",
        string="Convening Unit",
        default=lambda self: self.env.user.xinfang_unit_id,
        index=True,
    )
    attendee_ids = fields.Many2many("res.users", string="Attendees")
    minutes = fields.Html()
    active = fields.Boolean(default=True)
