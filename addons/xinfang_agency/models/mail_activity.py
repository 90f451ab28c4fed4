from odoo import fields, models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    xinfang_urged_deadline = fields.Date(
        string="Urged for Deadline",
        readonly=True,
        copy=False,
        help="Due date for which this overdue deadline was last urged (催办).",
    )
