from odoo import api, fields, models
from odoo.exceptions import ValidationError

GRID_LEVELS = [
    ("street", "Street Area"),
    ("community", "Community Area"),
    ("grid", "Grid"),
]
# The level a child area has under a parent of each level.
CHILD_LEVEL = {"street": "community", "community": "grid"}


class XinfangGrid(models.Model):
    """A 民情责任区 (area of responsibility for residents' concerns).

    Seed 003 §5(二): the 综治网格 reach the households in three levels,
    street, community and grid; every grid worker is linked to households.
    An area lies under an agency point (``unit_id``); grid workers see the
    disputes and cases of their areas and of the areas below them
    (``res.users.xinfang_grid_ids``).
    """

    _name = "xinfang.grid"
    _description = "Area of Responsibility (Grid)"
    _inherit = ["xinfang.input.mixin"]
    _parent_store = True
    _rec_name = "complete_name"
    _order = "complete_name"

    name = fields.Char(required=True)
    complete_name = fields.Char(
        compute="_compute_complete_name", store=True, recursive=True
    )
    level = fields.Selection(GRID_LEVELS, required=True, default="grid", index=True)
    parent_id = fields.Many2one(
        "xinfang.grid", string="Parent Area", index=True, ondelete="restrict"
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("xinfang.grid", "parent_id", string="Sub-areas")
    unit_id = fields.Many2one(
        "xinfang.unit",
        string="Agency Unit",
        required=True,
        index=True,
        ondelete="restrict",
        help="The agency point (or station, for a street area) the area lies under.",
    )
    worker_ids = fields.Many2many(
        "res.users",
        "xinfang_grid_worker_rel",
        "grid_id",
        "user_id",
        string="Grid Workers",
        domain=[("share", "=", False)],
    )
    household_count = fields.Integer(
        string="Households", help="Households the grid workers are linked to."
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "household_count_positive",
            "CHECK(household_count >= 0)",
            "The number of households cannot be negative.",
        ),
    ]

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for grid in self:
            if grid.parent_id:
                grid.complete_name = f"{grid.parent_id.complete_name} / {grid.name}"
            else:
                grid.complete_name = grid.name

    @api.depends("name", "complete_name")
    @api.depends_context("xinfang_grid_full_path")
    def _compute_display_name(self):
        full = self.env.context.get("xinfang_grid_full_path")
        for grid in self:
            grid.display_name = (grid.complete_name if full else grid.name) or ""

    @api.constrains("parent_id", "level")
    def _check_levels(self):
        if self._has_cycle():
            raise ValidationError(self.env._("An area cannot lie within itself."))
        for grid in self:
            parent = grid.parent_id
            expected = CHILD_LEVEL.get(parent.level) if parent else "street"
            if parent and grid.level != expected:
                raise ValidationError(
                    self.env._(
                        "Area %(area)s lies in %(parent)s: it must be of the level "
                        "below it.",
                        area=grid.name,
                        parent=parent.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        grids = super().create(vals_list)
        self.env.registry.clear_cache()  # grid workers' record rules
        return grids

    def write(self, vals):
        result = super().write(vals)
        if {"worker_ids", "parent_id", "active"} & set(vals):
            self.env.registry.clear_cache()  # grid workers' record rules
        return result
