from odoo import api, fields, models


class ResUsers(models.Model):
    """Grid workers: the areas of responsibility a user works in."""

    _inherit = "res.users"  # pylint: disable=consider-merging-classes-inherited

    xinfang_worker_grid_ids = fields.Many2many(
        "xinfang.grid",
        "xinfang_grid_worker_rel",
        "user_id",
        "grid_id",
        string="Grids Worked",
        help="The areas of responsibility the user is a grid worker of.",
    )
    xinfang_grid_ids = fields.Many2many(
        "xinfang.grid",
        string="Grid Jurisdiction",
        compute="_compute_xinfang_grid_ids",
        help="The user's areas and every area below them, archived ones "
        "included (what the grid worker's record rules let the user see).",
    )

    @api.depends("xinfang_worker_grid_ids")
    def _compute_xinfang_grid_ids(self):
        Grid = self.env["xinfang.grid"].sudo().with_context(active_test=False)
        for user in self:
            worked = user.sudo().with_context(active_test=False).xinfang_worker_grid_ids
            user.xinfang_grid_ids = (
                Grid.search([("id", "child_of", worked.ids)]) if worked else Grid
            )

    @api.model
    def _xinfang_home_actions(self):
        # Last: a grid worker with another petition role starts on its work.
        return super()._xinfang_home_actions() + [
            (
                "xinfang_agency.group_xinfang_grid_worker",
                "xinfang_agency.xinfang_dispute_action_home_grid_worker",
            )
        ]
