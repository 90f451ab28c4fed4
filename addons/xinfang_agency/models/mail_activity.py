from odoo import fields, models
from odoo.tools import SQL


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

    def _xinfang_mark_urged(self):
        """Remember that these overdue activities were urged for their
        current due date (the urging job skips them until it moves): one
        UPDATE, however many due dates they have."""
        self.flush_recordset(["date_deadline"])
        self.env.cr.execute(
            SQL(
                """
                UPDATE mail_activity
                   SET xinfang_urged_deadline = date_deadline,
                       write_uid = %s, write_date = %s
                 WHERE id = ANY(%s)
                """,
                self.env.uid,
                self.env.cr.now(),
                self.ids,
            )
        )
        self.invalidate_recordset(["xinfang_urged_deadline", "write_uid", "write_date"])
