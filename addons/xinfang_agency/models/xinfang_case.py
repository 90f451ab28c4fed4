from odoo import api, fields, models

CHANNELS = [
    ("letter", "Letter"),
    ("visit", "Visit"),
    ("online", "Online"),
    ("phone", "Phone"),
    ("hotline_12345", "12345 Hotline"),
    ("superior", "Assigned by Superior"),
    ("screening", "Proactive Screening"),
]


class XinfangCase(models.Model):
    _name = "xinfang.case"
    _description = "Petition Case"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "received_date desc, id desc"

    name = fields.Char(
        string="Reference",
        required=True,
        readonly=True,
        copy=False,
        default=lambda self: self.env._("New"),
        index="trigram",
    )
    received_date = fields.Date(
        required=True, default=fields.Date.context_today, tracking=True, index=True
    )
    channel = fields.Selection(CHANNELS, required=True, default="visit", tracking=True)
    summary = fields.Char(required=True, tracking=True)
    demands = fields.Text()
    petitioner_ids = fields.Many2many(
        "res.partner", string="Petitioners", domain=[("is_company", "=", False)]
    )
    stage_id = fields.Many2one(
        "xinfang.case.stage",
        default=lambda self: self._default_stage_id(),
        group_expand="_read_group_stage_ids",
        tracking=True,
        index=True,
        ondelete="restrict",
        copy=False,
    )
    state = fields.Selection(related="stage_id.state", store=True, index=True)
    agency_unit_id = fields.Many2one(
        "xinfang.unit",
        default=lambda self: self.env.user.xinfang_unit_id,
        tracking=True,
        index=True,
    )
    handling_unit_id = fields.Many2one("xinfang.unit", tracking=True, index=True)
    agent_id = fields.Many2one("res.users", tracking=True, index=True)
    handler_id = fields.Many2one(
        "res.users", tracking=True, index=True
    )
    leader_id = fields.Many2one(
        "res.users", string="Leader in Charge", tracking=True, index=True
    )
    active = fields.Boolean(default=True)

    @api.model
    def _default_stage_id(self):
        return self.env["xinfang.case.stage"].search([], limit=1)

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        return stages.search([("active", "=", True)])

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", self.env._("New")) == self.env._("New"):
                vals["name"] = self.env["ir.sequence"].next_by_code("xinfang.case")
        return super().create(vals_list)
