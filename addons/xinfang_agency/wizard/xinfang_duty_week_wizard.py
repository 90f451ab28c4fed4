from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from ..models.res_company import office_today

WEEKDAYS = [
    ("0", "Monday"),
    ("1", "Tuesday"),
    ("2", "Wednesday"),
    ("3", "Thursday"),
    ("4", "Friday"),
    ("5", "Saturday"),
    ("6", "Sunday"),
]


def _next_monday(day):
    return day + timedelta(days=7 - day.weekday())


class XinfangDutyWeekWizard(models.TransientModel):
    """Plan a week of the reception desk: one line per working day of the
    China calendar (days off skipped, make-up Saturdays included)."""

    _name = "xinfang.duty.week.wizard"
    _description = "Plan a Week of Leaders on Duty"

    unit_id = fields.Many2one(
        "xinfang.unit",
        string="Reception Desk",
        required=True,
        domain=[("is_institution", "=", True)],
        default=lambda self: self.env.user.xinfang_unit_id,
    )
    week_start = fields.Date(
        string="Week of",
        required=True,
        default=lambda self: _next_monday(office_today(self)),
    )
    line_ids = fields.One2many(
        "xinfang.duty.week.wizard.line",
        "wizard_id",
        string="Working Days",
        compute="_compute_line_ids",
        store=True,
        readonly=False,
    )

    @api.depends("week_start")
    def _compute_line_ids(self):
        Holiday = self.env["xinfang.holiday"]
        for wizard in self:
            if not wizard.week_start:
                wizard.line_ids = [Command.clear()]
                continue
            monday = wizard.week_start - timedelta(days=wizard.week_start.weekday())
            days = [monday + timedelta(days=n) for n in range(7)]
            kinds = Holiday._kinds_between(days[0], days[-1])
            wizard.line_ids = [Command.clear()] + [
                Command.create({"date": day})
                for day in days
                if Holiday._is_working(day, kinds)
            ]

    def action_confirm(self):
        self.ensure_one()
        missing = self.line_ids.filtered(lambda line: not line.leader_id)
        if missing:
            raise UserError(
                self.env._(
                    "Choose the leader on duty for %(days)s.",
                    days="、".join(str(day) for day in missing.mapped("date")),
                )
            )
        rosters = self.env["xinfang.duty.roster"].create(
            [
                {
                    "unit_id": self.unit_id.id,
                    "date": line.date,
                    "leader_id": line.leader_id.id,
                }
                for line in self.line_ids
            ]
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Leaders on Duty"),
            "res_model": "xinfang.duty.roster",
            "views": [(False, "calendar"), (False, "list"), (False, "form")],
            "domain": [("id", "in", rosters.ids)],
            "context": {"initial_date": fields.Date.to_string(self.week_start)},
        }


class XinfangDutyWeekWizardLine(models.TransientModel):
    _name = "xinfang.duty.week.wizard.line"
    _description = "Working Day to Plan"
    _order = "date"

    wizard_id = fields.Many2one(
        "xinfang.duty.week.wizard", required=True, ondelete="cascade"
    )
    date = fields.Date(required=True, readonly=True)
    weekday = fields.Selection(WEEKDAYS, compute="_compute_weekday")
    leader_id = fields.Many2one(
        "res.users",
        string="Leader on Duty",
        domain=lambda self: [
            ("groups_id", "in", self.env.ref("xinfang_agency.group_xinfang_leader").ids)
        ],
    )

    @api.depends("date")
    def _compute_weekday(self):
        for line in self:
            line.weekday = str(line.date.weekday()) if line.date else False
