from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

ASSESSOR_GROUP = "xinfang_assessment.group_xinfang_assessor"
PERIOD_FIELDS = ("name", "scheme_id", "period_type", "date_start", "date_end", "active")


class XinfangAssessmentPeriod(models.Model):
    _name = "xinfang.assessment.period"
    _description = "Assessment Period"
    _inherit = ["xinfang.write.guard.mixin", "xinfang.input.mixin"]
    _order = "date_start desc, period_type"

    # Once a run of the period is approved, its dates and scheme are history:
    # only the name can still be corrected.
    _write_guard_state_field = "locked"
    _write_guard_rules = (
        ((False,), (ASSESSOR_GROUP,), PERIOD_FIELDS),
        ((True,), (ASSESSOR_GROUP,), ("name",)),
    )
    _write_guard_create_rules = (((ASSESSOR_GROUP,), PERIOD_FIELDS),)

    name = fields.Char(required=True)
    scheme_id = fields.Many2one(
        "xinfang.assessment.scheme",
        required=True,
        index=True,
        ondelete="restrict",
        default=lambda self: self.env["xinfang.assessment.scheme"].search([], limit=1),
    )
    period_type = fields.Selection(
        [("quarter", "Quarter"), ("year", "Year")], required=True, default="quarter"
    )
    date_start = fields.Date(string="Start", required=True)
    date_end = fields.Date(string="End", required=True)
    run_ids = fields.One2many("xinfang.assessment.run", "period_id", string="Runs")
    active = fields.Boolean(default=True)
    locked = fields.Boolean(
        string="Results Approved",
        compute="_compute_locked",
        compute_sudo=True,
        help="A run of the period is approved: its dates and scheme are fixed.",
    )

    @api.depends("run_ids.state")
    def _compute_locked(self):
        for period in self:
            period.locked = any(
                run.state in ("approved", "published") for run in period.run_ids
            )

    @api.constrains("date_start", "date_end", "scheme_id", "period_type", "active")
    def _check_dates(self):
        for period in self:
            if period.date_end < period.date_start:
                raise ValidationError(
                    self.env._("The period %s ends before it starts.", period.name)
                )
        overlaps = (
            self.search(
                [
                    ("id", "not in", self.ids),
                    ("scheme_id", "in", self.scheme_id.ids),
                    ("period_type", "in", list(set(self.mapped("period_type")))),
                    ("date_start", "<=", max(self.mapped("date_end"))),
                    ("date_end", ">=", min(self.mapped("date_start"))),
                ]
            )
            | self
        )
        for period in self.filtered("active"):
            clash = overlaps.filtered(
                lambda other, p=period: other != p
                and other.active
                and other.scheme_id == p.scheme_id
                and other.period_type == p.period_type
                and other.date_start <= p.date_end
                and other.date_end >= p.date_start
            )
            if clash:
                raise ValidationError(
                    self.env._(
                        "The period %(period)s overlaps %(other)s of the same scheme.",
                        period=period.name,
                        other=clash[0].name,
                    )
                )

    def _week_count(self):
        """Number of ISO weeks (Monday to Sunday) touching the period."""
        self.ensure_one()
        first = self.date_start - timedelta(days=self.date_start.weekday())
        last = self.date_end - timedelta(days=self.date_end.weekday())
        return (last - first).days // 7 + 1

    def _previous_period(self):
        """The period of the same scheme and type that ended last before this one."""
        self.ensure_one()
        return self.search(
            [
                ("scheme_id", "=", self.scheme_id.id),
                ("period_type", "=", self.period_type),
                ("date_end", "<", self.date_start),
            ],
            order="date_end desc",
            limit=1,
        )

    def _quarters(self):
        """Quarter periods of the same scheme inside this (year) period."""
        self.ensure_one()
        return self.search(
            [
                ("scheme_id", "=", self.scheme_id.id),
                ("period_type", "=", "quarter"),
                ("date_start", ">=", self.date_start),
                ("date_end", "<=", self.date_end),
            ],
            order="date_start",
        )
