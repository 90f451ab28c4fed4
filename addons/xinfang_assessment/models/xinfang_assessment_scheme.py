from odoo import fields, models


class XinfangAssessmentScheme(models.Model):
    _name = "xinfang.assessment.scheme"
    _description = "Assessment Scheme"
    _inherit = ["xinfang.input.mixin"]
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    indicator_ids = fields.One2many(
        "xinfang.assessment.indicator", "scheme_id", string="Indicators", copy=True
    )
    unit_ids = fields.Many2many(
        "xinfang.unit",
        string="Assessed Units",
        help="Units ranked by this scheme; empty means every active unit of "
        "the assessed unit type.",
    )
    unit_type = fields.Selection(
        [
            ("point", "Points (village/community)"),
            ("station", "Stations (township/street)"),
            ("department", "Departments (line offices)"),
        ],
        string="Assessed Unit Type",
        help="Without assessed units, rank every active unit of this type "
        "(every unit below the county center when empty).",
    )
    year_mode = fields.Selection(
        [("sum", "Sum of the Quarters"), ("average", "Average of the Quarters")],
        string="Year Result",
        required=True,
        default="average",
    )
    period_ids = fields.One2many(
        "xinfang.assessment.period", "scheme_id", string="Periods"
    )
    note = fields.Html()
    active = fields.Boolean(default=True)

    def _assessed_units(self):
        self.ensure_one()
        if self.unit_ids:
            return self.unit_ids.filtered("active")
        domain = [("unit_type", "!=", "center")]
        if self.unit_type:
            domain = [("unit_type", "=", self.unit_type)]
        return self.env["xinfang.unit"].sudo().search(domain)

    def action_generate_periods(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Generate Periods"),
            "res_model": "xinfang.assessment.period.generate",
            "view_mode": "form",
            "target": "new",
            "context": {"default_scheme_id": self.id},
        }
