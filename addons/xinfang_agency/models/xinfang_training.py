from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

CLERK_GROUP = "xinfang_agency.group_xinfang_clerk"
TRAINING_FIELDS = (
    "date",
    "topic",
    "hours",
    "trainer",
    "unit_id",
    "agent_ids",
    "location",
    "note",
)
# A day of training is at most this long; more is a typing error.
MAX_HOURS = 24.0


class XinfangTraining(models.Model):
    """A training session of agents (seed 000 §6(三), seed 004 §8: agents
    are trained regularly), with the hours counted for each attendee."""

    _name = "xinfang.training"
    _description = "Agent Training"
    _inherit = ["mail.thread", "xinfang.write.guard.mixin", "xinfang.input.mixin"]
    _order = "date desc, id desc"
    _rec_name = "topic"
    _xinfang_past_date_fields = ("date",)

    _write_guard_rules = ((("*",), (CLERK_GROUP,), TRAINING_FIELDS),)
    _write_guard_create_rules = (((CLERK_GROUP,), TRAINING_FIELDS + ("active",)),)

    date = fields.Date(required=True, tracking=True, index=True)
    topic = fields.Char(required=True, tracking=True)
    hours = fields.Float(required=True, default=2.0, tracking=True)
    trainer = fields.Char(tracking=True)
    location = fields.Char()
    unit_id = fields.Many2one(
        "xinfang.unit",
        string="Organised by",
        required=True,
        index=True,
        tracking=True,
        default=lambda self: self.env.user.xinfang_unit_id,
    )
    agent_ids = fields.Many2many(
        "xinfang.agent",
        "xinfang_training_agent_rel",
        "training_id",
        "agent_id",
        string="Attendees",
    )
    attendee_count = fields.Integer(compute="_compute_attendee_figures", store=True)
    total_hours = fields.Float(
        string="Agent Hours",
        compute="_compute_attendee_figures",
        store=True,
        help="Hours × attendees.",
    )
    note = fields.Text()
    active = fields.Boolean(default=True, tracking=True)

    @api.depends("hours", "agent_ids")
    def _compute_attendee_figures(self):
        for training in self:
            training.attendee_count = len(training.agent_ids)
            training.total_hours = training.hours * training.attendee_count

    @api.constrains("hours")
    def _check_hours(self):
        for training in self:
            if not 0 < training.hours <= MAX_HOURS:
                raise ValidationError(
                    self.env._(
                        "The training hours must be more than 0 and at most "
                        "%(max)s; %(hours)s was entered.",
                        max=MAX_HOURS,
                        hours=training.hours,
                    )
                )

    @api.constrains("agent_ids", "unit_id")
    def _check_attendees_in_jurisdiction(self):
        """An office trains the agents of its own jurisdiction."""
        # Read as superuser: the attendees may be beyond what the user reads.
        for training in self.sudo():
            outside = training.agent_ids.filtered(
                lambda agent, t=training: t.unit_id.parent_path
                and not (agent.unit_id.parent_path or "").startswith(
                    t.unit_id.parent_path
                )
            )
            if outside:
                raise ValidationError(
                    self.env._(
                        "%(agents)s do not belong to %(unit)s or the units below it.",
                        agents="、".join(outside.mapped("name")),
                        unit=training.unit_id.display_name,
                    )
                )

    @api.model
    def _ensure_office(self):
        if not self.env.user.has_group(CLERK_GROUP):
            raise AccessError(
                self.env._("Only the petition office manages agents and trainings.")
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            self.env._("Training records are never deleted; archive them instead.")
        )

    def action_archive(self):
        if not self.env.su:
            self._ensure_office()
            self.check_access("write")
        return super(XinfangTraining, self.sudo()).action_archive()

    def action_unarchive(self):
        if not self.env.su:
            self._ensure_office()
            self.check_access("write")
        return super(XinfangTraining, self.sudo()).action_unarchive()
