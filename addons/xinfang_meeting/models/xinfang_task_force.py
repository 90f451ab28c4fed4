from odoo import api, fields, models

from odoo.addons.xinfang_agency.models.xinfang_deadline_mixin import in_lang_of


class XinfangTaskForce(models.Model):
    """A task force (专项工作小组) on a field where petitions concentrate."""

    _name = "xinfang.task.force"
    _description = "Task Force"
    _inherit = ["mail.thread", "xinfang.input.mixin"]
    _order = "name"

    name = fields.Char(required=True, tracking=True)
    scope = fields.Text(help="The field of petitions the task force works on.")
    leader_id = fields.Many2one("res.users", string="Team Leader", tracking=True)
    member_ids = fields.Many2many(
        "res.users",
        "xinfang_task_force_user_rel",
        "task_force_id",
        "user_id",
        string="Members",
    )
    member_unit_ids = fields.Many2many(
        "xinfang.unit",
        "xinfang_task_force_unit_rel",
        "task_force_id",
        "unit_id",
        string="Member Units",
    )
    case_ids = fields.Many2many(
        "xinfang.case",
        "xinfang_task_force_case_rel",
        "task_force_id",
        "case_id",
        string="Cases",
    )
    case_count = fields.Integer(compute="_compute_case_count")
    meeting_ids = fields.One2many("xinfang.meeting", "task_force_id", string="Meetings")
    active = fields.Boolean(default=True)

    @api.depends("case_ids")
    def _compute_case_count(self):
        for task_force in self:
            task_force.case_count = len(task_force.case_ids)

    def _creation_message(self):
        # A code term in the readers' language (the model's name is a data
        # term, not yet translated while demo data loads).
        self.ensure_one()
        return in_lang_of(self, self.leader_id | self.env.user).env._(
            "Task force set up."
        )
