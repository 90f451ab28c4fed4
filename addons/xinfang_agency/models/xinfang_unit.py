import secrets

from odoo import api, fields, models, tools
from odoo.exceptions import ValidationError

# The units that form the agency network (seed 001's 机构): the county
# center, township stations and village points; line offices handle cases
# but are not agency institutions.
INSTITUTION_TYPES = ("center", "station", "point")


class XinfangUnit(models.Model):
    """A unit of the petition network, forming the county's tree.

    Record rules follow this tree through each user's jurisdiction
    (``res.users.xinfang_jurisdiction_ids``), cached with the rule domains:
    adding or moving a unit clears that cache.
    """

    _name = "xinfang.unit"
    _description = "Petition Unit"
    _inherit = ["xinfang.input.mixin"]
    _parent_store = True
    _rec_name = "complete_name"
    _order = "complete_name"

    name = fields.Char(required=True, translate=False)
    complete_name = fields.Char(
        compute="_compute_complete_name", store=True, recursive=True
    )
    code = fields.Char(index=True)
    unit_type = fields.Selection(
        [
            ("center", "Center (county/district)"),
            ("station", "Station (township/street)"),
            ("point", "Point (village/community)"),
            ("department", "Department (line office)"),
        ],
        required=True,
        default="point",
        index=True,
    )
    parent_id = fields.Many2one(
        "xinfang.unit", string="Parent Unit", index=True, ondelete="restrict"
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("xinfang.unit", "parent_id", string="Sub-units")
    head_id = fields.Many2one("res.users")
    member_ids = fields.One2many("res.users", "xinfang_unit_id", string="Members")
    phone = fields.Char(string="Contact Phone")
    active = fields.Boolean(default=True)

    # Registry (备案) of an agency institution: where and when it receives
    # people, and its agents (seed 000 §6, seed 004 §8). The wall list
    # (上墙公示) prints these with each agent's name, phone, employment and
    # background.
    registration_date = fields.Date(
        help="Date the institution was registered (备案) "
        "with the joint-meeting office.",
    )
    address = fields.Char(string="Reception Address")
    opening_hours = fields.Char(
        help="When the institution receives people, e.g. 工作日 8:30-12:00 14:30-17:30."
    )
    is_institution = fields.Boolean(
        compute="_compute_is_institution",
        store=True,
        help="A center, station or point of the agency network.",
    )
    agent_profile_ids = fields.One2many(
        "xinfang.agent", "unit_id", string="Agents", domain=[("active", "=", True)]
    )
    agent_count = fields.Integer(
        compute="_compute_agent_figures", string="Number of Agents"
    )
    training_hours = fields.Float(
        compute="_compute_agent_figures",
        string="Trained Hours",
        help="Hours of training attended by the unit's agents (hours × attendees).",
    )

    # The 上墙公示 poster's QR code: the unit's own petition form
    # (/xinfang/petition?unit=<token>).
    petition_token = fields.Char(
        string="Petition Link Token",
        readonly=True,
        copy=False,
        index=True,
        help="Random part of the unit's online petition link printed as a QR code; "
        "renewing it retires the posters already printed.",
    )
    petition_url = fields.Char(
        string="Online Petition Link", compute="_compute_petition_url"
    )

    _sql_constraints = [
        ("code_unique", "unique(code)", "The unit code must be unique."),
        (
            "petition_token_unique",
            "unique(petition_token)",
            "Each unit has its own petition link.",
        ),
    ]

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for unit in self:
            if unit.parent_id:
                unit.complete_name = f"{unit.parent_id.complete_name} / {unit.name}"
            else:
                unit.complete_name = unit.name

    @api.depends("name", "complete_name")
    @api.depends_context("xinfang_unit_full_path")
    def _compute_display_name(self):
        """Units show by their own name (one line in lists, cards and
        reports); the full path where they must be told apart."""
        full = self.env.context.get("xinfang_unit_full_path")
        for unit in self:
            unit.display_name = (unit.complete_name if full else unit.name) or ""

    @api.model
    def name_search(self, name="", args=None, operator="ilike", limit=100):
        # The dropdown tells same-named units apart by their path.
        pairs = super().name_search(name, args, operator, limit)
        units = self.browse([unit_id for unit_id, _name in pairs])
        return [(unit.id, unit.complete_name) for unit in units]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            vals.setdefault("petition_token", secrets.token_urlsafe(16))
        units = super().create(vals_list)
        self.env.registry.clear_cache()  # jurisdictions above them grow
        return units

    def write(self, vals):
        result = super().write(vals)
        if "parent_id" in vals or "head_id" in vals:
            self.env.registry.clear_cache()  # jurisdictions or heads change
        return result

    @api.model
    @tools.ormcache("unit_id")
    def _xinfang_head_id(self, unit_id):
        """The id of the unit's head (cached: read for every text the system
        writes for a case's readers)."""
        return self.sudo().browse(unit_id).head_id.id

    @api.constrains("parent_id")
    def _check_parent_id(self):
        if self._has_cycle():
            raise ValidationError(self.env._("A unit cannot be its own ancestor."))

    # ------------------------------------------------------------------
    # Registry and poster
    # ------------------------------------------------------------------
    @api.depends("unit_type")
    def _compute_is_institution(self):
        for unit in self:
            unit.is_institution = unit.unit_type in INSTITUTION_TYPES

    @api.depends("agent_profile_ids.active", "agent_profile_ids.training_hours")
    def _compute_agent_figures(self):
        """Both totals in two grouped queries, whatever the number of units."""
        Agent = self.env["xinfang.agent"]
        counts = dict(
            Agent._read_group([("unit_id", "in", self.ids)], ["unit_id"], ["__count"])
        )
        hours = dict(
            Agent._read_group(
                [("unit_id", "in", self.ids)], ["unit_id"], ["training_hours:sum"]
            )
        )
        for unit in self:
            unit.agent_count = counts.get(unit, 0)
            unit.training_hours = hours.get(unit, 0.0)

    def action_open_agents(self):
        self.ensure_one()
        return self.env["xinfang.agent"]._get_records_action(
            name=self.env._("Agents of %(unit)s", unit=self.name),
            domain=[("unit_id", "=", self.id)],
            context={"default_unit_id": self.id},
        )

    @api.depends("petition_token")
    def _compute_petition_url(self):
        base = self.get_base_url()
        for unit in self:
            unit.petition_url = (
                f"{base}/xinfang/petition?unit={unit.petition_token}"
                if unit.petition_token
                else False
            )

    def action_renew_petition_token(self):
        """A new link (and QR code) for the unit: the old posters stop working."""
        self.check_access("write")
        for unit in self:
            unit.petition_token = secrets.token_urlsafe(16)
        return True

    def _poster_agents(self):
        """The unit's agents and their phones, for the poster."""
        self.ensure_one()
        agent_group = self.env.ref("xinfang_agency.group_xinfang_agent")
        return self.sudo().member_ids.filtered(
            lambda user: agent_group in user.groups_id and not user.share
        )

    @api.model
    def _init_petition_tokens(self):
        """Units created before the poster existed get their token."""
        for unit in (
            self.sudo()
            .with_context(active_test=False)
            .search([("petition_token", "=", False)])
        ):
            unit.petition_token = secrets.token_urlsafe(16)
