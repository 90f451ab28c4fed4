from odoo import fields, models

from odoo.addons.xinfang_agency.models.xinfang_deadline_mixin import in_lang_of


class XinfangJointMeetingBody(models.Model):
    """The standing joint meeting (联席会议) of a street or county.

    It names the chief convener and conveners (who approve minutes), the
    member units, the office staff (联席办) and the district joint-meeting
    office to which approved minutes are copied (抄送区信访联席办).
    """

    _name = "xinfang.joint.meeting.body"
    _description = "Petition Joint Meeting Body"
    _inherit = ["mail.thread", "xinfang.input.mixin"]
    _order = "name"

    name = fields.Char(required=True, tracking=True)
    unit_id = fields.Many2one(
        "xinfang.unit", string="Organising Unit", index=True, tracking=True
    )
    chief_convener_id = fields.Many2one("res.users", tracking=True)
    convener_ids = fields.Many2many(
        "res.users",
        "xinfang_joint_meeting_body_convener_rel",
        "body_id",
        "user_id",
        string="Conveners",
    )
    member_unit_ids = fields.Many2many(
        "xinfang.unit",
        "xinfang_joint_meeting_body_unit_rel",
        "body_id",
        "unit_id",
        string="Member Units",
    )
    office_head_id = fields.Many2one("res.users")
    office_staff_ids = fields.Many2many(
        "res.users",
        "xinfang_joint_meeting_body_staff_rel",
        "body_id",
        "user_id",
    )
    district_office_partner_id = fields.Many2one(
        "res.partner",
        string="District Joint-Meeting Office",
        help="Approved minutes are sent as PDF to this contact's email address.",
        tracking=True,
    )
    meeting_ids = fields.One2many("xinfang.meeting", "body_id", string="Meetings")
    active = fields.Boolean(default=True)

    def _creation_message(self):
        # A code term in the readers' language (the model's name is a data
        # term, not yet translated while demo data loads).
        self.ensure_one()
        readers = self.chief_convener_id | self.env.user
        return in_lang_of(self, readers).env._("Joint meeting set up.")
