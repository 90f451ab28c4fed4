from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.xinfang_agency.models.res_company import office_today


class XinfangAssessmentResult(models.Model):
    """A unit's total, rank and weakest indicator in one run."""

    _name = "xinfang.assessment.result"
    _description = "Assessment Result"
    _inherit = ["xinfang.write.guard.mixin", "xinfang.input.mixin"]
    _order = "run_id desc, rank, id"
    # Results are computed by the run, never entered or edited by hand (no
    # rules: only the run's action_compute, as superuser, writes them).
    _rec_name = "unit_id"

    run_id = fields.Many2one(
        "xinfang.assessment.run", required=True, index=True, ondelete="cascade"
    )
    period_id = fields.Many2one(related="run_id.period_id", store=True, index=True)
    scheme_id = fields.Many2one(related="run_id.scheme_id", store=True)
    period_type = fields.Selection(related="run_id.period_type", store=True)
    state = fields.Selection(related="run_id.state", store=True, index=True)
    unit_id = fields.Many2one(
        "xinfang.unit", required=True, index=True, ondelete="restrict"
    )
    unit_type = fields.Selection(related="unit_id.unit_type", store=True)
    total_points = fields.Float(string="Total", digits=(16, 2), aggregator="avg")
    max_points = fields.Float(string="Full Marks", digits=(16, 2), aggregator="avg")
    rank = fields.Integer(aggregator="min")
    has_previous = fields.Boolean(string="Has Previous Result")
    previous_total = fields.Float(digits=(16, 2), aggregator="avg")
    previous_rank = fields.Integer(aggregator="min")
    total_change = fields.Float(
        string="Change",
        compute="_compute_change",
        store=True,
        digits=(16, 2),
        aggregator="avg",
    )
    rank_change = fields.Integer(
        compute="_compute_change",
        store=True,
        aggregator="avg",
        help="Places gained since the previous period (positive = better).",
    )
    weakest_indicator_id = fields.Many2one(
        "xinfang.assessment.indicator",
        index=True,
        help="The indicator where the unit lost the most points.",
    )
    line_ids = fields.One2many(
        "xinfang.assessment.result.line", "result_id", string="Figures"
    )

    _sql_constraints = [
        (
            "run_unit_unique",
            "unique(run_id, unit_id)",
            "A unit has one result per run.",
        ),
    ]

    @api.depends(
        "total_points", "previous_total", "rank", "previous_rank", "has_previous"
    )
    def _compute_change(self):
        for result in self:
            if result.has_previous:
                result.total_change = result.total_points - result.previous_total
                result.rank_change = result.previous_rank - result.rank
            else:
                result.total_change = 0.0
                result.rank_change = 0

    @api.ondelete(at_uninstall=False)
    def _unlink_except_approved(self):
        if self.filtered(lambda r: r.run_id.state != "draft"):
            raise UserError(
                self.env._("Approved assessment results cannot be deleted.")
            )

    @api.model
    def action_open_dashboard(self):
        """Ranking of the latest quarter with results, for leaders."""
        today = office_today(self)
        runs = self.env["xinfang.assessment.run"]
        run = runs.search(
            [
                ("period_type", "=", "quarter"),
                ("date_start", "<=", today),
                ("date_end", ">=", today),
            ],
            limit=1,
        ) or runs.search([("period_type", "=", "quarter")], limit=1)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "xinfang_assessment.xinfang_assessment_result_dashboard_action"
        )
        action["domain"] = [("run_id", "=", run.id)]
        if run:
            action["display_name"] = self.env._("Ranking: %s", run.name)
        return action
