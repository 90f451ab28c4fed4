from odoo import api, fields, models
from odoo.exceptions import UserError

from .xinfang_assessment_indicator import METRICS

# The records behind a figure: field name -> model, as stored in counted_ids.
RECORD_FIELDS = {
    "case_ids": "xinfang.case",
    "numerator_case_ids": "xinfang.case",
    "meeting_ids": "xinfang.meeting",
    "item_ids": "xinfang.assessment.item",
    "dispute_ids": "xinfang.dispute",
    "numerator_dispute_ids": "xinfang.dispute",
}


def _number(amount):
    """A count as an integer; a weighted sum (基本满意 counts 0.9) with one
    decimal."""
    rounded = round(amount or 0.0, 1)
    return str(int(rounded)) if rounded == int(rounded) else f"{rounded:.1f}"


class XinfangAssessmentResultLine(models.Model):
    """One indicator of one unit in a run, with the records behind it."""

    _name = "xinfang.assessment.result.line"
    _description = "Assessment Result Line"
    _inherit = ["xinfang.write.guard.mixin", "xinfang.input.mixin"]
    _order = "result_id, sequence, id"
    # Figures are computed by the run, never entered or edited by hand.

    result_id = fields.Many2one(
        "xinfang.assessment.result", required=True, index=True, ondelete="cascade"
    )
    # Copied from the result on creation rather than related: a result never
    # changes run or unit, and recomputing 16,000 lines slowed county runs.
    run_id = fields.Many2one("xinfang.assessment.run", readonly=True, index=True)
    unit_id = fields.Many2one("xinfang.unit", readonly=True, index=True)
    period_id = fields.Many2one(related="result_id.period_id", store=True, index=True)
    state = fields.Selection(related="result_id.state", store=True)
    indicator_id = fields.Many2one(
        "xinfang.assessment.indicator", required=True, index=True, ondelete="restrict"
    )
    sequence = fields.Integer(related="indicator_id.sequence", store=True)
    kind = fields.Selection(related="indicator_id.kind")
    metric = fields.Selection(related="indicator_id.metric")
    numerator = fields.Float(digits=(16, 2))
    denominator = fields.Float(digits=(16, 2))
    value = fields.Float(digits=(16, 4), aggregator="avg")
    points = fields.Float(digits=(16, 2))
    value_display = fields.Char(
        string="Figure",
        compute="_compute_displays",
        help="A rate in percent, a count in cases; manual items have points only.",
    )
    numerator_display = fields.Char(string="Counted", compute="_compute_displays")
    denominator_display = fields.Char(string="Out of", compute="_compute_displays")
    max_points = fields.Float(string="Full Marks", digits=(16, 2))
    has_previous = fields.Boolean(string="Has Previous Result")
    previous_points = fields.Float(digits=(16, 2))
    points_change = fields.Float(
        string="Change", compute="_compute_points_change", store=True, digits=(16, 2)
    )
    # A snapshot of the ids counted at compute time, as JSON: a county's run
    # counts about 200,000 ids, which as many2many rows took most of the run.
    counted_ids = fields.Json(
        string="Counted Records",
        readonly=True,
        help="Ids of the records behind the figure when it was computed.",
    )
    case_ids = fields.Many2many(
        "xinfang.case",
        compute="_compute_counted_records",
        string="Cases",
        help="Cases of the denominator (or counted cases).",
    )
    numerator_case_ids = fields.Many2many(
        "xinfang.case", compute="_compute_counted_records", string="Numerator Cases"
    )
    meeting_ids = fields.Many2many(
        "xinfang.meeting",
        compute="_compute_counted_records",
        string="Weekly Consultations",
    )
    item_ids = fields.Many2many(
        "xinfang.assessment.item",
        compute="_compute_counted_records",
        string="Manual Items",
    )
    dispute_ids = fields.Many2many(
        "xinfang.dispute",
        compute="_compute_counted_records",
        string="Screened Disputes",
        help="Disputes found in the period (or counted disputes).",
    )
    numerator_dispute_ids = fields.Many2many(
        "xinfang.dispute",
        compute="_compute_counted_records",
        string="Numerator Disputes",
    )

    @api.depends("counted_ids")
    def _compute_counted_records(self):
        for name, model in RECORD_FIELDS.items():
            records = self.env[model].with_context(active_test=False)
            ids_by_line = {
                line: (line.counted_ids or {}).get(name, []) for line in self
            }
            existing = records.browse(
                {i for ids in ids_by_line.values() for i in ids}
            ).exists()
            for line, ids in ids_by_line.items():
                line[name] = records.browse(ids) & existing

    @api.depends("value", "numerator", "denominator", "indicator_id")
    def _compute_displays(self):
        for line in self:
            kind = (
                line.indicator_id._bulletin_value_kind()
                if line.indicator_id
                else "none"
            )
            line.numerator_display = _number(line.numerator) if kind != "none" else ""
            line.denominator_display = (
                _number(line.denominator) if kind == "percent" else ""
            )
            if kind == "percent":
                line.value_display = (
                    f"{line.value * 100:.1f}%" if line.denominator else "—"
                )
            elif kind == "count":
                line.value_display = _number(line.numerator)
            else:
                line.value_display = ""

    @api.depends("points", "previous_points", "has_previous")
    def _compute_points_change(self):
        for line in self:
            line.points_change = (
                line.points - line.previous_points if line.has_previous else 0.0
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_approved(self):
        if self.filtered(lambda r: r.result_id.run_id.state != "draft"):
            raise UserError(
                self.env._("Approved assessment results cannot be deleted.")
            )

    def _open(self, model, ids, name):
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": model,
            "view_mode": "list,form",
            "domain": [("id", "in", ids)],
            "context": {"active_test": False, "create": False},
        }

    def action_open_details(self):
        """Open the cases, weekly consultations or items behind the figure."""
        self.ensure_one()
        title = f"{self.unit_id.display_name} · {self.indicator_id.name}"
        if self.kind == "manual":
            return self._open("xinfang.assessment.item", self.item_ids.ids, title)
        if self.metric == "x2211_weekly":
            return self._open("xinfang.meeting", self.meeting_ids.ids, title)
        model, prefix = self._counted_records()
        return self._open(model, self[f"{prefix}_ids"].ids, title)

    def action_open_numerator(self):
        """Open the cases (or disputes) counted in the numerator."""
        self.ensure_one()
        title = f"{self.unit_id.display_name} · {self.indicator_id.name}"
        model, prefix = self._counted_records()
        return self._open(model, self[f"numerator_{prefix}_ids"].ids, title)

    def _counted_records(self):
        """(model, field prefix) of the records the metric counts."""
        spec = METRICS.get(self.metric) or {}
        return spec.get("model", "xinfang.case"), spec.get("records", "case")
