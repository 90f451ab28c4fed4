from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.xinfang_agency.models.xinfang_deadline_mixin import in_lang_of


class XinfangWorkRoadmap(models.Model):
    """The work roadmap (工作路线图) of a key case.

    Its steps are decisions (owner, deadline, activity, status), so they are
    followed on the same board as the decisions of meetings.
    """

    _name = "xinfang.work.roadmap"
    _description = "Work Roadmap"
    _inherit = ["mail.thread", "mail.activity.mixin", "xinfang.input.mixin"]
    _order = "id desc"

    name = fields.Char(required=True, tracking=True)
    case_id = fields.Many2one(
        "xinfang.case", required=True, index=True, tracking=True, ondelete="restrict"
    )
    approach = fields.Selection(
        [
            ("resolve", "Resolve"),
            ("stabilize", "Stabilize"),
            ("crack_down", "Crack Down"),
        ],
        required=True,
        default="resolve",
        tracking=True,
        help="Resolve (化解), stabilize (稳控) or crack down (打击).",
    )
    leader_id = fields.Many2one("res.users", string="Leader in Charge", tracking=True)
    unit_id = fields.Many2one("xinfang.unit", string="Responsible Unit", index=True)
    step_ids = fields.One2many("xinfang.meeting.decision", "roadmap_id", string="Steps")
    step_count = fields.Integer(compute="_compute_progress")
    progress = fields.Float(compute="_compute_progress")
    description = fields.Html()
    active = fields.Boolean(default=True)

    @api.depends("step_ids.state")
    def _compute_progress(self):
        for roadmap in self:
            steps = roadmap.step_ids.filtered(lambda s: s.state != "cancelled")
            done = steps.filtered(lambda s: s.state == "done")
            roadmap.step_count = len(steps)
            roadmap.progress = 100.0 * len(done) / len(steps) if steps else 0.0

    @api.ondelete(at_uninstall=False)
    def _unlink_except_with_steps(self):
        if self.step_ids:
            raise UserError(
                self.env._("A roadmap with steps is archived, not deleted.")
            )

    def _creation_message(self):
        # A code term in the readers' language (the model's name is a data
        # term, not yet translated while demo data loads).
        self.ensure_one()
        return in_lang_of(self, self.leader_id | self.env.user).env._(
            "Work roadmap drawn up."
        )
