from odoo import fields, models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    xinfang_urged_deadline = fields.Date(
        string="Urged for Deadline",
        readonly=True,
        copy=False,
        help="Due date for which this overdue deadline was last urged (催办).",
    )

    # A deadline counted across a year the holiday table does not know keeps
    # what it was counted from, to be counted again once the year is entered
    # (xinfang.deadline.mixin._deadline_recompute_years).
    xinfang_deadline_start = fields.Date(
        string="Counted From", readonly=True, copy=False
    )
    xinfang_deadline_key = fields.Char(
        string="Deadline Limit", readonly=True, copy=False
    )
    xinfang_deadline_days = fields.Integer(
        string="Days Counted", readonly=True, copy=False
    )
    xinfang_deadline_capped = fields.Boolean(
        string="Capped by the Ceiling", readonly=True, copy=False
    )

    def write(self, vals):
        # A due date moved by hand (or by a step) is no longer the one counted
        # on the provisional calendar: it is not counted again.
        if (
            "date_deadline" in vals
            and "xinfang_deadline_key" not in vals
            and any(self.mapped("xinfang_deadline_key"))
        ):
            vals = dict(vals, xinfang_deadline_key=False)
        return super().write(vals)
