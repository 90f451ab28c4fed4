from odoo import fields, models


class XinfangAssessmentPeriod(models.Model):
    _name = "xinfang.assessment.period"
    _description = "Assessment Period"
    _order = "date_start desc"

    name = fields.Char(required=True)
    date_start = fields.Date(string="Start", required=True)
    date_end = fields.Date(string="End", required=True)
    active = fields.Boolean(default=True)
