from odoo import api, fields, models
from odoo.exceptions import UserError


class XinfangMeetingAgendaItem(models.Model):
    """A topic discussed at a meeting (议题), usually about one case."""

    _name = "xinfang.meeting.agenda.item"
    _description = "Meeting Agenda Item"
    _inherit = ["xinfang.input.mixin"]
    _order = "meeting_id, sequence, id"

    sequence = fields.Integer(default=10)
    meeting_id = fields.Many2one(
        "xinfang.meeting", required=True, ondelete="cascade", index=True
    )
    name = fields.Char(string="Topic", required=True)
    case_id = fields.Many2one("xinfang.case", index=True)
    presenter_id = fields.Many2one("res.users")
    discussion = fields.Text()

    def _check_meeting_open(self):
        if any(item.meeting_id.state in ("approved", "sent") for item in self):
            raise UserError(
                self.env._(
                    "The minutes are approved: their agenda can no longer be changed."
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        items = super().create(vals_list)
        items._check_meeting_open()
        return items

    def write(self, vals):
        self._check_meeting_open()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_approved(self):
        self._check_meeting_open()
