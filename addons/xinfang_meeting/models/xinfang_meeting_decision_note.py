from odoo import api, fields, models
from odoo.exceptions import UserError


class XinfangMeetingDecisionNote(models.Model):
    """A progress note on a decision (进展情况)."""

    _name = "xinfang.meeting.decision.note"
    _description = "Decision Progress Note"
    _inherit = ["xinfang.write.guard.mixin", "xinfang.input.mixin"]
    _order = "date desc, id desc"

    # A note is written once, dated and signed by its author; never edited.
    _write_guard_create_rules = ((("base.group_user",), ("decision_id", "note")),)

    decision_id = fields.Many2one(
        "xinfang.meeting.decision", required=True, ondelete="cascade", index=True
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    user_id = fields.Many2one(
        "res.users", string="Author", required=True, default=lambda self: self.env.user
    )
    note = fields.Text(required=True)

    @api.model_create_multi
    def create(self, vals_list):
        notes = super().create(vals_list)
        # Writing a note is working on the decision: the author needs write
        # access to it, and an open decision is now in progress.
        decisions = notes.decision_id
        decisions.check_access("write")
        if decisions.filtered(lambda d: d.state not in ("open", "progress")):
            raise UserError(
                self.env._(
                    "A finished or cancelled decision takes no more progress notes."
                )
            )
        decisions.filtered(lambda d: d.state == "open").sudo().write(
            {"state": "progress"}
        )
        return notes
