from odoo import api, fields, models
from odoo.exceptions import ValidationError


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

    _sql_constraints = [
        ("code_unique", "unique(code)", "The unit code must be unique."),
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
        units = super().create(vals_list)
        self.env.registry.clear_cache()  # jurisdictions above them grow
        return units

    def write(self, vals):
        result = super().write(vals)
        if "parent_id" in vals:
            self.env.registry.clear_cache()  # jurisdictions change
        return result

    @api.constrains("parent_id")
    def _check_parent_id(self):
        if self._has_cycle():
            raise ValidationError(self.env._("A unit cannot be its own ancestor."))
