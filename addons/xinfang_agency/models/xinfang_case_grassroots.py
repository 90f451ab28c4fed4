from odoo import api, fields, models
from odoo.exceptions import ValidationError


class XinfangCaseGrassroots(models.AbstractModel):
    """The grassroots link of a case: the grid it comes from and the
    dispute (矛盾纠纷排查) it was made from. The agent names the grid while
    taking the petition in (the case's write whitelist).

    A concern of ``xinfang.case`` only.
    """

    _name = "xinfang.case.grassroots"
    _description = "Petition Case Grassroots Link"

    grid_id = fields.Many2one(
        "xinfang.grid", tracking=True, index=True, ondelete="restrict"
    )
    dispute_id = fields.Many2one(
        "xinfang.dispute",
        string="Screened Dispute",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="restrict",
        help="The dispute found by screening that this case was made from.",
    )

    @api.constrains("grid_id", "agency_unit_id")
    def _check_grid_of_unit(self):
        """A case lies in a grid of its agency unit: the grid decides which
        grid workers see it."""
        for case in self.sudo().filtered("grid_id"):
            grid_path = case.grid_id.unit_id.parent_path or ""
            if not grid_path.startswith(case.agency_unit_id.parent_path or "-"):
                raise ValidationError(
                    self.env._(
                        "The grid %(grid)s does not lie under %(unit)s, the agency "
                        "unit of case %(case)s.",
                        grid=case.grid_id.name,
                        unit=case.agency_unit_id.name or "-",
                        case=case.name,
                    )
                )
