from datetime import date, timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.xinfang_agency.models.res_company import office_today


class XinfangAssessmentPeriodGenerate(models.TransientModel):
    _name = "xinfang.assessment.period.generate"
    _description = "Generate Assessment Periods"

    scheme_id = fields.Many2one("xinfang.assessment.scheme", required=True)
    year = fields.Integer(required=True, default=lambda self: office_today(self).year)
    include_year = fields.Boolean(string="Add the Year Period", default=True)

    @api.constrains("year")
    def _check_year(self):
        for wizard in self:
            if not 2000 <= wizard.year <= 2100:
                raise ValidationError(self.env._("Enter a year between 2000 and 2100."))

    def _quarter_label(self, quarter):
        return [
            self.env._("Q1"),
            self.env._("Q2"),
            self.env._("Q3"),
            self.env._("Q4"),
        ][quarter - 1]

    def action_generate(self):
        """Create the year's four quarters (and the year), skipping existing ones."""
        self.ensure_one()
        periods = self.env["xinfang.assessment.period"]
        wanted = []
        for quarter in range(1, 5):
            start = date(self.year, 3 * quarter - 2, 1)
            end = (
                date(self.year, 3 * quarter + 1, 1) - timedelta(days=1)
                if quarter < 4
                else date(self.year, 12, 31)
            )
            wanted.append(
                {
                    "name": self.env._(
                        "%(year)s %(quarter)s",
                        year=self.year,
                        quarter=self._quarter_label(quarter),
                    ),
                    "period_type": "quarter",
                    "date_start": start,
                    "date_end": end,
                }
            )
        if self.include_year:
            wanted.append(
                {
                    "name": self.env._("%(year)s (Year)", year=self.year),
                    "period_type": "year",
                    "date_start": date(self.year, 1, 1),
                    "date_end": date(self.year, 12, 31),
                }
            )
        existing = periods.search(
            [
                ("scheme_id", "=", self.scheme_id.id),
                ("date_start", ">=", date(self.year, 1, 1)),
                ("date_end", "<=", date(self.year, 12, 31)),
            ]
        )
        keys = {(p.period_type, p.date_start, p.date_end) for p in existing}
        vals_list = [
            dict(vals, scheme_id=self.scheme_id.id)
            for vals in wanted
            if (vals["period_type"], vals["date_start"], vals["date_end"]) not in keys
        ]
        created = periods.create(vals_list)
        return (created | existing)._get_records_action(
            name=self.env._("Assessment Periods")
        )
