from odoo import api, fields, models


class XinfangMeetingDecisionNote(models.Model):
    """A progress note on a decision (进展情况)."""

    _name = "xinfang.meeting.decision.note"
    _description = "Decision Progress Note"
    _inherit = ["xinfang.input.mixin"]
    _order = "date desc, id desc"

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
        notes.decision_id.check_access("write")
        notes.decision_id.filtered(lambda d: d.state == "open").write(
            {"state": "progress"}
        )
        return notes
