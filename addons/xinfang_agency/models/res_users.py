from odoo import api, fields, models

# Petition offices work on Beijing time: "today", deadlines and the dates a
# step records are counted there, whatever the server's or browser's zone.
OFFICE_TZ = "Asia/Shanghai"


class ResUsers(models.Model):
    _inherit = "res.users"

    xinfang_unit_id = fields.Many2one(
        "xinfang.unit", string="Petition Unit", index=True, ondelete="restrict"
    )
    xinfang_jurisdiction_ids = fields.Many2many(
        "xinfang.unit",
        string="Jurisdiction",
        compute="_compute_xinfang_jurisdiction_ids",
        help="The user's unit and every unit below it, archived ones included "
        "(what the record rules let the user see).",
    )

    @api.depends("xinfang_unit_id")
    def _compute_xinfang_jurisdiction_ids(self):
        Unit = self.env["xinfang.unit"].sudo().with_context(active_test=False)
        for user in self:
            user.xinfang_jurisdiction_ids = (
                Unit.search([("id", "child_of", user.xinfang_unit_id.id)])
                if user.xinfang_unit_id
                else Unit
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            vals.setdefault("tz", self.env.context.get("tz") or OFFICE_TZ)
        return super().create(vals_list)

    def _get_invalidation_fields(self):
        # Record rules read the unit: cached rule domains must follow a move.
        return super()._get_invalidation_fields() | {"xinfang_unit_id"}

    @api.model
    def _xinfang_demo_prefer_chinese(self, user_ids):
        """Demo users read the product in Chinese when it is installed."""
        if self.env["res.lang"]._lang_get("zh_CN"):
            self.browse(user_ids).write({"lang": "zh_CN"})
