from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

CLERK_GROUP = "xinfang_agency.group_xinfang_clerk"
EMPLOYMENTS = [("full_time", "Full-time"), ("part_time", "Part-time")]
BACKGROUNDS = [
    ("cadre", "Cadre"),
    ("representative", "Deputy or Committee Member"),
    ("veteran_cadre", "Retired Cadre"),
    ("lawyer", "Lawyer"),
    ("mediator", "People's Mediator"),
    ("grid_worker", "Grid Worker"),
    ("volunteer", "Volunteer"),
]
PROFILE_FIELDS = (
    "name",
    "user_id",
    "unit_id",
    "phone",
    "employment",
    "background",
    "appointed_date",
    "note",
)


class XinfangAgent(models.Model):
    """An agent (代办员) of an institution, as registered and posted on the
    wall: a staff member with a login or a part-time volunteer without one
    (两代表一委员, 老干部, 律师 of seed 000 §6(二))."""

    _name = "xinfang.agent"
    _description = "Petition Agent"
    _inherit = ["mail.thread", "xinfang.write.guard.mixin", "xinfang.input.mixin"]
    _order = "unit_id, employment, name"
    _xinfang_past_date_fields = ("appointed_date",)

    # The petition office registers and edits agents; archiving is its
    # action_archive (``active`` is not typed by hand).
    _write_guard_rules = ((("*",), (CLERK_GROUP,), PROFILE_FIELDS),)
    _write_guard_create_rules = (((CLERK_GROUP,), PROFILE_FIELDS + ("active",)),)

    name = fields.Char(required=True, tracking=True)
    user_id = fields.Many2one(
        "res.users",
        index=True,
        tracking=True,
        help="The agent's login, if they work in the system.",
    )
    unit_id = fields.Many2one(
        "xinfang.unit",
        string="Institution",
        required=True,
        index=True,
        tracking=True,
        domain=[("is_institution", "=", True)],
        default=lambda self: self.env.user.xinfang_unit_id,
    )
    phone = fields.Char(tracking=True)
    employment = fields.Selection(
        EMPLOYMENTS, required=True, default="part_time", tracking=True
    )
    background = fields.Selection(
        BACKGROUNDS, required=True, default="cadre", tracking=True
    )
    appointed_date = fields.Date(string="Appointed On")
    note = fields.Text()
    active = fields.Boolean(default=True, tracking=True)
    training_ids = fields.Many2many(
        "xinfang.training",
        "xinfang_training_agent_rel",
        "agent_id",
        "training_id",
        string="Trainings",
        readonly=True,
    )
    training_hours = fields.Float(
        string="Trained Hours",
        compute="_compute_training_hours",
        store=True,
        aggregator="sum",
    )
    training_count = fields.Integer(compute="_compute_training_hours", store=True)

    _sql_constraints = [
        ("user_unique", "unique(user_id)", "This user already has an agent profile."),
    ]

    @api.depends("training_ids.hours", "training_ids.active")
    def _compute_training_hours(self):
        for agent in self:
            trainings = agent.training_ids.filtered("active")
            agent.training_hours = sum(trainings.mapped("hours"))
            agent.training_count = len(trainings)

    @api.constrains("unit_id")
    def _check_unit_is_institution(self):
        for agent in self:
            if not agent.unit_id.is_institution:
                raise ValidationError(
                    self.env._(
                        "%(unit)s is a line office, not an agency institution: "
                        "agents belong to a center, station or point.",
                        unit=agent.unit_id.display_name,
                    )
                )

    @api.onchange("user_id")
    def _onchange_user_id(self):
        if self.user_id:
            self.name = self.name or self.user_id.name
            self.phone = self.phone or self.user_id.phone
            self.unit_id = self.user_id.xinfang_unit_id or self.unit_id

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("Agents are never deleted; archive them instead."))

    def action_archive(self):
        """The petition office of the jurisdiction retires an agent."""
        self._check_office()
        return super(XinfangAgent, self.sudo()).action_archive()

    def action_unarchive(self):
        self._check_office()
        return super(XinfangAgent, self.sudo()).action_unarchive()

    def _check_office(self):
        if not self.env.su:
            self.env["xinfang.training"]._ensure_office()
            self.check_access("write")
