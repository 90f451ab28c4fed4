from odoo import api, fields, models
from odoo.exceptions import ValidationError


class XinfangCaseCategory(models.Model):
    """Content category (内容分类) of a petition, as a tree."""

    _name = "xinfang.case.category"
    _description = "Petition Category"
    _inherit = ["xinfang.input.mixin"]
    _parent_store = True
    _rec_names_search = ["name", "code"]
    _order = "parent_path, id"

    name = fields.Char(required=True, translate=True)
    complete_name = fields.Char(
        compute="_compute_complete_name",
        search="_search_complete_name",
        recursive=True,
        help="The path from the top category, in the user's language.",
    )
    code = fields.Char(index=True)
    parent_id = fields.Many2one(
        "xinfang.case.category",
        string="Parent Category",
        index=True,
        ondelete="restrict",
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many(
        "xinfang.case.category", "parent_id", string="Sub-categories"
    )
    nature = fields.Selection(
        [
            ("admin_livelihood", "Administrative / Livelihood"),
            ("law_litigation", "Law / Litigation"),
        ],
        string="Default Nature",
        help="Nature proposed for a case of this category.",
    )
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "The category code must be unique."),
    ]

    @api.depends("name", "parent_id.complete_name")
    @api.depends_context("lang")
    def _compute_complete_name(self):
        # Not stored: the names are translated, so is the path.
        for category in self:
            if category.parent_id:
                category.complete_name = (
                    f"{category.parent_id.complete_name} / {category.name}"
                )
            else:
                category.complete_name = category.name

    def _search_complete_name(self, operator, value):
        return [("name", operator, value)]

    @api.depends("complete_name")
    def _compute_display_name(self):
        for category in self:
            category.display_name = category.complete_name

    @api.constrains("parent_id")
    def _check_parent_id(self):
        if self._has_cycle():
            raise ValidationError(self.env._("A category cannot be its own ancestor."))
