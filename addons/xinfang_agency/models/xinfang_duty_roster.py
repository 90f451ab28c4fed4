from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .res_company import office_today

CLERK_GROUP = "xinfang_agency.group_xinfang_clerk"
LEADER_GROUP = "xinfang_agency.group_xinfang_leader"
ROSTER_FIELDS = ("unit_id", "date", "leader_id", "note")


class XinfangDutyRoster(models.Model):
    """One working day at a reception desk with its leader on duty
    (带班领导, 定点接访: seed 002 §2(六), seed 004 §4).

    The day's visits (来访) link to it when registered: they are its
    reception log, and each is offered to the leader for 包案 (接访即代办,
    包案即代办: seed 001).
    """

    _name = "xinfang.duty.roster"
    _description = "Leader on Duty"
    _inherit = ["mail.thread", "xinfang.write.guard.mixin", "xinfang.input.mixin"]
    _order = "date desc, unit_id"
    _rec_name = "date"

    _write_guard_rules = ((("*",), (CLERK_GROUP,), ROSTER_FIELDS),)
    _write_guard_create_rules = (((CLERK_GROUP,), ROSTER_FIELDS + ("active",)),)

    unit_id = fields.Many2one(
        "xinfang.unit",
        string="Reception Desk",
        required=True,
        index=True,
        tracking=True,
        domain=[("is_institution", "=", True)],
        default=lambda self: self.env.user.xinfang_unit_id,
    )
    date = fields.Date(required=True, index=True, tracking=True)
    leader_id = fields.Many2one(
        "res.users",
        string="Leader on Duty",
        required=True,
        index=True,
        tracking=True,
        domain=lambda self: [("groups_id", "in", self.env.ref(LEADER_GROUP).ids)],
    )
    note = fields.Text()
    active = fields.Boolean(default=True, tracking=True)
    # Searched as the reader, so that the log shows only the visits their
    # record rules let them read (an accusation stays sealed from the
    # accused unit's leader); a one2many would list every linked case.
    case_ids = fields.Many2many(
        "xinfang.case", compute="_compute_case_ids", string="Visits Received"
    )
    visit_count = fields.Integer(compute="_compute_case_ids", string="Visits")

    @api.depends("date", "unit_id", "leader_id")
    @api.depends_context("xinfang_duty_calendar")
    def _compute_display_name(self):
        # The calendar shows the day already: its events name desk and leader.
        dated = not self.env.context.get("xinfang_duty_calendar")
        for roster in self:
            parts = [str(roster.date)] if dated and roster.date else []
            parts += [roster.unit_id.name or "", roster.leader_id.name or ""]
            roster.display_name = " ".join(part for part in parts if part)

    @api.depends_context("uid")
    def _compute_case_ids(self):
        # Finished (archived) visits stay in their day's log.
        cases = (
            self.env["xinfang.case"]
            .with_context(active_test=False)
            .search([("duty_roster_id", "in", self.ids)])
        )
        for roster in self:
            roster.case_ids = cases.filtered(
                lambda case, r=roster: case.duty_roster_id == r
            )
            roster.visit_count = len(roster.case_ids)

    @api.constrains("date")
    def _check_working_day(self):
        Holiday = self.env["xinfang.holiday"]
        for roster in self:
            if not Holiday.is_working_day(roster.date):
                raise ValidationError(
                    self.env._(
                        "%(date)s is a day off on the China calendar: no leader "
                        "is on duty at the reception desk that day.",
                        date=roster.date,
                    )
                )

    @api.constrains("unit_id", "date", "active")
    def _check_one_leader_per_day(self):
        active = self.filtered("active")
        groups = self._read_group(
            [
                ("unit_id", "in", active.unit_id.ids),
                ("date", "in", list(set(active.mapped("date")))),
            ],
            ["unit_id", "date:day"],
            ["__count"],
        )
        taken = {(unit, day) for unit, day, count in groups if count > 1}
        for roster in active:
            if (roster.unit_id, roster.date) in taken:
                raise ValidationError(
                    self.env._(
                        "%(unit)s already has a leader on duty on %(date)s.",
                        unit=roster.unit_id.display_name,
                        date=roster.date,
                    )
                )

    @api.constrains("leader_id", "unit_id")
    def _check_leader(self):
        for roster in self:
            leader = roster.leader_id
            if not leader.has_group(LEADER_GROUP):
                raise ValidationError(
                    self.env._("%(user)s is not a leader.", user=leader.name)
                )
            lineage = (roster.unit_id.parent_path or "").split("/")
            if str(leader.xinfang_unit_id.id) not in lineage:
                raise ValidationError(
                    self.env._(
                        "%(user)s is a leader of another unit: the leader on duty "
                        "at %(unit)s belongs to it or to a unit above it.",
                        user=leader.name,
                        unit=roster.unit_id.display_name,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            self.env._("Duty days are never deleted; archive them instead.")
        )

    def action_archive(self):
        self._check_office()
        return super(XinfangDutyRoster, self.sudo()).action_archive()

    def action_unarchive(self):
        self._check_office()
        return super(XinfangDutyRoster, self.sudo()).action_unarchive()

    def _check_office(self):
        if not self.env.su:
            self.env["xinfang.training"]._ensure_office()
            self.check_access("write")

    def action_open_visits(self):
        self.ensure_one()
        return self.env["xinfang.case"]._get_records_action(
            name=self.env._("Visits of %(day)s", day=self.display_name),
            domain=[("duty_roster_id", "=", self.id)],
            context={"active_test": False},
        )

    @api.model
    def _for_visits(self, cases):
        """{case: roster} for visits: the active duty day of the case's
        received date at the nearest desk of its unit's lineage."""
        cases = cases.filtered(lambda c: c.channel == "visit" and c.agency_unit_id)
        if not cases:
            return {}
        lineages = {
            case: [int(i) for i in case.agency_unit_id.parent_path.split("/") if i]
            for case in cases
        }
        rosters = self.sudo().search(
            [
                ("date", "in", list(set(cases.mapped("received_date")))),
                ("unit_id", "in", list({i for ids in lineages.values() for i in ids})),
            ]
        )
        by_key = {(r.unit_id.id, r.date): r for r in rosters}
        result = {}
        for case, lineage in lineages.items():
            for unit_id in reversed(lineage):
                roster = by_key.get((unit_id, case.received_date))
                if roster:
                    result[case] = roster
                    break
        return result

    @api.model
    def _plan_rotation(self, unit, leaders, date_from, date_to):
        """Duty days from ``date_from`` to ``date_to`` at ``unit``, one per
        working day, the ``leaders`` taking turns; days already planned are
        kept. Returns the new duty days."""
        Holiday = self.env["xinfang.holiday"]
        kinds = Holiday._kinds_between(date_from, date_to)
        planned = set(
            self.search(
                [
                    ("unit_id", "=", unit.id),
                    ("date", ">=", date_from),
                    ("date", "<=", date_to),
                ]
            ).mapped("date")
        )
        vals_list = []
        day = date_from
        while day <= date_to:
            if Holiday._is_working(day, kinds) and day not in planned:
                leader = leaders[len(vals_list) % len(leaders)]
                vals_list.append(
                    {"unit_id": unit.id, "date": day, "leader_id": leader.id}
                )
            day += timedelta(days=1)
        return self.create(vals_list)

    @api.model
    def _xinfang_demo_plan(self):
        """Demo: five weeks around today at the county and both stations,
        and the visits of those days in their logs."""
        today = office_today(self)
        date_from = today - timedelta(days=today.weekday() + 21)
        date_to = date_from + timedelta(days=34)
        ref = self.env.ref
        plans = [
            ("unit_county_center", ["user_county_head"]),
            (
                "unit_station_jiaotong",
                ["user_leader", "user_principal", "user_county_head"],
            ),
            ("unit_station_xincheng", ["user_xincheng_head", "user_county_head"]),
        ]
        for unit_xmlid, user_xmlids in plans:
            leaders = [ref(f"xinfang_agency.{xmlid}") for xmlid in user_xmlids]
            self._plan_rotation(
                ref(f"xinfang_agency.{unit_xmlid}"), leaders, date_from, date_to
            )
        visits = (
            self.env["xinfang.case"]
            .with_context(active_test=False)
            .search([("channel", "=", "visit")])
        )
        visits._duty_link()
