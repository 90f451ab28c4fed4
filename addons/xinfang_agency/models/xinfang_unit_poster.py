import secrets

from odoo import api, fields, models


class XinfangUnit(models.Model):
    """The unit's 上墙公示 poster: its agents and a QR code of its own
    petition form (/xinfang/petition?unit=<token>)."""

    _inherit = "xinfang.unit"

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
        (
            "petition_token_unique",
            "unique(petition_token)",
            "Each unit has its own petition link.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            vals.setdefault("petition_token", secrets.token_urlsafe(16))
        return super().create(vals_list)

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
